//! The competency family's tests, by stage.

mod evaluate;
mod words;
