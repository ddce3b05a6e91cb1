//! Evasions and their honest twins, against the sample marks (`data/marks.csv`): each pair
//! is a listing a counterfeiter writes to slip past, which must enter the complaint queue,
//! and the nearest listing an honest seller writes, which must not. Each pair names the
//! rule it guards.

use std::path::Path;
use std::sync::LazyLock;

use ippscan::model::Listing;
use ippscan::refs::RefLoader;
use ippscan::{Config, Scanner};

static SCANNER: LazyLock<Scanner> = LazyLock::new(|| {
    let marks = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/marks.csv");
    let upload = RefLoader::new().load(Some(&marks), None).unwrap();
    Scanner::new(Config::default(), upload.bundle)
});

/// A listing: title, category, and price in USD (0 for none), on `AliExpress`.
type Side = (&'static str, &'static str, f64);

/// (rule, the evasive listing and the mark it must be queued for, its honest twin)
const PAIRS: &[(&str, (Side, &str), Side)] = &[
    (
        "a claim is flagged whatever else the listing says (\"for\" before the mark)",
        (("1:1 replica bag for Gucci fans", "bags", 0.0), "M004"),
        ("Dust cover bag for Gucci Marmont, 2 pack", "bags", 0.0),
    ),
    (
        "a claim is flagged in a resale listing",
        (
            (
                "Gucci Marmont 1:1 mirror quality, like new, with receipt",
                "bags",
                0.0,
            ),
            "M004",
        ),
        (
            "Gucci Marmont shoulder bag, like new, with original receipt",
            "bags",
            0.0,
        ),
    ),
    (
        "counterfeit trade outweighs resale words",
        (
            (
                "Pre-owned Nike Air Max, wholesale lots, factory direct",
                "shoes",
                0.0,
            ),
            "M001",
        ),
        ("Pre-owned Nike Air Max 90, worn twice", "shoes", 0.0),
    ),
    (
        "a price far below retail is support, never a flag on its own",
        (
            (
                "Rolex Submariner AAA, pre-owned, box and papers",
                "watches",
                450.0,
            ),
            "M008",
        ),
        (
            "Rolex Submariner, pre-owned, box and papers",
            "watches",
            450.0,
        ),
    ),
    (
        "a disguise stays a flag in a compatibility listing",
        (
            (
                "Phone case for 1Phone 15 Pro, clear",
                "phone accessories",
                0.0,
            ),
            "M009",
        ),
        (
            "Phone case for iPhone 15 Pro, clear",
            "phone accessories",
            0.0,
        ),
    ),
    (
        "a disguise stays a flag in a resale listing",
        (("N1ke Air Max 90, like new", "shoes", 0.0), "M001"),
        ("Nike Air Max 90, like new", "shoes", 0.0),
    ),
    (
        "compatibility lowers the mark as written, not a claim next to it",
        (
            ("Apple Watch band 1:1 replica", "phone accessories", 0.0),
            "M009",
        ),
        (
            "Replacement band for Apple Watch 45mm",
            "phone accessories",
            0.0,
        ),
    ),
    (
        "invisible characters inside a mark are seen through",
        (("Gu\u{200d}cci belt, black", "bags", 0.0), "M004"),
        ("Leather\u{200b} belt, black", "bags", 0.0),
    ),
    (
        "invisible characters inside a CJK mark are seen through",
        (("耐\u{2060}克 运动鞋 男款", "shoes", 0.0), "M001"),
        ("运\u{2060}动鞋 男款 透气", "shoes", 0.0),
    ),
    (
        "separators of any kind, mixed and repeated",
        (("P * R _ A -- D . A nylon backpack", "bags", 0.0), "M007"),
        ("P * R * O hiking backpack 30L", "bags", 0.0),
    ),
    (
        "a changed first letter by a neighbouring key",
        (("Fucci leather belt with box", "bags", 0.0), "M004"),
        ("Fuchsia leather belt with box", "bags", 0.0),
    ),
    (
        "a keyboard slip is a misspelling, the word it resembles is not",
        (("Chsnel quilted flap bag", "bags", 0.0), "M005"),
        ("Channel-quilted puffer coat", "clothing", 0.0),
    ),
    (
        "the first two letters swapped",
        (("Rloex Submariner automatic", "watches", 0.0), "M008"),
        ("Relax-fit watch strap, nylon", "watches", 0.0),
    ),
    (
        "a misspelling that is a name is that name",
        (("Nkie Air Force 1 low", "shoes", 0.0), "M001"),
        ("Nile river cotton tee", "clothing", 0.0),
    ),
    (
        "a knock-off name two edits from a long mark",
        (
            ("Berburry check scarf, cashmere feel", "clothing", 0.0),
            "M030",
        ),
        ("Blueberry check scarf, cashmere feel", "clothing", 0.0),
    ),
    (
        "leetspeak of symbols and several characters",
        (("R()l3x datejust steel", "watches", 0.0), "M008"),
        ("(2) steel watch links, 20mm", "watches", 0.0),
    ),
    (
        "a CJK mark inside a longer ordinary word is that word",
        (
            ("三星 Galaxy 手机壳 高仿", "phone accessories", 0.0),
            "M010",
        ),
        ("三星级酒店 床品四件套", "home", 0.0),
    ),
    (
        "a two-letter abbreviation alone is the mark, in a model code it is a code",
        (("LV 原单 老花 手提包", "bags", 0.0), "M003"),
        ("LED 灯带 LV-563 5米", "home", 0.0),
    ),
    (
        "full-width letters are never an ordinary word",
        (("ｓｕｐｒｅｍｅ box logo tee", "clothing", 0.0), "M024"),
        ("supreme comfort cotton tee", "clothing", 0.0),
    ),
];

fn queued(side: Side) -> Vec<String> {
    let (title, category, price) = side;
    let listing = Listing {
        listing_id: "L".into(),
        seller_id: "s1".into(),
        platform: "aliexpress".into(),
        category: Some(category.into()),
        title: title.into(),
        price: (price > 0.0).then_some(price),
        currency: (price > 0.0).then(|| "USD".to_string()),
        ..Listing::default()
    };
    let config = Config::default();
    SCANNER
        .scan("t", &listing)
        .into_iter()
        .filter(|f| config.enters_queue(f.reason, f.score))
        .map(|f| {
            format!(
                "{} {}/{} {:.2}",
                f.ref_id,
                f.reason.as_str(),
                f.detail,
                f.score
            )
        })
        .collect()
}

#[test]
fn evasions_enter_the_queue_and_their_honest_twins_do_not() {
    let mut failures = Vec::new();
    for &(rule, (evasive, mark), honest) in PAIRS {
        let caught = queued(evasive);
        if !caught.iter().any(|f| f.starts_with(&format!("{mark} "))) {
            failures.push(format!(
                "{rule}: {:?} not queued for {mark}: {caught:?}",
                evasive.0
            ));
        }
        let twin = queued(honest);
        if !twin.is_empty() {
            failures.push(format!("{rule}: honest {:?} queued: {twin:?}", honest.0));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
