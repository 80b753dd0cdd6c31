//! The rows of a big table written as worksheet XML here, rather than cell
//! by cell through rust_xlsxwriter, so that a million rows are made and
//! compressed on every core while the other sheets are being built.
//!
//! Why by hand: rust_xlsxwriter 0.102 writes a constant-memory sheet on the
//! thread that fills it, and compresses every part on one thread when it
//! saves; its `save()` makes only standard-memory sheets' XML on threads,
//! and one sheet is still one thread. Measured at 1M customer rows (17.3M
//! report cells; README, Performance): a standard-memory sheet of that size
//! alone takes 3.7 GiB and 18.4 s (`write_only --standard-memory`); the
//! report with `Customers` through rust_xlsxwriter in constant memory on
//! its own thread spent 19.6 s building and saving its sheets (saving 7.9 s,
//! 6.0 processor seconds on one core) where this path spent 11.1 s (saving
//! 2.5 s), run back to back on a busy machine. Every second of that is on
//! top of reading, so the crate's way cannot reach the target of
//! no slower than reading and writing alone. The XML made here is byte for
//! byte what rust_xlsxwriter writes for the same cells in a constant-memory sheet
//! (inline strings with its escapes, numbers as it prints them, the same
//! format indices): a test writes the same rows both ways and compares, and
//! every report checks its pages' last rows the same way (`package`).
//!
//! Rows of plain cells are written here (text, wrapped text, numbers,
//! dates, levels, shares), tall rows with their height as rust_xlsxwriter
//! writes it; a link needs the sheet's list of links, which rust_xlsxwriter
//! keeps, and such a row is refused.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::ops::Range;
use std::sync::mpsc;

use flate2::{Compress, Compression, FlushCompress};
use rust_xlsxwriter::{ExcelDateTime, XlsxError};

use super::cell::{Cell, clip};
use super::formats::{CellFormats, XfIndices};
use crate::model::Level;

/// Rows rendered and compressed together: large enough that each piece of
/// the deflate stream compresses well, small enough that the pieces in
/// flight take little memory.
pub(crate) const CHUNK_ROWS: usize = 4_096;

/// The format index of each kind of cell in one kind of row (one line
/// tall, or taller: [`super::Formats::line`] or [`super::Formats::tall`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineXf {
    text: u32,
    right: u32,
    wrap: u32,
    share: u32,
    count: u32,
    figure: u32,
    date: u32,
    points: u32,
    percent: u32,
    gold: u32,
    silver: u32,
    none: u32,
    delta: u32,
    count_at: [u32; 4],
    points_at: [u32; 2],
    points_delta: u32,
}

impl LineXf {
    /// The indices of `formats` (registered, so that every one is known).
    pub(crate) fn new(formats: &CellFormats, xf: &XfIndices) -> Result<LineXf, XlsxError> {
        let of = |f| xf.of(f);
        Ok(LineXf {
            text: match &formats.text {
                Some(f) => of(f)?,
                None => 0,
            },
            right: of(&formats.right)?,
            wrap: of(&formats.wrap)?,
            share: of(&formats.share)?,
            count: of(&formats.count)?,
            figure: of(&formats.figure)?,
            date: of(&formats.date)?,
            points: of(&formats.points)?,
            percent: of(&formats.percent)?,
            gold: of(&formats.gold)?,
            silver: of(&formats.silver)?,
            none: of(&formats.none)?,
            delta: of(&formats.delta)?,
            count_at: [
                of(&formats.count_at[0])?,
                of(&formats.count_at[1])?,
                of(&formats.count_at[2])?,
                of(&formats.count_at[3])?,
            ],
            points_at: [of(&formats.points_at[0])?, of(&formats.points_at[1])?],
            points_delta: of(&formats.points_delta)?,
        })
    }
}

/// Why a row cannot be written here.
fn refused(what: &str) -> XlsxError {
    XlsxError::ParameterError(format!(
        "the fast row writer takes only one-line rows of plain cells, not {what}"
    ))
}

