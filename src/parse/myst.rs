//! MyST's block-level additions, scanned line by line the way markdown-it
//! (with MyST's plugins) scans them: backtick, tilde and colon fences,
//! `(label)=` targets, `%` comments and GFM pipe tables. Everything between
//! them is plain CommonMark and goes to pulldown-cmark in one chunk.
//!
//! Also here: splitting a directive's content into arguments, options and
//! body, as MyST-Parser's `parse_directive_text` does.

use super::options::{self, RawOption, TokenizeError};

/// One top-level block found by the scanner (line ranges are 0-based, `[start, end)`).
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A run of lines handed to pulldown-cmark: `[start, end)` line indices.
    Markdown { start: usize, end: usize },
    /// A fenced block (any of the three fence characters).
    Fence(Fence),
    /// A `(label)=` line.
    Target { line: usize, label: String },
    /// `%` comment lines.
    Comment { start: usize, end: usize },
    /// A GFM pipe table: header line, delimiter line, body lines `[start, end)`.
    PipeTable { start: usize, end: usize },
}

/// A fence as markdown-it tokenizes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    /// `fence` or `colon_fence`.
    pub colon: bool,
    /// The fence characters of the opening line, e.g. "```".
    pub markup: String,
    /// Everything after the markup on the opening line (not trimmed).
    pub info: String,
    /// The content, one string per line, with the fence's indentation removed.
    pub lines: Vec<String>,
    /// 0-based index of the opening line.
    pub open_line: usize,
    /// How many columns of indentation the opening fence had.
    pub indent: usize,
}

impl Fence {
    /// The raw content with a final newline after each line (markdown-it's `content`).
    pub fn content(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    }
}

/// Splits `lines` into top-level blocks.
pub fn scan(lines: &[&str], colon_fences: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut chunk_start: Option<usize> = None;
    let mut i = front_matter_end(lines).unwrap_or(0);
    let flush = |out: &mut Vec<Block>, chunk_start: &mut Option<usize>, end: usize| {
        if let Some(start) = chunk_start.take() {
            out.push(Block::Markdown { start, end });
        }
    };
    // The content column of the list item the lines are in, if any: its
    // lines (fences, targets, tables in it included) are pulldown-cmark's.
    let mut item: Option<usize> = None;
    while i < lines.len() {
        let line = lines[i];
        let (indent, rest) = split_indent(line);
        if let Some(col) = item {
            // (A `(label)=` or `%` line is still MyST's own, as before lists
            // were followed.)
            let own = target_label(rest).is_some() || rest.starts_with('%');
            if rest.is_empty() || (indent >= col && !own) {
                chunk_start.get_or_insert(i);
                i += 1;
                continue;
            }
            if indent < col {
                item = None;
            }
        }
        // An indented line continues whatever chunk is open (code or paragraph).
        if indent >= 4 {
            chunk_start.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(fence) = open_fence(lines, i, colon_fences) {
            flush(&mut out, &mut chunk_start, i);
            let consumed = fence.lines.len() + 1 + usize::from(fence_closed(lines, &fence));
            i += consumed;
            out.push(Block::Fence(fence));
            continue;
        }
        if let Some(label) = target_label(rest) {
            flush(&mut out, &mut chunk_start, i);
            out.push(Block::Target {
                line: i,
                label: label.to_string(),
            });
            i += 1;
            continue;
        }
        if rest.starts_with('%') {
            flush(&mut out, &mut chunk_start, i);
            let start = i;
            while i < lines.len() && split_indent(lines[i]).1.starts_with('%') {
                i += 1;
            }
            out.push(Block::Comment { start, end: i });
            continue;
        }
        if let Some(end) = pipe_table_end(lines, i, colon_fences) {
            flush(&mut out, &mut chunk_start, i);
            out.push(Block::PipeTable { start: i, end });
            i = end;
            continue;
        }
        // (markdown-it tries a table before a list.)
        if let Some(col) = list_item_content(indent, rest) {
            item = Some(col);
        }
        chunk_start.get_or_insert(i);
        i += 1;
    }
    flush(&mut out, &mut chunk_start, lines.len());
    out
}

/// If the line starts a list item (`- `, `* `, `+ `, `1. `, `1) `), the
/// column where its content starts (CommonMark's rule: the marker and 1 to
/// 4 spaces; 1 when more, or when the item starts empty).
fn list_item_content(indent: usize, rest: &str) -> Option<usize> {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match rest.as_bytes().get(digits) {
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => return None,
    };
    let after = &rest[marker..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    // `---`, `* * *`: a thematic break, not a list.
    let first = rest.as_bytes()[0];
    if digits == 0
        && rest
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .all(|b| b == first)
        && rest.bytes().filter(|&b| b == first).count() >= 3
    {
        return None;
    }
    let spaces = after.chars().take_while(|c| *c == ' ').count();
    let gap = if after.trim().is_empty() || spaces > 4 {
        1
    } else {
        spaces
    };
    Some(indent + marker + gap)
}

/// A `---` … `---` block on the very first lines is front matter (metadata,
/// not content), in a page and in a directive's body alike.
fn front_matter_end(lines: &[&str]) -> Option<usize> {
    if lines.first()?.trim_end() != "---" {
        return None;
    }
    let close = lines[1..]
        .iter()
        .position(|l| l.trim_end() == "---" || l.trim_end() == "...")?;
    Some(close + 2)
}

/// Columns of leading indentation (tabs to the next multiple of 4) and the rest.
pub fn split_indent(line: &str) -> (usize, &str) {
    let mut col = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => col += 1,
            '\t' => col += 4 - col % 4,
            _ => return (col, &line[i..]),
        }
    }
    (col, "")
}

