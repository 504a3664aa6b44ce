use super::*;

#[test]
fn line_col_counts_scalars() {
    let s = SourceFile::new("x.md", "ab\nçd e\n");
    assert_eq!(s.line_col(0), (1, 1));
    assert_eq!(s.line_col(3), (2, 1));
    assert_eq!(s.line_col(6), (2, 3));
}

#[test]
fn bom_and_crlf_are_normalised() {
    let s = SourceFile::from_bytes("x.md", b"\xEF\xBB\xBFa\r\nb\r\n").unwrap();
    assert_eq!(s.text, "a\nb\n");
}

#[test]
fn invalid_utf8_names_byte_offset_and_position() {
    let e = SourceFile::from_bytes("x.md", b"ab\ncd\xE9f").unwrap_err();
    assert_eq!(
        e,
        DecodeError {
            byte_offset: 5,
            line: 2,
            column: 3
        }
    );
}
