"""`attribution`: direct quotes name their speaker; agency material is credited.

`mode: quote` — every direct quote is attributed in the same sentence or the next one by a speech
verb from `verbs` (each may also take `-nya`: `katanya`, `ujarnya`), or by a sentence before it
that ends in a colon and holds such a verb, or (for a quote that opens its sentence) by the
sentence just before it in the same paragraph: `"...," kata Presiden. "Kebijakan ini ..."`
continues the President's words. A quote that runs over several paragraphs needs its
attribution only once. Short quoted terms (`istilah "new normal"`) are not direct quotes: a
direct quote has at least `min_words` words or ends in punctuation inside its marks.

With `speech_tag: true`, the Indonesian inverted tag counts as attribution whatever its verb:
`"...," pinta Jokowi`, `"...?" timpal Siti`, `"...!" serunya`.

`mode: credit` — when the body names a news agency from `agencies`, a `{label}:` line in the
trailer (e.g. `Sumber: Reuters`) must name it; the first mention is reported. Names in
`ambiguous` (`AP` is also Angkasa Pura, `AP II`; `PTI` also a Pakistani party) count only with
a word from `cues` within `cue_window` words (`kantor berita AP`, `AP melaporkan`).

    - id: AN701
      kind: attribution
      mode: quote
      verbs: [kata, ujar, ucap, tutur, ungkap, jelas, tambah, menurut, mengatakan]
      message: Kutipan langsung tanpa narasumber
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from newslint.anatomy import GAP, OPENING_MARKS, WHOLE_LINE_SCOPES
from newslint.checks._common import UNUSUAL_COPY
from newslint.errors import PackError
from newslint.lexicon import PhraseIndex, words_in
from newslint.packs.schema import Key
from newslint.patterns import lazy
from newslint.violation import Finding

KIND = "attribution"
SUMMARY = "direct quotes are attributed; agency material carries a credit line"
SLOW_HINT = UNUSUAL_COPY
DEFAULT_SCOPE = "body"
OPTIONS = {
    "mode": Key((str,), "`quote` or `credit`", required=True, choices=("quote", "credit")),
    "verbs": Key((list,), "speech verbs that attribute a quote", items=str, default=[]),
    "min_words": Key((int,), "a shorter quote without end punctuation is a quoted term", default=5),
    "speech_tag": Key((bool,), "a quote closing with `,` `?` or `!` inside its marks, then a lower-case word and a "
                      "capitalised name or a word in -nya (`\"...,\" pinta Jokowi`), is attributed, whatever the verb",
                      default=False),
    "agencies": Key((list,), "agency names that need a credit line", items=str, default=[]),
    "label": Key((str,), "label of the credit line", default="Sumber"),
    "ambiguous": Key((list,), "agency names that are also other things (`AP II`, a party `PTI`): they count only "
                     "next to a word from `cues`", items=str, default=[]),
    "cues": Key((list,), "words that show an agency is cited (`kantor berita`, `melaporkan`, `dilansir`)",
                items=str, default=[]),
    "cue_window": Key((int,), "how many words before or after an ambiguous agency a cue may stand", default=3),
}
MESSAGES = {"default": "quote without attribution"}
FIELDS = ("agency", "label")

_SENTENCE_END = lazy(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]*[\p{Lu}\p{N}]|\s*$)")
_QUOTE_END_PUNCT = tuple(".,!?…;:-—")


def compile(options: dict[str, Any], path: Path, raw: Any) -> Any:
    if options["mode"] == "quote":
        if not options["verbs"]:
            raise PackError("mode 'quote' needs a list of speech 'verbs'", str(path), raw.line, "verbs")
        words = "|".join(sorted((regex.escape(v) for v in options["verbs"]), key=len, reverse=True))
        return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{words})(?:nya)?(?![\p{{L}}\p{{N}}])", regex.I)
    if not options["agencies"]:
        raise PackError("mode 'credit' needs a list of 'agencies'", str(path), raw.line, "agencies")
    index: PhraseIndex[str] = PhraseIndex()
    credit_index: PhraseIndex[str] = PhraseIndex(ignorecase=True)  # a credit line may be in capitals: SUMBER: REUTERS
    for agency in options["agencies"]:
        index.add(agency, agency)
        credit_index.add(agency, agency)
    label = rf"{GAP}+".join(regex.escape(w) for w in options["label"].split())
    cues: PhraseIndex[str] = PhraseIndex(ignorecase=True)
    for cue in options["cues"]:
        cues.add(cue, cue)
    if options["ambiguous"] and not options["cues"]:
        raise PackError("'ambiguous' agencies need a list of 'cues'", str(path), raw.line, "cues")
    return (index, regex.compile(rf"^{GAP}*{label}{GAP}*:(?P<value>[^\r\n]*)", regex.I | regex.M | regex.W), cues,
            credit_index)


def screen(doc: Any, rule: Any, ctx: Any) -> bool:
    """`quote`: a quote needs an opening mark; `credit`: an agency's name among the words."""
    if rule.options["mode"] == "quote":
        text = doc.text
        return any(mark in text for mark in OPENING_MARKS)
    return ctx.may_hold(rule.compiled[0], rule.scope)


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    if rule.options["mode"] == "quote":
        yield from _quotes(doc, rule, ctx)
    else:
        yield from _credit(doc, rule, ctx)


