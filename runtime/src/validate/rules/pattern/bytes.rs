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

#[inline]
fn contains(set: AsciiSet, byte: u8) -> bool {
    byte < 128 && (set >> byte) & 1 == 1
}

/// A compiled anchored run of ASCII classes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ByteProgram {
    prefix: Vec<AsciiSet>,
    middle: Option<Middle>,
    suffix: Vec<AsciiSet>,
}

/// The one repetition whose count varies.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Middle {
    set: AsciiSet,
    min: usize,
    max: Option<usize>,
}

/// One element of the pattern: a class repeated `min..=max` times.
struct Piece {
    set: AsciiSet,
    min: usize,
    max: Option<usize>,
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
        let mut program = ByteProgram { prefix: Vec::new(), middle: None, suffix: Vec::new() };
        for piece in pieces {
            if piece.max == Some(piece.min) {
                let fixed = if program.middle.is_none() { &mut program.prefix } else { &mut program.suffix };
                fixed.extend(std::iter::repeat(piece.set).take(piece.min));
                if fixed.len() > MAX_FIXED_POSITIONS {
                    return None;
                }
            } else if program.middle.is_none() {
                program.middle = Some(Middle { set: piece.set, min: piece.min, max: piece.max });
            } else {
                return None;
            }
        }
        Some(program)
    }

    /// Whether `haystack` matches.
    #[inline]
    pub(crate) fn is_match(&self, haystack: &[u8]) -> bool {
        let fixed = self.prefix.len() + self.suffix.len();
        let Some(between) = haystack.len().checked_sub(fixed) else {
            return false;
        };
        let (head, rest) = haystack.split_at(self.prefix.len());
        let (middle, tail) = rest.split_at(between);
        let middle_ok = match &self.middle {
            None => between == 0,
            Some(m) => {
                between >= m.min
                    && m.max.map_or(true, |max| between <= max)
                    && middle.iter().all(|&b| contains(m.set, b))
            }
        };
        middle_ok
            && head.iter().zip(&self.prefix).all(|(&b, &set)| contains(set, b))
            && tail.iter().zip(&self.suffix).all(|(&b, &set)| contains(set, b))
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
    ];
    const OTHER: &[&str] = &[
        "[a-z]+", "^[a-z]+", "[a-z]+$", r"^\d+$", "^a+b+$", "^(ab)+$", "^a|b$", "^.+$", "^(?i)k$", "^流+$", "(?m)^a$",
        "^a$b",
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
        let alphabet = ["a", "b", "c", "x", "z", "A", "0", "9", "-", "_", "v", "p", "é", "流", "\n"];
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
        for pattern in SIMPLE {
            let program = ByteProgram::compile(pattern).unwrap();
            let regex = regex::Regex::new(pattern).unwrap();
            for input in &inputs {
                assert_eq!(program.is_match(input.as_bytes()), regex.is_match(input), "{pattern} on {input:?}");
            }
        }
    }
}
