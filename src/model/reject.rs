/// What a reject is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RejectScope {
    /// A whole listing row: it was not scanned.
    Row,
    /// One image of a listing: the listing was still scanned without it.
    Image,
    /// A row of a reference upload (marks or images): it is not used.
    Reference,
}

impl RejectScope {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectScope::Row => "row",
            RejectScope::Image => "image",
            RejectScope::Reference => "reference",
        }
    }
}

/// An input row (or part of one) that was not used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    pub file: String,
    /// 1-based line (CSV, JSONL) or row (Parquet); 0 when the whole file is concerned.
    pub line: u64,
    /// The row's id (`listing_id`, `mark_id`, `image_id`) when it could be read.
    pub id: String,
    pub scope: RejectScope,
    /// A stable, machine-readable code (`missing_field`, `bad_price`, …).
    pub reason: &'static str,
    /// A sentence for a person: what is wrong and, where it helps, what to fix.
    pub detail: String,
}
