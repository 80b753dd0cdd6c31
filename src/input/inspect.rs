//! What a file is, told from its bytes before any spreadsheet reader sees
//! it: which reader it needs, whether it would ask the machine for more than
//! it may, and whether it can be read at all.
//!
//! - A zip's central directory is checked against the limits without
//!   inflating anything (zip bombs, a lying shared-strings count), and tells
//!   xlsx, xlsb and ods apart, or says what else the zip is (a Word file).
//! - A workbook holding an Excel 4.0 macro sheet makes calamine refuse the
//!   whole file ("Unrecognized sheet:type"): its relationship is relabelled
//!   as a dialog sheet in a copy of the zip held in memory, so the other
//!   sheets are read and the macro sheet is listed as skipped.
//! - An OLE compound file (.xls, an encrypted .xlsx) has its allocation
//!   tables validated by the `cfb` crate (calamine follows sector chains
//!   without loop checks), and is refused as password protected when it is
//!   an encrypted package or its workbook stream starts with a FILEPASS
//!   record (RC4 or XOR obfuscation, which calamine reads as garbage).
//! - Anything else is named by its first bytes: an Excel 4.0 (BIFF2-4)
//!   file, a PDF, an image, an empty file.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, Write};
use std::path::Path;

use super::limits::{Limits, OpenError};

/// The reader a workbook needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Office Open XML (.xlsx, .xlsm).
    Xlsx,
    /// Excel binary workbook (.xlsb).
    Xlsb,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// Excel 97-2003 (.xls, BIFF8 in an OLE compound file).
    Xls,
}

/// A workbook told apart and checked.
#[derive(Debug)]
pub(crate) struct Inspected {
    /// The reader it needs.
    pub(crate) format: Format,
    /// The zip as calamine must see it when its macro sheets were
    /// relabelled; `None`: read the file as it is.
    pub(crate) rewritten: Option<Vec<u8>>,
    /// Whether the dialog sheets calamine lists are the relabelled macro
    /// sheets (the file had no dialog sheet of its own).
    pub(crate) dialog_sheets_are_macro_sheets: bool,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether the first bytes are a zip or an OLE compound file: a workbook
/// whatever the file's name says.
pub(crate) fn is_container(head: &[u8]) -> bool {
    head.starts_with(ZIP) || head.starts_with(OLE)
}

/// Reads the first bytes of a file (at most 16).
pub(crate) fn head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(16);
    File::open(path)?.take(16).read_to_end(&mut head)?;
    Ok(head)
}

/// Tells what a workbook file is and checks it; an error says why it
/// cannot be read at all.
pub(crate) fn inspect(path: &Path, limits: &Limits) -> Result<Inspected, OpenError> {
    let head = head(path)?;
    if head.starts_with(ZIP) {
        inspect_zip(path, limits)
    } else if head.starts_with(OLE) {
        check_compound_file(path)?;
        Ok(Inspected {
            format: Format::Xls,
            rewritten: None,
            dialog_sheets_are_macro_sheets: false,
        })
    } else {
        Err(OpenError::NotASpreadsheet(describe_head(&head)))
    }
}

/// What a file that is not a workbook is, from its first bytes, for the
/// message refusing it; `None` when the bytes name no known format.
pub(crate) fn known_format(head: &[u8]) -> Option<&'static str> {
    const FORMATS: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"BM", "a bitmap image"),
        (b"\x7FELF", "a program"),
        (b"MZ", "a Windows program"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"{\\rtf", "an RTF document"),
    ];
    if is_biff2_to_4(head) {
        return Some("an Excel 4.0 (or older) workbook, a format this tool cannot read");
    }
    FORMATS
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, name)| *name)
}

/// A BIFF2, BIFF3 or BIFF4 stream (Excel 2.x to 4.0): its BOF record
/// (0x0009, 0x0209, 0x0409) at the very start, not in a compound file.
fn is_biff2_to_4(head: &[u8]) -> bool {
    matches!(head, [0x09, 0x00 | 0x02 | 0x04, 4 | 6 | 8, 0x00, ..])
}

fn describe_head(head: &[u8]) -> String {
    if head.is_empty() {
        return "the file is empty (0 bytes)".into();
    }
    if let Some(name) = known_format(head) {
        return format!("it is {name}");
    }
    if head
        .iter()
        .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
    {
        "it is a text file".into()
    } else {
        "unknown file format".into()
    }
}

