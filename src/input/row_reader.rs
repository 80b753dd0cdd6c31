//! One data row of a classified sheet into a typed row, every cell parsed
//! once, here.
//!
//! A row whose partner id is blank is no partner's row (a total or a blank
//! line); a sheet without a partner id column reads every row as its
//! attributed partner's. A bad cell becomes a problem and marks the row
//! invalid (it is still kept, so the report can say why it did not count).

mod acr;

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;

use super::amount::DecimalMark;
use super::cache::{Memo, RowCache};
use super::rows::{CredentialRow, CustomerRow, PartnerRow, Rows, WorkloadCell};
use super::schema::{Columns, Field, SheetKind, is_trial_product};
use super::value::PartnerIdCell;
use super::value::{self, Value, ValueError};
use crate::model::{Association, AssociationSource, Market, PartnerId, PersonId, Sku};
use crate::problem::{Location, Problem};
use crate::rules::Rules;

/// What every row of one sheet shares: its columns, its place, the rules,
/// and what the sheet itself does not say.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SheetRows<'a> {
    /// The sheet's columns.
    pub(crate) columns: &'a Columns,
    /// The sheet (or the text file).
    pub(crate) location: &'a Location,
    /// The rules in force (workloads, credentials).
    pub(crate) rules: &'a Rules,
    /// The partner of every row, for a sheet without a partner id column.
    pub(crate) partner: Option<&'a PartnerId>,
    /// The partner's name for a sheet without a Partner Name column, when
    /// its folder gives one.
    pub(crate) partner_name: Option<&'a str>,
    /// Whether slash dates are month-first (`9/28/2017`, as Partner Center
    /// and US Excel write them in text exports); in a workbook, slash text
    /// is refused as ambiguous.
    pub(crate) month_first_dates: bool,
    /// The file's decimal mark, where it says (amounts of money).
    pub(crate) decimal: DecimalMark,
}

impl<'a> SheetRows<'a> {
    /// A workbook sheet's rows, with its partner id column.
    pub(crate) fn new(columns: &'a Columns, location: &'a Location, rules: &'a Rules) -> Self {
        SheetRows {
            columns,
            location,
            rules,
            partner: None,
            partner_name: None,
            month_first_dates: false,
            decimal: DecimalMark::Unknown,
        }
    }

    fn date_parser(&self) -> fn(&Value) -> Result<Option<NaiveDate>, ValueError> {
        if self.month_first_dates {
            value::date_month_first
        } else {
            value::date
        }
    }
}

/// Whether a data row became a row, was skipped as no partner's, or was blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowFate {
    /// It became a typed row.
    Read,
    /// Everything in it was blank.
    Blank,
    /// It has content but no partner id (a total row, a note).
    NoPartner,
}

/// Reads one data row of a classified sheet into `out`.
///
/// `cells` are the row's non-empty cells, sorted by column.
pub(crate) fn read_row(
    sheet: &SheetRows,
    row: u32,
    cells: &[(u32, Value)],
    out: &mut Rows,
) -> RowFate {
    read_row_cached(sheet, row, cells, out, &mut RowCache::default())
}

