//! competency-report: reads partner workbooks, evaluates every Microsoft
//! partner against a competency's rules and writes an annotated report.
//!
//! The data takes one road, and the modules follow it:
//! [`input`] (find, open, classify, type the rows) -> [`rules`] (what counts)
//! -> [`evaluate`] (per partner, in parallel) -> [`report`] (Excel and JSON).
//! [`model`] holds the domain types every stage shares; [`problem`] says
//! where in the inputs something is wrong; [`text`] holds the words;
//! `month` holds last month's changes and the history, which the routine
//! computes and the report, the mail and the words read.
//!
//! [`pipeline`] is that road in one place (read, evaluate, the data a
//! report is made from); [`phase`] names its steps for progress bars and
//! timings. The monthly routine wraps the road in a room of its own,
//! [`routine`]: config, lock, inbox settling, the run, comparison with last
//! month, history, archive and `init`'s folder layout. [`routine::run`] is
//! the one path from inputs to a written report: the `run` command and the
//! benchmarks both take it. [`deliver`] sends the written report (email);
//! `safe_write` is how every file the tool writes is put in place.
//!
//! This file only declares the rooms.

#![warn(missing_docs)]

pub mod advice;
pub mod deliver;
pub mod evaluate;
pub mod families;
#[doc(hidden)]
pub mod fuzz;
pub mod input;
pub mod memory;
pub mod model;
pub(crate) mod month;
pub mod phase;
pub mod pipeline;
pub mod problem;
pub mod report;
pub mod routine;
pub mod rules;
pub(crate) mod safe_write;
pub mod template;
pub mod text;
