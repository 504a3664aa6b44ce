//! Helpers shared by the integration tests: the repository root, running the
//! `errdocs` binary and other commands, temporary folders that remove
//! themselves, and the policy for tests that need outside tools or are slow.
//!
//! Policy (the binaries with such tests use libtest-mimic, so a skip is
//! listed as `ignored (<reason>)` without `--nocapture`; `-q` shows only `i`):
//! - a test whose tool is missing is skipped with a reason naming the tool
//!   and that `.ci/run` installs it (or expects it on the machine); under
//!   `CI=true` it fails instead;
//! - a slow test (over ~20 s in a debug build) runs only with
//!   `ERRDOCS_SLOW_TESTS=1` (`.ci/run` sets it), else it is skipped.

#![allow(dead_code)] // each test binary uses a part of this

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use libtest_mimic::{Completion, Failed, Trial};
pub use tempfile::TempDir;

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// True under `CI=true`, where a test must not skip for want of a tool.
pub fn ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// A fresh folder `errdocs-<name>-XXXXXX` in the temp dir, removed with
/// everything in it when the value is dropped (also when the test panics).
pub fn tmp(name: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("errdocs-{name}-"))
        .tempdir()
        .expect("create a temp dir")
}

/// The `errdocs` binary, run in the repository root, colour left to its own
/// detection (`NO_COLOR` removed), without a rule pages address
/// (`ERRDOCS_RULES_URL` removed: the goldens have none).
pub fn errdocs_cmd() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_errdocs"));
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("ERRDOCS_RULES_URL");
    cmd
}

