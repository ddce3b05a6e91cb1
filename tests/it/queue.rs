//! The complaint queue across runs: idempotent reruns, incremental scans, reviewer
//! decisions that stick, thresholds, and crash safety.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::helpers::{Fixture, HEADER, csv_rows, ippscan};

fn dump(rows: &[&str]) -> String {
    let mut s = format!("{HEADER}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

const ROWS: &[&str] = &[
    "Q1,s1,taobao,shoes,Nike Air Max 90,,599,CNY,",
    "Q2,s2,taobao,shoes,N1KE running shoes,,99,CNY,",
    "Q3,s3,aliexpress,bags,Louis Vuitton tote,,30,USD,",
    "Q4,s4,taobao,home,ceramic mug,,19,CNY,",
];

fn status_of(f: &Fixture, listing: &str) -> String {
    f.queue_export()
        .into_iter()
        .find(|c| c["listing_id"] == listing)
        .map(|c| c["status"].clone())
        .unwrap_or_default()
}

fn set(f: &Fixture, id: &str, status: &str) {
    let out = ippscan(
        &[
            "queue",
            "set",
            id,
            "--status",
            status,
            "--note",
            "checked",
            "--by",
            "tester",
            "--queue",
            "out/queue.db",
        ],
        f.dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_rerun_adds_nothing_and_skips_unchanged_listings() {
    let f = Fixture::new();
    f.write("dump.csv", dump(ROWS).as_bytes());
    let first = f.scan_with(&["dump.csv"], &["--run-id", "run-1"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(first.summary["queue"]["new_complaints"], 3);
    let before = f.queue_export();
    assert_eq!(before.len(), 3);
    for c in &before {
        for col in [
            "complaint_id",
            "listing_id",
            "rights_holder",
            "status",
            "score",
            "reasons",
            "first_seen_run",
            "last_seen_run",
        ] {
            assert!(c.contains_key(col), "{col}");
        }
        assert_eq!(c["status"], "open");
    }

    let second = f.scan_with(&["dump.csv"], &["--run-id", "run-2"]);
    assert_eq!(second.count("unchanged"), 4);
    assert_eq!(second.count("scanned"), 4);
    second.assert_accounted();
    assert_eq!(second.summary["queue"]["new_complaints"], 0);
    let after = f.queue_export();
    assert_eq!(after.len(), 3);
    assert!(
        after
            .iter()
            .all(|c| c["first_seen_run"] == "run-1" && c["last_seen_run"] == "run-2")
    );

    let full = f.scan_with(&["dump.csv"], &["--run-id", "run-3", "--full"]);
    assert_eq!(full.count("unchanged"), 0);
    assert_eq!(full.summary["queue"]["new_complaints"], 0);
    assert_eq!(full.summary["queue"]["updated_complaints"], 3);
    assert_eq!(f.queue_export().len(), 3);
}

/// Flags without their run id, in order: what two runs can be compared by.
fn flag_rows(scan: &crate::helpers::Scan) -> Vec<Vec<String>> {
    scan.flags
        .iter()
        .map(|r| {
            [
                "listing_id",
                "reason",
                "ref_id",
                "score",
                "detail",
                "evidence",
            ]
            .iter()
            .map(|c| r[*c].clone())
            .collect()
        })
        .collect()
}

/// A rerun writes the flags and the report a full scan would: the flags of unchanged
/// listings are carried from the queue (keeping the run id that found them), and the
/// report marks which cards this run found.
#[test]
fn a_rerun_carries_the_flags_of_unchanged_listings() {
    let f = Fixture::new();
    f.write("dump.csv", dump(ROWS).as_bytes());
    let first = f.scan_with(&["dump.csv"], &["--run-id", "run-1"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(!first.flags.is_empty());
    let report = || std::fs::read_to_string(f.path("out/report.html")).unwrap();
    let first_report = report();
    assert!(first_report.contains(r#"data-new="true""#));
    assert!(!first_report.contains(r#"data-new="false""#));

    let second = f.scan_with(&["dump.csv"], &["--run-id", "run-2"]);
    assert_eq!(second.count("unchanged"), 4);
    assert_eq!(flag_rows(&second), flag_rows(&first));
    assert!(second.flags.iter().all(|r| r["run_id"] == "run-1"));
    assert_eq!(second.count("flags"), first.count("flags"));
    let second_report = report();
    assert_eq!(
        second_report.matches("<article").count(),
        first_report.matches("<article").count()
    );
    assert!(!second_report.contains(r#"data-new="true""#));

    let mut changed = ROWS.to_vec();
    changed[1] = "Q2,s2,taobao,shoes,N1KE running shoes size 42,,99,CNY,";
    f.write("dump.csv", dump(&changed).as_bytes());
    let third = f.scan_with(&["dump.csv"], &["--run-id", "run-3"]);
    assert_eq!(third.count("unchanged"), 3);
    let runs: Vec<(&str, &str)> = third
        .flags
        .iter()
        .map(|r| (r["listing_id"].as_str(), r["run_id"].as_str()))
        .collect();
    assert!(runs.contains(&("Q2", "run-3")), "{runs:?}");
    assert!(runs.contains(&("Q1", "run-1")), "{runs:?}");
    let third_report = report();
    assert_eq!(third_report.matches(r#"data-new="true""#).count(), 1);

    // A full scan finds what the reruns carried.
    let full = f.scan_with(&["dump.csv"], &["--run-id", "run-4", "--full"]);
    assert_eq!(flag_rows(&full), flag_rows(&third));
}

/// A queue written before listings' flags were kept (schema 1) has nothing to carry: the
/// first run on it scans every listing again, and the next carries.
#[test]
fn a_queue_from_before_carrying_is_scanned_in_full_once() {
    let f = Fixture::new();
    f.write("dump.csv", dump(ROWS).as_bytes());
    let first = f.scan(&["dump.csv"]);
    {
        let conn = rusqlite::Connection::open(f.path("out/queue.db")).unwrap();
        conn.execute_batch("ALTER TABLE listings DROP COLUMN flags; PRAGMA user_version = 1;")
            .unwrap();
    }
    let upgraded = f.scan(&["dump.csv"]);
    assert_eq!(upgraded.count("unchanged"), 0);
    assert_eq!(flag_rows(&upgraded), flag_rows(&first));
    let next = f.scan(&["dump.csv"]);
    assert_eq!(next.count("unchanged"), 4);
    assert_eq!(flag_rows(&next), flag_rows(&first));
}

/// A queue in the layout before it was made smaller (schema 2: listings naming their last
/// run by its id, evidence kept unique by an index over all of it) keeps what it holds:
/// its unchanged listings are still skipped, and a full rescan adds no evidence twice.
#[test]
fn a_queue_in_the_older_layout_keeps_its_listings_and_evidence() {
    let f = Fixture::new();
    f.write("dump.csv", dump(ROWS).as_bytes());
    let first = f.scan_with(&["dump.csv"], &["--run-id", "run-1"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let db = f.path("out/queue.db");
    let count = |table: &str| -> i64 {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let evidence = count("evidence");
    assert!(evidence >= 3, "{evidence}");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE listings_v2 (
                platform TEXT NOT NULL, listing_id TEXT NOT NULL,
                content_hash INTEGER NOT NULL, bundle_version TEXT NOT NULL,
                last_run TEXT NOT NULL, flags TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (platform, listing_id)) WITHOUT ROWID;
             INSERT INTO listings_v2 SELECT platform, listing_id, content_hash, bundle_version,
                'run-1', flags FROM listings;
             DROP TABLE listings;
             ALTER TABLE listings_v2 RENAME TO listings;
             CREATE TABLE evidence_v2 (
                complaint_id INTEGER NOT NULL REFERENCES complaints (id),
                reason TEXT NOT NULL, ref_id TEXT NOT NULL, detail TEXT NOT NULL,
                score REAL NOT NULL, evidence TEXT NOT NULL, run_id TEXT NOT NULL,
                UNIQUE (complaint_id, reason, ref_id, detail, evidence));
             INSERT INTO evidence_v2 SELECT complaint_id, reason, ref_id, detail, score,
                evidence, run_id FROM evidence;
             DROP TABLE evidence;
             ALTER TABLE evidence_v2 RENAME TO evidence;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let upgraded = f.scan_with(&["dump.csv"], &["--run-id", "run-2"]);
    assert_eq!(upgraded.code, 0, "{}", upgraded.stderr);
    assert_eq!(upgraded.count("unchanged"), 4);
    assert_eq!(flag_rows(&upgraded), flag_rows(&first));
    let full = f.scan_with(&["dump.csv"], &["--run-id", "run-3", "--full"]);
    assert_eq!(full.summary["queue"]["new_complaints"], 0);
    assert_eq!(full.summary["queue"]["updated_complaints"], 3);
    assert_eq!(count("evidence"), evidence);
    assert_eq!(count("complaints"), 3);
}

/// A listing that two dumps of one run hold (the second in the next batch, looked up in the
/// queue while the writer may still hold the first) gets the flags a full scan gives it,
/// on a rerun too.
#[test]
fn a_listing_in_two_dumps_is_flagged_as_a_full_scan_flags_it() {
    let f = Fixture::new();
    // Three to a batch: each dump is one batch, with no empty batch after the first.
    f.write("cfg.toml", b"[scan]\nbatch_size = 3\n");
    f.write("day1.csv", dump(&ROWS[..2]).as_bytes());
    let again = [
        ROWS[0],
        "Q2,s2,taobao,shoes,N1KE running shoes size 42,,99,CNY,",
    ];
    f.write("day2.csv", dump(&again).as_bytes());
    let run = |extra: &[&str]| {
        let mut args = vec!["--config", "cfg.toml"];
        args.extend_from_slice(extra);
        let scan = f.scan_with(&["day1.csv", "day2.csv"], &args);
        assert_eq!(scan.code, 0, "{}", scan.stderr);
        scan
    };
    let full = run(&["--full"]);
    assert_eq!(full.count("flags"), 4);
    let rerun = run(&[]);
    assert_eq!(flag_rows(&rerun), flag_rows(&full));
    // Both Q1s match what the queue stored last, and day 1's Q2 does not. Day 2's Q2 is
    // looked up before or after the writer stores day 1's, and carried or scanned again.
    let unchanged = rerun.count("unchanged");
    assert!((2..=3).contains(&unchanged), "{unchanged} unchanged");
}

#[test]
fn dismissed_stays_dismissed_until_the_listing_changes() {
    let f = Fixture::new();
    f.write("dump.csv", dump(ROWS).as_bytes());
    f.scan_with(&["dump.csv"], &["--run-id", "run-1"]);
    let q1 = f
        .queue_export()
        .into_iter()
        .find(|c| c["listing_id"] == "Q1")
        .unwrap();
    set(&f, &q1["complaint_id"], "dismissed");
    f.scan_with(&["dump.csv"], &["--run-id", "run-2", "--full"]);
    assert_eq!(status_of(&f, "Q1"), "dismissed");

    let mut changed = ROWS.to_vec();
    changed[0] = "Q1,s1,taobao,shoes,Nike Air Max 90 1:1 replica,,59,CNY,";
    f.write("dump.csv", dump(&changed).as_bytes());
    let scan = f.scan_with(&["dump.csv"], &["--run-id", "run-3"]);
    assert_eq!(scan.summary["queue"]["reopened"], 1);
    assert_eq!(scan.count("unchanged"), 3);
    assert_eq!(status_of(&f, "Q1"), "open");
    let show = ippscan(
        &[
            "queue",
            "show",
            &q1["complaint_id"],
            "--queue",
            "out/queue.db",
        ],
        f.dir.path(),
    );
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(text.contains("tester -> dismissed"), "{text}");
    assert!(text.contains("reopened"), "{text}");
    assert!(
        text.contains("trademark_similarity_claim"),
        "new evidence is added: {text}"
    );
}

#[test]
fn reviewer_commands_filter_and_record() {
    let f = Fixture::new();
    f.write("dump.csv", dump(ROWS).as_bytes());
    f.scan(&["dump.csv"]);
    let q = |args: &[&str]| {
        let mut all = vec!["queue"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--queue", "out/queue.db"]);
        let out = ippscan(&all, f.dir.path());
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (_, list, _) = q(&["list", "--rights-holder", "Nike, Inc.", "--format", "csv"]);
    assert_eq!(csv_rows(list.as_bytes()).len(), 2);
    let (_, list, _) = q(&["list", "--reason", "trademark_variant", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["listing_id"], "Q2");
    let (_, list, _) = q(&["list", "--min-score", "0.95"]);
    assert!(list.ends_with("0 complaints\n"), "{list}");
    let (code, _, err) = q(&["set", "999", "--status", "confirmed"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no complaint 999"), "{err}");
    let (code, _, err) = q(&["set", "1", "--status", "maybe"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown status"), "{err}");
    // A filter that names no reason is refused, as an unknown status is.
    let (code, _, err) = q(&["list", "--reason", "nonsense"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown reason \"nonsense\""), "{err}");
    assert!(err.contains("trademark_variant"), "{err}");
    // Tables start with a header row.
    let (_, list, _) = q(&["list"]);
    let header = list.lines().next().unwrap();
    for column in [
        "id",
        "status",
        "listing",
        "platform",
        "rights holder",
        "score",
        "reasons",
    ] {
        assert!(header.contains(column), "{header}");
    }
    assert_eq!(list.lines().count(), 1 + 3 + 1, "{list}");
    let (_, sellers, _) = q(&["sellers"]);
    assert!(sellers.starts_with("seller "), "{sellers}");
    // The same status twice is one change in the history.
    let history = |id: &str| {
        let (_, text, _) = q(&["show", id]);
        text.lines().filter(|l| l.contains(" -> ")).count()
    };
    let (_, said, _) = q(&["set", "1", "--status", "in_review", "--by", "tester"]);
    assert_eq!(said.trim(), "complaint 1: in_review");
    let (_, said, _) = q(&["set", "1", "--status", "in_review", "--by", "tester"]);
    assert_eq!(said.trim(), "complaint 1: already in_review");
    assert_eq!(history("1"), 1);
    // ...unless it comes with a note to keep.
    q(&[
        "set",
        "1",
        "--status",
        "in_review",
        "--note",
        "asked the seller",
    ]);
    assert_eq!(history("1"), 2);
    // Without --by, the login name is recorded.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ippscan"))
        .args([
            "queue",
            "set",
            "1",
            "--status",
            "open",
            "--queue",
            "out/queue.db",
        ])
        .env("USER", "")
        .env("LOGNAME", "alice")
        .current_dir(f.dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let (_, shown, _) = q(&["show", "1"]);
    assert!(shown.contains("alice -> open"), "{shown}");

    // Confirmed complaints make a repeat infringer.
    for c in f
        .queue_export()
        .iter()
        .filter(|c| c["seller_id"] == "s1" || c["seller_id"] == "s2")
    {
        set(&f, &c["complaint_id"], "confirmed");
    }
    let (_, sellers, _) = q(&["sellers", "--format", "csv"]);
    let rows = csv_rows(sellers.as_bytes());
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r["level"] == "warning" && r["confirmed"] == "1"),
        "{rows:?}"
    );
}

#[test]
fn flags_under_the_threshold_stay_out_of_the_queue() {
    let f = Fixture::new();
    f.write(
        "dump.csv",
        dump(&[
            "T1,s1,taobao,shoes,running shoes,these fit like Nike ones,59,CNY,",
            ROWS[0],
        ])
        .as_bytes(),
    );
    f.write("cfg.toml", b"[thresholds]\ntrademark_exact = 0.85\n");
    let scan = f.scan_with(&["dump.csv"], &["--config", "cfg.toml"]);
    assert_eq!(scan.flags.len(), 2, "both flags are in flags.csv");
    let queued: Vec<String> = f
        .queue_export()
        .into_iter()
        .map(|c| c["listing_id"].clone())
        .collect();
    assert_eq!(
        queued,
        ["Q1"],
        "the description-only mention scores under 0.85"
    );
}

#[test]
fn price_alone_is_never_a_flag_but_strengthens_evidence() {
    let f = Fixture::new();
    f.write(
        "marks.csv",
        "mark_id,rights_holder,mark,jurisdictions,categories,registration_no,usual_price,usual_currency\n\
         R1,Rolex SA,Rolex,CN|CH,watches,TM-9,9500,USD\n"
            .as_bytes(),
    );
    f.write(
        "dump.csv",
        dump(&[
            "P1,s1,taobao,watches,automatic dive watch,,12,USD,",
            "P2,s1,taobao,watches,Rolex submariner,,300,USD,",
            "P3,s1,taobao,watches,Rolex submariner,,9000,USD,",
        ])
        .as_bytes(),
    );
    let scan = f.scan(&["dump.csv"]);
    assert_eq!(
        scan.flagged(),
        [("P2".into(), "R1".into()), ("P3".into(), "R1".into())]
    );
    let score = |id: &str| -> f64 { crate::helpers::flag(&scan, id)["score"].parse().unwrap() };
    assert!(score("P2") > score("P3"));
    let ev = crate::helpers::evidence(crate::helpers::flag(&scan, "P2"));
    assert!(
        ev["price"].as_str().unwrap().contains("3% of the usual"),
        "{ev}"
    );
    assert!(
        crate::helpers::evidence(crate::helpers::flag(&scan, "P3"))
            .get("price")
            .is_none()
    );
}

#[test]
fn a_second_scan_on_the_same_queue_refuses() {
    let f = Fixture::new();
    f.write("dump.csv", dump(ROWS).as_bytes());
    let _held = ippscan::queue::Queue::open_for_scan(&f.path("out/queue.db")).unwrap();
    let scan = f.scan(&["dump.csv"]);
    assert_eq!(scan.code, 2);
    assert!(scan.stderr.contains("another scan"), "{}", scan.stderr);
}

/// How many listings the queue has recorded (0 before it exists).
fn committed(db: &Path) -> i64 {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT COUNT(*) FROM listings", [], |r| r.get(0)))
        .unwrap_or(0)
}

/// Complaints and their evidence, without run ids and times.
fn queue_content(db: &Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let mut stmt = conn
        .prepare(
            "SELECT c.platform, c.listing_id, c.rights_holder, c.status, c.score, c.reasons,
                    e.reason, e.ref_id, e.detail, e.evidence
             FROM complaints c LEFT JOIN evidence e ON e.complaint_id = c.id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let mut s = String::new();
            for i in 0..10 {
                let v: rusqlite::types::Value = r.get(i)?;
                write!(s, "{v:?}|").unwrap();
            }
            Ok(s)
        })
        .unwrap();
    let rows: BTreeSet<String> = rows.map(Result::unwrap).collect();
    assert!(
        rows.iter().all(|r| !r.contains("Null")),
        "every complaint has evidence"
    );
    rows
}

#[test]
fn killed_scans_leave_whole_batches_and_the_rerun_completes_them() {
    let f = Fixture::new();
    let generated = ippscan(
        &[
            "gen",
            "--listings",
            "60000",
            "--out",
            "big.csv",
            "--description-bytes",
            "300",
            "--title-bytes",
            "0",
            "--marks",
            "marks.csv",
        ],
        f.dir.path(),
    );
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let scan_args = |queue: &str, out: &str| -> Vec<String> {
        [
            "scan",
            "--quiet",
            "--marks",
            "marks.csv",
            "--listings",
            "big.csv",
            "--queue",
            queue,
            "--out",
            out,
            "--config",
            "cfg.toml",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect()
    };
    f.write("cfg.toml", b"[scan]\nbatch_size = 500\n");

    let reference = ippscan(&scan_args("ref.db", "out-ref"), f.dir.path());
    assert!(reference.status.code().is_some_and(|c| c <= 1));
    let want = queue_content(&f.path("ref.db"));
    assert!(want.len() > 1000, "{}", want.len());

    let mut rng = fastrand::Rng::with_seed(7);
    let mut killed = 0;
    let mut midway = 0;
    for _ in 0..6 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ippscan"))
            .args(scan_args("killed.db", "out-killed"))
            .current_dir(f.dir.path())
            .spawn()
            .unwrap();
        // Kill it a little after its first batch is committed (or earlier), whatever the
        // machine's speed: the queue then holds some batches and not others.
        let committed_before = committed(&f.path("killed.db"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while child.try_wait().unwrap().is_none()
            && committed(&f.path("killed.db")) <= committed_before
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        std::thread::sleep(std::time::Duration::from_millis(rng.u64(0..40)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        if f.path("killed.db").exists() {
            let partial = queue_content(&f.path("killed.db"));
            assert!(
                partial.is_subset(&want),
                "a killed run leaves only what a full run has"
            );
            midway += usize::from(!partial.is_empty() && partial.len() < want.len());
        }
    }
    assert!(
        killed > 0 && midway > 0,
        "killed {killed}, mid-way {midway}"
    );
    let last = ippscan(&scan_args("killed.db", "out-killed"), f.dir.path());
    assert!(
        last.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&last.stderr)
    );
    assert_eq!(queue_content(&f.path("killed.db")), want);
}

/// The incremental state holds the images' bytes, not only their paths: a seller who
/// swaps in a rights holder's photo under the old file name is scanned again.
#[test]
fn a_photo_replaced_at_the_same_path_is_rescanned() {
    use image::imageops::{FilterType, resize};
    use ippscan::synth::product_photo;

    let f = Fixture::new();
    product_photo(501, 640, 640)
        .save(f.file("refs/p1.png"))
        .unwrap();
    f.write(
        "refs/images.csv",
        b"image_id,rights_holder,path,kind,jurisdictions,categories,registration_no\n\
          P1,Acme,p1.png,copyright,CN,,\n",
    );
    let images = f.path("refs/images.csv").display().to_string();
    product_photo(9001, 480, 480)
        .save(f.file("img/photo.jpg"))
        .unwrap();
    f.write(
        "dump.csv",
        dump(&[
            "R1,s1,taobao,bags,canvas tote,,,,img/photo.jpg",
            "R2,s2,taobao,home,ceramic mug,,19,CNY,",
        ])
        .as_bytes(),
    );
    let scan = |run: &str| f.scan_with(&["dump.csv"], &["--run-id", run, "--images", &images]);

    let first = scan("run-1");
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.flagged().is_empty());
    assert_eq!(scan("run-2").count("unchanged"), 2);

    resize(
        &product_photo(501, 640, 640),
        320,
        320,
        FilterType::Triangle,
    )
    .save(f.file("img/photo.jpg"))
    .unwrap();
    let third = scan("run-3");
    assert_eq!(third.count("unchanged"), 1, "only R2 is unchanged");
    assert_eq!(third.flagged(), [("R1".to_string(), "P1".to_string())]);
    assert_eq!(third.summary["queue"]["new_complaints"], 1);
}

/// The version a listing was scanned under holds the settings that decide what is flagged
/// and queued: a changed threshold rescans every listing once, then they are unchanged again.
#[test]
fn a_changed_threshold_rescans_every_listing() {
    let f = Fixture::new();
    f.write("dump.csv", dump(ROWS).as_bytes());
    f.write("strict.toml", b"[thresholds]\ntrademark_variant = 0.95\n");
    let strict = f.path("strict.toml").display().to_string();

    let first = f.scan_with(&["dump.csv"], &["--run-id", "run-1"]);
    assert_eq!(first.summary["queue"]["new_complaints"], 3);
    let same = f.scan_with(&["dump.csv"], &["--run-id", "run-2"]);
    assert_eq!(same.count("unchanged"), 4);

    let changed = f.scan_with(&["dump.csv"], &["--run-id", "run-3", "--config", &strict]);
    assert_eq!(changed.code, 0, "{}", changed.stderr);
    assert_eq!(changed.count("unchanged"), 0);
    let again = f.scan_with(&["dump.csv"], &["--run-id", "run-4", "--config", &strict]);
    assert_eq!(again.count("unchanged"), 4);
}

/// A status this version does not know (a queue a newer version wrote) is an error that
/// names it, not a complaint quietly shown as open.
#[test]
fn an_unknown_status_in_the_queue_is_an_error() {
    let f = Fixture::new();
    f.write("dump.csv", dump(ROWS).as_bytes());
    f.scan_with(&["dump.csv"], &["--run-id", "run-1"]);
    let db = rusqlite::Connection::open(f.path("out/queue.db")).unwrap();
    // The schema's CHECK keeps statuses it knows; a newer schema's queue would not.
    db.pragma_update(None, "ignore_check_constraints", true)
        .unwrap();
    db.execute(
        "UPDATE complaints SET status = 'escalated' WHERE listing_id = 'Q1'",
        [],
    )
    .unwrap();
    drop(db);
    let out = ippscan(&["queue", "list", "--queue", "out/queue.db"], f.dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("unknown complaint status \"escalated\""),
        "{stderr}"
    );
}
