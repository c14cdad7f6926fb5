"""The literals `newslint.literals.needs` reads off a pattern are a sound screen.

A story that holds none of a pattern's literals is never searched, so a literal the pattern can
match without would silently lose findings. These tests check `fold` against the `regex` engine
at every code point, check the promise on random patterns from a small grammar (each generated
with a text it is meant to match), and pin what is read off the shipped patterns.
"""

from __future__ import annotations

import string

import pytest
import regex
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from newslint import literals
from newslint.literals import fold, needs


@pytest.fixture(autouse=True, scope="module")
def own_memo():
    """`needs` remembers what it read in a dict the pack cache stores: these patterns stay out of it."""
    kept = literals._READ
    literals._READ = {}
    yield
    literals._READ = kept


@pytest.fixture(scope="module")
def every_character():
    """Every Unicode code point but the surrogates, in one string."""
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def screened_out(found, text):
    """True when the screen skips the text: no literal in it (as written, or both folded)."""
    return found is not None and not any(literal in (fold(text) if folded else text) for literal, folded in found)


def test_fold_is_the_engine_s_case_insensitive_matching(every_character):
    """Each character a case-insensitive ASCII or caseless literal matches folds as the literal does."""
    wrong, matched = [], {}
    for c in sorted({chr(i) for i in range(128)} | set(string.printable) | literals._CASELESS):
        matched[c] = regex.compile(regex.escape(c), regex.V0 | regex.IGNORECASE).findall(every_character)
        wrong += [(c, m) for m in matched[c] if fold(m) != fold(c)]
    assert wrong == []
    assert {c: m for c, m in matched.items() if c in literals._CASELESS and m != [c]} == {}
    # The troublemakers are matched, so the comparison above covered them.
    assert {"K", "\u212a"} <= set(matched["k"]) and "ſ" in matched["s"]
    assert "İ" in matched["i"] and "ı" in matched["I"]


def test_fold_of_every_character_is_fold_character_by_character(every_character):
    assert fold(every_character) == "".join(fold(c) for c in every_character)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="İıKſßÉéΣσςﬁ\u0307" + string.ascii_letters + " .-", max_size=30))
@example("İİı")
@example("I\u0307i")
def test_fold_works_character_by_character(text):
    assert fold(text) == "".join(fold(c) for c in text)


# Pattern pieces, each with texts it is meant to match (in context it may not: a guess that makes
# most generated stories hold a match). Case variants and the characters that `regex` matches to
# ASCII letters case-insensitively are among the texts; so is U+1DF95, which `regex` (newer
# Unicode tables) matches to `ß` and Python's `casefold` does not fold to `ss`.
LEAVES = {
    "a": "aA", "b": "bB", "A": "Aa", "i": "iIİı", "I": "Iiİı", "k": "kK\u212a", "s": "sSſ", "é": "éÉ",
    "ß": "ßẞ\U0001df95", "©": "©", "-": "-", ":": ":", " ": " ", "%": "%", r"\.": ".", r"\-": "-", r"\ ": " ",
    r"\d": "1٣", r"\w": "a_É1", r"\s": " \n\u00a0", r"\b": "", r"\B": "", ".": "a.\n", "^": "", "$": "",
    r"\p{L}": "aÉı", r"\x41": "Aa", r"\u0069": "iIİ", r"\N{COPYRIGHT SIGN}": "©", "[ab]": "abB", "[^a]": "bA\n",
    r"[\d.]": "1.",
    # Flags and comments match nothing; a case flag inside the pattern and a repeat after either
    # are beyond the reader (it must then claim nothing).
    "(?i)": "", "(?-i)": "", "(?s)": "", "(?#c)": "",
}
OPENERS = ["(", "(?:", "(?P<@>", "(?>", "(?i:", "(?-i:", "(?=", "(?!", "(?<=", "(?<!"]
QUANTIFIERS = {"?": (0, 1), "*": (0, 3), "+": (1, 3), "{2}": (2, 2), "{1,3}": (1, 3), "{2,}": (2, 4), "{,2}": (0, 2),
               "{0}": (0, 0), "{1}": (1, 1), "*?": (0, 2), "+?": (1, 2), "++": (1, 3)}
LEAF = st.sampled_from(sorted(LEAVES)).flatmap(
    lambda s: st.tuples(st.just(s), st.sampled_from(list(LEAVES[s]) or [""])))
AROUND = st.text(alphabet="aAbBiIİıkK\u212asSſéÉ©-: %.\n1\u0307", max_size=6)


def _grouped(opener, inner, look_empty):
    """A group and its text: a lookaround consumes nothing (a positive one may stand before its text)."""
    pattern, text = inner
    if opener in ("(?!", "(?<!") or (opener in ("(?=", "(?<=") and look_empty):
        text = ""
    return f"{opener}{pattern})", text


