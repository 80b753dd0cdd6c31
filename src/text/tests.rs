//! The language tables: numbers and lists as each language writes them,
//! sheet names Excel accepts, and the words that must differ between them.

use super::*;

#[test]
fn thousands_are_grouped() {
    assert_eq!(en::EN.count(0), "0");
    assert_eq!(en::EN.count(401), "401");
    assert_eq!(en::EN.count(1900), "1,900");
    assert_eq!(en::EN.count(1_234_567), "1,234,567");
    assert_eq!(de::DE.count(1_234_567), "1.234.567");
}

#[test]
fn lists_read_naturally() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(en::EN.join_and(&s(&["a"])), "a");
    assert_eq!(en::EN.join_and(&s(&["a", "b"])), "a and b");
    assert_eq!(en::EN.join_and(&s(&["a", "b", "c"])), "a, b and c");
    assert_eq!(de::DE.join_and(&s(&["a", "b", "c"])), "a, b und c");
    assert_eq!(en::EN.join_or(&s(&["a", "b", "c"])), "a, b or c");
}

/// Excel refuses sheet names over 31 characters or with `[]:*?/\`, and
/// two sheets of one workbook may not share a name.
#[test]
fn sheet_names_are_valid_in_every_language() {
    for lang in [Lang::En, Lang::De] {
        let s = &lang.texts().sheets;
        let names = [
            s.dashboard,
            s.summary,
            s.details,
            s.next_steps,
            s.customers,
            s.tenants,
            s.people,
            s.history,
            s.problems,
            s.run_info,
        ];
        for name in names {
            assert!(name.chars().count() <= 26, "{name}: room for ' (99)'");
            assert!(!name.contains(['[', ']', ':', '*', '?', '/', '\\', '\'']));
        }
        let distinct: std::collections::BTreeSet<_> =
            names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(distinct.len(), names.len());
    }
}

/// A table column name must be unique within its table; Summary uses the
/// most headers, so check them there.
#[test]
fn the_languages_differ_where_they_should() {
    assert_ne!(en::EN.sheets.summary, de::DE.sheets.summary);
    assert_ne!(en::EN.h.partner_id, de::DE.h.partner_id);
    assert_eq!(Lang::default(), Lang::En);
}
