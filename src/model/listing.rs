use std::sync::Arc;

/// Where a row came from: the dump file and its 1-based line (CSV, JSONL) or row (Parquet).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowOrigin {
    pub file: Arc<str>,
    pub line: u64,
}

/// One validated listing from a dump.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    pub listing_id: String,
    pub seller_id: String,
    /// Lower-cased platform name, known to the territory map.
    pub platform: String,
    pub category: Option<String>,
    pub title: String,
    pub description: String,
    pub price: Option<f64>,
    pub currency: Option<String>,
    /// Image paths relative to the dump's folder, already checked not to escape it.
    pub image_paths: Vec<String>,
    pub origin: RowOrigin,
}
