//! `errdocs serve`'s server: the site of the last good build, over HTTP on
//! 127.0.0.1 ([`tiny_http`]), with a small script added to every HTML
//! response that reloads the page when the site changes (server-sent
//! events), and the catalog's errors over every page while it has any.
//!
//! Only GET and HEAD are answered; a path is decoded, refused when a
//! segment is `..` or hidden, and resolved (symbolic links too) inside the
//! site folder, or it is not found. The script and the overlay exist only
//! in responses: the files of the site are `build`'s, byte for byte.
//! Watching the catalog is [`watch`]'s.

pub mod watch;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use crate::html::escape;

/// Where the reload script listens (no site file can have this path: site
/// paths never start with `__errdocs/`, and the server answers it first).
pub const EVENTS_PATH: &str = "/__errdocs/events";

/// The site being served and what the page should say about it.
#[derive(Debug)]
pub struct State {
    /// The folder the builds go into.
    site: PathBuf,
    now: Mutex<Now>,
    changed: Condvar,
}

/// What is being served right now.
#[derive(Debug, Clone)]
struct Now {
    /// Changes with every build that changed something; the pages reload
    /// when it is not the one they were served with.
    generation: u64,
    /// Whether the site folder holds a good build.
    built: bool,
    /// The catalog's errors (as HTML), shown over every page, if any.
    overlay: Option<String>,
    stopping: bool,
}

/// One error as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `error[duplicate-code]`, or `error` for one without a rule.
    pub title: String,
    /// `catalog/errors.md:7:3`, if the problem has a place.
    pub place: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Problem {
    /// A finding of `check`.
    pub fn of(d: &crate::diag::Diagnostic) -> Problem {
        Problem {
            title: format!("{}[{}]", d.severity.as_str(), d.rule),
            place: Some(format!(
                "{}:{}:{}",
                d.span.file.display(),
                d.span.line,
                d.span.column
            )),
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

impl State {
    /// Serving the builds that go into `site`; `generation` is where the
    /// count starts (a restarted server should not start where the last one
    /// did, or open pages would miss the change).
    pub fn new(site: PathBuf, generation: u64) -> Arc<State> {
        Arc::new(State {
            site,
            now: Mutex::new(Now {
                generation,
                built: false,
                overlay: None,
                stopping: false,
            }),
            changed: Condvar::new(),
        })
    }

    /// The folder the builds go into.
    pub fn site(&self) -> &Path {
        &self.site
    }

    fn now(&self) -> MutexGuard<'_, Now> {
        self.now.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A build succeeded: the overlay goes, and when `changed` (files were
    /// written or removed, or the overlay was up) open pages reload.
    pub fn built(&self, changed: bool) {
        let mut now = self.now();
        let changed = changed || now.overlay.is_some() || !now.built;
        now.built = true;
        now.overlay = None;
        if changed {
            now.generation += 1;
            self.changed.notify_all();
        }
    }

    /// A build failed: every page shows `problems` (the site stays as it
    /// was), and open pages reload to show them.
    pub fn failed(&self, problems: &[Problem]) {
        let mut now = self.now();
        now.overlay = Some(overlay(problems));
        now.generation += 1;
        self.changed.notify_all();
    }

    /// The server is stopping: event streams end.
    pub fn stop(&self) {
        self.now().stopping = true;
        self.changed.notify_all();
    }
}

/// Answers requests until the server is unblocked, each on its own thread
/// (event streams stay open).
pub fn serve(server: Arc<tiny_http::Server>, state: Arc<State>) {
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || handle(request, &state));
    }
}

fn handle(request: Request, state: &State) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = response(
            405,
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
        let _ = request.respond(response);
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == EVENTS_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        events(request, state, since);
        return;
    }
    let _ = request.respond(answer(state, path));
}

type Answer = Response<std::io::Cursor<Vec<u8>>>;

/// The page served at every path until a build succeeds (the overlay says
/// why).
const NO_SITE_YET: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>errdocs serve</title></head>\n<body>\n</body>\n</html>\n";

/// The response for a GET of `path`.
fn answer(state: &State, path: &str) -> Answer {
    let now = state.now().clone();
    let resolved = match resolve(&state.site, path) {
        Ok(r) => r,
        Err(Refused) => return text(400, "bad path\n"),
    };
    if !now.built {
        // No good build yet: the errors are the page.
        return html(200, NO_SITE_YET, &now);
    }
    match resolved {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) if is_html(&file) => html(200, &String::from_utf8_lossy(&bytes), &now),
            Ok(bytes) => response(200, &content_type(&file), bytes, &[]),
            Err(_) => not_found(state, &now),
        },
        Resolved::Slash(to) => response(
            301,
            "text/plain; charset=utf-8",
            Vec::new(),
            &[("Location", &to)],
        ),
        Resolved::Missing => not_found(state, &now),
    }
}

fn not_found(state: &State, now: &Now) -> Answer {
    match std::fs::read_to_string(state.site.join("404.html")) {
        Ok(page) => html(404, &page, now),
        Err(_) => text(404, "not found\n"),
    }
}

/// An HTML page with the reload script (and the overlay, if any) added.
fn html(status: u16, page: &str, now: &Now) -> Answer {
    let page = inject(page, now.generation, now.overlay.as_deref());
    response(status, "text/html; charset=utf-8", page.into_bytes(), &[])
}

