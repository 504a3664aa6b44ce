//! `errdocs codegen`: each language's module is compiled or imported for real
//! (rustc, go, python3, javac, gcc and g++, tsc) and asked for the doc URLs
//! of 1001 and 4115, which must be the pages the site serves; each
//! language's standard formatter (rustfmt, gofmt, black, clang-format,
//! prettier) must change nothing. One test per language, and one per
//! formatter that is a tool of its own (black, clang-format): a missing tool
//! skips its test with the reason, except under `CI=true` (`.ci/run`
//! installs them all).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{
    Missing, errdocs_cmd, output, require, require_preinstalled, root, runs, stdout_of as run,
    test, tmp, with_tools,
};

fn main() {
    common::run(vec![
        with_tools("rust_module", rust_module),
        with_tools("go_module", go_module),
        with_tools("python_module", python_module),
        with_tools("python_module_is_black_clean", python_module_is_black_clean),
        with_tools("java_module", java_module),
        with_tools("c_header", c_header),
        with_tools(
            "c_header_is_clang_format_clean",
            c_header_is_clang_format_clean,
        ),
        with_tools("typescript_module", typescript_module),
        with_tools("rust_deprecation_warns", rust_deprecation_warns),
        with_tools("java_deprecation_warns", java_deprecation_warns),
        with_tools("typescript_deprecation_tag", typescript_deprecation_tag),
        with_tools(
            "go_python_c_deprecation_markers",
            go_python_c_deprecation_markers,
        ),
        test(
            "name_clashes_are_errors_naming_both_rows",
            name_clashes_are_errors_naming_both_rows,
        ),
    ]);
}

fn generate(lang: &str, dir: &Path, file: &str) -> PathBuf {
    let out = dir.join(file);
    let (code, _, err) = output(
        errdocs_cmd()
            .args(["codegen", "--lang", lang, "--out"])
            .arg(&out),
    );
    assert_eq!(code, 0, "codegen --lang {lang}: {err}");
    out
}

const WANT: &str = "codes/1001.html\ncodes/4115.html\n";

/// The lifecycle fixture: 5002 deprecated (-> 5004), 5005 removed in a row,
/// 5003 removed and kept only by errdocs.toml; its base URL is absolute.
const LIFECYCLE: &str = "tests/fixtures/lifecycle";
const TOMBSTONE_URL: &str = "https://docs.example.com/errors/codes/5003.html";

fn generate_lifecycle(lang: &str, dir: &Path, file: &str) -> PathBuf {
    let out = dir.join(file);
    let (code, _, err) = output(
        errdocs_cmd()
            .args(["codegen", "--catalog", LIFECYCLE, "--lang", lang, "--out"])
            .arg(&out),
    );
    assert_eq!(code, 0, "codegen --lang {lang}: {err}");
    out
}

fn served() {
    for p in ["site/codes/1001.html", "site/codes/4115.html"] {
        assert!(root().join(p).is_file(), "the site serves {p}");
    }
}

fn rust_module() -> Result<(), Missing> {
    served();
    require_preinstalled(runs("rustc", &["--version"]), "rustc")?;
    require_preinstalled(runs("cc", &["--version"]), "cc (rustc's linker)")?;
    require_preinstalled(runs("rustfmt", &["--version"]), "rustfmt")?;
    let t = tmp("rust");
    let d = t.path();
    let src = generate("rust", d, "errors.rs");
    rustfmt_and_compile(d, &src);
    std::fs::write(
        d.join("main.rs"),
        "use errors::ErrorCode;\nfn main() {\n    assert_eq!(ErrorCode::FunctionNotFound.code(), 4115);\n    assert_eq!(ErrorCode::FunctionNotFound.message(), \"FunctionNotFound\");\n    println!(\"{}\", ErrorCode::from_code(1001).unwrap().doc_url());\n    println!(\"{}\", ErrorCode::from_code(4115).unwrap().doc_url());\n}\n",
    )
    .unwrap();
    run(Command::new("rustc")
        .args(["--edition", "2024", "--extern"])
        .arg(format!("errors={}", d.join("liberrors.rlib").display()))
        .arg("-o")
        .arg(d.join("main"))
        .arg(d.join("main.rs")));
    assert_eq!(run(&mut Command::new(d.join("main"))), WANT);
    Ok(())
}

