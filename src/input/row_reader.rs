//! One data row of a classified sheet into a typed row, every cell parsed
//! once, here.
//!
//! A row whose partner id is blank is no partner's row (a total or a blank
//! line); a sheet without a partner id column reads every row as its
//! attributed partner's. A bad cell becomes a problem and marks the row
//! invalid (it is still kept, so the report can say why it did not count).

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;

use super::amount::DecimalMark;
use super::cache::{Memo, RowCache};
use super::rows::{CredentialRow, CustomerRow, PartnerRow, Rows, WorkloadCell};
use super::schema::{Columns, Download, Field, SheetKind, WIDE_WORKLOADS, is_trial_product};
use super::value::PartnerIdCell;
use super::value::{self, Value, ValueError};
use crate::model::{Association, AssociationSource, Market, PartnerId, PersonId, Sku};
use crate::problem::{Location, Problem, RowSource};
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
    /// The decimal mark of the sheet's text amounts, where its file tells
    /// it (a text export's delimiter); see [`super::amount`].
    pub(crate) decimal_mark: Option<DecimalMark>,
    /// Which download a customer sheet is ([`Columns::download`], told once
    /// per sheet).
    pub(crate) download: Download,
    /// Whether the sheet gives workloads as columns of their own
    /// ([`Columns::wide_workloads`], told once per sheet).
    pub(crate) wide: bool,
    /// The snapshot of a row that gives none: the month of an earlier
    /// month's archive folder the file was kept in (its last day).
    pub(crate) default_snapshot: Option<NaiveDate>,
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
            decimal_mark: None,
            download: columns.download(),
            wide: columns.wide_workloads(),
            default_snapshot: None,
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
                    SheetKind::Customers
                    | SheetKind::AzureConsumption
                    | SheetKind::BusinessAppsRevenue
                    | SheetKind::BusinessAppsUsage => Some(Field::CustomerId),
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
            let wide = sheet.wide;
            // The `EMSUsage` download has no Workload column: its columns
            // per workload are read below, one row each.
            let (workload, active_users) = if wide {
                (None, None)
            } else {
                let workload = cx.required(Field::Workload).map(|t| {
                    match cx.cache.workloads.get(&t, |t| rules.workload(t)) {
                        Some(w) => WorkloadCell::Counted(w),
                        None => WorkloadCell::Other(t.into()),
                    }
                });
                let active = cx.parse(Field::ActiveUsers, value::count, "a whole number of users");
                (workload, active)
            };
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
                    "CPOR, DPOR, CSP Tier 1, CSP Tier 2, Transacting Partner, DAP, Fast Track Partner or None",
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
            // only keeps the customer from counting as new (or, for the
            // association date, from being measured from it).
            let added_on = cx.optional(Field::CustomerSince, date);
            let associated_on = cx.optional(Field::AssociatedOn, date);
            // A row whose snapshot cannot be read cannot be placed among the
            // snapshots: it does not count (blank is no snapshot at all).
            let snapshot = match cx.text_ref(Field::Snapshot) {
                Some(raw) => {
                    let value = cx.value(Field::Snapshot);
                    let month_first = sheet.month_first_dates;
                    let parsed = cx
                        .cache
                        .dates
                        .get(&raw, |_| value::snapshot(value, month_first));
                    cx.parsed(Field::Snapshot, parsed, "a date")
                }
                None => sheet.default_snapshot,
            };
            let qualified_licences = if wide {
                None
            } else {
                cx.optional(Field::QualifiedLicences, value::count)
            };
            let row = CustomerRow {
                partner,
                // A partner's and a customer's rows come together: they
                // share one copy of its name (and its country).
                partner_name: match cx.text_ref(Field::PartnerName) {
                    Some(name) => Some(cx.cache.partner_name.get(&name)),
                    None => sheet.partner_name.map(Into::into),
                },
                customer,
                customer_name: cx
                    .text_ref(Field::CustomerName)
                    .map(|t| cx.cache.customer_name.get(&t)),
                workload,
                active_users,
                sku,
                association,
                association_source,
                country: cx
                    .text_ref(Field::Country)
                    .map(|t| cx.cache.country.get(&t)),
                market,
                added_on,
                associated_on,
                download: sheet.download,
                snapshot,
                qualified_licences,
                product: product.map(|(p, _)| p),
                invalid: cx.invalid.take().map(String::into_boxed_str),
                source: RowSource::new(cx.cache.sheet(sheet.location), row),
            };
            if wide {
                cx.wide_rows(row, rules, &mut out.customers);
            } else {
                out.customers.push(row);
            }
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
            let expires_on = cx.optional(Field::Expires, date);
            // Partner Center's transcripts split the name in two.
            let person_name = cx.text(Field::PersonName).or_else(|| {
                let parts: Vec<String> = [Field::PersonFirstName, Field::PersonLastName]
                    .into_iter()
                    .filter_map(|f| cx.text(f))
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            });
            out.credentials.push(CredentialRow {
                partner,
                partner_name: cx
                    .text(Field::PartnerName)
                    .or_else(|| sheet.partner_name.map(String::from)),
                person,
                person_name,
                // A transcript names a few dozen credentials over and
                // over: each text is matched against the rules once.
                credentials: cx.cache.credentials.get(&text, |t| rules.credentials_in(t)),
                text: text.into_owned(),
                passed_on,
                expires_on,
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
        SheetKind::AzureConsumption => {
            let row = azure::read(&mut cx, sheet, partner, source);
            out.acr.push(row);
        }
        SheetKind::BusinessAppsRevenue => {
            let row = business_apps::revenue(&mut cx, sheet, partner, source);
            out.revenue.push(row);
        }
        SheetKind::BusinessAppsUsage => {
            let row = business_apps::usage(&mut cx, sheet, partner, source);
            out.usage.push(row);
        }
    }
    RowFate::Read
}

