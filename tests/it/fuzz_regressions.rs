//! Every input a fuzz target crashed on (kept in `tests/data/fuzz/<target>/`), and its
//! seeds, run through the command line the way a user would meet it: the run ends with an
//! answer (done, done with rejections, or a one-line error), never a panic.

use std::path::{Path, PathBuf};

use crate::helpers::{Fixture, HEADER, ippscan};

/// The inputs a fuzz target is held to: the crashes it found (`tests/data/fuzz/<target>/`)
/// and the seeds it starts from (`fuzz/seeds/<target>/`). A target with neither is a
/// broken checkout, not a pass.
fn crashes(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [root.join("tests/data/fuzz"), root.join("fuzz/seeds")] {
        if let Ok(entries) = std::fs::read_dir(dir.join(target)) {
            files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    assert!(
        !files.is_empty(),
        "no crashes and no seeds for the fuzz target {target}"
    );
    files.sort();
    files
}

/// Runs `ippscan args` in `f` and checks it answered without panicking.
fn answers(f: &Fixture, args: &[&str], input: &Path) {
    let out = ippscan(args, f.dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    assert!(
        matches!(code, Some(0..=2)) && !stderr.contains("panicked"),
        "{}: exit {code:?}\n{stderr}",
        input.display()
    );
}

/// `ippscan scan --quiet --out out --listings LISTINGS REFERENCES…` in `f`, answered.
fn scan_answers(f: &Fixture, input: &Path, listings: &str, references: &[&str]) {
    let mut args = vec!["scan", "--quiet", "--out", "out", "--listings", listings];
    args.extend_from_slice(references);
    answers(f, &args, input);
}

#[test]
fn dump_crashes_stay_fixed() {
    for (target, extension) in [
        ("dump_csv", "csv"),
        ("dump_jsonl", "jsonl"),
        ("dump_parquet", "parquet"),
    ] {
        for input in crashes(target) {
            let f = Fixture::new();
            let dump = f.write(
                &format!("dump.{extension}"),
                &std::fs::read(&input).unwrap(),
            );
            let dump = dump.display().to_string();
            // A reader that loops is given up after 2 s, not the default minute.
            f.write("config.toml", b"[limits]\nmax_stall_ms = 2000\n");
            scan_answers(
                &f,
                &input,
                &dump,
                &["--marks", "marks.csv", "--config", "config.toml"],
            );
        }
    }
}

#[test]
fn image_and_bundle_crashes_stay_fixed() {
    for input in crashes("image") {
        let f = Fixture::new();
        f.write("img/x.jpg", &std::fs::read(&input).unwrap());
        f.write(
            "dump.csv",
            format!("{HEADER}\nL1,s1,aliexpress,shoes,Nike,,1,USD,img/x.jpg\n").as_bytes(),
        );
        scan_answers(&f, &input, "dump.csv", &["--marks", "marks.csv"]);
    }
    for input in crashes("bundle") {
        let f = Fixture::new();
        f.write("refs.bundle", &std::fs::read(&input).unwrap());
        f.write(
            "dump.csv",
            format!("{HEADER}\nL1,s1,aliexpress,shoes,Nike,,1,USD,\n").as_bytes(),
        );
        scan_answers(&f, &input, "dump.csv", &["--refs", "refs.bundle"]);
    }
}

#[test]
fn upload_and_text_crashes_stay_fixed() {
    for input in crashes("refs_csv") {
        let f = Fixture::new();
        let bytes = std::fs::read(&input).unwrap();
        let (which, rest) = bytes.split_first().unwrap_or((&0, &[]));
        let (flag, name) = if which % 2 == 0 {
            ("--marks", "up.csv")
        } else {
            ("--images", "up.csv")
        };
        f.write(name, rest);
        answers(&f, &["refs", "check", flag, name], &input);
    }
    for input in crashes("text") {
        let f = Fixture::new();
        let text = String::from_utf8_lossy(&std::fs::read(&input).unwrap()).into_owned();
        let (title, description) = text.split_once('\n').unwrap_or((&text, ""));
        let row = serde_json::json!({
            "listing_id": "L1", "seller_id": "s1", "platform": "aliexpress",
            "title": title, "description": description,
        });
        f.write("dump.jsonl", format!("{row}\n").as_bytes());
        scan_answers(&f, &input, "dump.jsonl", &["--marks", "marks.csv"]);
    }
}
