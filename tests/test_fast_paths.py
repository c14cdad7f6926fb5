"""The per-story shortcuts give exactly what the straightforward code gives.

Each shortcut (words found by one split, capitalised runs found from the document's word lists,
...) is compared with the plain implementation it replaces, on generated text that mixes
capitals, words in capitals, apostrophes, combining marks, digits, quote marks and line ends.
"""

from __future__ import annotations

import pickle
import re

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newslint import nearmiss
from newslint.context import Context
from newslint.document import Document
from newslint.lexicon import DocumentWords, words_in
from newslint.nearmiss import capitalised_runs

PIECES = ["Conte", "Giuseppe", "BMKG", "A", "a", "di", "Ü", "é", "\u0301", "1", "2020", "'", "’", "-", ".", ",",
          ":", "?", '"', "“", "(", " ", " ", "  ", "\t", "\n", "\r\n", "\r", "Kamua's", "O’Brien", "ǅ", "Ⓐ", "ß"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_document_words_are_the_token_matches(text):
    words = DocumentWords(text)
    assert list(zip(words.starts, words.ends, words.texts)) == words_in(text, 0, len(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["€", "ŉ", "ɐ", "\u2070", "²", "½", "ª", "µ", "º", "×", "÷", "‘", "…"]), max_size=40).map("".join))
def test_latin_copy_splits_into_the_same_words(text):
    words = DocumentWords(text)
    assert list(zip(words.starts, words.ends, words.texts)) == words_in(text, 0, len(text))


def test_the_latin_classes_are_the_unicode_ones_character_by_character():
    from newslint import lexicon

    latin = [chr(c) for c in [*range(0x100), *range(0x2000, 0x2070)]]
    assert all(lexicon._latin_split()[0].match(c) is None for c in latin)
    assert lexicon._latin_split()[0].match("\u0100") and lexicon._latin_split()[0].match("\u2070")
    word, letter = regex.compile(r"[\p{L}\p{M}\p{N}]"), regex.compile(r"[\p{L}\p{M}]")
    latin_word = re.compile(f"[0-9²³¹¼½¾{lexicon._LATIN_LETTER}]")
    latin_letter = re.compile(f"[{lexicon._LATIN_LETTER}]")
    assert [c for c in latin if bool(word.match(c)) != bool(latin_word.match(c))] == []
    assert [c for c in latin if bool(letter.match(c)) != bool(latin_letter.match(c))] == []


