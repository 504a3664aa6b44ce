//! The site's URL scheme, in one place: where a code's page is, links
//! between pages, the base URL, percent-encoding. The site, `explain`,
//! `url`, codegen and problem types all build their URLs here.

use anyhow::{Result, bail};

use crate::catalog::{Catalog, Code, Entry, Page, path_unsafe};
use crate::config::Config;
use crate::text::{percent_encode, percent_encode_into};

/// The default `url-pattern`.
pub const DEFAULT_PATTERN: &str = "codes/{code}.html";

/// The path of a code's page from the URL pattern (`{code}`, `{group}`).
/// Refuses a code or group that could leave the site.
pub fn code_path(pattern: &str, code: &Code, group: &str) -> Result<String> {
    let segment = match code.path_segment() {
        Ok(s) => s,
        Err(why) => bail!("code {:?} cannot be a page name: {why}", code.as_str()),
    };
    if !group.is_empty()
        && let Some(why) = path_unsafe(group)
    {
        bail!("group {group:?} cannot be part of a path: {why}");
    }
    let path = pattern.replace("{code}", segment).replace("{group}", group);
    if path.starts_with('/')
        || path
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == "..")
        || !path.ends_with(".html")
    {
        bail!(
            "url-pattern {pattern:?} gives {path:?}, which is not a relative .html path inside the site"
        );
    }
    Ok(path)
}

/// The site-relative path of an entry's page.
pub fn entry_path(cat: &Catalog, config: &Config, e: &Entry) -> Result<String> {
    code_path(&config.site.url_pattern, &e.code, cat.group(e))
}

/// The URL of an entry's page: absolute with a base URL (`base_url`, else
/// `[site] base-url`), else relative to the site root (`zh-CN/codes/…` in a
/// language other than the default).
pub fn entry_url(
    cat: &Catalog,
    config: &Config,
    e: &Entry,
    base_url: Option<&str>,
) -> Result<String> {
    // A language other than the default has its site in its folder.
    let path = format!("{}{}", cat.language.prefix, entry_path(cat, config, e)?);
    Ok(match base_url.or(config.site.base_url.as_deref()) {
        Some(b) => absolute(&base_dir(b), &path),
        None => path,
    })
}

/// The site path of a catalog page: `index.html` when the catalog has one
/// page, else the page's path with `.html` (as Sphinx names it; a page
/// called `index` becomes `index-page.html`, the site's index being the list
/// of pages).
pub fn page_path(cat: &Catalog, page: &Page) -> String {
    if cat.pages.len() == 1 {
        return "index.html".into();
    }
    let s = cat.relative_path(&page.path.with_extension("html"));
    if s == "index.html" {
        "index-page.html".into()
    } else {
        s
    }
}

/// Whether a site path written in errdocs.toml (a redirect's source or
/// target) stays inside the site: relative, no `.` or `..` segments, no
/// scheme, no backslash. A target may end in `#fragment`.
pub fn inside_site(path: &str) -> bool {
    let file = path.split('#').next().unwrap_or("");
    !file.is_empty()
        && !file.starts_with('/')
        && !file.contains(['\\', ':', '?', '\0'])
        && file
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
}

