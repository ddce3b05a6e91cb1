"""Scan a Parquet dataset of listings on Apache Spark, piping each partition through
`ippscan scan --listings - --format jsonl --flags-out -`, and write what the scan found.

    spark-submit contrib/spark/scan.py --listings DATASET --refs refs.bundle \
        --ippscan target/release/ippscan --images-root DIR --out OUT_DIR

Writes, under OUT_DIR:
    flags/      the flags, a Parquet dataset with the columns of flags.csv;
    rejects/    every rejected row and image, a Parquet dataset with the columns of
                rejects.csv (line numbers count within the partition's input);
    summaries/  each partition's summary.json, as JSON lines;
    repeated_ids/  listing ids that appear more than once in the dataset, and how often:
                ippscan rejects a repeat within its partition, not across partitions.

The reference bundle (`ippscan refs build`) and the ippscan binary are shipped to the
executors with the job (SparkContext.addFile). Image paths in the listings are read relative
to --images-root on each executor (a shared mount). Every partition is one ippscan process.

The job prints the totals, and fails (exit 1) when ippscan cannot run (its exit 2), or when
more than --max-reject-share of the rows, or of the images, were rejected: a wrong
--images-root rejects every image, and that must not pass for a night with fewer flags.
"""

import argparse
import csv
import json
import os
import sys
import subprocess
import tempfile
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import types as T

COLUMNS = [
    "listing_id",
    "seller_id",
    "platform",
    "category",
    "title",
    "description",
    "price",
    "currency",
    "image_paths",
]


def schemas(binary, bundle):
    """The columns of flags.csv and rejects.csv as this ippscan writes them: their headers
    after a scan of no listings. The data contract is the binary's, not spelled out here."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [
                binary, "scan", "--quiet", "--no-queue", "--no-report", "--refs", bundle,
                "--listings", "-", "--format", "jsonl", "--out", out,
            ],
            input=b"", check=True, capture_output=True,
        )
        headers = []
        for name in ["flags.csv", "rejects.csv"]:
            with open(os.path.join(out, name), newline="", encoding="utf-8") as f:
                headers.append(next(csv.reader(f)))
    kinds = {"score": T.FloatType(), "line": T.LongType()}
    return [
        T.StructType([T.StructField(c, kinds.get(c, T.StringType())) for c in header])
        for header in headers
    ]


def scan_partition(rows, run_id, images_root, columns):
    """Pipes one partition's listings (JSON lines) through ippscan; yields its flags as
    ("flag", row), then its rejects as ("reject", row) and its summary as ("summary", text),
    read from the worker's output folder before it is removed."""
    binary = SparkFiles.get("ippscan")
    os.chmod(binary, 0o755)
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.Popen(
            [
                binary, "scan", "--quiet", "--no-queue", "--no-report",
                "--refs", SparkFiles.get("refs.bundle"),
                "--listings", "-", "--format", "jsonl",
                "--flags-out", "-", "--out", out, "--run-id", run_id,
            ],
            cwd=images_root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        # Listings go in on a thread of their own while flags come out: ippscan writes flags
        # as batches finish, and a full pipe either way would stall the other.
        def feed():
            for row in rows:
                listing = {c: row[c] for c in COLUMNS if c in row and row[c] is not None}
                proc.stdin.write((json.dumps(listing, ensure_ascii=False) + "\n").encode())
            proc.stdin.close()

        stderr = []
        feeder = threading.Thread(target=feed)
        reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()))
        feeder.start()
        reader.start()
        for line in proc.stdout:
            flag = json.loads(line)
            if sorted(flag) != columns:
                raise RuntimeError(f"ippscan's flags have other columns: {sorted(flag)}")
            yield ("flag", flag)
        feeder.join()
        reader.join()
        code = proc.wait()
        # 0: clean; 1: done, some rows or images rejected (read below); 2: could not run.
        if code not in (0, 1):
            message = b"".join(stderr).decode(errors="replace").strip()
            raise RuntimeError(f"ippscan exited with {code}: {message}")
        with open(os.path.join(out, "rejects.csv"), newline="", encoding="utf-8") as f:
            for reject in csv.DictReader(f):
                reject["line"] = int(reject["line"])
                yield ("reject", reject)
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
            yield ("summary", f.read())


