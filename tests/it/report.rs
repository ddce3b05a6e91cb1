//! The reviewers' report (`report.html`), rendered from the sample scan in headless
//! Chromium driven over `WebDriver` (`chromedriver`): the header's counts against
//! `summary.json`, every card's evidence, the filters, hostile listing text shown as text,
//! and screenshots for a person to look at (printed paths, under `target/tmp/`).
//!
//! Without `/usr/bin/chromium` and `chromedriver` the browser tests are built ignored,
//! with the reason (see `build.rs`), unless `IPPSCAN_BROWSER_TESTS=required` (as `.ci/run`
//! sets, after installing them).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

use crate::helpers::{Fixture, HEADER, Scan, ippscan};

const CHROMIUM: &str = "/usr/bin/chromium";
const WEB_ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A headless Chromium session behind a chromedriver of our own.
struct Browser {
    driver: Child,
    url: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A session; the browser must be installed (the test is ignored where it is not).
    fn start(scripts: bool) -> Browser {
        let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        let (Some(driver), true) = (driver, Path::new(CHROMIUM).exists()) else {
            panic!("chromium and chromedriver are required but not installed");
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while minreq::get(format!("{url}/status"))
            .with_timeout(1)
            .send()
            .is_err()
        {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver never answered"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--window-size=1280,1600".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        if !scripts {
            args.push("--blink-settings=scriptEnabled=false".into());
        }
        let mut browser = Browser {
            driver: child,
            url,
            session: String::new(),
            _profile: profile,
        };
        let created = browser.call(
            "POST",
            "/session",
            &json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
            }}}),
        );
        browser.session = created["sessionId"].as_str().unwrap().to_string();
        browser
    }

    fn call(&self, method: &str, path: &str, body: &Value) -> Value {
        let url = if path == "/session" {
            format!("{}{path}", self.url)
        } else {
            format!("{}/session/{}{path}", self.url, self.session)
        };
        let request = match method {
            "GET" => minreq::get(url),
            "DELETE" => minreq::delete(url),
            _ => minreq::post(url).with_json(body).unwrap(),
        };
        let response = request.with_timeout(60).send().expect("webdriver answers");
        let value: Value = response.json().expect("webdriver JSON");
        assert!(
            response.status_code == 200,
            "{method} {path}: {}",
            value["value"]
        );
        value["value"].clone()
    }

    fn open(&self, file: &Path, fragment: &str) {
        let url = format!("file://{}{fragment}", file.display());
        self.call("POST", "/url", &json!({ "url": url }));
    }

    /// Runs `script` (a function body) in the page and returns what it returns.
    fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            &json!({"script": script, "args": []}),
        )
    }

    fn find(&self, css: &str) -> Value {
        let found = self.call(
            "POST",
            "/element",
            &json!({"using": "css selector", "value": css}),
        );
        json!({ WEB_ELEMENT: found[WEB_ELEMENT] })
    }

    fn click(&self, css: &str) {
        let id = self.find(css)[WEB_ELEMENT].as_str().unwrap().to_string();
        self.call("POST", &format!("/element/{id}/click"), &json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css)[WEB_ELEMENT].as_str().unwrap().to_string();
        self.call("POST", &format!("/element/{id}/clear"), &json!({}));
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            &json!({ "text": text }),
        );
    }

    fn screenshot(&self, path: &Path) {
        let png = self.call("GET", "/screenshot", &Value::Null);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        std::fs::write(path, bytes).unwrap();
        eprintln!("screenshot: {}", path.display());
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = minreq::delete(format!("{}/session/{}", self.url, self.session))
                .with_timeout(10)
                .send();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The sample scan into a fresh folder.
fn sample_scan(out: &Path) -> Scan {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = ippscan(
        &[
            "scan",
            "--quiet",
            "--no-queue",
            "--out",
            &out.display().to_string(),
        ],
        root,
    );
    let scan = Scan::read(&output, out);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    scan
}

/// What the cards of the page show, read from the DOM.
const CARDS: &str = r"
return Array.from(document.querySelectorAll('article.card')).map(c => ({
  listing: c.dataset.listing,
  holder: c.dataset.holder,
  reasons: c.dataset.reasons.split(' '),
  score: parseFloat(c.dataset.score),
  visible: c.offsetParent !== null,
  title: c.querySelector('p.title').textContent,
  h2: c.querySelector('h2').textContent,
  items: Array.from(c.querySelectorAll('li.item')).map(i => ({
    reason: i.dataset.reason,
    quoted: Array.from(i.querySelectorAll('q.as-written')).map(q => q.textContent),
    cues: Array.from(i.querySelectorAll('ul.cues q.context')).map(q => q.textContent),
    marked: Array.from(i.querySelectorAll('.excerpt mark')).map(m => m.textContent),
    images: Array.from(i.querySelectorAll('figure img')).map(m => m.complete && m.naturalWidth > 0),
    missing: i.querySelectorAll('.missing').length,
    boxes: Array.from(i.querySelectorAll('rect.box')).map(r => r.getBBox().width * r.getBBox().height),
    shots: i.querySelectorAll('svg.shot image').length,
  })),
}));
";

/// The page's cards, once every thumbnail has loaded (they load lazily, as a reviewer
/// scrolls).
fn cards(b: &Browser) -> Vec<Value> {
    b.eval("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; }); return null;");
    let started = Instant::now();
    while b.eval("return Array.from(document.images).every(i => i.complete)") != json!(true) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "thumbnails never loaded"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    b.eval(CARDS).as_array().unwrap().clone()
}

/// A written report's pages.
struct Pages {
    out: PathBuf,
    count: u64,
}

impl Pages {
    fn file(&self, page: u64) -> PathBuf {
        if page == 1 {
            self.out.join("report.html")
        } else {
            self.out.join(format!("report/page-{page}.html"))
        }
    }
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs Debian's chromium and chromium-driver"
)]
fn the_report_in_a_browser() {
    let out = tempfile::tempdir().unwrap();
    let scan = sample_scan(out.path());
    let b = Browser::start(true);
    let written = &scan.summary["report"];
    // Complaints: flags grouped by listing and rights holder, counted from flags.csv.
    let complaints: BTreeSet<(&str, &str)> = scan
        .flags
        .iter()
        .map(|f| (f["listing_id"].as_str(), f["rights_holder"].as_str()))
        .collect();
    assert_eq!(written["complaints"], complaints.len() as u64);
    let pages = Pages {
        out: out.path().to_path_buf(),
        count: written["pages"].as_u64().unwrap(),
    };
    assert!(
        pages.count >= 2,
        "the sample's ~1,800 complaints fill more than one page"
    );
    header_counts_are_the_summarys(&b, &pages, &scan.summary);
    let by_listing = every_card_has_its_evidence(&b, &pages, written);
    hostile_text_is_shown_as_text(&b, &pages, &by_listing);
    filters_hide_and_show_cards(&b, &pages);
    screenshots(&b, &pages);
}

