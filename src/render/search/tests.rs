use super::*;

#[test]
fn runs_and_bitmaps() {
    assert_eq!(encode(&[0, 1, 2, 5, 9, 10], 1000), "0.2,2,3.1");
    assert_eq!(encode(&[3], 1000), "3");
    assert_eq!(encode(&[40], 1000), "14");
    // Dense and scattered: the bitmap is shorter.
    let list: Vec<u32> = (0..1000).filter(|k| k % 3 != 0).collect();
    let enc = encode(&list, 1000);
    assert!(enc.starts_with('~'), "{enc}");
    assert_eq!(enc.len(), 1 + 168);
    // Bit k%8 of byte k/8: ordinals 1 and 2 → 0b0110 → "Bg==".
    assert_eq!(format!("~{}", base64(&[0b0110])), "~Bg==");
}

#[test]
fn base64_matches_the_standard() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
}

#[test]
fn words_are_lower_case_letter_and_digit_runs() {
    assert_eq!(
        words("Function 4115: the QUOTA of the tenant's Überlauf"),
        vec![
            "4115",
            "function",
            "of",
            "quota",
            "s",
            "tenant",
            "the",
            "überlauf"
        ]
    );
}

#[test]
fn a_run_list_never_looks_like_a_bitmap() {
    // Gap 14,507 is "b6z" in base 36.
    let enc = encode(&[14_507], 20_000);
    assert_eq!(enc, "b6z");
    assert!(!enc.starts_with('~'));
}

#[test]
fn identifiers_give_their_parts_too() {
    assert_eq!(
        words("FunctionNotFound ERR_PARAM_INVALID"),
        vec![
            "err",
            "found",
            "function",
            "functionnotfound",
            "invalid",
            "not",
            "param",
        ]
    );
}

#[test]
fn cjk_characters_are_words_too() {
    let w = words("函数未创建 session 无效");
    for c in [
        "函",
        "数",
        "未",
        "创",
        "建",
        "无",
        "效",
        "session",
        "函数未创建",
    ] {
        assert!(w.contains(&c.to_string()), "{c}: {w:?}");
    }
}
