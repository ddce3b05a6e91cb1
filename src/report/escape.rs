//! Escaping for HTML: every string that comes from a listing, a reference or a path goes
//! through [`Esc`] on its way into the report.

use std::fmt::{self, Display};

/// Text escaped for HTML, in element content and in quoted attribute values alike.
///
/// # Example
/// ```
/// use ippscan::report::Esc;
/// assert_eq!(Esc(r#"<b title="x">&'"#).to_string(), "&lt;b title=&quot;x&quot;&gt;&amp;&#39;");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}
