//! Reference figure for the benchmark: calamine alone reading every cell of
//! every sheet of the given workbooks, with nothing else done to the cells.
//!
//! ```text
//! cargo run --release --example read_only -- DIR_OR_FILE... [--sequential]
//! ```
//!
//! Files are read in parallel (rayon), one file per task, as the tool reads
//! them, so the figure is what the machine's cores can do with calamine; with
//! `--sequential` they are read one after the other. xlsx and xlsb go through
//! `worksheet_cells_reader` (streaming, as the tool does), other formats
//! through `worksheet_range`. Text exports (`.csv`, `.tsv`) go through the
//! tool's own streaming record reader (`input::delimited`: encoding, then
//! records through a fixed buffer), without typing the rows. Prints
//! `cells N`, `text_bytes N` and `seconds S` on stdout.

use std::path::{Path, PathBuf};
use std::time::Instant;

use calamine::{DataRef, Reader, Sheets, open_workbook_auto};
use rayon::prelude::*;

fn main() -> anyhow::Result<()> {
    let mut sequential = false;
    let mut digest = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--sequential" {
            sequential = true;
        } else if arg == "--digest" {
            digest = true;
        } else {
            collect(Path::new(&arg), &mut files)?;
        }
    }
    files.sort();
    if digest {
        for file in &files {
            digest_file(file)?;
        }
    }
    let start = Instant::now();
    let per_file: Vec<anyhow::Result<(u64, u64)>> = if sequential {
        files.iter().map(|f| read_all(f)).collect()
    } else {
        files.par_iter().map(|f| read_all(f)).collect()
    };
    let seconds = start.elapsed().as_secs_f64();
    let (mut cells, mut bytes) = (0, 0);
    for r in per_file {
        let (c, b) = r?;
        cells += c;
        bytes += b;
    }
    println!("files {}", files.len());
    println!("cells {cells}");
    println!("text_bytes {bytes}");
    println!("seconds {seconds:.3}");
    Ok(())
}

/// Every spreadsheet under `path`, skipping Excel lock files.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(path) {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy();
        let ext = entry.path().extension().and_then(|e| e.to_str());
        if entry.file_type().is_file()
            && !name.starts_with("~$")
            && matches!(
                ext,
                Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | "csv" | "tsv")
            )
        {
            out.push(entry.into_path());
        }
    }
    Ok(())
}

/// Reads every cell of every sheet; returns the number of non-empty cells
/// and the bytes of text in them (touched so that nothing is optimised away).
fn read_all(path: &Path) -> anyhow::Result<(u64, u64)> {
    if path.extension().is_some_and(|e| e == "csv" || e == "tsv") {
        return read_text(path);
    }
    let mut book = open_workbook_auto(path)?;
    let names = book.sheet_names();
    let (mut cells, mut bytes) = (0u64, 0u64);
    for name in names {
        macro_rules! stream {
            ($x:expr) => {{
                let mut reader = $x.worksheet_cells_reader(&name)?;
                while let Some(cell) = reader.next_cell()? {
                    match cell.get_value() {
                        DataRef::Empty => continue,
                        DataRef::SharedString(s) => bytes += s.len() as u64,
                        DataRef::String(s) => bytes += s.len() as u64,
                        _ => {}
                    }
                    cells += 1;
                }
            }};
        }
        match &mut book {
            Sheets::Xlsx(x) => stream!(x),
            Sheets::Xlsb(x) => stream!(x),
            other => {
                let range = other.worksheet_range(&name)?;
                for (_, _, data) in range.used_cells() {
                    if let calamine::Data::String(s) = data {
                        bytes += s.len() as u64;
                    }
                    cells += 1;
                }
            }
        }
    }
    Ok((cells, bytes))
}

/// Reads every field of a text export with the tool's record reader.
fn read_text(path: &Path) -> anyhow::Result<(u64, u64)> {
    use competency_report::input::delimited::{dialect, encoding, records};
    use std::io::Read;
    let opened = encoding::open(path)?;
    let mut reader = opened.reader;
    let mut prefix = Vec::new();
    (&mut reader).take(64 * 1024).read_to_end(&mut prefix)?;
    let decoder = encoding::FieldDecoder::new(opened.encoding);
    let delimiter = dialect::sniff(&prefix, &decoder, false).delimiter;
    let mut records = records::Records::new(std::io::Cursor::new(prefix).chain(reader), delimiter);
    let (mut cells, mut bytes) = (0u64, 0u64);
    while let Some(next) = records.next_record()? {
        if let records::Next::Record(record) = next {
            for field in record.fields().filter(|f| !f.is_empty()) {
                cells += 1;
                bytes += field.len() as u64;
            }
        }
    }
    Ok((cells, bytes))
}

/// Prints one line per sheet: file, sheet, cells and a hash of them all.
fn digest_file(path: &Path) -> anyhow::Result<()> {
    use std::hash::{Hash, Hasher};
    let mut book = open_workbook_auto(path)?;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name)?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut cells = 0u64;
        for (r, c, data) in range.used_cells() {
            (r, c, format!("{data:?}")).hash(&mut hasher);
            cells += 1;
        }
        println!(
            "digest {} {name:?} {cells} {:016x}",
            path.file_name()
                .map(|f| f.to_string_lossy())
                .unwrap_or_default(),
            hasher.finish()
        );
    }
    Ok(())
}
