"""Scan a Parquet dataset of listings on Apache Spark, piping each partition through
`ippscan scan --listings - --format jsonl --flags-out -`, and write the flags as a Parquet
dataset.

    spark-submit contrib/spark/scan.py --listings DATASET --refs refs.bundle \
        --ippscan target/release/ippscan --images-root DIR --out FLAGS_DIR

The reference bundle (`ippscan refs build`) and the ippscan binary are shipped to the
executors with the job (SparkContext.addFile). Image paths in the listings are read relative
to --images-root on each executor (a shared mount). Every partition is one ippscan process;
its flags come back as JSON lines with the columns of flags.csv.
"""

import argparse
import json
import os
import subprocess
import tempfile
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import types as T

FLAG_SCHEMA = T.StructType(
    [
        T.StructField(name, T.FloatType() if name == "score" else T.StringType())
        for name in [
            "run_id",
            "listing_id",
            "seller_id",
            "platform",
            "reason",
            "ref_id",
            "rights_holder",
            "score",
            "detail",
            "evidence",
        ]
    ]
)

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


def scan_partition(rows, run_id, images_root):
    """Pipes one partition's listings (JSON lines) through ippscan; yields its flags."""
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
        )
        # Listings go in on a thread of their own while flags come out: ippscan writes flags
        # as batches finish, and a full pipe either way would stall the other.
        def feed():
            for row in rows:
                listing = {c: row[c] for c in COLUMNS if c in row and row[c] is not None}
                proc.stdin.write((json.dumps(listing, ensure_ascii=False) + "\n").encode())
            proc.stdin.close()

        feeder = threading.Thread(target=feed)
        feeder.start()
        for line in proc.stdout:
            yield json.loads(line)
        feeder.join()
        code = proc.wait()
        # 0: clean; 1: some rows rejected (their rejects stay in the worker's out folder).
        if code not in (0, 1):
            raise RuntimeError(f"ippscan exited with {code}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--listings", required=True, help="Parquet file or dataset of listings")
    p.add_argument("--refs", required=True, help="reference bundle from `ippscan refs build`")
    p.add_argument("--ippscan", required=True, help="path of the ippscan binary")
    p.add_argument("--images-root", default=".", help="folder image paths are relative to")
    p.add_argument("--out", required=True, help="where the flags' Parquet dataset goes")
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
    flags = listings.rdd.map(lambda r: r.asDict()).mapPartitions(
        lambda rows: scan_partition(rows, run_id, images_root)
    )
    spark.createDataFrame(flags, FLAG_SCHEMA).write.mode("overwrite").parquet(args.out)
    spark.stop()


if __name__ == "__main__":
    main()