/// [`read_row`] for the rows of one sheet in turn, sharing `cache` between
/// them; the result is the same as without it.
pub(super) fn read_row_cached(
    sheet: &SheetRows,
    row: u32,
    cells: &[(u32, Value)],
    out: &mut Rows,
    cache: &mut RowCache,
) -> RowFate {
    if cells.iter().all(|(_, v)| v.is_blank()) {
        return RowFate::Blank;
    }
    let columns = sheet.columns;
    let rules = sheet.rules;
    let mut cx = RowReader {
        columns,
        sheet: sheet.location,
        row,
        cells,
        problems: &mut out.problems,
        invalid: None,
        cache,
    };
    let partner = match (columns.col(Field::PartnerId), sheet.partner) {
        (None, Some(partner)) => partner.clone(),
        _ => match cx
            .text_ref(Field::PartnerId)
            .map(|raw| cx.cache.partner(&raw))
        {
            Some(PartnerIdCell::Id(id)) => id,
            // "Total", "Summe": a label row under the data, not a partner.
            Some(PartnerIdCell::Label) => return RowFate::NoPartner,
            Some(PartnerIdCell::Malformed(raw)) => {
                cx.problem(
                    Field::PartnerId,
                    format!(
                        "{} '{raw}' is not a partner id (MPN ids are digits); this row counts for no partner",
                        columns.header(Field::PartnerId)
                    ),
                );
                return RowFate::NoPartner;
            }
            None => {
                // Key columns with content but no partner is someone's
                // mistake, not a total row: say so rather than drop the row
                // silently.
                let key = match columns.kind() {
                    SheetKind::Customers | SheetKind::AzureConsumption => Some(Field::CustomerId),
                    SheetKind::Transcripts => Some(Field::PersonId),
                    SheetKind::Partners => None,
                };
                if let Some(key) = key
                    && cx.text_ref(key).is_some()
                {
                    cx.problem(
                        Field::PartnerId,
                        format!(
                            "{} is blank: this row counts for no partner",
                            columns.header(Field::PartnerId)
                        ),
                    );
                }
                return RowFate::NoPartner;
            }
        },
    };
    let source = sheet.location.at_row(row);
    let date = sheet.date_parser();
    match columns.kind() {
        SheetKind::Customers => {
            let customer = cx
                .required(Field::CustomerId)
                .and_then(|t| cx.cache.customer(&t));
            let workload = cx.required(Field::Workload).map(|t| {
                match cx.cache.workloads.get(&t, |t| rules.workload(t)) {
                    Some(w) => WorkloadCell::Counted(w),
                    None => WorkloadCell::Other(t.into_owned()),
                }
            });
            let active_users =
                cx.parse(Field::ActiveUsers, value::count, "a whole number of users");
            let product: Option<(Arc<str>, bool)> = cx.text_ref(Field::Product).map(|t| {
                cx.cache
                    .products
                    .get(&t, |t| (Arc::from(t), is_trial_product(t)))
            });
            let sku = if columns.col(Field::SkuType).is_none() {
                // Partner Center's exports have no SKU type: a product that
                // says it is a trial makes the row a trial.
                Some(match &product {
                    Some((_, true)) => Sku::Trial,
                    _ => Sku::Paid,
                })
            } else {
                cx.vocabulary(
                    Field::SkuType,
                    Sku::parse,
                    |c| &mut c.skus,
                    "Paid, Trial or Free",
                )
            };
            let (association, association_source) = if columns.association_from_channel() {
                (
                    Some(Association::TransactingPartner),
                    AssociationSource::Channel,
                )
            } else {
                let association = cx.vocabulary(
                    Field::Association,
                    Association::parse,
                    |c| &mut c.associations,
                    "DAP, Transacting Partner, DPOR, Fast Track Partner or None",
                );
                (association, AssociationSource::Column)
            };
            let market = cx.optional_vocabulary(
                Field::Market,
                Market::parse,
                |c| &mut c.markets,
                "Mature or Emerging",
            );
            // A bad date is a problem but leaves the row's seats counted: it
            // only keeps the customer from counting as new.
            let added_on = cx.optional(Field::CustomerSince, date);
            // A row whose snapshot cannot be read cannot be placed among the
            // snapshots: it does not count (blank is no snapshot at all).
            let snapshot = match cx.text_ref(Field::Snapshot) {
                Some(raw) => {
                    let value = cx.value(Field::Snapshot);
                    let parsed = cx.cache.dates.get(&raw, |_| date(value));
                    cx.parsed(Field::Snapshot, parsed, "a date")
                }
                None => None,
            };
            let qualified_licences = cx.optional(Field::QualifiedLicences, value::count);
            out.customers.push(CustomerRow {
                partner,
                partner_name: cx
                    .text(Field::PartnerName)
                    .or_else(|| sheet.partner_name.map(String::from)),
                customer,
                customer_name: cx.text(Field::CustomerName),
                workload,
                active_users,
                sku,
                association,
                association_source,
                country: cx.text(Field::Country),
                market,
                added_on,
                snapshot,
                qualified_licences,
                product: product.map(|(p, _)| p),
                invalid: cx.invalid.take(),
                source,
            });
        }
        SheetKind::Transcripts => {
            let Some(person) = cx
                .required(Field::PersonId)
                .and_then(|t| PersonId::parse(&t))
            else {
                return RowFate::Read;
            };
            let Some(text) = cx.required(Field::Credential) else {
                return RowFate::Read;
            };
            let passed_on = cx.optional(Field::DatePassed, date);
            out.credentials.push(CredentialRow {
                partner,
                partner_name: cx
                    .text(Field::PartnerName)
                    .or_else(|| sheet.partner_name.map(String::from)),
                person,
                person_name: cx.text(Field::PersonName),
                credentials: rules.credentials_in(&text),
                text: text.into_owned(),
                passed_on,
                source,
            });
        }
        SheetKind::Partners => {
            let market = cx.optional_vocabulary(
                Field::Market,
                Market::parse,
                |c| &mut c.markets,
                "Mature or Emerging",
            );
            out.partners.push(PartnerRow {
                partner,
                name: cx.text(Field::PartnerName),
                country: cx.text(Field::Country),
                market,
                contact_email: cx.text(Field::ContactEmail),
                source,
            });
        }
        SheetKind::AzureConsumption => acr::read(&mut cx, sheet, partner, source, &mut out.acr),
    }
    RowFate::Read
}

