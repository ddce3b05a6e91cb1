//! End-to-end tests: the `ippscan` binary on small, real-looking inputs.

mod contrib;
mod evasions;
mod fuzz_regressions;
mod helpers;
mod hostile;
mod image_eval;
mod images;
mod inputs;
mod obscured_boxes;
mod obscured_eval;
mod pdq;
mod queue;
mod refs_check;
mod report;
mod scan;
mod spark;
mod text_cases;
mod text_eval;
mod works;
mod works_eval;
