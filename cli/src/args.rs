//! The command line: flags (the same choices as `codegen::Builder`), and the command that
//! regenerates an output, for `--check` to name.

use clap::{ArgGroup, Parser, Subcommand, ValueEnum};
use codegen::{EmitOptions, RuntimeDependency, Validation};
use std::path::{Path, PathBuf};

/// Generates a typed, validated Rust SDK from Alibaba Cloud api-docs metadata.
///
/// With no arguments, regenerates the workspace's `generated/` crate from `metadata/`, and the
/// runtime's STS client (`runtime/src/sts.rs`) from `runtime/metadata/`.
#[derive(Debug, Parser)]
#[command(
    name = "codegen",
    version,
    group(ArgGroup::new("runtime").args(["runtime_path", "runtime_version", "runtime_git"])),
    args_conflicts_with_subcommands = true,
    after_help = "Exit status: 0 success, 1 stale output under --check, 2 bad metadata or bad usage \
                  (`codegen diff`: 3 on breaking changes).\n\
                  With --crate-per-product: 2 when any product was refused (the others are still \
                  generated; each refused product is listed with its reason)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A metadata file, or a folder of `.json` metadata files (repeatable) [default: the workspace's metadata/]
    #[arg(long = "metadata", value_name = "FILE_OR_DIR")]
    pub metadata: Vec<PathBuf>,
    /// The crate folder to write [default: the workspace's generated/]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write nothing; exit 1 and list each stale file when the output differs from what the metadata gives
    #[arg(long)]
    pub check: bool,
    /// Package name of the generated crate [default: `alibabacloud-` and the product's module,
    /// e.g. alibabacloud-ecs; alibabacloud-flowlog for the workspace's metadata/]
    #[arg(long, value_name = "NAME", conflicts_with = "crate_per_product")]
    pub crate_name: Option<String>,
    /// Generate only this operation (repeatable, or comma-separated; action names as the API spells them)
    #[arg(long = "operation", value_name = "NAME", value_delimiter = ',', conflicts_with = "crate_per_product")]
    pub operations: Vec<String>,
    /// Module (and folder) name of the single product generated [default: the product's]
    #[arg(long, value_name = "NAME", conflicts_with = "crate_per_product")]
    pub module: Option<String>,
    /// Request types check only required fields, not every documented constraint (for metadata
    /// stricter than the service)
    #[arg(long)]
    pub lenient: bool,
    /// Generate the types only: no `Client`, no paginators
    #[arg(long)]
    pub no_client: bool,
    /// The runtime as a path dependency; a relative path is taken from the current folder and
    /// written relative to the crate [default: the workspace's runtime/]
    #[arg(long, value_name = "DIR")]
    pub runtime_path: Option<PathBuf>,
    /// The runtime as a registry dependency, e.g. 0.1
    #[arg(long, value_name = "VERSION")]
    pub runtime_version: Option<String>,
    /// The runtime as a git dependency (its default branch, or --runtime-rev)
    #[arg(long, value_name = "URL")]
    pub runtime_git: Option<String>,
    /// The commit (or tag) of --runtime-git
    #[arg(long, value_name = "REV", requires = "runtime_git")]
    pub runtime_rev: Option<String>,
    /// Generate each metadata file into a crate of its own, `<out>/<file stem>/` (package
    /// `alibabacloud-<stem>`), one product at a time, and write `<out>/Cargo.toml`, a workspace of
    /// every crate generated. Products with metadata errors are refused; the others are still generated
    #[arg(long, requires = "out")]
    pub crate_per_product: bool,
    /// How metadata warnings are shown: one per kind with a count, every one, only the summary
    /// line, or none
    #[arg(long, short = 'W', value_name = "MODE", default_value = "grouped")]
    pub warnings: WarningMode,
    /// Print nothing but errors
    #[arg(long, short)]
    pub quiet: bool,
    /// Before writing, print the API changes from this older metadata (a file or folder) to the
    /// metadata being generated, with their semver verdict (see `codegen diff --help`)
    #[arg(long, value_name = "OLD", conflicts_with = "crate_per_product")]
    pub diff_against: Option<PathBuf>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report what changes in the generated API between two editions of the metadata, and whether it breaks users
    Diff(crate::diff_cmd::DiffArgs),
}

