//! A corpus of hostile inputs, one per class of attack, small ones written here and large
//! ones generated: the scan never panics, accounts for every row (read = scanned +
//! rejected), gives each problem its reject reason, and stays within a stated memory bound.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::helpers::{Fixture, HEADER, Scan};

/// Peak memory the hostile scan may use, in MB: it holds one 50 MB description while
/// rejecting it, and never decodes a bomb.
const MEMORY_BOUND_MB: f64 = 400.0;

/// CRC-32 (PNG's), for a hand-made chunk.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// A PNG whose header claims `width`×`height` pixels, with no pixel data worth the name.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    png
}

/// A JPEG whose frame header claims 65,535 × 65,535 pixels.
fn jpeg_claiming_65535() -> Vec<u8> {
    let mut jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x03,
    ];
    for id in 1..=3u8 {
        jpeg.extend_from_slice(&[id, 0x11, 0x00]);
    }
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

/// The corpus: images of every bad kind, a CSV dump and a JSON Lines dump using them.
fn hostile_dumps(f: &Fixture) {
    f.photo("dump/img/ok.jpg", 7);
    f.write("dump/img/png-bomb.png", &png_claiming(100_000, 100_000));
    f.write("dump/img/jpeg-bomb.jpg", &jpeg_claiming_65535());
    f.write("dump/img/empty.jpg", b"");
    f.write(
        "dump/img/garbage.jpg",
        b"\xFF\xD8\xFF\xE0 not really a jpeg",
    );
    let ok = std::fs::read(f.path("dump/img/ok.jpg")).unwrap();
    f.write("dump/img/truncated.jpg", &ok[..ok.len() / 3]);
    f.write("dump/img/huge-file.jpg", &vec![0xFF; 300_000]);
    f.photo("secret/outside.jpg", 8);
    std::os::unix::fs::symlink(f.path("secret/outside.jpg"), f.file("dump/img/link.jpg")).unwrap();

    let mut csv = format!("{HEADER}\n");
    let mut row = |id: &str, seller: &str, title: &str, description: &str, images: &str| {
        writeln!(
            csv,
            "{id},{seller},aliexpress,shoes,{title},{description},10,USD,{images}"
        )
        .unwrap();
    };
    row("L01", "s1", "Nike runner", "", "img/ok.jpg");
    row("L02", "s2", "Nike runner", &"x".repeat(50 << 20), "");
    let many: Vec<String> = (0..200).map(|i| format!("img/{i}.jpg")).collect();
    row("L03", "s3", "Nike runner", "", &many.join("|"));
    row(
        "L04",
        "s4",
        "Nike runner",
        "",
        "/etc/passwd|../secret/outside.jpg|img/link.jpg",
    );
    row(
        "L05",
        "s5",
        "Nike runner",
        "",
        "img/png-bomb.png|img/jpeg-bomb.jpg",
    );
    row(
        "L06",
        "s6",
        "Nike runner",
        "",
        "img/empty.jpg|img/garbage.jpg|img/truncated.jpg",
    );
    row(
        "L07",
        "s7",
        "Nike runner",
        "",
        "img/huge-file.jpg|img/missing.jpg",
    );
    row("=HYPERLINK(\"http://evil\")", "+cmd", "Nike runner", "", "");
    row("L09", "@SUM(A1)", "-Nike runner", "", "");
    f.write("dump/listings.csv", csv.as_bytes());

    let mut jsonl = String::new();
    jsonl.push_str(r#"{"listing_id":"J1","seller_id":"s","platform":"aliexpress","title":"Nike"}"#);
    jsonl.push('\n');
    jsonl.push_str(r#"{"listing_id":"J2","seller_id":"s","platform":"aliexpress","title":""#);
    jsonl.push_str(&"A".repeat(20 << 20));
    jsonl.push_str("\"}\n");
    jsonl.push_str(r#"{"listing_id":"J3","seller_id":"s","platform":"aliexpress","title":"Nike"}"#);
    jsonl.push('\n');
    f.write("dump/listings.jsonl", jsonl.as_bytes());
}

#[test]
fn hostile_inputs_are_rejected_row_by_row_and_nothing_panics() {
    let f = Fixture::new();
    hostile_dumps(&f);
    f.write(
        "config.toml",
        b"[limits]\nmax_line_bytes = 1048576\nmax_image_bytes = 200000\n",
    );
    let config = f.path("config.toml").display().to_string();
    let scan = f.scan_with(
        &["dump/listings.csv", "dump/listings.jsonl"],
        &["--config", &config, "--no-report"],
    );
    assert_eq!(scan.code, 1, "done, with rejections: {}", scan.stderr);
    assert!(!scan.stderr.contains("panicked"), "{}", scan.stderr);
    scan.assert_accounted();
    assert_eq!(scan.count("read"), 12);

    let reasons: BTreeMap<(String, String), usize> =
        scan.rejects.iter().fold(BTreeMap::new(), |mut m, r| {
            *m.entry((r["id"].clone(), r["reason"].clone())).or_default() += 1;
            m
        });
    let has = |id: &str, reason: &str| reasons.contains_key(&(id.to_string(), reason.to_string()));
    for (id, reason) in [
        ("L02", "field_too_long"),
        ("L03", "too_many_images"),
        ("L04", "path_escape"),
        ("L05", "image_too_large"),
        ("L06", "empty_image"),
        ("L06", "undecodable_image"),
        ("L07", "image_file_too_large"),
        ("L07", "missing_file"),
        ("", "line_too_long"),
    ] {
        assert!(has(id, reason), "{id} {reason}: {reasons:?}");
    }
    // Absolute, climbing and linked-out paths are each refused.
    assert_eq!(
        reasons[&("L04".to_string(), "path_escape".to_string())],
        3,
        "{reasons:?}"
    );
    assert_eq!(
        reasons[&("L05".to_string(), "image_too_large".to_string())],
        2
    );
    // The rows either side of the long line are scanned.
    let flagged: Vec<&str> = scan
        .flags
        .iter()
        .map(|f| f["listing_id"].as_str())
        .collect();
    for id in ["J1", "J3", "L01"] {
        assert!(flagged.contains(&id), "{flagged:?}");
    }

    // Cells a spreadsheet would run are written so that it shows them.
    let raw = std::fs::read_to_string(f.path("out/flags.csv")).unwrap();
    assert!(
        raw.contains("\"'=HYPERLINK(\"\"http://evil\"\")\",'+cmd,"),
        "{raw}"
    );
    assert!(raw.contains(",'@SUM(A1),"), "{raw}");
    for cell in scan.flags.iter().flat_map(|f| f.values()) {
        assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
    }

    let peak = scan.summary["peak_memory_mb"].as_f64().unwrap();
    eprintln!("hostile scan: peak memory {peak} MB (bound {MEMORY_BOUND_MB})");
    assert!(peak < MEMORY_BOUND_MB, "peak memory {peak} MB");
}

/// A reference upload with the same tricks: paths out of its folder, bombs.
#[test]
fn hostile_reference_images_are_rejected_with_reasons() {
    let f = Fixture::new();
    f.write("refs/bomb.png", &png_claiming(100_000, 100_000));
    f.photo("elsewhere/photo.jpg", 3);
    std::os::unix::fs::symlink(f.path("elsewhere/photo.jpg"), f.file("refs/link.jpg")).unwrap();
    f.write(
        "refs/images.csv",
        b"image_id,rights_holder,path,kind,jurisdictions,registration_no\n\
          I1,Nike,bomb.png,copyright,US,R1\n\
          I2,Nike,../elsewhere/photo.jpg,copyright,US,R2\n\
          I3,Nike,/etc/passwd,copyright,US,R3\n\
          I4,Nike,link.jpg,copyright,US,R4\n",
    );
    let out = crate::helpers::ippscan(
        &[
            "refs",
            "check",
            "--images",
            &f.path("refs/images.csv").display().to_string(),
            "--format",
            "csv",
        ],
        f.dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let reasons: Vec<(String, String)> = crate::helpers::csv_rows(text.as_bytes())
        .into_iter()
        .map(|r| (r["id"].clone(), r["reason"].clone()))
        .collect();
    for (id, reason) in [
        ("I1", "image_too_large"),
        ("I2", "path_escape"),
        ("I3", "path_escape"),
        ("I4", "path_escape"),
    ] {
        assert!(
            reasons.contains(&(id.to_string(), reason.to_string())),
            "{id} {reason}: {reasons:?}"
        );
    }
    let _ = Scan::read;
}

/// A disk that fills while flags are written: the scan stops with one line naming the
/// file, no `flags.csv` appears, and nothing entered the complaint queue.
#[test]
fn a_full_disk_stops_the_scan_and_leaves_the_queue_untouched() {
    let f = Fixture::new();
    let mut csv = format!("{HEADER}\n");
    for i in 0..3000 {
        writeln!(csv, "L{i},s{i},aliexpress,shoes,Nike runner {i},,10,USD,").unwrap();
    }
    f.write("dump.csv", csv.as_bytes());
    // Writes to /dev/full fail as a full disk does.
    std::fs::create_dir_all(f.path("out")).unwrap();
    std::os::unix::fs::symlink("/dev/full", f.path("out/flags.csv.partial")).unwrap();
    let scan = f.scan_with(&["dump.csv"], &["--no-report"]);
    assert_eq!(scan.code, 2, "{}", scan.stderr);
    let message: Vec<&str> = scan.stderr.lines().collect();
    assert_eq!(message.len(), 1, "{}", scan.stderr);
    assert!(
        message[0].contains("flags.csv") && message[0].contains("No space left on device"),
        "{}",
        message[0]
    );
    assert!(!f.path("out/flags.csv").exists());
    let queue = ippscan::queue::Queue::open(&f.path("out/queue.db")).unwrap();
    assert_eq!(queue.len().unwrap(), 0, "the queue took nothing in");
}