/// `rustfmt --check` on a generated module, then compiles it into
/// `d/liberrors.rlib` with warnings denied.
fn rustfmt_and_compile(d: &Path, src: &Path) {
    run(Command::new("rustfmt")
        .args(["--check", "--edition", "2024"])
        .arg(src));
    run(Command::new("rustc")
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--crate-name",
            "errors",
            "-D",
            "warnings",
            "-o",
        ])
        .arg(d.join("liberrors.rlib"))
        .arg(src));
}

fn go_module() -> Result<(), Missing> {
    served();
    require(runs("go", &["version"]), "go (apt-get install golang-go)")?;
    let t = tmp("go");
    let d = t.path();
    std::fs::create_dir_all(d.join("errorcodes")).unwrap();
    let src = generate("go", &d.join("errorcodes"), "errors.go");
    assert_eq!(
        run(Command::new("gofmt").arg("-l").arg(&src)),
        "",
        "gofmt would change it"
    );
    std::fs::write(d.join("go.mod"), "module example.com/app\n\ngo 1.19\n").unwrap();
    std::fs::write(
        d.join("main.go"),
        "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/app/errorcodes\"\n)\n\nfunc main() {\n\tc, ok := errorcodes.Lookup(4115)\n\tif !ok || c != errorcodes.FunctionNotFound {\n\t\tpanic(\"lookup\")\n\t}\n\tfmt.Println(errorcodes.Code(1001).DocURL())\n\tfmt.Println(c.DocURL())\n}\n",
    )
    .unwrap();
    let go = |args: &[&str]| {
        let mut c = Command::new("go");
        c.args(args)
            .current_dir(d)
            .env("GOCACHE", d.join(".cache"))
            .env("GOPATH", d.join(".gopath"))
            .env("GOFLAGS", "-mod=mod")
            .env("GOTOOLCHAIN", "local");
        c
    };
    run(&mut go(&["vet", "./..."]));
    assert_eq!(run(&mut go(&["run", "."])), WANT);
    Ok(())
}

fn python_module() -> Result<(), Missing> {
    served();
    require_preinstalled(runs("python3", &["--version"]), "python3")?;
    let t = tmp("python");
    let d = t.path();
    generate("python", d, "errors.py");
    let out = run(Command::new("python3")
        .args(["-c", "import errors\nassert errors.ErrorCode(4115) is errors.ErrorCode.FUNCTION_NOT_FOUND\nassert errors.ErrorCode.FUNCTION_NOT_FOUND.message == 'FunctionNotFound'\nprint(errors.ErrorCode(1001).doc_url)\nprint(errors.ErrorCode(4115).doc_url)"])
        .current_dir(d));
    assert_eq!(out, WANT);
    Ok(())
}

fn python_module_is_black_clean() -> Result<(), Missing> {
    let black = root().join("target/codegen-tools/bin/black");
    require(black.exists(), "black (target/codegen-tools/bin/black)")?;
    let t = tmp("black");
    let src = generate("python", t.path(), "errors.py");
    run(Command::new(&black).args(["--check", "--quiet"]).arg(&src));
    Ok(())
}

