use super::*;

#[test]
fn pipe_row_pads_and_truncates() {
    let (cells, written) = pipe_row("| a | b | c |", 2);
    assert_eq!(written, 3);
    assert_eq!(cells, [("a".to_string(), 2), ("b".to_string(), 6)]);
    let (cells, _) = pipe_row("| a |", 2);
    assert_eq!(cells[1].0, "");
}