/// Appends row `row` (0-based) of `cells` from column A, `lines` lines
/// tall (as [`super::fit::set_lines`] makes it), as a constant-memory sheet
/// of rust_xlsxwriter writes it; `xf` are the formats of a row that tall.
pub(crate) fn render_row(
    out: &mut Vec<u8>,
    row: u32,
    lines: usize,
    cells: &[Cell],
    xf: &LineXf,
) -> Result<(), XlsxError> {
    let excel_row = row + 1;
    let start = out.len();
    out.extend_from_slice(b"<row r=\"");
    push_u32(out, excel_row);
    out.push(b'"');
    if lines > 1 {
        // rust_xlsxwriter keeps the height in whole pixels (4/3 of a point)
        // and writes it back in points; a line is 15 points, 20 pixels.
        let pixels = (super::fit::line_points(lines) * 4.0 / 3.0).round() as u32;
        out.extend_from_slice(b" ht=\"");
        out.extend_from_slice((f64::from(pixels) * 0.75).to_string().as_bytes());
        out.extend_from_slice(b"\" customHeight=\"1\"");
    }
    out.push(b'>');
    let opened = out.len();
    for (c, cell) in cells.iter().enumerate() {
        render_cell(out, excel_row, c as u16, cell, xf)?;
    }
    if out.len() == opened {
        // A row without cells (and without a height or format) is not
        // written; a tall row always has its wrapped cell.
        out.truncate(start);
    } else {
        out.extend_from_slice(b"</row>");
    }
    Ok(())
}

fn render_cell(
    out: &mut Vec<u8>,
    row: u32,
    col: u16,
    cell: &Cell,
    xf: &LineXf,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Blank => Ok(()),
        Cell::Text(s) => {
            text(out, row, col, clip(s), xf.text);
            Ok(())
        }
        Cell::RightText(s) => {
            text(out, row, col, clip(s), xf.right);
            Ok(())
        }
        Cell::Level(level, label) => {
            let format = match level {
                Level::Gold | Level::Qualified => xf.gold,
                Level::Silver => xf.silver,
                Level::None => xf.none,
            };
            text(out, row, col, label, format);
            Ok(())
        }
        Cell::Count(n) => number(out, row, col, *n as f64, xf.count),
        Cell::Figure(n) => number(out, row, col, *n as f64, xf.figure),
        Cell::Delta(n) => number(out, row, col, *n as f64, xf.delta),
        Cell::Points(x) => number(out, row, col, *x, xf.points),
        Cell::PointsDelta(x) => number(out, row, col, *x, xf.points_delta),
        Cell::Percent(p) => number(out, row, col, f64::from(*p) / 100.0, xf.percent),
        Cell::PointsAt(x, level) => {
            let format = match level {
                Level::Qualified => xf.points_at[1],
                _ => xf.points_at[0],
            };
            number(out, row, col, *x, format)
        }
        Cell::CountAt(n, level) => {
            let format = match level {
                Level::None => xf.count_at[0],
                Level::Silver => xf.count_at[1],
                Level::Gold => xf.count_at[2],
                Level::Qualified => xf.count_at[3],
            };
            number(out, row, col, *n as f64, format)
        }
        Cell::Date(d) => {
            use chrono::Datelike;
            let year = u16::try_from(d.year()).unwrap_or(1900);
            let excel = ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)?;
            number(out, row, col, excel.to_excel(), xf.date)
        }
        Cell::Wrapped(s) => {
            text(out, row, col, clip(s), xf.wrap);
            Ok(())
        }
        Cell::Share(x) => number(out, row, col, *x, xf.share),
        Cell::Link { .. } | Cell::CountLink { .. } => Err(refused("a link")),
        // A metric's points against its most, or money: Summary's and
        // Partner Details' cells, with formats of their own; never a long table's.
        Cell::PointsOf(..) | Cell::Money(_) => Err(refused("a score cell")),
    }
}

/// `<c r="B7"` and the format, if any.
fn open_cell(out: &mut Vec<u8>, row: u32, col: u16, xf: u32) {
    out.extend_from_slice(b"<c r=\"");
    push_column(out, col);
    push_u32(out, row);
    out.push(b'"');
    if xf > 0 {
        out.extend_from_slice(b" s=\"");
        push_u32(out, xf);
        out.push(b'"');
    }
}

fn number(out: &mut Vec<u8>, row: u32, col: u16, x: f64, xf: u32) -> Result<(), XlsxError> {
    // rust_xlsxwriter writes NaN and infinities as text; none of the
    // report's numbers is one, so they are refused rather than imitated.
    if !x.is_finite() {
        return Err(refused("a number that is not finite"));
    }
    open_cell(out, row, col, xf);
    out.extend_from_slice(b"><v>");
    out.extend_from_slice(zmij::Buffer::new().format_finite(x).as_bytes());
    out.extend_from_slice(b"</v></c>");
    Ok(())
}

