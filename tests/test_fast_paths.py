"""The per-story shortcuts give exactly what the straightforward code gives.

Each shortcut (words found by one split, capitalised runs found from the document's word lists,
...) is compared with the plain implementation it replaces, on generated text that mixes
capitals, words in capitals, apostrophes, combining marks, digits, quote marks and line ends.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.context import Context
from newslint.document import Document
from newslint.lexicon import DocumentWords, words_in
from newslint.nearmiss import capitalised_runs
from conftest import lint_text

PIECES = ["Conte", "Giuseppe", "BMKG", "A", "a", "di", "Ü", "é", "\u0301", "1", "2020", "'", "’", "-", ".", ",",
          ":", "?", '"', "“", "(", " ", " ", "  ", "\t", "\n", "\r\n", "\r", "Kamua's", "O’Brien", "ǅ", "Ⓐ", "ß"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_document_words_are_the_token_matches(text):
    words = DocumentWords(text)
    assert list(zip(words.starts, words.ends, words.texts)) == words_in(text, 0, len(text))


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.integers(0, 200), st.integers(0, 200))
def test_shared_capitalised_runs_equal_the_plain_ones(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    ctx = Context(Document.from_text(text), None, None)
    assert ctx.capitalised_runs(start, end) == capitalised_runs(ctx.doc.text, words_in(ctx.doc.text, start, end))
    assert ctx.capitalised_runs(0, len(ctx.doc.text)) == capitalised_runs(ctx.doc.text, words_in(ctx.doc.text, 0, len(ctx.doc.text)))


def test_capitalised_runs_of_a_news_sentence():
    text = 'Menurut Artdijo, kata BMKG Andi. "Kita tahu," ujar Hakim  Agung\tArtidjo Alkostar.\nPutin'
    ctx = Context(Document.from_text(text), None, None)
    runs = [[(w[2], w[3]) for w in run] for run in ctx.capitalised_runs(0, len(text))]
    assert runs == [[("Menurut", True), ("Artdijo", False)], [("Andi", False)], [("Kita", True)],
                    [("Hakim", False), ("Agung", False), ("Artidjo", False), ("Alkostar", False)], [("Putin", True)]]


def test_a_tie_between_two_majority_spellings_is_decided_alphabetically():
    """`Rudi` is one slip from both `Budi` and `Rusdi`, each written twice: the report must not
    depend on the process (set order of strings changes with Python's hash seed), so the
    alphabetically first spelling is named."""
    text = ("Jakarta (ANTARA) - Warga bertemu dengan Budi di pasar, lalu dengan Rusdi di toko.\n"
            "Esoknya warga bertemu Budi dan Rusdi lagi, juga Rudi di jalan.\n"
            "Pewarta: Aditya Ramadhan\nEditor: Herry Soebanto\nCopyright © ANTARA 2025\n")
    violations = [v for v in lint_text(text, select=("AN402",))]
    assert [(v.line, v.column, v.matched, v.message) for v in violations] == [
        (2, 49, "Rudi", 'Ejaan nama tidak konsisten: "Rudi" ditulis "Budi" di bagian lain berita ini (2 kali)')]
