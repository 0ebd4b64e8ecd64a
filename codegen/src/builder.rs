//! The build-script API, [`Builder`].

use crate::diag::{self, Diagnostic};
use crate::emit::{self, EmitOptions, Validation};
use crate::model::Product;
use crate::render;
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Component, Path, PathBuf};

/// Name of the fingerprint file written beside the generated files.
pub const STAMP_FILE: &str = ".codegen-stamp";

/// The build-script API: generate an SDK for the operations a crate uses into `OUT_DIR`.
///
/// ```no_run
/// // build.rs, in `fn main`:
/// codegen::Builder::new()
///     .metadata("../metadata/vpc_2016-04-28.json") // a file, or a folder of them
///     .operations(["CreateFlowLog", "DescribeFlowLogs"]) // optional: only what the crate calls
///     .run();
/// ```
///
/// ```ignore
/// // src/lib.rs: one file per product, named after its module.
/// pub mod vpc {
///     include!(concat!(env!("OUT_DIR"), "/vpc.rs"));
/// }
/// ```
///
/// What a run does, in order:
///
/// 1. prints `cargo:rerun-if-changed` for every input (folders too, so a new file is noticed),
///    as an absolute path; relative paths are taken from the current folder, which cargo sets
///    to the crate's manifest folder when it runs a build script;
/// 2. reads and checks the metadata; any error stops the run, with every problem listed with its
///    file, line, column and JSON pointer;
/// 3. keeps the operations asked for (products left without any are dropped, as are warnings
///    about operations not kept);
/// 4. compares a fingerprint of the inputs, the options, the generator and the files it wrote
///    last time with the `.codegen-stamp` file in the output folder: when they match, nothing is
///    written (a no-op build stays a no-op);
/// 5. otherwise writes `<out>/<module>.rs` per product (each file atomically, and only when its
///    text changed), then the stamp.
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
    /// The files written or kept, one per product (`<out>/<module>.rs`), absolute.
    pub files: Vec<PathBuf>,
    /// Whether generation was skipped because inputs, options and outputs were unchanged.
    pub skipped: bool,
    /// Every file and folder printed as `cargo:rerun-if-changed`, absolute: the inputs as given,
    /// then the files found in folders.
    pub watched: Vec<PathBuf>,
    /// Warnings found in the metadata about what was generated (generation went on).
    pub warnings: Vec<Diagnostic>,
}

/// Why a run failed.
#[derive(Debug)]
pub enum BuildError {
    /// The metadata has errors; every one is listed.
    Metadata(Vec<Diagnostic>),
    /// The options do not fit the metadata (an unknown operation name, `module` with several
    /// products, no input).
    Options(String),
    /// A metadata input could not be read (a missing file, a folder without metadata).
    Input(Vec<crate::InputError>),
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
            BuildError::Input(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
            BuildError::Options(msg) => {
                let lines: Vec<String> = msg.lines().map(|l| format!("error: {l}")).collect();
                write!(f, "{}", lines.join("\n"))
            }
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
    /// current folder: the crate's manifest folder, where cargo runs build scripts).
    pub fn metadata(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.push(path.into());
        self
    }

    /// Generates only these operations (action names as the service spells them). Without this,
    /// every operation is generated. Calling it again adds to the list.
    pub fn operations<I, S>(mut self, actions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations.get_or_insert_with(BTreeSet::new).extend(actions.into_iter().map(Into::into));
        self
    }

    /// Names the output module (and file: `<name>.rs`) of the single product generated. The name
    /// must be a plain snake-case identifier (`flowlogs`, not `FlowLogs`, `type` or `std`).
    pub fn module(mut self, name: impl Into<String>) -> Self {
        self.module = Some(name.into());
        self
    }

    /// Checks only required fields (`true`) instead of every documented constraint (`false`, the
    /// default): the way out when the metadata is stricter than the service.
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.options.validation = if lenient { Validation::RequiredOnly } else { Validation::Strict };
        self
    }

    /// Emits the per-product `Client` and paginators (`true`, the default) or only the types.
    pub fn client(mut self, client: bool) -> Self {
        self.options.client = client;
        self
    }

