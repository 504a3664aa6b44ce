use super::lex::Lang;
use super::*;

/// The definitions of `text` as a file of `lang`: (name, code, container).
fn defs(file: &str, text: &str) -> Vec<(String, String, Option<String>)> {
    defs_with(file, text, &[], &[])
}

fn defs_with(
    file: &str,
    text: &str,
    enums: &[&str],
    known: &[&str],
) -> Vec<(String, String, Option<String>)> {
    let known: BTreeSet<String> = known.iter().map(|s| s.to_string()).collect();
    let enums: Vec<String> = enums.iter().map(|s| s.to_string()).collect();
    let opts = Options {
        min_digits: 4,
        patterns: &[],
        known: &known,
    };
    scan_file(Path::new(file), text.as_bytes(), &enums, &opts)
        .definitions
        .into_iter()
        .map(|d| {
            let c = d.container_name().map(str::to_string);
            (d.name, d.code, c)
        })
        .collect()
}

/// Options with no catalog codes and no patterns.
fn no_catalog(min_digits: usize) -> Options<'static> {
    static NONE: BTreeSet<String> = BTreeSet::new();
    Options {
        min_digits,
        patterns: &[],
        known: &NONE,
    }
}

fn d(name: &str, code: &str, container: Option<&str>) -> (String, String, Option<String>) {
    (name.into(), code.into(), container.map(str::to_string))
}

#[test]
fn literals() {
    assert_eq!(lex::integer("1001", Lang::C), Some(1001));
    assert_eq!(lex::integer("0x3E9", Lang::C), Some(1001));
    assert_eq!(lex::integer("0640", Lang::C), Some(0o640));
    assert_eq!(lex::integer("0640", Lang::Rust), Some(640));
    assert_eq!(lex::integer("0o1751", Lang::Python), Some(1001));
    assert_eq!(lex::integer("1_001u32", Lang::Rust), Some(1001));
    assert_eq!(lex::integer("1001UL", Lang::C), Some(1001));
    assert_eq!(lex::integer("1001L", Lang::Java), Some(1001));
    assert_eq!(lex::integer("1.5", Lang::C), None);
    assert_eq!(lex::integer("0b1111101001", Lang::Java), Some(1001));
    assert_eq!(lex::integer("09", Lang::C), None);
    assert_eq!(lex::integer("99999999999999999999999", Lang::C), None);
}

#[test]
fn lang_by_extension() {
    assert_eq!(Lang::of(Path::new("a/b.hpp")), Some(Lang::C));
    assert_eq!(Lang::of(Path::new("x.kt")), Some(Lang::Kotlin));
    assert_eq!(Lang::of(Path::new("README.md")), None);
}

fn form(file: &str) -> Vec<(String, String, Option<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/drift/forms")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    defs(file, &text)
}

#[test]
fn c_and_cpp() {
    assert_eq!(
        form("errors.h"),
        [
            d("ERR_PARAM_INVALID", "1001", None),
            d("ERR_DISK_FULL", "1002", None),
            d("SDK_NOT_FOUND", "1003", Some("SdkStatus")),
            d("SDK_TIMED_OUT", "1004", Some("SdkStatus")),
            d("SDK_HEX", "1005", Some("SdkStatus")),
            d("kInstanceExited", "1007", Some("ErrorCode")),
            d("kInstanceEvicted", "1013", Some("ErrorCode")),
            d("ERR_AUTH_FAILED", "1014", Some("sdk")),
            d("kErrMetaMissing", "1015", Some("sdk")),
            d("ERR_INFO_WRONG", "1016", Some("sdk")),
        ]
    );
}

#[test]
fn java() {
    assert_eq!(
        form("ErrorCodes.java"),
        [
            d("PARAMETER_INVALID", "1001", Some("ErrorCode")),
            d("DISK_FULL", "1002", Some("ErrorCode")),
            d("NOT_FOUND", "1003", Some("ErrorCode")),
            d("INSTANCE_EXITED", "1007", Some("ErrorCodes")),
            d("INSTANCE_EVICTED", "1013", Some("ErrorCodes")),
            d("AUTH_FAILED", "1014", Some("ErrorCodes")),
            d("META_MISSING", "1015", Some("ErrorCodes")),
            d("FUNCTION_NAME_EXIST", "4101", Some("RestErrors")),
        ]
    );
}

#[test]
fn go() {
    assert_eq!(
        form("errors.go"),
        [
            d("ParameterInvalid", "1001", Some("Code")),
            d("DiskFull", "1002", Some("Code")),
            d("InstanceExited", "1004", Some("Code")),
            d("FunctionNameExist", "4101", Some("Code")),
            d("FunctionNotFound", "4115", Some("Code")),
            d("ErrAuthFailed", "1014", None),
            d("ErrMetaMissing", "1015", None),
            d("StatusTimeout", "1017", None),
        ]
    );
}

#[test]
fn python() {
    assert_eq!(
        form("errors.py"),
        [
            d("ERR_PARAM_INVALID", "1001", None),
            d("DISK_FULL", "1002", Some("ErrorCode")),
            d("NOT_FOUND", "1003", Some("ErrorCode")),
            d("TIMED_OUT", "1004", Some("ErrorCode")),
            d("INSTANCE_EXITED", "1007", Some("StatusCodes")),
        ]
    );
}