fn text(out: &mut Vec<u8>, row: u32, col: u16, s: &str, xf: u32) {
    if s.is_empty() {
        // Empty text is no cell, or a blank cell when it has a format.
        if xf > 0 {
            open_cell(out, row, col, xf);
            out.extend_from_slice(b"/>");
        }
        return;
    }
    open_cell(out, row, col, xf);
    out.extend_from_slice(b" t=\"inlineStr\"><is><t");
    if s.starts_with(['\t', '\n', ' ']) || s.ends_with(['\t', '\n', ' ']) {
        out.extend_from_slice(b" xml:space=\"preserve\"");
    }
    out.push(b'>');
    push_escaped(out, s);
    out.extend_from_slice(b"</t></is></c>");
}

/// `s` escaped as rust_xlsxwriter escapes cell text: a literal `_xHHHH_`
/// gets its underscore escaped (`_x005F_xHHHH_`), then `&`, `<`, `>`,
/// control characters (`_x0001_`) and the non-characters U+FFFE and U+FFFF.
fn push_escaped(out: &mut Vec<u8>, s: &str) {
    let needs = s.bytes().any(|b| {
        matches!(b, b'&' | b'<' | b'>' | b'_' | 0xEF) || (b < 0x20 && b != b'\t' && b != b'\n')
    });
    if !needs {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    let s = escape_underscores(s);
    for c in s.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '\t' | '\n' => out.push(c as u8),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.extend_from_slice(format!("_x{:04X}_", c as u32).as_bytes());
            }
            c => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// Escapes the underscore of every `_xHHHH_` in `s` (rust_xlsxwriter's
/// `escape_xml_escapes`).
fn escape_underscores(s: &str) -> std::borrow::Cow<'_, str> {
    const LEN: usize = 7; // `_xHHHH_`
    if !s.contains("_x") {
        return s.into();
    }
    let mut escaped = s.to_string();
    for (i, _) in s.rmatch_indices("_x") {
        if i + LEN > s.len() || !s.is_char_boundary(i + LEN - 1) {
            continue;
        }
        if !s[i + LEN - 1..].starts_with('_') {
            continue;
        }
        if s[i + 2..i + LEN - 1].chars().all(|c| c.is_ascii_hexdigit()) {
            escaped.replace_range(i..i, "_x005F");
        }
    }
    escaped.into()
}

fn push_u32(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// A column's letters: A, Z, AA, XFD.
fn push_column(out: &mut Vec<u8>, col: u16) {
    let mut letters = [0u8; 3];
    let mut i = letters.len();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        i -= 1;
        letters[i] = b'A' + ((n - 1) % 26) as u8;
        n = (n - 1) / 26;
    }
    out.extend_from_slice(&letters[i..]);
}

/// Rows rendered as XML and compressed as raw deflate pieces, each ending
/// on a byte boundary (a sync flush) so that they can follow one another,
/// and other pieces, in one zip entry; kept in a temporary file.
#[derive(Debug)]
pub(crate) struct DeflatedRows {
    /// The compressed pieces, in order.
    pub(crate) file: File,
    /// Their length.
    pub(crate) compressed: u64,
    /// The XML's length.
    pub(crate) uncompressed: u64,
    /// The XML's CRC-32, for the zip entry.
    pub(crate) crc: crc32fast::Hasher,
}

/// Renders and compresses `rows`, [`CHUNK_ROWS`] at a time on every core:
/// `render` appends the XML of a range of rows. Pieces are taken in order
/// and written in order; each core has at most two pieces in flight.
pub(crate) fn deflate_rows(
    rows: Range<usize>,
    level: u8,
    render: impl Fn(Range<usize>, &mut Vec<u8>) -> Result<(), XlsxError> + Sync,
) -> Result<DeflatedRows, XlsxError> {
    let chunks: Vec<Range<usize>> = (rows.start..rows.end)
        .step_by(CHUNK_ROWS)
        .map(|s| s..(s + CHUNK_ROWS).min(rows.end))
        .collect();
    let lanes = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, chunks.len().max(1));
    let mut out = DeflatedRows {
        file: tempfile::tempfile()?,
        compressed: 0,
        uncompressed: 0,
        crc: crc32fast::Hasher::new(),
    };
    std::thread::scope(|scope| -> Result<(), XlsxError> {
        // Lane k takes chunks k, k + lanes, ... and hands them over in
        // order on its own channel: the pieces come back in order, and a
        // lane that runs ahead waits instead of piling up pieces.
        let receivers: Vec<mpsc::Receiver<Result<Piece, XlsxError>>> = (0..lanes)
            .map(|lane| {
                let (send, receive) = mpsc::sync_channel(1);
                let chunks = &chunks;
                let render = &render;
                scope.spawn(move || {
                    let mut xml = Vec::new();
                    for chunk in chunks.iter().skip(lane).step_by(lanes) {
                        xml.clear();
                        let piece = render(chunk.clone(), &mut xml)
                            .and_then(|()| Piece::deflate(&xml, level));
                        let failed = piece.is_err();
                        if send.send(piece).is_err() || failed {
                            break;
                        }
                    }
                });
                receive
            })
            .collect();
        for i in 0..chunks.len() {
            let piece = receivers[i % lanes]
                .recv()
                .map_err(|_| XlsxError::ParameterError("a row writer stopped".into()))??;
            out.file.write_all(&piece.data)?;
            out.compressed += piece.data.len() as u64;
            out.uncompressed += piece.length;
            out.crc.combine(&piece.crc);
        }
        Ok(())
    })?;
    out.file.seek(SeekFrom::Start(0))?;
    Ok(out)
}

