//! What the monthly downloads' readers (Azure consumed revenue, Business
//! Applications) share: a row's month, read once per distinct text, and
//! short texts repeated down a column, kept once and shared between rows.

use std::sync::Arc;

use super::RowReader;
use crate::input::month;
use crate::input::schema::Field;
use crate::input::value::Value;
use crate::model::CalendarMonth;

/// The row's month (a fiscal month name, a calendar month, a month key or
/// any date in the month): blank or unreadable is a problem that
/// invalidates the row, which cannot be placed in time.
pub(super) fn month(
    cx: &mut RowReader<'_>,
    field: Field,
    month_first: bool,
) -> Option<CalendarMonth> {
    let v = cx.value(field);
    let parsed = match v {
        // Text repeats a dozen months on every row: each is read once.
        Value::Text(raw) => cx
            .cache
            .months
            .get(raw.trim(), |_| month::month(v, month_first)),
        other => month::month(other, month_first),
    };
    cx.parsed(field, parsed, "a month, as 2025-07, FY26-Jul or a date")
}

/// A short repeated text (a category, a SKU group, a service, a segment),
/// shared with the earlier rows of its column that hold the same.
pub(super) fn label(cx: &mut RowReader<'_>, field: Field) -> Option<Arc<str>> {
    let raw = cx.text_ref(field)?;
    Some(cx.cache.labels.get(field, &raw))
}
