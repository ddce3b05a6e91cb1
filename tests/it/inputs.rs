//! Bad input: row problems become rejects and the run goes on; fatal problems stop the run
//! with one line and exit code 2.

use crate::helpers::{Fixture, HEADER, ippscan};

/// The same rows with Unix and with Windows line endings: the same rejects, on the same
/// lines (a row's line is how a seller finds it again).
#[test]
fn bad_csv_rows_are_rejected_with_line_and_reason() {
    for ending in ["\n", "\r\n"] {
        bad_csv_rows(ending);
    }
}

fn bad_csv_rows(ending: &str) {
    let f = Fixture::new();
    let mut dump = format!("{HEADER}{ending}").into_bytes();
    let rows: &[&[u8]] = &[
        b"A1,s1,taobao,shoes,Nike running shoes,,199.00,CNY,img/a.jpg",
        b",s1,taobao,shoes,Nike slides,,59,CNY,",
        b"A3,s1,taobao,shoes,,only a description mentioning Nike,59,CNY,",
        b"A4,s1,taobao,shoes,Nike socks,,12.5O,CNY,",
        b"A5,s1,taobao,shoes,Nike \xff\xfe cap,,10,CNY,",
        b"A6,s1,taobao,shoes,Nike belt,,10,CNY,,surplus",
        b"A1,s2,taobao,shoes,Nike again,,10,CNY,",
        b"A8,s1,ebay,shoes,Nike tee,,10,USD,",
        b"A9,s1,taobao,shoes,Nike shorts,,10,CNY,../../etc/passwd|img/ok.jpg",
        b"A10,s1,tmall,shoes,\"Nike, quoted, with\nnewline\",,10,CNY,",
        b"A11,s1,taobao,shoes,plain shorts,,-4,CNY,",
        b"A12,s1,taobao,shoes,plain shorts,,4,Dollars,",
    ];
    for r in rows {
        dump.extend_from_slice(r);
        dump.extend_from_slice(ending.as_bytes());
    }
    f.write("dump.csv", &dump);
    f.photo("img/a.jpg", 1);
    f.photo("img/ok.jpg", 2);
    let scan = f.scan(&["dump.csv"]);
    assert_eq!(scan.code, 1, "rejections give exit code 1: {}", scan.stderr);
    scan.assert_accounted();
    let want: Vec<(u64, &str)> = vec![
        (3, "missing_field"),
        (4, "missing_field"),
        (5, "bad_price"),
        (6, "invalid_utf8"),
        (7, "ragged_row"),
        (8, "duplicate_listing_id"),
        (9, "unknown_platform"),
        (10, "path_escape"),
        (13, "bad_price"),
        (14, "bad_currency"),
    ];
    scan.assert_rejects(&want);
    assert_eq!(scan.count("read"), 12, "{ending:?}");
    assert_eq!(scan.count("read"), 12);
    assert_eq!(scan.count("rejected"), 9);
    assert_eq!(scan.count("images_rejected"), 1);
    // The listing that lost an image was still scanned, and so was the multi-line row.
    let mut flagged: Vec<&str> = scan
        .flags
        .iter()
        .map(|f| f["listing_id"].as_str())
        .collect();
    flagged.sort_unstable();
    assert_eq!(flagged, ["A1", "A10", "A9"]);
    let duplicate = &scan.rejects[5];
    assert_eq!(duplicate["id"], "A1");
    assert!(duplicate["detail"].contains("earlier"), "{duplicate:?}");
    assert!(scan.rejects[0]["file"].ends_with("dump.csv"));
}

