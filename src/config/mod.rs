//! The scan's settings: built-in defaults, overridden by an optional TOML file.
//!
//! ```toml
//! [scan]
//! batch_size = 2048      # listings per parallel batch
//!
//! [thresholds]           # minimum score to enter the complaint queue, per reason
//! trademark_variant = 0.6
//!
//! [obscured]             # obscured-mark flags: alone under the queue threshold,
//! uncorroborated_max = 0.45   # raised by what else in the listing backs them
//! text = 0.2             # its text names or imitates a mark
//! image_match = 0.2      # one of its images matches a reference photo
//! category = 0.1         # its category is one a mark is registered for
//! repeat_seller = 0.2    # its seller has confirmed complaints
//!
//! [repeat_infringers]     # confirmed complaints per seller for each escalation
//! warning = 1
//! delisting = 3
//! suspension = 5
//! closure = 10
//!
//! [report]               # the reviewers' report.html
//! max_cards = 10000      # the highest-scoring complaints it shows
//! page_size = 1000       # cards per page
//!
//! [limits]               # past each, a reject row, and the run goes on
//! max_field_bytes = 1048576
//! max_line_bytes = 8388608
//! max_images_per_listing = 50
//! max_image_bytes = 52428800
//! max_image_pixels = 50000000
//! max_decode_ms = 10000
//!
//! [[platforms]]          # replaces the default territory map when present
//! name = "taobao"
//! accepts = ["CN"]
//!
//! [[platforms]]
//! name = "aliexpress"
//! accepts_all_except = ["CN"]
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::Reason;
use crate::model::limits::Limits;
use crate::policy::{Acceptance, ObscuredRules, Territory};

/// Validated settings.
#[derive(Clone, Debug)]
pub struct Config {
    pub territory: Territory,
    pub batch_size: usize,
    /// Minimum score per reason for a flag to enter the complaint queue; flags under it
    /// stay in `flags.csv`.
    pub thresholds: BTreeMap<Reason, f32>,
    /// How obscured-mark flags score alone and corroborated.
    pub obscured: ObscuredRules,
    /// Escalation levels by confirmed complaints per seller, ascending.
    pub repeat_infringers: Vec<(String, u64)>,
    /// The reviewers' report: how many complaints it keeps, and per page.
    pub report: ReportSettings,
    /// Bounds on rows, lines and images.
    pub limits: Limits,
}

/// The reviewers' report: how many complaints it keeps, the highest-scoring, and how many
/// go on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportSettings {
    pub max_cards: usize,
    pub page_size: usize,
}

impl Default for ReportSettings {
    fn default() -> ReportSettings {
        ReportSettings {
            max_cards: 10_000,
            page_size: 1_000,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            territory: Territory::default(),
            batch_size: 2048,
            thresholds: Reason::ALL
                .into_iter()
                .map(|r| {
                    (
                        r,
                        if r == Reason::TrademarkVariant {
                            0.6
                        } else {
                            0.5
                        },
                    )
                })
                .collect(),
            obscured: ObscuredRules::default(),
            repeat_infringers: vec![
                ("warning".into(), 1),
                ("delisting".into(), 3),
                ("suspension".into(), 5),
                ("closure".into(), 10),
            ],
            report: ReportSettings::default(),
            limits: Limits::default(),
        }
    }
}

impl Config {
    /// Whether a flag scores high enough to enter the complaint queue.
    pub fn enters_queue(&self, reason: Reason, score: f32) -> bool {
        score >= self.thresholds.get(&reason).copied().unwrap_or(0.5)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    scan: RawScan,
    #[serde(default)]
    platforms: Vec<RawPlatform>,
    #[serde(default)]
    thresholds: BTreeMap<String, f32>,
    #[serde(default)]
    obscured: ObscuredRules,
    #[serde(default)]
    repeat_infringers: BTreeMap<String, u64>,
    #[serde(default)]
    report: RawReport,
    #[serde(default)]
    limits: Limits,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    max_cards: Option<usize>,
    page_size: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScan {
    batch_size: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlatform {
    name: String,
    accepts: Option<Vec<String>>,
    accepts_all_except: Option<Vec<String>>,
}

impl Config {
    /// Reads and validates a TOML config file.
    pub fn from_file(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::from_toml(&text).map_err(|e| e.with_path(path))
    }

    /// Parses and validates TOML text.
    ///
    /// # Example
    /// ```
    /// let cfg = ippscan::Config::from_toml(r#"
    ///     [[platforms]]
    ///     name = "shopee"
    ///     accepts_all_except = ["CN"]
    /// "#).unwrap();
    /// assert!(cfg.territory.knows("shopee"));
    /// assert!(!cfg.territory.knows("taobao"));
    /// ```
    pub fn from_toml(text: &str) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| Error::config(e.message()))?;
        let mut cfg = Config {
            limits: raw.limits,
            ..Config::default()
        };
        if let Some(n) = raw.scan.batch_size {
            if n == 0 {
                return Err(Error::config("scan.batch_size must be at least 1"));
            }
            cfg.batch_size = n;
        }
        for (key, value) in [
            ("max_cards", raw.report.max_cards),
            ("page_size", raw.report.page_size),
        ] {
            match value {
                Some(0) => return Err(Error::config(format!("report.{key} must be at least 1"))),
                Some(n) if key == "max_cards" => cfg.report.max_cards = n,
                Some(n) => cfg.report.page_size = n,
                None => {}
            }
        }
        for (reason, min) in raw.thresholds {
            let r = Reason::ALL
                .into_iter()
                .find(|r| r.as_str() == reason)
                .ok_or_else(|| Error::config(format!("thresholds: unknown reason {reason:?}")))?;
            if !(0.0..=1.0).contains(&min) {
                return Err(Error::config(format!(
                    "thresholds.{reason} must be between 0 and 1"
                )));
            }
            cfg.thresholds.insert(r, min);
        }
        cfg.obscured = raw.obscured;
        for (key, value) in cfg.obscured.named() {
            if !(0.0..=1.0).contains(&value) {
                return Err(Error::config(format!(
                    "obscured.{key} must be between 0 and 1"
                )));
            }
        }
        let threshold = cfg.thresholds[&Reason::DeceptiveObscuredMark];
        if cfg.obscured.uncorroborated_max >= threshold {
            return Err(Error::config(format!(
                "obscured.uncorroborated_max ({}) must be under \
                 thresholds.deceptive_obscured_mark ({threshold}): an obscured mark alone \
                 stays out of the queue",
                cfg.obscured.uncorroborated_max
            )));
        }
        if !raw.repeat_infringers.is_empty() {
            let mut levels: Vec<(String, u64)> = raw.repeat_infringers.into_iter().collect();
            levels.sort_by_key(|l| l.1);
            cfg.repeat_infringers = levels;
        }
        if !raw.platforms.is_empty() {
            let mut territory = Territory::empty();
            for p in raw.platforms {
                let acceptance = match (p.accepts, p.accepts_all_except) {
                    (Some(js), None) => Acceptance::Only(upper(js)),
                    (None, Some(js)) => Acceptance::AllExcept(upper(js)),
                    _ => {
                        return Err(Error::config(format!(
                            "platform {:?}: give exactly one of `accepts` or `accepts_all_except`",
                            p.name
                        )));
                    }
                };
                territory.insert(&p.name, acceptance);
            }
            cfg.territory = territory;
        }
        Ok(cfg)
    }
}

fn upper(js: Vec<String>) -> Vec<String> {
    js.into_iter().map(|j| j.trim().to_uppercase()).collect()
}
