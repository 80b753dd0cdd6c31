//! Records of a delimited text file, streamed through a fixed buffer, with
//! the row number Excel shows for each.
//!
//! The parsing itself is `csv-core`'s, the parser inside the `csv` crate.
//! `csv::Reader` is not used on its own: it grows a record without limit (a
//! single unbalanced quote makes the rest of a gigabyte file one record in
//! memory) and skips blank lines without counting them, so its line numbers
//! are not the rows Excel shows. Here a record lives in a buffer of fixed
//! size: one that does not fit is a problem, and reading resumes on the line
//! after the one it started on. Blank lines count as rows, a quoted field's
//! line breaks do not, as in Excel.

use std::io::{ErrorKind, Read};

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// The longest record kept. Far more than any row of an export needs; a
/// longer one is an unbalanced quote or not a table at all.
pub(crate) const MAX_RECORD_BYTES: usize = 256 * 1024;

/// Bytes read from the file at a time.
const READ_CHUNK: usize = 64 * 1024;

/// One record: its fields and where it is.
#[derive(Debug)]
pub struct Record<'a> {
    /// The zero-based row Excel shows it on.
    pub(crate) row: u32,
    /// Line breaks inside the record's quoted fields: more than zero on a
    /// record that spans several lines.
    pub(crate) inner_lines: u32,
    fields: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Record<'a> {
    /// How many fields the record has.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether a field holds a NUL byte (binary data, or UTF-16 read as
    /// bytes).
    pub fn has_nul(&self) -> bool {
        self.fields.contains(&0)
    }

    /// The fields' bytes, in order.
    pub fn fields(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let fields = self.fields;
        self.ends.iter().scan(0, move |start, &end| {
            let field = &fields[*start..end];
            *start = end;
            Some(field)
        })
    }
}

/// What reading the next record gave.
#[derive(Debug)]
pub enum Next<'a> {
    /// A record.
    Record(Record<'a>),
    /// A record longer than `MAX_RECORD_BYTES`, starting on this
    /// zero-based row: not read. Reading goes on with the next line.
    TooLong(u32),
}

/// The records of one delimited text.
pub struct Records<R> {
    reader: R,
    parser: Reader,
    delimiter: u8,
    buf: Vec<u8>,
    /// Unparsed bytes are `buf[pos..tail]`.
    pos: usize,
    tail: usize,
    eof: bool,
    /// Where the record being read started, and on which row.
    start: usize,
    start_row: u32,
    /// The row the next record (or blank line) is on.
    row: u32,
    /// The last record ended with `\r`: a `\n` right after it belongs to it.
    pending_cr: bool,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// The previous record's input, for [`Records::reread_after_first_line`].
    last: Option<(usize, usize, u32)>,
}

impl<R: Read> Records<R> {
    /// Records of `reader`, fields separated by `delimiter`, in double
    /// quotes where quoted (`""` is a quote inside one).
    pub fn new(reader: R, delimiter: u8) -> Records<R> {
        Records {
            reader,
            parser: parser(delimiter),
            delimiter,
            buf: vec![0; MAX_RECORD_BYTES + READ_CHUNK],
            pos: 0,
            tail: 0,
            eof: false,
            start: 0,
            start_row: 0,
            row: 0,
            pending_cr: false,
            out: vec![0; MAX_RECORD_BYTES],
            ends: vec![0; 64],
            last: None,
        }
    }

