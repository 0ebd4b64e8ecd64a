//! Where providers read environment variables and the home folder.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// The environment providers read: the process's by default, or a fixed set of variables and a
/// home folder, so that tests (which run in parallel threads) never mutate the process
/// environment.
///
/// Only non-empty values count: a variable set to `""` reads as unset, as in the official tools.
/// `Debug` never prints values (they hold secrets).
///
/// ```
/// use alibabacloud_runtime::credentials::Env;
///
/// let env = Env::from_vars([("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "TRUE"), ("EMPTY", "")])
///     .with_home("/home/app");
/// assert!(env.is_true("ALIBABA_CLOUD_ECS_METADATA_DISABLED"));
/// assert_eq!(env.get("EMPTY"), None);
/// assert_eq!(env.home().unwrap(), std::path::Path::new("/home/app"));
/// ```
#[derive(Clone)]
pub struct Env {
    source: Source,
    home: Option<PathBuf>,
}

type Lookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

#[derive(Clone)]
enum Source {
    Process,
    Vars(Arc<BTreeMap<String, String>>),
    Lookup(Lookup),
}

impl Default for Env {
    fn default() -> Self {
        Env::process()
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Source::Process => f.write_str("Env(process)"),
            Source::Vars(vars) => write!(f, "Env({} variables)", vars.len()),
            Source::Lookup(_) => f.write_str("Env(lookup)"),
        }
    }
}

impl Env {
    /// The process environment, read at each lookup.
    pub fn process() -> Self {
        Env { source: Source::Process, home: None }
    }

    /// Exactly these variables and nothing else (no home folder unless [`Env::with_home`] or a
    /// `HOME` variable gives one).
    pub fn from_vars<I, K, V>(vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let vars = vars.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        Env { source: Source::Vars(Arc::new(vars)), home: None }
    }

    /// Variables read through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Env { source: Source::Lookup(Arc::new(lookup)), home: None }
    }

    /// Uses `home` as the home folder (where `~/.aliyun/config.json` and
    /// `~/.alibabacloud/credentials.ini` are looked for).
    pub fn with_home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }

    /// The variable's value, when it is set and not empty.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.source {
            Source::Process => std::env::var(name).ok(),
            Source::Vars(vars) => vars.get(name).cloned(),
            Source::Lookup(lookup) => lookup(name),
        };
        value.filter(|v| !v.is_empty())
    }

    /// Whether the variable is `true` (any case), the official tools' switch syntax.
    pub fn is_true(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The home folder: the one given, else `HOME`, else `USERPROFILE` (Windows).
    pub fn home(&self) -> Option<PathBuf> {
        self.home.clone().or_else(|| self.get("HOME").or_else(|| self.get("USERPROFILE")).map(PathBuf::from))
    }
}