fn open_fence(lines: &[&str], i: usize, colon_fences: bool) -> Option<Fence> {
    let (indent, rest) = split_indent(lines[i]);
    if indent >= 4 {
        return None;
    }
    let ch = rest.chars().next()?;
    if !(ch == '`' || ch == '~' || (ch == ':' && colon_fences)) {
        return None;
    }
    let len = rest.chars().take_while(|&c| c == ch).count();
    if len < 3 {
        return None;
    }
    let markup = &rest[..len];
    let info = &rest[len..];
    if ch == '`' && info.contains('`') {
        return None;
    }
    let mut fence = Fence {
        colon: ch == ':',
        markup: markup.to_string(),
        info: info.to_string(),
        lines: Vec::new(),
        open_line: i,
        indent,
    };
    let mut j = i + 1;
    while j < lines.len() {
        if is_closing(lines[j], ch, len) {
            break;
        }
        fence.lines.push(strip_columns(lines[j], indent));
        j += 1;
    }
    Some(fence)
}

fn fence_closed(lines: &[&str], fence: &Fence) -> bool {
    let close = fence.open_line + 1 + fence.lines.len();
    close < lines.len()
}

fn is_closing(line: &str, ch: char, len: usize) -> bool {
    let (indent, rest) = split_indent(line);
    if indent >= 4 {
        return false;
    }
    let n = rest.chars().take_while(|&c| c == ch).count();
    n >= len && rest[n..].trim_matches([' ', '\t']).is_empty()
}

/// Removes up to `n` columns of leading whitespace, as markdown-it does for
/// the lines of an indented fence (or a list item's).
pub(crate) fn strip_columns(line: &str, n: usize) -> String {
    let mut col = 0;
    for (i, c) in line.char_indices() {
        if col >= n {
            return line[i..].to_string();
        }
        match c {
            ' ' => col += 1,
            '\t' => {
                let next = col + 4 - col % 4;
                if next > n {
                    return format!("{}{}", " ".repeat(next - n), &line[i + 1..]);
                }
                col = next;
            }
            _ => return line[i..].to_string(),
        }
    }
    String::new()
}

/// `(label)=` with optional trailing spaces: the label, untrimmed.
pub fn target_label(rest: &str) -> Option<&str> {
    let t = rest.trim_end_matches([' ', '\t']);
    let inner = t.strip_prefix('(')?.strip_suffix(")=")?;
    if inner.is_empty() || inner.contains(')') {
        return None;
    }
    Some(inner)
}

/// markdown-it's table rule: if a table starts at line `i`, the index after its last line.
fn pipe_table_end(lines: &[&str], i: usize, colon_fences: bool) -> Option<usize> {
    let aligns = delimiter_row(lines.get(i + 1)?)?;
    let (indent, _) = split_indent(lines[i]);
    let header = lines[i].trim();
    if indent >= 4 || !header.contains('|') {
        return None;
    }
    let cols = trim_outer(escaped_split(header)).len();
    if cols == 0 || cols != aligns.len() {
        return None;
    }
    let mut j = i + 2;
    while j < lines.len() {
        let line = lines[j];
        let (ind, rest) = split_indent(line);
        if line.trim().is_empty() || ind >= 4 || terminates_table(lines, j, rest, colon_fences) {
            break;
        }
        j += 1;
    }
    Some(j)
}

