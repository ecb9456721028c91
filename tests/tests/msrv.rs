//! The minimum supported Rust version stated in the workspace is honest: no dependency in the
//! lock file needs a newer one, it is new enough for the edition, and clippy checks the code's
//! use of the standard library against it (nothing overrides the `rust-version` it reads).

use std::process::Command;

use serde_json::Value;

fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|part| part.parse::<u64>().unwrap());
    (
        parts.next().unwrap(),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

fn metadata() -> Value {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn no_dependency_needs_a_newer_rust_than_the_workspace_declares() {
    let declared = version(env!("CARGO_PKG_RUST_VERSION"));
    // Edition 2024 exists from 1.85 on.
    assert!(declared >= (1, 85, 0), "{declared:?}");

    let metadata = metadata();
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    let mut checked = 0;
    for package in metadata["packages"].as_array().unwrap() {
        let name = package["name"].as_str().unwrap();
        let needs = package["rust_version"].as_str();
        if members.contains(&package["id"].as_str().unwrap()) {
            // Every member inherits the one workspace value.
            assert_eq!(needs, Some(env!("CARGO_PKG_RUST_VERSION")), "{name}");
            continue;
        }
        if let Some(needs) = needs {
            assert!(
                version(needs) <= declared,
                "{name} {} needs Rust {needs}, newer than the workspace's {}",
                package["version"],
                env!("CARGO_PKG_RUST_VERSION")
            );
            checked += 1;
        }
    }
    assert!(
        checked > 50,
        "only {checked} dependencies declare a Rust version"
    );
}

#[test]
fn clippy_reads_the_declared_version() {
    let clippy = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../clippy.toml"))
        .unwrap_or_default();
    assert!(
        !clippy
            .lines()
            .any(|line| line.trim_start().starts_with("msrv")),
        "clippy.toml must not set its own msrv"
    );
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml")).unwrap();
    assert!(manifest.contains("incompatible_msrv = \"deny\""));
}
