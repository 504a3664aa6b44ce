use super::*;

fn rows(src: &str) -> Result<Vec<Vec<String>>, CsvError> {
    let lines: Vec<String> = src.lines().map(str::to_string).collect();
    read_csv(&lines, Dialect::default()).map(|r| {
        r.into_iter()
            .map(|r| r.fields.into_iter().map(|f| f.text).collect())
            .collect()
    })
}

#[test]
fn quoted_fields_commas_and_doubled_quotes() {
    assert_eq!(
        rows("1001, \"a, b\", \"say \"\"hi\"\"\"").unwrap(),
        [["1001", "a, b", "say \"hi\""]]
    );
}

#[test]
fn multi_line_quoted_field_and_blank_row() {
    assert_eq!(
        rows("\"a\nb\", c\n\nd").unwrap(),
        vec![
            vec!["a\nb".to_string(), "c".into()],
            vec![],
            vec!["d".into()]
        ]
    );
}

#[test]
fn text_after_closing_quote_is_an_error_at_its_column() {
    let e = rows("1001, \"Instance\" exited").unwrap_err();
    assert_eq!(e.kind, CsvErrorKind::TextAfterQuote);
    assert_eq!((e.line, e.column), (0, 16));
    assert_eq!(e.message, "',' expected after '\"'");
}

#[test]
fn unterminated_quote() {
    let e = rows("\"bad\", \"csv, data").unwrap_err();
    assert_eq!(e.message, "unexpected end of data");
}

#[test]
fn field_columns() {
    let lines = vec!["1001, \"x\",y".to_string()];
    let r = read_csv(&lines, Dialect::default()).unwrap();
    let cols: Vec<usize> = r[0].fields.iter().map(|f| f.column).collect();
    assert_eq!(cols, [0, 6, 10]);
}
