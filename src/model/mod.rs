//! Plain data that flows through the pipeline: what comes in, what references say, what
//! comes out. No I/O and no logic beyond small accessors.

mod cell;
mod complaint;
mod flag;
mod image;
pub mod limits;
mod listing;
mod reference;
mod reject;
mod turn;

pub use cell::{
    Corroboration, FlagEvidence, ImageEvidence, ObscuredEvidence, TextEvidence, WorkCue,
    WorkEvidence,
};
pub use complaint::{Complaint, Status};
pub use flag::{CopyCue, Evidence, Flag, Reason, TextField};
pub use image::{Hash256, ObscureKind, Thumb};
pub use limits::Limits;
pub use listing::{Listing, RowOrigin};
pub use reference::{ImageKind, Jurisdiction, Mark, RefImage, RightsScope, Work, WorkKind};
pub use reject::{Reject, RejectScope};
pub use turn::Turn;