/// One compressed piece.
struct Piece {
    data: Vec<u8>,
    length: u64,
    crc: crc32fast::Hasher,
}

impl Piece {
    fn deflate(xml: &[u8], level: u8) -> Result<Piece, XlsxError> {
        let mut crc = crc32fast::Hasher::new();
        crc.update(xml);
        Ok(Piece {
            data: deflate(xml, level, FlushCompress::Sync)?,
            length: xml.len() as u64,
            crc,
        })
    }
}

/// `data` as a raw deflate piece: `Sync` ends it on a byte boundary (more
/// may follow), `Finish` ends the stream.
pub(crate) fn deflate(data: &[u8], level: u8, flush: FlushCompress) -> Result<Vec<u8>, XlsxError> {
    let mut compress = Compress::new(Compression::new(u32::from(level)), false);
    let mut out = Vec::with_capacity(data.len() / 6 + 64);
    loop {
        let consumed = compress.total_in() as usize;
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(4096));
        }
        let status = compress
            .compress_vec(&data[consumed..], &mut out, flush)
            .map_err(|e| XlsxError::ParameterError(format!("deflate: {e}")))?;
        let done_in = compress.total_in() as usize == data.len();
        // Done once all input is in and the flush left room to spare (a
        // full buffer may hold back more output).
        if done_in && out.len() < out.capacity() {
            if flush == FlushCompress::Finish && status != flate2::Status::StreamEnd {
                continue;
            }
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_excel_letters_them() {
        let name = |c| {
            let mut v = Vec::new();
            push_column(&mut v, c);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(name(0), "A");
        assert_eq!(name(25), "Z");
        assert_eq!(name(26), "AA");
        assert_eq!(name(701), "ZZ");
        assert_eq!(name(702), "AAA");
        assert_eq!(name(16_383), "XFD");
    }

    #[test]
    fn text_is_escaped_as_rust_xlsxwriter_escapes_it() {
        let escaped = |s: &str| {
            let mut v = Vec::new();
            push_escaped(&mut v, s);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(escaped("a & b <c>"), "a &amp; b &lt;c&gt;");
        assert_eq!(escaped("tab\there\nline"), "tab\there\nline");
        assert_eq!(escaped("bell\u{7}"), "bell_x0007_");
        assert_eq!(escaped("_x0041_ and _xZZZZ_"), "_x005F_x0041_ and _xZZZZ_");
        assert_eq!(escaped("\u{FFFE}é"), "_xFFFE_é");
    }

    #[test]
    fn pieces_inflate_back_to_the_rows_in_order() {
        use std::io::Read;
        let rows = 0..(CHUNK_ROWS * 3 + 17);
        let render = |r: Range<usize>, out: &mut Vec<u8>| {
            for i in r {
                out.extend_from_slice(format!("<row r=\"{i}\"/>").as_bytes());
            }
            Ok(())
        };
        let mut deflated = deflate_rows(rows.clone(), 3, render).unwrap();
        let mut data = Vec::new();
        deflated.file.read_to_end(&mut data).unwrap();
        data.extend(deflate(b"", 3, FlushCompress::Finish).unwrap());
        let mut xml = String::new();
        flate2::read::DeflateDecoder::new(&data[..])
            .read_to_string(&mut xml)
            .unwrap();
        let mut expected = Vec::new();
        render(rows, &mut expected).unwrap();
        assert_eq!(xml.as_bytes(), expected);
        assert_eq!(deflated.uncompressed, expected.len() as u64);
        assert_eq!(deflated.compressed, data.len() as u64 - 2);
        let mut crc = crc32fast::Hasher::new();
        crc.update(&expected);
        assert_eq!(deflated.crc.finalize(), crc.finalize());
    }
}
