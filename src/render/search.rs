//! The search index, sharded so that one search downloads a small part of it,
//! and loadable from `file://` (scripts, not fetch):
//!
//! - `search-index.js`: the manifest `window.ERRDOCS_SEARCH` — how many codes,
//!   the first code of each code shard, the first word of each word shard,
//!   and for pages split into parts, which part holds each id.
//! - `search/d{i}.js`: codes in order of their lower-cased text (UTF-16 order,
//!   as JavaScript compares), [`DOC_SHARD`] per file: `[code, page, message,
//!   row, group]` (`group` indexes the manifest's `groups`, their titles),
//!   and a sixth item `"deprecated"` or `"removed"` for such codes. A code's
//!   number in that order is its ordinal.
//! - `search/w{i}.js`: words (lower-cased runs of letters and digits, and
//!   the parts of identifiers) in order, each with the ordinals of the codes
//!   whose text holds it, cut into files of about [`WORD_SHARD_BYTES`].
//!
//! An ordinal list is either `~` + base64 of a bitmap (bit `k % 8` of byte
//! `k / 8` set for ordinal `k`) or comma-separated runs `gap[.more]` in base
//! 36: the run starts `gap` after the end of the one before (the first after
//! -1) and has `more` further consecutive ordinals; whichever is shorter.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::Layout;
use crate::output::Sink;

/// Codes per code shard.
pub const DOC_SHARD: usize = 256;
/// Target size of a word shard.
pub const WORD_SHARD_BYTES: usize = 64 * 1024;

/// Writes the manifest and the shards.
pub(super) fn write(layout: &Layout<'_>, sink: &mut dyn Sink) -> Result<()> {
    let entries = &layout.catalog().entries;
    let keys: Vec<String> = entries
        .iter()
        .map(|e| e.code.as_str().to_lowercase())
        .collect();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .encode_utf16()
            .cmp(keys[b].encode_utf16())
            .then(a.cmp(&b))
    });
    // Group ids → their number in the manifest's `groups` (titles).
    let cat = layout.catalog();
    let mut groups: HashMap<&str, usize> = HashMap::new();
    let mut group_titles: Vec<&str> = Vec::new();
    for e in entries {
        groups.entry(cat.group(e)).or_insert_with(|| {
            group_titles.push(cat.group_title(e));
            group_titles.len() - 1
        });
    }
    let doc_firsts = code_shards(layout, &order, &keys, &groups, sink)?;
    let word_firsts = word_shards(layout, &order, sink)?;
    // For pages cut into parts: which part holds each id.
    let anchors: BTreeMap<&str, BTreeMap<&str, &str>> = layout.split_ids().collect();
    // A language's site in a folder: where errdocs.js is, from its root.
    let prefix = &cat.language.prefix;
    let manifest = Manifest {
        anchors,
        assets: (!prefix.is_empty()).then(|| crate::urls::root_of(&format!("{prefix}x"))),
        count: entries.len(),
        doc_shard: DOC_SHARD,
        docs: doc_firsts,
        groups: group_titles,
        version: 1,
        words: word_firsts,
    };
    // Serialised from borrowed data (no copy into a JSON value first).
    let json = serde_json::to_string(&manifest)?;
    sink.file(
        "search-index.js",
        format!("window.ERRDOCS_SEARCH = {json};\n").as_bytes(),
    )
}

/// `search-index.js`'s object, keys in sorted order.
#[derive(serde::Serialize)]
struct Manifest<'a> {
    anchors: BTreeMap<&'a str, BTreeMap<&'a str, &'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assets: Option<String>,
    count: usize,
    #[serde(rename = "docShard")]
    doc_shard: usize,
    docs: Vec<String>,
    groups: Vec<&'a str>,
    version: u32,
    words: Vec<String>,
}

