//! Small inline SVG charts for the report's header: no script, no library.

use std::fmt::Write;

use super::escape::Esc;

/// Horizontal bars, one per `(label, count)`, scaled to the largest.
pub fn bars(title: &str, rows: &[(&str, u64)]) -> String {
    const ROW: u32 = 22;
    const LABEL: u32 = 210;
    const WIDTH: u32 = 460;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let height = ROW * rows.len() as u32 + 8;
    let mut svg = format!(
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"><title>{}</title>"#,
        Esc(title)
    );
    for (i, (label, count)) in rows.iter().enumerate() {
        let y = ROW * i as u32 + 4;
        let len = (f64::from(WIDTH - LABEL - 60) * *count as f64 / max as f64).round();
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text><rect x="{LABEL}" y="{y}" width="{len}" height="{}"/><text x="{}" y="{}">{count}</text>"#,
            LABEL - 6,
            y + 14,
            Esc(label),
            ROW - 6,
            f64::from(LABEL) + len + 4.0,
            y + 14,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A histogram of scores in ten bins from 0 to 1 (`bins[9]` includes 1.0).
pub fn histogram(title: &str, bins: &[u64; 10]) -> String {
    const WIDTH: u32 = 320;
    const HEIGHT: u32 = 120;
    const BAR: u32 = 28;
    let max = bins.iter().copied().max().unwrap_or(0).max(1);
    let mut svg = format!(
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {}" width="{WIDTH}" height="{}"><title>{}</title>"#,
        HEIGHT + 20,
        HEIGHT + 20,
        Esc(title)
    );
    for (i, &n) in bins.iter().enumerate() {
        let h = (f64::from(HEIGHT - 16) * n as f64 / max as f64).round();
        let x = 10 + 30 * i as u32;
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{}" width="{BAR}" height="{h}"><title>{:.1}–{:.1}: {n}</title></rect><text x="{}" y="{}" text-anchor="middle">{:.1}</text>"#,
            f64::from(HEIGHT) - h,
            i as f64 / 10.0,
            (i + 1) as f64 / 10.0,
            x + BAR / 2,
            HEIGHT + 14,
            i as f64 / 10.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let svg = bars("by reason", &[("a<b", 10), ("c", 5), ("d", 0)]);
        assert!(svg.contains("a&lt;b"));
        assert!(svg.contains(r#"width="190""#), "{svg}");
        assert!(svg.contains(r#"width="95""#), "{svg}");
        assert!(svg.contains(r#"width="0""#), "{svg}");
    }

    #[test]
    fn an_empty_histogram_draws_flat_bars() {
        let svg = histogram("scores", &[0; 10]);
        assert_eq!(svg.matches("<rect").count(), 10);
        assert!(svg.contains(r#"height="0""#));
    }
}
