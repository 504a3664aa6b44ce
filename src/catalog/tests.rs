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
