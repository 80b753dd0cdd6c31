//! Where things go in the workbook: the order of the `Customers` rows and
//! each partner's first row on `Customers`, `People` and the family's
//! evidence sheet (for links).
//! Worked out once per report.

use crate::advice::Family;
use crate::evaluate::PartnerResult;
use crate::model::PartnerId;
use crate::report::ReportData;

/// The workbook's layout.
#[derive(Debug)]
pub struct Layout {
    /// Input indices of the customer rows in report order: by partner, then
    /// input order, so each partner's rows are contiguous.
    pub(crate) customer_order: Vec<usize>,
    /// For each input customer row, its position (0-based data row) on `Customers`.
    pub(crate) customer_position: Vec<usize>,
    /// Per partner (aligned with the evaluation's partners): the position of
    /// its first `Customers` row and how many it has.
    pub(crate) customers: Vec<(usize, usize)>,
    /// Per partner: the position of its first `People` row and how many it has.
    pub(crate) people: Vec<(usize, usize)>,
    /// Per partner: the position of its first row on the family's evidence
    /// sheet and how many it has (none where the family has no such sheet).
    pub(crate) evidence: Vec<(usize, usize)>,
}

impl Layout {
    /// Partner p's customer rows (input indices), in input order.
    pub(crate) fn customer_rows_of(&self, p: usize) -> &[usize] {
        let (start, count) = self.customers[p];
        &self.customer_order[start..start + count]
    }

    /// A layout without `Customers`, `People` or evidence rows: the
    /// sheets' partner cells link nowhere (a report holding several rule
    /// sets, whose rows differ by rule set, has none of those sheets).
    pub(crate) fn unlinked(partners: usize) -> Layout {
        Layout {
            customer_order: Vec::new(),
            customer_position: Vec::new(),
            customers: vec![(0, 0); partners],
            people: vec![(0, 0); partners],
            evidence: vec![(0, 0); partners],
        }
    }

    /// The layout of a report; `evidence_rows` is how many rows a partner
    /// has on the family's evidence sheet (the report's family says; taken
    /// as a function so the layout need not know the report's families).
    pub(crate) fn new<F: Family>(
        data: &ReportData<F>,
        evidence_rows: impl Fn(&PartnerResult<F>) -> usize,
    ) -> Layout {
        let partners = &data.evaluation.partners;
        let index_of = |id: &PartnerId| partners.binary_search_by(|p| p.partner.cmp(id)).ok();
        let customer_rows = &data.inputs.rows.customers;

        // A counting sort by partner keeps input order within a partner.
        // Every row's partner is evaluated; one that somehow is not goes last.
        let owner: Vec<usize> = customer_rows
            .iter()
            .map(|r| index_of(&r.partner).unwrap_or(partners.len()))
            .collect();
        let mut counts = vec![0usize; partners.len() + 1];
        for &p in &owner {
            counts[p] += 1;
        }
        let mut starts = Vec::with_capacity(counts.len());
        let mut next = 0;
        for &c in &counts {
            starts.push(next);
            next += c;
        }
        let mut fill = starts.clone();
        let mut customer_order = vec![0; customer_rows.len()];
        let mut customer_position = vec![0; customer_rows.len()];
        for (i, &p) in owner.iter().enumerate() {
            customer_order[fill[p]] = i;
            customer_position[i] = fill[p];
            fill[p] += 1;
        }
        let customers = (0..partners.len())
            .map(|p| (starts[p], counts[p]))
            .collect();

        // People are already sorted by partner and person.
        let mut people = vec![(0usize, 0usize); partners.len()];
        for (i, person) in data.evaluation.people.iter().enumerate() {
            if let Some(p) = index_of(&person.partner) {
                if people[p].1 == 0 {
                    people[p].0 = i;
                }
                people[p].1 += 1;
            }
        }

        let mut next = 0;
        let evidence = partners
            .iter()
            .map(|p| {
                let n = evidence_rows(p);
                next += n;
                (next - n, n)
            })
            .collect();

        Layout {
            evidence,
            customer_order,
            customer_position,
            customers,
            people,
        }
    }
}
