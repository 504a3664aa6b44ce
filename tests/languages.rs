//! One catalog in several languages (`[[language]]`): the translations
//! checked against the default language, a site per language with today's
//! URLs for the default, language switches, `catalog.json` v2, `explain`
//! and `url` with `--lang`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{TempDir, build, errdocs, root, tmp, tree};
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/languages";

/// `check --format json` over `catalog`: (rule, code, file) of each finding
/// whose rule is one of `rules`.
fn findings(catalog: &str, rules: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let (code, stdout, stderr) = errdocs(&["check", "--catalog", catalog, "--format", "json"]);
    let v: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    let found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| rules.contains(&d["rule"].as_str().unwrap()))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap_or("").to_string(),
                d["span"]["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (code, found)
}

#[test]
fn the_chinese_twin_gives_exactly_its_three_faults() {
    let (code, found) = findings(FIXTURE, &["translation-drift", "untranslated"]);
    assert_eq!(code, 1, "a missing and an extra code are errors");
    let f = |rule: &str, code: &str, file: &str| {
        (
            rule.to_string(),
            code.to_string(),
            format!("{FIXTURE}/{file}"),
        )
    };
    assert_eq!(
        found,
        vec![
            f("translation-drift", "4299", "en/error-codes.md"),
            f("untranslated", "1004", "zh/error-codes.md"),
            f("translation-drift", "4135", "zh/error-codes.md"),
        ]
    );
    // The Chinese tables are read: their headers are code columns, and the
    // twin's labels do not clash with the English ones.
    let (_, other) = findings(
        FIXTURE,
        &["no-code-column", "empty-catalog", "duplicate-label"],
    );
    assert_eq!(other, vec![]);
}

/// A two-language catalog in a temp folder: `en` and `zh` pages, the config
/// plus `extra`.
fn catalog(en: &str, zh: &str, extra: &str) -> (TempDir, PathBuf) {
    let t = tmp("languages");
    let cat = t.path().join("catalog");
    std::fs::create_dir_all(cat.join("en")).unwrap();
    std::fs::create_dir_all(cat.join("zh")).unwrap();
    std::fs::write(cat.join("en/errors.md"), en).unwrap();
    std::fs::write(cat.join("zh/errors.md"), zh).unwrap();
    std::fs::write(
        cat.join("errdocs.toml"),
        format!("[[language]]\ntag = \"en\"\nfolder = \"en\"\n\n[[language]]\ntag = \"zh-CN\"\nfolder = \"zh\"\n{extra}"),
    )
    .unwrap();
    (t, cat)
}