fn text(status: u16, body: &str) -> Answer {
    response(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
        &[],
    )
}

/// A response with its type, never cached, never sniffed. (A header value
/// that is not ASCII, which only a request path could bring, is left out.)
fn response(status: u16, content_type: &str, body: Vec<u8>, extra: &[(&str, &str)]) -> Answer {
    let headers = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    .iter()
    .chain(extra)
    .filter_map(|(name, value)| Header::from_bytes(name.as_bytes(), value.as_bytes()).ok())
    .collect();
    let len = body.len();
    Response::new(
        status.into(),
        headers,
        std::io::Cursor::new(body),
        Some(len),
        None,
    )
}

/// The page with the reload script, and the overlay when there is one,
/// before its last `</body>`.
pub fn inject(page: &str, generation: u64, overlay: Option<&str>) -> String {
    let script = format!(
        "<script>(function () {{\n  var since = \"{generation}\";\n  var events = new EventSource(\"{EVENTS_PATH}?since=\" + since);\n  events.onmessage = function (e) {{\n    if (e.data !== since) {{ events.close(); location.reload(); }}\n  }};\n}})();</script>\n"
    );
    let added = format!("{}{script}", overlay.unwrap_or(""));
    match page.rfind("</body>") {
        Some(at) => format!("{}{added}{}", &page[..at], &page[at..]),
        None => format!("{page}{added}"),
    }
}

/// The errors over the page: rule, file:line:column, message, help.
pub fn overlay(problems: &[Problem]) -> String {
    let mut items = String::new();
    for p in problems {
        items.push_str("<li style=\"margin:0 0 1em\"><strong style=\"color:#ff9d9d\">");
        items.push_str(&escape(&p.title));
        items.push_str("</strong>");
        if let Some(place) = &p.place {
            items.push_str(" <code style=\"color:#9dd0ff\">");
            items.push_str(&escape(place));
            items.push_str("</code>");
        }
        items.push_str("<br>");
        items.push_str(&escape(&p.message));
        if let Some(help) = &p.help {
            items.push_str("<br><span style=\"color:#c8e6a0\">help: ");
            items.push_str(&escape(help));
            items.push_str("</span>");
        }
        items.push_str("</li>\n");
    }
    let n = problems.len();
    format!(
        "<div id=\"errdocs-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(24,24,27,.96);color:#f4f4f5;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\n<h2 style=\"margin:0 0 1rem;font-size:1.25rem;color:#ff9d9d\">errdocs serve: the catalog has {n} error{s}</h2>\n<p style=\"margin:0 0 1rem\">The pages are as the last good build left them. Fix the file{s} and save: this page reloads.</p>\n<ol style=\"padding-left:1.5rem\">\n{items}</ol>\n</div>\n",
        s = if n == 1 { "" } else { "s" }
    )
}

/// A server-sent event stream: `data: GENERATION` whenever the site
/// changes (at once if it already differs from `since`), a comment every
/// 15 s to notice a closed connection.
fn events(request: Request, state: &State, mut since: u64) {
    // tiny_http buffers a streamed body into 8 KiB chunks, which would hold
    // events back: the stream is written on the connection itself, after
    // this head (no length, closed at the end).
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = {
            let now = state.now();
            let (now, _) = state
                .changed
                .wait_timeout_while(now, Duration::from_secs(15), |n| {
                    n.generation == since && !n.stopping
                })
                .unwrap_or_else(|e| e.into_inner());
            if now.stopping {
                return;
            }
            if now.generation == since {
                ": still here\n\n".to_string()
            } else {
                since = now.generation;
                format!("data: {since}\n\n")
            }
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// A request path that is not one of the site's.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused;

/// What a request path names in the site folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the site folder.
    File(PathBuf),
    /// A folder asked for without its final slash: redirect there (so the
    /// page's relative links work).
    Slash(String),
    /// Nothing (or something outside the site, or hidden).
    Missing,
}

/// The file a request path names inside `site`: percent-decoded, split at
/// `/`; a `..` or hidden (`.name`) segment, a backslash or NUL is refused,
/// and what the path resolves to (symbolic links followed) must be inside
/// the site folder. A folder means its `index.html`.
pub fn resolve(site: &Path, path: &str) -> Result<Resolved, Refused> {
    if !path.starts_with('/') {
        return Err(Refused);
    }
    let decoded = crate::text::percent_decode(path);
    if decoded.contains(['\\', '\0']) {
        return Err(Refused);
    }
    let mut file = site.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if segment.starts_with('.') {
            return if segment == ".." {
                Err(Refused)
            } else {
                Ok(Resolved::Missing)
            };
        }
        file.push(segment);
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Ok(Resolved::Slash(format!("{path}/")));
        }
        file.push("index.html");
    }
    let (Ok(real), Ok(root)) = (file.canonicalize(), site.canonicalize()) else {
        return Ok(Resolved::Missing);
    };
    if real.starts_with(&root) && real.is_file() {
        Ok(Resolved::File(real))
    } else {
        Ok(Resolved::Missing)
    }
}

fn is_html(file: &Path) -> bool {
    file.extension().is_some_and(|e| e == "html")
}

/// The Content-Type of a site file (UTF-8 for text).
pub fn content_type(file: &Path) -> String {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml");
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests;
