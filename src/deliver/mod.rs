//! What happens around a report once it is written: the run lock, moving
//! the inputs to the archive, and sending the report by email.

pub mod archive;
pub mod email;
pub mod lock;
