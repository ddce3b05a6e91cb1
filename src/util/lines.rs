//! Line numbers by byte offset, counted as the bytes are read.
//!
//! The `csv` crate's record positions count a line late after a `\r\n` ending (it takes
//! the `\n` as the start of the next record), and after a blank line: a row of a Windows
//! file would be reported one line early, and `rejects.csv` is how a seller's row is found
//! again. So the lines are counted here, from the bytes themselves.

use std::collections::VecDeque;
use std::io::Read;

/// A reader that notes where each line it passes on starts, and whether it is blank.
#[derive(Debug)]
pub(crate) struct LineCounter<R> {
    inner: R,
    /// Bytes passed on so far.
    read: u64,
    /// The start of the line after the last `\n`, while its first byte is unseen.
    pending: Option<u64>,
    /// Starts of lines 2, 3, … not yet dropped (ascending), and whether each is blank
    /// (begins with `\r` or `\n`).
    starts: VecDeque<(u64, bool)>,
    /// Line starts dropped from the front.
    dropped: u64,
}

impl<R> LineCounter<R> {
    pub(crate) fn new(inner: R) -> LineCounter<R> {
        LineCounter {
            inner,
            read: 0,
            pending: None,
            starts: VecDeque::new(),
            dropped: 0,
        }
    }

    /// The 1-based line of a record that `csv` says starts at `offset`: the first line
    /// that is not blank from `offset` on, since after a `\r\n` or a blank line the
    /// offset it gives is that of the line break before the record. Offsets must be asked
    /// in ascending order (records are read in order), and not beyond what was read.
    pub(crate) fn line_at(&mut self, offset: u64) -> u64 {
        if offset == 0 {
            return 1;
        }
        while self
            .starts
            .front()
            .is_some_and(|&(start, _)| start < offset)
        {
            self.starts.pop_front();
            self.dropped += 1;
        }
        match self.starts.iter().position(|&(_, blank)| !blank) {
            Some(k) => self.dropped + k as u64 + 2,
            None => self.dropped + 1,
        }
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let bytes = &buf[..n];
        let blank = |b: u8| b == b'\r' || b == b'\n';
        if let (Some(at), Some(&first)) = (self.pending, bytes.first()) {
            self.starts.push_back((at, blank(first)));
            self.pending = None;
        }
        for i in memchr::memchr_iter(b'\n', bytes) {
            let at = self.read + i as u64 + 1;
            match bytes.get(i + 1) {
                Some(&next) => self.starts.push_back((at, blank(next))),
                None => self.pending = Some(at),
            }
        }
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands over at most `chunk` bytes at a time: line breaks fall at the
    /// end of one read and the line after them at the start of the next.
    struct Chunked<'a> {
        bytes: &'a [u8],
        chunk: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.chunk.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn lines_by_offset_whatever_the_line_ending() {
        for text in ["a,b\r\nc,d\r\n\r\ne,f\r\n", "a,b\nc,d\n\ne,f\n"] {
            for chunk in [1, 2, 3, 4, 1024] {
                let bytes = text.as_bytes();
                let mut counter = LineCounter::new(Chunked { bytes, chunk });
                let mut all = Vec::new();
                counter.read_to_end(&mut all).unwrap();
                let starts: Vec<u64> = ["a", "c", "e"]
                    .iter()
                    .map(|s| text.find(s).unwrap() as u64)
                    .collect();
                let lines: Vec<u64> = starts.iter().map(|&s| counter.line_at(s)).collect();
                assert_eq!(lines, [1, 2, 4], "{text:?} read {chunk} bytes at a time");
            }
        }
        // What the csv crate gives: the record after "\r\n" starts at the "\n".
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(LineCounter::new("h\r\nx\r\n\r\ny\r\n".as_bytes()));
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let at = record.position().unwrap().byte();
            lines.push(reader.get_mut().line_at(at));
        }
        assert_eq!(lines, [1, 2, 4]);
    }
}
