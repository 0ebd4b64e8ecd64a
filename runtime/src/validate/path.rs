//! Where a value sits in the request, as a linked list of segments on the stack.

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
    segment: Segment,
}

#[derive(Debug, Clone, Copy)]
enum Segment {
    Root,
    Field { rust: &'static str, wire: &'static str },
    Index(usize),
}

/// A field of a [`Path`], named but not built yet: [`FieldAt::path`] builds it.
#[derive(Debug, Clone, Copy)]
pub struct FieldAt<'a> {
    parent: &'a Path<'a>,
    rust: &'static str,
    wire: &'static str,
}

impl<'a> FieldAt<'a> {
    /// The field's path.
    #[inline]
    pub fn path(self) -> Path<'a> {
        Path { parent: Some(self.parent), segment: Segment::Field { rust: self.rust, wire: self.wire } }
    }
}

/// Where a violation is reported: a built [`Path`] (`&path`), or a [`FieldAt`] whose path is
/// built only when a violation is pushed.
pub trait Location: Copy {
    /// Calls `f` with the path of the location.
    fn with_path<R>(self, f: impl FnOnce(&Path<'_>) -> R) -> R;
}

impl Location for &Path<'_> {
    #[inline]
    fn with_path<R>(self, f: impl FnOnce(&Path<'_>) -> R) -> R {
        f(self)
    }
}

impl Location for FieldAt<'_> {
    #[inline]
    fn with_path<R>(self, f: impl FnOnce(&Path<'_>) -> R) -> R {
        f(&self.path())
    }
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
    ///
    /// The names are `'static` (the derive passes literals), so that a violation of a top-level
    /// field quotes them without copying.
    #[inline]
    pub fn field<'b>(&'b self, rust: &'static str, wire: &'static str) -> Path<'b> {
        Path { parent: Some(self), segment: Segment::Field { rust, wire } }
    }

    /// A field of the value at `self` as a [`Location`], without building its path: the
    /// derive's expansion reports a field's violations at one, so that a valid field costs no
    /// stores for a path it never needs.
    #[inline]
    pub fn at_field<'b>(&'b self, rust: &'static str, wire: &'static str) -> FieldAt<'b> {
        FieldAt { parent: self, rust, wire }
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
        let mut out = String::with_capacity(self.capacity_hint());
        self.render(&mut out, Style::Rust);
        out
    }

    /// The wire rendering: `Tag.3.Key` (empty for the root).
    pub fn wire_path(&self) -> String {
        let mut out = String::with_capacity(self.capacity_hint());
        self.render(&mut out, Style::Wire);
        out
    }

    /// The names of a field of the root (`ecr_id`, `EcrId`), or two empty names for the root:
    /// the paths that need no rendering.
    pub(crate) fn static_names(&self) -> Option<(&'static str, &'static str)> {
        let parent_is_root = self.parent.map_or(true, |parent| parent.parent.is_none() && parent.is_root());
        match self.segment {
            Segment::Root if self.parent.is_none() => Some(("", "")),
            Segment::Field { rust, wire } if parent_is_root => Some((rust, wire)),
            _ => None,
        }
    }

    /// Both renderings one after the other in one allocation, and where the wire path starts.
    pub(crate) fn rust_and_wire_paths(&self) -> (String, usize) {
        let mut out = String::with_capacity(self.capacity_hint());
        self.render(&mut out, Style::Rust);
        let split = out.len();
        self.render(&mut out, Style::Wire);
        (out, split)
    }

    /// At least the length of both renderings together, so that rendering never reallocates.
    fn capacity_hint(&self) -> usize {
        let mut len = 0;
        let mut segment = Some(self);
        while let Some(path) = segment {
            len += match path.segment {
                Segment::Root => 0,
                // Names and a separator each.
                Segment::Field { rust, wire } => rust.len() + wire.len() + 2,
                // `[i]` and `.i+1`.
                Segment::Index(index) => 2 * digits(index.saturating_add(1)) + 3,
            };
            segment = path.parent;
        }
        len
    }

    /// Appends the rendering to `out`, which may already hold text (of another rendering):
    /// separators depend only on what this path has written.
    fn render(&self, out: &mut String, style: Style) {
        let start = out.len();
        self.write(out, start, style);
    }

    fn write(&self, out: &mut String, start: usize, style: Style) {
        if let Some(parent) = self.parent {
            parent.write(out, start, style);
        }
        match (self.segment, style) {
            (Segment::Root, _) => {}
            (Segment::Field { rust: name, .. }, Style::Rust) | (Segment::Field { wire: name, .. }, Style::Wire) => {
                if out.len() > start {
                    out.push('.');
                }
                out.push_str(name);
            }
            (Segment::Index(index), Style::Rust) => {
                out.push('[');
                push_decimal(out, index);
                out.push(']');
            }
            (Segment::Index(index), Style::Wire) => {
                if out.len() > start {
                    out.push('.');
                }
                push_decimal(out, index + 1);
            }
        }
    }
}

/// How many decimal digits `n` has.
fn digits(mut n: usize) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

/// Appends `n` in decimal, without the formatting machinery.
fn push_decimal(out: &mut String, mut n: usize) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    let mut buffer = [0u8; 20];
    let mut at = buffer.len();
    while n > 0 {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    // Only ASCII digits were written, so this never falls back.
    out.push_str(std::str::from_utf8(&buffer[at..]).unwrap_or_default());
}

#[derive(Clone, Copy)]
enum Style {
    Rust,
    Wire,
}