def plain_capitalised_runs(text: str, words: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str, bool]]]:
    """The straightforward definition, word by word: the oracle for `nearmiss.capitalised_runs`,
    which visits only the capitalised words."""
    runs: list[list[tuple[int, int, str, bool]]] = []
    current: list[tuple[int, int, str, bool]] = []
    previous_end = -1
    for start, end, word in words:
        if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
            if current:
                runs.append(current)
            current, previous_end = [], end
            continue
        gap = text[previous_end:start] if previous_end >= 0 else ""
        if current and gap.strip(" \t") == "":
            current.append((start, end, word, False))
        else:
            if current:
                runs.append(current)
            current = [(start, end, word, nearmiss._opens_sentence(text, start))]
        previous_end = end
    if current:
        runs.append(current)
    return runs


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.integers(0, 200), st.integers(0, 200))
def test_shared_capitalised_runs_equal_the_plain_ones(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    ctx = Context(Document.from_text(text), None, None)
    every = words_in(ctx.doc.text, 0, len(ctx.doc.text))
    assert ctx.runs_between(start, end) == plain_capitalised_runs(ctx.doc.text, words_in(ctx.doc.text, start, end))
    assert ctx.runs_between(0, len(ctx.doc.text)) == plain_capitalised_runs(ctx.doc.text, every)
    assert capitalised_runs(ctx.doc.text, every) == plain_capitalised_runs(ctx.doc.text, every)


def test_capitalised_runs_of_a_news_sentence():
    text = 'Menurut Artdijo, kata BMKG Andi. "Kita tahu," ujar Hakim  Agung\tArtidjo Alkostar.\nPutin'
    ctx = Context(Document.from_text(text), None, None)
    runs = [[(w[2], w[3]) for w in run] for run in ctx.runs_between(0, len(text))]
    assert runs == [[("Menurut", True), ("Artdijo", False)], [("Andi", False)], [("Kita", True)],
                    [("Hakim", False), ("Agung", False), ("Artidjo", False), ("Alkostar", False)], [("Putin", True)]]



# --- one search over a rule's spans (newslint.spansearch) ---------------------------------------
from newslint.packs import load_packs
from newslint.spansearch import end_insensitive, lined, spans_to_search


def _pack_patterns() -> list[regex.Pattern]:
    found = []
    for ref in ("antara", "wire-en"):
        for rule in load_packs([ref]).rules:
            c = rule.compiled
            if isinstance(c, regex.Pattern):
                found.append(c)
            elif isinstance(c, dict):
                found += [v for v in c.values() if isinstance(v, regex.Pattern)]
            elif hasattr(c, "patterns"):  # substitution's Swaps, sequence's Steps
                found += list(c.patterns)
            elif isinstance(c, list):
                found += [p for item in c for p in (item if isinstance(item, tuple) else (item,)) if isinstance(p, regex.Pattern)]
    assert len(found) > 30  # AN203's eighteen swaps among them
    return found


EDGE_SOURCES = [r"x$", r"x(?!\n)", r"x\Z", r"\w+\b", r"\b\w", r"\B.", r"(?<!\w\b)x", r"(?<=\b)\p{L}+", r"x\b", r"[.:'’]\b", r"\d+(?=\D)",
                r"(?<=\s)\S+", r"(?:ab|a)(?=b)", r"(?i:pukul)[ \t]+\d", r"^\p{Lu}.{0,3}", r"[^\n]{2}", r"\S*", r"(?<!\B)y"]
PATTERNS = _pack_patterns() + [regex.compile(s, regex.V0 | regex.M | w) for s in EDGE_SOURCES for w in (0, regex.WORD)]
LINE_PIECES = ["x", "y", "ab", "b", "Rp", " 5", "21 March", "March 2020", "pukul 18:00", "10%", "---", "Pewarta:",
               "Editor", "(ANTARA) - ", "Jan.", "'", "’", ".", ":", "_", "\u0301", "\u200d", "\u00ad", "カ", "😀",
               "🇮", "\x0b", "\x85", "\u2028", " ", "\t", "é", "1", '"', "“", ","]
LINES = st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=8).map("".join), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(["\n", "\r\n", "\r"]), st.integers(0, 5))
def test_skipped_spans_hold_no_match(lines, newline, skip):
    """The matches found in the spans `spans_to_search` keeps are all the matches of every span,
    for every pattern of the shipped packs and patterns with word boundaries and lookarounds."""
    text = newline.join(lines)
    spans, at = [], 0
    for line in lines:
        spans.append((at, at + len(line)))
        at += len(line) + len(newline)
    spans = spans[skip % len(spans):]  # the rule's spans need not start at the text's start
    ctx = Context(Document.from_text(text), None, None)
    assert lined(text, spans)
    for pattern in PATTERNS:
        every = [m.span() for s, e in spans for m in pattern.finditer(text, s, e)]
        kept = list(spans_to_search(pattern, text, spans, ctx, True))
        assert [m.span() for s, e in kept for m in pattern.finditer(text, s, e)] == every, pattern.pattern


def test_patterns_that_can_stop_matching_when_text_follows_are_searched_span_by_span():
    for source in [r"a$", r"a\Z", r"a\z", r"a(?!b)", r"(?>ab|a)b", r"a*+", r"a++", r"a?+", r"a{1,2}+", r"(?<!a(?=b))c",
                   r"(?x)a $", r"a{e<=1}", r"[[]", r"\Ga", r"(*FAIL)|a", r"(a)?(?(1)b|c)", r"a(?#)", r"\X", r"\ma", r"(?V1)a",
                   r"(?r)a", r"(?1)(a)", r"(?R)?"]:
        assert not end_insensitive(source, regex.compile(source).flags if "(?" not in source else 0), source
    for source in [r"\bRp[ \t]*\.", r"(?<=\b\d{1,2}[ \t])March\b", r"(?<!\b\d[ \t])\bMay(?=[ \t]+\d)", r"[$]", r"\$",
                   r"(?P<n>a)(?P=n)", r"(?i:a)", r"(?-i:a)", r"\p{L}{2,}"]:
        assert end_insensitive(source, 0), source


def test_a_span_that_does_not_end_at_a_line_break_turns_the_shortcut_off():
    text = "abc def\nghi"
    assert lined(text, [(0, 3), (8, 11)]) is False     # `abc| def`: a word boundary may differ there
    assert lined(text, [(0, 7), (8, 11)]) is True
    assert lined(text, [(8, 11), (0, 7)]) is False     # out of order
    ctx = Context(Document.from_text(text), None, None)
    pattern = regex.compile(r"c\b")
    assert list(spans_to_search(pattern, text, [(0, 3), (8, 11)], ctx, False)) == [(0, 3), (8, 11)]


