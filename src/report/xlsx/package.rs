//! The report's file put together: the package rust_xlsxwriter saves, with
//! the rows made by [`rows_xml`](super::rows_xml) spliced into their sheets.
//!
//! rust_xlsxwriter saves every part as usual; a sheet whose rows were made
//! apart holds its header row and its last row there. Saving copies every
//! part's compressed bytes as they are, except those sheets: each becomes
//! its XML up to the end of the header row, the rows made apart, and the
//! rest (the last row and what follows the rows), compressed as one deflate
//! stream of three pieces. The zip container is written here (the `zip`
//! crate takes compressed data only from another archive); a test reads it
//! back with the `zip` crate and calamine, and integration tests read every
//! report with calamine.

use std::io::{self, Read, Write};

use flate2::FlushCompress;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::rows_xml::{DeflatedRows, deflate};
use crate::safe_write::QuietTemp;

/// The zip (deflate) level the report is saved with; the benchmark's
/// write-alone reference (`examples/write_only.rs`) uses the same one.
///
/// 3 is what Excel itself uses; rust_xlsxwriter's default of 6 makes saving
/// take about twice as long for a file only about 15% smaller.
pub const ZIP_COMPRESSION_LEVEL: u8 = 3;

/// The rows of one sheet made apart, to be spliced in when it is saved.
#[derive(Debug)]
pub struct SplicedRows {
    /// The sheet's name.
    pub(crate) sheet: String,
    /// Its data rows but the last, compressed.
    pub(crate) rows: DeflatedRows,
    /// Its last row as the rows were made apart: rust_xlsxwriter wrote it
    /// too, and the two must agree (empty when the sheet has no data row).
    pub(crate) last_row: Vec<u8>,
}

/// A built report: rust_xlsxwriter's workbook and the rows made apart.
pub struct BuiltWorkbook {
    /// Every sheet, the spliced ones holding their header and last row.
    pub(crate) workbook: Workbook,
    /// The rows made apart.
    pub(crate) spliced: Vec<SplicedRows>,
}

impl BuiltWorkbook {
    /// The whole file, in memory.
    pub fn save_to_buffer(&mut self) -> Result<Vec<u8>, XlsxError> {
        let mut out = Vec::new();
        self.save_to_writer(&mut out)?;
        Ok(out)
    }

    /// Writes the whole file to `out`, front to back.
    pub fn save_to_writer(&mut self, mut out: impl Write) -> Result<(), XlsxError> {
        // rust_xlsxwriter's package goes to a temporary file, not memory:
        // on a full disk it then fails, with an error, where a report saved
        // straight to disk fails, and quietly. Saved to memory, the first
        // write to fail was its own flush of a sheet's temporary file,
        // which it unwraps (a panic; tests/monthly.rs
        // `a_full_disk_prints_only_the_tools_message`).
        let mut staged = QuietTemp::new()?;
        let saved = self.workbook.save_to_writer(&mut staged);
        // The first error wins: the zip writer may report a later, vaguer one.
        let mut package = staged.into_file()?;
        saved?;
        if self.spliced.is_empty() {
            io::copy(&mut package, &mut out)?;
            return Ok(());
        }
        // Worksheets are numbered in the workbook's order.
        let parts: Vec<(String, usize)> = self
            .workbook
            .worksheets()
            .iter()
            .enumerate()
            .filter_map(|(i, sheet)| {
                let spliced = self.spliced.iter().position(|s| s.sheet == sheet.name())?;
                Some((format!("xl/worksheets/sheet{}.xml", i + 1), spliced))
            })
            .collect();
        let mut archive = zip::ZipArchive::new(io::BufReader::new(package))
            .map_err(|e| XlsxError::ParameterError(format!("reading the saved package: {e}")))?;
        let mut zip = ZipOut::new(out);
        for i in 0..archive.len() {
            let mut entry = archive.by_index_raw(i).map_err(|e| {
                XlsxError::ParameterError(format!("reading the saved package: {e}"))
            })?;
            let name = entry
                .name()
                .map_err(|e| XlsxError::ParameterError(format!("a part's name: {e}")))?
                .into_owned();
            let deflated = entry.compression() == zip::CompressionMethod::Deflated;
            let mut raw = Vec::with_capacity(entry.compressed_size() as usize);
            entry.read_to_end(&mut raw)?;
            let (crc, size) = (entry.crc32(), entry.size());
            drop(entry);
            match parts.iter().find(|(part, _)| *part == name) {
                Some((_, s)) if deflated => {
                    let mut xml = Vec::with_capacity(size as usize);
                    flate2::read::DeflateDecoder::new(&raw[..]).read_to_end(&mut xml)?;
                    splice(&mut zip, &name, &xml, &mut self.spliced[*s])?;
                }
                _ => {
                    let length = raw.len() as u64;
                    zip.entry(&name, deflated, crc, size, length, &mut [&mut &raw[..]])?;
                }
            }
        }
        zip.finish()?;
        Ok(())
    }
}

