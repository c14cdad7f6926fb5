"""The regions of a news story: dateline, lead, paragraphs, subheadings, quotes and trailer.

Checks never parse the article's shape themselves; they ask for a scope (`Anatomy.spans`) and get
character spans of the document text. The shape rules here are those of agency copy: one
paragraph per line in plain text (blank-line separated blocks in Markdown), a trailer block of
labelled lines (`Pewarta:`, `Editor:`, `Copyright ...`), quotes in straight or curly marks.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

import regex

from newslint.patterns import lazy
from newslint.spansearch import lined

if TYPE_CHECKING:
    from newslint.document import Document

Span = tuple[int, int]

#: Every scope a rule may name, with what it covers.
SCOPES: dict[str, str] = {
    "document": "the whole story after any front matter",
    "body": "lead, paragraphs and subheadings (no trailer or `Baca juga:` lines)",
    "lead": "the first paragraph, dateline included",
    "dateline": "the dateline at the start of the lead, e.g. `Moskow (ANTARA) - `",
    "paragraph": "body paragraphs, the lead included, subheadings excluded",
    "subheading": "short title lines between paragraphs (Markdown `#` headings too)",
    "quote": "direct quotes, marks included",
    "trailer": "labelled lines: `Baca juga:`, `Sumber:`, `Pewarta:`, `Penerjemah:`, `Editor:`, copyright ...",
    "last-line": "the last non-blank line of the story",
    "front-matter": "the YAML front matter of a Markdown file",
}

#: Scopes whose spans are whole lines (or runs of them): no span cuts a word in two.
WHOLE_LINE_SCOPES = frozenset({"document", "body", "lead", "paragraph", "subheading", "trailer", "last-line"})

#: White space inside labelled lines: any horizontal space (a no-break space from a CMS included)
#: and the invisible characters copy picks up on the way (zero-width space and joiners, word joiner, BOM).
GAP = r"[\h\u200b\u200c\u200d\u2060\ufeff]"

# A trailer line starts with one of these labels (colon required where the word is also prose).
_TRAILER = lazy(
    rf"""^{GAP}*(?:
        (?P<label>baca{GAP}+juga|sumber|pewarta|penerjemah|penulis|reporter|editor|redaktur
                  |fotografer|foto|kontributor){GAP}*:
      | (?P<copyright>(?:copyright|hak[ \t]+cipta)\b|©|\(c\)[ \t])
      | (?P<credit>\(?[ \t]*(?:additional[ \t]+)?(?:reporting|writing|editing|compiled|produced)[ \t]+by\b)
      | (?P<tayang>berita[ \t]+ini[ \t]+telah[ \t]+tayang)
    )""",
    regex.I | regex.X,
)
_SPACE = GAP[1:-1]  # the characters of GAP, for classes that hold more
_DATELINE = lazy(
    rf"""^{GAP}*(?P<city>\p{{Lu}}[\p{{L}}\p{{M}}.'’{_SPACE}-]{{0,40}}?)?(?:,{GAP}*(?P<date>[^()\n]{{1,40}}?))?{GAP}*
        \((?P<agency>[\p{{L}}\p{{N}}{_SPACE}.&/-]{{2,40}})\){GAP}*(?:-{{1,3}}|–|—){GAP}*""",
    regex.X | regex.M | regex.W,
)
# Characters no trailer line can begin with (tests/test_fast_paths.py checks each with a partial match):
# most paragraphs are ruled out without running `_TRAILER`.
_NO_TRAILER_START = frozenset("dgijlmnoqtuvxyzDGIJLMNOQTUVXYZ0123456789\"“‘'-")
_LABEL_GAP = lazy(GAP + "+")  # `Baca  juga` -> `baca-juga`
_NOTICE_YEAR = lazy(r"^\W*(?:copyright|hak\W+cipta)\W+(?:\w+\W+){0,2}?(?:19|20)\d\d\b", regex.I)
_MD_HEADING = lazy(r"^[ \t]{0,3}#{1,6}[ \t]")
_HTML_COMMENT_LINE = lazy(r"^[ \t]*<!--.*-->[ \t]*$")
# Markdown markup that is a line of its own: a thematic break (`---`, `***`, `_ _ _`), a setext
# heading's underline (`===`, `---`), a table's delimiter row (`| --- | :---: |`); also the
# opening `---` of front matter that never closes.
_MD_RULE_LINE = lazy(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*"
                     r"|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*|\|[ \t]*:?-+:?[ \t]*\|[ \t]*)$")
_WORD = lazy(r"\S+")
_END_PUNCT = tuple(".!?:;,\"”’'…)")
_OPENERS = {'"': '"', "“": "”", "«": "»", "„": "“"}
OPENING_MARKS = tuple(_OPENERS)  # every quote (`Anatomy.quotes`) begins with one of these
_MARK = lazy('["“”«»„]')  # every opener and every closer of _OPENERS


class Block(NamedTuple):
    """A paragraph-like unit: `kind` is lead, paragraph, subheading, related or trailer."""

    start: int
    end: int
    kind: str
    label: str = ""  # for trailer lines: baca-juga, sumber, pewarta, editor, copyright, credit, ...


class Quote(NamedTuple):
    """A direct quote: `start`/`end` include the marks; `segments` are its spans per paragraph."""

    start: int
    end: int
    segments: tuple[Span, ...]
    first_block: int
    last_block: int
    closed: bool


class Dateline(NamedTuple):
    start: int
    end: int
    city: str
    agency: str
    date: str


class Anatomy:
    """The regions of one document, computed once and shared by every check."""

    def __init__(self, doc: Document, blocks: list[Block], dateline: Dateline | None):
        self.doc = doc
        self.blocks = blocks
        self.dateline = dateline
        self._spans: dict[str, list[Span]] = {}
        self._lined: dict[str, bool] = {}

    @classmethod
    def of(cls, doc: Document) -> Anatomy:
        blocks = _blocks(doc)
        dateline = None
        lead = next((b for b in blocks if b.kind == "lead"), None)
        if lead is not None:
            m = _DATELINE.match(doc.text, lead.start, lead.end)
            if m:
                dateline = Dateline(m.start(), m.end(), (m["city"] or "").strip(), m["agency"], (m["date"] or "").strip())
        return cls(doc, blocks, dateline)

    @cached_property
    def quotes(self) -> list[Quote]:
        """The direct quotes, paired when a rule first asks (most stories' rules never do: a story
        without a quote mark is screened out of the quote rule)."""
        return _quotes(self.doc.text, self.blocks)

    def trailer(self, label: str | None = None) -> list[Block]:
        return [b for b in self.blocks if b.kind == "trailer" and (label is None or b.label == label)]

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("lead", "paragraph", "subheading")]

    def spans(self, scope: str) -> list[Span]:
        """Character spans of the document covered by `scope` (one of `SCOPES`), worked out once
        per scope for all rules: callers must not change the list."""
        found = self._spans.get(scope)
        if found is None:
            found = self._spans[scope] = self._find_spans(scope)
        return found

    def lined(self, scope: str) -> bool:
        """Do the spans of `scope` lie apart, in order, each but the last ending at a line break?
        Then a pattern rule may skip spans (`spansearch`); worked out once per scope for all rules."""
        if scope not in self._lined:
            self._lined[scope] = lined(self.doc.text, self.spans(scope))
        return self._lined[scope]

    def _find_spans(self, scope: str) -> list[Span]:
        doc = self.doc
        if scope == "document":
            return [(doc.body_start, len(doc.text))]
        if scope == "front-matter":
            return [(0, doc.body_start)] if doc.body_start else []
        if scope == "dateline":
            return [(self.dateline.start, self.dateline.end)] if self.dateline else []
        if scope == "quote":
            return [seg for q in self.quotes for seg in q.segments]
        if scope == "last-line":
            return [(self.blocks[-1].start, self.blocks[-1].end)] if self.blocks else []
        kinds = {
            "body": ("lead", "paragraph", "subheading"),
            "lead": ("lead",),
            "paragraph": ("lead", "paragraph"),
            "subheading": ("subheading",),
            "trailer": ("trailer",),
        }[scope]
        return [(b.start, b.end) for b in self.blocks if b.kind in kinds]


def _blocks(doc: Document) -> list[Block]:
    """Classify the non-blank lines after the front matter into blocks."""
    text = doc.text
    starts = doc.line_starts
    first = doc.position(doc.body_start)[0] - 1 if doc.body_start else 0
    lines: list[tuple[int, int, str, str]] = []  # start, end, kind, label
    for start, next_start in zip(starts[first:], [*starts[first + 1:], len(text)]):
        if start < doc.body_start:
            continue
        line = text[start:next_start].rstrip("\r\n")  # as `Document.line_bounds`
        end = start + len(line)
        if not line.strip():
            lines.append((start, end, "blank", ""))
            continue
        if doc.markdown and (_HTML_COMMENT_LINE.match(line) or _MD_RULE_LINE.match(line)):
            lines.append((start, end, "blank", ""))  # markup, not copy: no rule reads or fixes it
            continue
        m = None if line[0] in _NO_TRAILER_START else _TRAILER.match(line)
        if m and m["copyright"] and not _copyright_notice(line):
            m = None  # `Copyright atau hak cipta atas desain itu ...`: a paragraph about copyright
        if m:
            if m["label"]:
                label = _LABEL_GAP.sub("-", m["label"].lower())
            else:
                label = next(name for name in ("copyright", "credit", "tayang") if m[name])
            lines.append((start, end, "related" if label == "baca-juga" else "trailer", label))
        elif doc.markdown and _MD_HEADING.match(line):
            lines.append((start, end, "subheading", "heading"))
        else:
            lines.append((start, end, "paragraph", ""))

    blocks: list[Block] = []
    previous_kind = "blank"
    for start, end, kind, label in lines:
        if kind == "blank":
            previous_kind = kind
            continue
        if doc.markdown and kind == "paragraph" and previous_kind == "paragraph" and blocks:
            blocks[-1] = Block(blocks[-1].start, end, "paragraph")  # a wrapped Markdown paragraph
        else:
            blocks.append(Block(start, end, kind, label))
        previous_kind = kind

    # The `Baca juga:` lines inside the closing run of labelled lines belong to the trailer.
    index = len(blocks) - 1
    while index >= 0 and blocks[index].kind in ("trailer", "related"):
        if blocks[index].kind == "related":
            blocks[index] = Block(blocks[index].start, blocks[index].end, "trailer", "baca-juga")
        index -= 1

    # The lead is the first paragraph; a subheading is a short unpunctuated title between paragraphs.
    seen_lead = False
    for i, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        if not seen_lead:
            blocks[i] = Block(block.start, block.end, "lead")
            seen_lead = True
        elif _looks_like_subheading(text[block.start:block.end]) and _paragraph_follows(blocks, i):
            blocks[i] = Block(block.start, block.end, "subheading")
    return blocks


def _copyright_notice(line: str) -> bool:
    """Is a line that starts like a copyright line a notice, not a sentence about copyright? A
    notice is short, or carries the sign, or gives its year at once (AP's long notice:
    `Copyright 2023 The Associated Press. All rights reserved. ...`)."""
    return len(line.split()) <= 12 or "©" in line or "(c)" in line.lower() or _NOTICE_YEAR.match(line) is not None


def _looks_like_subheading(line: str) -> bool:
    line = line.strip()
    return (  # the cheap tests first: most lines are long paragraphs
        0 < len(line) <= 70
        and line[0].isupper()
        and not line.endswith(_END_PUNCT)
        and not any(mark in line for mark in '"“”')
        and 0 < len(_WORD.findall(line)) <= 8
    )


def _paragraph_follows(blocks: list[Block], index: int) -> bool:
    return index + 1 < len(blocks) and blocks[index + 1].kind in ("paragraph", "related")


def _quotes(text: str, blocks: list[Block]) -> list[Quote]:
    """Pair the double quote marks of the body, following a quote across paragraphs.

    Newsroom convention for a quote that runs over several paragraphs: every paragraph opens with
    a mark and only the last closes; the opening mark of a continuation paragraph is not a close.
    """
    quotes: list[Quote] = []
    body = [(i, b) for i, b in enumerate(blocks) if b.kind in ("lead", "paragraph")]
    open_at: int | None = None
    closer = ""
    segments: list[Span] = []
    seg_start = 0
    first_block = 0
    for position, (index, block) in enumerate(body):
        pos = block.start
        if open_at is not None:  # a quote left open by the previous paragraph
            lead_mark = _first_mark(text, block)
            if lead_mark is not None and lead_mark[1] in _OPENERS:
                seg_start = lead_mark[0]
                pos = lead_mark[0] + 1
            else:
                quotes.append(Quote(open_at, segments[-1][1], tuple(segments), first_block, body[position - 1][0], False))
                open_at = None
        for mark in _MARK.finditer(text, pos, block.end):  # only quote marks can open or close
            i, ch = mark.start(), mark.group()
            if open_at is None:
                if ch in _OPENERS:
                    open_at, closer, seg_start, first_block, segments = i, _OPENERS[ch], i, index, []
            elif ch == closer or (ch == '"' and closer != '"') or (ch == "”" and closer == '"'):
                segments.append((seg_start, i + 1))
                quotes.append(Quote(open_at, i + 1, tuple(segments), first_block, index, True))
                open_at = None
        if open_at is not None:
            segments.append((seg_start, block.end))
    if open_at is not None and segments:
        quotes.append(Quote(open_at, segments[-1][1], tuple(segments), first_block, body[-1][0], False))
    return quotes


def _first_mark(text: str, block: Block) -> tuple[int, str] | None:
    """The first non-space character of a block, when it is a quote mark."""
    for i in range(block.start, block.end):
        if not text[i].isspace():
            return (i, text[i]) if text[i] in _OPENERS or text[i] in "”" else None
    return None
