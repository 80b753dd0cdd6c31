//! What a text export is written in, told from its first bytes, and each
//! field turned into text.
//!
//! - A byte-order mark decides: UTF-8, UTF-16 LE or UTF-16 BE (Excel's
//!   "Unicode Text" and many reporting exports are UTF-16 with a BOM).
//! - Without one, text that is mostly every-other-byte NUL is UTF-16 all the
//!   same (a BOM lost on the way).
//! - Otherwise the bytes are taken as they come: each field that is valid
//!   UTF-8 is read as UTF-8, and a field that is not is Windows-1252 (what
//!   German and other Western Excel "CSV" saves are written in). Deciding per
//!   field needs no look ahead, so the file is streamed; a file with one
//!   `Müller` in its millionth row is read right all the same.
//!
//! UTF-16 goes through `encoding_rs_io`, which turns it into UTF-8 as it
//! streams; Windows-1252 fields are decoded by `encoding_rs`.

use std::fs::File;
use std::io::{BufReader, Read};

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;

/// How a text file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (no byte-order mark; every field was valid UTF-8).
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian (`bom`: whether it had a byte-order mark).
    Utf16Le {
        /// Whether the file starts with a byte-order mark.
        bom: bool,
    },
    /// UTF-16, big-endian.
    Utf16Be {
        /// Whether the file starts with a byte-order mark.
        bom: bool,
    },
    /// No byte-order mark, and fields that are not UTF-8 were read as
    /// Windows-1252.
    Windows1252,
}

impl TextEncoding {
    /// The encoding's usual name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le { bom: true } => "UTF-16 LE with BOM",
            TextEncoding::Utf16Le { bom: false } => "UTF-16 LE without BOM",
            TextEncoding::Utf16Be { bom: true } => "UTF-16 BE with BOM",
            TextEncoding::Utf16Be { bom: false } => "UTF-16 BE without BOM",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Why a file is not a text table.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// The operating system refused.
    #[error("cannot open the file: {0}")]
    Io(#[from] std::io::Error),
    /// Opened, but reading its first bytes failed.
    #[error("cannot read the file: {0}")]
    Read(std::io::Error),
    /// It holds binary data.
    #[error(
        "not a spreadsheet or text export: it holds binary data (an image, a program or a damaged file?). {ONLY_INPUTS}"
    )]
    Binary,
    /// It holds nothing at all (or only a byte-order mark).
    #[error(
        "the file is empty: it holds no rows at all, not even a header row. A download that failed leaves such a file: download it again (an export of nothing still has its header row)"
    )]
    Empty,
    /// Text, but no line of it is a table's header, and its name does not
    /// say it is a text export (`README.md`).
    #[error(
        "not a spreadsheet or text export: a text file ({0}) in which no line names the columns of a table this tool reads (e.g. Partner ID, Customer ID, Workload, Active Users). {ONLY_INPUTS}"
    )]
    NotATable(String),
}

/// What every "not an input" message ends with.
const ONLY_INPUTS: &str = "Only workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) and text exports (.csv, .tsv) are read: take it out of the inputs";

/// A text file opened for streaming: UTF-8 (or raw, for per-field decoding)
/// bytes, and how they were told.
pub struct Opened {
    /// The bytes to parse.
    pub reader: Box<dyn Read + Send>,
    /// The encoding told from the first bytes (`Utf8` may still turn out
    /// Windows-1252 field by field).
    pub encoding: TextEncoding,
}

/// How many bytes are looked at to tell the encoding.
const SNIFF_BYTES: usize = 4096;

/// Opens a text file and tells its encoding from its first bytes.
pub fn open(path: &std::path::Path) -> Result<Opened, TextError> {
    let mut file = File::open(path)?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    let encoding = sniff(&head)?;
    let rest = std::io::Cursor::new(head).chain(file);
    let reader: Box<dyn Read + Send> = match encoding {
        TextEncoding::Utf16Le { .. } | TextEncoding::Utf16Be { .. } => {
            let fallback = if matches!(encoding, TextEncoding::Utf16Le { .. }) {
                UTF_16LE
            } else {
                UTF_16BE
            };
            // A BOM (which is stripped) overrides the fallback; without one
            // the sniffed byte order is used.
            Box::new(
                DecodeReaderBytesBuilder::new()
                    .encoding(Some(fallback))
                    .bom_override(true)
                    .strip_bom(true)
                    .build(BufReader::new(rest)),
            )
        }
        TextEncoding::Utf8Bom => {
            let mut rest = rest;
            let mut bom = [0u8; 3];
            rest.read_exact(&mut bom)?;
            Box::new(rest)
        }
        TextEncoding::Utf8 | TextEncoding::Windows1252 => Box::new(rest),
    };
    Ok(Opened { reader, encoding })
}

