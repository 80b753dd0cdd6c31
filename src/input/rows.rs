//! Typed rows: what one data row of a classified sheet becomes (a
//! `CustomerRow`, `CredentialRow` or `PartnerRow`; the monthly downloads'
//! rows are in rooms of their own: Azure consumed revenue in [`azure`], the
//! Business Applications downloads in [`business_apps`]), every cell parsed
//! once by [`super::row_reader`].
//!
//! A row with a bad value is still kept, marked invalid, so the report can
//! show it and say why it did not count; the bad cell becomes a problem.

use foldhash::{HashMap, HashMapExt};
use std::sync::Arc;

use chrono::NaiveDate;

use super::schema::Download;
use crate::model::{
    Association, AssociationSource, CredentialId, CustomerId, Market, PartnerId, PersonId, Sku,
    Workload,
};
use crate::problem::{Location, Problem, RowSource};

mod azure;
mod business_apps;

pub use azure::AcrRow;
pub use business_apps::{RevenueRow, UsageRow};

/// What a customer row's workload cell names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkloadCell {
    /// A workload the rules count.
    Counted(Workload),
    /// Any other workload, as written.
    Other(Box<str>),
}

impl WorkloadCell {
    /// The workload's name as shown in reports.
    pub(crate) fn name(&self) -> &str {
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
    pub source: RowSource,
    /// The partner.
    pub partner: PartnerId,
    /// The partner's name, if the row gives one.
    pub partner_name: Option<Arc<str>>,
    /// The customer tenant; `None` only on an invalid row.
    pub customer: Option<CustomerId>,
    /// The customer's name as written.
    pub customer_name: Option<Arc<str>>,
    /// The workload; `None` only on an invalid row.
    pub workload: Option<WorkloadCell>,
    /// Active users; `None` only on an invalid row.
    pub active_users: Option<u64>,
    /// Paid, trial or free; `None` only on an invalid row.
    pub sku: Option<Sku>,
    /// The association; `None` only on an invalid row.
    pub association: Option<Association>,
    /// Where the association comes from (an Association column, or
    /// Partner Center's `channel` column on the partner's own export).
    pub association_source: AssociationSource,
    /// The country, if given.
    pub country: Option<Arc<str>>,
    /// An explicit market, if given.
    pub market: Option<Market>,
    /// When the customer was added, if given and readable (for new customers).
    pub added_on: Option<NaiveDate>,
    /// When the partner claimed or associated with this workload of the
    /// customer (the CPOR download's `DateAssociated`), if given and
    /// readable: usage before it earns the partner nothing.
    pub associated_on: Option<NaiveDate>,
    /// Which download the row comes from: snapshots replace each other
    /// within one download of one partner only.
    pub download: Download,
    /// The snapshot the row belongs to (Partner Center's processing date),
    /// if the sheet has one: of a partner's, customer's and workload's
    /// snapshots only the latest on or before the as-of date counts.
    pub snapshot: Option<NaiveDate>,
    /// Qualified licences (Partner Center's `licensesQualified`), if given:
    /// shown, never counted (the rules count active users).
    pub qualified_licences: Option<u64>,
    /// The product or plan, if given (shared between the rows that name it).
    pub product: Option<Arc<str>>,
    /// Why the row cannot count (its first problem), if it is invalid
    /// (rare: no spare room in the other rows).
    pub invalid: Option<Box<str>>,
}

impl CustomerRow {
    /// A row of `partner` with nothing else known yet, at no place: the
    /// start of a row being read, and of test rows.
    pub fn blank(partner: PartnerId) -> CustomerRow {
        CustomerRow {
            source: RowSource::file("".into()),
            partner,
            partner_name: None,
            customer: None,
            customer_name: None,
            workload: None,
            active_users: None,
            sku: None,
            association: None,
            association_source: AssociationSource::Column,
            country: None,
            market: None,
            added_on: None,
            associated_on: None,
            download: Download::CustomerList,
            snapshot: None,
            qualified_licences: None,
            product: None,
            invalid: None,
        }
    }
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
    /// When it expires (Partner Center's `ExpirationDate`), if given and
    /// readable: past the as-of date it no longer counts.
    pub expires_on: Option<NaiveDate>,
}

/// One row of the partners master sheet.
#[derive(Debug, Clone)]
pub struct PartnerRow {
    /// The row in the inputs.
    pub(crate) source: Location,
    /// The partner.
    pub(crate) partner: PartnerId,
    /// Its name.
    pub(crate) name: Option<String>,
    /// Its country.
    pub(crate) country: Option<String>,
    /// Its market, if given and readable.
    pub(crate) market: Option<Market>,
    /// Where its report goes.
    pub(crate) contact_email: Option<String>,
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
    /// Azure consumed revenue rows, in input order.
    pub acr: Vec<AcrRow>,
    /// Business Applications revenue rows, in input order.
    pub revenue: Vec<RevenueRow>,
    /// Business Applications usage rows, in input order.
    pub usage: Vec<UsageRow>,
    /// Problems, in input order.
    pub problems: Vec<Problem>,
}

impl Rows {
    /// Appends another set of rows after these.
    pub(crate) fn append(&mut self, mut other: Rows) {
        take_all(&mut self.customers, &mut other.customers);
        take_all(&mut self.credentials, &mut other.credentials);
        take_all(&mut self.partners, &mut other.partners);
        take_all(&mut self.acr, &mut other.acr);
        take_all(&mut self.revenue, &mut other.revenue);
        take_all(&mut self.usage, &mut other.usage);
        take_all(&mut self.problems, &mut other.problems);
    }

