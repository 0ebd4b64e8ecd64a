//! Loading metadata and assembling the files of a generated crate.

use crate::diag::{self, Diagnostic, Severity};
use crate::emit::{self, EmitOptions};
use crate::model::Product;
use crate::render;
use crate::write::Files;
use std::collections::BTreeSet;
use std::fmt;
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
    /// Inputs that could not be read at all (a missing file, a folder without metadata): not
    /// problems of the metadata, so they are not diagnostics.
    pub input_errors: Vec<InputError>,
}

impl Loaded {
    /// Whether any error was found, in the metadata or in reading it.
    pub fn has_errors(&self) -> bool {
        !self.input_errors.is_empty() || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// An input that could not be read: `error: cannot read metadata/vpc.json: No such file or
/// directory (os error 2)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file or folder, as given.
    pub path: PathBuf,
    /// What went wrong (the operating system's message for I/O errors).
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: cannot read {}: {}", self.path.display(), self.message)
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
                    loaded.input_errors.push(input_error(input, "the folder holds no `.json` metadata file".into()));
                }
                files.extend(found);
            }
            Err(_) if input.is_file() => files.push(input.clone()),
            Err(e) => loaded.input_errors.push(input_error(input, e.to_string())),
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
            Err(e) => loaded.input_errors.push(input_error(file, e.to_string())),
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

fn input_error(path: &Path, message: String) -> InputError {
    InputError { path: path.to_path_buf(), message }
}

/// Keeps only the operations named in `wanted` (action names as the service spells them):
/// products left without any are dropped, and so are the diagnostics about operations dropped.
/// An unknown name is an error, with the closest action name (by edit distance) when one is close.
pub fn select_operations(
    products: &mut Vec<Product>,
    diagnostics: &mut Vec<Diagnostic>,
    wanted: &BTreeSet<String>,
) -> Result<(), String> {
    let known: BTreeSet<&str> = products.iter().flat_map(|p| p.operations.iter().map(|o| o.action.as_str())).collect();
    let unknown: Vec<String> = wanted
        .iter()
        .filter(|w| !known.contains(w.as_str()))
        .map(|w| match closest(w, &known) {
            Some(k) => format!("unknown operation `{w}`; did you mean `{k}`?"),
            None => format!("unknown operation `{w}`; no operation of the metadata has a name close to it"),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown.join("\n"));
    }
    let mut dropped: Vec<(PathBuf, String)> = Vec::new();
    for p in products.iter_mut() {
        let source = p.source.clone();
        for o in p.operations.iter().filter(|o| !wanted.contains(&o.action)) {
            dropped.push((source.clone(), diag::join("/apis", &o.action)));
        }
        // Shapes keep the names the whole product gave them.
        p.retain_operations(|o| wanted.contains(&o.action));
    }
    products.retain(|p| !p.operations.is_empty());
    diagnostics.retain(|d| !in_any(d, &dropped));
    Ok(())
}

/// Whether every error of `diagnostics` lies in an operation not in `wanted` (`/apis/<Name>/...`):
/// the build fails all the same, since a file is checked as a whole, and says so.
pub fn errors_outside(diagnostics: &[Diagnostic], wanted: &BTreeSet<String>) -> bool {
    let mut errors = diagnostics.iter().filter(|d| d.is_error()).peekable();
    errors.peek().is_some()
        && errors.all(|d| {
            d.pointer
                .strip_prefix("/apis/")
                .map(|rest| rest.split('/').next().unwrap_or(rest).replace("~1", "/").replace("~0", "~"))
                .is_some_and(|op| !wanted.contains(&op))
        })
}

/// The note printed after metadata errors that all lie outside the operations selected.
pub const OUTSIDE_SELECTION_NOTE: &str =
    "note: every problem above is in an operation that is not selected; a metadata file is \
     checked as a whole, so fix it (or drop those operations from a copy of the file) to generate the others";

/// Whether `d` points inside one of `apis` (`(file, /apis/Name)` pairs).
pub(crate) fn in_any(d: &Diagnostic, apis: &[(PathBuf, String)]) -> bool {
    apis.iter().any(|(file, api)| {
        *file == d.file && d.pointer.strip_prefix(api.as_str()).is_some_and(|r| r.is_empty() || r.starts_with('/'))
    })
}

/// The known name closest to `name`: the same but for case, or else the one with the smallest
/// edit distance (case ignored), when that distance is at most a third of the name's length
/// (at least 2).
pub fn closest<'a>(name: &str, known: &BTreeSet<&'a str>) -> Option<&'a str> {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        return Some(k);
    }
    let lower = name.to_ascii_lowercase();
    let limit = (name.chars().count() / 3).max(2);
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k)
}

/// Names the module (and folder or file) of the single product in `products`: a plain
/// snake-case identifier (`flowlogs`, not `FlowLogs`, `type` or `std`).
pub fn rename_module(products: &mut [Product], name: &str) -> Result<(), String> {
    if crate::names::module(name) != name {
        return Err(format!(
            "`{}` is not a usable module name; try `{}`",
            name.escape_default(),
            crate::names::module(name)
        ));
    }
    match products {
        [only] => {
            only.module = name.to_string();
            Ok(())
        }
        _ => Err(format!(
            "a module name names one product, but {} products are generated; generate them one at a time",
            products.len()
        )),
    }
}

