"""`attribution`: direct quotes name their speaker; agency material is credited.

`mode: quote` — every direct quote is attributed in the same sentence or the next one by a speech
verb from `verbs` (each may also take `-nya`: `katanya`, `ujarnya`), or by a sentence before it
that ends in a colon and holds such a verb. A quote that runs over several paragraphs needs its
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

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from newslint.errors import PackError
from newslint.lexicon import PhraseIndex
from newslint.packs.schema import Key
from newslint.violation import Finding

KIND = "attribution"
SUMMARY = "direct quotes are attributed; agency material carries a credit line"
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

_SENTENCE_END = regex.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]*[\p{Lu}\p{N}]|\s*$)")
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
    for agency in options["agencies"]:
        index.add(agency, agency)
    label = r"[ \t]+".join(regex.escape(w) for w in options["label"].split())
    cues: PhraseIndex[str] = PhraseIndex(ignorecase=True)
    for cue in options["cues"]:
        cues.add(cue, cue)
    if options["ambiguous"] and not options["cues"]:
        raise PackError("'ambiguous' agencies need a list of 'cues'", str(path), raw.line, "cues")
    return index, regex.compile(rf"^[ \t]*{label}[ \t]*:(?P<value>[^\r\n]*)", regex.I | regex.M | regex.W), cues


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    if rule.options["mode"] == "quote":
        yield from _quotes(doc, rule, ctx)
    else:
        yield from _credit(doc, rule, ctx)


def _credit(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    index, label, cues = rule.compiled
    ambiguous = set(rule.options["ambiguous"])
    window = rule.options["cue_window"]
    text = doc.text
    credited = set()
    for block in doc.anatomy.trailer():
        m = label.match(text, block.start, block.end)
        if m:
            credited.update(hit.value for hit in index.find(text, ctx.words(m.start("value"), m.end("value"))))
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
    first = next(i for i, w in enumerate(words) if w[0] == hit.start)
    last = next(i for i, w in enumerate(words) if w[1] == hit.end)
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
    for q in anatomy.quotes:
        if not _is_direct(text, q, rule.options["min_words"]):
            continue
        if rule.options["speech_tag"] and _speech_tag(text, q):
            continue
        outside = _context(text, blocks, body, q, quotes_by_block)
        if not any(verbs.search(part, timeout=ctx.timeout) for part in outside):
            yield Finding(q.start, q.segments[0][1] if len(q.segments) > 1 else q.end)


_TAG = regex.compile(r"[ \t]*\p{Ll}+(?:nya\b|[ \t]+\p{Lu})")


def _speech_tag(text: str, q: Any) -> bool:
    """`"...," pinta Jokowi`: the quote closes on `,` `?` or `!` and a speech tag follows it."""
    return q.closed and q.end >= 2 and text[q.end - 2] in ",?!" and _TAG.match(text, q.end) is not None


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
    chars = list(text[start:end])
    for q in quotes:
        for s, e in q.segments:
            for i in range(max(s, start), min(e, end)):
                chars[i - start] = " "
    return "".join(chars)


def _sentences(masked: str) -> list[tuple[int, int]]:
    spans, begin = [], 0
    for m in _SENTENCE_END.finditer(masked):
        spans.append((begin, m.end()))
        begin = m.end()
    if begin < len(masked):
        spans.append((begin, len(masked)))
    return spans


def _context(text: str, blocks: list[Any], body: list[int], q: Any, by_block: dict[int, list[Any]]) -> list[str]:
    """The words outside quotes in the quote's sentence, the sentence after it, and a lead-in
    sentence ending in a colon just before it (all outside quote marks)."""
    first = blocks[q.first_block]
    masked = _mask(text, first.start, first.end, by_block.get(q.first_block, []))
    sentences = _sentences(masked)
    q_start = q.start - first.start
    parts: list[str] = []
    for k, (s, e) in enumerate(sentences):
        if s <= q_start < e or (k == len(sentences) - 1 and q_start >= s):
            parts.append(masked[s:e])
            if k > 0 and masked[sentences[k - 1][0]:sentences[k - 1][1]].rstrip().endswith(":"):
                parts.append(masked[sentences[k - 1][0]:sentences[k - 1][1]])
            break
    # where the quote ends, the rest of its sentence and the next sentence
    last = blocks[q.last_block]
    masked_last = masked if q.last_block == q.first_block else _mask(text, last.start, last.end, by_block.get(q.last_block, []))
    q_end = q.end - last.start
    tail = [(s, e) for s, e in _sentences(masked_last) if e > q_end]
    parts.extend(masked_last[max(s, q_end):e] for s, e in tail[:2])
    if len(tail) < 2:  # the next sentence is in the next paragraph
        position = body.index(q.last_block) if q.last_block in body else -1
        if 0 <= position + 1 < len(body):
            nxt = blocks[body[position + 1]]
            masked_next = _mask(text, nxt.start, nxt.end, by_block.get(body[position + 1], []))
            following = _sentences(masked_next)
            if following:
                parts.append(masked_next[following[0][0]:following[0][1]])
    # a lead-in in the previous paragraph that ends in a colon: `Presiden mengatakan:`
    if masked[:q_start].strip() == "":
        position = body.index(q.first_block) if q.first_block in body else -1
        if position > 0:
            prev = blocks[body[position - 1]]
            prev_text = _mask(text, prev.start, prev.end, by_block.get(body[position - 1], []))
            if prev_text.rstrip().endswith(":"):
                parts.append(prev_text)
    return parts