fn java_module() -> Result<(), Missing> {
    served();
    require(
        runs("javac", &["-J-XX:-UsePerfData", "-version"]),
        "javac (apt-get install default-jdk-headless)",
    )?;
    let t = tmp("java");
    let d = t.path();
    generate("java", d, "ErrorCode.java");
    std::fs::write(
        d.join("Main.java"),
        "public class Main {\n  public static void main(String[] args) {\n    if (ErrorCode.fromCode(4115) != ErrorCode.FUNCTION_NOT_FOUND) throw new AssertionError();\n    System.out.println(ErrorCode.fromCode(1001).docUrl());\n    System.out.println(ErrorCode.fromCode(4115).docUrl());\n  }\n}\n",
    )
    .unwrap();
    run(Command::new("javac")
        .args([
            "-J-XX:-UsePerfData",
            "-Xlint:all",
            "-Werror",
            "ErrorCode.java",
            "Main.java",
        ])
        .current_dir(d));
    assert_eq!(
        run(Command::new("java")
            .args(["-XX:-UsePerfData", "-cp", ".", "Main"])
            .current_dir(d)),
        WANT
    );
    Ok(())
}

fn c_header() -> Result<(), Missing> {
    served();
    require_preinstalled(runs("gcc", &["--version"]), "gcc")?;
    require(runs("g++", &["--version"]), "g++ (apt-get install g++)")?;
    let t = tmp("c");
    let d = t.path();
    generate("c", d, "errors.h");
    std::fs::write(
        d.join("main.c"),
        "#include \"errors.h\"\n#include <stdio.h>\n\nint main(void) {\n  enum errdocs_error_code c = ERR_FUNCTION_NOT_FOUND;\n  printf(\"%s\\n%s\\n\", errdocs_doc_url(1001), errdocs_doc_url(c));\n  return 0;\n}\n",
    )
    .unwrap();
    run(Command::new("gcc")
        .args([
            "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", "main", "main.c",
        ])
        .current_dir(d));
    assert_eq!(run(&mut Command::new(d.join("main"))), WANT);
    // The same header from C++.
    run(Command::new("g++")
        .args([
            "-Wall", "-Wextra", "-Werror", "-x", "c++", "-o", "main-cpp", "main.c",
        ])
        .current_dir(d));
    assert_eq!(run(&mut Command::new(d.join("main-cpp"))), WANT);
    Ok(())
}

fn c_header_is_clang_format_clean() -> Result<(), Missing> {
    require(
        runs("clang-format", &["--version"]),
        "clang-format (apt-get install clang-format)",
    )?;
    let t = tmp("clang-format");
    let src = generate("c", t.path(), "errors.h");
    run(Command::new("clang-format")
        .args(["--dry-run", "--Werror"])
        .arg(&src));
    Ok(())
}

fn typescript_module() -> Result<(), Missing> {
    served();
    let bin = root().join("node_modules/.bin");
    require_preinstalled(runs("node", &["--version"]), "node")?;
    require(bin.join("tsc").exists(), "node_modules/.bin/tsc (npm ci)")?;
    require(
        bin.join("prettier").exists(),
        "node_modules/.bin/prettier (npm ci)",
    )?;
    let t = tmp("ts");
    let d = t.path();
    let src = generate("typescript", d, "errors.ts");
    run(Command::new(bin.join("prettier")).arg("--check").arg(&src));
    std::fs::write(
        d.join("main.ts"),
        "import { ErrorCode, docUrl, fromCode, message } from \"./errors\";\n\nif (message(ErrorCode.FunctionNotFound) !== \"FunctionNotFound\") throw new Error(\"message\");\nconsole.log(docUrl(fromCode(1001)!));\nconsole.log(docUrl(fromCode(4115)!));\n",
    )
    .unwrap();
    run(Command::new(bin.join("tsc"))
        .args([
            "--strict",
            "--module",
            "commonjs",
            "--target",
            "es2020",
            "--outDir",
            "out",
            "main.ts",
            "errors.ts",
        ])
        .current_dir(d));
    assert_eq!(
        run(Command::new("node").arg("out/main.js").current_dir(d)),
        WANT
    );
    Ok(())
}

