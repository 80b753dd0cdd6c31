//! One data row of a Business Applications download into a typed row,
//! every cell parsed once: the month (fiscal or calendar) into a calendar
//! month, revenue and capacity into exact decimals as the file writes them,
//! the association and metric type into their vocabularies, the workload
//! against the rules' workloads.

use std::sync::Arc;

use super::monthly::{label, month};
use super::{RowReader, SheetRows};
use crate::input::amount::{self, AmountError, DecimalMark};
use crate::input::rows::{RevenueRow, UsageRow, WorkloadCell};
use crate::input::schema::Field;
use crate::input::value::{self, Value};
use crate::model::{Amount, Association, CalendarMonth, CustomerId, PartnerId, Sku};
use crate::problem::Location;

/// The association types the downloads write, for a problem's "expected".
const ASSOCIATIONS: &str =
    "CSP T1, CSP T2, DPOR, PAL, CPOR RevRec, CPOR OSA, CPOR RevRec Performance or CPOR OSU";

/// What both downloads' rows have.
struct Common {
    partner_name: Option<String>,
    month: Option<CalendarMonth>,
    association: Option<Association>,
    customer: Option<CustomerId>,
    customer_name: Option<String>,
    subscription: Option<Arc<str>>,
    workload_category: Option<Arc<str>>,
    workload: Option<WorkloadCell>,
}

fn common(cx: &mut RowReader<'_>, sheet: &SheetRows<'_>) -> Common {
    let month = month(cx, Field::Month, sheet.month_first_dates);
    let association = cx.vocabulary(
        Field::Association,
        Association::parse,
        |c| &mut c.associations,
        ASSOCIATIONS,
    );
    let customer = cx
        .required(Field::CustomerId)
        .and_then(|t| cx.cache.customer(&t));
    let rules = sheet.rules;
    let workload = cx.required(Field::Workload).map(|t| {
        match cx.cache.workloads.get(&t, |t| rules.workload(t)) {
            Some(w) => WorkloadCell::Counted(w),
            None => WorkloadCell::Other(t.into()),
        }
    });
    Common {
        partner_name: cx
            .text(Field::PartnerName)
            .or_else(|| sheet.partner_name.map(String::from)),
        month,
        association,
        customer,
        customer_name: cx.text(Field::CustomerName),
        // A subscription's months are adjacent rows: one copy shared.
        subscription: cx
            .text_ref(Field::Subscription)
            .map(|t| cx.cache.subscription.get(&t)),
        workload_category: label(cx, Field::WorkloadCategory),
        workload,
    }
}

/// A revenue download's row.
pub(super) fn revenue(
    cx: &mut RowReader<'_>,
    sheet: &SheetRows<'_>,
    partner: PartnerId,
    source: Location,
) -> RevenueRow {
    let c = common(cx, sheet);
    let parsed = amount::amount(cx.value(Field::Revenue), sheet.decimal_mark);
    let revenue = cx.parsed(Field::Revenue, parsed, "an amount in US dollars");
    RevenueRow {
        source,
        partner,
        partner_name: c.partner_name,
        month: c.month,
        association: c.association,
        customer: c.customer,
        customer_name: c.customer_name,
        subscription: c.subscription,
        workload_category: c.workload_category,
        workload: c.workload,
        revenue,
        invalid: cx.invalid.take(),
    }
}

/// A usage download's row.
pub(super) fn usage(
    cx: &mut RowReader<'_>,
    sheet: &SheetRows<'_>,
    partner: PartnerId,
    source: Location,
) -> UsageRow {
    let c = common(cx, sheet);
    // Blank is no metric type here (on a Customers sheet a blank SKU is
    // paid): trials must never count, so a row must say it is paid.
    let metric = match cx.required(Field::MetricType) {
        Some(_) => cx.vocabulary(
            Field::MetricType,
            Sku::parse,
            |c| &mut c.skus,
            "Paid or Trial",
        ),
        None => None,
    };
    let attached_users = figure(cx, Field::AttachedUsers, value::count);
    let active_users = figure(cx, Field::ActiveUsers, value::count);
    let mark = sheet.decimal_mark;
    let active_capacity = figure(cx, Field::ActiveCapacity, |v| capacity(v, mark));
    // Blank cells, not unreadable ones (those are problems of their own).
    let figures = [
        Field::AttachedUsers,
        Field::ActiveUsers,
        Field::ActiveCapacity,
    ];
    if figures.iter().all(|f| cx.value(*f).is_blank()) {
        let names = figures.map(|f| cx.header(f).to_string());
        let field = [Field::AttachedUsers, Field::ActiveUsers]
            .into_iter()
            .find(|f| cx.has(*f))
            .unwrap_or(Field::AttachedUsers);
        cx.problem(
            field,
            format!(
                "{}, {} and {} are all blank: the row says no usage",
                names[0], names[1], names[2]
            ),
        );
    }
    UsageRow {
        source,
        partner,
        partner_name: c.partner_name,
        month: c.month,
        association: c.association,
        customer: c.customer,
        customer_name: c.customer_name,
        subscription: c.subscription,
        metric,
        workload_category: c.workload_category,
        workload: c.workload,
        sku_group: label(cx, Field::SkuGroup),
        attached_users,
        active_capacity,
        active_users,
        invalid: cx.invalid.take(),
    }
}

/// A figure that may be blank; a bad one is a problem that invalidates the
/// row (a figure that cannot be read cannot be counted).
fn figure<T, E: std::fmt::Display>(
    cx: &mut RowReader<'_>,
    field: Field,
    parse: impl FnOnce(&Value) -> Result<Option<T>, E>,
) -> Option<T> {
    match parse(cx.value(field)) {
        Ok(v) => v,
        Err(why) => {
            let header = cx.header(field).to_string();
            cx.problem(field, format!("{header} {why}"));
            None
        }
    }
}

fn capacity(v: &Value, mark: Option<DecimalMark>) -> Result<Option<Amount>, AmountError> {
    amount::non_negative(v, mark)
}