def _repeated(atom, quantifier, times):
    low, high = QUANTIFIERS[quantifier]
    return atom[0] + quantifier, atom[1] * min(max(times, low), high)


def _extend(inner):
    group = st.builds(_grouped, st.sampled_from(OPENERS), inner, st.booleans())
    return st.one_of(
        st.lists(inner, min_size=2, max_size=4).map(lambda ps: ("".join(p for p, _ in ps), "".join(t for _, t in ps))),
        st.tuples(inner, inner, st.booleans()).map(lambda t: (f"{t[0][0]}|{t[1][0]}", t[t[2]][1])),
        group,
        st.builds(_repeated, st.one_of(LEAF, group), st.sampled_from(sorted(QUANTIFIERS)), st.integers(0, 4)),
    )


def _named(pattern):
    """Group names made unique: n0, n1, ..."""
    first, *rest = pattern.split("(?P<@>")
    return first + "".join(f"(?P<n{i}>{part}" for i, part in enumerate(rest))


PATTERNS = st.recursive(LEAF, _extend, max_leaves=10).map(lambda pt: (_named(pt[0]), pt[1]))
# A global `(?i)` at the top level, anywhere: the caller passes the compiled pattern's flags.
GLOBAL = st.tuples(PATTERNS, st.sampled_from(["", "", "(?i)"]), PATTERNS).map(
    lambda t: (t[0][0] + t[1] + t[2][0], t[0][1] + t[2][1]))
FLAGS = st.sampled_from([0, regex.IGNORECASE, regex.MULTILINE, regex.IGNORECASE | regex.MULTILINE])


def check_sound(pattern, flags, text):
    try:
        compiled = regex.compile(pattern, flags | regex.V0)
    except regex.error:
        assume(False)
    if compiled.search(text):
        assert not screened_out(needs(pattern, compiled.flags), text), needs(pattern, compiled.flags)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(PATTERNS, GLOBAL), AROUND, AROUND, FLAGS)
@example(("i", "İ"), "", "", regex.IGNORECASE)
@example(("I", "ı"), "", "", regex.IGNORECASE)
@example(("(?i:k)", "\u212a"), "", "", 0)
@example(("s", "ſ"), "", "", regex.IGNORECASE)
@example(("ſ", "s"), "", "", regex.IGNORECASE)
@example(("ß", "\U0001df95"), "", "", regex.IGNORECASE)
@example((r"(?<=pukul )\d", "1"), "pukul ", "", 0)
@example(("ab|c?", ""), "x", "", 0)
@example(("x(?:a(b)){0}y", "xy"), "", "", 0)
@example(("x(?:a(?:b)+){0}y|z", "xy"), "", "", 0)
@example(("ab(?i)cd", "abCD"), "", "", 0)
@example(("(?-i:a)(?i)b", "aB"), "", "", 0)
@example(("é(?i:x)", "éX"), "", "", 0)
def test_a_story_screened_out_holds_no_match(pattern_and_text, before, after, flags):
    """Wherever the pattern matches, one of its literals is in the text."""
    pattern, text = pattern_and_text
    check_sound(pattern, flags, before + text + after)


@pytest.mark.parametrize("pattern, flags, text", [
    ("((?i)a)", 0, "A"),           # `(?i)` in a group: not in the compiled flags, on to the group's end
    ("a(?-i)", regex.IGNORECASE, "A"),  # `(?-i)`: gone from the compiled flags, off only from there
    ("(?i)a(?-i)b", 0, "Ab"),
    ("ab(?s)*", 0, "a"),           # the `*` repeats the `b`
    ("ab(?#c)?", 0, "a"),          # the `?` makes the `b` optional
])
def test_case_flags_inside_a_pattern_and_repeats_after_flags_or_comments_are_not_read(pattern, flags, text):
    """`regex` applies these in ways the reader does not follow, so it reads nothing off them
    (it once read `a` as needed in `a(?-i)` and `ab` in `ab(?#c)?`: the matches shown were lost)."""
    compiled = regex.compile(pattern, flags | regex.V0)
    assert compiled.search(text)
    assert needs(pattern, compiled.flags) is None


