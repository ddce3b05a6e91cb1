//! The Spark job (`contrib/spark/scan.py`) in local mode (`local[2]`): each partition of a
//! Parquet dump piped through `ippscan`, the flags written as a Parquet dataset, equal row
//! for row to a single-process scan of the same dump. Skipped with a message where Java or
//! pyspark is missing, unless `IPPSCAN_SPARK_TESTS=required` (as `.ci/run` sets, after
//! installing pyspark).

use std::path::Path;
use std::process::Command;

use arrow_array::cast::AsArray;
use arrow_array::types::Float32Type;

use crate::helpers::{Scan, ippscan};

fn spark_available() -> bool {
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let pyspark = Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    if java && pyspark {
        return true;
    }
    let required = std::env::var("IPPSCAN_SPARK_TESTS").is_ok_and(|v| v == "required");
    assert!(
        !required,
        "Java and pyspark are required but missing (java: {java}, pyspark: {pyspark})"
    );
    eprintln!("skipped: the Spark test needs Java and pyspark (java: {java}, pyspark: {pyspark})");
    false
}

/// (listing, reason, reference, score, detail, evidence) of every flag in a Parquet dataset
/// written by Spark (a folder of part files).
fn dataset_flags(dir: &Path) -> Vec<String> {
    let mut rows = Vec::new();
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
        for batch in reader {
            let batch = batch.unwrap();
            let text = |name: &str| {
                batch
                    .column_by_name(name)
                    .unwrap()
                    .as_string::<i32>()
                    .clone()
            };
            let (id, reason, reference, detail, evidence) = (
                text("listing_id"),
                text("reason"),
                text("ref_id"),
                text("detail"),
                text("evidence"),
            );
            let score = batch
                .column_by_name("score")
                .unwrap()
                .as_primitive::<Float32Type>()
                .clone();
            for i in 0..batch.num_rows() {
                rows.push(format!(
                    "{} {} {} {:.3} {} {}",
                    id.value(i),
                    reason.value(i),
                    reference.value(i),
                    score.value(i),
                    detail.value(i),
                    evidence.value(i)
                ));
            }
        }
    }
    rows.sort();
    rows
}

#[test]
fn the_spark_job_gives_the_single_process_flags() {
    if !spark_available() {
        return;
    }
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

    let spark = Command::new("python3")
        .args([
            "contrib/spark/scan.py",
            "--master",
            "local[2]",
            "--partitions",
            "4",
        ])
        .args(["--listings", dump, "--refs", &path("refs.bundle")])
        .args([
            "--ippscan",
            env!("CARGO_BIN_EXE_ippscan"),
            "--images-root",
            "data/listings",
        ])
        .args(["--out", &path("spark-flags")])
        .current_dir(root)
        .output()
        .expect("python3 runs");
    assert!(
        spark.status.success(),
        "{}",
        String::from_utf8_lossy(&spark.stderr)
    );
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
    let got = dataset_flags(&dir.path().join("spark-flags"));
    assert!(
        want.len() > 100,
        "the dump has flags to compare: {}",
        want.len()
    );
    assert_eq!(
        got, want,
        "Spark's flags are the single-process scan's, row for row"
    );
}
