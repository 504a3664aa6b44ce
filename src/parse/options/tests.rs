use super::*;

#[test]
fn folded_header_keeps_final_newline_before_next_option() {
    let t = tokenize("header: >\n    \"Error Code\", \"Description\"\nwidths: 15, 20").unwrap();
    assert_eq!(
        t.options[0].value.as_deref(),
        Some("\"Error Code\", \"Description\"\n")
    );
    assert_eq!(t.options[0].style, Style::Folded);
    assert_eq!(t.options[1].value.as_deref(), Some("15, 20"));
}

#[test]
fn missing_colon_is_an_error_with_position() {
    let e = tokenize("key1").unwrap_err();
    assert_eq!(e.to_string(), "expected ':' after key\nat line 0, column 4");
}

#[test]
fn nul_in_quoted_value_terminates() {
    assert!(tokenize("a: \"x\0y").is_err());
}
