//! Delivering the finished report beyond the output folder.

pub mod email;
