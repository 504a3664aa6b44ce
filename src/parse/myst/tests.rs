use super::*;

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

/// What kind of block each block `scan` finds in `src` is.
fn kinds(src: &str) -> Vec<&'static str> {
    scan(&lines(src), true)
        .iter()
        .map(|b| match b {
            Block::Markdown { .. } => "md",
            Block::Fence(f) if f.colon => "colon",
            Block::Fence(_) => "fence",
            Block::Target { .. } => "target",
            Block::Comment { .. } => "comment",
            Block::PipeTable { .. } => "table",
        })
        .collect()
}

#[test]
fn scan_splits_fences_targets_and_tables() {
    let src = "# T\n\n(lbl)=\n```{note}\nx\n```\ntext\n| a | b |\n|---|---|\n| 1 | 2 |\n\n:::{tip}\ny\n:::\n";
    assert_eq!(
        kinds(src),
        ["md", "target", "fence", "md", "table", "md", "colon"]
    );
}

#[test]
fn backtick_info_with_backtick_is_not_a_fence() {
    assert!(
        scan(&lines("``` a`b\nx\n```"), true)
            .iter()
            .all(|b| !matches!(b, Block::Fence(f) if f.info == " a`b"))
    );
}

#[test]
fn escaped_split_matches_markdown_it() {
    assert_eq!(escaped_split("| f\\|oo |"), ["", " f|oo ", ""]);
    assert_eq!(escaped_split("a `|` b"), ["a `", "` b"]);
}

#[test]
fn directive_first_line_goes_to_body_without_arguments() {
    let dt = split_directive("a", &["b".to_string()], (0, 0), true, false);
    assert_eq!(dt.body, ["a", "b"]);
    assert_eq!(dt.body_offset, -1);
}

#[test]
fn a_list_items_lines_are_markdown_but_its_labels_are_targets() {
    // The closing fence of a directive in an item is no top-level fence.
    let src = "- ```{note}\n  x\n  ```\n\n  (lbl)=\n  text\n\n## After\n";
    assert_eq!(kinds(src), ["md", "target", "md"]);
}