/// Runs `cmd`: exit code (-1 if killed by a signal), stdout, stderr.
pub fn output(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `errdocs ARGS…`: exit code, stdout, stderr.
pub fn errdocs(args: &[&str]) -> (i32, String, String) {
    output(errdocs_cmd().args(args))
}

/// Runs `cmd`, which must succeed; its stdout.
/// `errdocs build --catalog CAT --out OUT`.
pub fn build(cat: &Path, out: &Path) -> (i32, String, String) {
    errdocs(&[
        "build",
        "--catalog",
        cat.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

pub fn stdout_of(cmd: &mut Command) -> String {
    let (code, stdout, stderr) = output(cmd);
    assert!(code == 0, "{cmd:?} failed:\n{stdout}{stderr}");
    stdout
}

/// Whether `tool args…` runs and succeeds (e.g. `go version`). (Give Java
/// `-XX:-UsePerfData`, here and elsewhere, or it leaves `hsperfdata_*` in
/// the temp dir.)
pub fn runs(tool: &str, args: &[&str]) -> bool {
    Command::new(tool)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes `files` (name → bytes, names may have folders) into `dir/catalog`;
/// that folder.
pub fn write_catalog(dir: &Path, files: &[(&str, &[u8])]) -> PathBuf {
    let cat = dir.join("catalog");
    std::fs::create_dir_all(&cat).unwrap();
    for (name, bytes) in files {
        let p = cat.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    cat
}

/// Why a test cannot run here: a tool it needs is missing.
pub struct Missing(String);

/// `Err(Missing)` unless `ok`; `what` names the tool (and how to get it).
/// The reason reads "WHAT is missing; .ci/run installs it".
pub fn require(ok: bool, what: &str) -> Result<(), Missing> {
    if ok {
        Ok(())
    } else {
        Err(Missing(format!("{what} is missing; .ci/run installs it")))
    }
}

/// Like [`require`], for a tool the machine comes with (the Rust toolchain,
/// Python, gcc, Node): "TOOL is missing; .ci/run expects it on the machine".
pub fn require_preinstalled(ok: bool, tool: &str) -> Result<(), Missing> {
    require_that(
        ok,
        &format!("{tool} is missing; .ci/run expects it on the machine"),
    )
}

/// Like [`require`], with the whole reason given (for needs `.ci/run`
/// cannot install, such as root).
pub fn require_that(ok: bool, reason: &str) -> Result<(), Missing> {
    if ok {
        Ok(())
    } else {
        Err(Missing(reason.to_string()))
    }
}

/// A test that always runs.
pub fn test(name: &str, f: impl FnOnce() + Send + 'static) -> Trial {
    Trial::test(name, move || {
        f();
        Ok(())
    })
}

/// A test that needs outside tools: skipped with the reason if one is
/// missing, failed instead under `CI=true`.
pub fn with_tools(name: &str, f: impl FnOnce() -> Result<(), Missing> + Send + 'static) -> Trial {
    Trial::ignorable_test(name, move || tool_outcome(f()))
}

/// A slow test: runs only with `ERRDOCS_SLOW_TESTS=1`, else is skipped.
pub fn slow(name: &str, f: impl FnOnce() + Send + 'static) -> Trial {
    slow_with_tools(name, move || {
        f();
        Ok(())
    })
}

/// A slow test that needs outside tools ([`slow`] and [`with_tools`]).
pub fn slow_with_tools(
    name: &str,
    f: impl FnOnce() -> Result<(), Missing> + Send + 'static,
) -> Trial {
    Trial::ignorable_test(name, move || {
        if std::env::var("ERRDOCS_SLOW_TESTS").as_deref() == Ok("1") {
            tool_outcome(f())
        } else {
            Ok(Completion::ignored_with(
                "slow: set ERRDOCS_SLOW_TESTS=1 to run it; .ci/run does",
            ))
        }
    })
}

fn tool_outcome(ran: Result<(), Missing>) -> Result<Completion, Failed> {
    match ran {
        Ok(()) => Ok(Completion::Completed),
        Err(Missing(reason)) if ci() => Err(Failed::from(format!(
            "{reason} (CI=true: a missing tool fails the test)"
        ))),
        Err(Missing(reason)) => Ok(Completion::ignored_with(reason)),
    }
}

/// `main` of a test binary with `harness = false`: runs `trials` with
/// libtest's command line (filters, `--test-threads`, `--list`, …).
pub fn run(trials: Vec<Trial>) -> ! {
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), trials).exit()
}

/// Every file under `dir` (relative path → bytes), sorted.
/// Copies every file under `from` to `to` (made as needed).
pub fn copy_tree(from: &Path, to: &Path) {
    for (name, bytes) in tree(from) {
        let p = to.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .expect("under dir")
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

/// A running `errdocs serve --port 0` (in `dir`, with `args`), stopped with
/// Ctrl-C (SIGINT) by [`Serve::stop`], which checks it exits cleanly, or
/// when dropped.
pub struct Serve {
    child: Child,
    /// `http://127.0.0.1:PORT/`.
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The temporary folder it builds into.
    pub built_in: PathBuf,
    stderr: Arc<Mutex<String>>,
}

impl Serve {
    /// Starts the server and waits for its address (printed once the first
    /// build is done).
    pub fn start(dir: &Path, args: &[&str]) -> Serve {
        let mut child = errdocs_cmd()
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("errdocs serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        std::thread::spawn({
            let (mut pipe, stderr) = (child.stderr.take().expect("stderr"), stderr.clone());
            move || {
                let mut buf = [0; 4096];
                while let Ok(n @ 1..) = pipe.read(&mut buf) {
                    let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                    stderr.lock().expect("lock").push_str(&text);
                }
            }
        });
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("read");
        let log = stderr.lock().expect("lock").clone();
        let url = first
            .strip_prefix("serving ")
            .and_then(|r| r.split(' ').next())
            .unwrap_or_else(|| panic!("no address in {first:?}: {log}"))
            .to_string();
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let built_in = log
            .lines()
            .find_map(|l| l.strip_prefix("building into "))
            .map(PathBuf::from)
            .unwrap_or_else(|| panic!("no build folder in {log}"));
        Serve {
            child,
            url,
            addr,
            built_in,
            stderr,
        }
    }

    /// What it printed on standard error so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().expect("lock").clone()
    }

    /// `GET path`: status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = raw_http(&self.addr, &format!("GET {path} HTTP/1.1"));
        (status, body)
    }

    /// Polls `GET path` every 50 ms until `done(body)`, for at most 10 s;
    /// how long it took.
    pub fn until(&self, path: &str, what: &str, done: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if done(&body) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "not within 10 s: {what}\n{body}\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ctrl-C: it must exit 0 within 10 s and remove its build folder.
    pub fn stop(mut self) {
        let pid = self.child.id().to_string();
        let (code, _, _) = output(Command::new("kill").args(["-INT", &pid]));
        assert_eq!(code, 0, "kill -INT {pid}");
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                break s;
            }
            assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "{status}: {}", self.stderr());
        assert!(
            !self.built_in.exists(),
            "{} left behind",
            self.built_in.display()
        );
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = Command::new("kill")
                .args(["-INT", &self.child.id().to_string()])
                .status();
            let _ = self.child.wait();
        }
    }
}

/// One HTTP request (`request` is its first line) on a fresh connection to
/// `addr`: the status, the head and the body.
pub fn raw_http(addr: &str, request: &str) -> (u16, String, String) {
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(s, "{request}\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("write");
    let mut reply = Vec::new();
    s.read_to_end(&mut reply).expect("read");
    let reply = String::from_utf8_lossy(&reply).into_owned();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap_or((&reply, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// The Python that has the pinned Sphinx + MyST-Parser
/// (`tests/oracle/requirements.txt`, verified by `harness.py --check`):
/// `MYST_ORACLE_PYTHON`, else `target/myst-oracle/bin/python`; or why there
/// is none.
pub fn pinned_python() -> &'static Result<String, String> {
    static PYTHON: std::sync::OnceLock<Result<String, String>> = std::sync::OnceLock::new();
    PYTHON.get_or_init(|| {
        let venv = root().join("target/myst-oracle/bin/python");
        let py = match std::env::var("MYST_ORACLE_PYTHON") {
            Ok(py) => py,
            Err(_) if venv.exists() => venv.display().to_string(),
            Err(_) => {
                return Err(
                    "the pinned Sphinx + MyST-Parser (tests/oracle/requirements.txt) is \
                     missing: no MYST_ORACLE_PYTHON, no target/myst-oracle; .ci/run installs it"
                        .to_string(),
                );
            }
        };
        let harness = root().join("tests/oracle/harness.py");
        match Command::new(&py).arg(harness).arg("--check").output() {
            Ok(out) if out.status.success() => Ok(py),
            Ok(out) => Err(format!(
                "the pinned Sphinx + MyST-Parser is missing: {}; .ci/run installs it",
                String::from_utf8_lossy(&out.stderr).trim()
            )),
            Err(e) => Err(format!(
                "the pinned Sphinx + MyST-Parser is missing: {py}: {e}; .ci/run installs it"
            )),
        }
    })
}
