//! Delivery: sending the written report to the people who read it (email).

pub mod email;
