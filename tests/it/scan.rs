use std::collections::HashMap;
use std::path::Path;

use ippscan::model::Listing;

use crate::helpers::{Fixture, Scan, evidence, flag, ippscan};

/// (id, seller, platform, category, title, description, mark flagged or "", field, text)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const LISTINGS: &[Row] = &[
    (
        "L01",
        "s1",
        "taobao",
        "shoes",
        "Nike Air Max 90 跑步鞋",
        "",
        "M1",
        "title",
        "Nike",
    ),
    (
        "L02",
        "s1",
        "taobao",
        "shoes",
        "正品耐克运动鞋 男款",
        "",
        "M1",
        "title",
        "耐克",
    ),
    (
        "L03",
        "s2",
        "taobao",
        "home",
        "Nikeland souvenir keychain",
        "",
        "",
        "",
        "",
    ),
    (
        "L04",
        "s3",
        "aliexpress",
        "bags",
        "Louis Vuitton tote, canvas",
        "",
        "M2",
        "title",
        "Louis Vuitton",
    ),
    (
        "L05",
        "s4",
        "taobao",
        "food",
        "康师傅红烧牛肉面 整箱",
        "",
        "M4",
        "title",
        "康师傅",
    ),
    (
        "L06",
        "s5",
        "tmall",
        "clothing",
        "ＮＩＫＥ hoodie oversized",
        "",
        "M1",
        "title",
        "ＮＩＫＥ",
    ),
    (
        "L07",
        "official_nike",
        "tmall",
        "shoes",
        "Nike Pegasus 41",
        "",
        "",
        "",
        "",
    ),
    (
        "L08",
        "s6",
        "aliexpress",
        "food",
        "康师傅 instant noodles 24 pack",
        "",
        "",
        "",
        "",
    ),
    (
        "L09",
        "s7",
        "taobao",
        "bags",
        "Zentrova weekender bag",
        "",
        "",
        "",
        "",
    ),
    (
        "L10",
        "s8",
        "taobao",
        "food",
        "Apple juice 1L, not from concentrate",
        "",
        "",
        "",
        "",
    ),
    (
        "L11",
        "s8",
        "1688",
        "phone accessories",
        "Apple iPhone 15 case, clear",
        "",
        "M3",
        "title",
        "Apple",
    ),
    (
        "L12",
        "s9",
        "alibaba.com",
        "shoes",
        "running shoes, breathable mesh",
        "Feels like the NIKE ones, same factory.",
        "M1",
        "description",
        "NIKE",
    ),
    (
        "L13",
        "s9",
        "alibaba.com",
        "bags",
        "Zentrova weekender bag",
        "",
        "M5",
        "title",
        "Zentrova",
    ),
];

fn listing(row: &Row) -> Listing {
    Listing {
        listing_id: row.0.into(),
        seller_id: row.1.into(),
        platform: row.2.into(),
        category: Some(row.3.into()),
        title: row.4.into(),
        description: row.5.into(),
        price: Some(19.9),
        currency: Some("CNY".into()),
        ..Listing::default()
    }
}

