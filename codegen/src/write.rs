//! Writing output: atomically (a failed run leaves the previous tree as it was), or comparing only
//! (`--check` writes nothing).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Files of one output tree: relative path → contents. A `BTreeMap`, so order never depends on
/// hashing.
pub type Files = BTreeMap<PathBuf, String>;

/// How the tree on disk differs from what the metadata gives.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Files whose contents differ.
    pub changed: Vec<PathBuf>,
    /// Files that should exist and do not.
    pub missing: Vec<PathBuf>,
    /// Files on disk that the metadata no longer gives.
    pub extra: Vec<PathBuf>,
}

impl Staleness {
    /// Whether the tree is up to date.
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

/// Compares `files` with the tree at `out` without writing anything.
pub fn check(out: &Path, files: &Files) -> io::Result<Staleness> {
    let mut s = Staleness::default();
    for (rel, contents) in files {
        match fs::read(out.join(rel)) {
            Ok(existing) if existing == contents.as_bytes() => {}
            Ok(_) => s.changed.push(rel.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => s.missing.push(rel.clone()),
            Err(e) => return Err(e),
        }
    }
    if out.exists() {
        for rel in list(out)? {
            if !files.contains_key(&rel) {
                s.extra.push(rel);
            }
        }
    }
    Ok(s)
}

/// Every file under `root`, relative, sorted.
fn list(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in fs::read_dir(root.join(&rel))? {
            let entry = entry?;
            let path = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Replaces the tree at `out` with exactly `files`: written beside it, then swapped in by rename.
/// Does nothing (and touches no timestamp) when the tree is already up to date. Returns whether
/// anything was written.
pub fn write_atomic(out: &Path, files: &Files) -> io::Result<bool> {
    if check(out, files)?.is_fresh() {
        return Ok(false);
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.codegen-new-{pid}"));
    let old = parent.join(format!(".{name}.codegen-old-{pid}"));
    let _ = fs::remove_dir_all(&staging);
    let result = (|| {
        for (rel, contents) in files {
            let path = staging.join(rel);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::write(&path, contents)?;
        }
        if out.exists() {
            fs::rename(out, &old)?;
            if let Err(e) = fs::rename(&staging, out) {
                // Put the previous tree back before reporting.
                let _ = fs::rename(&old, out);
                return Err(e);
            }
            fs::remove_dir_all(&old)?;
        } else {
            fs::rename(&staging, out)?;
        }
        Ok(true)
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs.iter().map(|(p, c)| (PathBuf::from(p), c.to_string())).collect()
    }

    #[test]
    fn writes_checks_and_replaces_whole_trees() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("gen");
        let first = files(&[("a.rs", "1"), ("m/b.rs", "2")]);
        assert!(write_atomic(&out, &first).unwrap());
        assert!(check(&out, &first).unwrap().is_fresh());
        assert!(!write_atomic(&out, &first).unwrap(), "an up-to-date tree is not rewritten");

        let second = files(&[("a.rs", "1"), ("c.rs", "3")]);
        let stale = check(&out, &second).unwrap();
        assert_eq!(stale.missing, vec![PathBuf::from("c.rs")]);
        assert_eq!(stale.extra, vec![PathBuf::from("m/b.rs")]);
        assert!(write_atomic(&out, &second).unwrap());
        assert!(!out.join("m/b.rs").exists());
        assert_eq!(fs::read_to_string(out.join("c.rs")).unwrap(), "3");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 1, "no staging or old tree is left behind: {leftovers:?}");
    }
}