    /// The delimiter the records are split on.
    pub(crate) fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The next record, `None` at the end.
    pub fn next_record(&mut self) -> std::io::Result<Option<Next<'_>>> {
        self.last = None;
        // Blank lines are rows of their own.
        loop {
            if self.pos == self.tail && !self.fill(self.pos)? {
                return Ok(None);
            }
            match self.buf[self.pos] {
                b'\n' => {
                    self.pos += 1;
                    if !std::mem::take(&mut self.pending_cr) {
                        self.row += 1;
                    }
                }
                b'\r' => {
                    self.pos += 1;
                    self.row += 1;
                    self.pending_cr = true;
                }
                _ => break,
            }
        }
        self.pending_cr = false;
        self.start = self.pos;
        self.start_row = self.row;
        let (mut nout, mut nend) = (0, 0);
        loop {
            // csv-core takes an empty input for the end of the file, and
            // strips a byte-order mark from its first input: a first input
            // that is only a BOM would end the file. Give it more than that.
            if self.tail - self.pos < 4 && !self.eof {
                if self.pos - self.start >= MAX_RECORD_BYTES {
                    return Ok(Some(self.too_long()?));
                }
                self.fill(self.start)?;
                continue;
            }
            let input = &self.buf[self.pos..self.tail];
            let (result, nin, o, e) =
                self.parser
                    .read_record(input, &mut self.out[nout..], &mut self.ends[nend..]);
            self.pos += nin;
            nout += o;
            nend += e;
            match result {
                ReadRecordResult::Record => break,
                ReadRecordResult::End => {
                    if nend == 0 {
                        return Ok(None);
                    }
                    break;
                }
                ReadRecordResult::OutputEndsFull => {
                    // Fields are never more than bytes: bounded by the buffer.
                    let more = self.ends.len();
                    self.ends.resize(more * 2, 0);
                }
                ReadRecordResult::OutputFull => return Ok(Some(self.too_long()?)),
                ReadRecordResult::InputEmpty => {
                    if self.eof {
                        // The file ends without a line break: this empty
                        // input tells the parser so, and it ends the record.
                        let (result, _, o, e) = self.parser.read_record(
                            &[],
                            &mut self.out[nout..],
                            &mut self.ends[nend..],
                        );
                        nout += o;
                        nend += e;
                        if result == ReadRecordResult::OutputEndsFull {
                            let more = self.ends.len();
                            self.ends.resize(more * 2, 0);
                            continue;
                        }
                        if nend == 0 {
                            return Ok(None);
                        }
                        break;
                    }
                    if self.pos - self.start >= MAX_RECORD_BYTES {
                        return Ok(Some(self.too_long()?));
                    }
                    self.fill(self.start)?;
                }
            }
        }
        let raw = &self.buf[self.start..self.pos];
        self.pending_cr = raw.last() == Some(&b'\r');
        let body = raw
            .strip_suffix(b"\n")
            .or_else(|| raw.strip_suffix(b"\r"))
            .unwrap_or(raw);
        let inner_lines = body.iter().filter(|&&b| b == b'\n').count() as u32;
        self.last = Some((self.start, self.pos, self.start_row));
        self.row = self.start_row + 1;
        Ok(Some(Next::Record(Record {
            row: self.start_row,
            inner_lines,
            fields: &self.out[..nout],
            ends: &self.ends[..nend],
        })))
    }

    /// Reads the record just returned again, from the line after its first
    /// one: for a record that a stray quote ran over several lines. Its
    /// first line stays unread (the caller reports it); the lines it
    /// swallowed become rows of their own.
    pub(crate) fn reread_after_first_line(&mut self) {
        if let Some((start, end, row)) = self.last.take() {
            let first = self.buf[start..end].iter().position(|&b| b == b'\n');
            if let Some(at) = first {
                self.pos = start + at + 1;
                self.row = row + 1;
                self.pending_cr = false;
                self.parser.reset();
            }
        }
    }

    /// Gives up the record being read: it goes on past the buffer. Reading
    /// resumes after the line it started on (skipping that line's rest when
    /// the line itself is too long).
    fn too_long(&mut self) -> std::io::Result<Next<'static>> {
        let row = self.start_row;
        self.parser.reset();
        self.pending_cr = false;
        self.row = row + 1;
        let first = self.buf[self.start..self.tail]
            .iter()
            .position(|&b| b == b'\n');
        match first {
            Some(at) => self.pos = self.start + at + 1,
            None => {
                // One line longer than the buffer: skip to its end.
                self.pos = self.tail;
                loop {
                    if !self.fill(self.pos)? {
                        break;
                    }
                    match self.buf[self.pos..self.tail]
                        .iter()
                        .position(|&b| b == b'\n')
                    {
                        Some(at) => {
                            self.pos += at + 1;
                            break;
                        }
                        None => self.pos = self.tail,
                    }
                }
            }
        }
        Ok(Next::TooLong(row))
    }

    /// Moves `buf[keep..tail]` to the front and reads more after it. False
    /// at the end of the input (or when the buffer is full).
    fn fill(&mut self, keep: usize) -> std::io::Result<bool> {
        if keep > 0 {
            self.buf.copy_within(keep..self.tail, 0);
            self.tail -= keep;
            self.pos -= keep;
            self.start = self.start.saturating_sub(keep);
        }
        if self.eof || self.tail == self.buf.len() {
            return Ok(self.pos < self.tail);
        }
        loop {
            match self.reader.read(&mut self.buf[self.tail..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(self.pos < self.tail);
                }
                Ok(n) => {
                    self.tail += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

fn parser(delimiter: u8) -> Reader {
    ReaderBuilder::new()
        .delimiter(delimiter)
        .quote(b'"')
        .double_quote(true)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record as (row, inner lines, fields), and rows too long.
    fn all(input: &[u8], delimiter: u8) -> Vec<(u32, u32, Vec<String>)> {
        let mut records = Records::new(input, delimiter);
        let mut seen = Vec::new();
        while let Some(next) = records.next_record().unwrap() {
            match next {
                Next::Record(r) => seen.push((
                    r.row,
                    r.inner_lines,
                    r.fields()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect(),
                )),
                Next::TooLong(row) => seen.push((row, u32::MAX, Vec::new())),
            }
        }
        seen
    }

    fn row(r: u32, inner: u32, fields: &[&str]) -> (u32, u32, Vec<String>) {
        (r, inner, fields.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn rows_are_numbered_as_excel_shows_them() {
        let input = b"a,b\r\n\r\nc,\"x\r\ny\"\r\n\n\nd,\"q \"\"u\"\" ,e\"\r\ne,f";
        assert_eq!(
            all(input, b','),
            [
                row(0, 0, &["a", "b"]),
                row(2, 1, &["c", "x\r\ny"]),
                row(5, 0, &["d", "q \"u\" ,e"]),
                row(6, 0, &["e", "f"]),
            ]
        );
    }

    #[test]
    fn lone_carriage_returns_and_semicolons() {
        assert_eq!(
            all(b"a;b\rc;d\r\r", b';'),
            [row(0, 0, &["a", "b"]), row(1, 0, &["c", "d"])]
        );
    }

    #[test]
    fn a_record_longer_than_the_buffer_is_skipped_from_its_next_line() {
        let mut input = b"h1,h2\n\"unbalanced,1\n".to_vec();
        for i in 0..20_000 {
            input.extend(format!("{i},filler text for a long file\n").as_bytes());
        }
        let seen = all(&input, b',');
        assert_eq!(seen[0], row(0, 0, &["h1", "h2"]));
        assert_eq!(seen[1].0, 1);
        assert_eq!(seen[1].1, u32::MAX, "the stray quote's record is too long");
        assert_eq!(seen[2], row(2, 0, &["0", "filler text for a long file"]));
        assert_eq!(seen.len(), 2 + 20_000);
    }

    #[test]
    fn one_line_longer_than_the_buffer_is_skipped_to_its_end() {
        let mut input = b"h\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES * 3));
        input.extend(b"\nafter\n");
        let seen = all(&input, b',');
        assert_eq!(
            seen,
            [
                row(0, 0, &["h"]),
                (1, u32::MAX, Vec::new()),
                row(2, 0, &["after"])
            ]
        );
    }

    #[test]
    fn a_record_can_be_read_again_from_its_second_line() {
        let mut records = Records::new(&b"a,\"b\nc,d\ne,\"f\ng,h\n"[..], b',');
        let Some(Next::Record(first)) = records.next_record().unwrap() else {
            panic!("a record");
        };
        assert_eq!((first.row, first.inner_lines, first.len()), (0, 2, 2));
        records.reread_after_first_line();
        let mut rest = Vec::new();
        while let Some(Next::Record(r)) = records.next_record().unwrap() {
            rest.push((r.row, r.fields().map(|f| f.to_vec()).collect::<Vec<_>>()));
        }
        assert_eq!(rest[0], (1, vec![b"c".to_vec(), b"d".to_vec()]));
        assert_eq!(rest[1].0, 2);
    }

    #[test]
    fn a_byte_order_mark_arriving_alone_does_not_end_the_file() {
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = buf.len().min(3).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut records = Records::new(Trickle(b"\xEF\xBB\xBFa,b\nc,d\n"), b',');
        let mut rows = Vec::new();
        while let Some(Next::Record(r)) = records.next_record().unwrap() {
            rows.push(r.fields().map(<[u8]>::to_vec).collect::<Vec<_>>());
        }
        assert_eq!(
            rows,
            [
                vec![b"a".to_vec(), b"b".to_vec()],
                vec![b"c".to_vec(), b"d".to_vec()]
            ]
        );
    }

    #[test]
    fn reading_in_small_chunks_gives_the_same_records() {
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = buf.len().min(3).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let input = b"a,b\r\n\r\nc,\"x\r\ny\"\r\n\n\nd,e\r\n";
        let mut trickled = Records::new(Trickle(input), b',');
        let mut rows = Vec::new();
        while let Some(Next::Record(r)) = trickled.next_record().unwrap() {
            rows.push(r.row);
        }
        assert_eq!(rows, [0, 2, 5]);
    }
}