/// How metadata warnings are shown (`-W`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WarningMode {
    /// The first warning of each kind, with how many more there are, then a summary line.
    Grouped,
    /// Every warning, then a summary line.
    All,
    /// The summary line only.
    Summary,
    /// Nothing.
    None,
}

impl Cli {
    /// The emitters' options: `--lenient`, `--no-client`.
    pub fn emit_options(&self) -> EmitOptions {
        EmitOptions {
            validation: if self.lenient { Validation::RequiredOnly } else { Validation::Strict },
            client: !self.no_client,
            ..EmitOptions::default()
        }
    }

    /// The runtime dependency of a crate written to `dir`; a path is written relative to `dir`,
    /// so that the crate and the runtime can move together.
    pub fn runtime_dependency(&self, dir: &Path, workspace_runtime: &Path) -> RuntimeDependency {
        if let Some(v) = &self.runtime_version {
            RuntimeDependency::Version(v.clone())
        } else if let Some(url) = &self.runtime_git {
            RuntimeDependency::Git { url: url.clone(), rev: self.runtime_rev.clone() }
        } else {
            let runtime = self.runtime_path.as_deref().unwrap_or(workspace_runtime);
            RuntimeDependency::Path(codegen::relative_path(dir, runtime))
        }
    }

    /// The command that writes what `--check` compares with: this one, without `--check` and
    /// the flags that only change what is printed.
    pub fn regenerate_command(&self) -> String {
        let mut words: Vec<String> = Vec::new();
        let mut flag = |name: &str, value: Option<String>| {
            words.push(name.to_string());
            words.extend(value.map(|v| quote(&v)));
        };
        for m in &self.metadata {
            flag("--metadata", Some(m.display().to_string()));
        }
        if let Some(o) = &self.out {
            flag("--out", Some(o.display().to_string()));
        }
        if self.crate_per_product {
            flag("--crate-per-product", None);
        }
        if let Some(n) = &self.crate_name {
            flag("--crate-name", Some(n.clone()));
        }
        if !self.operations.is_empty() {
            flag("--operation", Some(self.operations.join(",")));
        }
        if let Some(m) = &self.module {
            flag("--module", Some(m.clone()));
        }
        if self.lenient {
            flag("--lenient", None);
        }
        if self.no_client {
            flag("--no-client", None);
        }
        if let Some(p) = &self.runtime_path {
            flag("--runtime-path", Some(p.display().to_string()));
        }
        if let Some(v) = &self.runtime_version {
            flag("--runtime-version", Some(v.clone()));
        }
        if let Some(g) = &self.runtime_git {
            flag("--runtime-git", Some(g.clone()));
        }
        if let Some(r) = &self.runtime_rev {
            flag("--runtime-rev", Some(r.clone()));
        }
        let program = program();
        match (program.as_str(), words.is_empty()) {
            ("cargo run -p codegen", true) => program,
            ("cargo run -p codegen", false) => format!("{program} -- {}", words.join(" ")),
            (_, _) => std::iter::once(program).chain(words).collect::<Vec<_>>().join(" "),
        }
    }
}

/// How the user runs this program: through cargo in the workspace (cargo sets `CARGO_PKG_NAME`
/// for what it runs), or as an installed binary.
fn program() -> String {
    if std::env::var("CARGO_PKG_NAME").is_ok_and(|p| p == env!("CARGO_PKG_NAME")) {
        "cargo run -p codegen".to_string()
    } else {
        std::env::args_os()
            .next()
            .and_then(|a| Path::new(&a).file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "codegen".to_string())
    }
}

/// A word for a POSIX shell: as it is when it holds nothing special, else in single quotes.
fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_' | ',' | ':' | '=' | '@' | '+'));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(quote("metadata/vpc_2016-04-28.json"), "metadata/vpc_2016-04-28.json");
        assert_eq!(quote("my sdk"), "'my sdk'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
    }
}