/// Checks a zip's central directory against the limits without inflating,
/// tells which workbook it holds, and relabels macro sheets if it has any.
fn inspect_zip(path: &Path, limits: &Limits) -> Result<Inspected, OpenError> {
    let file = BufReader::new(File::open(path)?);
    let mut zip = zip::ZipArchive::new(file).map_err(|e| {
        OpenError::Damaged(format!(
            "not a valid workbook: the zip container is damaged or cut short ({e})"
        ))
    })?;
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| {
            OpenError::Damaged(format!(
                "not a valid workbook: a part of its zip container is damaged ({e})"
            ))
        })?;
        let size = entry.size();
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        total = total.saturating_add(size);
        let cap = if name.ends_with("sharedStrings.xml") || name.ends_with("sharedStrings.bin") {
            limits.max_shared_strings_bytes
        } else {
            limits.max_part_bytes
        };
        if size > cap {
            return Err(OpenError::TooLarge(format!(
                "part '{name}' would inflate to {} MB (limit {} MB); this looks like a zip bomb or a damaged file",
                size >> 20,
                cap >> 20
            )));
        }
        names.push(name);
    }
    check_shared_strings_count(&mut zip)?;
    if total > limits.max_total_bytes {
        return Err(OpenError::TooLarge(format!(
            "the workbook would inflate to {} MB (limit {} MB)",
            total >> 20,
            limits.max_total_bytes >> 20
        )));
    }
    let has = |n: &str| names.iter().any(|name| name == n);
    let format = if has("xl/workbook.bin") {
        Format::Xlsb
    } else if names.iter().any(|n| n.starts_with("xl/")) {
        Format::Xlsx
    } else if has("content.xml") {
        Format::Ods
    } else {
        return Err(OpenError::NotASpreadsheet(zip_kind(&names)));
    };
    let rels: Vec<usize> = (0..names.len())
        .filter(|&i| names[i].starts_with("xl/_rels/") && names[i].ends_with(".rels"))
        .collect();
    let mut relabelled = Vec::new();
    let mut had_dialog_sheets = false;
    for i in rels {
        let mut text = String::new();
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        // A part too damaged to read is calamine's to report.
        if entry.read_to_string(&mut text).is_err() {
            continue;
        }
        had_dialog_sheets |= text.contains("relationships/dialogsheet");
        if let Some(new) = relabel_macro_sheets(&text) {
            relabelled.push((i, new));
        }
    }
    if relabelled.is_empty() {
        return Ok(Inspected {
            format,
            rewritten: None,
            dialog_sheets_are_macro_sheets: false,
        });
    }
    let rewritten = rewrite_zip(&mut zip, &relabelled).map_err(|e| {
        OpenError::Damaged(format!(
            "not a valid workbook: its zip container could not be copied to set its macro sheet aside ({e})"
        ))
    })?;
    Ok(Inspected {
        format,
        rewritten: Some(rewritten),
        dialog_sheets_are_macro_sheets: !had_dialog_sheets,
    })
}

/// What a zip that holds no workbook is, from its parts.
fn zip_kind(names: &[String]) -> String {
    let any = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    if any("word/") {
        "it is a Word document (.docx), not a workbook".into()
    } else if any("ppt/") {
        "it is a PowerPoint presentation (.pptx), not a workbook".into()
    } else {
        "it is a zip archive that holds no workbook (no xl/workbook.xml, xl/workbook.bin or content.xml)".into()
    }
}

/// The relationships of an Excel 4.0 macro sheet (`xlMacrosheet`,
/// `xlIntlMacrosheet`), relabelled as dialog sheets, which calamine lists
/// without reading; `None` when there is none.
fn relabel_macro_sheets(rels: &str) -> Option<String> {
    if !rels.contains("Macrosheet\"") && !rels.contains("Macrosheet'") {
        return None;
    }
    let mut out = String::with_capacity(rels.len());
    let mut rest = rels;
    let mut changed = false;
    while let Some(at) = rest.find("<Relationship ") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let element = &rest[at..end];
        if element.contains("/xlMacrosheet") || element.contains("/xlIntlMacrosheet") {
            changed = true;
            out.push_str(
                &element
                    .replace("/xlIntlMacrosheet", "/dialogsheet")
                    .replace("/xlMacrosheet", "/dialogsheet")
                    .replace("macrosheets/", "dialogsheets/"),
            );
        } else {
            out.push_str(element);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// A copy of the zip in memory, its parts as they are (still compressed)
/// except the relationship parts given, which are stored anew.
fn rewrite_zip<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    replaced: &[(usize, String)],
) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        match replaced.iter().find(|(at, _)| *at == i) {
            Some((_, text)) => {
                let name = zip.by_index_raw(i)?.name()?.to_string();
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Stored);
                out.start_file(name, options)?;
                out.write_all(text.as_bytes())?;
            }
            None => out.raw_copy_file(zip.by_index_raw(i)?)?,
        }
    }
    Ok(out.finish()?.into_inner())
}

/// The most shared strings a table may declare, whatever its size.
const MAX_SHARED_STRINGS: u64 = 50_000_000;

