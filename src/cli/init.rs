//! `errdocs init`: a starter catalog, `errdocs.toml` and the templates.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::render;

/// `errdocs init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create (must not exist or be empty).
    dir: PathBuf,
}

/// Runs `init`.
pub fn run(args: Args) -> Result<u8> {
    let dir: &Path = &args.dir;
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        anyhow::bail!("{} exists and is not empty", dir.display());
    }
    let catalog = dir.join("catalog");
    let templates = dir.join("templates");
    std::fs::create_dir_all(&catalog)?;
    std::fs::create_dir_all(&templates)?;
    std::fs::write(catalog.join("errors.md"), STARTER_CATALOG)?;
    std::fs::write(catalog.join("errdocs.toml"), STARTER_CONFIG)?;
    for (name, body) in render::TEMPLATES.iter().chain(render::ASSETS) {
        std::fs::write(templates.join(name), body)?;
    }
    eprintln!(
        "wrote {}: edit catalog/errors.md, then `errdocs build --catalog {} --out {}`",
        dir.display(),
        catalog.display(),
        dir.join("site").display()
    );
    Ok(0)
}

const STARTER_CATALOG: &str = r#"# Error Codes

## SDK Error Codes

```{csv-table}
:header: "Error Code", "Description", "Solution"
:widths: 15, 40, 45

1001, "Parameter validation failed.", "Fix the parameter named in the message and call again."
1002, "Insufficient resources.", "Ask for fewer resources, or wait and retry."
```

:::{note}
Errors marked as temporary can be retried later.
:::

(rest-errors)=

## REST API Error Codes

| Error Code | Error Message    | Description                       |
| ---------- | ---------------- | --------------------------------- |
| 4101       | FunctionNameExist | The function name already exists. |
| 4115       | FunctionNotFound  | The function does not exist.      |
"#;

const STARTER_CONFIG: &str = r#"# errdocs configuration (all keys optional); see README.
[catalog]
# code-pattern = "[0-9]{4,6}"

[rules]
# unsorted-codes = "error"

[site]
title = "Error codes"
# base-url = "https://docs.example.com/errors/"
url-pattern = "codes/{code}.html"
templates = "../templates"
"#;