fn expected() -> Vec<(String, String)> {
    let mut v: Vec<_> = LISTINGS
        .iter()
        .filter(|r| !r.6.is_empty())
        .map(|r| (r.0.to_string(), r.6.to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn exact_marks_in_latin_and_cjk_text_with_spans() {
    let f = Fixture::new();
    ippscan::synth::write_dump(&f.path("dump.csv"), LISTINGS.iter().map(listing)).unwrap();
    let scan = f.scan(&["dump.csv"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    scan.assert_accounted();
    assert_eq!(scan.flagged(), expected());
    for row in LISTINGS.iter().filter(|r| !r.6.is_empty()) {
        let fl = flag(&scan, row.0);
        assert_eq!(fl["reason"], "trademark_exact");
        let ev = evidence(fl);
        assert_eq!(ev["field"], row.7, "{}", row.0);
        assert_eq!(ev["text"], row.8, "{}", row.0);
        let field = if row.7 == "title" { row.4 } else { row.5 };
        let (s, e) = (
            ev["span"][0].as_u64().unwrap() as usize,
            ev["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(&field[s..e], row.8, "span of {}", row.0);
    }
    assert_eq!(evidence(flag(&scan, "L02"))["resolves_to"], "耐克");
    assert_eq!(flag(&scan, "L02")["detail"], "alias");
    assert_eq!(flag(&scan, "L01")["detail"], "exact");
    assert_eq!(flag(&scan, "L01")["rights_holder"], "Nike, Inc.");
    let title: f64 = flag(&scan, "L01")["score"].parse().unwrap();
    let description: f64 = flag(&scan, "L12")["score"].parse().unwrap();
    assert!(
        title > description,
        "a title mention outscores a description one"
    );
}

#[test]
fn every_format_gives_the_same_flags() {
    let f = Fixture::new();
    let mut results = Vec::new();
    for name in ["dump.csv", "dump.jsonl", "dump.parquet"] {
        ippscan::synth::write_dump(&f.path(name), LISTINGS.iter().map(listing)).unwrap();
        // The same listings each time: --full, or the queue would skip them as unchanged.
        let scan = f.scan_with(&[name], &["--full"]);
        assert_eq!(scan.code, 0, "{name}: {}", scan.stderr);
        scan.assert_accounted();
        assert_eq!(scan.count("read"), LISTINGS.len() as u64, "{name}");
        results.push((name, scan.flagged()));
    }
    for (name, flagged) in &results {
        assert_eq!(flagged, &expected(), "{name}");
    }
}

#[test]
fn a_folder_of_dumps_is_scanned_whole() {
    let f = Fixture::new();
    let (a, b) = LISTINGS.split_at(6);
    ippscan::synth::write_dump(&f.file("dumps/a.csv"), a.iter().map(listing)).unwrap();
    ippscan::synth::write_dump(&f.file("dumps/b.parquet"), b.iter().map(listing)).unwrap();
    f.write("dumps/notes.txt", b"not a dump");
    let scan = f.scan(&["dumps"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    assert_eq!(scan.count("read"), LISTINGS.len() as u64);
    assert_eq!(scan.flagged(), expected());
}

#[test]
fn quiet_means_silent_and_no_bar_off_a_terminal() {
    let f = Fixture::new();
    ippscan::synth::write_dump(&f.path("dump.csv"), LISTINGS.iter().map(listing)).unwrap();
    let scan = f.scan(&["dump.csv"]);
    assert_eq!(scan.stderr, "");
    let loud = || {
        let args = [
            "scan",
            "--marks",
            "marks.csv",
            "--listings",
            "dump.csv",
            "--out",
            "out2",
        ];
        ippscan(&args, f.dir.path())
    };
    let out = loud();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("scanned 13 of 13 listings"), "{stderr}");
    assert!(
        !stderr.contains('\r') && !stderr.contains('\x1b'),
        "{stderr:?}"
    );
    // Again, unchanged: the closing line says nothing was scanned, and why.
    let again = loud();
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.starts_with("scanned 0 of 13 listings (0 rejected, 13 unchanged since the last run"),
        "{stderr}"
    );
}

/// The README's first command, on the shipped sample data.
#[test]
fn sample_data_scan() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let output = ippscan(
        &[
            "scan",
            "--quiet",
            "--out",
            &out.path().display().to_string(),
        ],
        root,
    );
    let scan = Scan::read(&output, out.path());
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    scan.assert_accounted();
    assert!(
        scan.count("read") >= 6000,
        "a few thousand listings per format"
    );
    assert_eq!(scan.count("rejected"), 0);
    let flagged = scan.count("flagged");
    assert!(
        flagged > 200 && flagged < scan.count("read") / 4,
        "mostly clean, some infringing: {flagged}"
    );

    // flags.parquet holds the same rows as flags.csv, typed, in row groups that are not
    // cut at every batch (the sample's ~2,000 flags from 4 batches make one group).
    let file = std::fs::File::open(out.path().join("flags.parquet")).unwrap();
    let builder =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    assert_eq!(builder.metadata().num_row_groups(), 1);
    let schema = builder.schema().clone();
    assert_eq!(
        schema.field_with_name("score").unwrap().data_type(),
        &arrow_schema::DataType::Float32
    );
    assert!(matches!(
        schema.field_with_name("reason").unwrap().data_type(),
        arrow_schema::DataType::Dictionary(..)
    ));
    let rows: usize = builder
        .build()
        .unwrap()
        .map(|b| b.unwrap().num_rows())
        .sum();
    assert_eq!(rows, scan.flags.len());

    // Every evidence span of the CSV dump quotes the listing as written.
    let mut fields: HashMap<String, (String, String)> = HashMap::new();
    let mut r = csv::Reader::from_path(root.join("data/listings/taobao-2026-11-28.csv")).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        fields.insert(rec[0].to_string(), (rec[4].to_string(), rec[5].to_string()));
    }
    let mut checked = 0;
    for fl in &scan.flags {
        let Some((title, description)) = fields.get(&fl["listing_id"]) else {
            continue;
        };
        if !fl["reason"].starts_with("trademark") {
            continue;
        }
        let ev = evidence(fl);
        let text = if ev["field"] == "title" {
            title
        } else {
            description
        };
        let (s, e) = (
            ev["span"][0].as_u64().unwrap() as usize,
            ev["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], ev["text"].as_str().unwrap());
        checked += 1;
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn outputs_appear_whole_or_not_at_all() {
    let f = Fixture::new();
    ippscan::synth::write_dump(&f.path("dump.csv"), LISTINGS.iter().map(listing)).unwrap();
    f.scan(&["dump.csv"]);
    let names: Vec<String> = std::fs::read_dir(f.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".partial")), "{names:?}");
    for want in [
        "flags.csv",
        "flags.parquet",
        "rejects.csv",
        "ref_rejects.csv",
        "summary.json",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing from {names:?}"
        );
    }
}

/// Two holders own the same word in different territories: the platform decides which
/// one a listing concerns.
#[test]
fn the_same_word_owned_in_two_territories() {
    let f = Fixture::new();
    f.write(
        "marks.csv",
        "mark_id,rights_holder,mark,jurisdictions,categories,registration_no\n\
         C1,Crown China Ltd,Kronberg,CN,,CN-1\n\
         C2,Kronberg Inc,Kronberg,US|EU,,US-1\n"
            .as_bytes(),
    );
    f.write(
        "dump.csv",
        format!(
            "{}\nK1,s1,taobao,bags,Kronberg tote,,,,\nK2,s1,aliexpress,bags,Kronberg tote,,,,\n",
            crate::helpers::HEADER
        )
        .as_bytes(),
    );
    let scan = f.scan(&["dump.csv"]);
    assert_eq!(
        scan.flagged(),
        [
            ("K1".to_string(), "C1".to_string()),
            ("K2".to_string(), "C2".to_string())
        ]
    );
}

/// `--shard K/N`: N scans over the same dumps split the rows exactly — every flag and every
/// reject of the whole scan in exactly one shard, the reads adding up.
#[test]
fn shards_split_the_sample_exactly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scan = |extra: &[&str]| {
        let out = tempfile::tempdir().unwrap();
        let mut args = vec!["scan", "--quiet", "--no-queue", "--no-report", "--out"];
        let dir = out.path().display().to_string();
        args.push(&dir);
        args.extend_from_slice(extra);
        let output = ippscan(&args, root);
        let scan = Scan::read(&output, out.path());
        assert!(scan.code <= 1, "{}", scan.stderr);
        scan
    };
    let key = |f: &HashMap<String, String>| {
        format!(
            "{} {} {} {}",
            f["listing_id"], f["reason"], f["ref_id"], f["evidence"]
        )
    };
    let whole = scan(&[]);
    let mut all: Vec<String> = whole.flags.iter().map(key).collect();
    all.sort();
    let mut parts: Vec<String> = Vec::new();
    let mut listings: Vec<String> = Vec::new();
    let (mut read, mut rejected) = (0, 0);
    for k in 0..3 {
        let shard = format!("{k}/3");
        let part = scan(&["--shard", &shard]);
        part.assert_accounted();
        assert_eq!(part.summary["shard"], shard);
        assert!(
            part.count("read") > whole.count("read") / 5,
            "shards are balanced"
        );
        read += part.count("read");
        rejected += part.count("rejected");
        parts.extend(part.flags.iter().map(key));
        let mut ids: Vec<String> = part.flags.iter().map(|f| f["listing_id"].clone()).collect();
        ids.dedup();
        listings.extend(ids);
    }
    parts.sort();
    assert_eq!(
        parts, all,
        "the shards' flags are the whole scan's, each once"
    );
    assert_eq!(read, whole.count("read"));
    assert_eq!(rejected, whole.count("rejected"));
    let distinct: std::collections::HashSet<&String> = listings.iter().collect();
    assert_eq!(distinct.len(), listings.len(), "no listing in two shards");
}

/// The streaming mode for engines that pipe partitions through a worker: listings on
/// standard input, flags as JSON lines on standard output, the same flags as a file scan.
#[test]
fn listings_on_stdin_give_flags_on_stdout() {
    use std::fmt::Write as _;
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let f = Fixture::new();
    let mut dump = String::new();
    for (i, (platform, title)) in [
        ("aliexpress", "Nike Air 1:1"),
        ("aliexpress", "plain mug"),
        ("aliexpress", "N1ke running"),
        ("taobao", "路易威登 包"),
    ]
    .iter()
    .enumerate()
    {
        let row = serde_json::json!({
            "listing_id": format!("S{i}"), "seller_id": "s", "platform": platform, "title": title,
        });
        writeln!(dump, "{row}").unwrap();
    }
    f.write("dump.jsonl", dump.as_bytes());
    let file_scan = f.scan(&["dump.jsonl"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_ippscan"))
        .args([
            "scan",
            "--quiet",
            "--run-id",
            "test-run",
            "--marks",
            "marks.csv",
            "--listings",
            "-",
        ])
        .args([
            "--format",
            "jsonl",
            "--flags-out",
            "-",
            "--out",
            "stream-out",
            "--no-queue",
        ])
        .current_dir(f.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dump.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let streamed: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(streamed.len() >= 3, "{streamed:?}");
    assert_eq!(streamed.len(), file_scan.flags.len());
    for (s, f) in streamed.iter().zip(&file_scan.flags) {
        for column in ["listing_id", "reason", "ref_id", "detail", "evidence"] {
            assert_eq!(s[column], f[column].as_str(), "{column}");
        }
    }
    // Parquet needs a file: asked on standard input, a one-line error.
    let parquet = ippscan(
        &[
            "scan",
            "--marks",
            "marks.csv",
            "--listings",
            "-",
            "--format",
            "parquet",
        ],
        f.dir.path(),
    );
    assert_eq!(parquet.status.code(), Some(2));
}

/// `ippscan merge`: the outputs of three shards fold into the whole scan's flags, counts and
/// complaints; merging again, or with a shard given twice, adds nothing.
#[test]
fn merged_shards_are_the_whole_scan() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).display().to_string();
    let run = |args: &[&str]| {
        let output = ippscan(args, root);
        assert!(
            output.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    };
    let whole = Scan::read(
        &run(&["scan", "--quiet", "--no-report", "--out", &out("whole")]),
        &dir.path().join("whole"),
    );
    for k in 0..3 {
        let shard = format!("{k}/3");
        run(&[
            "scan",
            "--quiet",
            "--no-report",
            "--no-queue",
            "--shard",
            &shard,
            "--out",
            &out(&format!("s{k}")),
        ]);
    }
    let (s0, s1, s2) = (out("s0"), out("s1"), out("s2"));
    // A downstream tool rewrote one shard's flags.csv with its columns in another order.
    reverse_columns(&dir.path().join("s2/flags.csv"));
    let merged = Scan::read(
        &run(&["merge", &s0, &s1, &s2, &s1, "--out", &out("merged")]),
        &dir.path().join("merged"),
    );
    let key = |f: &HashMap<String, String>| {
        format!(
            "{} {} {} {} {}",
            f["listing_id"], f["reason"], f["ref_id"], f["score"], f["evidence"]
        )
    };
    let sorted = |scan: &Scan| {
        let mut keys: Vec<String> = scan.flags.iter().map(key).collect();
        keys.sort();
        keys
    };
    assert_eq!(
        sorted(&merged),
        sorted(&whole),
        "the shard given twice is taken once"
    );
    for count in ["read", "scanned", "rejected", "flagged", "flags"] {
        assert_eq!(merged.count(count), whole.count(count), "{count}");
    }
    assert_eq!(
        merged.summary["counts"]["by_reason"],
        whole.summary["counts"]["by_reason"]
    );
    let complaints = |name: &str| {
        ippscan::queue::Queue::open(&dir.path().join(name).join("queue.db"))
            .unwrap()
            .len()
            .unwrap()
    };
    assert!(complaints("whole") > 1000);
    assert_eq!(complaints("merged"), complaints("whole"));
    // Again, into the same queue: nothing new.
    run(&[
        "merge",
        &s0,
        &s1,
        &s2,
        "--out",
        &out("merged-again"),
        "--queue",
        &out("merged/queue.db"),
    ]);
    assert_eq!(complaints("merged"), complaints("whole"));
}

/// Rewrites a CSV file with its columns in reverse order.
fn reverse_columns(path: &Path) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut rows = vec![reader.headers().unwrap().clone()];
    rows.extend(reader.records().map(Result::unwrap));
    let mut writer = csv::Writer::from_path(path).unwrap();
    for row in rows {
        writer
            .write_record(row.iter().rev().collect::<Vec<_>>())
            .unwrap();
    }
    writer.flush().unwrap();
}

/// A folder whose flags.csv lacks a column of the flag schema is not merged: one line names
/// the column, and nothing is half-written.
#[test]
fn merge_refuses_flags_without_a_schema_column() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("s0");
    let scanned = ippscan(
        &[
            "scan",
            "--quiet",
            "--no-report",
            "--no-queue",
            "--out",
            &shard.display().to_string(),
        ],
        root,
    );
    assert!(scanned.status.code().is_some_and(|c| c <= 1));
    let flags = shard.join("flags.csv");
    let text = std::fs::read_to_string(&flags).unwrap();
    std::fs::write(&flags, text.replacen("rights_holder", "holder", 1)).unwrap();
    let merged = ippscan(
        &[
            "merge",
            &shard.display().to_string(),
            "--out",
            &dir.path().join("merged").display().to_string(),
        ],
        root,
    );
    let stderr = String::from_utf8_lossy(&merged.stderr);
    assert_eq!(merged.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no column rights_holder"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(!dir.path().join("merged/flags.csv").exists());
}

/// A scan on several threads sets aside the listings that need the CJK segmenter while it
/// loads (about 0.15 s at the start), and scans them once it is ready: its flags are a
/// one-thread scan's, in the same order. Three batches of CJK marks in CJK text, some
/// inside ordinary words (`苹果汁` "apple juice"), reach the segmenter long before it loads.
#[test]
fn listings_set_aside_while_the_segmenter_loads_get_a_one_thread_scans_flags() {
    let f = Fixture::new();
    let rows: Vec<String> = (0..6000)
        .map(|i| {
            let (platform, category, title) = match i % 4 {
                0 => ("taobao", "food", "新鲜苹果汁饮料"),
                1 => ("taobao", "shoes", "正品耐克鞋男款"),
                2 => ("tmall", "phone accessories", "苹果手机壳透明"),
                _ => ("aliexpress", "bags", "Nike style tote"),
            };
            format!("L{i},s{},{platform},{category},{title} {i},,,,", i % 97)
        })
        .collect();
    let dump = format!("{}\n{}\n", crate::helpers::HEADER, rows.join("\n"));
    f.write("dump.csv", dump.as_bytes());
    let flags_on = |threads: &str| {
        let out = f.path(&format!("out-{threads}"));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_ippscan"))
            .args([
                "scan",
                "--quiet",
                "--no-queue",
                "--no-report",
                "--run-id",
                "r",
            ])
            .arg("--marks")
            .arg(f.path("marks.csv"))
            .arg("--listings")
            .arg(f.path("dump.csv"))
            .arg("--out")
            .arg(&out)
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read_to_string(out.join("flags.csv")).unwrap()
    };
    let one = flags_on("1");
    // Apple's flags: each of the 1,500 phone cases, none of the 1,500 apple juices.
    let apple = one
        .lines()
        .filter(|l| l.contains(",M3,Apple Inc.,"))
        .count();
    assert_eq!(apple, 1500);
    let four = flags_on("4");
    assert_eq!(four.lines().count(), one.lines().count());
    assert!(four == one, "the same flags in the same order");
}
