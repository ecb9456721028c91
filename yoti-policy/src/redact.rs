//! The pieces of the `Debug` output of personal data: a value is shown by its shape (its kind
//! and size), never by its content, so that a log line or a panic message with a profile or a
//! receipt in it holds nothing about the person.

use std::fmt;

/// A text or byte string shown as its length only: `<12 bytes>`.
#[derive(Clone, Copy)]
pub struct Len(pub usize);

impl fmt::Debug for Len {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

/// An optional text or byte string shown as its length only: `Some(<12 bytes>)` or `None`.
pub fn len_of<T: AsRef<[u8]>>(value: &Option<T>) -> Option<Len> {
    value.as_ref().map(|value| Len(value.as_ref().len()))
}

/// A JSON value shown as its type and size: `object of 3 keys`, `array of 2 items`, `string`.
pub struct JsonShape<'a>(pub &'a serde_json::Value);

impl fmt::Debug for JsonShape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use serde_json::Value;
        match self.0 {
            Value::Object(map) => write!(f, "<object of {} keys>", map.len()),
            Value::Array(items) => write!(f, "<array of {} items>", items.len()),
            Value::String(text) => write!(f, "<string of {} bytes>", text.len()),
            Value::Number(_) => f.write_str("<number>"),
            Value::Bool(_) => f.write_str("<bool>"),
            Value::Null => f.write_str("null"),
        }
    }
}

/// A type's name without its module paths: `Vec<Image>` for
/// `alloc::vec::Vec<yoti_policy::profile::image::Image>`.
pub struct TypeName(pub &'static str);

impl TypeName {
    /// The name of `T`.
    pub fn of<T: ?Sized>() -> Self {
        TypeName(std::any::type_name::<T>())
    }
}

impl fmt::Debug for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Each run of path characters keeps only what follows its last `::`.
        let mut rest = self.0;
        while !rest.is_empty() {
            let path_end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let (path, after) = rest.split_at(path_end);
            f.write_str(path.rsplit("::").next().unwrap_or(path))?;
            let other_end = after
                .find(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
                .unwrap_or(after.len());
            let (other, next) = after.split_at(other_end);
            f.write_str(other)?;
            rest = next;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_lose_their_module_paths() {
        let name = |name| format!("{:?}", TypeName(name));
        assert_eq!(name("alloc::string::String"), "String");
        assert_eq!(
            name("alloc::vec::Vec<yoti_policy::profile::image::Image>"),
            "Vec<Image>"
        );
        assert_eq!(
            name("core::option::Option<(u8, &str)>"),
            "Option<(u8, &str)>"
        );
        assert_eq!(name("Checkout"), "Checkout");
        assert_eq!(
            format!("{:?}", TypeName::of::<Vec<String>>()),
            "Vec<String>"
        );
    }

    #[test]
    fn shapes_show_sizes_only() {
        let json = serde_json::json!({"a": "secret", "b": [1, 2]});
        assert_eq!(format!("{:?}", JsonShape(&json)), "<object of 2 keys>");
        assert_eq!(format!("{:?}", JsonShape(&json["b"])), "<array of 2 items>");
        assert_eq!(
            format!("{:?}", JsonShape(&json["a"])),
            "<string of 6 bytes>"
        );
        assert_eq!(format!("{:?}", len_of(&Some("secret"))), "Some(<6 bytes>)");
        assert_eq!(format!("{:?}", len_of::<String>(&None)), "None");
    }
}