/// Alignments of a delimiter row, or `None` if the line is not one.
pub fn delimiter_row(line: &str) -> Option<Vec<Option<&'static str>>> {
    let (indent, rest) = split_indent(line);
    if indent >= 4 {
        return None;
    }
    let mut chars = rest.chars();
    let first = chars.next()?;
    let second = chars.next()?;
    if !matches!(first, '|' | '-' | ':') {
        return None;
    }
    if !matches!(second, '|' | '-' | ':' | ' ' | '\t')
        || (first == '-' && matches!(second, ' ' | '\t'))
    {
        return None;
    }
    if !rest
        .chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    {
        return None;
    }
    let parts: Vec<&str> = rest.split('|').collect();
    let mut aligns = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let t = part.trim();
        if t.is_empty() {
            if k == 0 || k == parts.len() - 1 {
                continue;
            }
            return None;
        }
        let core = t.trim_start_matches(':').trim_end_matches(':');
        if core.is_empty()
            || !core.chars().all(|c| c == '-')
            || t.len() - core.len() > 2
            || t.starts_with("::")
            || t.ends_with("::")
        {
            return None;
        }
        aligns.push(match (t.starts_with(':'), t.ends_with(':')) {
            (true, true) => Some("center"),
            (false, true) => Some("right"),
            (true, false) => Some("left"),
            (false, false) => None,
        });
    }
    Some(aligns)
}

/// markdown-it's `escapedSplit`: splits on `|` not preceded by a backslash,
/// removing the backslash of `\|`. Code spans are not special.
pub fn escaped_split(s: &str) -> Vec<String> {
    let mut result = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in s.chars() {
        if c == '|' {
            if escaped {
                current.pop();
                current.push('|');
            } else {
                result.push(std::mem::take(&mut current));
                escaped = false;
                continue;
            }
        } else {
            current.push(c);
        }
        escaped = c == '\\';
    }
    result.push(current);
    result
}

/// Drops one empty cell at each end (the outer pipes).
pub fn trim_outer(mut cells: Vec<String>) -> Vec<String> {
    if cells.first().is_some_and(|c| c.is_empty()) {
        cells.remove(0);
    }
    if cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

/// Does line `j` start a block that ends a table body (markdown-it's
/// blockquote terminators: fence, blockquote, hr, list, html, heading, and
/// MyST's target, comment and colon fence)?
fn terminates_table(lines: &[&str], j: usize, rest: &str, colon_fences: bool) -> bool {
    if open_fence(lines, j, colon_fences).is_some()
        || rest.starts_with('>')
        || rest.starts_with('%')
        || target_label(rest).is_some()
        || is_thematic_break(rest)
        || is_list_marker(rest)
        || is_atx_heading(rest)
    {
        return true;
    }
    rest.starts_with('<') && html_block_start(rest)
}

fn is_thematic_break(rest: &str) -> bool {
    let Some(ch) = rest.chars().next() else {
        return false;
    };
    if !matches!(ch, '*' | '-' | '_') {
        return false;
    }
    let mut n = 0;
    for c in rest.chars() {
        if c == ch {
            n += 1;
        } else if c != ' ' && c != '\t' {
            return false;
        }
    }
    n >= 3
}

fn is_list_marker(rest: &str) -> bool {
    let b = rest.as_bytes();
    let after_ok = |k: usize| k >= b.len() || b[k] == b' ' || b[k] == b'\t';
    if matches!(b.first(), Some(b'-' | b'+' | b'*')) {
        return after_ok(1);
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=9).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')')) && after_ok(digits + 1)
}

fn is_atx_heading(rest: &str) -> bool {
    let n = rest.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&n) && matches!(rest[n..].chars().next(), None | Some(' ' | '\t'))
}

fn html_block_start(rest: &str) -> bool {
    let lower = rest.to_ascii_lowercase();
    if lower.starts_with("<!--") || lower.starts_with("<?") || lower.starts_with("<![cdata[") {
        return true;
    }
    let name: String = lower
        .trim_start_matches("</")
        .trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    const BLOCK: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "div",
        "dl",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "script",
        "section",
        "style",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ];
    BLOCK.contains(&name.as_str())
}

