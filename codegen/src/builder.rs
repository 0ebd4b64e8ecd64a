//! The build-script API: generate an SDK for the operations a crate uses into `OUT_DIR`.
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! codegen::Builder::new()
//!     .metadata("metadata/vpc_2016-04-28.json")
//!     .operations(["CreateFlowLog", "DescribeFlowLogs"])
//!     .run();
//! ```
//!
//! ```ignore
//! // src/lib.rs: one file per product, named after its module.
//! pub mod vpc {
//!     include!(concat!(env!("OUT_DIR"), "/vpc.rs"));
//! }
//! ```

use crate::diag::Diagnostic;
use crate::emit::{self, EmitOptions, Validation};
use crate::model::Product;
use crate::render;
use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

/// Configures and runs generation from a build script.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    operations: Option<BTreeSet<String>>,
    module: Option<String>,
    options: EmitOptions,
    out_dir: Option<PathBuf>,
}

/// What a successful run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files written or kept, one per product (`<out>/<module>.rs`).
    pub files: Vec<PathBuf>,
    /// Whether generation was skipped because inputs and options were unchanged.
    pub skipped: bool,
    /// Warnings found in the metadata (generation went on).
    pub warnings: Vec<Diagnostic>,
}

/// Why a run failed.
#[derive(Debug)]
pub enum BuildError {
    /// The metadata has errors; every one is listed.
    Metadata(Vec<Diagnostic>),
    /// The options do not fit the metadata (an unknown operation name, `module` with several products).
    Options(String),
    /// Reading or writing files failed.
    Io(PathBuf, std::io::Error),
    /// The generator produced invalid Rust (a bug of the generator).
    Internal(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Metadata(diags) => {
                for d in diags {
                    writeln!(f, "{d}\n")?;
                }
                write!(f, "error: {} problem(s) in the metadata; nothing was generated", diags.len())
            }
            BuildError::Options(msg) => write!(f, "error: {msg}"),
            BuildError::Io(path, e) => write!(f, "error: {}: {e}", path.display()),
            BuildError::Internal(msg) => write!(f, "error: {msg}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl Builder {
    /// A builder with no input, strict validation and clients on.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a metadata file, or a folder of `.json` files (relative paths are relative to the
    /// crate's manifest folder, where cargo runs build scripts).
    pub fn metadata(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.push(path.into());
        self
    }

    /// Generates only these operations (action names as the service spells them). Without this,
    /// every operation is generated.
    pub fn operations<I, S>(mut self, actions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations.get_or_insert_with(BTreeSet::new).extend(actions.into_iter().map(Into::into));
        self
    }

    /// Names the output module (and file) of the single product given.
    pub fn module(mut self, name: impl Into<String>) -> Self {
        self.module = Some(name.into());
        self
    }

    /// Checks only required fields instead of every documented constraint.
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.options.validation = if lenient { Validation::RequiredOnly } else { Validation::Strict };
        self
    }

    /// Emits the per-product `Client` (default) or only the types.
    pub fn client(mut self, client: bool) -> Self {
        self.options.client = client;
        self
    }

    /// Writes into this folder instead of `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates, printing `cargo:rerun-if-changed` for every input. Files are rewritten only
    /// when their text changes, and nothing is generated when inputs and options are the same as
    /// last time.
    pub fn generate(&self) -> Result<Generated, BuildError> {
        let out = match &self.out_dir {
            Some(d) => d.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or_else(|| {
                BuildError::Options("OUT_DIR is not set: call this from a build script, or set `out_dir`".into())
            })?),
        };
        for input in &self.inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        let loaded = crate::load(&self.inputs);
        for file in &loaded.files {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        if loaded.has_errors() {
            return Err(BuildError::Metadata(loaded.diagnostics.into_iter().filter(Diagnostic::is_error).collect()));
        }
        let warnings: Vec<Diagnostic> = loaded.diagnostics;
        let mut products = loaded.products;
        self.filter(&mut products)?;
        if let Some(m) = &self.module {
            match products.as_mut_slice() {
                [only] => only.module = m.clone(),
                _ => {
                    return Err(BuildError::Options(
                        "`module` names one product, but the metadata holds several".into(),
                    ))
                }
            }
        }
        let clashes = crate::module_clashes(&products);
        if !clashes.is_empty() {
            return Err(BuildError::Metadata(clashes));
        }

        let stamp_path = out.join(".codegen-stamp");
        let stamp = self.stamp(&loaded.files)?;
        let files: Vec<PathBuf> = products.iter().map(|p| out.join(format!("{}.rs", p.module))).collect();
        if std::fs::read_to_string(&stamp_path).ok().as_deref() == Some(stamp.as_str())
            && files.iter().all(|f| f.exists())
        {
            return Ok(Generated { files, skipped: true, warnings });
        }
        std::fs::create_dir_all(&out).map_err(|e| BuildError::Io(out.clone(), e))?;
        for (p, path) in products.iter().zip(&files) {
            let text = inline_product(p, &self.options).map_err(BuildError::Internal)?;
            if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
                std::fs::write(path, text).map_err(|e| BuildError::Io(path.clone(), e))?;
            }
        }
        std::fs::write(&stamp_path, stamp).map_err(|e| BuildError::Io(stamp_path.clone(), e))?;
        Ok(Generated { files, skipped: false, warnings })
    }

