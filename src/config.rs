//! The scan's settings: built-in defaults, overridden by an optional TOML file.
//!
//! ```toml
//! [scan]
//! batch_size = 2048      # listings per parallel batch
//!
//! [[platforms]]          # replaces the default territory map when present
//! name = "taobao"
//! accepts = ["CN"]
//!
//! [[platforms]]
//! name = "aliexpress"
//! accepts_all_except = ["CN"]
//! ```

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::policy::{Acceptance, Territory};

/// Validated settings.
#[derive(Clone, Debug)]
pub struct Config {
    pub territory: Territory,
    pub batch_size: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            territory: Territory::default(),
            batch_size: 2048,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    scan: RawScan,
    #[serde(default)]
    platforms: Vec<RawPlatform>,
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
        let mut cfg = Config::default();
        if let Some(n) = raw.scan.batch_size {
            if n == 0 {
                return Err(Error::config("scan.batch_size must be at least 1"));
            }
            cfg.batch_size = n;
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