# --- a phrase index ruled out for a scope by the story's words (Context.may_hold) --------------
from newslint.anatomy import SCOPES, WHOLE_LINE_SCOPES
from newslint.lexicon import PhraseIndex

STORY_PIECES = ["Jakarta (ANTARA) - ", "Presiden Joko Widodo", "kata Reuters", "AFP", "Guiseppe Conte", "rp", "Rp",
                "Sabtu (21/3)", "Pewarta: Putu", "Editor: Agus", "Copyright © ANTARA 2020", "Baca juga: Conte",
                "Sumber: Reuters", '"Kami siap," katanya.', "# Judul", "  ", ".", "Xconte", "conte", "ü"]
STORIES = st.lists(st.lists(st.sampled_from(STORY_PIECES), max_size=5).map(" ".join), min_size=1, max_size=8)
PHRASES = st.lists(st.sampled_from(["Conte", "Guiseppe Conte", "Reuters", "AFP", "rp", "Joko", "Putu", "ANTARA",
                                    "Baca", "juga", "Kami siap"]), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(STORIES, st.sampled_from(["\n", "\r\n", "\n\n"]), PHRASES, st.booleans(), st.booleans())
def test_a_phrase_index_ruled_out_for_a_scope_has_no_hit_in_it(lines, newline, phrases, ignorecase, markdown):
    doc = Document.from_text(newline.join(lines), "story.md" if markdown else "story.txt")
    ctx = Context(doc, None, None)
    index: PhraseIndex[str] = PhraseIndex(ignorecase)
    for phrase in phrases:
        index.add(phrase, phrase)
    for scope in SCOPES:
        spans = doc.anatomy.spans(scope)
        if scope in WHOLE_LINE_SCOPES:  # such spans cut no word in two
            assert all(ctx.all_words.bounds(start, end) is not None for start, end in spans), scope
        hits = [hit for start, end in spans for hit in index.find(doc.text, ctx.words(start, end))]
        if not ctx.may_hold(index, scope):
            assert hits == [], scope


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "é", " ", "\n", "\r\n", "\r", "\n\n", "\u2028", "\x85", "\x0b"]), max_size=30).map("".join))
def test_line_starts_are_those_of_the_line_break_pattern(text):
    from newslint import document

    assert document._line_break_ends(text) == [m.end() for m in document._LINE_BREAK.finditer(text)]


# --- per-word memories ---------------------------------------------------------------------------
SLIP_WORDS = st.text(alphabet="GiusepCnt", min_size=0, max_size=9)


@settings(max_examples=300, deadline=None)
@given(st.lists(SLIP_WORDS, max_size=30))
def test_remembered_delete_keys_are_the_computed_ones(words):
    for word in words + words:  # the second time from memory
        plain = tuple(dict.fromkeys([word] + [word[:i] + word[i + 1:] for i in range(len(word))]))
        assert nearmiss.delete_keys(word) == plain


def test_the_delete_key_memory_starts_again_when_full(monkeypatch):
    monkeypatch.setattr(nearmiss, "_KEYS", {})
    monkeypatch.setattr(nearmiss, "_KEYS_LIMIT", 2)
    for word in ["Conte", "Conti", "Conto"]:
        nearmiss.delete_keys(word)
    assert list(nearmiss._KEYS) == ["Conto"]  # full at two words: cleared before the third
    assert nearmiss.delete_keys("Conte") == ("Conte", "onte", "Cnte", "Cote", "Cone", "Cont")


def _near_miss_index(**options):
    from pathlib import Path

    from newslint.checks import names
    from newslint.packs.yamlsafe import YMap

    entries = [{"canonical": "Giuseppe Conte", "kind": "person"}, {"canonical": "Retno Marsudi", "kind": "person"}]
    settings_ = {"names": entries, "dictionary": None, "ignorecase": False, "near_miss": True,
                 "near_miss_kinds": ["person"], "near_miss_min_length": 5, "known_words": ["Mohamad"], **options}
    return names.compile(settings_, Path("pack.yaml"), YMap(1)).near


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="GiusepConteRtnoMarsudyh", max_size=9), max_size=20))
def test_remembered_slips_are_the_computed_ones(words):
    near = _near_miss_index()
    for word in words + words:  # the second time from memory
        plain = () if len(word) < near.min_length or word in near.known else tuple(sorted(near.tokens.near(word)))
        assert near.slips(word) == plain