/// The code shards, in search order; returns the first key of each.
fn code_shards(
    layout: &Layout<'_>,
    order: &[usize],
    keys: &[String],
    groups: &HashMap<&str, usize>,
    sink: &mut dyn Sink,
) -> Result<Vec<String>> {
    let mut firsts = Vec::new();
    let chunks: Vec<&[usize]> = order.chunks(DOC_SHARD).collect();
    // Each shard's JSON in parallel (16 at a time), written in order.
    for (g, group) in chunks.chunks(16).enumerate() {
        let bodies: Vec<String> = group
            .par_iter()
            .enumerate()
            .map(|(k, chunk)| shard_body(layout, g * 16 + k, chunk, groups))
            .collect();
        for (k, (chunk, body)) in group.iter().zip(bodies).enumerate() {
            firsts.push(keys[chunk[0]].clone());
            sink.file(&format!("search/d{}.js", g * 16 + k), body.as_bytes())?;
        }
    }
    Ok(firsts)
}

/// Code shard `si`: its codes' `[code, page, message, row, group]`.
fn shard_body(
    layout: &Layout<'_>,
    si: usize,
    chunk: &[usize],
    groups: &HashMap<&str, usize>,
) -> String {
    let cat = layout.catalog();
    let docs: Vec<Value> = chunk
        .iter()
        .map(|&i| {
            let e = &cat.entries[i];
            let mut doc = json!([
                e.code.as_str(),
                layout.code_path(i),
                layout.message_text(i),
                format!("{}#{}", layout.row_path(i), e.code),
                groups.get(cat.group(e)).copied().unwrap_or(0),
            ]);
            if !e.lifecycle.is_active()
                && let Some(a) = doc.as_array_mut()
            {
                a.push(json!(e.lifecycle.status.as_str()));
            }
            doc
        })
        .collect();
    format!("errdocsShard(\"d{si}\",{});\n", Value::Array(docs))
}

/// The word index, cut into shards of about [`WORD_SHARD_BYTES`]; returns
/// the first word of each.
fn word_shards(layout: &Layout<'_>, order: &[usize], sink: &mut dyn Sink) -> Result<Vec<String>> {
    let cat = layout.catalog();
    let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
    // Each code's words in parallel (in search order), a few thousand
    // codes at a time (so their word lists are never all in memory), merged
    // in order.
    const AT_ONCE: usize = 4096;
    for (c, chunk) in order.chunks(AT_ONCE).enumerate() {
        // Each code's words as ranges of one buffer (no `String` each).
        type Words = (String, Vec<(usize, usize)>);
        let per_code: Vec<Words> = chunk
            .par_iter()
            .map(|&i| {
                let e = &cat.entries[i];
                let mut text = e.code.as_str().to_string();
                for f in cat.fields(e) {
                    text.push(' ');
                    text.push_str(&f.text());
                }
                let (mut buf, mut spans) = (String::with_capacity(text.len() + 16), Vec::new());
                words_into(&text, &mut buf, &mut spans);
                (buf, spans)
            })
            .collect();
        for (k, (buf, spans)) in per_code.into_iter().enumerate() {
            let ord = (c * AT_ONCE + k) as u32;
            for (a, b) in spans {
                let w = &buf[a..b];
                // A word's `String` is made once, when first seen.
                match postings.get_mut(w) {
                    Some(list) => {
                        if list.last() != Some(&ord) {
                            list.push(ord);
                        }
                    }
                    None => {
                        postings.insert(w.to_string(), vec![ord]);
                    }
                }
            }
        }
    }
    let mut words: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
    // JavaScript's order (UTF-16); the words are distinct.
    words.par_sort_unstable_by(|a, b| {
        if a.0.is_ascii() && b.0.is_ascii() {
            a.0.cmp(&b.0)
        } else {
            a.0.encode_utf16().cmp(b.0.encode_utf16())
        }
    });
    let count = cat.entries.len();
    let words: Vec<(String, String)> = words
        .into_par_iter()
        .map(|(w, list)| {
            let enc = encode(&list, count);
            (w, enc)
        })
        .collect();
    let mut firsts: Vec<String> = Vec::new();
    let mut shard: Vec<Value> = Vec::new();
    let mut bytes = 0;
    let mut flush = |shard: &mut Vec<Value>, sink: &mut dyn Sink| -> Result<()> {
        let si = firsts.len();
        if let Some(first) = shard.first().and_then(|v| v[0].as_str()) {
            firsts.push(first.to_string());
        }
        let body = format!(
            "errdocsShard(\"w{si}\",{});\n",
            Value::Array(std::mem::take(shard))
        );
        sink.file(&format!("search/w{si}.js"), body.as_bytes())
    };
    for (w, enc) in words {
        let size = w.len() + enc.len() + 8;
        if !shard.is_empty() && bytes + size > WORD_SHARD_BYTES {
            flush(&mut shard, sink)?;
            bytes = 0;
        }
        bytes += size;
        shard.push(json!([w, enc]));
    }
    if !shard.is_empty() {
        flush(&mut shard, sink)?;
    }
    Ok(firsts)
}

