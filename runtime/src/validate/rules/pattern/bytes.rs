//! The byte-loop matcher for anchored runs of ASCII character classes.
//!
//! The accepted shape is `^ p1 p2 ... pk c{m,n} s1 ... sj $`: any number of single classes
//! (literal ASCII characters count as one-character classes) and at most one repetition whose
//! count varies, all anchored at both ends. Such a pattern decides every position from the
//! length alone: the first `k` bytes against `p1..pk`, the last `j` against `s1..sj`, the
//! `m..=n` bytes between against `c`. Classes hold ASCII only, so a non-ASCII byte never
//! matches, exactly as the regex would refuse a non-ASCII character there.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Longest expansion of fixed repetitions kept (`[0-9]{4}` is four positions).
const MAX_FIXED_POSITIONS: usize = 256;

/// A set of ASCII bytes: bit `b` is set when byte `b` belongs to it.
type AsciiSet = u128;

/// Every ASCII byte.
const ALL_ASCII: AsciiSet = u128::MAX;

/// Most distinct classes a program holds: one bit each in a byte of the table.
const MAX_CLASSES: usize = 8;

/// A compiled anchored run of ASCII classes.
///
/// Each distinct class gets one bit; `table[b]` holds the bits of the classes byte `b` belongs
/// to, so checking a byte against a class is one load and one test.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ByteProgram {
    table: Box<[u8; 256]>,
    /// The class bit of each fixed position before the repetition.
    prefix: Vec<u8>,
    middle: Option<Middle>,
    /// The class bit of each fixed position after the repetition.
    suffix: Vec<u8>,
}

/// The one repetition whose count varies.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Middle {
    class: u8,
    /// The class is every ASCII byte (`[\x00-\x7F]`): checked with `<[u8]>::is_ascii`, a word at
    /// a time.
    all_ascii: bool,
    min: usize,
    max: Option<usize>,
}

/// One element of the pattern: a class repeated `min..=max` times.
struct Piece {
    set: AsciiSet,
    min: usize,
    max: Option<usize>,
}

/// The distinct classes of a program and the table that maps bytes to them.
struct Classes {
    sets: Vec<AsciiSet>,
    table: Box<[u8; 256]>,
}

impl Classes {
    /// The bit of `set`, or `None` past [`MAX_CLASSES`] distinct classes.
    fn bit(&mut self, set: AsciiSet) -> Option<u8> {
        let index = match self.sets.iter().position(|&known| known == set) {
            Some(index) => index,
            None if self.sets.len() < MAX_CLASSES => {
                self.sets.push(set);
                let index = self.sets.len() - 1;
                for byte in 0..128u8 {
                    if (set >> byte) & 1 == 1 {
                        self.table[usize::from(byte)] |= 1 << index;
                    }
                }
                index
            }
            None => return None,
        };
        Some(1 << index)
    }
}

impl ByteProgram {
    /// The program for `source`, or `None` when the pattern has another shape (or is invalid:
    /// the regex then reports the error).
    pub(crate) fn compile(source: &str) -> Option<Self> {
        let hir = regex_syntax::Parser::new().parse(source).ok()?;
        let HirKind::Concat(items) = hir.kind() else {
            return None;
        };
        let (first, rest) = items.split_first()?;
        let (last, body) = rest.split_last()?;
        if !matches!(first.kind(), HirKind::Look(Look::Start)) || !matches!(last.kind(), HirKind::Look(Look::End)) {
            return None;
        }
        let mut pieces = Vec::new();
        for item in body {
            push_pieces(item, &mut pieces)?;
        }
        let mut classes = Classes { sets: Vec::new(), table: Box::new([0; 256]) };
        let (mut prefix, mut middle, mut suffix) = (Vec::new(), None, Vec::new());
        for piece in pieces {
            let class = classes.bit(piece.set)?;
            if piece.max == Some(piece.min) {
                let fixed = if middle.is_none() { &mut prefix } else { &mut suffix };
                fixed.extend(std::iter::repeat(class).take(piece.min));
                if fixed.len() > MAX_FIXED_POSITIONS {
                    return None;
                }
            } else if middle.is_none() {
                let all_ascii = piece.set == ALL_ASCII;
                middle = Some(Middle { class, all_ascii, min: piece.min, max: piece.max });
            } else {
                return None;
            }
        }
        Some(ByteProgram { table: classes.table, prefix, middle, suffix })
    }

    /// Whether `haystack` matches.
    #[inline]
    pub(crate) fn is_match(&self, haystack: &[u8]) -> bool {
        let fixed = self.prefix.len() + self.suffix.len();
        let Some(between) = haystack.len().checked_sub(fixed) else {
            return false;
        };
        let table = &*self.table;
        let fits = |byte: u8, class: u8| table[usize::from(byte)] & class != 0;
        let (head, rest) = haystack.split_at(self.prefix.len());
        let (middle, tail) = rest.split_at(between);
        let middle_ok = match &self.middle {
            None => between == 0,
            Some(m) => {
                between >= m.min
                    && m.max.map_or(true, |max| between <= max)
                    && if m.all_ascii { middle.is_ascii() } else { middle.iter().all(|&b| fits(b, m.class)) }
            }
        };
        middle_ok
            && head.iter().zip(&self.prefix).all(|(&b, &class)| fits(b, class))
            && tail.iter().zip(&self.suffix).all(|(&b, &class)| fits(b, class))
    }
}