#[test]
fn protobuf() {
    assert_eq!(
        form("errors.proto"),
        [
            d("ERROR_CODE_PARAMETER_INVALID", "1001", Some("ErrorCode")),
            d("ERROR_CODE_DISK_FULL", "1002", Some("ErrorCode")),
            d("ERROR_CODE_DISK_QUOTA", "1002", Some("ErrorCode")),
        ]
    );
}

#[test]
fn rust() {
    assert_eq!(
        form("errors.rs"),
        [
            d("ParameterInvalid", "1001", Some("ErrorCode")),
            d("DiskFull", "1002", Some("ErrorCode")),
            d("NotFound", "1003", Some("ErrorCode")),
            d("ERR_INSTANCE_EXITED", "1007", None),
            d("AUTH_FAILED", "1014", Some("Code")),
            d("META_MISSING", "1015", Some("Code")),
        ]
    );
}

#[test]
fn typescript() {
    assert_eq!(
        form("errors.ts"),
        [
            d("ParameterInvalid", "1001", Some("ErrorCode")),
            d("DiskFull", "1002", Some("ErrorCode")),
            d("ERR_NOT_FOUND", "1003", None),
            d("InstanceExited", "1007", Some("StatusCodes")),
            d("InstanceEvicted", "1013", Some("StatusCodes")),
            d("ERR_AUTH_FAILED", "1014", Some("Client")),
        ]
    );
}

#[test]
fn kotlin() {
    assert_eq!(
        form("ErrorCode.kt"),
        [
            d("PARAMETER_INVALID", "1001", Some("ErrorCode")),
            d("DISK_FULL", "1002", Some("ErrorCode")),
            d("NOT_FOUND", "1003", Some("Errors")),
            d("TIMED_OUT", "1004", Some("Errors")),
        ]
    );
}

#[test]
fn csharp() {
    assert_eq!(
        form("ErrorCode.cs"),
        [
            d("ParameterInvalid", "1001", Some("ErrorCode")),
            d("DiskFull", "1002", Some("ErrorCode")),
            d("NotFound", "1003", Some("Errors")),
        ]
    );
}

#[test]
fn a_container_mostly_of_catalog_codes_is_read() {
    let text = "class Limits:\n    A = 1001\n    B = 1002\n    C = 65535\n";
    assert_eq!(defs("l.py", text), []);
    assert_eq!(
        defs_with("l.py", text, &[], &["1001", "1002"]),
        [
            d("A", "1001", Some("Limits")),
            d("B", "1002", Some("Limits")),
            d("C", "65535", Some("Limits")),
        ]
    );
    // One catalog code is a coincidence, not a table.
    assert_eq!(
        defs_with(
            "l.py",
            "class L:\n    A = 1001\n    C = 65535\n",
            &[],
            &["1001"]
        ),
        []
    );
}

#[test]
fn enums_names_the_only_containers_read() {
    let text = "enum ErrorCode { A = 1001 };\nenum Other { B = 1002 };\nconst int ERR_C = 1003;\n";
    assert_eq!(
        defs_with("e.h", text, &["Other"], &[]),
        [d("B", "1002", Some("Other"))]
    );
}

#[test]
fn names_are_whole_and_columns_right() {
    let opts = no_catalog(4);
    let f = scan_file(
        Path::new("x.py"),
        "class ErrorCode(IntEnum):\n    FUNC_META_NOT_FOUND_ERR_CODE = 4112\n".as_bytes(),
        &[],
        &opts,
    );
    let def = &f.definitions[0];
    assert_eq!(
        (def.name.as_str(), def.line, def.column),
        ("FUNC_META_NOT_FOUND_ERR_CODE", 2, 5)
    );
}

#[test]
fn not_utf8_is_skipped_with_the_reason() {
    let opts = no_catalog(4);
    let f = scan_file(
        Path::new("x.h"),
        b"enum ErrorCode { A = 1001, \xff };",
        &[],
        &opts,
    );
    assert!(f.definitions.is_empty());
    assert_eq!(f.skipped.as_deref(), Some("not UTF-8 (byte 27)"));
}

#[test]
fn hostile_input_never_panics() {
    let opts = no_catalog(1);
    let deep = "{".repeat(100_000);
    let inputs: Vec<String> = vec![
        deep,
        "}".repeat(1000),
        "enum E { A = ".into(),
        "const (\n A Code = iota +".into(),
        "'".into(),
        "\"\\".into(),
        "r#\"".into(),
        "#define".into(),
        "class E(IntEnum):\n  A = (((((".into(),
        "enum E { A = 18446744073709551615, B, C }".into(),
        "x = 0x".into(),
        format!(
            "const ERR_X = {}1001{};",
            "C(".repeat(50_000),
            ")".repeat(50_000)
        ),
        format!("ERR_X = {}1001{}", "(".repeat(50_000), ")".repeat(50_000)),
    ];
    for text in &inputs {
        for ext in ["h", "go", "py", "rs", "ts", "java", "kt", "cs", "proto"] {
            let _ = scan_file(Path::new(&format!("x.{ext}")), text.as_bytes(), &[], &opts);
        }
    }
}
