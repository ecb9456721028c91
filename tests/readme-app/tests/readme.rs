//! The README shows the program this crate builds, byte for byte: the program a reader copies is
//! the one that compiles with `yoti-client`, `tokio` and `axum` alone.

use std::path::Path;

const FENCE: &str = "```rust,no_run\n";

#[test]
fn the_readme_shows_this_program() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../../README.md")).unwrap();
    let program = std::fs::read_to_string(root.join("src/main.rs")).unwrap();
    let section = &readme[readme
        .find("## A complete service\n")
        .expect("the README has the section")..];
    let start = section.find(FENCE).expect("a rust block in the section") + FENCE.len();
    let end = start + section[start..].find("```\n").expect("the block ends");
    assert_eq!(
        &section[start..end],
        program,
        "copy src/main.rs into the README's block"
    );
}

#[test]
fn the_program_depends_on_yoti_client_without_yoti_policy() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let dependencies = &manifest[manifest.find("[dependencies]").unwrap()..];
    let names: Vec<&str> = dependencies
        .lines()
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split(['.', ' ', '=']).next())
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect();
    assert_eq!(names, ["yoti-client", "axum", "tokio"]);
}
