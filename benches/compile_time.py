#!/usr/bin/env python3
"""Compile-time cost of `#[derive(SharePolicy)]` and of yoti-client, next to serde and reqwest.

Measured in one run. Generates two crates under target/compile-time/ with the same 100 structs
(5 to 12 fields each, a mix of selectors and modifiers): one deriving
`yoti_policy::SharePolicy`, one deriving `serde::Serialize` + `serde::Deserialize` with the same
field names and the closest serde types.
For 3., two more crates with an empty lib.rs. Each crate has its own target directory, so
nothing is shared with the workspace's builds.

It reports, each with its ratio (ours / the baseline):
  1. the clean build (`cargo build`, dev profile) of each dependency tree: `yoti-policy` with
     its derive and default features, against `serde` (with `derive`) + `serde_json`; the
     median of --clean-runs builds, alternating between the two;
  2. the incremental `cargo check` of the 100 structs once the dependencies are built: touch the
     source file and re-check, the median of --runs runs, alternating between the two crates so
     that load from other processes falls on both alike;
  3. the clean build (`cargo build`, dev profile) of a crate depending on `yoti-client` (default
     features), against a crate depending on what a hand-written client would start from:
     `reqwest` with exactly yoti-client's reqwest features, `serde_json`, and `tokio` with exactly
     yoti-client's tokio features (read from yoti-client/Cargo.toml, versions pinned to the
     workspace's Cargo.lock); the median of --clean-runs builds, alternating between the two.
     --timings keeps cargo's per-crate timing report of these builds (target/cargo-timings/ in
     each crate), which shows where the difference goes.

--compare-features adds a third crate to 1., yoti-policy with those features added, to show what
they cost a clean build.

Usage: python3 benches/compile_time.py [--runs 7] [--clean-runs 3] [--skip-clean]
                                       [--skip-client] [--timings] [--features time]
                                       [--compare-features time]
Needs only python3 3.11+ (standard library) and cargo; works offline with the workspace's
Cargo.lock.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "compile-time"
STRUCTS = 100

# (selector, yoti field type, serde field type). Text selectors are the most common in real
# policies, so they appear once each and again through `attribute = "..."`.
SELECTORS = [
    ("full_name", "String", "String"),
    ("given_names", "String", "String"),
    ("family_name", "String", "String"),
    ("gender", "String", "String"),
    ("nationality", "String", "String"),
    ("phone_number", "String", "String"),
    ("email_address", "String", "String"),
    ("postal_address", "String", "String"),
    ("date_of_birth", "Date", "String"),
    ("selfie", "Image", "Vec<u8>"),
    ("document_details", "DocumentDetails", "String"),
    ("document_images", "Vec<Image>", "Vec<Vec<u8>>"),
    ("structured_postal_address", "StructuredPostalAddress", "serde_json::Value"),
    ("age_over = {n}", "bool", "bool"),
    ("age_under = {n}", "bool", "bool"),
    ("estimated_age_over = {n}, buffer = 5", "bool", "bool"),
    ('attribute = "com.example.{name}"', "String", "String"),
]
SOURCES = [
    "source(passport)",
    'source(passport, driving_licence = "NFC")',
    "source(national_id, pass_card)",
]
DOCUMENT_SELECTORS = {"full_name", "given_names", "family_name", "date_of_birth", "nationality"}


def wanted_name(selector, n, field):
    if selector.startswith("attribute"):
        return f"com.example.{field}"
    if "=" in selector:
        return f"{selector.split()[0]}:{n}"
    return selector


def generate_structs(rng):
    """The 100 structs as (struct words, [(field, selector, modifiers, optional, anchored, yoti
    type, serde type, wanted name)])."""
    structs = []
    for _ in range(STRUCTS):
        count = rng.randint(5, 12)
        picks = rng.sample(SELECTORS, min(count, len(SELECTORS)))
        fields = []
        ages = rng.sample(range(13, 99), 3)
        for i, (selector, yoti_ty, serde_ty) in enumerate(picks):
            field = f"field_{i}_{selector.split()[0].split('=')[0]}"
            n = ages[i % 3]
            selector_text = selector.format(n=n, name=f"custom_{i}")
            modifiers = []
            base = selector.split()[0]
            if base in DOCUMENT_SELECTORS and rng.random() < 0.4:
                modifiers.append(rng.choice(SOURCES))
                if rng.random() < 0.5:
                    modifiers.append("soft_preference")
            if yoti_ty == "String" and rng.random() < 0.3:
                modifiers.append("accept_self_asserted")
            optional = rng.random() < 0.3
            anchored = yoti_ty in ("String", "Date") and rng.random() < 0.25
            name = wanted_name(selector_text, n, f"custom_{i}")
            fields.append((field, selector_text, modifiers, optional, anchored, yoti_ty, serde_ty, name))
        words = []
        if rng.random() < 0.5:
            words.append("selfie_authentication")
        if rng.random() < 0.3:
            words.append("remember_me")
        structs.append((words, fields))
    return structs


def render_derive(structs):
    lines = [
        "//! Generated by benches/compile_time.py: 100 structs deriving `SharePolicy`.",
        "#![allow(dead_code)]",
        "use yoti_policy::{Attribute, Date, DocumentDetails, Image, SharePolicy, StructuredPostalAddress};",
        "",
    ]
    for index, (words, fields) in enumerate(structs):
        lines.append("#[derive(SharePolicy)]")
        if words:
            lines.append(f"#[yoti({', '.join(words)})]")
        lines.append(f"pub struct Policy{index} {{")
        for field, selector, modifiers, optional, anchored, yoti_ty, _, _ in fields:
            ty = f"Attribute<{yoti_ty}>" if anchored else yoti_ty
            ty = f"Option<{ty}>" if optional else ty
            lines.append(f"    #[yoti({', '.join([selector, *modifiers])})]")
            lines.append(f"    pub {field}: {ty},")
        lines.append("}")
        lines.append("")
    return "\n".join(lines)


def render_serde(structs):
    lines = [
        "//! Generated by benches/compile_time.py: the same 100 structs deriving serde's traits.",
        "#![allow(dead_code)]",
        "use serde::{Deserialize, Serialize};",
        "",
    ]
    for index, (_, fields) in enumerate(structs):
        lines.append("#[derive(Serialize, Deserialize)]")
        lines.append(f"pub struct Policy{index} {{")
        for field, _, _, optional, _, _, serde_ty, name in fields:
            ty = f"Option<{serde_ty}>" if optional else serde_ty
            attrs = [f'rename = "{name}"']
            if optional:
                attrs.append("default")
            lines.append(f"    #[serde({', '.join(attrs)})]")
            lines.append(f"    pub {field}: {ty},")
        lines.append("}")
        lines.append("")
    return "\n".join(lines)


def write_crate(name, dependencies, source):
    crate = OUT / name
    (crate / "src").mkdir(parents=True, exist_ok=True)
    (crate / "Cargo.toml").write_text(
        "\n".join(
            [
                "[package]",
                f'name = "compile-time-{name}"',
                'version = "0.0.0"',
                'edition = "2024"',
                "publish = false",
                "",
                "[dependencies]",
                *dependencies,
                "",
                "# Its own workspace, apart from the repository's.",
                "[workspace]",
                "",
            ]
        )
    )
    # The workspace's lock file, so that both crates build the versions the workspace uses.
    shutil.copyfile(ROOT / "Cargo.lock", crate / "Cargo.lock")
    (crate / "structs.rs").write_text(source)
    return crate


def cargo(crate, *args):
    env = dict(os.environ, CARGO_TARGET_DIR=str(crate / "target"), CARGO_TERM_COLOR="never")
    env.pop("RUSTFLAGS", None)
    start = time.perf_counter()
    result = subprocess.run(
        ["cargo", *args, "--offline", "--quiet"],
        cwd=crate,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"cargo {' '.join(args)} failed in {crate}")
    return elapsed


def client_baseline_dependencies():
    """reqwest, serde_json and tokio as a hand-written client would take them: the features
    yoti-client enables on reqwest and tokio, at the versions of the workspace's Cargo.lock."""
    manifest = tomllib.loads((ROOT / "yoti-client" / "Cargo.toml").read_text())["dependencies"]
    locked = {}
    for package in tomllib.loads((ROOT / "Cargo.lock").read_text())["package"]:
        if package.get("source", "").startswith("registry+"):
            locked.setdefault(package["name"], []).append(package["version"])

    def pinned(name):
        versions = locked.get(name, [])
        if len(versions) != 1:
            sys.exit(f"expected one {name} in Cargo.lock, found {versions}")
        return f"={versions[0]}"

    lines = []
    for name in ("reqwest", "tokio"):
        spec = manifest[name]
        features = ", ".join(f'"{f}"' for f in spec.get("features", []))
        default = "" if spec.get("default-features", True) else "default-features = false, "
        lines.append(f'{name} = {{ version = "{pinned(name)}", {default}features = [{features}] }}')
    lines.append(f'serde_json = "{pinned("serde_json")}"')
    return lines


