//! Copies of registered works on offer (`copyright_unauthorized_copy`), table-driven
//! against the sample works in `data/works.csv`: each family of copy cue in English and
//! Chinese, disguised names, ordinary-word titles with and without support, the listings
//! that name a work and offer no copy, territory and authorised sellers; then the upload's
//! row-by-row validation.

use std::path::Path;
use std::sync::LazyLock;

use ippscan::model::{FlagEvidence, Listing, Reason};
use ippscan::refs::RefLoader;
use ippscan::{Config, Scanner};

use crate::helpers::ippscan;

static SCANNER: LazyLock<Scanner> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loader = RefLoader::new();
    let mut upload = loader
        .load(Some(&root.join("data/marks.csv")), None)
        .expect("sample marks load");
    loader
        .load_works(&root.join("data/works.csv"), &mut upload)
        .expect("sample works load");
    Scanner::new(Config::default(), upload.bundle)
});

/// The `work_id detail` of each `copyright_unauthorized_copy` flag that enters the queue.
fn copies(platform: &str, seller: &str, title: &str, description: &str) -> Vec<String> {
    let listing = Listing {
        listing_id: "L".into(),
        seller_id: seller.into(),
        platform: platform.into(),
        title: title.into(),
        description: description.into(),
        ..Listing::default()
    };
    let config = Config::default();
    SCANNER
        .scan("run", &listing)
        .into_iter()
        .filter(|f| f.reason == Reason::CopyrightUnauthorizedCopy)
        .filter(|f| config.enters_queue(f.reason, f.score))
        .map(|f| format!("{} {}", f.ref_id, f.detail))
        .collect()
}

/// (platform, title, description, the flags as `work_id cue_kind`)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

#[test]
fn offers_of_copies_are_flagged_by_their_cue() {
    let cases: &[Case] = &[
        // Digital delivery.
        (
            "taobao",
            "三体 全集 电子书 PDF 网盘发货",
            "",
            &["W003 digital_delivery"],
        ),
        (
            "aliexpress",
            "The Three-Body Problem epub",
            "sent by email",
            &["W003 digital_delivery"],
        ),
        (
            "aliexpress",
            "Frozen II movie download link",
            "",
            &["W006 digital_delivery"],
        ),
        (
            "taobao",
            "冰雪奇缘2 高清 百度云",
            "",
            &["W006 digital_delivery"],
        ),
        (
            "taobao",
            "周杰伦范特西 无损 下载",
            "",
            &["W011 digital_delivery"],
        ),
        // Activation without a licence.
        (
            "aliexpress",
            "Microsoft Office 2021 lifetime key",
            "",
            &["W001 activation"],
        ),
        (
            "taobao",
            "Photoshop 2024 破解版 Mac",
            "",
            &["W002 activation"],
        ),
        (
            "taobao",
            "我的世界 激活码 自动发货",
            "",
            &["W005 activation"],
        ),
        (
            "aliexpress",
            "Adobe Photoshop CC pre-activated",
            "Windows 64-bit",
            &["W002 activation"],
        ),
        // Bulk media.
        (
            "aliexpress",
            "Game of Thrones all seasons on USB drive",
            "",
            &["W004 bulk_media"],
        ),
        ("taobao", "权力的游戏 全八季 U盘", "", &["W004 bulk_media"]),
        (
            "aliexpress",
            "Friends complete series on USB stick",
            "all 10 seasons",
            &["W007 bulk_media"],
        ),
        // Disguised names, as for marks.
        (
            "aliexpress",
            "M i c r o s o f t O f f i c e 2021 product key",
            "",
            &["W001 activation"],
        ),
        (
            "aliexpress",
            "Mincraft Java Edition cracked download",
            "",
            &["W005 activation"],
        ),
        ("aliexpress", "Photoshоp CC crack", "", &["W002 activation"]),
    ];
    check(cases);
}

#[test]
fn naming_a_work_without_offering_a_copy_is_not_a_flag() {
    let cases: &[Case] = &[
        // Physical copies, second-hand or sealed.
        (
            "aliexpress",
            "Harry Potter and the Philosopher's Stone used paperback",
            "",
            &[],
        ),
        (
            "aliexpress",
            "Game of Thrones complete series Blu-ray box set sealed",
            "",
            &[],
        ),
        ("taobao", "三体 实体书 全集 精装", "正版图书", &[]),
        // Licensed merchandise and accessories that name the work.
        ("taobao", "我的世界 苦力怕 毛绒公仔", "官方授权", &[]),
        (
            "aliexpress",
            "Keyboard stickers with Photoshop shortcuts",
            "",
            &[],
        ),
        ("aliexpress", "Minecraft creeper keychain", "", &[]),
        // Generic digital goods that name no work.
        (
            "aliexpress",
            "2025 digital planner PDF instant download",
            "",
            &[],
        ),
        // Ordinary words that happen to be titles.
        (
            "aliexpress",
            "Frozen dumplings pork 1kg",
            "recipe PDF in the box",
            &[],
        ),
        (
            "aliexpress",
            "Best friends bracelet",
            "download our size chart",
            &[],
        ),
        (
            "aliexpress",
            "Ergonomic office chair",
            "assembly manual PDF download",
            &[],
        ),
        ("aliexpress", "Abbey Road street sign souvenir", "", &[]),
    ];
    check(cases);
}

