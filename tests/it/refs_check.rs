use std::collections::HashMap;
use std::path::Path;

use crate::helpers::{Fixture, csv_rows, ippscan};

fn check(args: &[&str], cwd: &Path) -> (i32, Vec<HashMap<String, String>>) {
    let mut all = vec!["refs", "check", "--format", "csv"];
    all.extend_from_slice(args);
    let out = ippscan(&all, cwd);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap(), csv_rows(out.stdout.as_slice()))
}

fn statuses(rows: &[HashMap<String, String>]) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| {
            let what = if r["status"] == "accepted" {
                "accepted".to_string()
            } else {
                r["reason"].clone()
            };
            (r["id"].clone(), what)
        })
        .collect()
}

#[test]
fn abusive_and_broken_mark_rows_are_rejected_with_reasons() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, rows) = check(&["--marks", "data/uploads/marks-with-problems.csv"], root);
    assert_eq!(code, 1);
    let want = [
        ("U001", "accepted"),
        ("U002", "missing_registration"),
        ("U003", "expired"),
        ("U004", "dictionary_word"),
        ("U005", "mark_too_short"),
        ("U006", "unknown_jurisdiction"),
        ("U001", "duplicate_id"),
        ("U007", "accepted"),
        ("U008", "missing_field"),
        ("U009", "bad_date"),
        ("U010", "invalid_mark"),
    ];
    let got = statuses(&rows);
    let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, want);
    let u007 = &rows[7]["detail"];
    assert!(
        u007.contains("\"BL\"") && u007.contains("\"Apple\""),
        "{u007}"
    );
    assert!(
        rows[5]["detail"].contains("GB"),
        "UK gets a hint: {}",
        rows[5]["detail"]
    );
    assert_eq!(rows[1]["line"], "3");
}

/// The table stays in columns when line numbers reach two digits.
#[test]
fn the_table_keeps_its_columns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = crate::helpers::ippscan(
        &[
            "refs",
            "check",
            "--marks",
            "data/uploads/marks-with-problems.csv",
        ],
        root,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let verdicts: Vec<usize> = text
        .lines()
        .filter(|l| l.starts_with("data/"))
        .filter_map(|l| {
            [" accepted", " REJECTED"]
                .iter()
                .filter_map(|w| l.find(w))
                .min()
        })
        .collect();
    assert!(verdicts.len() >= 11, "{text}");
    assert!(verdicts.iter().all(|&at| at == verdicts[0]), "{text}");
}

/// An upload saved on Windows: its rows are named by the lines a spreadsheet shows.
#[test]
fn windows_line_endings_keep_line_numbers() {
    let f = Fixture::new();
    let upload = "mark_id,rights_holder,mark,jurisdictions,registration_no\r\n\
        K1,Acme,Zentrova,CN,TM-1\r\n\
        K2,Acme,Quorvix,CN,TM-2\r\n\
        \r\n\
        K1,Acme,Velantra,CN,TM-3\r\n\
        K4,Acme,Lumiqo,CN,\r\n";
    f.write("marks.csv", upload.as_bytes());
    let (code, rows) = check(&["--marks", "marks.csv"], f.dir.path());
    assert_eq!(code, 1);
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r["line"].as_str(), r["id"].as_str(), r["reason"].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("2", "K1", ""),
            ("3", "K2", ""),
            ("5", "K1", "duplicate_id"),
            ("6", "K4", "missing_registration"),
        ]
    );
    assert!(
        rows[2]["detail"].contains("line 2"),
        "{}",
        rows[2]["detail"]
    );
}

#[test]
fn the_sample_references_are_all_accepted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, rows) = check(
        &["--marks", "data/marks.csv", "--images", "data/images.csv"],
        root,
    );
    assert_eq!(code, 0, "{rows:?}");
    assert!(rows.len() >= 40);
}

