//! One writer per sheet of the report, each named after its sheet, in the
//! workbook's order: the overview first, then one row per partner and what
//! to do (`Next Steps` is the family's own:
//! [`crate::report::Family::write_next_steps`]), then the evidence, then
//! the run.

pub(crate) mod customers;
pub(crate) mod dashboard;
pub(crate) mod history;
pub(crate) mod partner_details;
pub(crate) mod people;
pub(crate) mod problems;
pub(crate) mod run_info;
pub(crate) mod summary;
