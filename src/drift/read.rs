//! The second pass: constants in their context. Brace languages (C, C++,
//! C#, Go, Java, Kotlin, protobuf, Rust, TypeScript) are read block by
//! block, so each constant knows the enum, class, struct, namespace, object
//! or Go type it belongs to; Python by indentation. Only declarations are
//! read: enum members (counted where the language counts them), constants
//! (`const`, `constexpr`, `static final`, `#define`, `const val`, Go
//! `const`/`var` with `iota`), never assignments in function bodies or to
//! fields (`cfg.port = 1100`).

use super::lex::{self, Kind, Lang, Token};

/// Where constants live: an enum, a class/struct/namespace/object of
/// constants, or the named type of Go constants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    /// Its name (`None`: an anonymous enum, a `namespace {`).
    pub name: Option<String>,
    /// What it is.
    pub kind: ContainerKind,
    /// Byte offset of its name (or keyword).
    pub start: usize,
    /// Two names for one value are allowed on purpose (protobuf's
    /// `option allow_alias = true`).
    pub aliases_allowed: bool,
}

/// What a container is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// An enum (Python: a class deriving from `Enum`, `IntEnum`, …).
    Enum,
    /// A class, struct, interface, object, namespace or `impl` block.
    Class,
    /// A TypeScript object literal (`const Codes = { A: 1001 }`).
    Object,
    /// Go constants of one named type (`X Code = 1001`).
    GoType,
}

/// A constant with an integer value, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its name.
    pub name: String,
    /// Its value.
    pub value: u64,
    /// Byte offset of the name.
    pub start: usize,
    /// Index in [`FileRead::containers`].
    pub container: Option<usize>,
    /// Its declared type, or the type its value is made with
    /// (`new ErrorCode(1001)`, `Code(1001)`).
    pub ty: Option<String>,
}

/// Everything read from one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileRead {
    /// Containers, in order of appearance.
    pub containers: Vec<Container>,
    /// Constants, in order of appearance.
    pub found: Vec<Found>,
}

/// Reads one file's text.
pub fn read(text: &[u8], lang: Lang) -> FileRead {
    let blanked = lex::blank(text, lang);
    let toks = lex::tokens(&blanked);
    if lang == Lang::Python {
        return python(&blanked, &toks);
    }
    let mut r = Reader {
        toks: &toks,
        i: 0,
        lang,
        out: FileRead::default(),
    };
    r.block(Scope::Members(None), 0);
    r.out
}

/// How the statements of a block are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Declarations (a file's top level, a class, a namespace).
    Members(Option<usize>),
    /// Enum constants.
    Enum(usize),
    /// `Key: value` pairs of an object literal.
    Object(usize),
    /// Anything else (function bodies, initialisers): not read.
    Skip,
}

/// Deeper than this, blocks are skipped (hostile input must not overflow the stack).
const MAX_DEPTH: usize = 64;

struct Reader<'t, 'a> {
    toks: &'t [Token<'a>],
    i: usize,
    lang: Lang,
    out: FileRead,
}