    /// Gives every customer and person id the first spelling the inputs
    /// use for it: ids compare ignoring case, and `C-1001` and `c-1001`
    /// are then shown alike, as first written.
    pub(crate) fn unify_spellings(&mut self) {
        let mut customers: HashMap<CustomerId, CustomerId> = HashMap::new();
        let mut previous: Option<CustomerId> = None;
        // A tenant in a revenue download and in a licence download is one
        // customer: shown alike.
        let ids = self
            .customers
            .iter_mut()
            .filter_map(|r| r.customer.as_mut())
            .chain(self.acr.iter_mut().filter_map(|r| r.customer.as_mut()));
        for id in ids {
            // A customer's adjacent rows share one id: looked up once.
            if let Some(p) = &previous
                && p.same_text(id)
            {
                *id = p.clone();
                continue;
            }
            first_spelling(&mut customers, id);
            previous = Some(id.clone());
        }
        // A tenant is shown alike in both Business Applications downloads
        // and on the Customers sheet.
        let tenants = self.revenue.iter_mut().map(|r| &mut r.customer);
        let tenants = tenants.chain(self.usage.iter_mut().map(|r| &mut r.customer));
        for id in tenants.flatten() {
            first_spelling(&mut customers, id);
        }
        let mut people: HashMap<PersonId, PersonId> = HashMap::new();
        for row in &mut self.credentials {
            first_spelling(&mut people, &mut row.person);
        }
    }
}

/// Moves the rows of `from` to the end of `into`. The first file's rows
/// are taken as they are rather than copied: a download's million rows
/// would otherwise be held twice while they move.
fn take_all<T>(into: &mut Vec<T>, from: &mut Vec<T>) {
    if into.is_empty() {
        std::mem::swap(into, from);
    } else {
        into.append(from);
    }
}

/// Replaces `id` by the first id equal to it, remembering new ones.
fn first_spelling<T: Clone + Eq + std::hash::Hash + AsRef<str>>(
    seen: &mut HashMap<T, T>,
    id: &mut T,
) {
    match seen.get(id) {
        // Only a different spelling is replaced: the rest keep their own
        // (equal) text and allocation.
        Some(first) if first.as_ref() != id.as_ref() => *id = first.clone(),
        Some(_) => {}
        None => {
            seen.insert(id.clone(), id.clone());
        }
    }
}

/// The runs of adjacent rows of one partner, in order: each partner's id
/// and the indices of its rows in that run. A partner's rows sit together
/// in a file, so a million rows are some fifty thousand runs: what is done
/// per partner is done once a run, not once a row.
pub(crate) fn partner_runs<T>(
    rows: &[T],
    partner: impl Fn(&T) -> &PartnerId,
) -> impl Iterator<Item = (&PartnerId, std::ops::Range<usize>)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = partner(rows.get(start)?);
        let len = rows[start..]
            .iter()
            .position(|r| partner(r) != first)
            .unwrap_or(rows.len() - start);
        let run = start..start + len;
        start += len;
        Some((first, run))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_row_stays_small() {
        // Every customer row is held from reading until the report is
        // written: 1.2M of them in the 1M-row designation benchmark, where
        // each 8 bytes more is about 10 MB more at the run's peak, which
        // must stay under 1 GiB. 248 bytes before the sheet's place was
        // shared and the rare texts (an invalid row's reason, a workload
        // the rules do not know) lost their spare room.
        let size = std::mem::size_of::<CustomerRow>();
        assert!(size <= SIZE_BOUND, "a customer row is {size} bytes");
    }

    const SIZE_BOUND: usize = 208;

    #[test]
    fn ids_take_their_first_spelling() {
        let mut rows = Rows::default();
        for (customer, person) in [
            ("C-1001", "Dan@x.com"),
            ("c-1001", "dan@X.COM"),
            ("C-1002", "eve@x.com"),
        ] {
            rows.customers.push(CustomerRow {
                customer: CustomerId::parse(customer),
                ..CustomerRow::blank(PartnerId::parse("1").unwrap())
            });
            rows.credentials.push(CredentialRow {
                source: Location::file("t.csv".into()),
                partner: PartnerId::parse("1").unwrap(),
                partner_name: None,
                person: PersonId::parse(person).unwrap(),
                person_name: None,
                text: "70-346".into(),
                credentials: Vec::new(),
                passed_on: None,
                expires_on: None,
            });
        }
        rows.unify_spellings();
        let shown: Vec<&str> = rows
            .customers
            .iter()
            .map(|r| r.customer.as_ref().unwrap().as_str())
            .collect();
        assert_eq!(shown, ["C-1001", "C-1001", "C-1002"]);
        let people: Vec<&str> = rows.credentials.iter().map(|r| r.person.as_str()).collect();
        assert_eq!(people, ["Dan@x.com", "Dan@x.com", "eve@x.com"]);
    }

    #[test]
    fn partner_runs_split_where_the_partner_changes_and_keep_every_row() {
        let id = |s: &str| PartnerId::parse(s).expect("an id");
        let rows = [id("1"), id("1"), id("2"), id("1"), id("3"), id("3")];
        let runs: Vec<(String, std::ops::Range<usize>)> = partner_runs(&rows, |r| r)
            .map(|(p, run)| (p.to_string(), run))
            .collect();
        // A partner met again later is a run of its own; the groups join them.
        assert_eq!(
            runs,
            [
                ("1".to_string(), 0..2),
                ("2".to_string(), 2..3),
                ("1".to_string(), 3..4),
                ("3".to_string(), 4..6),
            ]
        );
        assert_eq!(partner_runs(&rows[..0], |r| r).count(), 0);
    }
}
