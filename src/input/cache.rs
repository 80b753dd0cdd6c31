//! What one sheet's repeated texts were read as: most columns repeat a
//! handful of values, so each distinct text is parsed once per sheet.

use std::sync::Arc;

use chrono::NaiveDate;

use super::month::MonthError;
use super::schema::Field;
use super::value::{PartnerIdCell, ValueError, partner_id};
use crate::model::{
    Association, CalendarMonth, CredentialId, CustomerId, Market, PartnerId, Sku, Workload,
};
use crate::problem::Location;

/// Most columns of a sheet repeat a handful of values (a partner's id on
/// each of its rows, a few workloads, SKUs and associations): remembering
/// how each raw text was understood spares normalising it again on every
/// row, and lets the rows of one partner share one id.
#[derive(Debug, Default)]
pub(super) struct RowCache {
    /// The last partner-id text that was an id, and that id.
    partner: Option<(String, PartnerId)>,
    /// The last customer-id text and its id: a customer's workloads are on
    /// adjacent rows, which then share one id (one allocation).
    customer: Option<(String, CustomerId)>,
    pub(super) workloads: Memo<Option<Workload>>,
    pub(super) skus: Memo<Option<Sku>>,
    pub(super) associations: Memo<Option<Association>>,
    pub(super) markets: Memo<Option<Market>>,
    /// A product, and whether it says it is a trial.
    pub(super) products: Memo<(Arc<str>, bool)>,
    pub(super) dates: Memo<Result<Option<NaiveDate>, ValueError>>,
    /// The months of a monthly download (a dozen, repeated on every row).
    pub(super) months: Memo<Result<Option<CalendarMonth>, MonthError>>,
    /// The credentials of the rules a transcript's text names.
    pub(super) credentials: Memo<Vec<CredentialId>>,
    /// Short repeated texts kept as written (a workload category, a SKU
    /// group, an Azure service level, segment or offer), one memo per
    /// column, shared between rows.
    pub(super) labels: Labels,
    /// A partner's name, as the previous row wrote it.
    pub(super) partner_name: Recent,
    /// A customer's name, as the previous row wrote it.
    pub(super) customer_name: Recent,
    /// A subscription, as the previous row wrote it.
    pub(super) subscription: Recent,
    /// A partner's country, as the previous row wrote it.
    pub(super) country: Recent,
    /// The sheet of the rows, one copy shared by their [`RowSource`]s.
    sheet: Option<Arc<Location>>,
}

/// One memo of shared texts per column: a column's few values each kept
/// once, however many rows repeat them.
#[derive(Debug, Default)]
pub(super) struct Labels(Vec<(Field, Memo<Arc<str>>)>);

impl Labels {
    /// `raw`, shared with the earlier rows whose `field` holds the same text.
    pub(super) fn get(&mut self, field: Field, raw: &str) -> Arc<str> {
        // A sheet has a handful of such columns: a scan beats hashing.
        let at = match self.0.iter().position(|(f, _)| *f == field) {
            Some(at) => at,
            None => {
                self.0.push((field, Memo::default()));
                self.0.len() - 1
            }
        };
        self.0[at].1.get(raw, |t| Arc::from(t))
    }
}

/// The last text of a column and its shared copy: the rows of one tenant
/// or subscription come together.
#[derive(Debug, Default)]
pub(super) struct Recent(Option<Arc<str>>);

impl Recent {
    /// `raw` as a shared text, the previous row's copy when it is the same.
    pub(super) fn get(&mut self, raw: &str) -> Arc<str> {
        match &self.0 {
            Some(last) if **last == *raw => last.clone(),
            _ => {
                let text: Arc<str> = raw.into();
                self.0 = Some(text.clone());
                text
            }
        }
    }
}

/// The distinct raw texts a memo keeps; a column with more distinct values
/// than this is not a vocabulary, and the rest are simply parsed each time.
const MEMO_CAP: usize = 64;

/// Raw text -> parsed value, for a column's few distinct values.
#[derive(Debug)]
pub(super) struct Memo<T> {
    entries: Vec<(Box<str>, T)>,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            entries: Vec::new(),
        }
    }
}

impl<T: Clone> Memo<T> {
    /// `parse(raw)`, from memory when `raw` was seen before. `parse` must be
    /// a pure function of `raw`.
    pub(super) fn get(&mut self, raw: &str, parse: impl FnOnce(&str) -> T) -> T {
        // A linear scan of a few short strings beats hashing them.
        if let Some((_, value)) = self.entries.iter().find(|(k, _)| **k == *raw) {
            return value.clone();
        }
        let value = parse(raw);
        if self.entries.len() < MEMO_CAP {
            self.entries.push((raw.into(), value.clone()));
        }
        value
    }
}

impl RowCache {
    /// The sheet at `location` (without a row), shared with the previous
    /// rows of the same sheet.
    pub(super) fn sheet(&mut self, location: &Location) -> Arc<Location> {
        match &self.sheet {
            Some(sheet) if **sheet == *location => sheet.clone(),
            _ => {
                let sheet = Arc::new(location.clone());
                self.sheet = Some(sheet.clone());
                sheet
            }
        }
    }

    /// The customer id a text names, shared with the previous row's when
    /// the text is the same.
    pub(super) fn customer(&mut self, raw: &str) -> Option<CustomerId> {
        if let Some((last, id)) = &self.customer
            && last == raw
        {
            return Some(id.clone());
        }
        let id = CustomerId::parse(raw)?;
        let (last, kept) = self
            .customer
            .get_or_insert_with(|| (String::new(), id.clone()));
        last.clear();
        last.push_str(raw);
        *kept = id.clone();
        Some(id)
    }

    /// What a partner-id text holds; rows come grouped by partner, so the
    /// last id is remembered. Labels and malformed ids are not: they are
    /// rare, and each one's row gets its own problem anyway.
    pub(super) fn partner(&mut self, raw: &str) -> PartnerIdCell {
        if let Some((last, id)) = &self.partner
            && last == raw
        {
            return PartnerIdCell::Id(id.clone());
        }
        let cell = partner_id(raw);
        if let PartnerIdCell::Id(id) = &cell {
            let (last, kept) = self
                .partner
                .get_or_insert_with(|| (String::new(), id.clone()));
            last.clear();
            last.push_str(raw);
            *kept = id.clone();
        }
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memos_stop_growing_at_their_cap_but_still_parse() {
        let mut memo: Memo<Option<Sku>> = Memo::default();
        for i in 0..(MEMO_CAP + 10) {
            assert_eq!(memo.get(&format!("x{i}"), Sku::parse), None);
        }
        assert_eq!(memo.entries.len(), MEMO_CAP);
        assert_eq!(memo.get("Paid", Sku::parse), Some(Sku::Paid));
    }
}
