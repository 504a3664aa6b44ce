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

#[test]
fn words_agree_with_the_reading_they_replaced() {
    // The reading `words` replaced: a `Vec<String>` of parts per run, every
    // run lower-cased with `to_lowercase`, sorted with `sort`.
    fn reference(text: &str) -> Vec<String> {
        let mut out: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                let parts = crate::text::words(w);
                let whole = std::iter::once(w.to_lowercase());
                let parts = (parts.len() > 1)
                    .then(|| parts.into_iter().map(|p| p.to_lowercase()))
                    .into_iter()
                    .flatten();
                let cjk = w.chars().filter(|&c| is_cjk(c)).map(String::from);
                whole.chain(parts).chain(cjk)
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
    // Every string of up to 5 of these (what tells runs, parts, case and
    // scripts apart), and some longer ones.
    const ALPHABET: [char; 9] = ['a', 'B', 'C', '1', '_', ' ', 'É', '中', 'Σ'];
    let mut texts = crate::text::every_string(&ALPHABET, 5);
    texts.push("HTTPServerError ERR_QUOTA_EXCEEDED 配额不足 FunctionNotFound4115".into());
    for t in &texts {
        assert_eq!(words(t), reference(t), "{t:?}");
    }
}
