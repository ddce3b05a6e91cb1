//! The policy: which detector evidence becomes a flag on which listing.

mod eligibility;
mod territory;

pub use eligibility::Policy;
pub use territory::{Acceptance, Territory};