/// Checks the shared-strings table's declared `uniqueCount`.
///
/// calamine reserves room for that many strings before reading one, so a
/// table that claims billions makes it ask for hundreds of gigabytes and
/// abort. Every string takes at least `<si></si>` (9 bytes) of XML, so a
/// count above the part's size / 9 is a lie.
fn check_shared_strings_count<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Result<(), OpenError> {
    let Some(index) = (0..zip.len()).find(|&i| {
        zip.name_for_index(i)
            .is_some_and(|n| n.is_ok_and(|n| n.ends_with("sharedStrings.xml")))
    }) else {
        return Ok(());
    };
    let Ok(entry) = zip.by_index(index) else {
        // A damaged part is calamine's to report, with its own message.
        return Ok(());
    };
    let size = entry.size();
    let mut head = Vec::with_capacity(4096);
    if entry.take(4096).read_to_end(&mut head).is_err() {
        return Ok(());
    }
    let head = String::from_utf8_lossy(&head);
    let Some(declared) = head
        .find("uniqueCount=")
        .and_then(|at| head[at + 13..].split(['"', '\'']).next())
        .and_then(|n| n.trim().parse::<u64>().ok())
    else {
        return Ok(());
    };
    let plausible = (size / 9).min(MAX_SHARED_STRINGS);
    if declared > plausible {
        return Err(OpenError::TooLarge(format!(
            "the shared-strings table declares {declared} strings but can hold at most {plausible}; the file is damaged or hostile"
        )));
    }
    Ok(())
}

/// BIFF records looked at for a FILEPASS before giving up: it comes right
/// after the workbook's BOF and a few settings when it is there.
const MAX_GLOBALS_RECORDS: usize = 256;

/// Checks an OLE compound file's (.xls, encrypted .xlsx) allocation tables
/// and refuses one that is password protected.
///
/// calamine follows sector chains without looking for loops: a damaged file
/// whose chain points back on itself makes it allocate until the process is
/// killed, which no panic guard can stop. The `cfb` crate validates the
/// tables (and refuses loops) before calamine sees the file.
fn check_compound_file(path: &Path) -> Result<(), OpenError> {
    let file = BufReader::new(File::open(path)?);
    let mut cfb = cfb::CompoundFile::open(file).map_err(|e| {
        OpenError::Damaged(format!(
            "not a valid .xls file: the compound file is damaged ({e})"
        ))
    })?;
    if cfb.exists("/EncryptedPackage") {
        return Err(OpenError::Password);
    }
    let stream = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| cfb.is_stream(name));
    let Some(stream) = stream else {
        return Err(OpenError::NotASpreadsheet(
            "it is an OLE compound file without a workbook in it (a Word or PowerPoint 97-2003 file?)"
                .into(),
        ));
    };
    let Ok(mut stream) = cfb.open_stream(stream) else {
        // Listed but unreadable: calamine says how.
        return Ok(());
    };
    let mut header = [0u8; 4];
    for _ in 0..MAX_GLOBALS_RECORDS {
        if stream.read_exact(&mut header).is_err() {
            break;
        }
        let typ = u16::from_le_bytes([header[0], header[1]]);
        let len = u16::from_le_bytes([header[2], header[3]]);
        match typ {
            // FILEPASS: the rest of the stream is encrypted or obfuscated.
            0x002F => return Err(OpenError::Password),
            // EOF of the workbook globals: no FILEPASS before the sheets.
            0x000A => break,
            _ => {}
        }
        if stream
            .seek(std::io::SeekFrom::Current(i64::from(len)))
            .is_err()
        {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>"#;

    #[test]
    fn a_macro_sheet_relationship_becomes_a_dialog_sheet_and_nothing_else_changes() {
        let new = relabel_macro_sheets(RELS).unwrap();
        assert!(new.contains(
            r#"Type="http://schemas.microsoft.com/office/2006/relationships/dialogsheet" Target="dialogsheets/sheet1.xml""#
        ));
        assert!(new.contains(r#"relationships/worksheet" Target="worksheets/sheet1.xml"/>"#));
        let expected = RELS
            .replace("/xlMacrosheet", "/dialogsheet")
            .replace("macrosheets/", "dialogsheets/");
        assert_eq!(new, expected);
        let plain = RELS.replace("xlMacrosheet", "worksheet");
        assert_eq!(relabel_macro_sheets(&plain), None);
    }

    #[test]
    fn first_bytes_name_what_a_file_is() {
        assert_eq!(known_format(b"\x89PNG\r\n\x1a\n"), Some("a PNG image"));
        assert_eq!(known_format(b"%PDF-1.7"), Some("a PDF document"));
        // BIFF4's BOF record: type 0x0409, length 6.
        assert!(
            known_format(&[0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00])
                .unwrap()
                .contains("Excel 4.0")
        );
        assert_eq!(known_format(b"Partner ID,Customer ID"), None);
        assert_eq!(describe_head(b""), "the file is empty (0 bytes)");
        assert_eq!(describe_head(b"a,b\r\n"), "it is a text file");
    }
}
