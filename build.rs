//! Tells the tests which optional tools this machine has: the report's browser test needs
//! Chromium and chromedriver, the Spark test Java and pyspark. Where one is missing its
//! test is built `#[ignore]`d with the reason, so the runner's summary shows what did not
//! run. `IPPSCAN_BROWSER_TESTS=required` or `IPPSCAN_SPARK_TESTS=required` (as `.ci/run`
//! sets) builds the test in regardless, and it fails if the tool is missing.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(has_browser, has_spark)");
    println!("cargo::rerun-if-changed=build.rs");
    for var in [
        "IPPSCAN_BROWSER_TESTS",
        "IPPSCAN_SPARK_TESTS",
        "PATH",
        "PROFILE",
    ] {
        println!("cargo::rerun-if-env-changed={var}");
    }
    // Release builds run no tests: no need to look.
    if std::env::var("PROFILE").is_ok_and(|p| p == "release") {
        return;
    }
    let required = |var: &str| std::env::var(var).is_ok_and(|v| v == "required");
    let runs = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let browser = Path::new("/usr/bin/chromium").exists()
        && ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .iter()
            .any(|p| Path::new(p).exists());
    if required("IPPSCAN_BROWSER_TESTS") || browser {
        println!("cargo::rustc-cfg=has_browser");
    }
    if required("IPPSCAN_SPARK_TESTS")
        || (runs("java", &["-version"]) && runs("python3", &["-c", "import pyspark"]))
    {
        println!("cargo::rustc-cfg=has_spark");
    }
}
