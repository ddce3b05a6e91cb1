//! The report's HTML: escaping, the header, the cards. Every string that comes from a
//! listing, a reference or a path goes through [`Esc`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;
use std::path::PathBuf;

use super::card::{Card, Item, Shown};
use super::chart;
use super::escape::Esc;
use super::thumbs::{Thumb, Thumbs};
use crate::model::{
    ImageEvidence, ObscuredEvidence, Reason, TextEvidence, TextField, Turn, WorkEvidence,
};
use crate::sink::Summary;

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// Rights holders listed by name in the header; the rest are summed.
const HOLDERS_LISTED: usize = 10;

/// Which page is being rendered, and what the header needs beyond the summary.
pub struct PageInfo<'a> {
    /// 1-based.
    pub number: usize,
    pub pages: usize,
    /// The index of the page's first card among all cards.
    pub first: usize,
    pub cards: &'a [Card],
    pub total_cards: usize,
    pub complaints: u64,
    pub scores: &'a [u64; 10],
    /// The rights holders of every page's cards, for the filter.
    pub holders: &'a BTreeSet<&'a str>,
    /// Lets the page's own style and script run, and nothing else.
    pub nonce: &'a str,
}

impl PageInfo<'_> {
    /// Where the report's folder is, seen from this page.
    fn folder(&self) -> &'static str {
        if self.number == 1 { "report/" } else { "" }
    }

    fn page_href(&self, number: usize) -> String {
        match (self.number, number) {
            (1, 1) => "report.html".into(),
            (1, n) => format!("report/page-{n}.html"),
            (_, 1) => "../report.html".into(),
            (_, n) => format!("page-{n}.html"),
        }
    }
}

