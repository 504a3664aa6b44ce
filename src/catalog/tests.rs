use super::*;

fn catalog(page: &str) -> Catalog {
    let files = vec![(PathBuf::from("cat/errors.md"), page.as_bytes().to_vec())];
    from_files(Path::new("cat"), files, &Config::default())
}

#[test]
fn a_table_in_a_list_table_cell_is_a_table_of_the_page() {
    let cat = catalog(
        "# E\n\n```{list-table}\n:header-rows: 1\n\n* - Topic\n  - Codes\n* - Disk\n  - | Code | Message |\n    | --- | --- |\n    | 1001 | Disk full |\n```\n",
    );
    assert_eq!(cat.tables.len(), 2);
    let codes: Vec<&str> = cat.entries.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["1001"]);
    assert!(cat.tables[1].nested);
}

#[test]
fn chinese_headers_are_code_columns_and_extra_ones_add_to_the_defaults() {
    let page = "# E\n\n| 错误码 | 说明 |\n|---|---|\n| 1001 | 磁盘已满 |\n\n| 代码 | 说明 |\n|---|---|\n| 1002 | 配额 |\n\n| Fehlercode | Text |\n|---|---|\n| 1003 | Voll |\n";
    let files = || vec![(PathBuf::from("cat/errors.md"), page.as_bytes().to_vec())];
    let codes =
        |cat: &Catalog| -> Vec<String> { cat.entries.iter().map(|e| e.code.to_string()).collect() };
    let cat = from_files(Path::new("cat"), files(), &Config::default());
    assert_eq!(codes(&cat), ["1001", "1002"]);
    let mut config = Config::default();
    config.catalog.extra_code_columns = vec!["Fehlercode".into()];
    let cat = from_files(Path::new("cat"), files(), &config);
    assert_eq!(codes(&cat), ["1001", "1002", "1003"]);
    // `code-columns` replaces the defaults; the extra ones still add.
    config.catalog.code_columns = vec!["代码".into()];
    let cat = from_files(Path::new("cat"), files(), &config);
    assert_eq!(codes(&cat), ["1002", "1003"]);
}