def test_a_case_flag_first_in_the_pattern_is_read() -> None:
    compiled = regex.compile("(?i)ab(?s)cd", regex.V0)
    assert needs(compiled.pattern, compiled.flags) == {("abcd", True)}


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"(?<=\bpukul[ \t]{1,3})(\d{1,2}):(\d{2})\b", regex.I, {("pukul", True)}),
    (r"(?<!\b\d{1,2}[ \t])\bJanuary(?=[ \t]+(?:19|20)\d\d\b)", 0, {("January", False)}),
    (r"\bRp[ \t]*\.[ \t]*(?=\d)|\bRp[ \t]+(?=\d)", 0, {("Rp", False)}),
    (r"(?<=\d)[ \t]?%", 0, {("%", False)}),
    (r"\-\-\-", 0, {("---", False)}),
    (r"[ \t]*(?i:copyright|©)", 0, {("copyright", True), ("©", True)}),
    (r"\b(?:Jan|Feb)\.(?![ \t]*\d)", 0, {("Jan.", False), ("Feb.", False)}),
])
def test_what_is_read_off_the_shipped_patterns(pattern, flags, expected):
    assert needs(pattern, regex.compile(pattern, flags | regex.V0).flags) == expected


@pytest.mark.parametrize("pattern, flags", [
    ("a b c", regex.VERBOSE),
    ("(?x)a b c", 0),
    ("(?x:a b) c", 0),
    ("(?V1)abc", 0),
    ("abc", regex.VERSION1),
    ("(?:abc){e<=1}", 0),
    (r"(a)\1", 0),
    (r"a\012", 0),
    ("(a)?(?(1)a|b)", 0),
    ("a(?R)?b", 0),
    ("a[[:alpha:]]", 0),
    ("abc", regex.BESTMATCH),
    ("abc", regex.IGNORECASE | regex.FULLCASE),
    ("a?", 0),
    (".*", 0),
    (r"\d+", 0),
    ("a|b?", 0),
    ("(?:ab)?c?", 0),
    ("(?!abc)", 0),
])
def test_unreadable_patterns_and_patterns_that_need_nothing_give_none(pattern, flags):
    assert needs(pattern, flags) is None
    assert needs(pattern, regex.compile(pattern, flags).flags) is None


def test_a_case_insensitive_letter_beyond_ascii_is_no_literal():
    compiled = regex.compile("x(?i:é)y", regex.V0)
    found = needs(compiled.pattern, compiled.flags)
    assert found and not any("é" in literal for literal, _ in found)
    for text in ["xéy", "xÉy", "--xÉy--"]:
        assert compiled.search(text) and not screened_out(found, text)


def test_a_case_sensitive_literal_is_compared_as_written():
    compiled = regex.compile("Editor", regex.V0)
    found = needs(compiled.pattern, compiled.flags)
    assert found == {("Editor", False)}
    assert screened_out(found, "editor:") and not compiled.search("editor:")
    assert not screened_out(found, "Editor:")


def test_a_case_flag_in_the_middle_gives_no_screen():
    """`ab(?i)cd`: `regex` puts IGNORECASE in the compiled flags but applies it from `c` on; the
    reader does not follow where a flag starts, so it claims nothing."""
    compiled = regex.compile("ab(?i)cd", regex.V0)
    assert compiled.flags & regex.IGNORECASE
    assert needs(compiled.pattern, compiled.flags) is None
    assert compiled.search("abCD")


def test_case_insensitive_ascii_literals_are_folded():
    compiled = regex.compile(r"(?i:sk)i", regex.V0)
    found = needs(compiled.pattern, compiled.flags)
    assert found == {("ski", True)}
    assert compiled.search("ſ\u212ai") and not screened_out(found, "ſ\u212ai")
    assert compiled.search("SKi") and screened_out(found, "SK")


def test_the_needs_of_several_patterns_are_their_union():
    """A rule of many patterns (AN203's eighteen swaps) is screened once, with the literals of all."""
    months = tuple(regex.compile(rf"(?<=\b\d{{1,2}}[ \t]){m}\b", regex.V0) for m in ("March", "May"))
    percent = regex.compile(r"(?<=\d)[ \t]?%", regex.V0)
    assert literals.needs_any(months) == {("March", False), ("May", False)}
    assert literals.needs_any((*months, percent)) == {("March", False), ("May", False), ("%", False)}
    assert literals.needs_any((*months, regex.compile(r"\d+", regex.V0))) is None  # one needs nothing known
    assert literals.needs_any(()) == frozenset()  # no pattern, no match: nothing can be there


@pytest.mark.parametrize("text, expected", [
    ("Harga minyak turun sejak Maret 2020.", False),
    ("Perjanjian itu ditandatangani pada 21 May 2020.", True),
    ("Inflasi naik 10% pada Maret.", True),
])
def test_a_story_is_screened_by_any_pattern_of_the_rule(text, expected):
    from newslint.context import Context
    from newslint.document import Document

    patterns = (regex.compile(r"(?<=\b\d{1,2}[ \t])March\b", regex.V0),
                regex.compile(r"(?<=\b\d{1,2}[ \t])May\b", regex.V0),
                regex.compile(r"(?<=\d)[ \t]?%", regex.V0))
    assert Context(Document.from_text(text)).may_match_any(patterns) is expected
    assert expected is any(p.search(text) for p in patterns)
