"""Screens never hide a finding.

A screen (`newslint.checks`) lets the engine skip a rule on a story where a cheap test of the
whole text proves the rule cannot find anything. A wrong screen would lose real findings without
a sound, so every screen is held to its promise: on real and generated copy, a rule whose screen
says "no" finds nothing when its check runs anyway; and linting with every screen switched off
gives exactly the same report.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from conftest import ROOT, found, lint_text, pack
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newslint import checks, nearmiss
from newslint.checks import KINDS, SCREENS, names
from newslint.context import Context
from newslint.document import Document
from newslint.engine import lint_document
from newslint.lexicon import PhraseIndex
from newslint.nearmiss import SlipNeighbours, base_form, one_slip

PACKS = (("antara",), ("wire-en",))
REAL_COPY = sorted([*ROOT.glob("examples/*"), *ROOT.glob("bench/eval/*/*.txt"), *ROOT.glob("bench/eval/*/*.md")])


def unscreened(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch every screen off: each rule's check runs on every story and searches every pattern."""
    monkeypatch.setattr(checks, "SCREENS", dict.fromkeys(SCREENS))
    monkeypatch.setattr(Context, "may_match", lambda self, pattern: True)


def assert_screens_hold(doc: Document, refs: tuple[str, ...]) -> None:
    """Every rule whose screen rules the story out finds nothing in it."""
    ctx = Context(doc)
    for rule in pack(*refs).rules:
        screen = SCREENS[rule.kind]
        if screen is not None and not screen(doc, rule, ctx):
            findings = list(KINDS[rule.kind].check(doc, rule, ctx))
            assert findings == [], f"{rule.id}'s screen ruled out a story where it finds {findings}"


def test_real_copy_is_found_here() -> None:
    assert len(REAL_COPY) > 50


