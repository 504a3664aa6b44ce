//! Synthetic catalogs in the seed's shape, for benchmarks and stress tests:
//! a `{csv-table}` section (quoted fields with commas and doubled quotes, the
//! `:header: >` option block) and a pipe-table section, texts of 60–200
//! characters. Deterministic: the same `n` gives the same bytes.

use std::fmt::Write;

const WORDS: &[&str] = &[
    "instance",
    "request",
    "function",
    "scheduler",
    "resource",
    "timeout",
    "runtime",
    "quota",
    "storage",
    "tenant",
    "alias",
    "version",
    "layer",
    "trigger",
    "package",
    "bucket",
    "etcd",
    "proxy",
    "config",
    "failed",
    "invalid",
    "exceeds",
    "limit",
    "cannot",
    "be",
    "created",
    "deleted",
    "the",
    "a",
    "of",
    "check",
    "whether",
    "retry",
    "after",
    "contact",
    "us",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Rng, min: usize, max: usize) -> String {
    let target = min + rng.below(max - min);
    let mut s = String::new();
    while s.len() < target {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    let mut c = s.chars();
    let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('X');
    format!("{first}{}.", c.as_str())
}

fn camel(rng: &mut Rng) -> String {
    (0..3)
        .map(|_| {
            let w = WORDS[rng.below(WORDS.len())];
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A catalog page with `n` codes: about half in a csv-table, half in a pipe table.
pub fn catalog(n: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    let sdk = n / 2;
    let mut s = String::with_capacity(n * 260);
    s.push_str("# Error Codes\n\n## SDK Error Codes\n\n```{csv-table}\n:header: >\n:    \"Error Code\", \"Description\", \"Solution\"\n:widths: 15, 20, 40\n:align: left\n\n");
    for i in 0..sdk {
        let code = 100_000 + i;
        let mut desc = sentence(&mut rng, 30, 90);
        if i % 7 == 0 {
            desc = desc.replacen(' ', ", ", 1);
        }
        let mut sol = sentence(&mut rng, 60, 180);
        if i % 11 == 0 {
            sol = format!(
                "Say \"\"{}\"\" and retry, later.",
                &sol[..sol.len().min(40)]
            );
        }
        let _ = writeln!(s, "{code}, \"{desc}\", \"{sol}\"");
    }
    s.push_str("```\n\n:::{note}\n\nThe following types of exceptions can be retried later. If unresolved, contact us.\n\n- Internal Server error.\n- timeout exceptions.\n\n:::\n\n(error-code-rest-api)=\n\n## REST API Error Codes\n\n| **Error Code** | **Error Message** | **Description** |\n| --- | --- | --- |\n");
    for i in sdk..n {
        let code = 100_000 + i;
        let msg = camel(&mut rng);
        let desc = sentence(&mut rng, 60, 200);
        let _ = writeln!(s, "| {code} | {msg}{i} | {desc} |");
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn deterministic_and_sized() {
        let a = super::catalog(100);
        assert_eq!(a, super::catalog(100));
        assert_eq!(
            a.matches("\n1000").count() + a.matches("| 1000").count(),
            100
        );
    }
}
