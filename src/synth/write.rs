//! Writes listings as a dump in any of the readable formats.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::error::{Error, ErrorKind, Result};
use crate::model::Listing;
use crate::sink::AtomicFile;
use crate::source::Format;

const ROWS_PER_BATCH: usize = 8192;

/// Writes `listings` to `path` in the format its extension names.
pub fn write_dump(path: &Path, listings: impl Iterator<Item = Listing>) -> Result<u64> {
    let format = Format::of(path).ok_or_else(|| {
        Error::new(ErrorKind::UnsupportedFormat(
            path.extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ))
        .with_path(path)
    })?;
    let mut file = AtomicFile::create(path)?;
    let n = match format {
        Format::Csv => write_csv(&mut file, listings),
        Format::Jsonl => write_jsonl(&mut file, listings),
        Format::Parquet => write_parquet(&mut file, listings),
    }
    .map_err(|e| e.with_path(path))?;
    file.commit()?;
    Ok(n)
}

fn io(e: impl Into<std::io::Error>) -> Error {
    Error::new(ErrorKind::Io(e.into()))
}

fn price(l: &Listing) -> String {
    l.price.map(|p| format!("{p:.2}")).unwrap_or_default()
}

fn write_csv(out: &mut AtomicFile, listings: impl Iterator<Item = Listing>) -> Result<u64> {
    let mut w = csv::Writer::from_writer(out);
    let csv_err = |e: csv::Error| Error::new(ErrorKind::Csv(e));
    w.write_record(crate::source::COLUMNS).map_err(csv_err)?;
    let mut n = 0;
    for l in listings {
        w.write_record([
            l.listing_id.as_str(),
            &l.seller_id,
            &l.platform,
            l.category.as_deref().unwrap_or(""),
            &l.title,
            &l.description,
            &price(&l),
            l.currency.as_deref().unwrap_or(""),
            &l.image_paths.join("|"),
        ])
        .map_err(csv_err)?;
        n += 1;
    }
    w.flush().map_err(io)?;
    Ok(n)
}

fn write_jsonl(out: &mut AtomicFile, listings: impl Iterator<Item = Listing>) -> Result<u64> {
    let mut n = 0;
    for l in listings {
        let value = serde_json::json!({
            "listing_id": l.listing_id,
            "seller_id": l.seller_id,
            "platform": l.platform,
            "category": l.category,
            "title": l.title,
            "description": l.description,
            "price": l.price,
            "currency": l.currency,
            "image_paths": l.image_paths,
        });
        serde_json::to_writer(&mut *out, &value).map_err(io)?;
        out.write_all(b"\n").map_err(io)?;
        n += 1;
    }
    Ok(n)
}

fn write_parquet(out: &mut AtomicFile, listings: impl Iterator<Item = Listing>) -> Result<u64> {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let schema = Arc::new(Schema::new(vec![
        text("listing_id", false),
        text("seller_id", false),
        text("platform", false),
        text("category", true),
        text("title", false),
        text("description", true),
        Field::new("price", DataType::Float64, true),
        text("currency", true),
        Field::new(
            "image_paths",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            true,
        ),
    ]));
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let pq = |e: &dyn std::fmt::Display| Error::new(ErrorKind::Parquet(e.to_string()));
    let mut writer =
        ArrowWriter::try_new(out, Arc::clone(&schema), Some(props)).map_err(|e| pq(&e))?;
    let mut n = 0;
    let mut listings = listings.peekable();
    while listings.peek().is_some() {
        let chunk: Vec<Listing> = listings.by_ref().take(ROWS_PER_BATCH).collect();
        n += chunk.len() as u64;
        let col = |get: fn(&Listing) -> Option<&str>| -> ArrayRef {
            let mut b = StringBuilder::new();
            for l in &chunk {
                b.append_option(get(l));
            }
            Arc::new(b.finish())
        };
        let mut prices = Float64Builder::new();
        let mut images = ListBuilder::new(StringBuilder::new());
        for l in &chunk {
            prices.append_option(l.price);
            for p in &l.image_paths {
                images.values().append_value(p);
            }
            images.append(true);
        }
        let batch = RecordBatch::try_new(
            Arc::clone(&schema),
            vec![
                col(|l| Some(&l.listing_id)),
                col(|l| Some(&l.seller_id)),
                col(|l| Some(&l.platform)),
                col(|l| l.category.as_deref()),
                col(|l| Some(&l.title)),
                col(|l| Some(&l.description)),
                Arc::new(prices.finish()),
                col(|l| l.currency.as_deref()),
                Arc::new(images.finish()),
            ],
        )
        .map_err(|e| pq(&e))?;
        writer.write(&batch).map_err(|e| pq(&e))?;
    }
    writer.close().map_err(|e| pq(&e))?;
    Ok(n)
}