@pytest.mark.parametrize("refs", PACKS, ids=lambda refs: refs[0])
def test_the_same_report_with_and_without_screens(refs: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    def report() -> list[tuple]:
        return [(v.path, v.line, v.column, v.rule_id, v.message)
                for path in REAL_COPY
                for v in lint_document(Document.from_bytes(path.read_bytes(), str(path)), pack(*refs).rules)]

    screened = report()
    unscreened(monkeypatch)
    assert report() == screened
    assert len(screened) > 40  # the copy holds findings of many rules, so the comparison means something


@pytest.mark.parametrize("path", REAL_COPY, ids=lambda p: p.name)
def test_screens_hold_on_real_copy(path: Path) -> None:
    doc = Document.from_bytes(path.read_bytes(), str(path))
    for refs in PACKS:
        assert_screens_hold(doc, refs)


# Lines of real copy with the slips, credits, quotes, dates and typography the rules look for.
LINES = [
    line for path in REAL_COPY for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
][:400] + [
    "Putin berbicara dengan Perdana Menteri Italia Guiseppe Conte.",
    "Mantan perdana menteri Italia Giusseppe Conte memimpin aksi.",
    "Gubernur Ridwan Kamis meresmikan jembatan.", "Rapat digelar Kamis (20/6).",
    "Majelis diketuai Artidjo Alkostar.", "Artidjo dikenal tegas.", "Menurut Artdijo, hukuman tetap.",
    "Bupati Rudy Gunawan hadir, kata Rudy.", "Warga berterima kasih kepada Bupati Rudi.", "Rudi's car.",
    "Menurut laporan Reuters, pesawat itu lepas landas.", "Sumber: Reuters", "Sumber: AFP",
    "Kantor berita AP melaporkan hal itu.", "PT Angkasa Pura II (AP II) menambah penerbangan.",
    '"Kami akan menutup semua kegiatan bisnis hingga 3 April."', '"Terima kasih," kata Conte.',
    "Rapat dimulai pukul 18:00 WIB.", "Rapat dilanjutkan pukul 13.30.", "Harga naik menjadi Rp 14.900.",
    "Inflasi naik menjadi 10% pada Maret.", "Rusia mencaplok Krimea pada 2014---meskipun begitu.",
    "Perjanjian itu ditandatangani pada 21 March 2020.", "Putin berbicara pada Sabtu (22/3).",
    "Pewarta: Yashinta Difa Pramudyani", "Editor: Atman Ahdiat", "Copyright © ANTARA 2020",
    "Pewarta: Putu Indah SavitriEditor: Agus Salim", "COPYRIGHT © ANTARA 2019", "Penerjemah: Rahmad Nasution",
    "Moskow (ANTARA) - Pesawat militer raksasa lepas landas.", "WASHINGTON (Reuters) - The Fed held rates.",
    "“Kami siap,” ujar İsmail.", "Reporting by Kevin Lim; Editing by Sandra Maler",
]
STORIES = st.tuples(st.lists(st.sampled_from(LINES), min_size=1, max_size=14),
                    st.sampled_from(["\n", "\r\n", "\n\n"])).map(lambda t: t[1].join(t[0]) + t[1])


@settings(max_examples=300, deadline=None)
@given(STORIES)
@example("Putin berbicara dengan Perdana Menteri Italia Guiseppe Conte.\n")
@example("Gubernur Ridwan Kamis meresmikan jembatan.\nRapat digelar Kamis (20/6).\n")
def test_screens_hold_on_generated_copy(text: str) -> None:
    """The rules keep their per-process memories between examples, as they do between stories."""
    doc = Document.from_text(text, "story.txt")
    for refs in PACKS:
        assert_screens_hold(doc, refs)


def test_a_screen_that_lies_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The property above can fail: a names screen that always says no is caught at once."""
    monkeypatch.setitem(SCREENS, "names", lambda doc, rule, ctx: False)
    with pytest.raises(AssertionError, match="AN401"):
        assert_screens_hold(Document.from_text("Menteri Italia Guiseppe Conte hadir.\n", "s.txt"), ("antara",))


# --- what each screen looks at ------------------------------------------------------------------

def screened_out(text: str, rule_id: str, refs: tuple[str, ...] = ("antara",)) -> bool:
    doc = Document.from_text(text, "story.txt")
    rule = next(r for r in pack(*refs).rules if r.id == rule_id)
    return not SCREENS[rule.kind](doc, rule, Context(doc))


def test_names_are_woken_by_a_whole_wrong_form_only() -> None:
    # `Kementerian` begins wrong forms in the dictionary; the rest of them is not here.
    assert screened_out("Kementerian Pertahanan Rusia merilis rekaman.\n", "AN401")
    assert not screened_out("Menteri Italia Guiseppe Conte hadir.\n", "AN401")
    assert found(lint_text("Menteri Italia Guiseppe Conte hadir.\n", select=("AN401",))) == [(1, 16, "AN401")]


def test_a_near_miss_needs_the_rest_of_the_name_in_the_story() -> None:
    # `Kamis` (Thursday) is one slip from `Kamil`; only next to `Ridwan` can it be the name.
    assert screened_out("Rapat digelar Kamis (20/6).\n", "AN401")
    assert not screened_out("Gubernur Ridwan Kamis meresmikan jembatan.\n", "AN401")
    assert found(lint_text("Gubernur Ridwan Kamis meresmikan jembatan.\n", select=("AN401",))) == [(1, 10, "AN401")]
    assert not screened_out("Gubernur Ridwan's Kamis.\n", "AN401")  # a possessive is dropped


def test_credit_is_read_only_when_an_agency_is_named() -> None:
    assert screened_out("Pesawat itu lepas landas.\nPewarta: A\n", "AN302")
    assert not screened_out("Menurut laporan Reuters, pesawat lepas landas.\nPewarta: A\n", "AN302")


def test_pattern_rules_are_woken_by_their_literals() -> None:
    assert screened_out("Harga naik menjadi 14.900 rupiah.\n", "AN501")
    assert not screened_out("Harga naik menjadi Rp 14.900.\n", "AN501")
    assert screened_out("Rapat dimulai siang.\n", "AN202")
    assert not screened_out("Rapat dimulai PUKUL 18:00 WIB.\n", "AN202")  # case-insensitive: folded


def test_quotes_need_an_opening_mark() -> None:
    assert screened_out("Pemerintah menetapkan status darurat.\n", "AN301")
    assert not screened_out("Pemerintah menetapkan „status darurat“.\n", "AN301")


# --- the memories behind the screens ------------------------------------------------------------

def capitalised(token: str) -> str | None:
    return base_form(token) if token[:1].isupper() and len(token) >= 4 else None


def test_slip_neighbours_find_pairs_in_one_story_only() -> None:
    neighbours = SlipNeighbours(capitalised, exempt=frozenset({"Halim", "Salim"}))
    assert neighbours.may_pair({"Rudi", "Rusdi", "kata"})
    assert not neighbours.may_pair({"Rusdi", "Rusia"})   # they share the key `Rusi`, two slips apart
    assert not neighbours.may_pair({"Rudi", "hadir"})    # `Rusdi` was in another story
    assert not neighbours.may_pair({"Halim", "Salim"})   # two words never taken for slips
    assert neighbours.may_pair({"Salim", "Salin"})      # one of them is not exempt
    assert neighbours.may_pair({"Rudi's", "Rusdi"})      # possessive dropped
    assert not neighbours.may_pair({"rudi", "Rusdi"})    # a lower-case word is not compared


WORDS = ["Rudi", "Rudy", "Rusdi", "Rusia", "Rudi's", "Budi", "Artidjo", "Artdijo", "Ardijo", "Halim", "Salim",
         "Putin", "Putri", "rudi", "Cinta", "China", "Sinta", "BMKG", "Kamis", "Kamil"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sets(st.sampled_from(WORDS), max_size=8), min_size=1, max_size=6), st.sampled_from([None, 1, 3]))
def test_slip_neighbours_never_miss_a_pair(stories: list[set[str]], limit: int | None) -> None:
    """Over a run of stories (the memory carries over, and with a small `limit` it is cleared
    again and again), a story said to hold no pair holds none."""
    exempt = frozenset({"Halim", "Salim", "Kamil"})
    with pytest.MonkeyPatch.context() as patch:
        if limit is not None:
            patch.setattr(nearmiss, "_WORDS_LIMIT", limit)
            patch.setattr(nearmiss, "_TOKENS_LIMIT", limit)
        neighbours = SlipNeighbours(capitalised, exempt)
        for tokens in stories:
            words = {w for w in map(capitalised, tokens) if w}
            pairs = [(a, b) for a, b in combinations(sorted(words), 2)
                     if one_slip(a, b) and not (a in exempt and b in exempt)]
            if not neighbours.may_pair(tokens):
                assert pairs == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Fitri", "uSsanto", "Susanto", "Rudi", "Salim", "AP", "II"]),
                         min_size=1, max_size=3).map(" ".join), max_size=8),
       st.sets(st.sampled_from(["Fitri", "uSsanto", "Susanto", "Rudi", "Salim", "AP", "II", "kata"])))
def test_phrase_candidates_are_the_phrases_whose_words_are_all_there(phrases: list[str], words: set[str]) -> None:
    index: PhraseIndex[str] = PhraseIndex()
    for phrase in phrases:
        index.add(phrase, phrase)
    expected = {p for p in phrases if set(p.split()) <= words}
    assert set(index.candidates(words)) == expected
    assert index.may_occur(words) == bool(expected)


def test_a_phrase_is_looked_up_through_its_rarest_word() -> None:
    index: PhraseIndex[str] = PhraseIndex()
    for phrase in ["Fitri uSsanto", "Fitri Halim", "Rudi Salim"]:
        index.add(phrase, phrase)
    assert not index.may_occur({"Fitri", "kata"})
    assert index.may_occur({"Fitri", "uSsanto"})
    folded: PhraseIndex[str] = PhraseIndex(ignorecase=True)
    folded.add("Kantor Berita", "kb")
    assert folded.may_occur({"kantor", "berita"}) and not folded.may_occur({"Kantor", "Berita"})


def test_memories_are_not_pickled() -> None:
    """Workers and the pack cache get the rules without what one process happened to see."""
    import pickle

    rule = next(r for r in pack("antara").rules if r.id == "AN401")
    rule.compiled.near.may_slip({"Kementerian", "Rusia"})
    assert rule.compiled.near._clean
    assert pickle.loads(pickle.dumps(rule.compiled.near))._clean == set()
    consistency = next(r for r in pack("antara").rules if r.id == "AN402").compiled
    consistency.neighbours(4).may_pair({"Rudi"})
    assert pickle.loads(pickle.dumps(consistency))._neighbours is None


def test_a_story_of_too_many_new_words_is_let_through_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screens run outside the rule's time limit: hostile copy (megabytes of distinct words) is
    handed to the rule, which runs under it, and the memories do not grow with it."""
    monkeypatch.setattr(names, "NEW_WORDS_LIMIT", 3)
    monkeypatch.setattr(nearmiss, "NEW_WORDS_LIMIT", 3)
    words = {"Alpha", "Bravo", "Charlie", "Delta", "Echo"}
    near = next(r for r in pack("antara").rules if r.id == "AN401").compiled.near
    near._clean.clear()
    assert near.may_slip(words) and near._clean == set()
    neighbours = SlipNeighbours(capitalised)
    assert neighbours.may_pair(words) and neighbours._word == {} and neighbours._never == set()
    assert not neighbours.may_pair({"Alpha", "Bravo"})  # a story within the limit is screened as usual


def test_threads_sharing_the_rules_get_the_serial_report() -> None:
    """The screens' per-process memories are shared by every thread of a program that lints
    (one-spelling's index is locked): four threads over the labelled stories report what one does."""
    from concurrent.futures import ThreadPoolExecutor

    stories = [(path, path.read_bytes()) for path in REAL_COPY] * 3
    rules = pack("antara").rules

    def lint(story: tuple[Path, bytes]) -> list[tuple]:
        path, data = story
        return [(v.line, v.column, v.rule_id, v.message)
                for v in lint_document(Document.from_bytes(data, str(path)), rules)]

    serial = [lint(story) for story in stories]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lint, stories)) == serial
