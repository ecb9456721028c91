//! Where the generated code finds the runtime: the `__private` module of `yoti-policy`, reached
//! through whichever crate the deriving crate depends on.
//!
//! An application may depend on `yoti-client` alone and name the derive through its re-export;
//! `::yoti_policy` is then not in its extern prelude. The macro reads the deriving crate's
//! `Cargo.toml` (with `proc-macro-crate`, which also follows renamed dependencies) and picks
//! `yoti-policy` when it is a dependency, else `yoti-client`'s re-export of it. An explicit
//! `#[yoti(crate = "...")]` wins over both.

use proc_macro_crate::{FoundCrate, crate_name};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

/// The path of `yoti_policy::__private` for the crate being compiled.
pub(crate) fn private_path(explicit: Option<&syn::Path>) -> TokenStream {
    if let Some(path) = explicit {
        return quote!(#path::__private);
    }
    // `Itself` is yoti-policy's own tests and doc tests, which name the crate as users do.
    match crate_name("yoti-policy") {
        Ok(FoundCrate::Itself) => return quote!(::yoti_policy::__private),
        Ok(FoundCrate::Name(name)) => {
            let name = Ident::new(&name, Span::call_site());
            return quote!(::#name::__private);
        }
        Err(_) => {}
    }
    match crate_name("yoti-client") {
        Ok(FoundCrate::Name(name)) => {
            let name = Ident::new(&name, Span::call_site());
            quote!(::#name::yoti_policy::__private)
        }
        Ok(FoundCrate::Itself) => quote!(::yoti_client::yoti_policy::__private),
        // Neither is a dependency (or the manifest could not be read): the rustc error then
        // names `yoti_policy`, the crate to add.
        Err(_) => quote!(::yoti_policy::__private),
    }
}