fn header_counts_are_the_summarys(b: &Browser, pages: &Pages, summary: &Value) {
    b.open(&pages.file(1), "");
    let header = b.eval(
        r"
        const rows = id => Object.fromEntries(Array.from(document.querySelectorAll('#' + id + ' tbody tr[data-key]'))
            .map(r => [r.dataset.key, parseInt(r.querySelector('td.n').textContent, 10)]));
        const others = document.querySelector('#by-holder tr.others td.n');
        return {
          counts: Object.fromEntries(Array.from(document.querySelectorAll('[data-count]'))
              .map(e => [e.dataset.count, parseInt(e.textContent, 10)])),
          reason: rows('by-reason'), platform: rows('by-platform'), holder: rows('by-holder'),
          others: others ? parseInt(others.textContent, 10) : 0,
          shown: document.getElementById('shown').dataset,
          scripts: document.scripts.length,
        };",
    );
    let counts = &summary["counts"];
    for key in ["read", "scanned", "rejected", "flagged", "flags"] {
        assert_eq!(header["counts"][key], counts[key], "{key}");
    }
    assert_eq!(header["counts"]["marks"], summary["references"]["marks"]);
    for (reason, n) in counts["by_reason"].as_object().unwrap() {
        assert_eq!(&header["reason"][reason], n, "{reason}");
    }
    assert_eq!(header["platform"], counts["by_platform"]);
    let holders = counts["by_rights_holder"].as_object().unwrap();
    let listed = header["holder"].as_object().unwrap();
    assert!(!listed.is_empty());
    for (holder, n) in listed {
        assert_eq!(&holders[holder], n, "{holder}");
    }
    let all: u64 = holders.values().map(|v| v.as_u64().unwrap()).sum();
    let shown: u64 = listed.values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(header["others"].as_u64().unwrap(), all - shown);
    assert_eq!(
        header["shown"]["totalCards"],
        summary["report"]["cards"].to_string()
    );
    assert_eq!(header["scripts"], 1, "the page's own script and no other");
}

