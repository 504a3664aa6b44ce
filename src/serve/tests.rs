use super::*;

#[test]
fn paths_resolve_inside_the_site_or_not_at_all() {
    let t = tempfile::tempdir().unwrap();
    let site = t.path().join("site");
    std::fs::create_dir_all(site.join("codes")).unwrap();
    std::fs::write(site.join("index.html"), "i").unwrap();
    std::fs::write(site.join("codes/4115.html"), "c").unwrap();
    std::fs::write(site.join(".errdocs-manifest"), "m").unwrap();
    std::fs::write(t.path().join("secret.txt"), "s").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(t.path().join("secret.txt"), site.join("link.txt")).unwrap();
    let file = |p: &str| Ok(Resolved::File(site.join(p).canonicalize().unwrap()));
    assert_eq!(resolve(&site, "/"), file("index.html"));
    assert_eq!(resolve(&site, "/codes/4115.html"), file("codes/4115.html"));
    assert_eq!(
        resolve(&site, "/codes/%34115.html"),
        file("codes/4115.html")
    );
    assert_eq!(
        resolve(&site, "/codes/./4115.html"),
        file("codes/4115.html")
    );
    assert_eq!(
        resolve(&site, "/codes"),
        Ok(Resolved::Slash("/codes/".into()))
    );
    for refused in [
        "/../secret.txt",
        "/codes/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/codes/..%2f..%2fsecret.txt",
        "/codes/%2E%2E/%2E%2E/secret.txt",
        "/..\\secret.txt",
        "/index.html%00",
        "secret.txt",
        "http://127.0.0.1/index.html",
    ] {
        assert_eq!(resolve(&site, refused), Err(Refused), "{refused}");
    }
    for missing in ["/nope.html", "/.errdocs-manifest", "/codes/", "/link.txt"] {
        assert_eq!(resolve(&site, missing), Ok(Resolved::Missing), "{missing}");
    }
}

#[test]
fn the_script_and_overlay_go_before_the_last_body_end() {
    let page = "<html><body><p>x</p></body></html>";
    let served = inject(page, 7, None);
    assert!(
        served.starts_with("<html><body><p>x</p><script>"),
        "{served}"
    );
    assert!(served.ends_with("</script>\n</body></html>"), "{served}");
    assert!(served.contains("var since = \"7\";"), "{served}");
    assert!(served.contains(EVENTS_PATH), "{served}");
    let problems = [Problem {
        title: "error[duplicate-code]".into(),
        place: Some("catalog/errors.md:7:3".into()),
        message: "code 1001 is documented 2 times <b>".into(),
        help: Some("give each code one row".into()),
    }];
    let served = inject(page, 8, Some(&overlay(&problems)));
    let at = served.find("id=\"errdocs-overlay\"").expect("overlay");
    assert!(at < served.find("<script>").unwrap());
    for part in [
        "the catalog has 1 error<",
        "error[duplicate-code]",
        "catalog/errors.md:7:3",
        "documented 2 times &lt;b&gt;",
        "help: give each code one row",
    ] {
        assert!(served.contains(part), "{part} in {served}");
    }
    // A page without </body> gets them at the end.
    assert!(inject("<p>x", 1, None).starts_with("<p>x<script>"));
}

#[test]
fn content_types_say_utf_8_for_text() {
    for (file, want) in [
        ("a.html", "text/html; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("catalog.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "text/xml; charset=utf-8"),
        ("favicon.svg", "image/svg+xml"),
        ("objects.inv", "application/octet-stream"),
    ] {
        assert_eq!(content_type(Path::new(file)), want, "{file}");
    }
    assert!(content_type(Path::new("errdocs.js")).contains("javascript; charset=utf-8"));
}

#[test]
fn generations_change_only_when_the_pages_do() {
    let state = State::new(PathBuf::from("site"), 10);
    let g = || state.now().generation;
    state.built(false);
    assert_eq!(g(), 11, "the first build always counts");
    state.built(false);
    assert_eq!(g(), 11, "nothing written: the pages are the same");
    state.built(true);
    assert_eq!(g(), 12);
    state.failed(&[]);
    assert_eq!(g(), 13);
    assert!(state.now().overlay.is_some());
    state.built(false);
    assert_eq!(g(), 14, "the overlay goes: the pages reload");
    assert!(state.now().overlay.is_none());
}
