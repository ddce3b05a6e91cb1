//! The territorial rule: which jurisdictions' rights a platform accepts.

use std::collections::HashMap;

/// What a platform accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Acceptance {
    /// Rights registered in one of these jurisdictions.
    Only(Vec<String>),
    /// Rights registered anywhere but these.
    AllExcept(Vec<String>),
}

impl Acceptance {
    fn accepts(&self, jurisdiction: &str) -> bool {
        match self {
            Acceptance::Only(js) => js.iter().any(|j| j == jurisdiction),
            Acceptance::AllExcept(js) => !js.iter().any(|j| j == jurisdiction),
        }
    }
}

/// Platforms by lower-cased name, and what each accepts.
///
/// # Example
/// ```
/// use ippscan::policy::Territory;
/// let t = Territory::default();
/// assert!(t.is_eligible("taobao", &["CN".to_string()]));
/// assert!(!t.is_eligible("aliexpress", &["CN".to_string()]));
/// assert!(t.is_eligible("aliexpress", &["CN".to_string(), "US".to_string()]));
/// assert!(!t.knows("ebay"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Territory {
    platforms: HashMap<String, Acceptance>,
}

impl Default for Territory {
    /// Domestic platforms (`taobao`, `tmall`, `1688`) accept `CN`; international ones
    /// (`alibaba.com`, `aliexpress`) accept every other jurisdiction.
    fn default() -> Territory {
        let domestic = Acceptance::Only(vec!["CN".into()]);
        let international = Acceptance::AllExcept(vec!["CN".into()]);
        let platforms = [
            ("taobao", &domestic),
            ("tmall", &domestic),
            ("1688", &domestic),
            ("alibaba.com", &international),
            ("aliexpress", &international),
        ]
        .into_iter()
        .map(|(p, a)| (p.to_string(), a.clone()))
        .collect();
        Territory { platforms }
    }
}

impl Territory {
    /// An empty map, to fill with [`Territory::insert`].
    pub fn empty() -> Territory {
        Territory {
            platforms: HashMap::new(),
        }
    }

    /// Adds or replaces a platform (its name is lower-cased).
    pub fn insert(&mut self, platform: &str, acceptance: Acceptance) -> &mut Territory {
        self.platforms
            .insert(platform.trim().to_lowercase(), acceptance);
        self
    }

    /// Whether `platform` (lower-cased) is in the map.
    pub fn knows(&self, platform: &str) -> bool {
        self.platforms.contains_key(platform)
    }

    /// The platform names, sorted.
    pub fn platforms(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.platforms.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// What `platform` accepts, if it is known.
    pub fn acceptance(&self, platform: &str) -> Option<&Acceptance> {
        self.platforms.get(platform)
    }

    /// Whether a right registered in `jurisdictions` can be enforced on `platform`.
    /// An unknown platform accepts nothing.
    pub fn is_eligible(&self, platform: &str, jurisdictions: &[String]) -> bool {
        self.platforms
            .get(platform)
            .is_some_and(|a| jurisdictions.iter().any(|j| a.accepts(j)))
    }
}
