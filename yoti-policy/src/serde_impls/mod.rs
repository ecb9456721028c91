//! `Serialize` and `Deserialize` for the value types of a profile (cargo feature `serde`), in
//! the JSON form the crate documentation's "serde" section describes. They live here rather
//! than beside each type so that the form is defined in one place; deserialising checks what
//! the types' own constructors check, so a stored value reads back only if it is valid.

mod anchor;
mod attribute;
mod receipt_parts;
mod values;