/// The package name of a crate holding `products`: `alibabacloud-` and the module names
/// (`alibabacloud-ecs` for ECS; `alibabacloud-cbn-ecr-vpc` for three products).
pub fn default_crate_name(products: &[Product]) -> String {
    let mut name = String::from("alibabacloud");
    for p in products {
        name.push('-');
        name.push_str(&crate::names::unraw(&p.module).replace('_', "-"));
    }
    name
}

/// How the generated crate finds the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A path, relative to the generated crate (`../runtime`).
    Path(String),
    /// A version from the registry.
    Version(String),
    /// A git repository, at a branch, tag or commit when given (`rev`), else its default branch.
    Git {
        /// The repository URL.
        url: String,
        /// A branch, tag or commit.
        rev: Option<String>,
    },
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
    /// What the emitters emit (validation, clients).
    pub emit: EmitOptions,
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
            emit: EmitOptions::default(),
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

/// Every file of a crate holding `products`: `Cargo.toml`, `src/lib.rs`, `src/<module>/mod.rs`,
/// `src/<module>/types.rs` (the shapes several operations share, when there are any) and one
/// `src/<module>/<operation>.rs` per operation.
pub fn crate_files(products: &[Product], options: &CrateOptions) -> Result<Files, String> {
    let mut files = Files::new();
    files.insert(PathBuf::from("Cargo.toml"), cargo_toml(options));
    files.insert(PathBuf::from("README.md"), readme(products, options));
    // prettyplease formats generated code; `cargo fmt` in a workspace must leave it as it is.
    files.insert(PathBuf::from("rustfmt.toml"), RUSTFMT_TOML.to_string());
    let info = emit::product::CrateInfo {
        name: &options.name,
        description: &options.description,
        client: options.emit.client,
    };
    // The crate is known here: its items get doc examples that name it.
    let emit = EmitOptions { examples: Some(options.name.replace('-', "_")), ..options.emit.clone() };
    files.insert(PathBuf::from("src/lib.rs"), render::file(emit::crate_root(products, &info))?);
    for p in products {
        let dir = PathBuf::from("src").join(emit::text::path_segment(&p.module));
        files.insert(dir.join("mod.rs"), render::file(emit::product_module_with(p, &emit))?);
        if let Some(types) = emit::types_file(p, &emit) {
            files.insert(dir.join("types.rs"), render::file(types).map_err(|e| format!("{} types: {e}", p.code))?);
        }
        for op in &p.operations {
            let text = render::file(emit::operation_file_with(p, op, &emit))
                .map_err(|e| format!("{} {}: {e}", p.code, op.action))?;
            files.insert(dir.join(format!("{}.rs", emit::text::path_segment(&op.module))), text);
        }
    }
    Ok(files)
}

fn cargo_toml(o: &CrateOptions) -> String {
    let runtime = match &o.runtime {
        RuntimeDependency::Path(p) => format!("{{ path = {}, version = \"{RUNTIME_VERSION}\" }}", toml_str(p)),
        RuntimeDependency::Version(v) => toml_str(v),
        RuntimeDependency::Git { url, rev: None } => format!("{{ git = {} }}", toml_str(url)),
        RuntimeDependency::Git { url, rev: Some(rev) } => {
            format!("{{ git = {}, rev = {} }}", toml_str(url), toml_str(rev))
        }
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
         readme = \"README.md\"\n\
         \n\
         [dependencies]\n\
         alibabacloud-runtime = {runtime}\n",
        toml_str(&o.name),
        toml_str(&o.version),
        // Cargo hands the description to rustc as an environment variable, which cannot hold NUL;
        // it is text a reader sees: hidden characters become markers.
        toml_str(&emit::text::visible_line(&o.description.replace(['\r', '\n'], " "))),
    )
}

/// The crate's README (its crates.io page): what it is, its products, how to depend on it.
fn readme(products: &[Product], o: &CrateOptions) -> String {
    let mut s = format!(
        "<!-- @generated by codegen from Alibaba Cloud API metadata. Do not edit by hand. -->\n# {}\n\n{}\n\n\
         | Module | Product | Version | Operations |\n| --- | --- | --- | --- |\n",
        o.name, o.description
    );
    for p in products {
        let cell = |t: &str| t.replace(['|', '\n', '\r', '<', '>', '`'], " ");
        s.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            p.module,
            cell(&p.code),
            cell(&p.version),
            p.operations.len()
        ));
    }
    let tokio =
        if o.emit.client { "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n" } else { "" };
    s.push_str(&format!(
        "\nEach operation has a request type whose builder checks every documented constraint and reports \
         all violations at once, a response type and an error enum with a variant per documented error \
         code{}. The crate documentation has an example.\n\n```toml\n[dependencies]\n{} = \"{}\"\n{tokio}```\n",
        if o.emit.client { "; each product has an async `Client` with a method per operation" } else { "" },
        o.name,
        o.version,
    ));
    s
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