/// Checks every card of every page; returns them by listing id.
fn every_card_has_its_evidence(
    b: &Browser,
    pages: &Pages,
    written: &Value,
) -> HashMap<String, Value> {
    let mut by_listing: HashMap<String, Value> = HashMap::new();
    let mut seen = 0;
    for page in 1..=pages.count {
        b.open(&pages.file(page), "");
        let page_cards = cards(b);
        seen += page_cards.len();
        let mut last = f64::MAX;
        for card in &page_cards {
            let score = card["score"].as_f64().unwrap();
            assert!(score <= last, "highest score first");
            last = score;
            let items = card["items"].as_array().unwrap();
            assert!(!items.is_empty(), "{card}");
            for item in items {
                match item["reason"].as_str().unwrap() {
                    r if r.starts_with("trademark") => {
                        let quoted = item["quoted"][0].as_str().unwrap();
                        assert!(!quoted.is_empty(), "{card}");
                    }
                    "copyright_photo" | "design_patent_image" => {
                        assert_eq!(
                            item["images"],
                            json!([true, true]),
                            "listing and reference images: {card}"
                        );
                    }
                    "copyright_unauthorized_copy" => {
                        // The work as written and each cue, each marked in its excerpt.
                        let quoted = item["quoted"][0].as_str().unwrap();
                        let cues = item["cues"].as_array().unwrap();
                        assert!(!quoted.is_empty() && !cues.is_empty(), "{card}");
                        let marked = item["marked"].as_array().unwrap();
                        assert_eq!(marked.len(), cues.len() + 1, "{card}");
                        assert_eq!(marked[0], quoted, "{card}");
                    }
                    "deceptive_obscured_mark" => {
                        assert_eq!(item["shots"], 1, "{card}");
                        assert!(
                            item["boxes"][0].as_f64().unwrap() > 100.0,
                            "a box drawn: {card}"
                        );
                    }
                    other => panic!("unknown reason {other}"),
                }
                assert_eq!(item["missing"], 0, "{card}");
            }
            by_listing.insert(card["listing"].as_str().unwrap().to_string(), card.clone());
        }
    }
    assert_eq!(seen as u64, written["cards"].as_u64().unwrap());
    by_listing
}

/// The review cases of the sample data carry markup in every field a seller writes.
fn hostile_text_is_shown_as_text(b: &Browser, pages: &Pages, by_listing: &HashMap<String, Value>) {
    let hostile = &by_listing["RC-003\"><svg onload=window.__pwned=1>"];
    assert_eq!(hostile["h2"], "RC-003\"><svg onload=window.__pwned=1>");
    let title = |id: &str| by_listing[id]["title"].as_str().unwrap().to_string();
    assert!(
        title("RC-003\"><svg onload=window.__pwned=1>")
            .ends_with("' onmouseover='window.__pwned=1")
    );
    assert!(title("RC-001").starts_with("<script>window.__pwned = 1</script>"));
    assert!(title("RC-002").contains("<img src=x onerror="));
    for page in 1..=pages.count {
        b.open(&pages.file(page), "");
        let injected = b.eval(
            "return [typeof window.__pwned, document.querySelectorAll('img[onerror], svg[onload], iframe, [onmouseover]').length];",
        );
        assert_eq!(injected, json!(["undefined", 0]), "page {page}");
        // Every image is one of ippscan's thumbnails, never a listing's own file.
        let sources = b.eval(
            "return Array.from(document.querySelectorAll('img, svg image')).map(i => i.getAttribute('src') || i.getAttribute('href'));",
        );
        for src in sources.as_array().unwrap() {
            let name = src.as_str().unwrap().trim_start_matches("report/");
            let jpeg = Path::new(name).extension().is_some_and(|e| e == "jpg");
            assert!(
                name.starts_with("t-") && jpeg && !name.contains('/'),
                "{src}"
            );
        }
    }
}

fn has_reason(card: &Value, reason: &str) -> bool {
    card["reasons"].as_array().unwrap().contains(&json!(reason))
}

fn visible(cards: &[Value]) -> usize {
    cards.iter().filter(|c| c["visible"] == true).count()
}