/// What a directive's content splits into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectiveText {
    /// Arguments (the first line, for directives that take arguments).
    pub arguments: Vec<String>,
    /// Raw options, or `None` when there was no option block.
    pub options: Option<Vec<RawOption>>,
    /// The option block failed to tokenize.
    pub tokenize_error: Option<TokenizeError>,
    /// 0-based lines (relative to the content) of option lines with `#` comments.
    pub comment_lines: Vec<usize>,
    /// The body lines.
    pub body: Vec<String>,
    /// Line offset of the first body line from the opening fence line minus one
    /// (0 = the line after the fence; -1 = the fence line itself).
    pub body_offset: i64,
    /// 0-based line (relative to the content) where the option block starts.
    pub options_first_line: usize,
    /// The first line was put in front of the body and an option block was present.
    pub split_warning: bool,
}

/// Splits directive content as MyST does. `args` tells how many arguments
/// the directive takes (required, optional); `has_options` whether it
/// declares any option.
pub fn split_directive(
    first_line: &str,
    content: &[String],
    args: (usize, usize),
    has_options: bool,
    final_arg_whitespace: bool,
) -> DirectiveText {
    let mut dt = DirectiveText::default();
    // The body is copied once, after the option block is known.
    let mut body: Option<Vec<String>> = None;
    let mut has_block = false;
    if has_options {
        if content.first().is_some_and(|l| l.starts_with("---")) {
            has_block = true;
            dt.options_first_line = 1;
            let rest = &content[1..];
            let close = rest.iter().position(|l| l.starts_with("---"));
            let (yaml, after): (Vec<String>, Vec<String>) = match close {
                Some(k) => {
                    // Python: `content[match.end():].lstrip("\n")`.
                    let tail = rest[k].trim_start_matches('-');
                    let mut after: Vec<String> = Vec::new();
                    if tail.is_empty() {
                        let mut remaining = &rest[k + 1..];
                        while remaining.first().is_some_and(|l| l.is_empty()) {
                            remaining = &remaining[1..];
                        }
                        after.extend(remaining.iter().cloned());
                    } else {
                        after.push(tail.trim_start().to_string());
                        after.extend(rest[k + 1..].iter().cloned());
                    }
                    (rest[..k].to_vec(), after)
                }
                None => (rest.to_vec(), Vec::new()),
            };
            let yaml = dedent(&yaml);
            match options::tokenize(&yaml) {
                Ok(t) => {
                    dt.options = Some(t.options);
                    dt.comment_lines = t.comment_lines;
                }
                Err(e) => dt.tokenize_error = Some(e),
            }
            body = Some(after);
        } else if content
            .first()
            .is_some_and(|l| l.trim_start().starts_with(':'))
        {
            has_block = true;
            let mut yaml = Vec::new();
            let mut k = 0;
            while k < content.len() {
                let t = content[k].trim_start();
                if !t.starts_with(':') || t.starts_with(":::") {
                    break;
                }
                yaml.push(t[1..].to_string());
                k += 1;
            }
            match options::tokenize(&yaml.join("\n")) {
                Ok(t) => {
                    dt.options = Some(t.options);
                    dt.comment_lines = t.comment_lines;
                }
                Err(e) => dt.tokenize_error = Some(e),
            }
            body = Some(content[k..].to_vec());
        }
    }
    let mut body = body.unwrap_or_else(|| content.to_vec());
    let mut offset = content.len() as i64 - body.len() as i64;
    if args.0 + args.1 == 0 {
        if !first_line.trim().is_empty() {
            if has_block && body.iter().any(|l| !l.trim().is_empty()) {
                dt.split_warning = true;
            }
            body.insert(0, first_line.to_string());
            offset -= 1;
        }
    } else {
        dt.arguments = split_arguments(first_line, args, final_arg_whitespace);
    }
    if body.first().is_some_and(|l| l.trim().is_empty()) {
        body.remove(0);
        offset += 1;
    }
    dt.body = body;
    dt.body_offset = offset;
    dt
}

fn split_arguments(line: &str, (req, opt): (usize, usize), final_ws: bool) -> Vec<String> {
    let line = line.trim();
    if line.is_empty() {
        return Vec::new();
    }
    let max = req + opt;
    if final_ws {
        let mut parts: Vec<String> = Vec::new();
        let mut rest = line;
        while parts.len() + 1 < max {
            match rest.split_once(char::is_whitespace) {
                Some((a, b)) => {
                    parts.push(a.to_string());
                    rest = b.trim_start();
                }
                None => break,
            }
        }
        parts.push(rest.to_string());
        parts
    } else {
        line.split_whitespace().map(str::to_string).collect()
    }
}

/// Python's `textwrap.dedent` over lines, joined with `\n`.
fn dedent(lines: &[String]) -> String {
    let margin = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                ""
            } else {
                &l[margin.min(l.len())..]
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
