//! Relative paths from untrusted files, kept inside their base folder.

use std::path::{Component, Path, PathBuf};

/// `rel` joined to `base`, unless `rel` is absolute, empty, or climbs out with `..`.
///
/// # Example
/// ```
/// use std::path::Path;
/// use ippscan::util::paths::resolve_inside;
/// assert_eq!(resolve_inside(Path::new("dump"), "img/a.jpg"), Some("dump/img/a.jpg".into()));
/// assert_eq!(resolve_inside(Path::new("dump"), "../secret.jpg"), None);
/// assert_eq!(resolve_inside(Path::new("dump"), "/etc/passwd"), None);
/// ```
pub fn resolve_inside(base: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    let mut depth = 0usize;
    for c in rel.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => depth = depth.checked_sub(1)?,
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (depth > 0).then(|| base.join(rel))
}

/// Whether `path`, once symbolic links are followed, lies outside `base` (also followed).
/// A path that does not exist does not link out: opening it will say it is missing.
///
/// # Example
/// ```
/// use std::path::Path;
/// assert!(!ippscan::util::paths::links_out(Path::new("."), Path::new("Cargo.toml")));
/// ```
pub fn links_out(base: &Path, path: &Path) -> bool {
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    match (std::fs::canonicalize(base), std::fs::canonicalize(path)) {
        (Ok(base), Ok(path)) => !path.starts_with(base),
        _ => false,
    }
}
