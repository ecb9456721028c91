//! The compile-time rejections of `#[derive(SharePolicy)]`: one file per mistake under `ui/`, each
//! with the exact compiler output expected. Regenerate with
//! `TRYBUILD=overwrite cargo test -p yoti-tests --test ui` and read every diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.pass("ui/pass/*.rs");
}
