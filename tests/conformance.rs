//! Runs every test vector in `tests/conformance/` (a copy of the vectors
//! handed to the project, kept current by `tests/vendored.rs`: docutils',
//! MyST-Parser's and the GFM spec's suites, expectations from a real Sphinx
//! build) against errdocs' reader. Each case must match on every field its
//! `expect` holds, or be listed with its reason in
//! `tests/conformance_exceptions.txt`. A listed case that now passes fails the
//! test too, so the list stays true.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use common::{root, tmp};
use errdocs::diag::{Severity, SphinxLevel};
use errdocs::parse::directive::{self, OptValue};
use errdocs::parse::myst;
use errdocs::parse::{self, Document, Kind, Node, ParseConfig, Table};
use errdocs::source::SourceFile;
use serde_json::{Map, Value, json};

const FILES: &[&str] = &[
    "csv-table.jsonl",
    "options.jsonl",
    "pipe-table.jsonl",
    "targets-and-fences.jsonl",
];

fn conformance_dir() -> PathBuf {
    root().join("tests/conformance")
}

/// `case-id field` → reason.
fn exceptions() -> BTreeMap<(String, String), String> {
    let path = root().join("tests/conformance_exceptions.txt");
    let text = std::fs::read_to_string(&path).expect("tests/conformance_exceptions.txt");
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, reason) = line
            .split_once(" -- ")
            .unwrap_or_else(|| panic!("line {}: expected `case field -- reason`", n + 1));
        let mut parts = key.split_whitespace();
        let (Some(case), Some(field), None) = (parts.next(), parts.next(), parts.next()) else {
            panic!("line {}: expected `case field -- reason`", n + 1);
        };
        assert!(
            reason.trim().len() >= 20,
            "line {}: give a real reason",
            n + 1
        );
        out.insert(
            (case.to_string(), field.to_string()),
            reason.trim().to_string(),
        );
    }
    out
}

#[test]
fn conformance_vectors() {
    let dir = conformance_dir();
    assert!(
        dir.is_dir(),
        "the conformance vectors are expected at {}",
        dir.display()
    );
    let exceptions = exceptions();
    let mut failures: Vec<String> = Vec::new();
    let mut excepted: BTreeSet<(String, String)> = BTreeSet::new();
    let mut cases = 0usize;
    let mut failed_cases: BTreeSet<String> = BTreeSet::new();
    let mut summary = Vec::new();
    for file in FILES {
        let text = std::fs::read_to_string(dir.join(file)).expect("vector file");
        let (mut pass, mut total) = (0, 0);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let case: Value = serde_json::from_str(line).expect("json");
            let id = case["id"].as_str().expect("id").to_string();
            cases += 1;
            total += 1;
            let got = run_case(file, &case);
            let expect = case["expect"].as_object().expect("expect");
            let mut ok = true;
            for (field, want) in expect {
                let have = got.get(field).cloned().unwrap_or(Value::Null);
                let key = (id.clone(), field.clone());
                if have != *want {
                    ok = false;
                    if exceptions.contains_key(&key) {
                        excepted.insert(key);
                    } else {
                        failures.push(format!("{id} {field}\n    want: {want}\n    have: {have}"));
                    }
                } else if exceptions.contains_key(&key) {
                    failures.push(format!(
                        "{id} {field}: listed as an exception but passes now; remove it from the list"
                    ));
                }
            }
            if ok {
                pass += 1;
            } else {
                failed_cases.insert(id);
            }
        }
        summary.push(format!("{file}: {pass}/{total} cases pass on every field"));
    }
    for key in exceptions.keys() {
        let reported = failures
            .iter()
            .any(|f| f.starts_with(&format!("{} {}", key.0, key.1)));
        if !excepted.contains(key) && !reported {
            failures.push(format!(
                "{} {}: listed as an exception but no such failing case/field",
                key.0, key.1
            ));
        }
    }
    println!("{}", summary.join("\n"));
    println!(
        "{} of {cases} cases have listed exceptions ({} case/field pairs)",
        failed_cases.len(),
        excepted.len()
    );
    assert!(
        failures.is_empty(),
        "{} unlisted conformance differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        failed_cases.len() * 10 < cases,
        "exceptions must stay under 10% of cases: {} of {cases}",
        failed_cases.len()
    );
}

