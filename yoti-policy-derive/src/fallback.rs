//! What is emitted next to the errors: an impl of `SharePolicy` with no body, so that code using
//! the struct as a `SharePolicy` does not add follow-on errors to the real ones.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// A stub impl of `SharePolicy` for `input`, naming the runtime as `private`.
pub(crate) fn stub(input: &DeriveInput, private: &TokenStream) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #private::SharePolicy for #ident #ty_generics #where_clause {
                const POLICY_JSON: &'static str = "";

                fn policy() -> #private::Policy {
                    ::core::unreachable!()
                }

                fn from_profile(
                    _: &#private::Profile,
                ) -> ::core::result::Result<Self, #private::DecodeError> {
                    ::core::unreachable!()
                }
            }
        };
    }
}
