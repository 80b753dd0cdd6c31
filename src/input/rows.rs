//! Typed rows: one data row of a classified sheet becomes a `CustomerRow`,
//! `CredentialRow` or `PartnerRow`, with every cell parsed once, here.
//!
//! A row whose partner id is blank is no partner's row (a total or a blank
//! line). A row with a bad value is still kept, marked invalid, so the report
//! can show it and say why it did not count; the bad cell becomes a problem.

use chrono::NaiveDate;

use super::schema::{Columns, Field, SheetKind};
use super::value::{self, Value};
use crate::model::{
    Association, CredentialId, CustomerId, Market, PartnerId, PersonId, Sku, Workload,
};
use crate::problem::{Location, Problem};
use crate::rules::Rules;

/// What a customer row's workload cell names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkloadCell {
    /// A workload the rules count.
    Counted(Workload),
    /// Any other workload, as written.
    Other(String),
}

impl WorkloadCell {
    /// The workload's name as shown in reports.
    pub fn name(&self) -> &str {
        match self {
            WorkloadCell::Counted(w) => w.as_str(),
            WorkloadCell::Other(s) => s,
        }
    }
}

/// One partner-customer-workload row.
#[derive(Debug, Clone)]
pub struct CustomerRow {
    /// The row in the inputs.
    pub source: Location,
    /// The partner.
    pub partner: PartnerId,
    /// The partner's name, if the row gives one.
    pub partner_name: Option<String>,
    /// The customer tenant; `None` only on an invalid row.
    pub customer: Option<CustomerId>,
    /// The customer's name as written.
    pub customer_name: Option<String>,
    /// The workload; `None` only on an invalid row.
    pub workload: Option<WorkloadCell>,
    /// Active users; `None` only on an invalid row.
    pub active_users: Option<u64>,
    /// Paid, trial or free; `None` only on an invalid row.
    pub sku: Option<Sku>,
    /// The association; `None` only on an invalid row.
    pub association: Option<Association>,
    /// The country, if given.
    pub country: Option<String>,
    /// An explicit market, if given.
    pub market: Option<Market>,
    /// When the customer was added, if given and readable (for new customers).
    pub added_on: Option<NaiveDate>,
    /// Why the row cannot count (its first problem), if it is invalid.
    pub invalid: Option<String>,
}

/// One person-credential row from a transcript.
#[derive(Debug, Clone)]
pub struct CredentialRow {
    /// The row in the inputs.
    pub source: Location,
    /// The partner the person belongs to.
    pub partner: PartnerId,
    /// The partner's name, if the row gives one.
    pub partner_name: Option<String>,
    /// The person.
    pub person: PersonId,
    /// The person's name, if given.
    pub person_name: Option<String>,
    /// The credential as written.
    pub text: String,
    /// The credentials of the rules that the text names (often none).
    pub credentials: Vec<CredentialId>,
    /// When it was passed, if given and readable.
    pub passed_on: Option<NaiveDate>,
}

/// One row of the partners master sheet.
#[derive(Debug, Clone)]
pub struct PartnerRow {
    /// The row in the inputs.
    pub source: Location,
    /// The partner.
    pub partner: PartnerId,
    /// Its name.
    pub name: Option<String>,
    /// Its country.
    pub country: Option<String>,
    /// Its market, if given and readable.
    pub market: Option<Market>,
    /// Where its report goes.
    pub contact_email: Option<String>,
}

/// Typed rows and problems gathered from the inputs.
#[derive(Debug, Default)]
pub struct Rows {
    /// Customer rows, in input order.
    pub customers: Vec<CustomerRow>,
    /// Transcript rows, in input order.
    pub credentials: Vec<CredentialRow>,
    /// Partner master rows, in input order.
    pub partners: Vec<PartnerRow>,
    /// Problems, in input order.
    pub problems: Vec<Problem>,
}

impl Rows {
    /// Appends another set of rows after these.
    pub fn append(&mut self, mut other: Rows) {
        self.customers.append(&mut other.customers);
        self.credentials.append(&mut other.credentials);
        self.partners.append(&mut other.partners);
        self.problems.append(&mut other.problems);
    }
}

