//! CSV dumps: a header row, `|`-joined image lists.

use std::io::BufReader;

use csv::{ByteRecord, Reader, ReaderBuilder};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Reject, RejectScope};
use crate::source::{
    Input, ListingSource, REQUIRED_COLUMNS, RawListing, RawRow, non_blank, split_paths,
};
use crate::util::lines::LineCounter;
use crate::util::tabular::{Column, Header};

pub(super) struct CsvSource {
    reader: Reader<BufReader<LineCounter<Input>>>,
    header: Header,
    columns: Columns,
    record: ByteRecord,
    name: String,
}

/// Where a listing's columns are in the dump's header.
struct Columns {
    listing_id: Column,
    seller_id: Column,
    platform: Column,
    category: Column,
    title: Column,
    description: Column,
    price: Column,
    currency: Column,
    image_paths: Column,
}

impl Columns {
    fn of(header: &Header) -> Columns {
        Columns {
            listing_id: header.column("listing_id"),
            seller_id: header.column("seller_id"),
            platform: header.column("platform"),
            category: header.column("category"),
            title: header.column("title"),
            description: header.column("description"),
            price: header.column("price"),
            currency: header.column("currency"),
            image_paths: header.column("image_paths"),
        }
    }
}

impl CsvSource {
    pub(super) fn new(file: Input, name: String) -> Result<CsvSource> {
        let mut reader = ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(BufReader::with_capacity(1 << 20, LineCounter::new(file)));
        let mut record = ByteRecord::new();
        let read = reader
            .read_byte_record(&mut record)
            .map_err(|e| Error::new(ErrorKind::Csv(e)).with_path(name.as_ref()))?;
        let header = if read {
            Header::new(&record)
        } else {
            Header::default()
        };
        // A dump whose header names none of the listing's columns would reject every row
        // for the same reason: say it once, and stop.
        if read && let Some(lacks) = header.lacks(REQUIRED_COLUMNS) {
            return Err(Error::config(lacks).with_path(name.as_ref()).with_line(1));
        }
        Ok(CsvSource {
            reader,
            columns: Columns::of(&header),
            header,
            record,
            name,
        })
    }
}

impl ListingSource for CsvSource {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawRow>) -> Result<bool> {
        for _ in 0..max {
            let more = self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| {
                    let counter = self.reader.get_mut().get_mut();
                    let line = e.position().map_or(0, |p| counter.line_at(p.byte()));
                    Error::new(ErrorKind::Csv(e))
                        .with_path(self.name.as_ref())
                        .with_line(line)
                })?;
            if !more {
                return Ok(false);
            }
            let counter = self.reader.get_mut().get_mut();
            let line = self
                .record
                .position()
                .map_or(0, |p| counter.line_at(p.byte()));
            let row = match self.header.row(&self.record) {
                Ok(row) => {
                    let c = &self.columns;
                    RawRow::Row(RawListing {
                        line,
                        listing_id: row.get_at(c.listing_id).map(str::to_string),
                        seller_id: row.get_at(c.seller_id).map(str::to_string),
                        platform: row.get_at(c.platform).map(str::to_string),
                        category: row.get_at(c.category).map(str::to_string),
                        title: non_blank(row.raw_at(c.title)),
                        description: non_blank(row.raw_at(c.description)),
                        price: row.get_at(c.price).map(str::to_string),
                        currency: row.get_at(c.currency).map(str::to_string),
                        image_paths: split_paths(row.raw_at(c.image_paths)),
                    })
                }
                Err(e) => RawRow::Bad(Reject {
                    file: self.name.clone(),
                    line,
                    id: self.header.lossy(&self.record, "listing_id"),
                    scope: RejectScope::Row,
                    reason: e.reason(),
                    detail: e.detail(),
                }),
            };
            out.push(row);
        }
        Ok(true)
    }

    fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }
}
