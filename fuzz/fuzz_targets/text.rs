//! Fuzzes text exports (.csv, .tsv): whatever the bytes (any encoding, any
//! delimiter, broken quotes, NULs, endless lines), reading ends with rows or
//! problem entries, never a crash, and the records do not depend on how the
//! bytes arrive.
#![no_main]

use std::sync::OnceLock;

use competency_report::rules::Rules;
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::default_rules().expect("the built-in rules are valid"))
}

fuzz_target!(|data: &[u8]| {
    checks::text(data, rules());
});
