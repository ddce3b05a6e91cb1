//! The text detector on realistic titles, table-driven: each tactic it must catch and
//! each false positive it must avoid, against the sample marks in `data/marks.csv`.

use std::path::Path;
use std::sync::LazyLock;

use ippscan::model::Listing;
use ippscan::refs::RefLoader;
use ippscan::{Config, Scanner};

static SCANNER: LazyLock<Scanner> = LazyLock::new(|| {
    let marks = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/marks.csv");
    let upload = RefLoader::new()
        .load(Some(&marks), None)
        .expect("sample marks load");
    Scanner::new(Config::default(), upload.bundle)
});

/// (title, description, category, the flags that enter the complaint queue as
/// `mark_id reason/tactic`)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// `category` may name the platform too, as `category@platform` (default: taobao).
fn flags(title: &str, description: &str, category: &str) -> Vec<String> {
    let (category, platform) = category.split_once('@').unwrap_or((category, "taobao"));
    let listing = Listing {
        listing_id: "L".into(),
        seller_id: "s1".into(),
        platform: platform.into(),
        category: Some(category.into()),
        title: title.into(),
        description: description.into(),
        ..Listing::default()
    };
    let config = Config::default();
    let mut got: Vec<String> = SCANNER
        .scan("t", &listing)
        .iter()
        .filter(|f| config.enters_queue(f.reason, f.score))
        .map(|f| format!("{} {}/{}", f.ref_id, f.reason.as_str(), f.detail))
        .collect();
    got.sort();
    got
}

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for &(title, description, category, want) in cases {
        let got = flags(title, description, category);
        let mut want: Vec<String> = want.iter().map(|s| (*s).to_string()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{title:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

const TACTICS: &[Case] = &[
    (
        "Adidsa running shoes men",
        "",
        "shoes",
        &["M002 trademark_variant/misspelling"],
    ),
    (
        "Nkie air max 90 sneakers",
        "",
        "shoes",
        &["M001 trademark_variant/misspelling"],
    ),
    (
        "Guccci marmont shoulder bag",
        "",
        "bags",
        &["M004 trademark_variant/misspelling"],
    ),
    (
        "Luis Vuitton neverfull tote",
        "",
        "bags",
        &["M003 trademark_variant/misspelling"],
    ),
    (
        "Rolx submariner automatic",
        "",
        "watches",
        &["M008 trademark_variant/misspelling"],
    ),
    (
        "Burbery check scarf cashmere",
        "",
        "clothing",
        &["M030 trademark_variant/misspelling"],
    ),
    (
        "Abibas tracksuit 3 stripes",
        "",
        "clothing",
        &["M002 trademark_variant/confusable"],
    ),
    (
        "Rnoncler down jacket",
        "",
        "clothing",
        &["M029 trademark_variant/confusable"],
    ),
    (
        "Clior lipstick 999",
        "",
        "cosmetics",
        &["M022 trademark_variant/confusable"],
    ),
    (
        "N1KE hoodie fleece",
        "",
        "clothing",
        &["M001 trademark_variant/leet"],
    ),
    (
        "G@CCI belt leather",
        "",
        "bags",
        &["M004 trademark_variant/leet"],
    ),
    (
        "ch4nel no 5 perfume",
        "",
        "perfume",
        &["M005 trademark_variant/leet"],
    ),
    (
        "$upreme box logo tee",
        "",
        "clothing@aliexpress",
        &["M024 trademark_variant/leet"],
    ),
    (
        "Nіke air force 1 low",
        "",
        "shoes",
        &["M001 trademark_variant/homoglyph"],
    ),
    (
        "Рrada nylon backpack",
        "",
        "bags",
        &["M007 trademark_variant/homoglyph"],
    ),
    (
        "Gu\u{200b}cci bag vintage",
        "",
        "bags",
        &["M004 trademark_variant/invisible"],
    ),
    (
        "G U C C I belt",
        "",
        "bags",
        &["M004 trademark_variant/spacing"],
    ),
    (
        "G.u.c.c.i slides",
        "",
        "shoes",
        &["M004 trademark_variant/spacing"],
    ),
    (
        "N-I-K-E dunk low",
        "",
        "shoes",
        &["M001 trademark_variant/spacing"],
    ),
    (
        "LouisVuitton speedy 30",
        "",
        "bags",
        &["M003 trademark_variant/spacing"],
    ),
    (
        "louis-vuitton keepall",
        "",
        "bags",
        &["M003 trademark_variant/spacing"],
    ),
    (
        "#nikeshoes sale",
        "",
        "shoes",
        &["M001 trademark_variant/glued"],
    ),
    (
        "guccibag new season",
        "",
        "bags",
        &["M004 trademark_variant/glued"],
    ),
    (
        "奈克运动鞋男款透气",
        "",
        "shoes",
        &["M001 trademark_variant/homophone"],
    ),
    (
        "康帅傅红烧牛肉面 整箱",
        "",
        "food",
        &["M035 trademark_variant/homophone"],
    ),
    (
        "阿迪大斯跑鞋",
        "",
        "shoes",
        &["M002 trademark_variant/homophone"],
    ),
    (
        "naike running shoes",
        "",
        "shoes",
        &["M001 trademark_variant/pinyin"],
    ),
    (
        "1:1 replica Nike Air Jordan 1",
        "",
        "shoes",
        &[
            "M001 trademark_exact/exact",
            "M001 trademark_similarity_claim/claim",
        ],
    ),
    (
        "Chanel style quilted flap bag",
        "",
        "bags",
        &[
            "M005 trademark_exact/exact",
            "M005 trademark_similarity_claim/claim",
        ],
    ),
    (
        "高仿耐克 运动鞋",
        "",
        "shoes",
        &[
            "M001 trademark_exact/alias",
            "M001 trademark_similarity_claim/claim",
        ],
    ),
    (
        "Dior dupe lip oil",
        "",
        "cosmetics",
        &[
            "M022 trademark_exact/exact",
            "M022 trademark_similarity_claim/claim",
        ],
    ),
];

#[test]
fn tactics_are_caught() {
    check(TACTICS);
}

#[test]
fn false_positives_are_avoided() {
    check(&[
        ("Mountain bike 27.5 inch", "", "sports", &[]),
        ("I like this hike backpack", "", "bags", &[]),
        ("TV channel remote control", "", "electronics", &[]),
        ("Sunny day beach umbrella", "", "home", &[]),
        ("Fresh apple 5kg gift box", "", "food", &[]),
        ("Puma plush toy 30cm", "", "toys", &[]),
        ("Galaxy projector night light", "", "home", &[]),
        (
            "Case for iPhone 15 Pro, clear",
            "",
            "phone accessories",
            &[],
        ),
        (
            "Compatible with Samsung Galaxy S24 charger",
            "",
            "phone accessories",
            &[],
        ),
        (
            "Replacement band for Apple Watch 45mm",
            "",
            "phone accessories",
            &[],
        ),
        ("Pre-owned Gucci Marmont bag with receipt", "", "bags", &[]),
        ("闲置 Prada 尼龙包 95新 有小票", "", "bags", &[]),
        ("AAA batteries 24 pack", "", "electronics", &[]),
        ("1:1 scale model car", "", "toys", &[]),
        ("Inspired by nature wall art", "", "home", &[]),
        ("高仿真花 客厅摆件", "", "home", &[]),
        ("网红同款 保温杯", "", "home", &[]),
        ("Dino plush toy", "", "toys", &[]),
        ("Nice shoes for running", "", "shoes", &[]),
        ("Cool Sony remote", "", "food", &[]),
        ("LV3 power cable, lv switch", "", "bags", &[]),
        (
            "supreme quality cotton hoodie",
            "",
            "clothing@aliexpress",
            &[],
        ),
        ("galaxy print phone case", "", "phone accessories", &[]),
        ("studio beats wireless headphones", "", "electronics", &[]),
    ]);
}

#[test]
fn context_can_turn_a_mention_back_into_a_flag() {
    check(&[
        (
            "Pre-owned Gucci bag, wholesale lots available",
            "",
            "bags",
            &["M004 trademark_exact/exact"],
        ),
        (
            "Apple logo phone case",
            "",
            "phone accessories",
            &["M009 trademark_exact/exact"],
        ),
        (
            "Nike Adidas Puma mixed lot, pre-owned",
            "",
            "shoes",
            &[
                "M001 trademark_exact/exact",
                "M002 trademark_exact/exact",
                "M027 trademark_exact/exact",
            ],
        ),
    ]);
}

#[test]
fn bad_text_is_bounded() {
    let long = "Nіke ".repeat(200_000);
    let got = flags("x", &long, "shoes");
    assert_eq!(got, ["M001 trademark_variant/homoglyph"]);
    let _ = flags(
        "\u{0}\u{FFFF}\u{10FFFF}\u{301}\u{301}",
        "\u{200b}\u{200b}",
        "shoes",
    );
}

/// Random text from the characters that exercise every path (look-alikes, combining and
/// invisible marks, CJK, leet, separators): the detector never panics and every span it
/// reports quotes the text.
#[test]
fn random_text_never_panics() {
    const POOL: &[&str] = &[
        "a",
        "e",
        "i",
        "l",
        "o",
        "n",
        "k",
        "c",
        "r",
        "m",
        "v",
        "w",
        "b",
        "d",
        "s",
        "u",
        "g",
        "N",
        "I",
        "K",
        "E",
        "G",
        "U",
        "C",
        "1",
        "0",
        "3",
        "4",
        "$",
        "@",
        "!",
        "|",
        " ",
        "  ",
        ".",
        "-",
        "*",
        "\u{301}",
        "\u{200b}",
        "\u{feff}",
        "і",
        "о",
        "М",
        "к",
        "ｎ",
        "ﬁ",
        "ß",
        "耐",
        "克",
        "奈",
        "康",
        "师",
        "帅",
        "傅",
        "阿",
        "迪",
        "高仿",
        "同款",
        "1:1",
        "style",
        "for ",
        "pre-owned",
        "#",
        "Nike",
        "Gucci",
        "Louis",
        "Vuitton",
        "\u{10FFFF}",
        "\u{0}",
    ];
    let mut rng = fastrand::Rng::with_seed(11);
    for _ in 0..3000 {
        let n = rng.usize(0..40);
        let text: String = (0..n).map(|_| POOL[rng.usize(..POOL.len())]).collect();
        let listing = Listing {
            platform: "taobao".into(),
            title: text.clone(),
            description: text.repeat(2),
            category: Some("shoes".into()),
            ..Listing::default()
        };
        for flag in SCANNER.scan("t", &listing) {
            let ev: serde_json::Value = serde_json::from_str(&flag.evidence).unwrap();
            let field = if ev["field"] == "title" {
                &listing.title
            } else {
                &listing.description
            };
            let (s, e) = (
                ev["span"][0].as_u64().unwrap() as usize,
                ev["span"][1].as_u64().unwrap() as usize,
            );
            assert_eq!(field.get(s..e), ev["text"].as_str(), "{text:?}");
        }
    }
}
