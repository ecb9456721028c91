//! `Serialize` and `Deserialize` for receipts (cargo feature `serde`), in the JSON form the
//! crate documentation's "serde" section describes. They live here rather than beside each type
//! so that the form is defined in one place, apart from the wire bodies (which are camelCase and
//! follow Yoti); deserialising checks what reading a receipt checks.

mod failure;
mod metadata;
mod receipt;