    /// Writes into this folder instead of `OUT_DIR` (for instance `src/generated`, to read and
    /// commit the code; relative to the current folder, as for [`metadata`](Self::metadata)).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates, printing `cargo:rerun-if-changed` for every input; the steps are listed on
    /// [`Builder`].
    pub fn generate(&self) -> Result<Generated, BuildError> {
        let out = match &self.out_dir {
            Some(d) => absolute(d),
            None => absolute(Path::new(&std::env::var_os("OUT_DIR").ok_or_else(|| {
                BuildError::Options("OUT_DIR is not set: call this from a build script, or set `out_dir`".into())
            })?)),
        };
        if self.inputs.is_empty() {
            return Err(BuildError::Options("no metadata given: call `metadata(path)` at least once".into()));
        }
        if let Some(m) = &self.module {
            if crate::names::module(m) != *m {
                return Err(BuildError::Options(format!(
                    "`module(\"{}\")` is not a usable module name; try `{}`",
                    m.escape_default(),
                    crate::names::module(m)
                )));
            }
        }
        let inputs: Vec<PathBuf> = self.inputs.iter().map(|p| absolute(p)).collect();
        for input in &inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        let loaded = crate::load(&inputs);
        let mut watched = inputs.clone();
        for file in loaded.files.iter().filter(|f| !inputs.contains(f)) {
            println!("cargo:rerun-if-changed={}", file.display());
            watched.push(file.clone());
        }
        if !loaded.input_errors.is_empty() {
            return Err(BuildError::Input(loaded.input_errors));
        }
        if loaded.has_errors() {
            return Err(BuildError::Metadata(loaded.diagnostics.into_iter().filter(Diagnostic::is_error).collect()));
        }
        let mut products = loaded.products;
        let mut warnings = loaded.diagnostics;
        if let Some(wanted) = &self.operations {
            crate::select_operations(&mut products, &mut warnings, wanted).map_err(BuildError::Options)?;
        }
        if let Some(m) = &self.module {
            crate::rename_module(&mut products, m).map_err(|_| {
                BuildError::Options(format!(
                    "`module` names one product, but {} products are generated; generate them with one `Builder` each",
                    products.len()
                ))
            })?;
        }
        let clashes = crate::module_clashes(&products);
        if !clashes.is_empty() {
            return Err(BuildError::Metadata(clashes));
        }

        let files: Vec<PathBuf> =
            products.iter().map(|p| out.join(format!("{}.rs", crate::emit::text::path_segment(&p.module)))).collect();
        let stamp_path = out.join(STAMP_FILE);
        let inputs_print = self.fingerprint(&loaded.files)?;
        if let Ok(previous) = std::fs::read_to_string(&stamp_path) {
            if previous == stamp(inputs_print, &files) {
                return Ok(Generated { files, skipped: true, watched, warnings });
            }
        }
        std::fs::create_dir_all(&out).map_err(|e| BuildError::Io(out.clone(), e))?;
        // Without a stamp, an interrupted run is never mistaken for a complete one.
        match std::fs::remove_file(&stamp_path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(BuildError::Io(stamp_path, e)),
            _ => {}
        }
        for (p, path) in products.iter().zip(&files) {
            let text = inline_product(p, &self.options).map_err(BuildError::Internal)?;
            if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
                write_atomically(path, &text)?;
            }
        }
        write_atomically(&stamp_path, &stamp(inputs_print, &files))?;
        Ok(Generated { files, skipped: false, watched, warnings })
    }

    /// [`generate`](Self::generate), for build scripts: each kind of warning becomes one
    /// `cargo:warning` line (with a count when it occurs more than once), and an error is printed as readable diagnostics on stderr (file, line, column, JSON
    /// pointer, help) and ends the build script with exit status 1, without a panic backtrace.
    pub fn run(&self) -> Generated {
        match self.generate() {
            Ok(g) => {
                for line in warning_lines(&g.warnings) {
                    println!("cargo:warning={line}");
                }
                g
            }
            Err(e) => {
                eprintln!("{e}");
                if let (BuildError::Metadata(diags), Some(wanted)) = (&e, &self.operations) {
                    if crate::errors_outside(diags, wanted) {
                        eprintln!("{}", crate::OUTSIDE_SELECTION_NOTE);
                    }
                }
                std::process::exit(1);
            }
        }
    }

    /// A fingerprint of everything that decides the output except the output itself: the
    /// generator (its version and the build script's own executable, which changes whenever
    /// the generator or the build script is rebuilt), the options, and the inputs' names and bytes.
    fn fingerprint(&self, files: &[PathBuf]) -> Result<u64, BuildError> {
        let mut h = Fnv::default();
        h.write(env!("CARGO_PKG_VERSION").as_bytes());
        if let Some(exe) = std::env::current_exe().ok().and_then(|e| std::fs::metadata(e).ok()) {
            h.write(&exe.len().to_le_bytes());
            let modified = exe.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            h.write(&modified.map_or(0, |d| d.as_nanos()).to_le_bytes());
        }
        h.write(format!("{:?}{:?}{:?}", self.operations, self.module, self.options).as_bytes());
        for f in files {
            h.write(f.to_string_lossy().as_bytes());
            h.write(&std::fs::read(f).map_err(|e| BuildError::Io(f.clone(), e))?);
        }
        Ok(h.0)
    }
}

