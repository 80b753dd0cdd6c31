//! The `People` sheet: every person, with the credentials read for them,
//! whether and for whom they count, and the credentials that do not count
//! and why (expired, retired, an exam without its prerequisite).

use rust_xlsxwriter::XlsxError;

use crate::report::xlsx::{
    Cell, Col, Formats, Pages, SplicedRows, XfIndices, col, write_table_spliced,
};
use crate::report::{Family, ReportData};

/// Writes the `People` sheet: one row per person (a fifth of the customer
/// rows), made and compressed on every core as `Customers` is, and
/// returned to be spliced in when the file is saved.
pub(crate) fn write<F: Family>(
    workbook: &mut impl Pages,
    formats: &Formats,
    xf: &XfIndices,
    data: &ReportData<F>,
) -> Result<Vec<SplicedRows>, XlsxError> {
    let t = data.texts();
    let h = &t.h;
    let columns: [Col; 9] = [
        col(h.partner_id, 12.0),
        col(h.partner_name, 26.0),
        col(h.person_id, 30.0),
        col(h.person_name, 24.0),
        col(h.credentials, 60.0),
        col(h.qualifies, 9.0),
        col(h.counted_for_partner, 12.0),
        col(h.still_needs, 40.0),
        col(h.not_counted_because, 50.0),
    ];
    let rules = data.rules();
    let partners = &data.evaluation.partners;
    let people = &data.evaluation.people;
    let row = |k: usize, _: &mut ()| {
        let person = &people[k];
        let partner_name = partners
            .binary_search_by(|p| p.partner.cmp(&person.partner))
            .ok()
            .and_then(|i| partners[i].name.as_deref());
        let credentials: Vec<String> = person
            .credentials
            .iter()
            .map(|c| {
                let mut s = c.text.clone();
                if let Some(d) = c.passed_on {
                    s.push_str(&format!(" ({d})"));
                }
                if !c.in_time {
                    s.push_str(t.after_as_of);
                }
                s
            })
            .collect();
        let counted = match &person.counted_for {
            Some(other) => (t.counts_for)(other.as_str()),
            None => t.yes_no(person.counted).to_string(),
        };
        let dropped: Vec<String> = person
            .credentials
            .iter()
            .flat_map(|c| &c.dropped)
            .map(|(id, why)| t.dropped(id, why, rules))
            .collect();
        [
            Cell::from(person.partner.as_str()),
            Cell::from(partner_name),
            Cell::from(person.person.as_str()),
            Cell::from(person.name.as_deref()),
            Cell::from(credentials.join("; ")),
            Cell::from(t.yes_no(person.qualifies)),
            Cell::from(counted),
            Cell::from(t.lacking(&person.missing, rules)),
            if dropped.is_empty() {
                Cell::Blank
            } else {
                Cell::Wrapped(dropped.join("; ").into())
            },
        ]
    };
    let name = t.sheets.people;
    write_table_spliced(workbook, formats, xf, name, &columns, people.len(), row)
}
