//! Loading metadata and assembling the files of a generated crate.

use crate::diag::{Diagnostic, Severity};
use crate::emit;
use crate::model::Product;
use crate::render;
use crate::write::Files;
use std::path::{Path, PathBuf};

/// The products read from metadata, and every diagnostic found on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Products that checked without error, sorted by module name.
    pub products: Vec<Product>,
    /// Errors and warnings, file by file in path order.
    pub diagnostics: Vec<Diagnostic>,
    /// The metadata files read (for `rerun-if-changed`), sorted.
    pub files: Vec<PathBuf>,
}

impl Loaded {
    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads every metadata file: each input is a `.json` file or a folder of them (not recursive).
/// Two products that would share a module name are reported as an error.
pub fn load(inputs: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded::default();
    let mut files = Vec::new();
    for input in inputs {
        match std::fs::read_dir(input) {
            Ok(entries) => {
                let mut found: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
                    .collect();
                found.sort();
                if found.is_empty() {
                    loaded.diagnostics.push(io_diag(input, "the folder holds no `.json` metadata file".into()));
                }
                files.extend(found);
            }
            Err(_) if input.is_file() => files.push(input.clone()),
            Err(e) => loaded.diagnostics.push(io_diag(input, format!("cannot read metadata: {e}"))),
        }
    }
    files.sort();
    files.dedup();
    for file in &files {
        match std::fs::read(file) {
            Ok(bytes) => {
                let (product, diags) = crate::check::check_file(file, &bytes);
                loaded.diagnostics.extend(diags);
                if let Some(p) = product {
                    if let Some(other) = loaded.products.iter().find(|o| o.module == p.module) {
                        loaded.diagnostics.push(Diagnostic {
                            severity: Severity::Error,
                            file: file.clone(),
                            pointer: "/info".into(),
                            line_col: None,
                            message: format!(
                                "module name `{}` is already used by {}",
                                p.module,
                                other.source.display()
                            ),
                            help: Some("give one of the products another `info.x-rust-module`".into()),
                        });
                    } else {
                        loaded.products.push(p);
                    }
                }
            }
            Err(e) => loaded.diagnostics.push(io_diag(file, format!("cannot read metadata: {e}"))),
        }
    }
    loaded.products.sort_by(|a, b| a.module.cmp(&b.module).then_with(|| a.source.cmp(&b.source)));
    loaded.files = files;
    loaded
}

/// Products that one crate cannot hold together because they would share a module name: an error
/// naming both files (a crate per product has no such limit).
pub fn module_clashes(products: &[Product]) -> Vec<Diagnostic> {
    products
        .windows(2)
        .filter(|w| w[0].module == w[1].module)
        .map(|w| Diagnostic {
            severity: Severity::Error,
            file: w[1].source.clone(),
            pointer: "/info".into(),
            line_col: None,
            message: format!("module name `{}` is already used by {}", w[1].module, w[0].source.display()),
            help: Some("give one of the products another `info.x-rust-module`, or generate a crate per product".into()),
        })
        .collect()
}

fn io_diag(path: &Path, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: path.to_path_buf(),
        pointer: String::new(),
        line_col: None,
        message,
        help: None,
    }
}

/// How the generated crate finds the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A path, relative to the generated crate (`../runtime`).
    Path(String),
    /// A version from the registry.
    Version(String),
}

/// Options for a generated crate.
#[derive(Debug, Clone)]
pub struct CrateOptions {
    /// Package name (`alibabacloud-flowlog`).
    pub name: String,
    /// Package version.
    pub version: String,
    /// One-paragraph description (the crate's front page starts with it).
    pub description: String,
    /// Where the runtime comes from.
    pub runtime: RuntimeDependency,
}

const RUNTIME_VERSION: &str = "0.1.0";

/// The `rustfmt.toml` of a generated crate.
pub const RUSTFMT_TOML: &str = "# @generated by codegen: prettyplease formats this crate, so rustfmt leaves it as it is.\ndisable_all_formatting = true\n";

impl CrateOptions {
    /// The options the CLI uses: version 0.1.0 and a description naming every product.
    pub fn for_products(products: &[Product], name: &str, runtime: RuntimeDependency) -> Self {
        let names: Vec<String> = products.iter().map(|p| format!("{} {}", p.code, p.version)).collect();
        CrateOptions {
            name: name.to_string(),
            version: "0.1.0".into(),
            description: format!(
                "Typed, validated Alibaba Cloud SDK for {}, generated from API metadata.",
                names.join(", ")
            ),
            runtime,
        }
    }
}

/// `to` relative to the folder `from` (both made absolute against the current folder), with `/`
/// separators, for paths written into generated `Cargo.toml` files.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    };
    let (from, to) = (abs(from), abs(to));
    let common = from.components().zip(to.components()).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); from.components().count() - common];
    parts.extend(to.components().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// Every file of a crate holding `products`: `Cargo.toml`, `src/lib.rs`, `src/<module>/mod.rs` and
/// one `src/<module>/<operation>.rs` per operation.
pub fn crate_files(products: &[Product], options: &CrateOptions) -> Result<Files, String> {
    let mut files = Files::new();
    files.insert(PathBuf::from("Cargo.toml"), cargo_toml(options));
    // prettyplease formats generated code; `cargo fmt` in a workspace must leave it as it is.
    files.insert(PathBuf::from("rustfmt.toml"), RUSTFMT_TOML.to_string());
    let info = emit::product::CrateInfo { name: &options.name, description: &options.description };
    files.insert(PathBuf::from("src/lib.rs"), render::file(emit::crate_root(products, &info))?);
    for p in products {
        let dir = PathBuf::from("src").join(emit::text::path_segment(&p.module));
        files.insert(dir.join("mod.rs"), render::file(emit::product_module(p))?);
        for op in &p.operations {
            let text =
                render::file(emit::operation_file(p, op)).map_err(|e| format!("{} {}: {e}", p.code, op.action))?;
            files.insert(dir.join(format!("{}.rs", emit::text::path_segment(&op.module))), text);
        }
    }
    Ok(files)
}

fn cargo_toml(o: &CrateOptions) -> String {
    let runtime = match &o.runtime {
        RuntimeDependency::Path(p) => format!("{{ path = {}, version = \"{RUNTIME_VERSION}\" }}", toml_str(p)),
        RuntimeDependency::Version(v) => toml_str(v),
    };
    format!(
        "# @generated by codegen from Alibaba Cloud API metadata. Do not edit by hand.\n\
         [package]\n\
         name = {}\n\
         version = {}\n\
         edition = \"2021\"\n\
         rust-version = \"1.80\"\n\
         description = {}\n\
         license = \"Apache-2.0\"\n\
         \n\
         [dependencies]\n\
         alibabacloud-runtime = {runtime}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n",
        toml_str(&o.name),
        toml_str(&o.version),
        // Cargo hands the description to rustc as an environment variable, which cannot hold NUL;
        // it is text a reader sees: hidden characters become markers.
        toml_str(&emit::text::visible_line(&o.description.replace(['\r', '\n'], " "))),
    )
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if emit::text::is_hidden(c) && (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c if emit::text::is_hidden(c) => out.push_str(&format!("\\U{:08X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