/// Writes sheet part `name`, whose saved XML is `xml`, with `spliced`'s
/// rows after its header row.
fn splice(
    zip: &mut ZipOut<impl Write>,
    name: &str,
    xml: &[u8],
    spliced: &mut SplicedRows,
) -> Result<(), XlsxError> {
    let odd = |what: &str| {
        XlsxError::ParameterError(format!(
            "sheet {:?}: {what}; the fast row writer no longer matches rust_xlsxwriter, and the report was not written",
            spliced.sheet
        ))
    };
    let data = find(xml, b"<sheetData>").ok_or_else(|| odd("no <sheetData>"))?;
    let header_end = find(&xml[data..], b"</row>").ok_or_else(|| odd("no header row"))? + data + 6;
    let (head, tail) = xml.split_at(header_end);
    // The last row, written by rust_xlsxwriter, checks the rows made apart.
    // When that row was made taller, rust_xlsxwriter writes it once more
    // as an empty row of that height when it saves: kept as it is.
    let after = tail.strip_prefix(&spliced.last_row[..]).map(|rest| {
        let again = rest
            .strip_prefix(b"<row ")
            .and_then(|r| find(r, b"/>").map(|end| &r[end + 2..]))
            .filter(|r| !spliced.last_row.is_empty() && r.starts_with(b"</sheetData>"));
        again.unwrap_or(rest)
    });
    if !after.is_some_and(|rest| rest.starts_with(b"</sheetData>")) {
        return Err(odd("its last row differs from the rows made apart"));
    }
    let level = ZIP_COMPRESSION_LEVEL;
    let head_z = deflate(head, level, FlushCompress::Sync)?;
    let tail_z = deflate(tail, level, FlushCompress::Finish)?;
    let mut crc = crc32fast::Hasher::new();
    crc.update(head);
    crc.combine(&spliced.rows.crc);
    let mut tail_crc = crc32fast::Hasher::new();
    tail_crc.update(tail);
    crc.combine(&tail_crc);
    let size = head.len() as u64 + spliced.rows.uncompressed + tail.len() as u64;
    let rows = &mut spliced.rows;
    let compressed = head_z.len() as u64 + rows.compressed + tail_z.len() as u64;
    let mut rows_data = (&mut rows.file).take(rows.compressed);
    zip.entry(
        name,
        true,
        crc.finalize(),
        size,
        compressed,
        &mut [&mut &head_z[..], &mut rows_data, &mut &tail_z[..]],
    )?;
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A zip file written front to back: entries whose compressed data, CRC
/// and sizes are known before they are written, then the central
/// directory. Zip64 where a size or an offset needs it.
struct ZipOut<W: Write> {
    out: W,
    written: u64,
    central: Vec<u8>,
    entries: u64,
}

const ZIP64: u64 = 0xFFFF_FFFF;

impl<W: Write> ZipOut<W> {
    fn new(out: W) -> ZipOut<W> {
        ZipOut {
            out,
            written: 0,
            central: Vec::new(),
            entries: 0,
        }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// One entry of `compressed` bytes of data, read in order from `data`.
    #[allow(clippy::too_many_arguments)]
    fn entry(
        &mut self,
        name: &str,
        deflated: bool,
        crc: u32,
        size: u64,
        compressed: u64,
        data: &mut [&mut dyn Read],
    ) -> io::Result<()> {
        let offset = self.written;
        let large = size >= ZIP64 || compressed >= ZIP64;
        let method: u16 = if deflated { 8 } else { 0 };
        let version: u16 = if large { 45 } else { 20 };
        let mut local = Vec::with_capacity(30 + name.len() + 20);
        local.extend(0x0403_4b50u32.to_le_bytes());
        local.extend(version.to_le_bytes());
        local.extend(0u16.to_le_bytes()); // flags
        local.extend(method.to_le_bytes());
        local.extend(0u16.to_le_bytes()); // 00:00:00
        local.extend(0x0021u16.to_le_bytes()); // 1980-01-01, as rust_xlsxwriter dates its parts
        local.extend(crc.to_le_bytes());
        let (c32, s32) = if large {
            (ZIP64, ZIP64)
        } else {
            (compressed, size)
        };
        local.extend((c32 as u32).to_le_bytes());
        local.extend((s32 as u32).to_le_bytes());
        local.extend((name.len() as u16).to_le_bytes());
        local.extend((if large { 20u16 } else { 0 }).to_le_bytes());
        local.extend(name.as_bytes());
        if large {
            local.extend(1u16.to_le_bytes());
            local.extend(16u16.to_le_bytes());
            local.extend(size.to_le_bytes());
            local.extend(compressed.to_le_bytes());
        }
        self.put(&local)?;
        let mut copied = 0;
        for piece in data.iter_mut() {
            copied += io::copy(piece, &mut self.out)?;
        }
        self.written += copied;
        if copied != compressed {
            return Err(io::Error::other(format!(
                "{name}: {copied} bytes of data where {compressed} were announced"
            )));
        }

        let central_large = large || offset >= ZIP64;
        let c = &mut self.central;
        c.extend(0x0201_4b50u32.to_le_bytes());
        c.extend(((3u16 << 8) | if central_large { 45 } else { 20 }).to_le_bytes());
        c.extend((if central_large { 45u16 } else { 20 }).to_le_bytes());
        c.extend(0u16.to_le_bytes());
        c.extend(method.to_le_bytes());
        c.extend(0u16.to_le_bytes());
        c.extend(0x0021u16.to_le_bytes());
        c.extend(crc.to_le_bytes());
        let (c32, s32, o32) = if central_large {
            (ZIP64, ZIP64, ZIP64)
        } else {
            (compressed, size, offset)
        };
        c.extend((c32 as u32).to_le_bytes());
        c.extend((s32 as u32).to_le_bytes());
        c.extend((name.len() as u16).to_le_bytes());
        c.extend((if central_large { 28u16 } else { 0 }).to_le_bytes());
        c.extend(0u16.to_le_bytes()); // comment
        c.extend(0u16.to_le_bytes()); // disk
        c.extend(0u16.to_le_bytes()); // internal attributes
        c.extend((0o100_600u32 << 16).to_le_bytes()); // a file, rw-------
        c.extend((o32 as u32).to_le_bytes());
        c.extend(name.as_bytes());
        if central_large {
            c.extend(1u16.to_le_bytes());
            c.extend(24u16.to_le_bytes());
            c.extend(size.to_le_bytes());
            c.extend(compressed.to_le_bytes());
            c.extend(offset.to_le_bytes());
        }
        self.entries += 1;
        Ok(())
    }

    /// The central directory and its end.
    fn finish(mut self) -> io::Result<W> {
        let start = self.written;
        let central = std::mem::take(&mut self.central);
        self.put(&central)?;
        let size = central.len() as u64;
        let large = start >= ZIP64 || size >= ZIP64 || self.entries >= 0xFFFF;
        let mut end = Vec::new();
        if large {
            let record = self.written;
            end.extend(0x0606_4b50u32.to_le_bytes());
            end.extend(44u64.to_le_bytes());
            end.extend(((3u16 << 8) | 45).to_le_bytes());
            end.extend(45u16.to_le_bytes());
            end.extend(0u32.to_le_bytes());
            end.extend(0u32.to_le_bytes());
            end.extend(self.entries.to_le_bytes());
            end.extend(self.entries.to_le_bytes());
            end.extend(size.to_le_bytes());
            end.extend(start.to_le_bytes());
            end.extend(0x0706_4b50u32.to_le_bytes());
            end.extend(0u32.to_le_bytes());
            end.extend(record.to_le_bytes());
            end.extend(1u32.to_le_bytes());
        }
        let entries16 = self.entries.min(0xFFFF) as u16;
        end.extend(0x0605_4b50u32.to_le_bytes());
        end.extend(0u16.to_le_bytes());
        end.extend(0u16.to_le_bytes());
        end.extend(entries16.to_le_bytes());
        end.extend(entries16.to_le_bytes());
        end.extend((size.min(ZIP64) as u32).to_le_bytes());
        end.extend((start.min(ZIP64) as u32).to_le_bytes());
        end.extend(0u16.to_le_bytes());
        self.put(&end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_zip_reads_back_with_every_entry_intact() {
        let text = b"<worksheet>hello, hello, hello</worksheet>".repeat(100);
        let z = deflate(&text, 3, FlushCompress::Finish).unwrap();
        let mut crc = crc32fast::Hasher::new();
        crc.update(&text);
        let crc = crc.finalize();
        let mut zip = ZipOut::new(Vec::new());
        let (size, length) = (text.len() as u64, z.len() as u64);
        zip.entry("a.xml", true, crc, size, length, &mut [&mut &z[..]])
            .unwrap();
        // The same data in two pieces, and stored.
        let (first, second) = z.split_at(5);
        zip.entry(
            "b/c.xml",
            true,
            crc,
            size,
            length,
            &mut [&mut &first[..], &mut &second[..]],
        )
        .unwrap();
        zip.entry("d.txt", false, crc, size, size, &mut [&mut &text[..]])
            .unwrap();
        let bytes = zip.finish().unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 3);
        for name in ["a.xml", "b/c.xml", "d.txt"] {
            let mut read = Vec::new();
            archive
                .by_name(name)
                .unwrap()
                .read_to_end(&mut read)
                .unwrap();
            assert_eq!(read, text, "{name}");
        }
    }
}