/// Appends the pieces of one element of the top-level concatenation, or `None` when it is not
/// an ASCII class, an ASCII literal, a repetition of one, or a group of those.
fn push_pieces(hir: &Hir, pieces: &mut Vec<Piece>) -> Option<()> {
    match hir.kind() {
        HirKind::Empty => {}
        HirKind::Literal(literal) => {
            for &byte in literal.0.iter() {
                pieces.push(Piece { set: single(byte)?, min: 1, max: Some(1) });
            }
        }
        HirKind::Class(class) => pieces.push(Piece { set: ascii_set(class)?, min: 1, max: Some(1) }),
        HirKind::Repetition(repetition) => {
            let set = one_position(&repetition.sub)?;
            let min = usize::try_from(repetition.min).ok()?;
            let max = match repetition.max {
                Some(max) => Some(usize::try_from(max).ok()?),
                None => None,
            };
            pieces.push(Piece { set, min, max });
        }
        HirKind::Capture(capture) => match capture.sub.kind() {
            HirKind::Concat(items) => {
                for item in items {
                    push_pieces(item, pieces)?;
                }
            }
            _ => push_pieces(&capture.sub, pieces)?,
        },
        HirKind::Look(_) | HirKind::Concat(_) | HirKind::Alternation(_) => return None,
    }
    Some(())
}

/// The set matched by an expression of exactly one ASCII character.
fn one_position(hir: &Hir) -> Option<AsciiSet> {
    match hir.kind() {
        HirKind::Literal(literal) => match *literal.0 {
            [byte] => single(byte),
            _ => None,
        },
        HirKind::Class(class) => ascii_set(class),
        HirKind::Capture(capture) => one_position(&capture.sub),
        _ => None,
    }
}

fn single(byte: u8) -> Option<AsciiSet> {
    (byte < 128).then(|| 1u128 << byte)
}

fn ascii_set(class: &Class) -> Option<AsciiSet> {
    let mut set: AsciiSet = 0;
    let mut add = |start: u32, end: u32| {
        if end >= 128 {
            return None;
        }
        for byte in start..=end {
            set |= 1 << byte;
        }
        Some(())
    };
    match class {
        Class::Unicode(class) => {
            for range in class.iter() {
                add(range.start() as u32, range.end() as u32)?;
            }
        }
        Class::Bytes(class) => {
            for range in class.iter() {
                add(u32::from(range.start()), u32::from(range.end()))?;
            }
        }
    }
    Some(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns of the accepted shape, and near misses that must fall back.
    const SIMPLE: &[&str] = &[
        "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$",
        "^[a-z][a-z0-9_-]*$",
        "^[0-9]{4}$",
        "^[a-zA-Z]+$",
        "^vpc-[a-z0-9]{1,3}$",
        "^(ab)[c-e]?x$",
        "^$",
        "^(?i)abc$",
        r"^[\w&&[[:ascii:]]]{2}$",
        r"^[\x00-\x7F]*$",
        r"^a[\x00-\x7F]{2,3}$",
        "^abcdefg[a-g]+$",
    ];
    const OTHER: &[&str] = &[
        "[a-z]+",
        "^[a-z]+",
        "[a-z]+$",
        r"^\d+$",
        "^a+b+$",
        "^(ab)+$",
        "^a|b$",
        "^.+$",
        "^(?i)k$",
        "^流+$",
        "(?m)^a$",
        "^a$b",
        "^abcdefghi$",
    ];

    #[test]
    fn recognises_the_shape() {
        for pattern in SIMPLE {
            assert!(ByteProgram::compile(pattern).is_some(), "{pattern}");
        }
        for pattern in OTHER {
            assert!(ByteProgram::compile(pattern).is_none(), "{pattern}");
        }
    }

    /// Every string over a small alphabet up to length 5 (plus some long and non-ASCII ones)
    /// gets the same answer from the byte program as from the regex.
    #[test]
    fn agrees_with_the_regex() {
        let alphabet =
            ["a", "b", "c", "x", "z", "A", "0", "9", "-", "_", "v", "p", "é", "流", "\n", "\u{7f}", "\u{80}"];
        let mut inputs = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &frontier {
                for c in alphabet {
                    next.push(format!("{s}{c}"));
                }
            }
            inputs.extend(next.iter().cloned());
            frontier = next;
        }
        inputs.push("a".repeat(63));
        inputs.push("a".repeat(64));
        inputs.push(format!("a{}a", "-".repeat(61)));
        inputs.push("vpc-a0z".into());
        inputs.push("abcdefgabc".into());
        inputs.push("abcdefg".into());
        for pattern in SIMPLE {
            let program = ByteProgram::compile(pattern).unwrap();
            let regex = regex::Regex::new(pattern).unwrap();
            for input in &inputs {
                assert_eq!(program.is_match(input.as_bytes()), regex.is_match(input), "{pattern} on {input:?}");
            }
        }
    }
}
