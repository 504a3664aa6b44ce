//! What names say: whether a container's or a constant's name marks error
//! codes, and a name without its language's dress for comparing names
//! across languages and with the catalog.

use crate::text;

fn lower_words(name: &str) -> Vec<String> {
    text::words(name)
        .into_iter()
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

/// An enum, class, struct, namespace or type whose own name says it holds
/// error codes: a word `Err…` (`Error`, `Errors`, `Errno`, `ERRCODE`),
/// `Code`/`Codes` or `Status`/`Statuses` (`ErrorCode`, `StatusCode`,
/// `RetCode`, `Code`).
pub fn is_error_container(name: &str) -> bool {
    lower_words(name).iter().any(|w| {
        w.starts_with("err") || matches!(w.as_str(), "code" | "codes" | "status" | "statuses")
    })
}

/// A constant whose name says it is an error code: it starts with `ERR`,
/// `ERROR`, `ERRNO`, `E_` or `kErr`, or ends with `Err`, `Error`,
/// `ErrCode`, `ErrorCode`, `RetCode` or `StatusCode`
/// (`ERR_PARAM_INVALID`, `kErrNotFound`, `E_QUOTA`, `FuncMetaNotFoundErrCode`).
/// `WS_PORT`, `MAX_CODE_LEN`, `DEFAULT_TIMEOUT` are not.
pub fn is_error_name(name: &str) -> bool {
    let w = lower_words(name);
    let [first, .., last] = w.as_slice() else {
        // One word: `ERRCODE_X` splits, `EACCES` does not mark itself.
        return false;
    };
    let errish = |s: &str| matches!(s, "err" | "error" | "errno" | "errcode" | "errorcode");
    let e_underscore = first == "e" && name.get(1..2) == Some("_");
    let k_err = first == "k" && w.get(1).is_some_and(|s| errish(s));
    let code_pair = w.len() >= 2
        && last == "code"
        && matches!(w[w.len() - 2].as_str(), "err" | "error" | "ret" | "status");
    errish(first) || e_underscore || k_err || errish(last) || code_pair
}

/// A name without its dress, for comparing: lower-case words, with the
/// container's name as a prefix (protobuf's `ERROR_CODE_NOT_FOUND` in
/// `enum ErrorCode`), and the affixes `k`, `E`, `ERR`, `ERROR`, `ERRNO`
/// (before) and `ERR`, `ERROR`, `CODE`, `ERRCODE` (after) removed, so
/// `ERR_FUNCTION_NAME_EXIST`, `FunctionNameExist`, `kFunctionNameExist` and
/// `FunctionNameExistErrCode` all read `functionnameexist`.
pub fn normalize(name: &str, container: Option<&str>) -> String {
    let mut w = lower_words(name);
    if let Some(c) = container {
        let cw = lower_words(c);
        if !cw.is_empty() && w.len() > cw.len() && w.starts_with(&cw) {
            w.drain(..cw.len());
        }
    }
    loop {
        let before = w.len();
        if w.len() > 1 && matches!(w[0].as_str(), "k" | "e" | "err" | "error" | "errno") {
            w.remove(0);
        }
        if w.len() > 1
            && matches!(
                w[w.len() - 1].as_str(),
                "err" | "error" | "code" | "errcode" | "errorcode"
            )
        {
            w.pop();
        }
        if w.len() == before {
            return w.concat();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_by_their_own_name() {
        for yes in [
            "ErrorCode",
            "Errors",
            "Code",
            "StatusCode",
            "ERRCODE",
            "RetCode",
            "err_type",
            "Errno",
            "Status",
        ] {
            assert!(is_error_container(yes), "{yes}");
        }
        for no in [
            "Config", "Limits", "Ports", "FileMode", "Unicode", "Decoder",
        ] {
            assert!(!is_error_container(no), "{no}");
        }
    }

    #[test]
    fn constants_by_their_own_name() {
        for yes in [
            "ERR_PARAM_INVALID",
            "ErrNotFound",
            "kErrNotFound",
            "E_QUOTA",
            "ERROR_TIMEOUT",
            "FuncMetaNotFoundErrCode",
            "QUOTA_EXCEEDED_ERROR",
            "NOT_FOUND_STATUS_CODE",
        ] {
            assert!(is_error_name(yes), "{yes}");
        }
        for no in [
            "WS_PORT",
            "MaxPort",
            "MAX_CODE_LEN",
            "DEFAULT_TIMEOUT",
            "BUFFER_SIZE",
            "EACCES",
            "ERRORS",
            "ENABLE",
            "ZIP_CODE",
        ] {
            assert!(!is_error_name(no), "{no}");
        }
    }

    #[test]
    fn names_compare_without_dress() {
        let n = |s| normalize(s, None);
        assert_eq!(n("ERR_FUNCTION_NAME_EXIST"), "functionnameexist");
        assert_eq!(n("FunctionNameExist"), "functionnameexist");
        assert_eq!(n("kFunctionNameExist"), "functionnameexist");
        assert_eq!(n("FuncMetaNotFoundErrCode"), n("FuncMetaNotFound"));
        assert_eq!(n("kErrFooErrCode"), "foo");
        assert_eq!(
            normalize("ERROR_CODE_NOT_FOUND", Some("ErrorCode")),
            "notfound"
        );
        assert_ne!(n("FunctionAlreadyExists"), n("FunctionNameExist"));
        assert_eq!(n("ERROR"), "error");
    }
}
