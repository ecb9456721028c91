//! The error collector: every mistake in one struct is reported in one build, each under the
//! token that is wrong, instead of stopping at the first.

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;
use std::cell::RefCell;
use std::fmt::Display;

/// The source range of some tokens (a word and its value), for errors that underline all of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SpanRange {
    pub start: Span,
    pub end: Span,
}

impl SpanRange {
    pub fn new(start: Span, end: Span) -> Self {
        SpanRange { start, end }
    }

    pub fn single(span: Span) -> Self {
        SpanRange::new(span, span)
    }

    /// An error underlining the whole range.
    pub fn error(&self, message: impl Display) -> syn::Error {
        // `Error::new_spanned` spans from its first token to its last: two placeholder tokens
        // carrying the start and end spans express the range on stable Rust.
        let (start, end) = (self.start, self.end);
        let tokens: TokenStream = quote_spanned!(start=> a);
        let mut tokens = tokens;
        tokens.extend(quote_spanned!(end=> b));
        syn::Error::new_spanned(tokens, message)
    }
}

/// Collects errors while the input is parsed and checked.
#[derive(Default)]
pub(crate) struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt::default()
    }

    /// Records an error.
    pub fn push(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    /// Records an error under `range`.
    pub fn error(&self, range: SpanRange, message: impl Display) {
        self.push(range.error(message));
    }

    /// Records an error under the tokens of `node`.
    pub fn error_spanned_by(&self, node: impl quote::ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(node, message));
    }

    /// How many errors have been recorded, to tell whether a part of the input added any.
    pub fn count(&self) -> usize {
        self.errors.borrow().len()
    }

    /// All errors recorded so far, combined into one, or `Ok` if there were none.
    pub fn finish(self) -> Result<(), syn::Error> {
        let mut errors = self.errors.into_inner().into_iter();
        match errors.next() {
            None => Ok(()),
            Some(mut first) => {
                for error in errors {
                    first.combine(error);
                }
                Err(first)
            }
        }
    }
}