/// Tells the encoding from a file's first bytes.
pub(crate) fn sniff(head: &[u8]) -> Result<TextEncoding, TextError> {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Ok(TextEncoding::Utf8Bom);
    }
    if head.starts_with(b"\xFF\xFE") {
        return Ok(TextEncoding::Utf16Le { bom: true });
    }
    if head.starts_with(b"\xFE\xFF") {
        return Ok(TextEncoding::Utf16Be { bom: true });
    }
    // A stray NUL or two is a broken row (reported where it is); text in
    // which NUL and other control bytes are common is UTF-16, or not text
    // at all (an image, a program: compressed data is full of them).
    let controls = head.iter().filter(|&&b| is_control(b)).count();
    if controls * 100 <= head.len() {
        return Ok(TextEncoding::Utf8);
    }
    // Text in UTF-16 without a BOM: Latin letters leave every other byte
    // NUL. Anything else with NUL bytes is not text.
    let pairs = head.len() / 2;
    let zero_at = |parity: usize| {
        head.chunks_exact(2)
            .filter(|pair| pair[parity] == 0 && pair[1 - parity] != 0)
            .count()
    };
    if pairs > 0 {
        if zero_at(1) * 10 >= pairs * 7 {
            return Ok(TextEncoding::Utf16Le { bom: false });
        }
        if zero_at(0) * 10 >= pairs * 7 {
            return Ok(TextEncoding::Utf16Be { bom: false });
        }
    }
    Err(TextError::Binary)
}

/// A byte no text holds: a control character other than tab, line feed,
/// form feed and carriage return (NUL included).
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F
}

/// Turns fields into text: UTF-8 where they are, Windows-1252 where they are
/// not (only for a file without a byte-order mark), and remembers whether
/// Windows-1252 was needed.
#[derive(Debug)]
pub struct FieldDecoder {
    encoding: TextEncoding,
}

impl FieldDecoder {
    /// A decoder for a file told as `encoding`.
    pub fn new(encoding: TextEncoding) -> FieldDecoder {
        FieldDecoder { encoding }
    }

    /// The encoding the file turned out to be in, so far.
    pub(crate) fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// Appends `field` as text to `out`.
    pub(crate) fn decode(&mut self, field: &[u8], out: &mut String) {
        match std::str::from_utf8(field) {
            Ok(text) => out.push_str(text),
            Err(_) => match self.encoding {
                TextEncoding::Utf8 | TextEncoding::Windows1252 => {
                    self.encoding = TextEncoding::Windows1252;
                    out.push_str(&WINDOWS_1252.decode_without_bom_handling(field).0);
                }
                // A file that says it is UTF-8 (or was decoded from UTF-16)
                // keeps its word: a damaged byte shows as a replacement mark.
                _ => out.push_str(&String::from_utf8_lossy(field)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        bytes
    }

    fn utf16be(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        bytes
    }

    fn read_all(bytes: &[u8]) -> (String, TextEncoding) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, bytes).unwrap();
        let mut opened = open(&path).unwrap();
        let mut raw = Vec::new();
        opened.reader.read_to_end(&mut raw).unwrap();
        let mut decoder = FieldDecoder::new(opened.encoding);
        let mut text = String::new();
        decoder.decode(&raw, &mut text);
        (text, decoder.encoding())
    }

    #[test]
    fn byte_order_marks_decide() {
        let text = "Kunde;Müller Maschinenbau GmbH\r\n";
        assert_eq!(
            read_all(&[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()),
            (text.to_string(), TextEncoding::Utf8Bom)
        );
        assert_eq!(
            read_all(&utf16le(text, true)),
            (text.to_string(), TextEncoding::Utf16Le { bom: true })
        );
        assert_eq!(
            read_all(&utf16be(text)),
            (text.to_string(), TextEncoding::Utf16Be { bom: true })
        );
        assert_eq!(
            read_all(text.as_bytes()),
            (text.to_string(), TextEncoding::Utf8)
        );
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_by_its_nul_bytes() {
        let text = "Partner ID\tEmail\tExam\r\n1000001\tdan@x.com\t70-346\r\n";
        assert_eq!(
            read_all(&utf16le(text, false)),
            (text.to_string(), TextEncoding::Utf16Le { bom: false })
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_windows_1252() {
        let (bytes, _, _) = WINDOWS_1252.encode("Müller Maschinenbau GmbH;Straße");
        assert_eq!(
            read_all(&bytes),
            (
                "Müller Maschinenbau GmbH;Straße".to_string(),
                TextEncoding::Windows1252
            )
        );
    }

    #[test]
    fn binary_data_is_not_text() {
        assert!(matches!(
            sniff(b"\x00\x01\x02\x00\xff\x00\x00\x00garbage"),
            Err(TextError::Binary)
        ));
        // Compressed data has few NULs but many other control bytes.
        let compressed: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 1)
            .collect();
        assert!(matches!(sniff(&compressed), Err(TextError::Binary)));
        assert_eq!(sniff(b"").unwrap(), TextEncoding::Utf8);
    }
}