/// Reads the cells of one row, recording each bad cell as a problem.
pub(super) struct RowReader<'a> {
    columns: &'a Columns,
    sheet: &'a Location,
    row: u32,
    cells: &'a [(u32, Value)],
    problems: &'a mut Vec<Problem>,
    /// The row's first problem, which makes it invalid.
    pub(super) invalid: Option<String>,
    /// What the sheet's repeated texts were read as.
    pub(super) cache: &'a mut RowCache,
}

static EMPTY: Value = Value::Empty;

impl<'a> RowReader<'a> {
    /// The rows of one `EMSUsage` row: one per workload it gives figures
    /// for, each a copy of `row` with that workload's paid units and
    /// monthly active users. A workload with neither (blank or 0) is not
    /// one the subscription has. A bad figure is a problem at its cell and
    /// makes that workload's row invalid; a problem of the shared cells
    /// makes every one invalid.
    fn wide_rows(&mut self, row: CustomerRow, rules: &Rules, out: &mut Vec<CustomerRow>) {
        let none = |v: &Value| matches!(value::count(v), Ok(None | Some(0)));
        for wide in WIDE_WORKLOADS {
            if none(self.value(wide.paid)) && none(self.value(wide.active)) {
                continue;
            }
            self.invalid = row.invalid.as_deref().map(String::from);
            let paid = self.optional(wide.paid, value::count);
            let active = match value::count(self.value(wide.active)) {
                Ok(v) => Some(v.unwrap_or(0)),
                Err(why) => {
                    let header = self.columns.header(wide.active).to_string();
                    self.problem(wide.active, format!("{header} {why}"));
                    None
                }
            };
            let workload = match self
                .cache
                .workloads
                .get(wide.workload, |t| rules.workload(t))
            {
                Some(w) => WorkloadCell::Counted(w),
                None => WorkloadCell::Other(wide.workload.into()),
            };
            out.push(CustomerRow {
                workload: Some(workload),
                active_users: active,
                qualified_licences: paid,
                invalid: self.invalid.take().map(String::into_boxed_str),
                ..row.clone()
            });
        }
    }

    /// The cell of a field (blank where the sheet has no such column).
    pub(super) fn value(&self, field: Field) -> &'a Value {
        let Some(col) = self.columns.col(field) else {
            return &EMPTY;
        };
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .map_or(&EMPTY, |i| &self.cells[i].1)
    }

    /// Whether the sheet has the field's column.
    pub(super) fn has(&self, field: Field) -> bool {
        self.columns.col(field).is_some()
    }

    /// The field's header as the sheet writes it, or where the sheet has
    /// no such column the name its kind gives it (for messages).
    pub(super) fn header(&self, field: Field) -> &'a str {
        match self.columns.col(field) {
            Some(_) => self.columns.header(field),
            None => self.columns.kind().column_name(field),
        }
    }

    /// The cell's text, copied: for what a row keeps.
    pub(super) fn text(&self, field: Field) -> Option<String> {
        value::text(self.value(field))
    }

    /// The cell's text, borrowed when it is a text cell: for what is only
    /// parsed or checked.
    pub(super) fn text_ref(&self, field: Field) -> Option<Cow<'a, str>> {
        value::text_ref(self.value(field))
    }

    /// A problem at the field's cell, which makes the row invalid.
    pub(super) fn problem(&mut self, field: Field, message: String) {
        let col = self.columns.col(field).unwrap_or(0);
        let message = match self.columns.col(field) {
            Some(_) => message,
            None => format!("{message} (the sheet has no such column)"),
        };
        self.invalid.get_or_insert_with(|| message.clone());
        self.problems
            .push(Problem::new(self.sheet.at_cell(self.row, col), message));
    }

    /// The cell's text; blank is a problem.
    pub(super) fn required(&mut self, field: Field) -> Option<Cow<'a, str>> {
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
    pub(super) fn parsed<T, E: std::fmt::Display>(
        &mut self,
        field: Field,
        parsed: Result<Option<T>, E>,
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
    pub(super) fn vocabulary<T: Clone>(
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

mod azure;
mod business_apps;
mod monthly;
#[cfg(test)]
mod tests;
