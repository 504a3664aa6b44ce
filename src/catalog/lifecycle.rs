//! A code's lifecycle: `active` (the default), `deprecated` or `removed`,
//! with the version, the replacement and the reason, read from a lifecycle
//! column (`deprecated in 2.3 -> 1004: use the quota API`) or from
//! `[codes."1003"]` in `errdocs.toml`.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

pub use crate::config::LifecycleStatus as Status;

/// Where a code is in its life.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Lifecycle {
    /// Active, deprecated or removed.
    pub status: Status,
    /// The version that deprecated or removed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The code to use instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// Why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Lifecycle {
    /// Not deprecated, not removed.
    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }

    /// Removed: its page is a tombstone.
    pub fn is_removed(&self) -> bool {
        self.status == Status::Removed
    }
}

static CELL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(active|deprecated|removed)(?:\s+(?:in|since)\s+([^\s:>→-][^\s:]*))?(?:\s*(?:->|→)\s*([^\s:]+))?(?:\s*:\s*(.*))?$",
    )
    .ok()
});

/// A lifecycle cell as text (`removed in 3.0 -> 1004: merged into 1004`),
/// or `None` when the text is not in that form.
pub fn parse_cell(text: &str) -> Option<Lifecycle> {
    let text = crate::text::collapse(text);
    let c = CELL.as_ref()?.captures(&text)?;
    let status = match c[1].to_ascii_lowercase().as_str() {
        "active" => Status::Active,
        "deprecated" => Status::Deprecated,
        _ => Status::Removed,
    };
    let some = |i: usize| {
        c.get(i)
            .map(|m| m.as_str().trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Some(Lifecycle {
        status,
        since: some(2),
        replaced_by: some(3),
        reason: some(4),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        assert_eq!(parse_cell("Active").unwrap().status, Status::Active);
        let l = parse_cell("deprecated in 2.3 -> 1004: use the quota API").unwrap();
        assert_eq!(l.status, Status::Deprecated);
        assert_eq!(l.since.as_deref(), Some("2.3"));
        assert_eq!(l.replaced_by.as_deref(), Some("1004"));
        assert_eq!(l.reason.as_deref(), Some("use the quota API"));
        let l = parse_cell("removed → 1005").unwrap();
        assert_eq!(
            (l.status, l.replaced_by.as_deref()),
            (Status::Removed, Some("1005"))
        );
        let l = parse_cell("Removed: merged").unwrap();
        assert_eq!(l.reason.as_deref(), Some("merged"));
        assert_eq!(
            parse_cell("removed since v3").unwrap().since.as_deref(),
            Some("v3")
        );
        for not in ["404", "OK", "removed soon", "actively used", ""] {
            assert!(parse_cell(not).is_none(), "{not}");
        }
    }
}