#[test]
fn image_rows_are_checked_for_files_that_decode() {
    let f = Fixture::new();
    ippscan::synth::product_photo(7, 120, 90)
        .save(f.file("refs/ok.png"))
        .unwrap();
    f.write(
        "refs/corrupt.jpg",
        b"\xff\xd8\xff\xe0 definitely not a whole jpeg",
    );
    f.write("refs/empty.jpg", b"");
    f.write("secret.png", b"outside");
    f.write(
        "refs/images.csv",
        "image_id,rights_holder,path,kind,jurisdictions,categories,registration_no\n\
         I1,Acme,ok.png,copyright,CN,,\n\
         I2,Acme,missing.jpg,copyright,CN,,\n\
         I3,Acme,corrupt.jpg,copyright,CN,,\n\
         I4,Acme,empty.jpg,copyright,CN,,\n\
         I5,Acme,../secret.png,copyright,CN,,\n\
         I6,Acme,ok.png,design_patent,CN,,\n\
         I7,Acme,ok.png,trademark,CN,,\n\
         I8,Acme,ok.png,design_patent,CN|EU,bags,D-2020-1\n"
            .as_bytes(),
    );
    let (code, rows) = check(&["--images", "refs/images.csv"], f.dir.path());
    assert_eq!(code, 1);
    let got = statuses(&rows);
    let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        got,
        [
            ("I1", "accepted"),
            ("I2", "missing_file"),
            ("I3", "undecodable_image"),
            ("I4", "empty_image"),
            ("I5", "path_escape"),
            ("I6", "missing_registration"),
            ("I7", "bad_kind"),
            ("I8", "accepted"),
        ]
    );
}

/// `[limits] max_image_pixels` bounds the rights holders' photos as it bounds listings':
/// with `--config`, `refs check` and `refs build` refuse a photo over it before decoding.
#[test]
fn the_configured_pixel_limit_bounds_reference_images() {
    let f = Fixture::new();
    ippscan::synth::product_photo(7, 640, 480)
        .save(f.file("refs/big.png"))
        .unwrap();
    ippscan::synth::product_photo(8, 200, 150)
        .save(f.file("refs/small.png"))
        .unwrap();
    f.write(
        "refs/images.csv",
        b"image_id,rights_holder,path,kind,jurisdictions,categories,registration_no\n\
          B1,Acme,big.png,copyright,CN,,\n\
          S1,Acme,small.png,copyright,CN,,\n",
    );
    f.write("small.toml", b"[limits]\nmax_image_pixels = 100000\n");
    let (code, rows) = check(&["--images", "refs/images.csv"], f.dir.path());
    assert_eq!(code, 0, "{rows:?}");
    let (code, rows) = check(
        &["--images", "refs/images.csv", "--config", "small.toml"],
        f.dir.path(),
    );
    assert_eq!(code, 1);
    let got = statuses(&rows);
    assert_eq!(
        got,
        [
            ("B1".to_string(), "image_too_large".to_string()),
            ("S1".to_string(), "accepted".to_string())
        ]
    );
    let build = ippscan(
        &[
            "refs",
            "build",
            "--quiet",
            "--images",
            "refs/images.csv",
            "--config",
            "small.toml",
            "--out",
            "refs.bundle",
        ],
        f.dir.path(),
    );
    assert_eq!(build.status.code(), Some(1));
    assert!(f.path("refs.bundle").exists());
}

#[test]
fn scan_reports_rejected_references_and_uses_the_rest() {
    let f = Fixture::new();
    f.write(
        "marks.csv",
        "mark_id,rights_holder,mark,jurisdictions,registration_no,valid_until\n\
         M1,Nike,Nike,CN,TM-1,2035-01-01\n\
         M2,Old,Vintagio,CN,TM-2,2001-01-01\n"
            .as_bytes(),
    );
    f.write(
        "dump.csv",
        format!(
            "{}\nA1,s1,taobao,,Nike tee,,,,\nA2,s1,taobao,,Vintagio tee,,,,\n",
            crate::helpers::HEADER
        )
        .as_bytes(),
    );
    let scan = f.scan(&["dump.csv"]);
    assert_eq!(scan.code, 1, "a rejected reference gives exit code 1");
    assert_eq!(scan.flagged(), [("A1".to_string(), "M1".to_string())]);
    assert_eq!(scan.summary["references"]["rejected"], 1);
    let ref_rejects = std::fs::read_to_string(f.path("out/ref_rejects.csv")).unwrap();
    assert!(
        ref_rejects.contains("M2") && ref_rejects.contains("expired"),
        "{ref_rejects}"
    );
}
