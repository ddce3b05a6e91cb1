use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const MARKS: &str = "\
mark_id,rights_holder,mark,aliases,jurisdictions,categories,registration_no,valid_until,authorized_sellers
M1,\"Nike, Inc.\",Nike,耐克,CN|US|EU,,TM-1,2031-01-01,official_nike
M2,Louis Vuitton Malletier,Louis Vuitton,路易威登,CN|EU,,TM-2,,
M3,Apple Inc.,Apple,苹果,CN|US,electronics|phone accessories,TM-3,,
M4,Master Kong,康师傅,,CN,,TM-4,,
M5,Zentrova GmbH,Zentrova,,EU,,TM-5,,
";

pub const HEADER: &str =
    "listing_id,seller_id,platform,category,title,description,price,currency,image_paths";

/// A scratch folder with `marks.csv` in it.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        f.write("marks.csv", MARKS.as_bytes());
        f
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The path of `name`, with its folder created.
    pub fn file(&self, name: &str) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        p
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.file(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// A synthetic product photo (JPEG) at `name`, as a listing's image.
    pub fn photo(&self, name: &str, seed: u64) -> PathBuf {
        let p = self.file(name);
        ippscan::synth::product_photo(seed, 240, 180)
            .save(&p)
            .unwrap();
        p
    }

    /// `ippscan scan --marks marks.csv --listings <dumps> --out out --quiet`.
    pub fn scan(&self, dumps: &[&str]) -> Scan {
        self.scan_with(dumps, &["--run-id", "test-run"])
    }

    /// `queue export --format csv` of the scan's queue (`out/queue.db`), as rows.
    pub fn queue_export(&self) -> Vec<HashMap<String, String>> {
        let out = ippscan(
            &[
                "queue",
                "export",
                "--queue",
                "out/queue.db",
                "--format",
                "csv",
            ],
            self.dir.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        csv_rows(out.stdout.as_slice())
    }

    /// As [`Fixture::scan`], with more arguments.
    pub fn scan_with(&self, dumps: &[&str], extra: &[&str]) -> Scan {
        let mut args: Vec<String> = extra.iter().map(|a| (*a).to_string()).collect();
        args.extend([
            "--quiet".into(),
            "--marks".into(),
            self.path("marks.csv").display().to_string(),
            "--out".into(),
            self.path("out").display().to_string(),
            "--listings".into(),
        ]);
        args.insert(0, "scan".into());
        args.extend(dumps.iter().map(|d| self.path(d).display().to_string()));
        let output = ippscan(&args, self.dir.path());
        Scan::read(&output, &self.path("out"))
    }
}

pub fn ippscan<S: AsRef<std::ffi::OsStr>>(args: &[S], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ippscan"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run ippscan")
}

/// A finished scan's exit code and outputs.
pub struct Scan {
    pub code: i32,
    pub stderr: String,
    pub flags: Vec<HashMap<String, String>>,
    pub rejects: Vec<HashMap<String, String>>,
    pub summary: serde_json::Value,
}

impl Scan {
    pub fn read(output: &Output, out: &Path) -> Scan {
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let code = output.status.code().unwrap_or(-1);
        let read_csv =
            |name: &str| std::fs::File::open(out.join(name)).map_or_else(|_| Vec::new(), csv_rows);
        let summary = std::fs::read(out.join("summary.json"))
            .ok()
            .map_or(serde_json::Value::Null, |b| {
                serde_json::from_slice(&b).unwrap()
            });
        Scan {
            code,
            stderr,
            flags: read_csv("flags.csv"),
            rejects: read_csv("rejects.csv"),
            summary,
        }
    }

    /// The listing's flag for `reason`, if it has one.
    pub fn flag_of(&self, listing: &str, reason: &str) -> Option<&HashMap<String, String>> {
        self.flags
            .iter()
            .find(|f| f["listing_id"] == listing && f["reason"] == reason)
    }

    pub fn count(&self, key: &str) -> u64 {
        self.summary["counts"][key]
            .as_u64()
            .unwrap_or_else(|| panic!("summary has no counts.{key}: {}", self.summary))
    }

    /// (`listing_id`, `ref_id`) of every flag, sorted.
    pub fn flagged(&self) -> Vec<(String, String)> {
        let mut v: Vec<_> = self
            .flags
            .iter()
            .map(|f| (f["listing_id"].clone(), f["ref_id"].clone()))
            .collect();
        v.sort();
        v
    }

    /// Asserts the (line, reason) of every reject, in file order.
    pub fn assert_rejects(&self, want: &[(u64, &str)]) {
        let got = self.reject_reasons();
        let got: Vec<(u64, &str)> = got.iter().map(|(l, r)| (*l, r.as_str())).collect();
        assert_eq!(got, want, "{:?}", self.rejects);
    }

    /// (line, reason) of every reject, in file order.
    pub fn reject_reasons(&self) -> Vec<(u64, String)> {
        self.rejects
            .iter()
            .map(|r| (r["line"].parse().unwrap(), r["reason"].clone()))
            .collect()
    }

    pub fn assert_accounted(&self) {
        assert_eq!(
            self.count("read"),
            self.count("scanned") + self.count("rejected"),
            "{}",
            self.summary
        );
        let row_rejects = self.rejects.iter().filter(|r| r["scope"] == "row").count() as u64;
        assert_eq!(row_rejects, self.count("rejected"));
        assert_eq!(self.flags.len() as u64, self.count("flags"));
    }
}

pub fn flag<'a>(scan: &'a Scan, listing: &str) -> &'a HashMap<String, String> {
    scan.flags
        .iter()
        .find(|f| f["listing_id"] == listing)
        .unwrap_or_else(|| panic!("no flag on {listing}: {:?}", scan.flagged()))
}

pub fn evidence(f: &HashMap<String, String>) -> serde_json::Value {
    serde_json::from_str(&f["evidence"]).unwrap()
}

/// The rows of a CSV with a header, as maps from column name to value.
pub fn csv_rows(reader: impl std::io::Read) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(reader);
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The evaluation photos in `data/eval/photos/DIR` (sources and licences in its
/// SOURCES.md), by name, in name order.
pub fn eval_photos(dir: &str) -> Vec<(String, image::RgbImage)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/eval/photos")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, image::open(&p).unwrap().to_rgb8())
        })
        .collect()
}

/// `img` whole, then its four corners and its centre, each 60% of a side.
pub fn crops(img: &image::RgbImage) -> Vec<(&'static str, image::RgbImage)> {
    let (w, h) = img.dimensions();
    let (cw, ch) = (w * 3 / 5, h * 3 / 5);
    let crop = |x, y| image::imageops::crop_imm(img, x, y, cw, ch).to_image();
    vec![
        ("whole", img.clone()),
        ("nw", crop(0, 0)),
        ("ne", crop(w - cw, 0)),
        ("sw", crop(0, h - ch)),
        ("se", crop(w - cw, h - ch)),
        ("centre", crop((w - cw) / 2, (h - ch) / 2)),
    ]
}

/// `SplitMix64`: small, and the same numbers on every platform and crate version.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