def _credit(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    index, label, cues, credit_index = rule.compiled
    text = doc.text
    credited = set()
    for block in doc.anatomy.trailer():
        m = label.match(text, block.start, block.end, timeout=ctx.timeout)
        if m:
            credited.update(hit.value for hit in credit_index.find(text, words_in(text, m.start("value"), m.end("value"))))
    # Usual copy credits what it names (`Reuters` ... `Sumber: Reuters`): then the body is not read.
    if rule.scope in WHOLE_LINE_SCOPES and credited.issuperset(index.candidates(ctx.text_words)):
        return
    ambiguous = set(rule.options["ambiguous"])
    window = rule.options["cue_window"]
    reported = set()
    for start, end in doc.anatomy.spans(rule.scope):
        words = ctx.words(start, end)
        for hit in index.find(text, words):
            if hit.value in credited or hit.value in reported:
                continue
            if hit.value in ambiguous and not _cued(text, words, hit, cues, window):
                continue
            reported.add(hit.value)
            yield Finding(hit.start, hit.end, fields={"agency": hit.value, "label": rule.options["label"]})


def _cued(text: str, words: list[tuple[int, int, str]], hit: Any, cues: PhraseIndex[str], window: int) -> bool:
    """A cue word within `window` words before or after the agency's name."""
    first = bisect.bisect_left(words, (hit.start,))  # words are sorted by start: no scan per hit
    last = first
    while words[last][1] != hit.end:
        last += 1
    before, after = words[max(0, first - window):first], words[last + 1:last + 1 + window]
    return any(True for _ in cues.find(text, before)) or any(True for _ in cues.find(text, after))


def _quotes(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    text = doc.text
    anatomy = doc.anatomy
    verbs = rule.compiled
    blocks = anatomy.blocks
    body = [i for i, b in enumerate(blocks) if b.kind in ("lead", "paragraph")]
    quotes_by_block: dict[int, list[Any]] = {}
    for q in anatomy.quotes:
        for i in range(q.first_block, q.last_block + 1):
            quotes_by_block.setdefault(i, []).append(q)
    paragraphs = _Paragraphs(text, blocks, body, quotes_by_block, ctx)
    for q in anatomy.quotes:
        if not _is_direct(text, q, rule.options["min_words"]):
            continue
        if rule.options["speech_tag"] and _speech_tag(text, q, ctx.timeout):
            continue
        outside = _context(paragraphs, q)
        if not any(verbs.search(part, timeout=ctx.timeout) for part in outside):
            yield Finding(q.start, q.segments[0][1] if len(q.segments) > 1 else q.end)


_TAG = lazy(r"[ \t]*\p{Ll}+(?:nya\b|[ \t]+(?:\p{Lu}|(?:dia|ia|beliau)\b))")  # seloroh Jokowi, -nya, dia


def _speech_tag(text: str, q: Any, timeout: float | None) -> bool:
    """`"...," pinta Jokowi`: the quote closes on `,` `?` or `!` and a speech tag follows it."""
    return q.closed and q.end >= 2 and text[q.end - 2] in ",?!" and _TAG.match(text, q.end, timeout=timeout) is not None


def _is_direct(text: str, q: Any, min_words: int) -> bool:
    """A short quote is direct only if it ends in punctuation and does not sit inside a running
    sentence: `called the ruling "disappointing."` quotes a word (American commas and full stops
    go inside the marks), while `X said, "No."` is a direct quote."""
    inner = text[q.start + 1:q.end - 1 if q.closed else q.end].strip()
    if len(inner.split()) >= min_words or len(q.segments) > 1:
        return True
    if not inner.endswith(_QUOTE_END_PUNCT):
        return False
    before = text[max(0, q.start - 40):q.start].rstrip()
    return not before or not (before[-1].isalnum())


def _mask(text: str, start: int, end: int, quotes: list[Any]) -> str:
    """The block's text with quoted passages blanked, so sentence ends inside quotes are ignored."""
    pieces, at = [], start
    for s, e in sorted((max(s, start), min(e, end)) for q in quotes for s, e in q.segments):
        s = max(s, at)
        if s >= e:
            continue
        pieces.append(text[at:s])
        pieces.append(" " * (e - s))
        at = e
    pieces.append(text[at:end])
    return "".join(pieces)


def _sentences(masked: str, timeout: float | None) -> list[tuple[int, int]]:
    spans, begin = [], 0
    for m in _SENTENCE_END.finditer(masked, timeout=timeout):
        spans.append((begin, m.end()))
        begin = m.end()
    if begin < len(masked):
        spans.append((begin, len(masked)))
    return spans


class _Paragraphs:
    """Masked text and sentence spans of each body block, computed once per block.

    Why: a story can hold thousands of quotes in one huge paragraph (a 10 MB line); masking and
    splitting the paragraph again for every quote would cost quotes x paragraph length."""

    def __init__(self, text: str, blocks: list[Any], body: list[int], by_block: dict[int, list[Any]], ctx: Any):
        self.text, self.blocks, self.body, self.by_block, self.ctx = text, blocks, body, by_block, ctx
        self.position = {index: k for k, index in enumerate(body)}  # block index -> place among body blocks
        self._cache: dict[int, tuple[str, list[tuple[int, int]], list[int]]] = {}
        self.indent: dict[int, int] = {}  # block index -> white space before its first character

    def get(self, index: int) -> tuple[str, list[tuple[int, int]], list[int]]:
        """(masked text, sentence spans, sentence ends) of block `index`."""
        found = self._cache.get(index)
        if found is None:
            block = self.blocks[index]
            masked = _mask(self.text, block.start, block.end, self.by_block.get(index, []))
            sentences = _sentences(masked, self.ctx.timeout)
            found = self._cache[index] = (masked, sentences, [e for _, e in sentences])
            self.indent[index] = len(masked) - len(masked.lstrip())
        return found


def _context(paragraphs: _Paragraphs, q: Any) -> list[str]:
    """The words outside quotes in the quote's sentence, the sentence after it, and a lead-in
    sentence ending in a colon just before it (all outside quote marks)."""
    blocks, body = paragraphs.blocks, paragraphs.body
    first = blocks[q.first_block]
    masked, sentences, ends = paragraphs.get(q.first_block)
    q_start = q.start - first.start
    parts: list[str] = []
    if sentences:
        # the sentence holding the quote's start (the last one when the start lies past them all)
        k = min(bisect.bisect_right(ends, q_start), len(sentences) - 1)
        if sentences[k][0] <= q_start < sentences[k][1] or k == len(sentences) - 1:
            s, e = sentences[k]
            parts.append(masked[s:e])
            before = masked[sentences[k - 1][0]:sentences[k - 1][1]] if k > 0 else ""
            # a lead-in ending in a colon, or, for a quote that opens its sentence, the sentence
            # before it in the same paragraph: `"...," kata Presiden. "Kebijakan ini ..."`
            if before.rstrip().endswith(":") or (before and not masked[s:q_start].strip()):
                parts.append(before)
    # where the quote ends, the rest of its sentence and the next sentence
    last = blocks[q.last_block]
    masked_last, sentences_last, ends_last = paragraphs.get(q.last_block)
    q_end = q.end - last.start
    k = bisect.bisect_right(ends_last, q_end)
    tail = sentences_last[k:k + 2]
    parts.extend(masked_last[max(s, q_end):e] for s, e in tail)
    if len(tail) < 2:  # the next sentence is in the next paragraph
        position = paragraphs.position.get(q.last_block, -1)
        if 0 <= position + 1 < len(body):
            masked_next, following, _ = paragraphs.get(body[position + 1])
            if following:
                parts.append(masked_next[following[0][0]:following[0][1]])
    # a lead-in in the previous paragraph that ends in a colon: `Presiden mengatakan:`
    if q_start <= paragraphs.indent[q.first_block]:  # only white space before the quote
        position = paragraphs.position.get(q.first_block, -1)
        if position > 0:
            prev_text = paragraphs.get(body[position - 1])[0]
            if prev_text.rstrip().endswith(":"):
                parts.append(prev_text)
    return parts