fn config_for(case: &Value) -> ParseConfig {
    let mut c = ParseConfig::default();
    if let Some(cfg) = case.get("config") {
        if let Some(v) = cfg.get("smartquotes") {
            c.smartquotes = v.as_bool().unwrap_or(true);
        }
        if let Some(v) = cfg.get("myst_heading_anchors") {
            c.heading_anchors = v.as_u64().unwrap_or(0) as usize;
        }
        if let Some(v) = cfg.get("myst_enable_extensions") {
            c.colon_fences = v
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x == "colon_fence"));
        }
    }
    c
}

fn run_case(file: &str, case: &Value) -> Map<String, Value> {
    let input = case["input"].as_str().expect("input");
    let config = config_for(case);
    // Each case is the only document of its own project, in a folder of its own.
    let dir = tmp("conformance");
    let src = SourceFile::new(dir.path().join("index.md"), input);
    let config = ParseConfig {
        root: Some(dir.path().to_path_buf()),
        ..config
    };
    let doc = parse::parse(&src, &config);
    let mut out = Map::new();
    out.insert("warnings".into(), warnings(&doc));
    match file {
        "csv-table.jsonl" => csv_fields(&doc, case["expect"].get("crash"), &mut out),
        "options.jsonl" => options_fields(input, &doc, &config, &mut out),
        "pipe-table.jsonl" => {
            out.insert(
                "blocks".into(),
                doc.children.iter().map(|n| json!(n.tag())).collect(),
            );
            let mut tables = Vec::new();
            all_tables(&doc.children, &mut |_, t| tables.push(pipe_json(t)));
            out.insert("tables".into(), Value::Array(tables));
        }
        _ => {
            out.insert("outline".into(), outline(&doc.children));
            let mut sections = Vec::new();
            let mut anchors = Vec::new();
            all_sections(&doc.children, &mut |n| {
                let Kind::Section { depth, title } = &n.kind else {
                    return;
                };
                let mut s =
                    json!({"title": title.text, "depth": depth, "ids": n.ids, "names": n.names});
                if !n.dupnames.is_empty() {
                    s["dupnames"] = json!(n.dupnames);
                }
                sections.push(s);
                anchors
                    .push(json!({"id": n.ids.first(), "span_ids": n.ids.get(1..).unwrap_or(&[])}));
            });
            out.insert("sections".into(), Value::Array(sections));
            out.insert("html_anchors".into(), Value::Array(anchors));
            out.insert(
                "fences".into(),
                doc.fences
                    .iter()
                    .map(|f| {
                        json!({"kind": f.kind, "markup": f.markup, "info": f.info, "content": f.content, "depth": f.depth})
                    })
                    .collect(),
            );
        }
    }
    out
}

fn warnings(doc: &Document) -> Value {
    doc.diagnostics
        .iter()
        .filter_map(|d| d.sphinx.as_ref())
        .map(|w| {
            json!({
                "line": w.line,
                "level": w.level.as_str(),
                "message": w.message,
                "type": w.kind,
            })
        })
        .collect()
}

fn all_tables<'a>(nodes: &'a [Node], f: &mut impl FnMut(&'a Node, &'a Table)) {
    for n in nodes {
        if let Kind::Table(t) = &n.kind {
            f(n, t);
        }
        all_tables(&n.children, f);
    }
}

fn all_sections<'a>(nodes: &'a [Node], f: &mut impl FnMut(&'a Node)) {
    for n in nodes {
        if matches!(n.kind, Kind::Section { .. }) {
            f(n);
        }
        all_sections(&n.children, f);
    }
}

