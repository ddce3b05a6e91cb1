//! The deployment files in `contrib/`: the Kubernetes Job and its image, checked as far as
//! a machine without a cluster or Docker can.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The number after `key:` on its line, the first time it appears.
fn number_after(text: &str, key: &str) -> u32 {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {key} number"))
}

#[test]
fn the_kubernetes_job_shards_as_many_ways_as_it_has_pods() {
    let job = read("contrib/k8s/scan-job.yaml");
    assert!(job.contains("completionMode: Indexed"));
    let completions = number_after(&job, "completions:");
    assert_eq!(number_after(&job, "parallelism:"), completions);
    let shard = job
        .split("--shard \"${JOB_COMPLETION_INDEX}/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("--shard takes the completion index");
    assert_eq!(shard.parse::<u32>().unwrap(), completions, "N in --shard");
    // Each shard writes a folder of its own, a bad row does not fail the pod, and the
    // image the Job names is the one the Dockerfile builds.
    assert!(job.contains("--out \"/data/out/shard-${JOB_COMPLETION_INDEX}\""));
    assert!(job.contains("--rejects-ok"));
    assert!(job.contains("/usr/local/bin/ippscan scan"));
    for line in job.lines().filter(|l| !l.trim_start().starts_with('#')) {
        assert!(
            !line.contains('\t'),
            "YAML is indented with spaces: {line:?}"
        );
    }
    let docker = read("contrib/k8s/Dockerfile");
    assert_eq!(
        docker.matches("\nFROM ").count() + usize::from(docker.starts_with("FROM ")),
        2
    );
    assert!(
        docker.contains("COPY --from=build /src/target/release/ippscan /usr/local/bin/ippscan")
    );
    assert!(docker.contains("--locked"));
}
