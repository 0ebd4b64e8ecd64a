//! Where a value sits in the request, as a linked list of segments on the stack.

use std::fmt::Write as _;

/// The location of a value being validated: a chain of segments, each borrowing its parent.
///
/// Building a path costs a few words on the stack and no allocation; the strings a
/// [`Violation`](super::Violation) carries are rendered only when one is pushed.
///
/// Two renderings exist:
/// - the Rust path names fields as declared and indexes from 0: `tag[2].key`;
/// - the wire path names parameters as the API does and indexes from 1, as in Alibaba's
///   `repeatList` style: `Tag.3.Key`.
///
/// ```
/// use alibabacloud_runtime::validate::Path;
///
/// let root = Path::root();
/// let tag = root.field("tag", "Tag");
/// let third = tag.index(2);
/// let key = third.field("key", "Key");
/// assert_eq!(key.rust_path(), "tag[2].key");
/// assert_eq!(key.wire_path(), "Tag.3.Key");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Field { rust: &'a str, wire: &'a str },
    Index(usize),
}

impl Path<'static> {
    /// The empty path: the value being validated itself.
    #[inline]
    pub const fn root() -> Self {
        Path { parent: None, segment: Segment::Root }
    }
}

impl<'a> Path<'a> {
    /// The path of a field of the value at `self`, by its Rust name and its wire name.
    #[inline]
    pub fn field<'b>(&'b self, rust: &'b str, wire: &'b str) -> Path<'b> {
        Path { parent: Some(self), segment: Segment::Field { rust, wire } }
    }

    /// The path of the element at the 0-based `index` of the list at `self`.
    #[inline]
    pub fn index(&self, index: usize) -> Path<'_> {
        Path { parent: Some(self), segment: Segment::Index(index) }
    }

    /// Whether this is [`Path::root`].
    pub fn is_root(&self) -> bool {
        matches!(self.segment, Segment::Root)
    }

    /// The Rust rendering: `tag[2].key` (empty for the root).
    pub fn rust_path(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Style::Rust);
        out
    }

    /// The wire rendering: `Tag.3.Key` (empty for the root).
    pub fn wire_path(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Style::Wire);
        out
    }

    fn write(&self, out: &mut String, style: Style) {
        if let Some(parent) = self.parent {
            parent.write(out, style);
        }
        match (self.segment, style) {
            (Segment::Root, _) => {}
            (Segment::Field { rust: name, .. }, Style::Rust) | (Segment::Field { wire: name, .. }, Style::Wire) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            (Segment::Index(index), Style::Rust) => {
                let _ = write!(out, "[{index}]");
            }
            (Segment::Index(index), Style::Wire) => {
                if !out.is_empty() {
                    out.push('.');
                }
                let _ = write!(out, "{}", index + 1);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Style {
    Rust,
    Wire,
}
