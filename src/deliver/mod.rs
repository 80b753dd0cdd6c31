//! What happens around a report once it is written: the run lock, and moving
//! the inputs to the archive.

pub mod archive;
pub mod lock;
