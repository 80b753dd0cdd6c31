//! The words of the cheapest route to the next level and the `Next Steps`
//! sheet: the table's shape, and how its words are put together.

/// The words of the cheapest route and the `Next Steps` sheet.
#[derive(Debug)]
pub(crate) struct AdviceTexts {
    /// "People" (a step's kind).
    pub(crate) people_step: &'static str,
    /// "Entitlements" (a step's kind).
    pub(crate) entitlements_step: &'static str,
    /// "New customers" (a step's kind).
    pub(crate) new_customers_step: &'static str,
    /// What to do when new customers are short: (count, is one).
    pub(crate) do_win_customers: fn(&str, bool) -> String,
    /// Before the steps: (level).
    pub(crate) route_for: fn(&str) -> String,
    /// Between two steps: "; then ".
    pub(crate) then: &'static str,
    /// Nobody on the transcripts is part-way to qualifying.
    pub(crate) nobody_part_way: &'static str,
    /// Part of the people still needed hold no credential yet: (count, is one).
    pub(crate) more_from_scratch: fn(&str, bool) -> String,
    /// No customer on the inputs is close to counting.
    pub(crate) no_near_customer: &'static str,
    /// A customer that would count: (customer, users, workload, obstacle).
    pub(crate) near_customer: fn(&str, &str, &str, &str) -> String,
    /// The plan reaches the figure: (figure).
    pub(crate) would_reach: fn(&str) -> String,
    /// The plan falls short: (figure, threshold).
    pub(crate) would_reach_part: fn(&str, &str) -> String,
    /// "trial: when paid".
    pub(crate) when_paid: fn(&str) -> String,
    /// "not associated: when associated".
    pub(crate) when_associated: &'static str,
    /// What to do about an unpaid SKU: (sku).
    pub(crate) do_pay: fn(&str) -> String,
    /// What to do about a missing association: (counted associations).
    pub(crate) do_associate: fn(&str) -> String,
    /// What a person must pass: (credentials).
    pub(crate) do_pass: fn(&str) -> String,
    /// What to do with no customer in sight: (entitlements short).
    pub(crate) do_win: fn(&str) -> String,
    /// What to do with nobody part-way: (people short, is one).
    pub(crate) do_train: fn(&str, bool) -> String,
}
