//! `errdocs init`: a starter catalog and `errdocs.toml` (and, when asked,
//! copies of the templates to edit).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::render;

/// `errdocs init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create (must not exist or be empty). Without it,
    /// `catalog/` (holding `errdocs.toml`) is created in the current folder,
    /// unless it exists.
    dir: Option<PathBuf>,
    /// Also copy the built-in templates into DIR/templates to edit (a project
    /// with its own copies no longer gets template improvements).
    #[arg(long)]
    templates: bool,
}

/// Runs `init`.
pub fn run(args: Args) -> Result<u8> {
    let here = args.dir.is_none();
    let dir: &Path = args.dir.as_deref().unwrap_or(Path::new("."));
    let catalog = dir.join("catalog");
    if here {
        // In the current folder: only what init writes must be new.
        for (path, what) in [(&catalog, "catalog"), (&dir.join("templates"), "templates")] {
            if path.exists() && (what == "catalog" || args.templates) {
                anyhow::bail!(
                    "{what}/ exists in this folder: errdocs init leaves it as it is (`errdocs init DIR` starts a project in a new folder)"
                );
            }
        }
    } else if dir.is_file() {
        anyhow::bail!("{} is a file, not a folder", dir.display());
    } else if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        anyhow::bail!("{} exists and is not empty", dir.display());
    }
    let write = |path: PathBuf, body: &str| {
        std::fs::write(&path, body).with_context(|| format!("cannot write {}", path.display()))
    };
    std::fs::create_dir_all(&catalog)
        .with_context(|| format!("cannot create {}", catalog.display()))?;
    write(catalog.join("errors.md"), STARTER_CATALOG)?;
    let mut config = STARTER_CONFIG.to_string();
    if args.templates {
        let templates = dir.join("templates");
        std::fs::create_dir_all(&templates)
            .with_context(|| format!("cannot create {}", templates.display()))?;
        for (name, body) in render::TEMPLATES.iter().chain(render::ASSETS) {
            write(templates.join(name), body)?;
        }
        config.push_str("templates = \"../templates\"\n");
    }
    write(catalog.join("errdocs.toml"), &config)?;
    if here {
        eprintln!(
            "wrote catalog/errors.md and catalog/errdocs.toml: `errdocs serve` shows the site as you edit, `errdocs check` checks the catalog, `errdocs build` writes the site into site/"
        );
    } else {
        eprintln!(
            "wrote {}: edit catalog/errors.md, then `errdocs serve {c}`, `errdocs check {c}` and `errdocs build {c} --out {}`",
            dir.display(),
            dir.join("site").display(),
            c = catalog.display(),
        );
    }
    Ok(0)
}

/// A catalog with each table form errdocs reads; `check --deny warnings`
/// passes on it and `build` builds every row.
const STARTER_CATALOG: &str = r#"# Error codes

Each table below documents a group of error codes. errdocs reads them exactly
as Sphinx with MyST-Parser does, so this page builds in both.

## SDK errors

```{csv-table}
:header: Error Code, Description, Solution
:widths: 15, 40, 45

1001, Parameter validation failed., Fix the parameter named in the message and call again.
1002, "Insufficient resources, for now.", "Ask for fewer resources, or wait and retry."
```

:::{note}
Errors marked as temporary can be retried later.
:::

(rest-errors)=

## REST API errors

| Error Code | Error Message     | Description                       |
| ---------- | ----------------- | --------------------------------- |
| 4101       | FunctionNameExist | The function name already exists. |
| 4115       | FunctionNotFound  | The function does not exist.      |

## Storage errors

```{list-table}
:header-rows: 1

* - Error Code
  - Error Message
  - Description
* - 5001
  - DiskFull
  - The disk that holds the data is full.
* - 5002
  - QuotaExceeded
  - The tenant's storage quota is used up.
```
"#;

const STARTER_CONFIG: &str = r#"# errdocs configuration (every key is optional); see README.
[catalog]
# code-pattern = "[0-9]{4,6}"

[rules]
# unsorted-codes = "error"

[site]
title = "Error codes"
# base-url = "https://docs.example.com/errors/"
url-pattern = "codes/{code}.html"
"#;
