//! Fuzzes cell values into typed rows (every sheet kind) and the cell parsers.
#![no_main]

use std::sync::OnceLock;

use competency_report::rules::Rules;
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::default_rules().expect("the built-in rules are valid"))
}

fuzz_target!(|data: &[u8]| {
    competency_report::fuzz::normalise(data, rules());
});