fn cells(rows: &[parse::Row], text: bool) -> Value {
    rows.iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| json!(if text { &c.text } else { &c.source }))
                .collect::<Value>()
        })
        .collect()
}

fn pipe_json(t: &Table) -> Value {
    json!({
        "cols": t.cols,
        "align_cols": t.align_cols,
        "header_src": cells(&t.header, false),
        "rows_src": cells(&t.rows, false),
        "header_text": cells(&t.header, true),
        "rows_text": cells(&t.rows, true),
    })
}

fn csv_fields(doc: &Document, expect_crash: Option<&Value>, out: &mut Map<String, Value>) {
    let mut first: Option<(&Node, &Table)> = None;
    all_tables(&doc.children, &mut |n, t| {
        if first.is_none() {
            first = Some((n, t));
        }
    });
    let Some((n, t)) = first else {
        // What Sphinx reports first, else errdocs' own refusal.
        let sphinx = doc.diagnostics.iter().find_map(|d| {
            d.sphinx
                .as_ref()
                .filter(|w| w.kind == "docutils" || w.level >= SphinxLevel::Error)
                .map(|w| (w.message.clone(), w.level))
        });
        let err = sphinx.or_else(|| {
            doc.diagnostics
                .iter()
                .find(|d| d.sphinx.is_none() && d.severity == Severity::Error)
                .map(|d| (d.message.clone(), SphinxLevel::Error))
        });
        if let (Some(crash), Some(_)) = (expect_crash, &err) {
            out.insert("crash".into(), crash.clone());
            return;
        }
        match err {
            Some((message, level)) => {
                out.insert("error".into(), json!(error_kind(&message)));
                out.insert("message".into(), json!(message));
                out.insert("level".into(), json!(level.as_str()));
                // Sphinx itself crashes on these inputs; a conforming reader
                // reports an error instead (the vectors' README).
                if let Some(crash) = expect_crash {
                    out.insert("crash".into(), json!(crash));
                }
            }
            None => {
                out.insert("error".into(), json!("no table produced"));
            }
        }
        return;
    };
    out.insert("title".into(), json!(t.title.as_ref().map(|i| &i.text)));
    out.insert("cols".into(), json!(t.cols));
    out.insert("header".into(), cells(&t.header, false));
    out.insert("rows".into(), cells(&t.rows, false));
    out.insert("header_text".into(), cells(&t.header, true));
    out.insert("rows_text".into(), cells(&t.rows, true));
    out.insert("colwidths".into(), json!(t.colwidths));
    out.insert("widths".into(), json!(t.widths));
    out.insert("stub_columns".into(), json!(t.stub_columns));
    out.insert("align".into(), json!(t.align));
    out.insert("width".into(), json!(t.width));
    out.insert("classes".into(), json!(n.classes));
    out.insert("ids".into(), json!(n.ids));
    out.insert("names".into(), json!(n.names));
}

fn error_kind(message: &str) -> &'static str {
    if message.contains("unexpected end of data") {
        "csv syntax: quoted field not terminated before end of data"
    } else if message.contains("expected after") {
        "csv syntax: text after a closing quote (strict mode)"
    } else if message.contains("header row(s) specified but only") {
        "header-rows exceeds the number of CSV rows"
    } else if message.contains("row(s)); no data remaining for table body") {
        "all rows consumed by header-rows; table body would be empty"
    } else if message.contains("stub column(s) specified but only") {
        "stub-columns exceeds the number of cells in a row"
    } else if message.contains("columns(s)); no data remaining for table body") {
        "stub-columns equals the number of cells in a row; no body columns left"
    } else if message.contains("widths do not match") {
        "number of widths differs from the number of table columns"
    } else if message.contains("requires content; none supplied") {
        "directive has no content (and no file/url option)"
    } else if message.contains("may not both specify an external file") {
        "directive has both content and a file/url option"
    } else if message.contains("may not be simultaneously specified") {
        "file and url options given together"
    } else if message.contains("Problems with") {
        "CSV file named by the file option cannot be read"
    } else {
        "other error"
    }
}

