//! The words the tool puts in front of people: actions, reasons, labels.
//!
//! Kept in one place so that the wording is consistent across the report, the
//! JSON summary and the terminal, and so that another language is one more
//! table rather than a hunt through the code.

use crate::evaluate::{Exclusion, PartnerResult, PersonHint};
use crate::model::{Association, Level, Sku};
use crate::rules::Rules;

/// A count with thousands separators, as a reader expects (`1,900`).
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// What a partner must do next, in one sentence.
///
/// e.g. "needs 401 more active entitlements and 1 more qualified person for
/// Gold; Dan has passed 70-346 and needs 70-347".
pub fn action(result: &PartnerResult, rules: &Rules) -> String {
    let Some(next) = &result.next else {
        return format!("meets {}", Level::Gold);
    };
    let mut needs = Vec::new();
    if next.entitlements_short > 0 {
        needs.push(plural(
            next.entitlements_short,
            "more active entitlement",
            "more active entitlements",
        ));
    }
    if next.people_short > 0 {
        needs.push(plural(
            u64::from(next.people_short),
            "more qualified person",
            "more qualified people",
        ));
    }
    let mut sentence = format!("needs {} for {}", needs.join(" and "), next.level);
    for hint in &result.hints {
        sentence.push_str("; ");
        sentence.push_str(&person_hint(hint, rules));
    }
    sentence
}

/// "Dan has passed 70-346 and needs 70-347".
pub fn person_hint(hint: &PersonHint, rules: &Rules) -> String {
    let held: Vec<String> = hint.held.iter().map(|c| rules.label(c)).collect();
    let missing: Vec<String> = hint.missing.iter().map(|c| rules.label(c)).collect();
    format!(
        "{} has passed {} and needs {}",
        hint.name,
        join_and(&held),
        join_and(&missing)
    )
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why a customer row did not count.
pub fn exclusion(e: &Exclusion) -> String {
    match e {
        Exclusion::Invalid(why) => format!("invalid input: {why}"),
        Exclusion::NotPaid(Sku::Trial) => "trial SKU: trials never count".into(),
        Exclusion::NotPaid(sku) => format!("{} SKU: only paid SKUs count", sku.label().to_lowercase()),
        Exclusion::NotAssociated(Association::None) => {
            "not associated: the partner is not DAP, Transacting Partner, DPOR or Fast Track Partner for this customer".into()
        }
        Exclusion::NotAssociated(a) => format!("association '{}' does not count under these rules", a.label()),
        Exclusion::WorkloadNotCounted => "workload not counted by these rules".into(),
        Exclusion::Duplicate => "duplicate: the same customer and workload appear on a larger row".into(),
    }
}

/// "Yes" or "No".
pub fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(401), "401");
        assert_eq!(thousands(1900), "1,900");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn lists_read_naturally() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&s(&["a"])), "a");
        assert_eq!(join_and(&s(&["a", "b"])), "a and b");
        assert_eq!(join_and(&s(&["a", "b", "c"])), "a, b and c");
    }
}
