use super::*;

fn doc(src: &str) -> Document {
    parse(&SourceFile::new("t.md", src), &ParseConfig::default())
}

#[test]
fn label_goes_first_on_the_section() {
    let d = doc("(rest)=\n## REST API Error Codes\n");
    let section = d
        .children
        .iter()
        .find(|n| matches!(n.kind, Kind::Section { .. }))
        .unwrap();
    assert_eq!(section.ids, ["rest", "rest-api-error-codes"]);
}

#[test]
fn folded_header_gives_an_empty_second_header_row() {
    let d = doc("```{csv-table}\n:header: >\n:    \"A\", \"B\"\n:widths: 1, 2\n\n1, x\n```\n");
    let Kind::Table(t) = &d.children[0].kind else {
        panic!("no table")
    };
    assert_eq!(t.header.len(), 2);
    assert!(t.header[1].cells.iter().all(|c| c.text.is_empty()));
}

#[test]
fn raw_html_in_cells_is_sanitised() {
    let d =
        doc("| a | b |\n|---|---|\n| <script>x</script><b>y</b> | [l](javascript:alert(1)) |\n");
    let Kind::Table(t) = &d.children[0].kind else {
        panic!("no table")
    };
    let html = &t.rows[0].cells[0].html;
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("<b>y</b>"), "{html}");
    assert!(!t.rows[0].cells[1].html.contains("javascript"));
}

#[test]
fn csv_error_points_at_the_character() {
    let d = doc("# T\n\n```{csv-table}\n\n1001, \"Instance\" exited\n```\n");
    let w = d
        .diagnostics
        .iter()
        .find(|w| w.rule == "csv-syntax")
        .unwrap();
    assert_eq!((w.span.line, w.span.column), (5, 17));
}

#[test]
fn list_table_names_the_first_row_that_differs_from_row_1() {
    // Sphinx counts row 1's cells and names the first row with another count.
    let d = doc("```{list-table}\n* - a\n  - b\n* - c\n  - d\n  - e\n* - g\n```\n");
    let w = d
        .diagnostics
        .iter()
        .find(|w| w.rule == "row-width")
        .unwrap();
    assert!(
        w.message
            .contains("but row 2 does not contain the same number of items as row 1 (3 vs 2)"),
        "{}",
        w.message
    );
    let d = doc("```{list-table}\n* - a\n* just text\n```\n");
    let w = d
        .diagnostics
        .iter()
        .find(|w| w.rule == "table-shape")
        .unwrap();
    assert!(
        w.message.contains(
            "two-level bullet list expected, but row 2 does not contain a second-level bullet list"
        ),
        "{}",
        w.message
    );
}

#[test]
fn directives_sphinx_knows_draw_no_unknown_directive_warning() {
    for name in [
        "figure-md",
        "currentmodule",
        "rst-class",
        "py:function",
        "function",
        "c:macro",
        "confval",
        "std:option",
        "versionadded",
    ] {
        let d = doc(&format!("# T\n\n```{{{name}}} x\nbody\n```\n"));
        assert!(
            !d.diagnostics
                .iter()
                .any(|w| w.message.contains("Unknown directive")),
            "{name}: {:?}",
            d.diagnostics
        );
    }
    let d = doc("# T\n\n```{footnote}\nx\n```\n");
    assert!(
        d.diagnostics
            .iter()
            .any(|w| w.message.contains("Unknown directive"))
    );
}