impl<'a> Reader<'_, 'a> {
    /// Reads statements until the `}` that closes this block (consumed) or
    /// the end.
    fn block(&mut self, mut scope: Scope, level: usize) {
        let mut stmt: Vec<Token<'a>> = Vec::new();
        let mut depth = 0usize;
        let mut next: Option<u64> = None;
        while let Some(&t) = self.toks.get(self.i) {
            self.i += 1;
            match t.kind {
                Kind::Punct(b'}') if depth == 0 => break,
                Kind::Punct(b'(' | b'[') => {
                    depth += 1;
                    if self.lang == Lang::Go
                        && t.is_punct(b'(')
                        && stmt.len() == 1
                        && (stmt[0].is("const") || stmt[0].is("var"))
                        && scope == Scope::Members(None)
                    {
                        let is_const = stmt[0].is("const");
                        stmt.clear();
                        depth -= 1;
                        self.go_group(is_const);
                        continue;
                    }
                    stmt.push(t);
                }
                Kind::Punct(b')' | b']') => {
                    depth = depth.saturating_sub(1);
                    stmt.push(t);
                }
                Kind::Punct(b'{') => {
                    if level >= MAX_DEPTH {
                        self.skip_block();
                    } else {
                        let child = self.child(scope, &stmt);
                        self.block(child, level + 1);
                        self.name_typedef(child);
                    }
                    stmt.push(t);
                    if !matches!(scope, Scope::Enum(_)) && assign_at(&stmt).is_none() {
                        stmt.clear();
                    }
                }
                Kind::Punct(b',')
                    if depth == 0 && matches!(scope, Scope::Enum(_) | Scope::Object(_)) =>
                {
                    self.finish(scope, &mut stmt, &mut next);
                }
                Kind::Punct(b';') if depth == 0 => {
                    self.finish(scope, &mut stmt, &mut next);
                    // Java's and Kotlin's enum constants end at the first
                    // `;`; the fields after it are no codes by the enum's name.
                    if matches!(scope, Scope::Enum(_)) && self.lang.enum_arguments() {
                        scope = Scope::Members(None);
                    }
                }
                Kind::Newline => {
                    // A `{` on the next line opens this statement's block.
                    let brace_next = self.toks[self.i..]
                        .iter()
                        .find(|t| t.kind != Kind::Newline)
                        .is_some_and(|t| t.is_punct(b'{'));
                    if depth == 0 && !continues(&stmt) && !brace_next {
                        self.finish(scope, &mut stmt, &mut next);
                    }
                }
                _ => stmt.push(t),
            }
        }
        self.finish(scope, &mut stmt, &mut next);
    }

    /// Past the `}` that closes the block just opened, without recursion.
    fn skip_block(&mut self) {
        let mut depth = 1usize;
        while let Some(t) = self.toks.get(self.i) {
            self.i += 1;
            match t.kind {
                Kind::Punct(b'{') => depth += 1,
                Kind::Punct(b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// `typedef enum { … } Name;`: the enum takes the name after the brace.
    fn name_typedef(&mut self, child: Scope) {
        if let Scope::Enum(c) = child
            && self.out.containers[c].name.is_none()
            && let Some(t) = self.toks.get(self.i)
            && t.kind == Kind::Ident
        {
            self.out.containers[c].name = Some(t.text.to_string());
            self.out.containers[c].start = t.start;
        }
    }

    fn container(&mut self, name: Option<&Token<'_>>, at: usize, kind: ContainerKind) -> usize {
        self.out.containers.push(Container {
            name: name.map(|t| t.text.to_string()),
            kind,
            start: name.map_or(at, |t| t.start),
            aliases_allowed: false,
        });
        self.out.containers.len() - 1
    }

    /// What the block opened after `head` holds.
    fn child(&mut self, scope: Scope, head: &[Token<'a>]) -> Scope {
        let Scope::Members(outer) = scope else {
            return Scope::Skip;
        };
        let head = strip_attributes(head, self.lang);
        if self.lang == Lang::Go || head.is_empty() {
            return Scope::Skip;
        }
        let at = head[0].start;
        if let Some(k) = head.iter().position(|t| t.is("enum")) {
            let name = head[k + 1..]
                .iter()
                .find(|t| t.kind == Kind::Ident && !matches!(t.text, "class" | "struct"));
            return Scope::Enum(self.container(name, at, ContainerKind::Enum));
        }
        if let Some(eq) = assign_at(head) {
            // `const Codes = {` in TypeScript: an object of constants.
            let (name, _, _) = declared(&head[..eq], self.lang).unwrap_or_default();
            if self.lang == Lang::TypeScript && eq + 1 == head.len() && !name.is_empty() {
                let tok = head[..eq].iter().find(|t| t.text == name);
                return Scope::Object(self.container(tok, at, ContainerKind::Object));
            }
            return Scope::Skip;
        }
        let paren = head.iter().position(|t| t.is_punct(b'('));
        if head
            .iter()
            .any(|t| t.is("fn") || t.is("function") || t.is("fun"))
        {
            return Scope::Skip;
        }
        if let Some(k) = head.iter().position(|t| t.is("impl")) {
            let rest = &head[k + 1..];
            let name = match rest.iter().position(|t| t.is("for")) {
                Some(f) => rest[f + 1..].iter().find(|t| t.kind == Kind::Ident),
                None => first_outside_generics(rest),
            };
            return Scope::Members(Some(self.container(name, at, ContainerKind::Class)));
        }
        const CLASSES: &[&str] = &[
            "class",
            "struct",
            "union",
            "interface",
            "object",
            "record",
            "namespace",
            "module",
            "message",
            "trait",
            "mod",
        ];
        if let Some(k) = head
            .iter()
            .position(|t| CLASSES.iter().any(|c| t.is(c)))
            .filter(|&k| paren.is_none_or(|p| k < p))
            .filter(|&k| !(matches!(head[k].text, "struct" | "union") && paren.is_some()))
        {
            let name = head.get(k + 1).filter(|t| t.kind == Kind::Ident);
            return match name {
                // `companion object {`, `namespace {`: the outer container.
                None => Scope::Members(outer),
                Some(n) => Scope::Members(Some(self.container(Some(n), at, ContainerKind::Class))),
            };
        }
        if head[0].is("extern") {
            return Scope::Members(outer);
        }
        Scope::Skip
    }

    fn finish(&mut self, scope: Scope, stmt: &mut Vec<Token<'a>>, next: &mut Option<u64>) {
        let s = strip_attributes(stmt, self.lang).to_vec();
        stmt.clear();
        if s.is_empty() {
            return;
        }
        match scope {
            Scope::Skip => {}
            Scope::Enum(c) => self.enum_member(c, &s, next),
            Scope::Object(c) => {
                if s.len() > 2 && s[0].kind == Kind::Ident && s[1].is_punct(b':') {
                    self.push_value(&s[0], &s[2..], Some(c), None, None);
                }
            }
            Scope::Members(c) => self.declaration(c, &s),
        }
    }

    fn enum_member(&mut self, c: usize, s: &[Token<'a>], next: &mut Option<u64>) {
        if self.lang == Lang::Proto && (s[0].is("option") || s[0].is("reserved")) {
            if s.iter().any(|t| t.is("allow_alias")) && s.iter().any(|t| t.is("true")) {
                self.out.containers[c].aliases_allowed = true;
            }
            return;
        }
        let name = s[0];
        if name.kind != Kind::Ident {
            return;
        }
        let value = match s.get(1) {
            None => {
                let v = next.filter(|_| self.lang.counts_enum_members());
                if let Some(v) = v {
                    self.push(&name, v, Some(c), None);
                }
                *next = v.and_then(|v| v.checked_add(1));
                return;
            }
            Some(t) if t.is_punct(b'=') => {
                let rhs = &s[2..];
                let rhs = match rhs.iter().position(|t| t.is_punct(b'[')) {
                    Some(k) if self.lang == Lang::Proto => &rhs[..k],
                    _ => rhs,
                };
                eval(rhs, self.lang, None).map(|(v, _)| v)
            }
            Some(t) if t.is_punct(b'(') && self.lang.enum_arguments() => {
                first_argument(&s[1..]).and_then(|a| eval(a, self.lang, None).map(|(v, _)| v))
            }
            Some(_) => None,
        };
        *next = value.and_then(|v| v.checked_add(1));
        if let Some(v) = value {
            self.push(&name, v, Some(c), None);
        }
    }

    fn declaration(&mut self, c: Option<usize>, s: &[Token<'a>]) {
        if s[0].is_punct(b'#') {
            // `#define NAME 1001` (not a function-like macro).
            if self.lang == Lang::C
                && s.len() > 3
                && s[1].is("define")
                && s[2].kind == Kind::Ident
                && !(s[3].is_punct(b'(') && s[3].start == s[2].end())
            {
                self.push_value(&s[2], &s[3..], c, None, None);
            }
            return;
        }
        if self.lang == Lang::Go {
            if (s[0].is("const") || s[0].is("var")) && s.len() > 1 {
                self.go_spec(&s[1..], None, None, None);
            }
            return;
        }
        let Some(eq) = assign_at(s) else { return };
        let Some((_, ty, k)) = declared(&s[..eq], self.lang) else {
            return;
        };
        let name = s[k];
        self.push_value(&name, &s[eq + 1..], c, ty, None);
    }

    fn push(&mut self, name: &Token<'_>, value: u64, container: Option<usize>, ty: Option<String>) {
        self.out.found.push(Found {
            name: name.text.to_string(),
            value,
            start: name.start,
            container,
            ty,
        });
    }

    fn push_value(
        &mut self,
        name: &Token<'_>,
        rhs: &[Token<'_>],
        container: Option<usize>,
        ty: Option<String>,
        iota: Option<u64>,
    ) {
        if let Some((v, made_with)) = eval(rhs, self.lang, iota) {
            self.push(name, v, container, ty.or(made_with));
        }
    }

    /// `const (` … `)` or `var (` … `)`: one spec a line; in a const block a
    /// spec without a value repeats the one before, with `iota` counting specs.
    fn go_group(&mut self, is_const: bool) {
        // Untyped constants belong to their block.
        let at = self
            .toks
            .get(self.i.saturating_sub(1))
            .map_or(0, |t| t.start);
        self.out.containers.push(Container {
            name: None,
            kind: ContainerKind::Class,
            start: at,
            aliases_allowed: false,
        });
        let block = self.out.containers.len() - 1;
        let mut spec: Vec<Token<'a>> = Vec::new();
        let mut depth = 0usize;
        let mut iota = 0u64;
        let mut prev: Option<(Vec<Token<'a>>, Option<Token<'a>>)> = None;
        while let Some(&t) = self.toks.get(self.i) {
            self.i += 1;
            let end = match t.kind {
                Kind::Punct(b')') if depth == 0 => true,
                Kind::Punct(b'(' | b'[' | b'{') => {
                    depth += 1;
                    false
                }
                Kind::Punct(b')' | b']' | b'}') => {
                    depth = depth.saturating_sub(1);
                    false
                }
                Kind::Newline | Kind::Punct(b';') if depth == 0 => {
                    if !spec.is_empty() && !continues(&spec) {
                        self.go_group_spec(&spec, is_const, iota, &mut prev, block);
                        iota += 1;
                        spec.clear();
                    }
                    continue;
                }
                _ => false,
            };
            if end {
                if !spec.is_empty() {
                    self.go_group_spec(&spec, is_const, iota, &mut prev, block);
                }
                return;
            }
            if !matches!(t.kind, Kind::Newline) {
                spec.push(t);
            }
        }
    }

    fn go_group_spec(
        &mut self,
        spec: &[Token<'a>],
        is_const: bool,
        iota: u64,
        prev: &mut Option<(Vec<Token<'a>>, Option<Token<'a>>)>,
        block: usize,
    ) {
        if spec.iter().any(|t| t.is_punct(b'=')) || !is_const {
            let (expr, ty) = self.go_spec(spec, Some(iota), None, Some(block));
            if is_const {
                *prev = Some((expr, ty));
            }
        } else if let Some((expr, ty)) = prev.clone() {
            // An implicit repetition of the spec before.
            self.go_spec(spec, Some(iota), Some((expr, ty)), Some(block));
        }
    }

    /// One Go spec `Name [Type] = expr` (or just `Name`, repeating `prev`);
    /// returns its expression and type for the next spec.
    fn go_spec(
        &mut self,
        s: &[Token<'a>],
        iota: Option<u64>,
        prev: Option<(Vec<Token<'a>>, Option<Token<'a>>)>,
        block: Option<usize>,
    ) -> (Vec<Token<'a>>, Option<Token<'a>>) {
        let name = s[0];
        if name.kind != Kind::Ident {
            return (Vec::new(), None);
        }
        let (ty, expr) = match (s.get(1), s.get(2), prev) {
            (_, _, Some((expr, ty))) => (ty, expr),
            (Some(e), _, None) if e.is_punct(b'=') => (None, s[2..].to_vec()),
            (Some(t), Some(e), None) if t.kind == Kind::Ident && e.is_punct(b'=') => {
                (Some(*t), s[3..].to_vec())
            }
            _ => return (Vec::new(), None),
        };
        if name.text != "_" {
            let container = ty.map(|t| self.go_type(&t)).or(block);
            self.push_value(
                &name,
                &expr,
                container,
                ty.map(|t| t.text.to_string()),
                iota,
            );
        }
        (expr, ty)
    }

    /// The container of Go constants of type `ty` in this file.
    fn go_type(&mut self, ty: &Token<'_>) -> usize {
        let found =
            self.out.containers.iter().position(|c| {
                c.kind == ContainerKind::GoType && c.name.as_deref() == Some(ty.text)
            });
        found.unwrap_or_else(|| self.container(Some(ty), ty.start, ContainerKind::GoType))
    }
}

/// A newline does not end a statement that ends in `=` or an operator.
fn continues(stmt: &[Token<'_>]) -> bool {
    stmt.last().is_some_and(|t| {
        matches!(
            t.kind,
            Kind::Punct(b'=' | b'+' | b'-' | b'|' | b'*' | b'<' | b',' | b'\\' | b':')
        )
    })
}

/// The index of a lone `=` (not `==`, `=>`, `<=`, `+=`, `:=`, …) at
/// bracket depth 0.
fn assign_at(s: &[Token<'_>]) -> Option<usize> {
    let mut depth = 0usize;
    for (k, t) in s.iter().enumerate() {
        match t.kind {
            Kind::Punct(b'(' | b'[' | b'{') => depth += 1,
            Kind::Punct(b')' | b']') => depth = depth.saturating_sub(1),
            Kind::Punct(b'=') if depth == 0 => {
                let glued = |o: Option<&Token<'_>>, before: bool| {
                    o.is_some_and(|o| {
                        matches!(o.kind, Kind::Punct(_))
                            && if before {
                                o.end() == t.start
                            } else {
                                o.start == t.end()
                            }
                    })
                };
                let before = k.checked_sub(1).and_then(|p| s.get(p));
                if !glued(before, true) && !glued(s.get(k + 1), false) {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

const MODIFIERS: &[&str] = &[
    "public",
    "private",
    "protected",
    "internal",
    "static",
    "final",
    "const",
    "constexpr",
    "constinit",
    "inline",
    "readonly",
    "export",
    "declare",
    "pub",
    "val",
    "var",
    "let",
    "extern",
    "volatile",
    "override",
    "open",
    "abstract",
    "sealed",
    "lateinit",
    "mut",
    "unsafe",
    "new",
];

/// Keywords that make a statement a declaration of a constant.
const DECLARES: &[&str] = &[
    "const",
    "constexpr",
    "final",
    "static",
    "val",
    "var",
    "let",
    "readonly",
];

/// The name, type and name index of a declaration's left-hand side
/// (`static final int NAME`, `const NAME: u32`, `constexpr Code kName`),
/// or `None` when it is no declaration (`cfg.port`, `a[1]`, `x`).
fn declared(lhs: &[Token<'_>], lang: Lang) -> Option<(String, Option<String>, usize)> {
    let mut k = 0;
    let mut keyword = false;
    while let Some(t) = lhs.get(k) {
        if t.kind != Kind::Ident || !MODIFIERS.contains(&t.text) {
            break;
        }
        keyword |= DECLARES.contains(&t.text);
        k += 1;
        // `pub(crate)`
        if t.is("pub") && lhs.get(k).is_some_and(|p| p.is_punct(b'(')) {
            k += lhs[k..].iter().position(|p| p.is_punct(b')'))? + 1;
        }
    }
    let rest = &lhs[k..];
    if rest.iter().any(|t| {
        matches!(
            t.kind,
            Kind::Punct(b'.' | b'[' | b']' | b'(' | b')' | b'-' | b'+' | b'/' | b'!' | b'?' | b'#')
        ) || t.kind == Kind::Number
    }) {
        return None;
    }
    // `NAME: Type` (Rust, TypeScript, Kotlin, Python), not `a::b`.
    let colon = rest.iter().enumerate().position(|(i, t)| {
        t.is_punct(b':')
            && !rest
                .get(i + 1)
                .is_some_and(|n| n.is_punct(b':') && n.start == t.end())
            && !(i > 0 && rest[i - 1].is_punct(b':') && rest[i - 1].end() == t.start)
    });
    if let Some(c) = colon {
        let name = c.checked_sub(1).filter(|&n| rest[n].kind == Kind::Ident)?;
        let ty = first_outside_generics(&rest[c + 1..]).map(|t| t.text.to_string());
        return Some((rest[name].text.to_string(), ty, k + name));
    }
    let idents: Vec<usize> = (0..rest.len())
        .filter(|&i| rest[i].kind == Kind::Ident)
        .collect();
    let &name = idents.last()?;
    if rest.get(name + 1).is_some() {
        return None;
    }
    let ty = idents
        .len()
        .checked_sub(2)
        .map(|p| rest[idents[p]].text.to_string());
    if !keyword && ty.is_none() && lang != Lang::Kotlin {
        return None;
    }
    Some((rest[name].text.to_string(), ty, k + name))
}

/// The first identifier not inside `<…>`.
fn first_outside_generics<'t, 'a>(toks: &'t [Token<'a>]) -> Option<&'t Token<'a>> {
    let mut depth = 0usize;
    for t in toks {
        match t.kind {
            Kind::Punct(b'<') => depth += 1,
            Kind::Punct(b'>') => depth = depth.saturating_sub(1),
            Kind::Ident if depth == 0 => return Some(t),
            _ => {}
        }
    }
    None
}

/// A statement without its leading attributes and annotations (`#[…]`,
/// `[Obsolete]`, `@Deprecated(…)`).
fn strip_attributes<'t, 'a>(s: &'t [Token<'a>], lang: Lang) -> &'t [Token<'a>] {
    let mut s = s;
    loop {
        let skip = match s {
            [h, b, ..] if lang == Lang::Rust && h.is_punct(b'#') && b.is_punct(b'[') => {
                group_end(&s[1..]).map(|e| e + 1)
            }
            [h, x, b, ..]
                if lang == Lang::Rust
                    && h.is_punct(b'#')
                    && x.is_punct(b'!')
                    && b.is_punct(b'[') =>
            {
                group_end(&s[2..]).map(|e| e + 2)
            }
            [b, ..] if lang == Lang::CSharp && b.is_punct(b'[') => group_end(s),
            [a, n, p, ..] if a.is_punct(b'@') && n.kind == Kind::Ident && p.is_punct(b'(') => {
                group_end(&s[2..]).map(|e| e + 2)
            }
            [a, n, ..] if a.is_punct(b'@') && n.kind == Kind::Ident => Some(2),
            _ => None,
        };
        match skip {
            Some(k) if k <= s.len() => s = &s[k..],
            _ => return s,
        }
    }
}

/// The length of the bracketed group `s` starts with (`(…)` or `[…]`).
fn group_end(s: &[Token<'_>]) -> Option<usize> {
    let mut depth = 0usize;
    for (k, t) in s.iter().enumerate() {
        match t.kind {
            Kind::Punct(b'(' | b'[') => depth += 1,
            Kind::Punct(b')' | b']') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The first argument of `( a, b )` (the tokens of `a`).
fn first_argument<'t, 'a>(s: &'t [Token<'a>]) -> Option<&'t [Token<'a>]> {
    let len = group_end(s)?;
    let inner = &s[1..len - 1];
    let mut depth = 0usize;
    for (k, t) in inner.iter().enumerate() {
        match t.kind {
            Kind::Punct(b'(' | b'[') => depth += 1,
            Kind::Punct(b')' | b']') => depth = depth.saturating_sub(1),
            Kind::Punct(b',') if depth == 0 => return Some(&inner[..k]),
            _ => {}
        }
    }
    Some(inner)
}

/// The value of a constant's expression, and the type it is made with:
/// `1001`, `0x3E9`, `(1001)`, `(int)1001`, `1001 as u32`, `iota + 1000`,
/// `new ErrorCode(1001, "…")`, `Code(1001)`, `ErrorCode.of(1001)`, a
/// Python tuple's first item (`1001, "…"`). Anything else: `None`.
pub fn eval(rhs: &[Token<'_>], lang: Lang, iota: Option<u64>) -> Option<(u64, Option<String>)> {
    // A code's expression is short (and nesting bounds the recursion).
    if rhs.len() > 64 {
        return None;
    }
    let mut t = rhs;
    // `x as u32`, `x as const`, a trailing `;` or `,` of a one-line item.
    if let Some(k) = t.iter().position(|x| x.is("as")) {
        t = &t[..k];
    }
    while let [rest @ .., last] = t
        && (last.is_punct(b',') || last.is_punct(b';'))
    {
        t = rest;
    }
    loop {
        match t {
            [open, .., _] if open.is_punct(b'(') && group_end(t) == Some(t.len()) => {
                t = &t[1..t.len() - 1];
            }
            // A C cast: `(int)1001`, `(uint32_t) 1001`.
            [open, ..] if open.is_punct(b'(') => {
                let len = group_end(t)?;
                if len < t.len()
                    && t[1..len - 1]
                        .iter()
                        .all(|x| x.kind == Kind::Ident || x.is_punct(b'*') || x.is_punct(b':'))
                {
                    t = &t[len..];
                } else {
                    break;
                }
            }
            [cast, lt, ..] if cast.text.ends_with("_cast") && lt.is_punct(b'<') => {
                let p = t.iter().position(|x| x.is_punct(b'('))?;
                t = &t[p..];
            }
            [n, rest @ ..] if n.is("new") && !rest.is_empty() => t = rest,
            _ => break,
        }
    }
    match t {
        [] => None,
        [n] if n.kind == Kind::Number => lex::integer(n.text, lang).map(|v| (v, None)),
        [i] if i.is("iota") => iota.map(|v| (v, None)),
        [i, p, n] | [n, p, i] if i.is("iota") && p.is_punct(b'+') && n.kind == Kind::Number => {
            let v = iota?.checked_add(lex::integer(n.text, lang)?)?;
            Some((v, None))
        }
        _ => {
            if let Some(p) = t.iter().position(|x| x.is_punct(b'('))
                && p > 0
                && group_end(&t[p..]) == Some(t.len() - p)
                && t[..p]
                    .iter()
                    .all(|x| x.kind == Kind::Ident || x.is_punct(b'.') || x.is_punct(b':'))
            {
                let path: Vec<&Token<'_>> =
                    t[..p].iter().filter(|x| x.kind == Kind::Ident).collect();
                let ty = match path.as_slice() {
                    [.., ty, method]
                        if method.text.starts_with(|c: char| c.is_ascii_lowercase()) =>
                    {
                        ty
                    }
                    [.., ty] => ty,
                    [] => return None,
                };
                let (v, _) = eval(first_argument(&t[p..])?, lang, None)?;
                return Some((v, Some(ty.text.to_string())));
            }
            // A Python tuple: `1001, "message"`.
            if lang == Lang::Python {
                let comma = t.iter().position(|x| x.is_punct(b','))?;
                return eval(&t[..comma], lang, None);
            }
            None
        }
    }
}

/// Python: classes by indentation, their `NAME = value` members, and
/// module-level `NAME = value`; function bodies are not read.
fn python(blanked: &[u8], toks: &[Token<'_>]) -> FileRead {
    let mut out = FileRead::default();
    // Open classes and functions: (indent, container or None for a `def`).
    let mut stack: Vec<(usize, Option<usize>)> = Vec::new();
    for line in logical_lines(toks) {
        let indent = indent_of(blanked, line[0].start);
        while stack.last().is_some_and(|&(i, _)| i >= indent) {
            stack.pop();
        }
        let in_def = stack.last().is_some_and(|&(_, c)| c.is_none());
        match line.as_slice() {
            [k, name, ..] if k.is("class") && name.kind == Kind::Ident => {
                let bases = line.iter().skip(2).filter(|t| t.kind == Kind::Ident);
                let is_enum = bases
                    .clone()
                    .any(|b| b.text.ends_with("Enum") || b.text.ends_with("Flag"));
                out.containers.push(Container {
                    name: Some(name.text.to_string()),
                    kind: if is_enum {
                        ContainerKind::Enum
                    } else {
                        ContainerKind::Class
                    },
                    start: name.start,
                    aliases_allowed: false,
                });
                let c = (!in_def).then_some(out.containers.len() - 1);
                stack.push((indent, c));
            }
            [k, ..] if k.is("def") || k.is("async") => stack.push((indent, None)),
            _ if in_def => {}
            [name, rest @ ..] if name.kind == Kind::Ident => {
                let container = stack.last().and_then(|&(_, c)| c);
                let rhs = match rest {
                    [eq, rhs @ ..] if eq.is_punct(b'=') => rhs,
                    [colon, ..] if colon.is_punct(b':') => match assign_at(rest) {
                        Some(eq) => &rest[eq + 1..],
                        None => continue,
                    },
                    _ => continue,
                };
                if let Some((value, ty)) = eval(rhs, Lang::Python, None) {
                    out.found.push(Found {
                        name: name.text.to_string(),
                        value,
                        start: name.start,
                        container,
                        ty,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// Python's logical lines: a line goes on while a bracket is open or it
/// ends in `\`.
fn logical_lines<'t, 'a>(toks: &'t [Token<'a>]) -> Vec<Vec<Token<'a>>> {
    let mut out = Vec::new();
    let mut cur: Vec<Token<'a>> = Vec::new();
    let mut depth = 0usize;
    let mut backslash = false;
    for t in toks {
        match t.kind {
            Kind::Newline if depth == 0 && !backslash => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            Kind::Newline => {}
            Kind::Punct(b'\\') => {}
            _ => {
                match t.kind {
                    Kind::Punct(b'(' | b'[' | b'{') => depth += 1,
                    Kind::Punct(b')' | b']' | b'}') => depth = depth.saturating_sub(1),
                    _ => {}
                }
                cur.push(*t);
            }
        }
        backslash = t.is_punct(b'\\');
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The indentation (tabs to multiples of 8) of the line holding `offset`.
fn indent_of(text: &[u8], offset: usize) -> usize {
    let start = text[..offset.min(text.len())]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let mut col = 0;
    for &b in &text[start..offset.min(text.len())] {
        col = match b {
            b'\t' => (col / 8 + 1) * 8,
            _ => col + 1,
        };
    }
    col
}