#[test]
fn ordinary_word_titles_count_only_with_support() {
    let cases: &[Case] = &[
        // Its kind's words ("movie"), or a cue right beside it.
        (
            "aliexpress",
            "Frozen full movie digital download",
            "",
            &["W006 digital_delivery"],
        ),
        ("aliexpress", "Frozen PDF", "", &["W006 digital_delivery"]),
        (
            "aliexpress",
            "Abbey Road FLAC album download",
            "",
            &["W009 digital_delivery"],
        ),
        // Without support: a cue elsewhere in the listing is not enough.
        (
            "aliexpress",
            "Frozen yogurt maker",
            "user manual download",
            &[],
        ),
        (
            "aliexpress",
            "Friends forever necklace",
            "instant download of the gift card",
            &[],
        ),
    ];
    check(cases);
}

#[test]
fn territory_and_authorised_sellers_apply_to_works() {
    // W011 is registered in CN only: enforceable on taobao, not on AliExpress.
    assert_eq!(
        copies("taobao", "s1", "范特西 无损 下载", ""),
        ["W011 digital_delivery"]
    );
    assert!(copies("aliexpress", "s1", "范特西 无损 下载", "").is_empty());
    // Microsoft's own stores sell its keys.
    let key = "Microsoft Office 2021 激活码";
    assert_eq!(copies("taobao", "s1", key, ""), ["W001 activation"]);
    assert!(copies("taobao", "tb_microsoft_official", key, "").is_empty());
}

fn check(cases: &[Case]) {
    let mut wrong = Vec::new();
    for (platform, title, description, want) in cases {
        let got = copies(platform, "s1", title, description);
        if got != *want {
            wrong.push(format!(
                "{title:?} / {description:?}: got {got:?}, want {want:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The flag's evidence names the work as written, its cue and its kind, and the support
/// that made an ordinary title count.
#[test]
fn the_evidence_says_what_was_offered_and_why_it_counts() {
    let listing = Listing {
        listing_id: "L".into(),
        seller_id: "s1".into(),
        platform: "aliexpress".into(),
        title: "Frozen full movie, download link".into(),
        ..Listing::default()
    };
    let flags = SCANNER.scan("run", &listing);
    let flag = flags
        .iter()
        .find(|f| f.reason == Reason::CopyrightUnauthorizedCopy)
        .expect("flagged");
    let Some(FlagEvidence::Work(e)) = FlagEvidence::parse(flag.reason, &flag.evidence) else {
        panic!("{}", flag.evidence);
    };
    assert_eq!((e.text.as_ref(), e.span), ("Frozen", [0, 6]));
    assert_eq!((e.title.as_ref(), e.kind.as_ref()), ("Frozen", "film"));
    assert_eq!(e.cues[0].text, "download link");
    assert_eq!(e.cues[0].kind, "digital_delivery");
    assert!(
        e.support.as_deref().is_some_and(|s| s.contains("film")),
        "{:?}",
        e.support
    );
    assert_eq!(flag.rights_holder, "Disney Enterprises Inc.");
}

#[test]
fn works_uploads_are_checked_row_by_row() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = ippscan(
        &[
            "refs",
            "check",
            "--format",
            "csv",
            "--works",
            "data/uploads/works-with-problems.csv",
        ],
        root,
    );
    assert_eq!(out.status.code(), Some(1));
    let rows = crate::helpers::csv_rows(out.stdout.as_slice());
    let got: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            let what = if r["status"] == "accepted" {
                "accepted"
            } else {
                &r["reason"]
            };
            (r["id"].clone(), what.to_string())
        })
        .collect();
    let want = [
        ("X001", "accepted"),
        ("X002", "missing_registration"),
        ("X003", "bad_kind"),
        ("X004", "title_too_short"),
        ("X005", "expired"),
        ("X006", "accepted"),
        ("X001", "duplicate_id"),
        ("X007", "unknown_jurisdiction"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
        .collect();
    assert_eq!(got, want);
    assert!(
        rows[5]["detail"].contains("ordinary word"),
        "{}",
        rows[5]["detail"]
    );
}

/// `gen --synthetic-works` writes an upload that `refs check` accepts whole, for load tests
/// of the matchers with works loaded.
#[test]
fn generated_works_are_a_valid_upload() {
    let f = crate::helpers::Fixture::new();
    let generated = ippscan(
        &[
            "gen",
            "--listings",
            "20",
            "--out",
            "l.csv",
            "--synthetic-marks",
            "30",
            "--synthetic-works",
            "40",
        ],
        f.dir.path(),
    );
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let out = ippscan(
        &["refs", "check", "--format", "csv", "--works", "l.works.csv"],
        f.dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = crate::helpers::csv_rows(out.stdout.as_slice());
    assert_eq!(rows.len(), 40);
    assert!(rows.iter().all(|r| r["status"] == "accepted"));
}