/// A base URL with a final `/`.
pub fn base_dir(base: &str) -> String {
    if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// `base` (ending in `/`) joined with a site-relative path, percent-encoded.
pub fn absolute(base: &str, path: &str) -> String {
    format!("{base}{}", encode_path(path))
}

/// `../` for each folder level of a site-relative path.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A link from the page at `from` to `to` (both site-relative), percent-encoded.
pub fn relative(from: &str, to: &str) -> String {
    // `from`'s folders (all its segments but the last) that `to` starts with.
    let from_dirs = from.split('/').count() - 1;
    let common = from
        .split('/')
        .take(from_dirs)
        .zip(to.split('/'))
        .take_while(|(a, b)| a == b)
        .count();
    // What of `to` is left after those (each segment and its slash).
    let skipped: usize = to.split('/').take(common).map(|s| s.len() + 1).sum();
    let rest = to.get(skipped..).unwrap_or("");
    let mut out = String::with_capacity(3 * (from_dirs - common) + rest.len());
    for _ in common..from_dirs {
        out.push_str("../");
    }
    percent_encode_into(&mut out, rest, PATH_KEEPS);
    out
}

/// What [`encode_path`] keeps as it is besides ASCII letters and digits.
const PATH_KEEPS: &[u8] = b"-._~/#";

/// A path (or `path#fragment`) percent-encoded for an `href`.
pub fn encode_path(s: &str) -> String {
    percent_encode(s, PATH_KEEPS)
}

/// A regular expression (JavaScript and Rust syntax alike) matching the
/// site path of any code's page under `pattern`, the code as its first
/// group: the 404 page uses it to tell a missing code page from any other
/// missing page.
pub fn code_path_regex(pattern: &str) -> String {
    let mut out = String::from("^");
    let mut rest = pattern;
    while let Some(at) = rest.find('{') {
        let (lit, tail) = rest.split_at(at);
        out.push_str(&regex::escape(lit));
        if let Some(t) = tail.strip_prefix("{code}") {
            out.push_str("([^/]+)");
            rest = t;
        } else if let Some(t) = tail.strip_prefix("{group}") {
            out.push_str("[^/]+");
            rest = t;
        } else {
            out.push_str(r"\{");
            rest = &tail[1..];
        }
    }
    out.push_str(&regex::escape(rest));
    out.push('$');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_paths_stay_inside_the_site() {
        let p = |pat: &str, code: &str, group: &str| code_path(pat, &Code::new(code), group);
        assert_eq!(p(DEFAULT_PATTERN, "1001", "g").unwrap(), "codes/1001.html");
        assert_eq!(
            p("{group}/{code}.html", "1001", "sdk").unwrap(),
            "sdk/1001.html"
        );
        assert!(p(DEFAULT_PATTERN, "../x", "g").is_err());
        assert!(p(DEFAULT_PATTERN, "CON", "g").is_err());
        assert!(p("{group}/{code}.html", "1", "..").is_err());
        assert!(p("/{code}.html", "1", "g").is_err());
        assert!(p("{code}", "1", "g").is_err());
    }

    #[test]
    fn code_path_regex_finds_the_code() {
        let re = |pat: &str| regex::Regex::new(&code_path_regex(pat)).unwrap();
        let m = re(DEFAULT_PATTERN);
        assert_eq!(&m.captures("codes/9999.html").unwrap()[1], "9999");
        assert!(m.captures("codesX9999.html").is_none());
        assert!(m.captures("other/9999.html").is_none());
        let g = re("{group}/e-{code}.html");
        assert_eq!(&g.captures("sdk/e-42.html").unwrap()[1], "42");
        assert!(g.captures("a/b/e-42.html").is_none());
    }

    #[test]
    fn relative_links_agree_with_the_reading_they_replaced() {
        fn reference(from: &str, to: &str) -> String {
            let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>();
            let from_dir = &from_dir[..from_dir.len() - 1];
            let to_parts: Vec<&str> = to.split('/').collect();
            let common = from_dir
                .iter()
                .zip(&to_parts)
                .take_while(|(a, b)| a == b)
                .count();
            let mut out = "../".repeat(from_dir.len() - common);
            out.push_str(&to_parts[common..].join("/"));
            let mut enc = String::new();
            for b in out.bytes() {
                if b.is_ascii_alphanumeric() || b"-._~/#".contains(&b) {
                    enc.push(b as char);
                } else {
                    enc.push_str(&format!("%{b:02X}"));
                }
            }
            enc
        }
        let paths = [
            "",
            "/",
            "a",
            "a/",
            "a/b",
            "a/b/",
            "a/b/c.html",
            "a/d.html#x y",
            "a//b",
            "/x",
            "codes/1.html",
            "index.html",
            "zh-CN/codes/é%.html",
            "zh-CN/index.html",
        ];
        for from in paths {
            for to in paths {
                assert_eq!(
                    relative(from, to),
                    reference(from, to),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn relative_links() {
        assert_eq!(relative("codes/1.html", "index.html"), "../index.html");
        assert_eq!(relative("index.html", "codes/1.html"), "codes/1.html");
        assert_eq!(relative("a/b/c.html", "a/d.html#x y"), "../d.html#x%20y");
        assert_eq!(root_of("a/b/c.html"), "../../");
        assert_eq!(
            absolute(&base_dir("https://x/e"), "codes/1.html"),
            "https://x/e/codes/1.html"
        );
    }
}
