//! The `#[derive(SharePolicy)]` pipeline (attribute parsing, checks, code generation) driven
//! outside the compiler: its modules are compiled here as ordinary code on proc-macro2's
//! fallback implementation, and fed struct definitions parsed from the fuzz input. Any input is
//! generated code or compile errors, never a panic (which would crash the user's build).

#![no_main]
#![allow(dead_code, unused_imports)]

#[path = "../../yoti-policy-derive/src/ast.rs"]
mod ast;
#[path = "../../yoti-policy-derive/src/attr.rs"]
mod attr;
#[path = "../../yoti-policy-derive/src/check.rs"]
mod check;
#[path = "../../yoti-policy-derive/src/ctxt.rs"]
mod ctxt;
#[path = "../../yoti-policy-derive/src/expand.rs"]
mod expand;
#[path = "../../yoti-policy-derive/src/fallback.rs"]
mod fallback;
#[path = "../../yoti-policy-derive/src/runtime.rs"]
mod runtime;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Whole item, or words placed inside `#[yoti(...)]` on the struct and on a field.
    let (container, field) = text.split_once('\n').unwrap_or((text, ""));
    for source in [
        text.to_owned(),
        format!("#[yoti({container})] struct S {{ #[yoti({field})] f: String }}"),
    ] {
        if let Ok(input) = syn::parse_str::<syn::DeriveInput>(&source) {
            let tokens = expand::derive(&input);
            let _ = tokens.to_string();
        }
    }
});
