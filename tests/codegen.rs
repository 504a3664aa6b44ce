//! `errdocs codegen`: each language's module is compiled or imported for real
//! (rustc, go, python3, javac, gcc and g++, tsc) and asked for the doc URLs
//! of 1001 and 4115, which must be the pages the site serves; each
//! language's standard formatter (rustfmt, gofmt, black, clang-format,
//! prettier) must change nothing. A missing tool skips its language, except
//! under `CI=true` (`.ci/run` installs them all).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn have(tool: &str, arg: &str) -> bool {
    let ok = Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{tool} is missing; .ci/run installs it"
        );
        eprintln!("skipped: {tool} is missing");
    }
    ok
}

fn generate(lang: &str, dir: &Path, file: &str) -> PathBuf {
    let out = dir.join(file);
    let st = Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(["codegen", "--lang", lang, "--out"])
        .arg(&out)
        .current_dir(root())
        .status()
        .unwrap();
    assert!(st.success(), "codegen --lang {lang}");
    out
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("errdocs-codegen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const WANT: &str = "codes/1001.html\ncodes/4115.html\n";

fn served() {
    for p in ["site/codes/1001.html", "site/codes/4115.html"] {
        assert!(root().join(p).is_file(), "the site serves {p}");
    }
}

#[test]
fn rust_module() {
    served();
    if !have("rustc", "--version") {
        return;
    }
    let d = tmp("rust");
    let src = generate("rust", &d, "errors.rs");
    run(Command::new("rustfmt")
        .args(["--check", "--edition", "2024"])
        .arg(&src));
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
        .arg(&src));
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
}

#[test]
fn go_module() {
    served();
    if !have("go", "version") {
        return;
    }
    let d = tmp("go");
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
            .current_dir(&d)
            .env("GOCACHE", d.join(".cache"))
            .env("GOPATH", d.join(".gopath"))
            .env("GOFLAGS", "-mod=mod")
            .env("GOTOOLCHAIN", "local");
        c
    };
    run(&mut go(&["vet", "./..."]));
    assert_eq!(run(&mut go(&["run", "."])), WANT);
}

#[test]
fn python_module() {
    served();
    if !have("python3", "--version") {
        return;
    }
    let d = tmp("python");
    let src = generate("python", &d, "errors.py");
    let black = root().join("target/codegen-tools/bin/black");
    if black.exists() || std::env::var("CI").as_deref() == Ok("true") {
        run(Command::new(&black).args(["--check", "--quiet"]).arg(&src));
    } else {
        eprintln!("skipped black: target/codegen-tools/bin/black is missing (.ci/run installs it)");
    }
    let out = run(Command::new("python3")
        .args(["-c", "import errors\nassert errors.ErrorCode(4115) is errors.ErrorCode.FUNCTION_NOT_FOUND\nassert errors.ErrorCode.FUNCTION_NOT_FOUND.message == 'FunctionNotFound'\nprint(errors.ErrorCode(1001).doc_url)\nprint(errors.ErrorCode(4115).doc_url)"])
        .current_dir(&d));
    assert_eq!(out, WANT);
}

#[test]
fn java_module() {
    served();
    if !have("javac", "-version") {
        return;
    }
    let d = tmp("java");
    generate("java", &d, "ErrorCode.java");
    std::fs::write(
        d.join("Main.java"),
        "public class Main {\n  public static void main(String[] args) {\n    if (ErrorCode.fromCode(4115) != ErrorCode.FUNCTION_NOT_FOUND) throw new AssertionError();\n    System.out.println(ErrorCode.fromCode(1001).docUrl());\n    System.out.println(ErrorCode.fromCode(4115).docUrl());\n  }\n}\n",
    )
    .unwrap();
    run(Command::new("javac")
        .args(["-Xlint:all", "-Werror", "ErrorCode.java", "Main.java"])
        .current_dir(&d));
    assert_eq!(
        run(Command::new("java")
            .args(["-cp", ".", "Main"])
            .current_dir(&d)),
        WANT
    );
}

#[test]
fn c_header() {
    served();
    if !have("gcc", "--version") {
        return;
    }
    let d = tmp("c");
    let src = generate("c", &d, "errors.h");
    if have("clang-format", "--version") {
        run(Command::new("clang-format")
            .args(["--dry-run", "--Werror"])
            .arg(&src));
    }
    std::fs::write(
        d.join("main.c"),
        "#include \"errors.h\"\n#include <stdio.h>\n\nint main(void) {\n  enum errdocs_error_code c = ERR_FUNCTION_NOT_FOUND;\n  printf(\"%s\\n%s\\n\", errdocs_doc_url(1001), errdocs_doc_url(c));\n  return 0;\n}\n",
    )
    .unwrap();
    run(Command::new("gcc")
        .args([
            "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", "main", "main.c",
        ])
        .current_dir(&d));
    assert_eq!(run(&mut Command::new(d.join("main"))), WANT);
    // The same header from C++.
    run(Command::new("g++")
        .args([
            "-Wall", "-Wextra", "-Werror", "-x", "c++", "-o", "main-cpp", "main.c",
        ])
        .current_dir(&d));
    assert_eq!(run(&mut Command::new(d.join("main-cpp"))), WANT);
}

#[test]
fn typescript_module() {
    served();
    let bin = root().join("node_modules/.bin");
    if !have("node", "--version") {
        return;
    }
    if !bin.join("tsc").exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "typescript is missing (npm ci)"
        );
        return;
    }
    let d = tmp("ts");
    let src = generate("typescript", &d, "errors.ts");
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
        .current_dir(&d));
    assert_eq!(
        run(Command::new("node").arg("out/main.js").current_dir(&d)),
        WANT
    );
}

#[test]
fn name_clashes_are_errors_naming_both_rows() {
    let d = tmp("clash");
    std::fs::write(
        d.join("errors.md"),
        "# E\n\n| Code | Message |\n|---|---|\n| 1001 | Disk full |\n| 1002 | disk-full |\n| 1003 | 4xx error |\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_errdocs"))
        .args(["codegen", "--lang", "python", "--catalog"])
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("errors.md:5") && err.contains("errors.md:6") && err.contains("DISK_FULL"),
        "{err}"
    );
}