/// One page of the report.
pub fn render_page(
    summary: &Summary,
    page: &PageInfo,
    thumbs: &Thumbs,
    references: &HashMap<String, PathBuf>,
) -> String {
    let mut out = String::with_capacity(4096 + 2048 * page.cards.len());
    let nonce = Esc(page.nonce);
    let _ = write!(
        out,
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>ippscan report {}</title>
<style nonce="{nonce}">{STYLE}</style>
</head>
<body>
"#,
        Esc(&summary.run_id)
    );
    header(&mut out, summary, page);
    out.push_str("<main id=\"cards\">\n");
    for (i, card) in page.cards.iter().enumerate() {
        render_card(&mut out, card, page.first + i + 1, page, thumbs, references);
    }
    out.push_str("</main>\n");
    nav(&mut out, page);
    let _ = write!(
        out,
        "<script nonce=\"{nonce}\">{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

fn header(out: &mut String, summary: &Summary, page: &PageInfo) {
    let c = &summary.counts;
    let r = &summary.references;
    let _ = write!(
        out,
        r#"<header id="run">
<h1>ippscan flag report</h1>
<dl class="run">
<dt>Run</dt><dd id="run-id">{}</dd>
<dt>Started</dt><dd>{}</dd>
<dt>Finished</dt><dd>{}</dd>
<dt>References</dt><dd><span data-count="marks">{}</span> marks, <span data-count="images">{}</span> reference images, {} rejected; version <code id="bundle-version">{}</code></dd>
<dt>Listings</dt><dd><span data-count="read">{}</span> read, <span data-count="scanned">{}</span> scanned, <span data-count="rejected">{}</span> rejected, <span data-count="unchanged">{}</span> unchanged since the last scan; <span data-count="flagged">{}</span> flagged with <span data-count="flags">{}</span> flags</dd>
<dt>Inputs</dt><dd><ul class="inputs">"#,
        Esc(&summary.run_id),
        Esc(&summary.started_at),
        Esc(&summary.finished_at),
        r.marks,
        r.images,
        r.rejected,
        Esc(&r.version),
        c.read,
        c.scanned,
        c.rejected,
        c.unchanged,
        c.flagged,
        c.flags,
    );
    for input in summary
        .inputs
        .marks
        .iter()
        .chain(&summary.inputs.images)
        .chain(&summary.inputs.listings)
    {
        let _ = write!(out, "<li>{}</li>", Esc(input));
    }
    out.push_str("</ul></dd>\n</dl>\n");
    counts(out, summary, page);

    let last = page.first + page.cards.len();
    let _ = write!(
        out,
        r#"<p id="shown" data-cards="{}" data-total-cards="{}" data-complaints="{}">Page {} of {}: complaints {}–{} of {}"#,
        page.cards.len(),
        page.total_cards,
        page.complaints,
        page.number,
        page.pages,
        if page.cards.is_empty() {
            0
        } else {
            page.first + 1
        },
        last,
        page.total_cards,
    );
    if page.complaints > page.total_cards as u64 {
        let _ = write!(
            out,
            " (the {} highest-scoring of the run's {} complaints; all are in flags.csv and the complaint queue)",
            page.total_cards, page.complaints
        );
    }
    out.push_str(", highest score first.</p>\n");
    nav(out, page);
    filters(out, page);
    out.push_str("</header>\n");
}

/// Flags by reason, platform and rights holder, and the charts.
fn counts(out: &mut String, summary: &Summary, page: &PageInfo) {
    let c = &summary.counts;
    out.push_str("<section class=\"counts\">\n");
    let by_reason: Vec<(&str, u64)> = Reason::ALL
        .iter()
        .map(|r| {
            (
                r.as_str(),
                c.by_reason.get(r.as_str()).copied().unwrap_or(0),
            )
        })
        .collect();
    count_table(out, "by-reason", "Reason", &by_reason, None);
    let _ = write!(
        out,
        "<figure>{}<figcaption>Flags by reason</figcaption></figure>\n<figure>{}<figcaption>Flags by score</figcaption></figure>\n",
        chart::bars("Flags by reason", &by_reason),
        chart::histogram("Flags by score", page.scores),
    );
    count_table(
        out,
        "by-platform",
        "Platform",
        &largest_first(&c.by_platform),
        None,
    );
    let mut by_holder = largest_first(&c.by_rights_holder);
    let rest: u64 = by_holder.iter().skip(HOLDERS_LISTED).map(|h| h.1).sum();
    let others = by_holder.len().saturating_sub(HOLDERS_LISTED);
    by_holder.truncate(HOLDERS_LISTED);
    count_table(
        out,
        "by-holder",
        "Rights holder",
        &by_holder,
        (others > 0).then_some((others, rest)),
    );
    out.push_str("</section>\n");
}

/// A map's entries, the largest count first (then by name).
fn largest_first(counts: &BTreeMap<String, u64>) -> Vec<(&str, u64)> {
    let mut rows: Vec<(&str, u64)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    rows
}

fn count_table(
    out: &mut String,
    id: &str,
    what: &str,
    rows: &[(&str, u64)],
    others: Option<(usize, u64)>,
) {
    let _ = write!(
        out,
        "<table id=\"{id}\"><thead><tr><th>{what}</th><th>Flags</th></tr></thead><tbody>"
    );
    for (name, n) in rows {
        let _ = write!(
            out,
            "<tr data-key=\"{}\"><td>{}</td><td class=\"n\">{n}</td></tr>",
            Esc(name),
            Esc(name)
        );
    }
    if let Some((k, n)) = others {
        let _ = write!(
            out,
            "<tr class=\"others\" data-others=\"{k}\"><td>{k} more</td><td class=\"n\">{n}</td></tr>"
        );
    }
    out.push_str("</tbody></table>\n");
}

fn nav(out: &mut String, page: &PageInfo) {
    if page.pages < 2 {
        return;
    }
    out.push_str("<nav class=\"pages\">Pages:");
    for n in 1..=page.pages {
        if n == page.number {
            let _ = write!(out, " <strong aria-current=\"page\">{n}</strong>");
        } else {
            let _ = write!(out, " <a href=\"{}\">{n}</a>", page.page_href(n));
        }
    }
    out.push_str("</nav>\n");
}

/// The filter form: hidden until the script shows it, so that with scripts off every card
/// is simply shown. Every page offers the same choices, so a filtered link works on any.
fn filters(out: &mut String, page: &PageInfo) {
    out.push_str(
        "<form id=\"filters\" hidden>\n<label>Reason <select name=\"reason\"><option value=\"\">all</option>",
    );
    for r in Reason::ALL {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", r.as_str());
    }
    out.push_str(
        "</select></label>\n<label>Rights holder <select name=\"holder\"><option value=\"\">all</option>",
    );
    for h in page.holders {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", Esc(h));
    }
    out.push_str(
        r#"</select></label>
<label>Minimum score <input name="min" type="number" min="0" max="1" step="0.05" value="0"></label>
<label>Sort <select name="sort"><option value="score">score, highest first</option><option value="score-asc">score, lowest first</option><option value="listing">listing id</option></select></label>
<output id="filter-count"></output>
</form>
"#,
    );
}

/// The platform's own complaints have no rights holder.
const PLATFORM: &str = "(platform)";

pub fn holder_key(card: &Card) -> &str {
    if card.rights_holder.is_empty() {
        PLATFORM
    } else {
        &card.rights_holder
    }
}

fn render_card(
    out: &mut String,
    card: &Card,
    rank: usize,
    page: &PageInfo,
    thumbs: &Thumbs,
    references: &HashMap<String, PathBuf>,
) {
    let reasons: Vec<&str> = card.reasons().iter().map(|r| r.as_str()).collect();
    let _ = write!(
        out,
        r#"<article class="card" id="c{rank}" data-rank="{rank}" data-reasons="{}" data-holder="{}" data-score="{:.3}" data-listing="{}" data-new="{}">
<header><span class="score">{:.2}</span> <h2>{}</h2> <span class="holder">{}</span>{}
<dl class="listing"><dt>seller</dt><dd>{}</dd><dt>platform</dt><dd>{}</dd>"#,
        reasons.join(" "),
        Esc(holder_key(card)),
        card.score,
        Esc(&card.listing_id),
        card.new,
        card.score,
        Esc(&card.listing_id),
        if card.rights_holder.is_empty() {
            "platform's own complaint".to_string()
        } else {
            Esc(&card.rights_holder).to_string()
        },
        if card.new {
            r#" <span class="new" title="found by this run">new</span>"#
        } else {
            r#" <span class="carried" title="unchanged since the run that found it">carried</span>"#
        },
        Esc(&card.seller_id),
        Esc(&card.platform),
    );
    if let Some(category) = &card.category {
        let _ = write!(out, "<dt>category</dt><dd>{}</dd>", Esc(category));
    }
    if let Some(price) = card.price {
        let _ = write!(
            out,
            "<dt>price</dt><dd>{price:.2} {}</dd>",
            Esc(card.currency.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</dl></header>\n<p class=\"title\">");
    title(out, card);
    out.push_str("</p>\n<ul class=\"items\">\n");
    for item in &card.items {
        render_item(out, item, page, thumbs, references);
    }
    out.push_str("</ul>\n</article>\n");
}

/// The title with each match marked, its tooltip the tactic and the mark.
fn title(out: &mut String, card: &Card) {
    let mut at = 0;
    for (a, b, item) in card.title_spans() {
        let _ = write!(out, "{}", Esc(&card.title[at..a]));
        let resolves = match &item.evidence {
            Shown::InTitle(e) => e.resolves_to.as_ref(),
            _ => "",
        };
        let _ = write!(
            out,
            "<mark title=\"{} → {}, {}\">{}</mark>",
            Esc(&card.title[a..b]),
            Esc(resolves),
            Esc(&item.detail),
            Esc(&card.title[a..b])
        );
        at = b;
    }
    let _ = write!(out, "{}", Esc(&card.title[at..]));
}

fn render_item(
    out: &mut String,
    item: &Item,
    page: &PageInfo,
    thumbs: &Thumbs,
    references: &HashMap<String, PathBuf>,
) {
    let _ = write!(
        out,
        "<li class=\"item\" data-reason=\"{0}\"><span class=\"reason {0}\">{0}</span> ",
        item.reason.as_str()
    );
    match &item.evidence {
        Shown::InTitle(evidence) => text_item(out, item, evidence, None),
        Shown::InDescription {
            evidence,
            excerpt,
            span,
        } => text_item(out, item, evidence, Some((excerpt, *span))),
        Shown::Copy { evidence, image } => {
            copy_item(
                out,
                item,
                evidence,
                image.as_ref(),
                page,
                thumbs,
                references,
            );
        }
        Shown::Obscured { evidence, image } => {
            obscured_item(out, item, evidence, image.as_ref(), page, thumbs);
        }
        Shown::Work {
            evidence,
            name,
            cues,
        } => work_item(out, evidence, name, cues),
        Shown::Unreadable(cell) => {
            let _ = write!(out, "<code>{}</code>", Esc(cell));
        }
    }
    if !item.ref_id.is_empty() {
        let _ = write!(out, " <span class=\"ref\">{}</span>", Esc(&item.ref_id));
    }
    let _ = writeln!(
        out,
        " <span class=\"item-score\">{:.2}</span></li>",
        item.score
    );
}

/// A mark as written, what it resolves to and how; for a match in the description, an
/// excerpt around it with the match marked.
fn text_item(
    out: &mut String,
    item: &Item,
    evidence: &TextEvidence,
    excerpt: Option<(&str, (usize, usize))>,
) {
    let _ = write!(
        out,
        "<q class=\"as-written\">{}</q> → <b class=\"resolves\">{}</b>, <span class=\"detail\">{}</span>",
        Esc(&evidence.text),
        Esc(&evidence.resolves_to),
        Esc(&item.detail)
    );
    look_alikes(out, &evidence.text, &evidence.resolves_to);
    match excerpt {
        None => out.push_str(" in the title"),
        Some(excerpt) => marked_excerpt(out, TextField::Description, excerpt),
    }
    if let Some(context) = &evidence.context {
        let _ = write!(out, "; claim: <q class=\"context\">{}</q>", Esc(context));
    }
    if let Some(price) = &evidence.price {
        let _ = write!(out, "; price: {}", Esc(price));
    }
}

/// The work's name as written and the registered title, then each words that offer a
/// copy, with their kind, each in an excerpt of its field.
fn work_item(
    out: &mut String,
    evidence: &WorkEvidence,
    name: &(String, (usize, usize)),
    cues: &[(String, (usize, usize))],
) {
    let _ = write!(
        out,
        "<q class=\"as-written\">{}</q> → <b class=\"resolves\">{}</b> ({}, {})",
        Esc(&evidence.text),
        Esc(&evidence.title),
        Esc(&evidence.kind),
        Esc(&evidence.tactic)
    );
    marked_excerpt(out, evidence.field, (&name.0, name.1));
    if let Some(support) = &evidence.support {
        let _ = write!(out, "; counts because: {}", Esc(support));
    }
    out.push_str("<ul class=\"cues\">");
    for (cue, at) in evidence.cues.iter().zip(cues) {
        let _ = write!(
            out,
            "<li>offers a copy ({}): <q class=\"context\">{}</q>",
            Esc(&cue.kind),
            Esc(&cue.text)
        );
        marked_excerpt(out, cue.field, (&at.0, at.1));
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// " in the title: …excerpt…" with the words at `span` of the excerpt marked.
fn marked_excerpt(out: &mut String, field: TextField, (excerpt, (a, b)): (&str, (usize, usize))) {
    let _ = write!(
        out,
        " in the {}: <span class=\"excerpt\">…",
        match field {
            TextField::Title => "title",
            TextField::Description => "description",
        }
    );
    if a < b && b <= excerpt.len() && excerpt.is_char_boundary(a) && excerpt.is_char_boundary(b) {
        let _ = write!(
            out,
            "{}<mark>{}</mark>{}",
            Esc(&excerpt[..a]),
            Esc(&excerpt[a..b]),
            Esc(&excerpt[b..])
        );
    } else {
        let _ = write!(out, "{}", Esc(excerpt));
    }
    out.push_str("…</span>");
}

/// The listing's image beside the reference image, and how close they are.
fn copy_item(
    out: &mut String,
    item: &Item,
    evidence: &ImageEvidence,
    image: Option<&PathBuf>,
    page: &PageInfo,
    thumbs: &Thumbs,
    references: &HashMap<String, PathBuf>,
) {
    out.push_str("<div class=\"pair\">");
    let listing = format!("listing image {}", evidence.image);
    figure(out, image, page, thumbs, &listing, None);
    let reference = format!("reference {}", item.ref_id);
    figure(
        out,
        references.get(&item.ref_id),
        page,
        thumbs,
        &reference,
        None,
    );
    out.push_str("</div>");
    let _ = write!(
        out,
        "<span class=\"distance\">distance {} of {} bits</span>",
        evidence.distance, evidence.distance_bits
    );
    // Evidence written before turns were named has `mirrored` alone.
    match (evidence.transform, evidence.mirrored) {
        (Some(Turn::FlipH), _) | (None, true) => {
            out.push_str(", <b class=\"mirrored\">mirrored</b>");
        }
        (None | Some(Turn::AsIs), false) => {}
        (Some(turn), _) => {
            let _ = write!(out, ", <b class=\"mirrored\">turned ({})</b>", turn.name());
        }
    }
    if let Some(c) = evidence.correlation {
        let _ = write!(out, ", aligned (correlation {c:.3})");
    }
    if let Some([x, y, w, h]) = evidence.window {
        let _ = write!(out, ", in the part at {x},{y} {w}×{h}");
    }
}

/// The listing's image with the obscured region boxed.
fn obscured_item(
    out: &mut String,
    item: &Item,
    evidence: &ObscuredEvidence,
    image: Option<&PathBuf>,
    page: &PageInfo,
    thumbs: &Thumbs,
) {
    out.push_str("<div class=\"pair\">");
    let caption = format!("listing image {}", evidence.image);
    figure(out, image, page, thumbs, &caption, Some(evidence.region));
    // A copy of a reference photo that hides part of it: the reference, the part boxed.
    if let (Some(reference), Some([fx, fy, fw, fh])) = (&evidence.reference, evidence.reference_box)
    {
        let path = PathBuf::from(reference.as_ref());
        let region = thumbs.get(&path).map(|t| {
            let (w, h) = (t.original.0 as f32, t.original.1 as f32);
            [fx * w, fy * h, fw * w, fh * h].map(|v| v.round() as u32)
        });
        let caption = format!("reference {reference}: what it shows there");
        figure(out, Some(&path), page, thumbs, &caption, region);
    }
    out.push_str("</div>");
    let [x, y, w, h] = evidence.region;
    let _ = write!(
        out,
        "<span class=\"detail\">{}</span>, box {x},{y} {w}×{h}, contrast {:.1}",
        Esc(&item.detail),
        evidence.contrast
    );
    if evidence.reference.is_some() {
        out.push_str("; a copy of the reference with this part hidden");
    }
    if evidence.corroborated_by.is_empty() {
        out.push_str("; nothing else in the listing backs it");
    }
    for (i, c) in evidence.corroborated_by.iter().enumerate() {
        let lead = if i == 0 { "; backed by" } else { "," };
        let what = match c.by.as_ref() {
            "text" => "the text names",
            "image_match" => "an image copies",
            "category" => "a brand category,",
            "repeat_seller" => "the seller has",
            other => other,
        };
        let _ = write!(out, "{lead} {what} <b>{}</b>", Esc(&c.detail));
    }
}

/// The characters of a match that are not in the mark as registered, by code point: a
/// Cyrillic `а` looks like a Latin `a` on the page but not here.
fn look_alikes(out: &mut String, text: &str, registered: &str) {
    let registered = registered.to_lowercase();
    let odd: Vec<char> = text
        .chars()
        .filter(|c| !c.is_ascii() && !c.to_lowercase().all(|l| registered.contains(l)))
        .collect();
    if odd.is_empty() || odd.len() > 8 {
        return;
    }
    out.push_str(" <span class=\"odd\">(");
    for (i, c) in odd.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let mut buf = [0; 4];
        let _ = write!(
            out,
            "{sep}{} U+{:04X}",
            Esc(c.encode_utf8(&mut buf)),
            u32::from(*c)
        );
    }
    out.push_str(")</span>");
}

/// An image's thumbnail with a caption, and a box drawn over it in the original's pixels.
fn figure(
    out: &mut String,
    path: Option<&PathBuf>,
    page: &PageInfo,
    thumbs: &Thumbs,
    caption: &str,
    region: Option<[u32; 4]>,
) {
    out.push_str("<figure>");
    match path.and_then(|p| thumbs.get(p)) {
        Some(thumb) => draw(out, thumb, page.folder(), region),
        None => out.push_str("<div class=\"missing\">image not available</div>"),
    }
    let _ = write!(out, "<figcaption>{}</figcaption></figure>", Esc(caption));
}

fn draw(out: &mut String, thumb: &Thumb, folder: &str, region: Option<[u32; 4]>) {
    let src = format!("{folder}{}", thumb.file);
    match region {
        None => {
            let _ = write!(
                out,
                "<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"\" loading=\"lazy\">",
                Esc(&src),
                thumb.width,
                thumb.height
            );
        }
        Some([x, y, w, h]) => {
            let sx = f64::from(thumb.width) / f64::from(thumb.original.0.max(1));
            let sy = f64::from(thumb.height) / f64::from(thumb.original.1.max(1));
            let _ = write!(
                out,
                "<svg class=\"shot\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\"><image href=\"{2}\" width=\"{0}\" height=\"{1}\"/><rect class=\"box\" x=\"{3:.1}\" y=\"{4:.1}\" width=\"{5:.1}\" height=\"{6:.1}\"/></svg>",
                thumb.width,
                thumb.height,
                Esc(&src),
                f64::from(x) * sx,
                f64::from(y) * sy,
                f64::from(w) * sx,
                f64::from(h) * sy,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hostile text comes out as text: no tag, attribute or entity of its own survives.
    #[test]
    fn escaping_table() {
        let table = [
            ("plain", "plain"),
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            (
                r#""><img src=x onerror=alert(1)>"#,
                "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
            ),
            ("' onmouseover='x", "&#39; onmouseover=&#39;x"),
            ("&amp; &lt;", "&amp;amp; &amp;lt;"),
            ("耐克 <b>", "耐克 &lt;b&gt;"),
            ("", ""),
        ];
        for (input, want) in table {
            assert_eq!(Esc(input).to_string(), want, "{input}");
        }
    }
}
