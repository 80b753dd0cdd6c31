//! A competency's `Next Steps` sheet: for each partner below the top level, one row per
//! thing to do, cheapest step first: the people part-way to qualifying and
//! what they must pass, and the customers nearest to counting (trials to pay
//! for, associations to make), each linked to its row on `Customers`.

use std::borrow::Cow;

use rust_xlsxwriter::{Workbook, XlsxError};

use super::{Levels, Step};
use crate::report::ReportData;
use crate::report::layout::Layout;
use crate::report::xlsx::{Cell, Col, Formats, col, data_row_at, internal_link, write_table};

/// Writes the `Next Steps` sheet.
pub(super) fn write(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData<Levels>,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let h = &t.h;
    let a = &t.advice;
    let columns: [Col; 13] = [
        col(h.partner_id, 12.0),
        col(h.partner_name, 26.0),
        col(h.next_level, 9.0),
        col(h.step, 13.0),
        col(h.who, 30.0),
        col(h.workload, 20.0),
        col(h.active_users, 11.0),
        col(h.what_to_do, 60.0),
        col(h.entitlements_after, 16.0),
        col(h.input_row, 14.0),
        col(h.file, 28.0),
        col(h.sheet, 14.0),
        col(h.row, 7.0),
    ];
    let rules = data.rules();
    let customers = &data.inputs.rows.customers;
    let link = |sheet: &str, position: usize| {
        let (sheet, row) = data_row_at(sheet, position);
        Cell::Link {
            text: Cow::Owned(format!("{sheet} {row}")),
            target: internal_link(&sheet, row),
        }
    };
    let rows = data
        .evaluation
        .partners
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, p, data.derived.partners[i].advice.route.as_ref()?)))
        .flat_map(|(i, p, advice)| {
            let (summary, summary_row) = data_row_at(t.sheets.summary, i);
            let lead = move || {
                vec![
                    Cell::Link {
                        text: p.partner.as_str().into(),
                        target: internal_link(&summary, summary_row),
                    },
                    Cell::from(p.name.as_deref()),
                    Cell::from(t.level(advice.level)),
                ]
            };
            let people = layout.people[i];
            let mut out: Vec<Vec<Cell>> = Vec::new();
            for step in &advice.steps {
                match step {
                    Step::People(s) => {
                        let people_link = || {
                            if people.1 == 0 {
                                Cell::Blank
                            } else {
                                link(t.sheets.people, people.0)
                            }
                        };
                        for hint in &s.candidates {
                            let mut row = lead();
                            row.extend([
                                Cell::from(a.people_step),
                                Cell::from(hint.name.clone()),
                                Cell::Blank,
                                Cell::Blank,
                                Cell::from((a.do_pass)(&t.lacking(&hint.missing, rules))),
                                Cell::Blank,
                                people_link(),
                            ]);
                            out.push(row);
                        }
                        let rest = (s.short as usize).saturating_sub(s.candidates.len());
                        if rest > 0 {
                            let mut row = lead();
                            row.extend([
                                Cell::from(a.people_step),
                                Cell::Blank,
                                Cell::Blank,
                                Cell::Blank,
                                Cell::from((a.do_train)(&t.count(rest as u64), rest == 1)),
                            ]);
                            out.push(row);
                        }
                    }
                    Step::NewCustomers(short) => {
                        let mut row = lead();
                        row.extend([
                            Cell::from(a.new_customers_step),
                            Cell::Blank,
                            Cell::Blank,
                            Cell::Blank,
                            Cell::from((a.do_win_customers)(
                                &t.count(u64::from(*short)),
                                *short == 1,
                            )),
                        ]);
                        out.push(row);
                    }
                    Step::Entitlements(s) => {
                        if s.plan.is_empty() {
                            let mut row = lead();
                            row.extend([
                                Cell::from(a.entitlements_step),
                                Cell::Blank,
                                Cell::Blank,
                                Cell::Blank,
                                Cell::from((a.do_win)(&t.count(s.short))),
                            ]);
                            out.push(row);
                        }
                        for c in &s.plan {
                            let who = match &c.customer_name {
                                Some(name) => format!("{name} ({})", c.customer),
                                None => c.customer.to_string(),
                            };
                            let source = customers.get(c.row).map(|r| &r.source);
                            let mut row = lead();
                            row.extend([
                                Cell::from(a.entitlements_step),
                                Cell::from(who),
                                Cell::from(c.workload.as_str()),
                                Cell::Count(c.users),
                                Cell::from(t.what_to_do(c, rules)),
                                Cell::Count(c.figure_after),
                                layout
                                    .customer_position
                                    .get(c.row)
                                    .map_or(Cell::Blank, |pos| link(t.sheets.customers, *pos)),
                                source.map_or(Cell::Blank, |s| Cell::from(&**s.file_name())),
                                Cell::from(source.and_then(|s| s.sheet_name())),
                                source
                                    .and_then(|s| s.excel_row())
                                    .map_or(Cell::Blank, Cell::from),
                            ]);
                            out.push(row);
                        }
                    }
                }
            }
            out
        });
    write_table(workbook, formats, t.sheets.next_steps, &columns, rows)?;
    Ok(())
}
