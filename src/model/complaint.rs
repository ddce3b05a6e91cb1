use serde::Serialize;

/// Where a complaint stands in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    InReview,
    Confirmed,
    Dismissed,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Open,
        Status::InReview,
        Status::Confirmed,
        Status::Dismissed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InReview => "in_review",
            Status::Confirmed => "confirmed",
            Status::Dismissed => "dismissed",
        }
    }

    /// Parses `open`, `in_review`, `confirmed` or `dismissed`.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// One complaint of the queue: a listing and the rights holder it concerns (empty for the
/// platform's own queue of obscured marks), with all its evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Complaint {
    pub complaint_id: i64,
    pub listing_id: String,
    pub platform: String,
    pub seller_id: String,
    pub rights_holder: String,
    pub status: Status,
    pub score: f64,
    /// Reason codes, `|`-joined, sorted.
    pub reasons: String,
    pub first_seen_run: String,
    pub last_seen_run: String,
    pub updated_at: String,
}
