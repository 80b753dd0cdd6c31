//! Which delimiter a text export uses, found from its header line: comma,
//! semicolon (German Excel), tab (Excel's "Unicode Text", `.tsv`) or `|`.
//!
//! Each candidate splits the first rows; the one under which a row reads as
//! a header (the same classification a workbook's rows get) wins, the
//! earliest such row first, then the one that explains most columns. When
//! no candidate finds a header, the one that splits the first line into the
//! most fields is used, and the sheet's own "no header" problem follows.
//! Excel's `sep=;` first line, when present, decides outright.

use super::encoding::FieldDecoder;
use super::records::{Next, Records};
use crate::input::schema::{Classified, classify};
use crate::input::sheet::HEADER_SEARCH_ROWS;

/// The delimiters tried, in the order a tie is decided.
pub(crate) const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// What the first bytes of a text export say about its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// The field delimiter.
    pub delimiter: u8,
    /// Bytes to skip at the start: Excel's `sep=;` line.
    pub(crate) skip: usize,
}

/// Finds the delimiter from `prefix`, the first bytes of the (UTF-8 or
/// raw) text; `prefer_tab` for a `.tsv` file, where tab wins a tie.
pub fn sniff(prefix: &[u8], decoder: &FieldDecoder, prefer_tab: bool) -> Dialect {
    if let Some(dialect) = sep_line(prefix) {
        return dialect;
    }
    let mut order = DELIMITERS.to_vec();
    if prefer_tab {
        order.sort_by_key(|&d| d != b'\t');
    }
    // (row of the header, columns explained), smaller row and more columns
    // better; and the first record's field count as the fallback.
    let mut best: Option<((u32, std::cmp::Reverse<usize>), u8)> = None;
    let mut widest: Option<(usize, u8)> = None;
    for &delimiter in &order {
        let mut records = Records::new(prefix, delimiter);
        let mut decoder = FieldDecoder::new(decoder.encoding());
        let mut seen = 0;
        while let Ok(Some(next)) = records.next_record() {
            let Next::Record(record) = next else { continue };
            // The prefix may end inside a record: only whole rows count.
            seen += 1;
            if seen == 1 && widest.is_none_or(|(w, _)| record.len() > w) {
                widest = Some((record.len(), delimiter));
            }
            let cells: Vec<(u32, String)> = record
                .fields()
                .enumerate()
                .filter_map(|(i, field)| {
                    let mut text = String::new();
                    decoder.decode(field, &mut text);
                    let text = text.trim().to_string();
                    (!text.is_empty()).then_some((i as u32, text))
                })
                .collect();
            if let Classified::Header(columns) = classify(&cells) {
                let score = (record.row, std::cmp::Reverse(columns.found()));
                if best.is_none_or(|(b, _)| score < b) {
                    best = Some((score, delimiter));
                }
                break;
            }
            if seen >= HEADER_SEARCH_ROWS {
                break;
            }
        }
    }
    let delimiter = best
        .map(|(_, d)| d)
        .or(widest.filter(|(w, _)| *w > 1).map(|(_, d)| d))
        .unwrap_or(order[0]);
    Dialect { delimiter, skip: 0 }
}

/// Excel's hint line `sep=;` (any one delimiter character), if the text
/// starts with one.
fn sep_line(prefix: &[u8]) -> Option<Dialect> {
    let rest = prefix.get(..4)?;
    if !rest.eq_ignore_ascii_case(b"sep=") {
        return None;
    }
    let delimiter = *prefix.get(4)?;
    let after = &prefix[5..];
    let skip = match after {
        [b'\r', b'\n', ..] => 7,
        [b'\n', ..] | [b'\r', ..] => 6,
        [] => 5,
        _ => return None,
    };
    Some(Dialect { delimiter, skip })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::delimited::encoding::TextEncoding;

    fn delimiter_of(text: &str) -> u8 {
        sniff(
            text.as_bytes(),
            &FieldDecoder::new(TextEncoding::Utf8),
            false,
        )
        .delimiter
    }

    #[test]
    fn the_header_line_decides() {
        assert_eq!(
            delimiter_of(
                "Partner ID,Customer ID,Workload,Active Users,Association\n1,a,EXO,5,DAP\n"
            ),
            b','
        );
        // Decimal commas in the data do not fool it.
        assert_eq!(
            delimiter_of(
                "Partner-ID;Kunden-ID;Arbeitslast;Aktive Benutzer;Zuordnung\n1;a,b;EXO;1,5;DAP\n"
            ),
            b';'
        );
        assert_eq!(
            delimiter_of("Partner ID\tEmail\tExam\n1\ta@b.c\t70-346\n"),
            b'\t'
        );
        assert_eq!(
            delimiter_of("customerTenantId|customerName|workloadCode|licensesActive|channel\n"),
            b'|'
        );
    }

    #[test]
    fn a_title_line_with_commas_does_not_decide() {
        assert_eq!(
            delimiter_of(
                "Northwind, license usage, September\nPartner ID;Customer ID;Workload;Active Users;Association\n"
            ),
            b';'
        );
    }

    #[test]
    fn excels_sep_line_decides_outright() {
        let d = sniff(
            b"sep=;\r\na,b;c\r\n",
            &FieldDecoder::new(TextEncoding::Utf8),
            false,
        );
        assert_eq!(
            d,
            Dialect {
                delimiter: b';',
                skip: 7
            }
        );
    }

    #[test]
    fn without_a_header_the_widest_split_wins() {
        assert_eq!(delimiter_of("a;b;c;d\n1;2;3;4\n"), b';');
        assert_eq!(delimiter_of("just words\n"), b',');
    }
}