def image_count(paths):
    """How many images a listing names: a list, or one `|`-separated string."""
    if paths is None:
        return 0
    if isinstance(paths, str):
        paths = paths.split("|")
    return len([p for p in paths if p])


def totals(summaries):
    """Rows read and rejected, images rejected, flags, over the partitions' summaries."""
    sums = {"read": 0, "rejected": 0, "images_rejected": 0, "flags": 0}
    for text in summaries:
        counts = json.loads(text)["counts"]
        for key in ["read", "rejected", "images_rejected", "flags"]:
            sums[key] += counts.get(key, 0)
    return sums


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--listings", required=True, help="Parquet file or dataset of listings")
    p.add_argument("--refs", required=True, help="reference bundle from `ippscan refs build`")
    p.add_argument("--ippscan", required=True, help="path of the ippscan binary")
    p.add_argument("--images-root", default=".", help="folder image paths are relative to")
    p.add_argument("--out", required=True, help="folder for flags/, rejects/, summaries/")
    p.add_argument(
        "--max-reject-share", type=float, default=0.01,
        help="fail when more than this share of rows or images is rejected (default 0.01)",
    )
    p.add_argument("--run-id", default="spark", help="run id written in the flags")
    p.add_argument("--partitions", type=int, default=0, help="repartition the listings first")
    p.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = p.parse_args()

    builder = SparkSession.builder.appName("ippscan")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.addFile(os.path.abspath(args.ippscan))
    spark.sparkContext.addFile(os.path.abspath(args.refs))

    listings = spark.read.parquet(args.listings)
    if args.partitions:
        listings = listings.repartition(args.partitions)
    run_id, images_root = args.run_id, os.path.abspath(args.images_root)
    images = (
        listings.select("image_paths").rdd.map(lambda r: image_count(r[0])).sum()
        if "image_paths" in listings.columns
        else 0
    )
    # ippscan sees one partition at a time: ids repeated across partitions are found here.
    repeated = listings.groupBy("listing_id").count().where("count > 1")
    repeated.write.mode("overwrite").parquet(os.path.join(args.out, "repeated_ids"))
    repeats = repeated.count()
    flag_schema, reject_schema = schemas(os.path.abspath(args.ippscan), os.path.abspath(args.refs))
    columns = sorted(flag_schema.names)
    found = listings.rdd.map(lambda r: r.asDict()).mapPartitions(
        lambda rows: scan_partition(rows, run_id, images_root, columns)
    ).persist()
    part = lambda kind: found.filter(lambda t: t[0] == kind).map(lambda t: t[1])
    spark.createDataFrame(part("flag"), flag_schema).write.mode("overwrite").parquet(
        os.path.join(args.out, "flags")
    )
    spark.createDataFrame(part("reject"), reject_schema).write.mode("overwrite").parquet(
        os.path.join(args.out, "rejects")
    )
    summaries = part("summary").collect()
    os.makedirs(os.path.join(args.out, "summaries"), exist_ok=True)
    with open(os.path.join(args.out, "summaries", "part-summaries.jsonl"), "w") as f:
        for text in summaries:
            f.write(json.dumps(json.loads(text)) + "\n")
    found.unpersist()
    spark.stop()

    sums = totals(summaries)
    row_share = sums["rejected"] / sums["read"] if sums["read"] else 0.0
    image_share = sums["images_rejected"] / images if images else 0.0
    print(
        f"ippscan on Spark: {sums['read']} rows read, {sums['rejected']} rejected "
        f"({row_share:.2%}); {repeats} listing ids appear more than once (repeated_ids/); "
        f"{images} images, {sums['images_rejected']} rejected "
        f"({image_share:.2%}); {sums['flags']} flags -> {args.out}"
    )
    worst = max(row_share, image_share)
    if worst > args.max_reject_share:
        sys.exit(
            f"error: {worst:.2%} of the rows or images were rejected, over "
            f"--max-reject-share {args.max_reject_share:.2%}: see {args.out}/rejects"
        )


if __name__ == "__main__":
    main()