    /// [`generate`](Self::generate), for build scripts: warnings become `cargo:warning` lines, and an
    /// error is printed as a readable diagnostic and ends the build script with exit status 1 (no
    /// panic backtrace).
    pub fn run(&self) -> Generated {
        match self.generate() {
            Ok(g) => {
                for w in &g.warnings {
                    println!("cargo:warning={}", w.to_string().replace('\n', " "));
                }
                g
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }

    fn filter(&self, products: &mut [Product]) -> Result<(), BuildError> {
        let Some(wanted) = &self.operations else { return Ok(()) };
        let known: BTreeSet<&str> =
            products.iter().flat_map(|p| p.operations.iter().map(|o| o.action.as_str())).collect();
        let unknown: Vec<&str> = wanted.iter().map(String::as_str).filter(|w| !known.contains(w)).collect();
        if !unknown.is_empty() {
            return Err(BuildError::Options(format!(
                "unknown operation(s): {} (action names are case-sensitive, as the service spells them)",
                unknown.join(", ")
            )));
        }
        for p in products.iter_mut() {
            p.operations.retain(|o| wanted.contains(&o.action));
        }
        Ok(())
    }

    /// A fingerprint of everything that decides the output.
    fn stamp(&self, files: &[PathBuf]) -> Result<String, BuildError> {
        let mut h = Fnv::default();
        h.write(env!("CARGO_PKG_VERSION").as_bytes());
        h.write(format!("{:?}{:?}{:?}", self.operations, self.module, self.options).as_bytes());
        for f in files {
            h.write(f.to_string_lossy().as_bytes());
            h.write(&std::fs::read(f).map_err(|e| BuildError::Io(f.clone(), e))?);
        }
        Ok(format!("{:016x}\n", h.0))
    }
}

/// 64-bit FNV-1a: a stable fingerprint (std's hasher may change between Rust releases).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
}

/// One file for a product, for `include!`: operation modules inline, and no inner attributes
/// (which `include!` does not accept); module docs become outer docs of the inline modules.
pub fn inline_product(p: &Product, options: &EmitOptions) -> Result<String, String> {
    let mut file = render::parse(emit::product_module_with(p, options))?;
    file.attrs.clear();
    for item in &mut file.items {
        let syn::Item::Mod(m) = item else { continue };
        if m.content.is_some() {
            continue;
        }
        let name = m.ident.to_string();
        let Some(op) = p.operations.iter().find(|o| crate::names::unraw(&o.module) == name.trim_start_matches("r#"))
        else {
            continue;
        };
        let mut op_file = render::parse(emit::operation_file_with(p, op, options))?;
        for mut attr in op_file.attrs.drain(..) {
            attr.style = syn::AttrStyle::Outer;
            m.attrs.push(attr);
        }
        m.content = Some((syn::token::Brace::default(), op_file.items));
        m.semi = None;
    }
    Ok(render::unparse(&file))
}