/// `--rejects-ok`: a run that rejected rows exits 0 for schedulers that read 1 as failure,
/// and the rejects are still written.
#[test]
fn rejects_ok_exits_0_and_keeps_the_rejects() {
    let f = Fixture::new();
    f.write(
        "dump.csv",
        format!(
            "{HEADER}\nA1,s1,taobao,shoes,Nike tee,,10,CNY,\nA2,s1,taobao,shoes,tee,,abc,CNY,\n"
        )
        .as_bytes(),
    );
    assert_eq!(f.scan(&["dump.csv"]).code, 1);
    let scan = f.scan_with(&["dump.csv"], &["--rejects-ok", "--full"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    scan.assert_rejects(&[(3, "bad_price")]);
}

#[test]
fn bad_jsonl_lines_are_rejected_with_line_and_reason() {
    let f = Fixture::new();
    let mut dump = Vec::new();
    let lines: &[&[u8]] = &[
        br#"{"listing_id":"J1","seller_id":"s1","platform":"taobao","title":"Nike Air Force 1","price":99.5,"image_paths":["a.jpg","b.jpg"]}"#,
        br#"{"listing_id":"J2","seller_id":"s1","platform":"taobao","title":"Nike tee""#,
        b"",
        br#"["J3","s1","taobao","Nike"]"#,
        b"{\"listing_id\":\"J4\",\"seller_id\":\"s1\",\"platform\":\"taobao\",\"title\":\"Nike \xc3\x28\"}",
        r#"{"listing_id":5,"seller_id":"s1","platform":"TMALL","title":"耐克 卫衣","price":"12.00","image_paths":"a.jpg|b.jpg"}"#.as_bytes(),
        br#"{"listing_id":"J6","platform":"taobao","title":"Nike cap"}"#,
        br#"{"listing_id":"J7","seller_id":"s1","platform":"taobao","title":"Nike cap","price":"free"}"#,
        br#"{"listing_id":"J8","seller_id":"s1","platform":"taobao","title":"Nike cap","price":null,"category":null}"#,
    ];
    for l in lines {
        dump.extend_from_slice(l);
        dump.push(b'\n');
    }
    f.write("dump.jsonl", &dump);
    f.photo("a.jpg", 1);
    f.photo("b.jpg", 2);
    let scan = f.scan(&["dump.jsonl"]);
    assert_eq!(scan.code, 1, "{}", scan.stderr);
    scan.assert_accounted();
    scan.assert_rejects(&[
        (2, "bad_json"),
        (4, "bad_json"),
        (5, "invalid_utf8"),
        (7, "missing_field"),
        (8, "bad_price"),
    ]);
    assert_eq!(scan.count("read"), 8, "the blank line is not a row");
    let mut flagged: Vec<&str> = scan
        .flags
        .iter()
        .map(|f| f["listing_id"].as_str())
        .collect();
    flagged.sort_unstable();
    assert_eq!(flagged, ["5", "J1", "J8"]);
}

#[test]
fn bad_parquet_rows_are_rejected_with_row_and_reason() {
    use ippscan::model::Listing;
    let f = Fixture::new();
    let row = |id: &str, platform: &str, title: &str| Listing {
        listing_id: id.into(),
        seller_id: "s1".into(),
        platform: platform.into(),
        title: title.into(),
        ..Listing::default()
    };
    let rows = vec![
        row("P1", "taobao", "Nike Air Max"),
        row("P2", "taobao", "   "),
        row("P3", "shopee", "Nike Air Max"),
        row("P1", "taobao", "Nike Air Max"),
        row("", "taobao", "Nike Air Max"),
        row("P6", "aliexpress", "Nike Air Max"),
    ];
    ippscan::synth::write_dump(&f.path("dump.parquet"), rows.into_iter()).unwrap();
    let scan = f.scan(&["dump.parquet"]);
    assert_eq!(scan.code, 1, "{}", scan.stderr);
    scan.assert_accounted();
    scan.assert_rejects(&[
        (2, "missing_field"),
        (3, "unknown_platform"),
        (4, "duplicate_listing_id"),
        (5, "missing_field"),
    ]);
    assert_eq!(scan.flags.len(), 2);
}

/// (arguments after `scan --quiet`, what the one-line message must name)
const FATAL: &[(&[&str], &str)] = &[
    (
        &["--marks", "marks.csv", "--listings", "nope.csv"],
        "nope.csv",
    ),
    // The missing dump is named before the missing references.
    (
        &["--listings", "nope.csv"],
        "nope.csv: no such file or folder (--listings)",
    ),
    (
        &["--marks", "missing-marks.csv", "--listings", "dump.csv"],
        "missing-marks.csv",
    ),
    (
        &["--marks", "marks.csv", "--listings", "dump.xlsx"],
        "dump.xlsx",
    ),
    (
        &[
            "--marks",
            "marks.csv",
            "--listings",
            "dump.csv",
            "--config",
            "bad.toml",
        ],
        "bad.toml",
    ),
    (
        &[
            "--marks",
            "marks.csv",
            "--listings",
            "dump.csv",
            "--config",
            "none.toml",
        ],
        "none.toml",
    ),
    (
        &["--marks", "headerless.csv", "--listings", "dump.csv"],
        "headerless.csv",
    ),
    (
        &["--marks", "marks.csv", "--listings", "broken.parquet"],
        "broken.parquet",
    ),
    (
        &["--marks", "marks.csv", "--listings", "empty-dir"],
        "empty-dir",
    ),
    // A dump whose header is not a listing dump's: one line naming what is missing.
    (
        &["--marks", "marks.csv", "--listings", "foreign.csv"],
        "missing required column(s): listing_id, seller_id, platform, title (found: foo, bar, baz)",
    ),
    (
        &["--marks", "marks.csv", "--listings", "near-miss.csv"],
        "did you mean \"seller\" for seller_id?",
    ),
    (
        &["--marks", "marks.csv", "--listings", "foreign.parquet"],
        "foreign.parquet: missing required column(s): listing_id, seller_id, platform (found: id, seller, title; did you mean \"seller\" for seller_id?)",
    ),
    // JSON Lines have no header: a key none of the first objects has is the dump's shape.
    (
        &["--marks", "marks.csv", "--listings", "foreign.jsonl"],
        "foreign.jsonl: missing required column(s): listing_id, seller_id, platform (found: id, seller, title; did you mean \"seller\" for seller_id?), in any of the first 2 objects",
    ),
];

/// A Parquet file with the columns `id`, `seller`, `title`: not a listing dump.
fn foreign_parquet(path: &std::path::Path) {
    use std::sync::Arc;
    let column = |v: &[&str]| -> arrow_array::ArrayRef {
        Arc::new(arrow_array::StringArray::from(v.to_vec()))
    };
    let batch = arrow_array::RecordBatch::try_from_iter([
        ("id", column(&["L1"])),
        ("seller", column(&["s1"])),
        ("title", column(&["Nike tee"])),
    ])
    .unwrap();
    let file = std::fs::File::create(path).unwrap();
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
}

#[test]
fn fatal_problems_stop_with_one_line_and_exit_2() {
    let f = Fixture::new();
    f.write(
        "dump.csv",
        format!("{HEADER}\nA1,s1,taobao,,Nike,,,,\n").as_bytes(),
    );
    f.write("dump.xlsx", b"PK\x03\x04");
    f.write("bad.toml", b"[scan]\nbatch_size = 0\n");
    f.write("headerless.csv", b"M1,Nike Inc,Nike,,CN,,TM-1,,\n");
    f.write("broken.parquet", b"PAR1 this is not really parquet PAR1");
    f.write("foreign.csv", b"foo,bar,baz\n1,2,3\n");
    f.write(
        "foreign.jsonl",
        b"{\"id\":\"L1\",\"seller\":\"s1\",\"title\":\"Nike tee\"}\n{\"id\":\"L2\",\"seller\":\"s2\",\"title\":\"mug\"}\n",
    );
    foreign_parquet(&f.path("foreign.parquet"));
    f.write(
        "near-miss.csv",
        b"listing_id,seller,platform,title\nL1,s1,taobao,Nike\n",
    );
    std::fs::create_dir(f.path("empty-dir")).unwrap();
    for (args, names) in FATAL {
        let mut all = vec!["scan", "--quiet", "--out", "out"];
        all.extend_from_slice(args);
        let out = ippscan(&all, f.dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("ippscan: error: "), "{stderr}");
        assert!(
            stderr.contains(names),
            "{args:?} should name {names}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn config_file_replaces_the_territory_map() {
    let f = Fixture::new();
    f.write(
        "dump.csv",
        format!("{HEADER}\nA1,s1,shopee,,Zentrova bag,,,,\nA2,s1,taobao,,Nike tee,,,,\n")
            .as_bytes(),
    );
    f.write(
        "cfg.toml",
        b"[[platforms]]\nname = \"Shopee\"\naccepts = [\"EU\"]\n",
    );
    let out = ippscan(
        &[
            "scan",
            "--quiet",
            "--marks",
            "marks.csv",
            "--listings",
            "dump.csv",
            "--out",
            "out",
            "--config",
            "cfg.toml",
        ],
        f.dir.path(),
    );
    let scan = crate::helpers::Scan::read(&out, &f.path("out"));
    assert_eq!(scan.code, 1, "taobao is not in this map: {}", scan.stderr);
    assert_eq!(scan.flagged(), [("A1".to_string(), "M5".to_string())]);
    scan.assert_rejects(&[(3, "unknown_platform")]);
}