def clean_builds(crates, runs, timings=False):
    """Clean `cargo build` of each crate's dependency tree (empty lib.rs), alternating between
    the crates; returns the times by crate name."""
    times = {crate.name: [] for crate in crates}
    args = ["build", "--timings"] if timings else ["build"]
    for _ in range(runs):
        for crate in crates:
            shutil.rmtree(crate / "target", ignore_errors=True)
            set_source(crate, with_structs=False)
            times[crate.name].append(cargo(crate, *args))
    return times


def report_clean(times, what):
    median = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        spread = " ".join(f"{x:.1f}" for x in t)
        print(f"clean build of {what}, {name}: median {median[name]:.1f} s ({spread})")
    return median


def set_source(crate, with_structs):
    lib = crate / "src" / "lib.rs"
    lib.write_text((crate / "structs.rs").read_text() if with_structs else "//! Empty.\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="incremental checks per crate")
    parser.add_argument("--clean-runs", type=int, default=3, help="clean builds per crate")
    parser.add_argument(
        "--skip-clean",
        action="store_true",
        help="reuse built dependencies (no clean builds at all)",
    )
    parser.add_argument(
        "--skip-client",
        action="store_true",
        help="skip the clean builds of yoti-client and its baseline",
    )
    parser.add_argument(
        "--timings",
        action="store_true",
        help="keep cargo's timing report of the client's clean builds",
    )
    parser.add_argument("--features", default="", help="yoti-policy features to enable")
    parser.add_argument(
        "--compare-features",
        default="",
        help="also clean-build yoti-policy with these features added, alternating with the others",
    )
    parser.add_argument("--seed", type=int, default=8, help="seed of the struct generator")
    args = parser.parse_args()

    structs = generate_structs(random.Random(args.seed))
    fields = sum(len(f) for _, f in structs)
    policy_path = (ROOT / "yoti-policy").as_posix()
    features = ", ".join(f'"{f}"' for f in args.features.split(",") if f)
    derive = write_crate(
        "derive",
        [f'yoti-policy = {{ path = "{policy_path}", features = [{features}] }}'],
        render_derive(structs),
    )
    serde = write_crate(
        "serde",
        [
            'serde = { version = "1", features = ["derive"] }',
            'serde_json = "1"',
        ],
        render_serde(structs),
    )
    clean_crates = [serde, derive]
    if args.compare_features:
        both = ",".join(f for f in (args.features, args.compare_features) if f)
        listed = ", ".join(f'"{f}"' for f in both.split(",") if f)
        clean_crates.append(
            write_crate(
                "derive-features",
                [f'yoti-policy = {{ path = "{policy_path}", features = [{listed}] }}'],
                "",
            )
        )
    print(f"{STRUCTS} structs, {fields} fields; crates in {OUT}")

    if not args.skip_clean:
        median = report_clean(clean_builds(clean_crates, args.clean_runs), "the dependency tree")
        ratio = median["derive"] / median["serde"]
        print(f"clean build ratio yoti-policy / serde + serde_json: {ratio:.2f}x (target <= 2)")
        if args.compare_features:
            with_features = median["derive-features"]
            print(
                f"clean build ratio yoti-policy with {args.compare_features} / serde + serde_json:"
                f" {with_features / median['serde']:.2f}x;"
                f" / yoti-policy without: {with_features / median['derive']:.2f}x"
            )

    for crate in (serde, derive):
        set_source(crate, with_structs=True)
        cargo(crate, "check")  # builds the dependencies' metadata and checks once
    samples = {"derive": [], "serde": []}
    for _ in range(args.runs):
        for crate in (derive, serde):
            (crate / "src" / "lib.rs").touch()
            samples[crate.name].append(cargo(crate, "check"))
    median = {name: statistics.median(times) for name, times in samples.items()}
    for name, times in samples.items():
        spread = " ".join(f"{t:.2f}" for t in times)
        print(f"incremental cargo check, {name}: median {median[name]:.2f} s ({spread})")
    ratio = median["derive"] / median["serde"]
    print(f"incremental check ratio derive / serde: {ratio:.2f}x (target <= 1.0)")

    if not args.skip_clean and not args.skip_client:
        client_path = (ROOT / "yoti-client").as_posix()
        client = write_crate("client", [f'yoti-client = {{ path = "{client_path}" }}'], "")
        baseline = write_crate("client-baseline", client_baseline_dependencies(), "")
        times = clean_builds((baseline, client), args.clean_runs, timings=args.timings)
        median = report_clean(times, "the client's dependency tree")
        ratio = median["client"] / median["client-baseline"]
        print(f"clean build ratio yoti-client / reqwest + serde_json + tokio: {ratio:.2f}x")
        if args.timings:
            for crate in (baseline, client):
                report = crate / "target" / "cargo-timings"
                print(f"timings of the last clean build, {crate.name}: {report}")


if __name__ == "__main__":
    main()
