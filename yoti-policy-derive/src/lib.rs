//! `#[derive(SharePolicy)]`: see the `yoti-policy` crate for the attribute grammar.
use proc_macro::TokenStream;

/// Derives `yoti_policy::SharePolicy` from `#[yoti(...)]` attributes.
#[proc_macro_derive(SharePolicy, attributes(yoti))]
pub fn derive_share_policy(input: TokenStream) -> TokenStream {
    let _ = input;
    TokenStream::new()
}
