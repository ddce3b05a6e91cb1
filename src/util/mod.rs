//! Small helpers shared by readers and writers: paths kept inside their folder, CSV tables
//! read by header.

pub(crate) mod lines;
pub mod paths;
pub(crate) mod tabular;