fn options_fields(input: &str, doc: &Document, config: &ParseConfig, out: &mut Map<String, Value>) {
    out.insert("doctree".into(), outline(&doc.children));
    let lines: Vec<&str> = input.split('\n').collect();
    let fence = myst::scan(&lines, config.colon_fences)
        .into_iter()
        .find_map(|b| match b {
            myst::Block::Fence(f) => Some(f),
            _ => None,
        });
    let Some(fence) = fence else {
        out.insert("directive".into(), Value::Null);
        return;
    };
    let r = directive::report(&fence);
    if r.unknown {
        out.insert("directive".into(), Value::Null);
        return;
    }
    out.insert("directive".into(), json!(r.directive));
    out.insert(
        "raw_options".into(),
        match &r.text.options {
            Some(opts) => opts
                .iter()
                .map(|o| json!([o.key, o.value, o.style.marker()]))
                .collect(),
            None => Value::Null,
        },
    );
    if let Some(e) = &r.text.tokenize_error {
        out.insert("tokenize_error".into(), json!(e.to_string()));
    }
    if let Some(e) = &r.parse_error {
        out.insert("parse_error".into(), json!(e));
        return;
    }
    out.insert("arguments".into(), json!(r.text.arguments));
    let mut opts = Map::new();
    for (k, v) in &r.options {
        opts.insert(
            k.clone(),
            match v {
                OptValue::Text(t) => json!(t),
                OptValue::Int(n) => json!(n),
                OptValue::Widths(w) => json!(w),
                OptValue::Auto => json!("auto"),
                OptValue::Classes(c) => json!(c),
                OptValue::Char(c) => json!(c.to_string()),
            },
        );
    }
    out.insert("options".into(), Value::Object(opts));
    out.insert("body".into(), json!(r.text.body));
    out.insert("body_offset".into(), json!(r.text.body_offset));
}

fn outline(nodes: &[Node]) -> Value {
    nodes.iter().map(outline_node).collect()
}

fn outline_node(n: &Node) -> Value {
    let mut o = Map::new();
    o.insert("node".into(), json!(n.tag()));
    let mut classes = n.classes.clone();
    if let Kind::Table(t) = &n.kind {
        match t.widths {
            "given" => classes.insert(0, "colwidths-given".into()),
            "auto" => classes.insert(0, "colwidths-auto".into()),
            _ => {}
        }
    }
    if !n.ids.is_empty() {
        o.insert("ids".into(), json!(n.ids));
    }
    if !n.names.is_empty() {
        o.insert("names".into(), json!(n.names));
    }
    if !classes.is_empty() {
        o.insert("classes".into(), json!(classes));
    }
    if !n.dupnames.is_empty() {
        o.insert("dupnames".into(), json!(n.dupnames));
    }
    let mut children: Vec<Value> = Vec::new();
    match &n.kind {
        Kind::Target { refid: Some(r) } => {
            o.insert("refid".into(), json!(r));
        }
        Kind::Paragraph(i) | Kind::Rubric(i) => {
            o.insert("text".into(), json!(i.text));
        }
        Kind::LiteralBlock { language, text } => {
            o.insert("language".into(), json!(language));
            o.insert("text".into(), json!(text));
        }
        Kind::Section { title, .. } => children.push(json!({"node": "title", "text": title.text})),
        Kind::Admonition {
            title: Some(title), ..
        } => children.push(json!({"node": "title", "text": title.text})),
        Kind::List { .. } => {
            o.insert(
                "items".into(),
                n.children.iter().map(|c| json!(c.text())).collect(),
            );
        }
        Kind::Table(t) => {
            o.insert("header_text".into(), cells(&t.header, true));
            o.insert("rows_text".into(), cells(&t.rows, true));
        }
        _ => {}
    }
    if !matches!(n.kind, Kind::List { .. }) {
        children.extend(n.children.iter().map(outline_node));
    }
    if !children.is_empty() {
        o.insert("children".into(), Value::Array(children));
    }
    Value::Object(o)
}