/// Reads the cells of one row, recording each bad cell as a problem.
struct RowReader<'a> {
    columns: &'a Columns,
    sheet: &'a Location,
    row: u32,
    cells: &'a [(u32, Value)],
    problems: &'a mut Vec<Problem>,
    invalid: Option<String>,
    cache: &'a mut RowCache,
}

static EMPTY: Value = Value::Empty;

impl<'a> RowReader<'a> {
    fn value(&self, field: Field) -> &'a Value {
        let Some(col) = self.columns.col(field) else {
            return &EMPTY;
        };
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .map_or(&EMPTY, |i| &self.cells[i].1)
    }

    /// The cell's text, copied: for what a row keeps.
    fn text(&self, field: Field) -> Option<String> {
        value::text(self.value(field))
    }

    /// The cell's text, borrowed when it is a text cell: for what is only
    /// parsed or checked.
    fn text_ref(&self, field: Field) -> Option<Cow<'a, str>> {
        value::text_ref(self.value(field))
    }

    fn problem(&mut self, field: Field, message: String) {
        let col = self.columns.col(field).unwrap_or(0);
        let message = match self.columns.col(field) {
            Some(_) => message,
            None => format!("{message} (the sheet has no such column)"),
        };
        self.invalid.get_or_insert_with(|| message.clone());
        self.problems
            .push(Problem::new(self.sheet.at_cell(self.row, col), message));
    }

    fn required(&mut self, field: Field) -> Option<Cow<'a, str>> {
        let text = self.text_ref(field);
        if text.is_none() {
            let header = self.columns.header(field).to_string();
            self.problem(field, format!("{header} is blank"));
        }
        text
    }

    fn parse<T>(
        &mut self,
        field: Field,
        parse: fn(&Value) -> Result<Option<T>, ValueError>,
        expected: &str,
    ) -> Option<T> {
        let parsed = parse(self.value(field));
        self.parsed(field, parsed, expected)
    }

    /// A required value already parsed: blank or bad is a problem that
    /// invalidates the row.
    fn parsed<T>(
        &mut self,
        field: Field,
        parsed: Result<Option<T>, ValueError>,
        expected: &str,
    ) -> Option<T> {
        let header = self.columns.header(field).to_string();
        match parsed {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                self.problem(field, format!("{header} is blank (expected {expected})"));
                None
            }
            Err(why) => {
                self.problem(field, format!("{header} {why}"));
                None
            }
        }
    }

    /// A value that may be blank; a bad one is a problem but does not make
    /// the row invalid.
    fn optional<T>(
        &mut self,
        field: Field,
        parse: fn(&Value) -> Result<Option<T>, ValueError>,
    ) -> Option<T> {
        match parse(self.value(field)) {
            Ok(v) => v,
            Err(why) => {
                let header = self.columns.header(field).to_string();
                let col = self.columns.col(field).unwrap_or(0);
                self.problems.push(Problem::new(
                    self.sheet.at_cell(self.row, col),
                    format!("{header} {why}"),
                ));
                None
            }
        }
    }

    /// A value from a closed vocabulary where blank has a meaning (SKU blank
    /// is paid, association blank is none); an unknown value invalidates the row.
    fn vocabulary<T: Clone>(
        &mut self,
        field: Field,
        parse: fn(&str) -> Option<T>,
        memo: fn(&mut RowCache) -> &mut Memo<Option<T>>,
        expected: &str,
    ) -> Option<T> {
        let raw = self.text_ref(field).unwrap_or_default();
        let parsed = memo(self.cache).get(&raw, parse);
        if parsed.is_none() {
            let header = self.columns.header(field).to_string();
            self.problem(
                field,
                format!("{header} '{raw}' is not one I know (expected {expected})"),
            );
        }
        parsed
    }

    /// Like `vocabulary`, but blank means "not given" and an unknown value
    /// is a problem without invalidating the row.
    fn optional_vocabulary<T: Clone>(
        &mut self,
        field: Field,
        parse: fn(&str) -> Option<T>,
        memo: fn(&mut RowCache) -> &mut Memo<Option<T>>,
        expected: &str,
    ) -> Option<T> {
        let raw = self.text_ref(field)?;
        let parsed = memo(self.cache).get(&raw, parse);
        if parsed.is_none() {
            let header = self.columns.header(field).to_string();
            let col = self.columns.col(field).unwrap_or(0);
            self.problems.push(Problem::new(
                self.sheet.at_cell(self.row, col),
                format!("{header} '{raw}' is not one I know (expected {expected}); ignored"),
            ));
        }
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::schema::classify;
    use crate::model::Workload;

    fn columns(headers: &[&str]) -> Columns {
        let cells: Vec<(u32, String)> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (i as u32, h.to_string()))
            .collect();
        match classify(&cells) {
            crate::input::schema::Classified::Header(c) => c,
            other => panic!("headers do not classify: {other:?}"),
        }
    }

    fn cells(values: Vec<Value>) -> Vec<(u32, Value)> {
        values
            .into_iter()
            .enumerate()
            .filter(|(_, v)| *v != Value::Empty)
            .map(|(i, v)| (i as u32, v))
            .collect()
    }

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    const CUSTOMER_HEADERS: &[&str] = &[
        "Partner ID",
        "Customer ID",
        "Workload",
        "Active Users",
        "SKU Type",
        "Association",
    ];

    fn read(values: Vec<Value>) -> (Rows, RowFate) {
        let rules = Rules::default_rules().unwrap();
        let sheet = Location::sheet("f.xlsx".into(), "Customers".into());
        let mut out = Rows::default();
        let columns = columns(CUSTOMER_HEADERS);
        let fate = read_row(
            &SheetRows::new(&columns, &sheet, &rules),
            4,
            &cells(values),
            &mut out,
        );
        (out, fate)
    }

    #[test]
    fn a_good_customer_row_is_typed() {
        let (rows, fate) = read(vec![
            Value::Number(1_000_001.0),
            t("Tenant-A"),
            t("EXO"),
            t("1.200"),
            t("Kostenpflichtig"),
            t("DPOR"),
        ]);
        assert_eq!(fate, RowFate::Read);
        assert!(rows.problems.is_empty(), "{:?}", rows.problems);
        let row = &rows.customers[0];
        assert_eq!(row.partner.as_str(), "1000001");
        assert_eq!(row.customer.as_ref().unwrap().as_str(), "Tenant-A");
        assert_eq!(
            row.workload,
            Some(WorkloadCell::Counted(Workload::new("Exchange Online")))
        );
        assert_eq!(row.active_users, Some(1200));
        assert_eq!(row.sku, Some(Sku::Paid));
        assert_eq!(row.association, Some(Association::DigitalPartnerOfRecord));
        assert!(row.invalid.is_none());
        assert_eq!(row.source.excel_row(), Some(5));
    }

    #[test]
    fn a_bad_value_is_a_problem_at_its_cell_and_invalidates_the_row() {
        let (rows, _) = read(vec![
            t("1000001"),
            t("A"),
            t("Yammer"),
            t("n/a"),
            Value::Empty,
            t("DAP"),
        ]);
        assert_eq!(rows.problems.len(), 1);
        assert_eq!(rows.problems[0].location.cell(), "D5");
        assert!(
            rows.problems[0]
                .message
                .contains("Active Users 'n/a' is not a number")
        );
        assert!(rows.customers[0].invalid.is_some());

        let (rows, _) = read(vec![
            t("1000001"),
            t("A"),
            t("Yammer"),
            t("10"),
            t(""),
            t("Reseller"),
        ]);
        assert_eq!(rows.problems[0].location.cell(), "F5");
        assert!(
            rows.problems[0]
                .message
                .contains("'Reseller' is not one I know")
        );
    }

    #[test]
    fn rows_without_a_partner_are_skipped_and_flagged_only_when_keyed() {
        let (rows, fate) = read(vec![
            Value::Empty,
            Value::Empty,
            t("Total"),
            Value::Number(9000.0),
        ]);
        assert_eq!(fate, RowFate::NoPartner);
        assert!(rows.problems.is_empty() && rows.customers.is_empty());

        let (rows, fate) = read(vec![
            Value::Empty,
            t("tenant"),
            t("Yammer"),
            Value::Number(5.0),
        ]);
        assert_eq!(fate, RowFate::NoPartner);
        assert_eq!(rows.problems.len(), 1);
        assert_eq!(rows.problems[0].location.cell(), "A5");

        let (_, fate) = read(vec![t(" "), Value::Empty]);
        assert_eq!(fate, RowFate::Blank);
    }

    #[test]
    fn customer_since_is_read_as_a_date_and_a_bad_one_is_a_problem_only() {
        let rules = Rules::default_rules().unwrap();
        let sheet = Location::sheet("f.xlsx".into(), "Customers".into());
        let mut headers = CUSTOMER_HEADERS.to_vec();
        headers.push("Customer Since");
        let columns = columns(&headers);
        let mut out = Rows::default();
        let good = cells(vec![
            t("1"),
            t("A"),
            t("Intune"),
            t("10"),
            t("Paid"),
            t("DAP"),
            t("03.05.2017"),
        ]);
        let ctx = SheetRows::new(&columns, &sheet, &rules);
        read_row(&ctx, 4, &good, &mut out);
        assert_eq!(
            out.customers[0].added_on,
            NaiveDate::from_ymd_opt(2017, 5, 3)
        );
        let bad = cells(vec![
            t("1"),
            t("B"),
            t("Intune"),
            t("10"),
            t("Paid"),
            t("DAP"),
            t("last spring"),
        ]);
        read_row(&ctx, 5, &bad, &mut out);
        assert_eq!(out.customers[1].added_on, None);
        assert!(out.customers[1].invalid.is_none());
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].location.cell(), "G6");
    }

    #[test]
    fn partner_ids_are_digits_labels_are_skipped_and_lookalikes_are_problems() {
        let (rows, fate) = read(vec![
            t("Total"),
            Value::Empty,
            Value::Empty,
            Value::Number(9000.0),
        ]);
        assert_eq!(fate, RowFate::NoPartner);
        assert!(rows.problems.is_empty() && rows.customers.is_empty());

        let (rows, fate) = read(vec![
            t("10O0001"),
            t("A"),
            t("Yammer"),
            t("10"),
            t("Paid"),
            t("DAP"),
        ]);
        assert_eq!(fate, RowFate::NoPartner);
        assert!(rows.customers.is_empty());
        assert_eq!(rows.problems[0].location.cell(), "A5");
        assert!(
            rows.problems[0]
                .message
                .contains("'10O0001' is not a partner id")
        );

        let (rows, _) = read(vec![
            t(" 0001 000 001 "),
            t("A"),
            t("Yammer"),
            t("10"),
            t("Paid"),
            t("DAP"),
        ]);
        assert_eq!(rows.customers[0].partner.as_str(), "1000001");
    }

    #[test]
    fn an_uncounted_workload_is_no_problem() {
        let (rows, _) = read(vec![
            t("1"),
            t("A"),
            t("Microsoft Teams"),
            t("10"),
            t("Paid"),
            t("DAP"),
        ]);
        assert!(rows.problems.is_empty());
        assert_eq!(
            rows.customers[0].workload,
            Some(WorkloadCell::Other("Microsoft Teams".into()))
        );
    }

    #[test]
    fn a_shared_cache_reads_rows_exactly_as_without_one() {
        let rules = Rules::default_rules().unwrap();
        let sheet = Location::sheet("f.xlsx".into(), "Customers".into());
        let columns = columns(CUSTOMER_HEADERS);
        let row = |id: Value, customer: &str, workload: &str, users: &str, sku: &str, a: &str| {
            vec![id, t(customer), t(workload), t(users), t(sku), t(a)]
        };
        let rows: Vec<Vec<Value>> = vec![
            row(t("1000001"), "A", "EXO", "10", "Paid", "DAP"),
            row(Value::Number(1_000_001.0), "B", "exo", "5", "Trial", "DAP"),
            row(t("0001000001"), "C", "Teams", "1", "Paid", "DPOR"),
            row(t("1 000 002"), "A", "EXO", "n/a", "Paid", "Reseller"),
            row(t("1000002"), "A", "Yammer", "3", "Kostenlos", "Reseller"),
            row(t("10O0002"), "A", "Yammer", "3", "Paid", "DAP"),
            row(t("10O0002"), "A", "Yammer", "3", "Paid", "DAP"),
            row(t("Total"), "", "", "19", "", ""),
            row(t(" "), "D", "EXO", "3", "Paid", "DAP"),
            row(t("1000001"), "E", "EXO", "2", "Paid", "Keine"),
        ];
        let (mut fresh, mut cached) = (Rows::default(), Rows::default());
        let mut cache = RowCache::default();
        for (r, values) in rows.into_iter().enumerate() {
            let cells = cells(values);
            let ctx = SheetRows::new(&columns, &sheet, &rules);
            let a = read_row(&ctx, r as u32, &cells, &mut fresh);
            let b = read_row_cached(&ctx, r as u32, &cells, &mut cached, &mut cache);
            assert_eq!(a, b);
        }
        assert_eq!(
            format!("{:?}", fresh.customers),
            format!("{:?}", cached.customers)
        );
        assert_eq!(fresh.problems, cached.problems);
        assert_eq!(cached.customers.len(), 6);
        assert_eq!(cached.customers[1].partner, cached.customers[2].partner);
    }
}
