use super::*;

#[test]
fn make_id_table() {
    for (input, want) in [
        ("REST API Error Codes", "rest-api-error-codes"),
        ("Error Codes", "error-codes"),
        ("error_code.rest api", "error-code-rest-api"),
        ("4xx / 5xx Errors", "xx-5xx-errors"),
        ("2.0", ""),
        ("Straße & Œuvre", "strasze-oeuvre"),
        ("café  naïve", "cafe-naive"),
        ("中文标题", ""),
        ("__init__ (API)", "init-api"),
    ] {
        assert_eq!(make_id(input), want, "{input}");
    }
}

#[test]
fn registry_never_returns_empty_or_duplicate() {
    let mut r = IdRegistry::default();
    assert_eq!(r.assign(["Errors"]), "errors");
    assert_eq!(r.assign(["Errors"]), "id1");
    assert_eq!(r.assign(["中文"]), "id2");
}
