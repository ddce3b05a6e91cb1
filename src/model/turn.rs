//! How a copy is turned or flipped from the photo it copies.

use serde::{Deserialize, Serialize};

/// One of the eight ways to turn or flip a photo onto itself (its frame's symmetries): how
/// the reference is turned to give the copy. Quarter turns are clockwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Turn {
    #[default]
    AsIs,
    /// Mirrored left to right.
    FlipH,
    /// Flipped top to bottom.
    FlipV,
    Rot90,
    Rot180,
    Rot270,
    /// Flipped about the diagonal from the top left.
    Transpose,
    /// Flipped about the diagonal from the top right.
    Transverse,
}

impl Turn {
    pub const ALL: [Turn; 8] = [
        Turn::AsIs,
        Turn::FlipH,
        Turn::FlipV,
        Turn::Rot90,
        Turn::Rot180,
        Turn::Rot270,
        Turn::Transpose,
        Turn::Transverse,
    ];

    /// The name in a flag's `detail` and evidence.
    pub fn name(self) -> &'static str {
        match self {
            Turn::AsIs => "as_is",
            Turn::FlipH => "flip_h",
            Turn::FlipV => "flip_v",
            Turn::Rot90 => "rot90",
            Turn::Rot180 => "rot180",
            Turn::Rot270 => "rot270",
            Turn::Transpose => "transpose",
            Turn::Transverse => "transverse",
        }
    }

    /// The turn that undoes this one.
    #[must_use]
    pub fn inverse(self) -> Turn {
        match self {
            Turn::Rot90 => Turn::Rot270,
            Turn::Rot270 => Turn::Rot90,
            other => other,
        }
    }
}