def test_slips_of_real_typing_slips_and_of_words_that_are_never_one(monkeypatch):
    from newslint.checks import names

    near = _near_miss_index()
    assert near.slips("Guiseppe") == ("Giuseppe",)
    assert near.slips("Marsudy") == ("Marsudi",)
    assert near.slips("Conti") == ("Conte",)
    assert near.slips("Conte") == ()  # a dictionary word is never a misspelling
    assert near.slips("Mohamad") == ()  # known_words
    assert near.slips("Cont") == ()  # shorter than near_miss_min_length
    restored = pickle.loads(pickle.dumps(near))
    assert restored._seen == {} and restored.slips("Guiseppe") == ("Giuseppe",)  # the memory is not pickled
    monkeypatch.setattr(names, "_SEEN_LIMIT", 2)
    near.slips("Marsudo")
    assert list(near._seen) == ["Marsudo"]  # full: cleared before the new word


# --- trailer lines ---------------------------------------------------------------------------------
def test_no_trailer_line_begins_with_a_character_the_shortcut_rules_out():
    """`regex`'s partial match says whether any text starting with the character could match."""
    from newslint.anatomy import _NO_TRAILER_START, _TRAILER

    assert [c for c in sorted(_NO_TRAILER_START) if _TRAILER.match(c, partial=True) is not None] == []
    assert _TRAILER.match("E", partial=True) is not None  # the test can fail: `Editor:` begins so


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Pewarta: Andi", "Editor : Budi", "COPYRIGHT © ANTARA 2020", "Baca juga: X",
                                 "Dia berkata.", "\"Kami siap,\" kata dia.", "Sumber: Reuters", "", " ", "1 April",
                                 "Teriring cinta dari Rusia", "- daftar", "(c) 2020"]), max_size=12),
       st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
def test_blocks_are_those_of_matching_every_line(lines, newline):
    from newslint import anatomy

    doc = Document.from_text(newline.join(lines))
    shortcut = anatomy._blocks(doc)
    ruled_out, anatomy._NO_TRAILER_START = anatomy._NO_TRAILER_START, frozenset()
    try:
        assert anatomy._blocks(doc) == shortcut
    finally:
        anatomy._NO_TRAILER_START = ruled_out


# --- dates ---------------------------------------------------------------------------------------
DATE_PIECES = ["Sabtu", "Minggu", "Jum'at", "Jum’at", "Maret", "Mei", "Meier", "Saturday", "March", "Sept.", "May",
               "21", "3", "2020", "20", "(", ")", "/", "-", ".", ",", " ", "\t", "\n", "st", "a", "é", "\u0301"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=16).map("".join), st.sampled_from(["id", "en"]))
@example("pada Sabtu (21/3).", "id")
@example("Minggu, 23 Februari 2020", "id")
@example("Maret21", "id")  # a month glued to its day is still a date
@example("on Saturday, March 21, 2020", "en")
@example("Sept. 9", "en")
def test_a_paragraph_the_calendar_names_rule_out_holds_no_date(text, calendar):
    from newslint.checks import date

    _, pattern, names = date.compile({"calendar": calendar, "notation": True}, None, None)
    if pattern.search(text) is not None:
        assert names.search(text) is not None


def test_the_calendar_names_rule_out_paragraphs_without_a_date():
    from newslint.checks import date

    _, pattern, names = date.compile({"calendar": "id", "notation": True}, None, None)
    assert names.search("Rusia sendiri telah melaporkan 367 kasus pada 2014.") is None
    assert names.search("Putin berbicara dengan Conte pada Sabtu (21/3).") is not None
    assert names.search("pada sabtu (21/3)") is None and pattern.search("pada sabtu (21/3)") is None  # case counts


# --- finding every match ---------------------------------------------------------------------------
FINDITER_PATTERNS = [r"a+", r"(?<=b)a", r"\ba\w*", r"^a", r"a$", r"\Ga", r"a|(?=b)", r"x*", r"(?<!a)b+",
                     r"\d{1,2}/\d{1,2}", r"(?:ab)+?", r"a(?!b)", r"\Bb"]


class _NoLimit:
    timeout = None


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(FINDITER_PATTERNS), st.sampled_from([0, regex.M | regex.W, regex.I]),
       st.text(alphabet="aAb x1/\n", max_size=20), st.integers(0, 20), st.integers(0, 20))
def test_finditer_finds_what_the_iterator_finds(source, flags, text, a, b):
    from newslint.checks._common import finditer

    pattern = regex.compile(source, flags)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    expected = [(m.span(), m.group()) for m in pattern.finditer(text, start, end)]
    assert [(m.span(), m.group()) for m in finditer(pattern, text, start, end, _NoLimit())] == expected