fn filters_hide_and_show_cards(b: &Browser, pages: &Pages) {
    b.open(&pages.file(1), "");
    let total = cards(b).len();
    b.click("select[name=reason] option[value=copyright_photo]");
    let filtered = cards(b);
    let shown = visible(&filtered);
    assert!(shown > 0 && shown < total, "{shown} of {total}");
    for c in &filtered {
        assert_eq!(
            c["visible"] == true,
            has_reason(c, "copyright_photo"),
            "{c}"
        );
    }
    let said = b.eval("return document.getElementById('filter-count').textContent");
    assert_eq!(said, format!("{shown} of {total} cards shown"));
    b.type_into("input[name=min]", "0.9");
    for c in cards(b) {
        let want = has_reason(&c, "copyright_photo") && c["score"].as_f64().unwrap() >= 0.9;
        assert_eq!(c["visible"] == true, want, "{c}");
    }
    b.click("select[name=reason] option[value='']");
    b.type_into("input[name=min]", "0");
    b.click("select[name=holder] option[value='Nike, Inc.']");
    let nike = cards(b);
    assert!(visible(&nike) > 0);
    for c in &nike {
        assert_eq!(c["visible"] == true, c["holder"] == "Nike, Inc.", "{c}");
    }
    b.click("select[name=holder] option[value='']");
    assert_eq!(visible(&cards(b)), total);
    b.click("select[name=sort] option[value=score-asc]");
    let scores: Vec<f64> = cards(b)
        .iter()
        .map(|c| c["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] <= w[1]),
        "lowest score first"
    );
}

/// For a person to look at: the top of the report, and a link filtered to obscured marks.
fn screenshots(b: &Browser, pages: &Pages) {
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    b.open(&pages.file(1), "");
    b.screenshot(&shots.join("report.png"));
    let obscured_page = (1..=pages.count)
        .find(|&page| {
            b.open(&pages.file(page), "#reason=deceptive_obscured_mark");
            let shown = cards(b);
            assert!(visible(&shown) < shown.len(), "the link's filter applies");
            visible(&shown) > 0
        })
        .expect("the sample's obscured photos are in the report");
    b.eval("Array.from(document.querySelectorAll('article.card')).find(c => !c.hidden).scrollIntoView(); return null;");
    b.screenshot(&shots.join(format!("report-obscured-page-{obscured_page}.png")));
}

/// With scripts off, every card is shown and the filters (which need them) are not.
#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs Debian's chromium and chromium-driver"
)]
fn the_report_without_scripts_shows_every_card() {
    let out = tempfile::tempdir().unwrap();
    sample_scan(out.path());
    let b = Browser::start(false);
    b.open(&out.path().join("report.html"), "#reason=copyright_photo");
    let shown = b.eval(
        "return [Array.from(document.querySelectorAll('article.card')).filter(c => c.offsetParent !== null).length,
                 document.querySelectorAll('article.card').length,
                 document.getElementById('filters').offsetParent === null];",
    );
    assert_eq!(shown[0], shown[1]);
    assert!(shown[0].as_u64().unwrap() > 0);
    assert_eq!(shown[2], true, "the filter form stays hidden");
}

/// The report keeps the highest-scoring complaints up to its limit, pages them, and says
/// how many there were; its files never point at a listing's own images.
#[test]
fn the_report_keeps_the_best_cards_and_pages_them() {
    let f = Fixture::new();
    let mut dump = format!("{HEADER}\n");
    for i in 0..30 {
        // Scores differ by tactic: exact names score higher than misspellings.
        let title = if i % 3 == 0 {
            "Nike shoes"
        } else {
            "Nikee shoes Nike style"
        };
        writeln!(dump, "L{i:02},s{i},aliexpress,shoes,{title},,10,USD,").unwrap();
    }
    f.write("dump.csv", dump.as_bytes());
    f.write("config.toml", b"[report]\nmax_cards = 12\npage_size = 5\n");
    let scan = f.scan_with(
        &["dump.csv"],
        &["--config", &f.path("config.toml").display().to_string()],
    );
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let report = &scan.summary["report"];
    assert_eq!(report["complaints"], 30);
    assert_eq!(report["cards"], 12);
    assert_eq!(report["pages"], 3);
    let out = f.path("out");
    let first = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(first.contains("the 12 highest-scoring of the run's 30 complaints"));
    assert!(out.join("report/page-3.html").exists());
    assert!(!out.join("report/page-4.html").exists());
    // Every card kept scores at least as high as any left out.
    let mut scores: BTreeMap<String, f64> = BTreeMap::new();
    for fl in &scan.flags {
        let s: f64 = fl["score"].parse().unwrap();
        let e = scores.entry(fl["listing_id"].clone()).or_insert(0.0);
        *e = e.max(s);
    }
    let mut all: Vec<f64> = scores.values().copied().collect();
    all.sort_by(|a, b| b.total_cmp(a));
    let pages: String = (1..=3)
        .map(|p| {
            std::fs::read_to_string(if p == 1 {
                out.join("report.html")
            } else {
                out.join(format!("report/page-{p}.html"))
            })
            .unwrap()
        })
        .collect();
    let kept: Vec<f64> = pages
        .split("data-score=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(kept.len(), 12);
    assert!(
        kept.iter().all(|&k| k + 1e-3 >= all[11]),
        "{kept:?} vs {all:?}"
    );
}