/// The words of a text, each once: lower-cased runs of letters and digits,
/// and the parts of identifiers (`FunctionNotFound` also gives function,
/// not, found; `ERR_PARAM_INVALID` gives err, param, invalid).
#[cfg(test)]
pub fn words(text: &str) -> Vec<String> {
    let mut buf = String::new();
    let mut spans = Vec::new();
    words_into(text, &mut buf, &mut spans);
    spans.iter().map(|&(a, b)| buf[a..b].to_string()).collect()
}

/// [`words`] without a `String` each: the words are appended to `buf`, and
/// `spans` is set to where each is in it (byte ranges), sorted and distinct.
fn words_into(text: &str, buf: &mut String, spans: &mut Vec<(usize, usize)>) {
    spans.clear();
    let mut push = |buf: &mut String, w: &str| {
        let start = buf.len();
        if w.is_ascii() {
            buf.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // Not char by char: a final sigma lower-cases apart.
            buf.push_str(&w.to_lowercase());
        }
        spans.push((start, buf.len()));
    };
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        push(buf, w);
        let mut parts = crate::text::word_slices(w);
        if let (Some(first), Some(second)) = (parts.next(), parts.next()) {
            push(buf, first);
            push(buf, second);
            for p in parts {
                push(buf, p);
            }
        }
        // Chinese, Japanese and Korean text has no spaces: each of its
        // characters is a word too.
        if !w.is_ascii() {
            for (at, c) in w.char_indices().filter(|&(_, c)| is_cjk(c)) {
                push(buf, &w[at..at + c.len_utf8()]);
            }
        }
    }
    spans.sort_unstable_by(|x, y| buf[x.0..x.1].cmp(&buf[y.0..y.1]));
    spans.dedup_by(|later, kept| buf[later.0..later.1] == buf[kept.0..kept.1]);
}

/// A Chinese, Japanese or Korean character (as errdocs.js' `CJK`).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ac00}'..='\u{d7af}')
}

/// An ordinal list (sorted, distinct) in the shorter of the two encodings.
pub fn encode(list: &[u32], count: usize) -> String {
    let mut runs = String::new();
    let mut prev: i64 = -1;
    let mut i = 0;
    while i < list.len() {
        let start = list[i];
        let mut j = i;
        while j + 1 < list.len() && list[j + 1] == list[j] + 1 {
            j += 1;
        }
        if !runs.is_empty() {
            runs.push(',');
        }
        runs.push_str(&base36((i64::from(start) - prev - 1) as u64));
        if j > i {
            runs.push('.');
            runs.push_str(&base36((j - i) as u64));
        }
        prev = i64::from(list[j]);
        i = j + 1;
    }
    let bitmap_len = 1 + count.div_ceil(8).div_ceil(3) * 4;
    if runs.len() <= bitmap_len {
        return runs;
    }
    let mut bits = vec![0u8; count.div_ceil(8)];
    for &k in list {
        bits[k as usize / 8] |= 1 << (k % 8);
    }
    format!("~{}", base64(&bits))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Standard base64 with padding (what the browser's `atob` reads).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