fn messages(catalog: &Path) -> Vec<String> {
    let (_, stdout, _) = errdocs(&[
        "check",
        "--catalog",
        catalog.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "translation-drift")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

const EN: &str = "# Errors\n\n(disk)=\n## Disk\n\n| Code | Message |\n|---|---|\n| 5001 | Disk full |\n\n(net)=\n## Network\n\n| Code | Message |\n|---|---|\n| 6001 | Timeout |\n";

#[test]
fn each_kind_of_drift_is_named() {
    // In step: nothing.
    let zh = "# 错误\n\n(disk)=\n## 磁盘\n\n| 错误码 | 信息 |\n|---|---|\n| 5001 | 磁盘已满 |\n\n(net)=\n## 网络\n\n| 错误码 | 信息 |\n|---|---|\n| 6001 | 超时 |\n";
    let (_t, cat) = catalog(EN, zh, "");
    assert_eq!(messages(&cat), Vec::<String>::new());
    // A code in another group.
    let moved = zh.replace("| 5001 | 磁盘已满 |\n", "").replace(
        "| 6001 | 超时 |\n",
        "| 5001 | 磁盘已满 |\n| 6001 | 超时 |\n",
    );
    let (_t, cat) = catalog(EN, &moved, "");
    let m = messages(&cat);
    assert!(
        m.iter()
            .any(|m| m.contains("code 5001 is in group \"网络\" in zh-CN but in \"Disk\" in en")),
        "{m:?}"
    );
    // A label only English has.
    let unlabelled = zh.replace("(net)=\n", "");
    let (_t, cat) = catalog(EN, &unlabelled, "");
    let m = messages(&cat);
    assert!(
        m.iter()
            .any(|m| m.starts_with("label `net` is defined in en but not in zh-CN")),
        "{m:?}"
    );
    // Groups matched by position when slugs differ and labels are missing.
    let (_t, cat) = catalog(
        &EN.replace("(disk)=\n", "").replace("(net)=\n", ""),
        &zh.replace("(disk)=\n", "").replace("(net)=\n", ""),
        "",
    );
    assert_eq!(messages(&cat), Vec::<String>::new(), "matched by position");
    // A group more in Chinese, without labels: ambiguous, and said so.
    let more = zh.replace("(disk)=\n", "").replace("(net)=\n", "")
        + "\n## 其他\n\n| 错误码 | 信息 |\n|---|---|\n| 7001 | 其他 |\n";
    let (_t, cat) = catalog(
        &EN.replace("(disk)=\n", "").replace("(net)=\n", ""),
        &more,
        "",
    );
    let m = messages(&cat);
    assert!(m.iter().any(|m| m.contains("cannot be matched")), "{m:?}");
    // A removal recorded for English only: the Chinese row is still in use.
    let removed = EN.replace(
        "| Message |\n|---|---|\n| 5001 | Disk full |",
        "| Message | Lifecycle |\n|---|---|---|\n| 5001 | Disk full | removed in 2.0 |",
    );
    let (_t, cat) = catalog(&removed, zh, "");
    let m = messages(&cat);
    assert!(
        m.iter()
            .any(|m| m == "code 5001 is removed in en but still in use in zh-CN"),
        "{m:?}"
    );
    // A page only one language has.
    let (_t, cat) = catalog(EN, zh, "");
    std::fs::write(
        cat.join("zh/more.md"),
        "# 更多\n\n| 错误码 | 信息 |\n|---|---|\n| 8001 | 更多 |\n",
    )
    .unwrap();
    let m = messages(&cat);
    assert!(
        m.iter()
            .any(|m| m.contains("has a page more.md that en (the default language) does not have")),
        "{m:?}"
    );
}

#[test]
fn bad_language_config_names_the_line() {
    for (extra_lang, wants) in [
        (
            "[[language]]\ntag = \"en\"\nfolder = \"zh2\"\n",
            "listed twice",
        ),
        (
            "[[language]]\ntag = \"english!\"\nfolder = \"x\"\n",
            "not a BCP 47 language tag",
        ),
        (
            "[[language]]\ntag = \"fr\"\nfolder = \"../fr\"\n",
            "must be inside the catalog folder",
        ),
        (
            "[[language]]\ntag = \"fr\"\nfolder = \"zh\"\n",
            "is another language's",
        ),
    ] {
        let (_t, cat) = catalog(EN, EN, extra_lang);
        let (code, _, err) = errdocs(&["check", "--catalog", cat.to_str().unwrap()]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains(wants) && err.contains("errdocs.toml:"),
            "{err}"
        );
    }
    let (_t, cat) = catalog(EN, EN, "[[language]]\ntag = \"fr\"\nfolder = \"fr\"\n");
    let (code, _, err) = errdocs(&["check", "--catalog", cat.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("its folder") && err.contains("does not exist"),
        "{err}"
    );
}

/// The fixture with its errors lowered to warnings (it is meant to have
/// them), built.
fn fixture_site() -> (TempDir, PathBuf) {
    let t = tmp("languages-site");
    let cat = t.path().join("catalog");
    common::copy_tree(&root().join(FIXTURE), &cat);
    let config = std::fs::read_to_string(cat.join("errdocs.toml")).unwrap()
        + "\n[site]\nbase-url = \"https://docs.example.com/errors/\"\n\n[rules]\ntranslation-drift = \"warning\"\n";
    std::fs::write(cat.join("errdocs.toml"), config).unwrap();
    let out = t.path().join("site");
    let (code, _, err) = build(&cat, &out);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("in 2 languages"), "{err}");
    (t, out)
}

fn ids(html: &str) -> BTreeSet<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_default_language_keeps_the_one_language_urls() {
    let (_t, site) = fixture_site();
    // The English catalog alone, with the same site settings.
    let one = tmp("languages-one");
    let cat = one.path().join("catalog");
    std::fs::create_dir_all(&cat).unwrap();
    std::fs::copy(
        root().join(FIXTURE).join("en/error-codes.md"),
        cat.join("error-codes.md"),
    )
    .unwrap();
    std::fs::write(
        cat.join("errdocs.toml"),
        "[site]\nbase-url = \"https://docs.example.com/errors/\"\n",
    )
    .unwrap();
    let out = one.path().join("site");
    let (code, _, err) = build(&cat, &out);
    assert_eq!(code, 0, "{err}");
    let both = tree(&site);
    let alone = tree(&out);
    let en: BTreeSet<&String> = both.keys().filter(|k| !k.starts_with("zh-CN/")).collect();
    let single: BTreeSet<&String> = alone.keys().collect();
    assert_eq!(
        en, single,
        "the default language's files are the one-language site's"
    );
    // Every id (section, label, row) of the English index is still there.
    let page = |t: &std::collections::BTreeMap<String, Vec<u8>>, p: &str| {
        String::from_utf8(t[p].clone()).unwrap()
    };
    assert_eq!(
        ids(&page(&both, "index.html")),
        ids(&page(&alone, "index.html"))
    );
    // The Chinese site has the same layout under zh-CN/.
    for p in [
        "zh-CN/index.html",
        "zh-CN/codes/1001.html",
        "zh-CN/codes/4135.html",
        "zh-CN/search-index.js",
        "zh-CN/catalog.json",
        "zh-CN/search.html",
        "zh-CN/404.html",
    ] {
        assert!(both.contains_key(p), "{p}");
    }
    assert!(
        !both.contains_key("zh-CN/codes/4299.html"),
        "4299 is not in Chinese"
    );
    assert!(!both.contains_key("zh-CN/style.css"), "assets are shared");
    let zh = page(&both, "zh-CN/codes/1001.html");
    assert!(zh.contains("<html lang=\"zh-CN\">"), "{zh}");
    assert!(zh.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://docs.example.com/errors/codes/1001.html\">"), "{zh}");
    assert!(
        zh.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"),
        "{zh}"
    );
    assert!(zh.contains("<link rel=\"canonical\" href=\"https://docs.example.com/errors/zh-CN/codes/1001.html\">"), "{zh}");
    assert!(
        zh.contains("复制链接") && zh.contains("适用于全部SDK 错误码") && zh.contains("备注"),
        "{zh}"
    );
    // The switch on a code Chinese lacks goes to the Chinese index, which says so.
    let en4299 = page(&both, "codes/4299.html");
    assert!(
        en4299.contains("href=\"../zh-CN/index.html?untranslated=4299\""),
        "{en4299}"
    );
    assert!(
        !en4299.contains("hreflang=\"zh-CN\" href=\"https"),
        "no alternate link to a page that does not exist"
    );
    // The Chinese index maps its group ids to the English ones.
    let zindex = page(&both, "zh-CN/index.html");
    assert!(zindex.contains("data-anchors=\"{&quot;rest-api&quot;:&quot;error-code-rest-api&quot;,&quot;sdk&quot;:&quot;sdk-error-codes&quot;}\""), "{zindex}");
}

#[test]
fn catalog_json_v2_gives_languages_and_translations() {
    let (_t, site) = fixture_site();
    let schema: Value =
        serde_json::from_slice(&std::fs::read(site.join("catalog.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (doc, tag) in [("catalog.json", "en"), ("zh-CN/catalog.json", "zh-CN")] {
        let v: Value = serde_json::from_slice(&std::fs::read(site.join(doc)).unwrap()).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{doc}: {errors:?}");
        assert_eq!(v["schema"], "errdocs.catalog/2");
        assert_eq!(v["language"], tag);
        let e1001 = v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["code"] == "1001")
            .unwrap();
        assert_eq!(e1001["language"], tag);
        // Sources are named from the catalog folder, the language's folder
        // included (as check names them, and as repository links need).
        let folder = if tag == "en" { "en" } else { "zh" };
        assert_eq!(
            e1001["source"]["file"],
            format!("{folder}/error-codes.md"),
            "{doc}"
        );
        let other = if tag == "en" {
            ("zh-CN", "zh-CN/codes/1001.html")
        } else {
            ("en", "../codes/1001.html")
        };
        assert_eq!(e1001["translations"][other.0], other.1);
    }
    let v: Value =
        serde_json::from_slice(&std::fs::read(site.join("catalog.json")).unwrap()).unwrap();
    let e4299 = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "4299")
        .unwrap();
    assert_eq!(e4299["translations"], serde_json::json!({}));
}

#[test]
fn explain_and_url_take_a_language() {
    let (code, out, err) = errdocs(&["explain", "1005", "--catalog", FIXTURE, "--lang", "zh-CN"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("1005  请求达到上限。\n"), "{out}");
    assert!(out.contains("备注"), "{out}");
    let (code, out, _) = errdocs(&["url", "1005", "--catalog", FIXTURE, "--lang", "zh-cn"]);
    assert_eq!(code, 0);
    assert_eq!(out, "zh-CN/codes/1005.html\n");
    let (code, out, _) = errdocs(&["url", "1005", "--catalog", FIXTURE]);
    assert_eq!(code, 0);
    assert_eq!(out, "codes/1005.html\n");
    let (code, _, err) = errdocs(&["explain", "1005", "--catalog", FIXTURE, "--lang", "zh-TW"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no language \"zh-TW\"") && err.contains("did you mean \"zh-CN\""),
        "{err}"
    );
    // A code only English has.
    let (code, _, err) = errdocs(&["url", "4299", "--catalog", FIXTURE, "--lang", "zh-CN"]);
    assert_eq!(code, 1, "{err}");
}

/// `diff` keeps every language's links: a row and a label gone from the
/// Chinese twin only break `zh-CN/` URLs, and dropping the language breaks
/// all of them; the default language's part of the diff stays clean.
#[test]
fn diff_reports_the_links_a_translation_breaks() {
    let t = tmp("languages-diff");
    let old = t.path().join("old");
    common::copy_tree(&root().join(FIXTURE), &old);
    let new = t.path().join("new");
    common::copy_tree(&root().join(FIXTURE), &new);
    let zh = new.join("zh/error-codes.md");
    let text = std::fs::read_to_string(&zh).unwrap();
    let row = text.lines().find(|l| l.starts_with("1001,")).unwrap();
    let text = text
        .replace(&format!("{row}\n"), "")
        .replace("(error-code-rest-api)=", "(rest-codes)=");
    std::fs::write(&zh, text).unwrap();
    let diff = |new: &Path| {
        let (code, out, err) = errdocs(&[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "json",
            "--fail-on",
            "breaking",
        ]);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
        (code, v)
    };
    let (code, v) = diff(&new);
    assert_eq!(code, 1, "{v}");
    // The page and the row of 1001, the renamed label; nothing else.
    assert_eq!(
        v["changes"],
        serde_json::json!([
            {"code": "1001", "kind": "broken-url", "now": null, "path": "zh-CN/codes/1001.html"},
            {"id": "1001", "kind": "broken-anchor", "page": "zh-CN/index.html"},
            {"id": "error-code-rest-api", "kind": "broken-anchor", "page": "zh-CN/index.html"},
        ])
    );
    assert_eq!(v["breaking"], 3, "{v}");
    // The language dropped: every code page it published.
    let gone = t.path().join("gone");
    common::copy_tree(&root().join(FIXTURE), &gone);
    let config = std::fs::read_to_string(gone.join("errdocs.toml")).unwrap();
    let config = &config[..config.rfind("[[language]]").unwrap()];
    std::fs::write(gone.join("errdocs.toml"), config).unwrap();
    std::fs::remove_dir_all(gone.join("zh")).unwrap();
    let (code, v) = diff(&gone);
    assert_eq!(code, 1);
    let zh_pages = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("zh-CN/codes/"))
        })
        .count();
    assert_eq!(zh_pages, 109, "{v}");
}
