//! The words of the cheapest route to the next level and the `Next Steps`
//! sheet: the table's shape, and how its words are put together.

use super::Texts;
use crate::advice::{Advice, NearCustomer, Step};
use crate::rules::Rules;

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

impl Texts {
    /// The cheapest route to the next level, in one sentence, e.g. "for
    /// Silver: 1 more qualified person: Dan Park has passed 70-346 and needs
    /// 70-347; then 50 more active entitlements: Proseware (600 Exchange
    /// Online users, trial: when paid) would bring them to 2,550".
    pub(crate) fn route(&self, advice: &Advice, rules: &Rules) -> String {
        let steps: Vec<String> = advice
            .steps
            .iter()
            .map(|step| match step {
                Step::People(people) => {
                    let more =
                        (self.more_people)(&self.count(u64::from(people.short)), people.short == 1);
                    if people.candidates.is_empty() {
                        return format!("{more} ({})", self.advice.nobody_part_way);
                    }
                    let mut parts: Vec<String> = people
                        .candidates
                        .iter()
                        .map(|h| self.person_hint(h, rules))
                        .collect();
                    let rest =
                        people.short as usize - people.candidates.len().min(people.short as usize);
                    if rest > 0 {
                        parts.push((self.advice.more_from_scratch)(
                            &self.count(rest as u64),
                            rest == 1,
                        ));
                    }
                    format!("{more}: {}", parts.join("; "))
                }
                Step::NewCustomers(short) => {
                    (self.more_new_customers)(&self.count(u64::from(*short)), *short == 1)
                }
                Step::Entitlements(e) => {
                    let more = (self.more_entitlements)(&self.count(e.short), e.short == 1);
                    if e.plan.is_empty() {
                        return format!("{more} ({})", self.advice.no_near_customer);
                    }
                    let customers: Vec<String> = e
                        .plan
                        .iter()
                        .map(|c| {
                            (self.advice.near_customer)(
                                c.customer_name.as_deref().unwrap_or(c.customer.as_str()),
                                &self.count(c.users),
                                c.workload.as_str(),
                                &self.obstacle(c),
                            )
                        })
                        .collect();
                    let reach = if e.reaches >= e.threshold {
                        (self.advice.would_reach)(&self.count(e.reaches))
                    } else {
                        (self.advice.would_reach_part)(
                            &self.count(e.reaches),
                            &self.count(e.threshold),
                        )
                    };
                    format!("{more}: {} {reach}", customers.join(", "))
                }
            })
            .collect();
        format!(
            "{}{}",
            (self.advice.route_for)(self.level(advice.level)),
            steps.join(self.advice.then)
        )
    }

    /// Why a near customer does not count yet: "trial: when paid".
    pub(crate) fn obstacle(&self, customer: &NearCustomer) -> String {
        let mut parts = Vec::new();
        if let Some(sku) = customer.unpaid {
            parts.push((self.advice.when_paid)(self.sku(sku)));
        }
        if customer.unassociated.is_some() {
            parts.push(self.advice.when_associated.to_string());
        }
        self.join_and(&parts)
    }

    /// What to do so a near customer counts: "convert the trial
    /// subscription to paid and become ... for this customer".
    pub(crate) fn what_to_do(&self, customer: &NearCustomer, rules: &Rules) -> String {
        let mut parts = Vec::new();
        if let Some(sku) = customer.unpaid {
            parts.push((self.advice.do_pay)(self.sku(sku)));
        }
        if customer.unassociated.is_some() {
            let counted: Vec<String> = rules
                .associations
                .iter()
                .map(|a| self.association(*a).to_string())
                .collect();
            parts.push((self.advice.do_associate)(&self.join_or(&counted)));
        }
        self.join_and(&parts)
    }
}
