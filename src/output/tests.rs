use std::os::unix::fs::MetadataExt;

use super::*;

/// A temporary folder, removed when dropped.
fn tmp(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("errdocs-output-{name}-"))
        .tempdir()
        .unwrap()
}

fn build(out: &Path, files: &[(String, String)]) -> WriteStats {
    let mut s = Staging::begin(out).unwrap();
    for (rel, body) in files {
        s.file(rel, body.as_bytes()).unwrap();
    }
    s.commit().unwrap()
}

#[test]
fn few_changes_update_in_place_many_swap_the_folder() {
    let t = tmp("modes");
    let d = t.path();
    let out = d.join("site");
    let mut files: Vec<(String, String)> = (0..100)
        .map(|i| (format!("codes/{i}.html"), format!("page {i}")))
        .collect();
    files.push(("index.html".into(), "index".into()));
    let first = build(&out, &files);
    assert_eq!(first.written, 101);
    let inode = std::fs::metadata(&out).unwrap().ino();
    let mtime = |rel: &str| {
        std::fs::metadata(out.join(rel))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = mtime("codes/5.html");
    std::thread::sleep(std::time::Duration::from_millis(20));

    // One page changes, one goes: the same folder, updated in place.
    files[7].1 = "page 7, changed".into();
    files.remove(9);
    let second = build(&out, &files);
    assert_eq!(
        (second.written, second.unchanged, second.removed),
        (1, 99, 1)
    );
    assert_eq!(std::fs::metadata(&out).unwrap().ino(), inode);
    assert_eq!(
        std::fs::read_to_string(out.join("codes/7.html")).unwrap(),
        "page 7, changed"
    );
    assert!(!out.join("codes/9.html").exists());
    assert_eq!(mtime("codes/5.html"), before);

    // Every page changes: a new folder swapped in; unchanged index kept its time.
    let index_time = mtime("index.html");
    for f in files.iter_mut().filter(|f| f.0.starts_with("codes/")) {
        f.1.push_str(" v2");
    }
    let third = build(&out, &files);
    assert_eq!(third.written, 99);
    assert_ne!(std::fs::metadata(&out).unwrap().ino(), inode);
    assert_eq!(mtime("index.html"), index_time);
    let left: Vec<_> = std::fs::read_dir(d).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[test]
fn an_interrupted_in_place_update_is_completed_by_the_next_build() {
    let t = tmp("journal");
    let d = t.path();
    let out = d.join("site");
    build(
        &out,
        &[
            ("a.html".into(), "old a".into()),
            ("old.html".into(), "stale".into()),
        ],
    );
    // A killed build (its PID is not running): a.html already moved,
    // codes/new.html still staged, old.html not yet removed.
    let staging = d.join(".site.errdocs-staging-4294967294");
    std::fs::create_dir_all(staging.join("codes")).unwrap();
    std::fs::write(out.join("a.html"), "new a").unwrap();
    std::fs::write(staging.join("codes/new.html"), "new page").unwrap();
    std::fs::write(staging.join(MANIFEST), "new manifest\n").unwrap();
    let journal = Journal {
        write: vec!["a.html".into(), "codes/new.html".into()],
        remove: vec!["old.html".into()],
    };
    std::fs::write(staging.join(JOURNAL), serde_json::to_vec(&journal).unwrap()).unwrap();
    let next = Staging::begin(&out).unwrap();
    assert!(!staging.exists());
    assert_eq!(
        std::fs::read_to_string(out.join("a.html")).unwrap(),
        "new a"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("codes/new.html")).unwrap(),
        "new page"
    );
    assert!(!out.join("old.html").exists());
    assert_eq!(
        std::fs::read_to_string(out.join(MANIFEST)).unwrap(),
        "new manifest\n"
    );
    drop(next);
}

#[test]
fn a_manifest_of_an_older_errdocs_is_read_and_replaced_by_format_2() {
    let t = tmp("manifest-v1");
    let out = t.path().join("site");
    build(&out, &[("a.html".into(), "a".into())]);
    // What errdocs wrote before fingerprints: `<hash> <size> <path>`.
    let v1 = format!("{:032x} 1 a.html\n", hash(b"a"));
    std::fs::write(out.join(MANIFEST), &v1).unwrap();
    let mut s = Staging::begin(&out).unwrap();
    assert_eq!(
        s.old.get("a.html"),
        Some(&Some(Record {
            hash: hash(b"a"),
            size: 1,
            fp: None
        }))
    );
    // No fingerprint recorded: nothing can be reused.
    assert!(!s.reuse("a.html", 7).unwrap());
    s.file("a.html", b"a").unwrap();
    let stats = s.commit().unwrap();
    assert_eq!((stats.written, stats.unchanged, stats.reused), (0, 1, 0));
    let text = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
    assert_eq!(
        text,
        format!(
            "{MANIFEST_HEADER}\n{:032x} 1 {:032x} a.html\n",
            hash(b"a"),
            7
        )
    );
    // Now it is: the same fingerprint keeps the file without rendering it.
    let mut s = Staging::begin(&out).unwrap();
    assert!(s.reuse("a.html", 7).unwrap());
    assert!(!s.reuse("b.html", 7).unwrap());
    s.file("b.html", b"b").unwrap();
    let stats = s.commit().unwrap();
    assert_eq!((stats.written, stats.reused), (1, 1));
}

#[test]
fn a_site_made_from_the_same_inputs_is_kept_whole_unless_a_file_was_touched() {
    let t = tmp("manifest-site");
    let out = t.path().join("site");
    let first = |site: u128| {
        let mut s = Staging::begin(&out).unwrap();
        assert!(!s.reuse_site(site).unwrap());
        for (rel, body) in [("a.html", "a"), ("codes/b.html", "bb")] {
            if !s.reuse(rel, 7).unwrap() {
                s.file(rel, body.as_bytes()).unwrap();
            }
        }
        s.commit().unwrap()
    };
    first(1);
    let text = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
    assert!(
        text.starts_with(&format!("{MANIFEST_HEADER}\n{MANIFEST_SITE}{:032x}\n", 1)),
        "{text}"
    );
    assert_eq!(read_manifest(&out).1, Some(1));
    // Other inputs: not kept.
    let mut s = Staging::begin(&out).unwrap();
    assert!(!s.reuse_site(2).unwrap());
    drop(s);
    // The same: every file kept, with its record, and the site's line kept.
    let manifest_time = || {
        std::fs::metadata(out.join(MANIFEST))
            .unwrap()
            .modified()
            .unwrap()
    };
    let written_at = manifest_time();
    let mut s = Staging::begin(&out).unwrap();
    assert!(s.reuse_site(1).unwrap());
    let stats = s.commit().unwrap();
    assert_eq!((stats.written, stats.reused, stats.removed), (0, 2, 0));
    assert_eq!(std::fs::read_to_string(out.join(MANIFEST)).unwrap(), text);
    // Nothing changed, so the manifest was not even written again.
    assert_eq!(manifest_time(), written_at);
    // A file edited since (or gone): the site is not kept whole.
    std::fs::write(out.join("codes/b.html"), "edited").unwrap();
    let mut s = Staging::begin(&out).unwrap();
    assert!(!s.reuse_site(1).unwrap());
    drop(s);
    std::fs::remove_file(out.join("codes/b.html")).unwrap();
    let mut s = Staging::begin(&out).unwrap();
    assert!(!s.reuse_site(1).unwrap());
    drop(s);
    // A file without a fingerprint (an older manifest): not kept whole.
    first(1);
    let text = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
    let no_fp = text.replacen(&format!(" {:032x} a.html", 7), " - a.html", 1);
    assert_ne!(no_fp, text);
    std::fs::write(out.join(MANIFEST), no_fp).unwrap();
    let mut s = Staging::begin(&out).unwrap();
    assert!(!s.reuse_site(1).unwrap());
}