/// Whether a data row became a row, was skipped as no partner's, or was blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFate {
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
pub fn read_row(
    columns: &Columns,
    sheet: &Location,
    row: u32,
    cells: &[(u32, Value)],
    rules: &Rules,
    out: &mut Rows,
) -> RowFate {
    if cells.iter().all(|(_, v)| v.is_blank()) {
        return RowFate::Blank;
    }
    let mut cx = RowReader {
        columns,
        sheet,
        row,
        cells,
        problems: &mut out.problems,
        invalid: None,
    };
    let Some(partner) = cx.text(Field::PartnerId).and_then(|t| PartnerId::parse(&t)) else {
        // Key columns with content but no partner is someone's mistake, not a
        // total row: say so rather than drop the row silently.
        let key = match columns.kind() {
            SheetKind::Customers => Some(Field::CustomerId),
            SheetKind::Transcripts => Some(Field::PersonId),
            SheetKind::Partners => None,
        };
        if let Some(key) = key
            && cx.text(key).is_some()
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
    };
    let source = sheet.at_row(row);
    match columns.kind() {
        SheetKind::Customers => {
            let customer = cx
                .required(Field::CustomerId)
                .and_then(|t| CustomerId::parse(&t));
            let workload = cx
                .required(Field::Workload)
                .map(|t| match rules.workload(&t) {
                    Some(w) => WorkloadCell::Counted(w),
                    None => WorkloadCell::Other(t),
                });
            let active_users =
                cx.parse(Field::ActiveUsers, value::count, "a whole number of users");
            let sku = cx.vocabulary(Field::SkuType, Sku::parse, "Paid, Trial or Free");
            let association = cx.vocabulary(
                Field::Association,
                Association::parse,
                "DAP, Transacting Partner, DPOR, Fast Track Partner or None",
            );
            let market = cx.optional_vocabulary(Field::Market, Market::parse, "Mature or Emerging");
            // A bad date is a problem but leaves the row's seats counted: it
            // only keeps the customer from counting as new.
            let added_on = cx.optional(Field::CustomerSince, value::date);
            out.customers.push(CustomerRow {
                partner,
                partner_name: cx.text(Field::PartnerName),
                customer,
                customer_name: cx.text(Field::CustomerName),
                workload,
                active_users,
                sku,
                association,
                country: cx.text(Field::Country),
                market,
                added_on,
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
            let passed_on = cx.optional(Field::DatePassed, value::date);
            out.credentials.push(CredentialRow {
                partner,
                partner_name: cx.text(Field::PartnerName),
                person,
                person_name: cx.text(Field::PersonName),
                credentials: rules.credentials_in(&text),
                text,
                passed_on,
                source,
            });
        }
        SheetKind::Partners => {
            let market = cx.optional_vocabulary(Field::Market, Market::parse, "Mature or Emerging");
            out.partners.push(PartnerRow {
                partner,
                name: cx.text(Field::PartnerName),
                country: cx.text(Field::Country),
                market,
                contact_email: cx.text(Field::ContactEmail),
                source,
            });
        }
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
}

static EMPTY: Value = Value::Empty;

impl RowReader<'_> {
    fn value(&self, field: Field) -> &Value {
        let Some(col) = self.columns.col(field) else {
            return &EMPTY;
        };
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .map_or(&EMPTY, |i| &self.cells[i].1)
    }

    fn text(&self, field: Field) -> Option<String> {
        value::text(self.value(field))
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

    fn required(&mut self, field: Field) -> Option<String> {
        let text = self.text(field);
        if text.is_none() {
            let header = self.columns.header(field).to_string();
            self.problem(field, format!("{header} is blank"));
        }
        text
    }

    fn parse<T>(
        &mut self,
        field: Field,
        parse: fn(&Value) -> Result<Option<T>, String>,
        expected: &str,
    ) -> Option<T> {
        let header = self.columns.header(field).to_string();
        match parse(self.value(field)) {
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
        parse: fn(&Value) -> Result<Option<T>, String>,
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
    fn vocabulary<T>(
        &mut self,
        field: Field,
        parse: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<T> {
        let raw = self.text(field).unwrap_or_default();
        let parsed = parse(&raw);
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
    fn optional_vocabulary<T>(
        &mut self,
        field: Field,
        parse: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<T> {
        let raw = self.text(field)?;
        let parsed = parse(&raw);
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
        let fate = read_row(
            &columns(CUSTOMER_HEADERS),
            &sheet,
            4,
            &cells(values),
            &rules,
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
        assert_eq!(row.customer.as_ref().unwrap().as_str(), "tenant-a");
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
        read_row(&columns, &sheet, 4, &good, &rules, &mut out);
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
        read_row(&columns, &sheet, 5, &bad, &rules, &mut out);
        assert_eq!(out.customers[1].added_on, None);
        assert!(out.customers[1].invalid.is_none());
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].location.cell(), "G6");
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
}
