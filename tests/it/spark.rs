//! The Spark job (`contrib/spark/scan.py`) in local mode (`local[2]`): each partition of a
//! Parquet dump piped through `ippscan`, the flags written as a Parquet dataset, equal row
//! for row to a single-process scan of the same dump. Where Java or
//! pyspark is missing: built ignored, with the reason (see `build.rs`), unless
//! `IPPSCAN_SPARK_TESTS=required` (as `.ci/run` sets, after installing pyspark).

use std::path::Path;
use std::process::Command;

use arrow_array::RecordBatch;
use arrow_array::cast::AsArray;
use arrow_array::types::Float32Type;

use crate::helpers::{Scan, ippscan};

/// Java and pyspark must be installed (the test is ignored where they are not).
fn require_spark() {
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let pyspark = Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        java && pyspark,
        "Java and pyspark are required but missing (java: {java}, pyspark: {pyspark})"
    );
}

/// The record batches of a Parquet dataset written by Spark (a folder of part files).
fn dataset(dir: &Path) -> Vec<RecordBatch> {
    let mut batches = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "parquet") {
            continue;
        }
        let file = std::fs::File::open(&path).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        batches.extend(reader.map(Result::unwrap));
    }
    batches
}

/// One line per row of a dataset written by Spark, sorted.
fn dataset_rows(dir: &Path, row: impl Fn(&RecordBatch, usize) -> String) -> Vec<String> {
    let mut rows: Vec<String> = dataset(dir)
        .iter()
        .flat_map(|batch| {
            (0..batch.num_rows())
                .map(|i| row(batch, i))
                .collect::<Vec<_>>()
        })
        .collect();
    rows.sort();
    rows
}

/// Row `i` of the text column `name`.
fn text<'b>(batch: &'b RecordBatch, name: &str, i: usize) -> &'b str {
    batch
        .column_by_name(name)
        .unwrap()
        .as_string::<i32>()
        .value(i)
}

/// `id scope reason` of every reject in a dataset written by Spark, sorted.
fn dataset_rejects(dir: &Path) -> Vec<String> {
    dataset_rows(dir, |b, i| {
        ["id", "scope", "reason"].map(|c| text(b, c, i)).join(" ")
    })
}

/// (listing, reason, reference, score, detail, evidence) of every flag in a Parquet dataset
/// written by Spark (a folder of part files).
fn dataset_flags(dir: &Path) -> Vec<String> {
    dataset_rows(dir, |b, i| {
        let score = b
            .column_by_name("score")
            .unwrap()
            .as_primitive::<Float32Type>()
            .value(i);
        format!(
            "{} {} {} {score:.3} {} {}",
            text(b, "listing_id", i),
            text(b, "reason", i),
            text(b, "ref_id", i),
            text(b, "detail", i),
            text(b, "evidence", i)
        )
    })
}

/// `contrib/spark/scan.py` in local mode, 4 partitions, from the repository's root.
fn spark_job(dump: &str, bundle: &str, images_root: &str, out: &str) -> std::process::Output {
    Command::new("python3")
        .args([
            "contrib/spark/scan.py",
            "--master",
            "local[2]",
            "--partitions",
            "4",
        ])
        .args(["--listings", dump, "--refs", bundle])
        .args(["--ippscan", env!("CARGO_BIN_EXE_ippscan")])
        .args(["--images-root", images_root, "--out", out])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3 runs")
}

#[test]
#[cfg_attr(not(has_spark), ignore = "needs Java and pyspark")]
fn the_spark_job_gives_the_single_process_flags() {
    require_spark();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).display().to_string();
    let dump = "data/listings/tmall-2026-11-28.parquet";
    let built = ippscan(
        &[
            "refs",
            "build",
            "--quiet",
            "--marks",
            "data/marks.csv",
            "--images",
            "data/images.csv",
            "--out",
            &path("refs.bundle"),
        ],
        root,
    );
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let single = ippscan(
        &[
            "scan",
            "--quiet",
            "--no-queue",
            "--no-report",
            "--refs",
            &path("refs.bundle"),
            "--listings",
            dump,
            "--out",
            &path("single"),
        ],
        root,
    );
    let single = Scan::read(&single, &dir.path().join("single"));
    assert!(single.code <= 1, "{}", single.stderr);

    let spark = spark_job(dump, &path("refs.bundle"), "data/listings", &path("spark"));
    assert!(
        spark.status.success(),
        "{}",
        String::from_utf8_lossy(&spark.stderr)
    );
    // The rejects come back beside the flags, each partition's summary too.
    let rejects = |rows: Vec<&std::collections::HashMap<String, String>>| {
        let mut keys: Vec<String> = rows
            .iter()
            .map(|r| format!("{} {} {}", r["id"], r["scope"], r["reason"]))
            .collect();
        keys.sort();
        keys
    };
    assert_eq!(
        dataset_rejects(&dir.path().join("spark/rejects")),
        rejects(single.rejects.iter().collect())
    );
    let summaries =
        std::fs::read_to_string(dir.path().join("spark/summaries/part-summaries.jsonl")).unwrap();
    let read: u64 = summaries
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["counts"]["read"]
                .as_u64()
                .unwrap()
        })
        .sum();
    assert_eq!(read, single.count("read"));
    assert_eq!(summaries.lines().count(), 4, "one summary per partition");
    let mut want: Vec<String> = single
        .flags
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} {} {}",
                f["listing_id"], f["reason"], f["ref_id"], f["score"], f["detail"], f["evidence"]
            )
        })
        .collect();
    want.sort();
    let got = dataset_flags(&dir.path().join("spark/flags"));
    assert!(
        want.len() > 100,
        "the dump has flags to compare: {}",
        want.len()
    );
    assert_eq!(
        got, want,
        "Spark's flags are the single-process scan's, row for row"
    );
    lost_images_fail_the_job(dump, &path("refs.bundle"), &path("lost"));
}

/// Image paths read against the wrong folder: every image is rejected, and the job says so
/// and fails, with the rejects kept in its output, instead of passing with fewer flags.
fn lost_images_fail_the_job(dump: &str, bundle: &str, out: &str) {
    let empty = tempfile::tempdir().unwrap();
    let spark = spark_job(dump, bundle, &empty.path().display().to_string(), out);
    let stderr = String::from_utf8_lossy(&spark.stderr);
    assert!(!spark.status.success(), "{stderr}");
    assert!(stderr.contains("--max-reject-share"), "{stderr}");
    let rejects = dataset_rejects(&Path::new(out).join("rejects"));
    let missing = rejects
        .iter()
        .filter(|r| r.ends_with(" image missing_file"))
        .count();
    assert!(
        missing > 100,
        "{} rejects: {:?}",
        rejects.len(),
        rejects.first()
    );
}
