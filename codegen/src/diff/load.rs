//! Reading one side of a diff: metadata files and folders, each file checked into the model (the
//! generator's own checker, so the diff sees exactly what generation would) and keyed by product
//! and version for matching.

use super::extract;
use super::surface::ProductSurface;
use crate::diag::Diagnostic;
use std::fmt;
use std::path::{Path, PathBuf};

/// One metadata file of a side.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file.
    pub file: PathBuf,
    /// Product code as written.
    pub product: String,
    /// API version.
    pub version: String,
    /// What the generator makes of it.
    pub content: Content,
}

/// What the generator makes of a file.
#[derive(Debug, Clone)]
pub enum Content {
    /// It checks: its API surface.
    Surface(Box<ProductSurface>),
    /// The generator refuses it (an unsupported API style, errors in the metadata): nothing would
    /// be generated from it.
    Refused(String),
}

impl Entry {
    /// The matching key: product code (case-insensitive) and version.
    pub fn key(&self) -> (String, String) {
        (self.product.to_ascii_lowercase(), self.version.clone())
    }
}

/// Why a side could not be read.
#[derive(Debug)]
pub enum DiffError {
    /// A file or folder could not be read.
    Io(PathBuf, std::io::Error),
    /// A folder holds no metadata file.
    Empty(PathBuf),
    /// Files whose product and version cannot be told (not JSON, no `info`): they cannot be matched.
    Unreadable(Vec<Diagnostic>),
    /// Two files of one side are the same product and version.
    Duplicate {
        /// Product and version.
        product: String,
        /// The first file.
        first: PathBuf,
        /// The second file.
        second: PathBuf,
    },
}

impl fmt::Display for DiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiffError::Io(path, e) => write!(f, "error: cannot read {}: {e}", path.display()),
            DiffError::Empty(path) => write!(f, "error: {} holds no `.json` metadata file", path.display()),
            DiffError::Unreadable(diags) => {
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        writeln!(f, "\n")?;
                    }
                    write!(f, "{d}")?;
                }
                write!(f, "\n\nerror: the product and version of these files cannot be read, so they cannot be compared")
            }
            DiffError::Duplicate { product, first, second } => write!(
                f,
                "error: {product} is given twice on one side: {} and {}\n  = help: give one file per product and version on each side",
                first.display(),
                second.display()
            ),
        }
    }
}

impl std::error::Error for DiffError {}

/// The metadata files of `inputs` (files, or folders of `.json` files, not recursive), sorted.
pub fn files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, DiffError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| DiffError::Io(input.clone(), e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
                .collect();
            if found.is_empty() {
                return Err(DiffError::Empty(input.clone()));
            }
            found.sort();
            files.extend(found);
        } else {
            std::fs::metadata(input).map_err(|e| DiffError::Io(input.clone(), e))?;
            files.push(input.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// A file of a side, known by its product and version, not checked yet: sides are matched first,
/// then each pair is checked, compared and dropped, so memory holds one pair at a time.
#[derive(Debug, Clone)]
pub struct Head {
    /// The file.
    pub file: PathBuf,
    /// Product code as written.
    pub product: String,
    /// API version.
    pub version: String,
}

impl Head {
    /// The matching key: product code (case-insensitive) and version.
    pub fn key(&self) -> (String, String) {
        (self.product.to_ascii_lowercase(), self.version.clone())
    }

    /// Reads and checks the file.
    pub fn load(&self) -> Result<Entry, DiffError> {
        let bytes = std::fs::read(&self.file).map_err(|e| DiffError::Io(self.file.clone(), e))?;
        entry(&self.file, &bytes).map_err(DiffError::Unreadable)
    }
}

/// The product and version of every file of a side (a light read of `info` only).
pub fn heads(inputs: &[PathBuf]) -> Result<Vec<Head>, DiffError> {
    #[derive(serde::Deserialize)]
    struct Top {
        info: Option<Info>,
    }
    #[derive(serde::Deserialize)]
    struct Info {
        product: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let mut heads: Vec<Head> = Vec::new();
    let mut unreadable = Vec::new();
    for file in files(inputs)? {
        let bytes = std::fs::read(&file).map_err(|e| DiffError::Io(file.clone(), e))?;
        let info = serde_json::from_slice::<Top>(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes))
            .ok()
            .and_then(|t| t.info)
            .and_then(|i| {
                let text = |v: Option<serde_json::Value>| v.and_then(|v| v.as_str().map(str::to_string));
                Some((text(i.product)?, text(i.version)?))
            })
            .filter(|(p, v)| !p.trim().is_empty() && !v.trim().is_empty());
        let Some((product, version)) = info else {
            // Not even the product: the checker says why, located.
            match entry(&file, &bytes) {
                Ok(e) => heads.push(Head { file, product: e.product, version: e.version }),
                Err(diags) => unreadable.extend(diags),
            }
            continue;
        };
        let head = Head { file, product, version };
        if let Some(other) = heads.iter().find(|o| o.key() == head.key()) {
            return Err(DiffError::Duplicate {
                product: format!("{} {}", head.product, head.version),
                first: other.file.clone(),
                second: head.file,
            });
        }
        heads.push(head);
    }
    if !unreadable.is_empty() {
        return Err(DiffError::Unreadable(unreadable));
    }
    Ok(heads)
}

/// One file: checked, or refused with the generator's reason; the errors when not even its product
/// and version can be read.
pub fn entry(file: &Path, bytes: &[u8]) -> Result<Entry, Vec<Diagnostic>> {
    let (product, diags) = crate::check::check_file(file, bytes);
    if let Some(p) = product {
        return Ok(Entry {
            file: file.to_path_buf(),
            product: p.code.clone(),
            version: p.version.clone(),
            content: Content::Surface(Box::new(extract::surface(&p))),
        });
    }
    let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
    // Refused: match it by what `info` says, when the file says it.
    let info = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        .and_then(|v| {
            let text = |k: &str| v.pointer(&format!("/info/{k}")).and_then(|x| x.as_str()).map(str::to_string);
            Some((text("product")?, text("version")?)).filter(|(p, v)| !p.trim().is_empty() && !v.trim().is_empty())
        });
    match info {
        Some((product, version)) => {
            let reason = match errors.as_slice() {
                [] => "refused by the generator".to_string(),
                [only] => only.message.clone(),
                [first, rest @ ..] => format!("{} (and {} more error(s))", first.message, rest.len()),
            };
            Ok(Entry { file: file.to_path_buf(), product, version, content: Content::Refused(reason) })
        }
        None => Err(errors),
    }
}
