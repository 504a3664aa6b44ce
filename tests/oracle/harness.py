#!/usr/bin/env python3
"""What Sphinx + MyST-Parser make of MyST Markdown files: the reference
tests/oracle.rs compares errdocs' reader with.

    harness.py FILE.md [FILE.md ...]   one JSON object per file and line
    harness.py --language zh_CN FILE.md ...
                                       the same with Sphinx's `language`
                                       (admonition titles, smart quotes)
    harness.py --check                 exit 1 unless the installed sphinx,
                                       myst-parser and docutils are the
                                       versions requirements.txt pins

Each file is built as the only page of a throw-away Sphinx project
(extensions=["myst_parser"], myst_enable_extensions=["colon_fence"], the HTML
builder, quiet). The doctree the HTML writer is handed (after every
transform and reference resolution) is read into:

- sections: title, level (1 = top), ids (all of them; the first is the
  <section id>);
- tables: section_id (first id of the enclosing section), ids, caption,
  header_rows and body_rows (each cell's text), header_html and body_html
  (each cell as Sphinx's HTML writer writes it: its translator run on the
  cell's children);
- admonitions: kind (the first class of the HTML <div> other than
  "admonition": the user's :class: before the directive's name), title,
  text (the body without the title), section_id, ids;
- footnotes: at the end of the page, in order: label (the number shown),
  ids, text (without the label);
- warnings: what Sphinx printed, as {line, level, message, type};
- versions.

Text is what the page shows: Text nodes as they are (smartquotes applied),
raw HTML read as HTML (tags dropped, <br> a line break, no script/style
content), nothing from comments, substitution definitions or images, block
boundaries as line breaks, whitespace runs collapsed. A table cell's text is
read from its HTML (so a footnote reference shows as "[1]", a math role as
its TeX source in MathJax's delimiters); a comment that is never closed hides
the rest of the cell, as in a browser.
"""

import html
import importlib.metadata
import io
import json
import os
import re
import shutil
import sys
import tempfile
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
CONF = {
    "extensions": ["myst_parser"],
    "myst_enable_extensions": ["colon_fence"],
    "project": "oracle",
}


