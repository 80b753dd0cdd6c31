//! The xlsx package seen from inside: its parts as text, a sheet's XML,
//! the tags and attributes in it, and the internal links of a sheet. For
//! what calamine does not show (links, tables, conditional formats, print
//! setup).

use std::io::Read;
use std::path::Path;

/// One file of the xlsx package, as text.
pub fn part(report: &Path, name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(report).unwrap()).unwrap();
    let mut file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    Some(text)
}

/// The names of the files in the xlsx package.
pub fn parts(report: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(report).unwrap()).unwrap();
    zip.file_names().map(|n| n.unwrap().to_string()).collect()
}

/// An attribute's value in an XML tag, unescaped.
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(
        tag[start..start + len]
            .replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Every tag `<name ...>` in an XML text.
pub fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    xml.match_indices(&open)
        .map(|(i, _)| {
            let end = xml[i..].find('>').map_or(xml.len(), |e| i + e + 1);
            &xml[i..end]
        })
        .collect()
}

/// A sheet's XML, found through the workbook and its relationships.
pub fn sheet_xml(report: &Path, sheet: &str) -> String {
    let workbook = part(report, "xl/workbook.xml").unwrap();
    let rels = part(report, "xl/_rels/workbook.xml.rels").unwrap();
    let id = tags(&workbook, "sheet")
        .into_iter()
        .find(|t| attr(t, "name").as_deref() == Some(sheet))
        .and_then(|t| attr(t, "r:id"))
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let target = tags(&rels, "Relationship")
        .into_iter()
        .find(|t| attr(t, "Id").as_deref() == Some(id.as_str()))
        .and_then(|t| attr(t, "Target"))
        .unwrap();
    part(report, &format!("xl/{}", target.trim_start_matches("/xl/"))).unwrap()
}

/// A cell reference split into 0-based (row, column): `B12` -> (11, 1).
pub fn cell_index(cell: &str) -> (usize, usize) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let col = letters
        .chars()
        .fold(0, |n, c| n * 26 + (c as usize - 'A' as usize + 1))
        - 1;
    let row: usize = cell[letters.len()..].parse().unwrap();
    (row - 1, col)
}

/// One internal link: the cell it is on, and the sheet and cell it leads to.
#[derive(Debug)]
pub struct Link {
    /// The cell the link is on, 0-based (row, column).
    pub at: (usize, usize),
    /// The sheet it leads to.
    pub sheet: String,
    /// The cell it leads to, 0-based (row, column).
    pub cell: (usize, usize),
}

/// Every internal link on a sheet.
pub fn links(report: &Path, sheet: &str) -> Vec<Link> {
    tags(&sheet_xml(report, sheet), "hyperlink")
        .into_iter()
        .map(|t| {
            let location = attr(t, "location").expect("an internal link");
            let (target, cell) = location.rsplit_once('!').unwrap();
            Link {
                at: cell_index(&attr(t, "ref").unwrap()),
                sheet: target.trim_matches('\'').replace("''", "'"),
                cell: cell_index(cell),
            }
        })
        .collect()
}

/// The column letters of a zero-based column index (A, ..., Z, AA, ...).
pub fn letters(mut col: usize) -> String {
    let mut out = String::new();
    loop {
        out.insert(0, (b'A' + (col % 26) as u8) as char);
        if col < 26 {
            return out;
        }
        col = col / 26 - 1;
    }
}