fn rust_deprecation_warns() -> Result<(), Missing> {
    require_preinstalled(runs("rustc", &["--version"]), "rustc")?;
    require_preinstalled(runs("cc", &["--version"]), "cc (rustc's linker)")?;
    require_preinstalled(runs("rustfmt", &["--version"]), "rustfmt")?;
    let t = tmp("rust-deprecated");
    let d = t.path();
    let src = generate_lifecycle("rust", d, "errors.rs");
    let text = std::fs::read_to_string(&src).unwrap();
    assert!(
        !text.contains(" = 5005,") && !text.contains(" = 5003,"),
        "removed codes get no constant"
    );
    // The module itself compiles without a warning.
    rustfmt_and_compile(d, &src);
    std::fs::write(
        d.join("main.rs"),
        "fn main() {\n    let c = errors::ErrorCode::QuotaExceeded;\n    assert!(errors::ErrorCode::from_code(5003).is_none());\n    println!(\"{}\", c.code());\n    println!(\"{}\", errors::doc_url_of(5003).unwrap());\n}\n",
    )
    .unwrap();
    let (code, _, err) = output(
        Command::new("rustc")
            .args(["--edition", "2024", "-W", "deprecated", "--extern"])
            .arg(format!("errors={}", d.join("liberrors.rlib").display()))
            .arg("-o")
            .arg(d.join("main"))
            .arg(d.join("main.rs")),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: use of deprecated unit variant `errors::ErrorCode::QuotaExceeded`: Deprecated in 2.3. Use code 5004 instead."),
        "{err}"
    );
    assert_eq!(
        run(&mut Command::new(d.join("main"))),
        format!("5002\n{TOMBSTONE_URL}\n")
    );
    Ok(())
}

fn java_deprecation_warns() -> Result<(), Missing> {
    require(
        runs("javac", &["-J-XX:-UsePerfData", "-version"]),
        "javac (apt-get install default-jdk-headless)",
    )?;
    let t = tmp("java-deprecated");
    let d = t.path();
    generate_lifecycle("java", d, "ErrorCode.java");
    // The enum alone is clean.
    run(Command::new("javac")
        .args([
            "-J-XX:-UsePerfData",
            "-Xlint:all",
            "-Werror",
            "ErrorCode.java",
        ])
        .current_dir(d));
    std::fs::write(
        d.join("Main.java"),
        "public class Main {\n  public static void main(String[] args) {\n    System.out.println(ErrorCode.QUOTA_EXCEEDED.code());\n    System.out.println(ErrorCode.docUrlOf(5003));\n  }\n}\n",
    )
    .unwrap();
    let (code, _, err) = output(
        Command::new("javac")
            .args(["-J-XX:-UsePerfData", "-Xlint:deprecation", "Main.java"])
            .current_dir(d),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: [deprecation] QUOTA_EXCEEDED in ErrorCode has been deprecated"),
        "{err}"
    );
    assert_eq!(
        run(Command::new("java")
            .args(["-XX:-UsePerfData", "-cp", ".", "Main"])
            .current_dir(d)),
        format!("5002\n{TOMBSTONE_URL}\n")
    );
    Ok(())
}

fn typescript_deprecation_tag() -> Result<(), Missing> {
    let bin = root().join("node_modules/.bin");
    require_preinstalled(runs("node", &["--version"]), "node")?;
    require(bin.join("tsc").exists(), "node_modules/.bin/tsc (npm ci)")?;
    require(
        bin.join("prettier").exists(),
        "node_modules/.bin/prettier (npm ci)",
    )?;
    let t = tmp("ts-deprecated");
    let d = t.path();
    let src = generate_lifecycle("typescript", d, "errors.ts");
    let text = std::fs::read_to_string(&src).unwrap();
    assert!(
        text.contains("   * @deprecated Deprecated in 2.3. Use code 5004 instead.")
            && text.contains("  QuotaExceeded = 5002,"),
        "{text}"
    );
    run(Command::new(bin.join("prettier")).arg("--check").arg(&src));
    std::fs::write(
        d.join("main.ts"),
        "import { ErrorCode, docUrlOf } from \"./errors\";\n\nconsole.log(ErrorCode.QuotaExceeded);\nconsole.log(docUrlOf(5003));\n",
    )
    .unwrap();
    run(Command::new(bin.join("tsc"))
        .args([
            "--strict",
            "--module",
            "commonjs",
            "--target",
            "es2020",
            "--outDir",
            "out",
            "main.ts",
            "errors.ts",
        ])
        .current_dir(d));
    assert_eq!(
        run(Command::new("node").arg("out/main.js").current_dir(d)),
        format!("5002\n{TOMBSTONE_URL}\n")
    );
    Ok(())
}

