//! A competency's sentences: what a partner must do next, the cheapest
//! route, who is part-way, what to do about a customer, why a partner is at
//! risk. The words themselves are in [`crate::text`]'s tables (one per
//! language); these functions put them together from the family's data.

use super::Levels;
use super::progress::AtRisk;
use super::route::{NearCustomer, Route, Step};
use crate::evaluate::{PartnerResult, PersonHint};
use crate::model::Level;
use crate::rules::Rules;
use crate::text::{Texts, en};

impl Texts {
    /// What a partner must do next, in one sentence.
    ///
    /// e.g. "needs 401 more active entitlements and 1 more qualified person
    /// for Gold; Dan has passed 70-346 and needs 70-347".
    pub(crate) fn action(&self, result: &PartnerResult<Levels>, rules: &Rules) -> String {
        let Some(next) = &result.standing.next else {
            return (self.meets)(self.level(Level::Gold));
        };
        let mut needs = Vec::new();
        if next.new_customers_short > 0 {
            needs.push((self.more_new_customers)(
                &self.count(u64::from(next.new_customers_short)),
                next.new_customers_short == 1,
            ));
        }
        if next.entitlements_short > 0 {
            needs.push((self.more_entitlements)(
                &self.count(next.entitlements_short),
                next.entitlements_short == 1,
            ));
        }
        if next.people_short > 0 {
            needs.push((self.more_people)(
                &self.count(u64::from(next.people_short)),
                next.people_short == 1,
            ));
        }
        let mut sentence = (self.needs_for)(&self.join_and(&needs), self.level(next.level));
        for hint in &result.standing.hints {
            sentence.push_str("; ");
            sentence.push_str(&self.person_hint(hint, rules));
        }
        sentence
    }

    /// "Dan has passed 70-346 and needs 70-347".
    pub(crate) fn person_hint(&self, hint: &PersonHint, rules: &Rules) -> String {
        let held: Vec<String> = hint.held.iter().map(|c| rules.label(c)).collect();
        (self.person_hint)(
            &hint.name,
            &self.join_and(&held),
            &self.lacking(&hint.missing, rules),
        )
    }

    /// The cheapest route to the next level, in one sentence, e.g. "for
    /// Silver: 1 more qualified person: Dan Park has passed 70-346 and needs
    /// 70-347; then 50 more active entitlements: Proseware (600 Exchange
    /// Online users, trial: when paid) would bring them to 2,550".
    pub(crate) fn route(&self, advice: &Route, rules: &Rules) -> String {
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

    /// Why a partner is at risk, in one sentence, e.g. "2,050 active
    /// entitlements are within 5 % of the Silver 2,000 threshold".
    pub(crate) fn at_risk(&self, risk: &AtRisk) -> String {
        let a = &self.alerts;
        let level = self.level(risk.level);
        let mut reasons = Vec::new();
        if let Some(near) = &risk.near_threshold {
            // Two decimals at most: 0.05 is "5", 0.025 is "2.5".
            let percent = (near.margin * 10_000.0).round() / 100.0;
            let percent = percent.to_string().replace('.', &a.decimal_sep.to_string());
            reasons.push((a.near_threshold)(
                &self.count(near.entitlements),
                &percent,
                level,
                &self.count(near.threshold),
            ));
        }
        if let Some(people) = risk.last_people {
            reasons.push((a.last_people)(
                &self.count(u64::from(people)),
                people == 1,
                level,
            ));
        }
        reasons.join(a.also)
    }
}

/// Why a partner is at risk, in English (the JSON summary's `at_risk`).
pub(crate) fn at_risk_en(risk: &AtRisk) -> String {
    en::EN.at_risk(risk)
}