/// The stamp's text: the inputs' fingerprint, then each output file with a fingerprint of its
/// current contents (so an output edited or removed by hand is written again).
fn stamp(inputs: u64, files: &[PathBuf]) -> String {
    let mut text = format!("inputs {inputs:016x}\n");
    for f in files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let print = std::fs::read(f).map(|bytes| {
            let mut h = Fnv::default();
            h.write(&bytes);
            format!("{:016x}", h.0)
        });
        text.push_str(&format!("{name} {}\n", print.as_deref().unwrap_or("missing")));
    }
    text
}

/// Writes `text` beside `path` and renames it into place, so a reader never sees half a file.
fn write_atomically(path: &Path, text: &str) -> Result<(), BuildError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| BuildError::Io(tmp.clone(), e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        BuildError::Io(path.to_path_buf(), e)
    })
}

/// `path` made absolute against the current folder, with `.` and `..` resolved lexically (no
/// symlink resolution, so the path stays the one the user wrote, only anchored).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|cwd| cwd.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// One line per kind of warning, for `cargo:warning`: the first of its kind, and how many more
/// there are.
fn warning_lines(warnings: &[Diagnostic]) -> Vec<String> {
    diag::group(warnings)
        .into_iter()
        .map(|group| {
            let mut line = one_line(group.first);
            if group.all.len() > 1 {
                line.push_str(&format!(" (and {} more like it)", group.all.len() - 1));
            }
            line
        })
        .collect()
}

/// A diagnostic on one line, for `cargo:warning` (which shows one line per directive):
/// `message (--> file:line:col, at /pointer; help: ...)`, the pointer first for a far column.
fn one_line(d: &Diagnostic) -> String {
    let mut s = format!("{} (--> {}", d.message, d.position());
    if !d.pointer.is_empty() && !d.position().contains(" at /") {
        s.push_str(&format!(", at {}", d.pointer));
    }
    if let Some(help) = &d.help {
        s.push_str(&format!("; help: {help}"));
    }
    s.push(')');
    s.replace(['\n', '\r'], " ")
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

/// The first lines of every file the builder writes (names only, never a path of the machine,
/// so that a tree written with `out_dir("src/generated")` can be committed).
fn header(p: &Product) -> String {
    let source = p.source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let line = |s: &str| crate::emit::text::visible_line(&s.replace(['\r', '\n'], " ")).into_owned();
    format!(
        "// @generated by codegen::Builder (a build script) from Alibaba Cloud API metadata: {} {}\n\
         // ({}). Do not edit by hand: change the metadata or the build script, and build.\n",
        line(&p.code),
        line(&p.version),
        line(&source)
    )
}

/// One file for a product, for `include!`: operation modules inline, and no inner attributes
/// (which `include!` does not accept); module docs become outer docs of the inline modules.
pub fn inline_product(p: &Product, options: &EmitOptions) -> Result<String, String> {
    Ok(format!("{}\n{}", header(p), inline_product_code(p, options)?))
}

/// [`inline_product`] without its header lines.
pub(crate) fn inline_product_code(p: &Product, options: &EmitOptions) -> Result<String, String> {
    let mut file = render::parse(emit::product_module_with(p, options))?;
    file.attrs.clear();
    for item in &mut file.items {
        let syn::Item::Mod(m) = item else { continue };
        if m.content.is_some() {
            continue;
        }
        let name = m.ident.to_string();
        let tokens = if name == "types" {
            emit::types_file(p, options)
        } else {
            p.operations
                .iter()
                .find(|o| crate::names::unraw(&o.module) == name.trim_start_matches("r#"))
                .map(|op| emit::operation_file_with(p, op, options))
        };
        let Some(tokens) = tokens else { continue };
        let mut op_file = render::parse(tokens)?;
        for mut attr in op_file.attrs.drain(..) {
            attr.style = syn::AttrStyle::Outer;
            m.attrs.push(attr);
        }
        m.content = Some((syn::token::Brace::default(), op_file.items));
        m.semi = None;
    }
    render::lexically_sound(prettyplease::unparse(&file))
}

#[cfg(test)]
#[path = "builder_tests.rs"]
mod tests;