fn go_python_c_deprecation_markers() -> Result<(), Missing> {
    require(runs("go", &["version"]), "go (apt-get install golang-go)")?;
    require_preinstalled(runs("python3", &["--version"]), "python3")?;
    require_preinstalled(runs("gcc", &["--version"]), "gcc")?;
    let t = tmp("deprecated-markers");
    let d = t.path();
    // Go: a "Deprecated:" paragraph, gofmt-clean.
    std::fs::create_dir_all(d.join("errorcodes")).unwrap();
    let go = generate_lifecycle("go", &d.join("errorcodes"), "errors.go");
    let text = std::fs::read_to_string(&go).unwrap();
    assert!(
        text.contains("\t// QuotaExceeded: The storage quota is used up.\n\t//\n\t// Deprecated: use code 5004 instead (since 2.3). Quotas are per tenant now.\n\tQuotaExceeded Code = 5002"),
        "{text}"
    );
    assert_eq!(run(Command::new("gofmt").arg("-l").arg(&go)), "");
    // Python: a docstring note, no alias.
    let py = generate_lifecycle("python", d, "errors.py");
    let text = std::fs::read_to_string(&py).unwrap();
    assert!(
        text.contains("    QUOTA_EXCEEDED = 5002\n    \"\"\"The storage quota is used up.\n\n    Deprecated in 2.3."),
        "{text}"
    );
    let out = run(Command::new("python3")
        .args(["-c", "import errors\nassert len({c.value for c in errors.ErrorCode}) == len(list(errors.ErrorCode))\nassert not hasattr(errors.ErrorCode, 'VOLUME_LOST')\nprint(errors.doc_url_of(5003))"])
        .current_dir(d));
    assert_eq!(out, format!("{TOMBSTONE_URL}\n"));
    // C: a comment on the enumerator; the header compiles cleanly.
    let c = generate_lifecycle("c", d, "errors.h");
    let text = std::fs::read_to_string(&c).unwrap();
    assert!(
        text.contains("  // Deprecated: use code 5004 instead (since 2.3). Quotas are per tenant now.\n  ERR_QUOTA_EXCEEDED = 5002,"),
        "{text}"
    );
    std::fs::write(
        d.join("main.c"),
        "#include \"errors.h\"\n#include <stdio.h>\n\nint main(void) {\n  printf(\"%s\\n\", errdocs_doc_url_of(5003));\n  return 0;\n}\n",
    )
    .unwrap();
    run(Command::new("gcc")
        .args([
            "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", "main", "main.c",
        ])
        .current_dir(d));
    assert_eq!(
        run(&mut Command::new(d.join("main"))),
        format!("{TOMBSTONE_URL}\n")
    );
    Ok(())
}

fn name_clashes_are_errors_naming_both_rows() {
    let t = tmp("clash");
    let d = t.path();
    std::fs::write(
        d.join("errors.md"),
        "# E\n\n| Code | Message |\n|---|---|\n| 1001 | Disk full |\n| 1002 | disk-full |\n| 1003 | 4xx error |\n",
    )
    .unwrap();
    let out = errdocs_cmd()
        .args(["codegen", "--lang", "python", "--catalog"])
        .arg(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("errors.md:5") && err.contains("errors.md:6") && err.contains("DISK_FULL"),
        "{err}"
    );
}