def pins():
    """name -> version from requirements.txt beside this file."""
    out = {}
    with open(os.path.join(HERE, "requirements.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, version = line.partition("==")
                out[name.strip()] = version.strip()
    return out


def versions():
    got = {}
    for name in pins():
        try:
            got[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            got[name] = None
    return got


def check():
    want, got = pins(), versions()
    bad = [f"{n} {got[n] or 'not installed'} (requirements.txt pins {v})"
           for n, v in want.items() if got[n] != v]
    if bad:
        sys.exit(f"{sys.executable}: " + ", ".join(bad))
    print(json.dumps(got))


# --- text as the page shows it ------------------------------------------

class _Text(HTMLParser):
    """The text of an HTML fragment: data, <br> and block ends as line breaks."""

    SKIP = {"iframe", "noembed", "noframes", "noscript", "script", "style", "template",
            "title"}  # not shown by a browser
    BLOCK = {"br", "div", "p", "pre", "blockquote", "section", "ul", "ol", "li",
             "dl", "dt", "dd", "table", "tr", "td", "th", "hr",
             "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _html(node):
    """The node as the HTML that carries its text: Text escaped, raw HTML as
    it is, blocks as <div>, invisible nodes left out."""
    from docutils import nodes

    if isinstance(node, nodes.Text):
        return html.escape(str(node), quote=False)
    if isinstance(node, (nodes.comment, nodes.substitution_definition, nodes.pending,
                         nodes.image, nodes.colspec, nodes.system_message)):
        return ""
    if isinstance(node, nodes.raw):
        return node.astext() if "html" in node.get("format", "").split() else ""
    inner = "".join(_html(c) for c in node.children)
    if isinstance(node, nodes.Admonition) and _title(node) is None:
        inner = f"<div>{html.escape(_label(node) or '')}</div>{inner}"
    return inner if isinstance(node, nodes.Inline) else f"<div>{inner}</div>"


def _label(node):
    """The title the HTML writer gives a note, tip, ... (None for others)."""
    from sphinx.locale import admonitionlabels

    label = admonitionlabels.get(node.tagname)
    return str(label) if label else None


def text(*parts):
    """The text of these nodes, one after the other."""
    return html_text("".join(_html(n) for n in parts))


def html_text(fragment):
    """The text a browser shows for an HTML fragment."""
    start = fragment.find("<!--")
    if start >= 0 and fragment.find("-->", start + 4) < 0:
        fragment = fragment[:start]  # an unclosed comment runs to the end
    p = _Text()
    p.feed(fragment)
    p.close()
    lines = (" ".join(line.split()) for line in "".join(p.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def cell_html(cell, builder):
    """A table cell's children as Sphinx's HTML writer writes them."""
    document = cell.document
    settings = document.settings
    document.settings = builder.docsettings  # the writer's, as write_doc sets them
    try:
        translator = builder.create_translator(document, builder)
        for child in cell.children:
            child.walkabout(translator)
    finally:
        document.settings = settings
    return "".join(translator.body).strip()


# --- the doctree ---------------------------------------------------------

def _section_of(node):
    from docutils import nodes

    p = node.parent
    while p is not None and not isinstance(p, nodes.section):
        p = p.parent
    return p["ids"][0] if p is not None and p["ids"] else None


def _title(node):
    """The node's own title (a child), or None."""
    from docutils import nodes

    return next((c for c in node.children if isinstance(c, nodes.title)), None)


def _kind(node):
    """The admonition's first HTML class other than "admonition", as
    Sphinx's HTML writer orders them: node classes, "admonition", the name."""
    name = "" if node.tagname == "admonition" else node.tagname
    classes = []
    for c in node.get("classes", []) + ["admonition", name]:
        if c.strip() and not c.startswith("language-") and c not in classes:
            classes.append(c)
    return next((c for c in classes if c != "admonition"), "admonition")


def extract(doctree, builder):
    from docutils import nodes
    from sphinx import addnodes

    sections, tables, admonitions, footnotes = [], [], [], []
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.section):
            title = _title(node)
            level, p = 1, node.parent
            while p is not None:
                level += 1 if isinstance(p, nodes.section) else 0
                p = p.parent
            sections.append({"title": text(title) if title else None,
                             "level": level, "ids": list(node["ids"])})
        elif isinstance(node, nodes.table):
            rows = {"thead": [], "tbody": []}
            for group in node.findall(nodes.tgroup):
                if group.parent is not node:
                    continue
                for part in group.children:
                    if part.tagname in rows:
                        rows[part.tagname] += [[cell_html(cell, builder) for cell in row.children]
                                               for row in part.children]
            caption = _title(node)
            tables.append({"section_id": _section_of(node), "ids": list(node["ids"]),
                           "caption": text(caption) if caption else None,
                           "header_rows": [[html_text(c) for c in r] for r in rows["thead"]],
                           "body_rows": [[html_text(c) for c in r] for r in rows["tbody"]],
                           "header_html": rows["thead"], "body_html": rows["tbody"]})
        elif isinstance(node, nodes.footnote):
            label = next((c for c in node.children if isinstance(c, nodes.label)), None)
            footnotes.append({"label": label.astext() if label else None,
                              "ids": list(node["ids"]),
                              "text": text(*(c for c in node.children if c is not label))})
        elif isinstance(node, nodes.Admonition) and not isinstance(node, addnodes.desc):
            # (Sphinx's object descriptions, `py:function` and the like, are
            # Admonition nodes too, but shown as definition lists.)
            title = _title(node)
            admonitions.append({"kind": _kind(node),
                                "title": text(title) if title else _label(node),
                                "text": text(*(c for c in node.children if c is not title)),
                                "section_id": _section_of(node), "ids": list(node["ids"])})
    return {"sections": sections, "tables": tables, "admonitions": admonitions,
            "footnotes": footnotes}


# --- the build -----------------------------------------------------------

WARNING = re.compile(r"^(?P<loc>.*?): (?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<msg>.*)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warnings(stream, srcdir):
    """Sphinx's warning output as records; paths relative to the project."""
    stream = ANSI.sub("", stream)
    for d in {os.path.realpath(srcdir), srcdir}:
        stream = stream.replace(d + os.sep, "")
    out = []
    for line in stream.splitlines():
        m = WARNING.match(line)
        if m:
            loc = m["loc"]
            file, _, lineno = loc.rpartition(":")
            if not lineno.isdigit():
                file, lineno = loc, None
            out.append({"file": file or None, "line": int(lineno) if lineno else None,
                        "level": "CRITICAL" if m["level"] == "SEVERE" else m["level"],
                        "message": m["msg"], "type": None})
        elif out and line.strip():
            out[-1]["message"] += "\n" + line
    for w in out:
        t = re.search(r" \[([a-z0-9_.-]+)\]$", w["message"])
        if t:
            w["type"], w["message"] = t[1], w["message"][:t.start()]
    return out


def build(path, language=None):
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    base = os.path.basename(path)
    docname = re.sub(r"[^A-Za-z0-9_.-]", "_", base.removesuffix(".md")) or "doc"
    seen = {}
    with tempfile.TemporaryDirectory(prefix="errdocs-oracle-") as tmp:
        srcdir = os.path.join(tmp, "src")
        os.mkdir(srcdir)
        shutil.copyfile(path, os.path.join(srcdir, docname + ".md"))
        with open(os.path.join(srcdir, "conf.py"), "w", encoding="utf-8") as f:
            conf = dict(CONF, root_doc=docname)
            if language:
                conf["language"] = language
            for k, v in conf.items():
                f.write(f"{k} = {v!r}\n")
        warn = io.StringIO()

        def resolved(app, doctree, name):
            if name == docname:  # what the HTML writer gets, before it writes
                seen.update(extract(doctree, app.builder))

        crash = None
        try:
            with patch_docutils(srcdir), docutils_namespace():
                app = Sphinx(srcdir, srcdir, os.path.join(tmp, "html"),
                             os.path.join(tmp, "doctrees"), "html",
                             status=None, warning=warn, freshenv=True, verbosity=0)
                app.connect("doctree-resolved", resolved, priority=900)
                app.build(force_all=True)
        except Exception as e:  # the build aborted: say so, the caller fails
            crash = f"{type(e).__name__}: {e}"
        out = {"source": base, "sections": [], "tables": [], "admonitions": [], "footnotes": [],
               **seen,
               "warnings": warnings(warn.getvalue(), srcdir), "versions": versions()}
        if crash:
            out["crash"] = crash
    return out


def main(argv):
    if argv == ["--check"]:
        return check()
    language = None
    if len(argv) >= 2 and argv[0] == "--language":
        language, argv = argv[1], argv[2:]
    if not argv or any(a.startswith("-") for a in argv):
        sys.exit(__doc__)
    import sphinx.util.console
    sphinx.util.console.disable_colour()
    crashed = False
    for path in argv:
        doc = build(path, language)
        if "crash" in doc:
            crashed = True
            print(f"{path}: the Sphinx build aborted: {doc['crash']}", file=sys.stderr)
        print(json.dumps(doc, ensure_ascii=False, sort_keys=True), flush=True)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
