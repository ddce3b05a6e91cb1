//! The policy: which detector evidence becomes a flag on which listing.

mod corroboration;
mod eligibility;
mod territory;

pub use corroboration::{ConfirmedSellers, ObscuredRules, corroborations};
pub use eligibility::Policy;
pub use territory::{Acceptance, Territory};
