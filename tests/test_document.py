"""Reading copy: decoding, line ends, positions in characters, front matter, regions."""

from __future__ import annotations

import pytest

from newslint.document import Document, UnreadableCopy, decode


def test_utf8_with_and_without_bom():
    assert decode("Sabtu (21/3)".encode()) == ("Sabtu (21/3)", "utf-8", False)
    assert decode(b"\xef\xbb\xbfSabtu") == ("Sabtu", "utf-8", True)


def test_utf16_with_bom_both_byte_orders():
    assert decode(b"\xff\xfe" + "Pewarta: Ana".encode("utf-16-le"))[:2] == ("Pewarta: Ana", "utf-16-le")
    assert decode(b"\xfe\xff" + "Pewarta: Ana".encode("utf-16-be"))[:2] == ("Pewarta: Ana", "utf-16-be")


@pytest.mark.parametrize("data, words", [
    (b"\x00\x01\x02binary", "NUL bytes"),
    ("Caf\u00e9 harga Rp5.000".encode("cp1252"), "not valid UTF-8 (byte 3: 0xe9)"),
    (b"Berita\n\xff\xfe tengah", "not valid UTF-8 (byte 7: 0xff)"),
])
def test_unreadable_copy_is_refused_with_the_reason(data, words):
    with pytest.raises(UnreadableCopy, match=words.replace("(", r"\(").replace(")", r"\)")):
        decode(data)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_are_the_same_with_every_line_end(newline):
    doc = Document.from_text(newline.join(["Satu", "Dua tiga", "", "Empat"]) + newline)
    offset = doc.text.index("tiga")
    assert doc.position(offset) == (2, 5)
    assert doc.position(doc.text.index("Empat")) == (4, 1)
    assert doc.line_count == 4
    assert doc.line_text(2) == "Dua tiga"


def test_mixed_line_ends_count_each_break_once():
    doc = Document.from_text("a\r\nb\rc\nd")
    assert [doc.position(doc.text.index(ch))[0] for ch in "abcd"] == [1, 2, 3, 4]


def test_columns_count_characters_not_bytes():
    text = "Presiden 🇮🇩 dan Zé\u0301 bertemu Conte"
    doc = Document.from_text(text)
    assert doc.position(text.index("Conte")) == (1, text.index("Conte") + 1)
    assert doc.position(text.index("Conte"))[1] < len(text[: text.index("Conte")].encode())


def test_bom_is_not_a_column():
    doc = Document.from_text("\ufeffMoskow (ANTARA) - Teks")
    assert doc.bom and doc.position(doc.text.index("Moskow")) == (1, 1)


def test_markdown_front_matter_is_read_and_positions_stay_real():
    text = "---\ntitle: Bantuan\ndate: 2020-03-22\n---\n\nMoskow (ANTARA) - Isi.\n"
    doc = Document.from_text(text, "story.md")
    assert doc.front_matter["title"] == "Bantuan"
    assert str(doc.publication_date()) == "2020-03-22"
    lead = doc.anatomy.spans("lead")[0]
    assert doc.position(lead[0]) == (6, 1)
    assert doc.anatomy.dateline.city == "Moskow"


def test_invalid_front_matter_is_remembered_not_raised():
    doc = Document.from_text("---\ntitle: [unclosed\n---\nIsi.\n", "story.md")
    assert doc.front_matter_error is not None
    assert "not valid YAML" in doc.front_matter_error[1]


def test_plain_text_never_has_front_matter():
    doc = Document.from_text("---\ntitle: x\n---\nIsi.\n", "story.txt")
    assert doc.front_matter == {} and doc.body_start == 0


def test_regions_of_the_real_article(fixture_text):
    doc = Document.from_text(fixture_text)
    anatomy = doc.anatomy
    kinds = [(doc.position(b.start)[0], b.kind, b.label) for b in anatomy.blocks]
    assert kinds[0] == (1, "lead", "")
    assert (7, "subheading", "") in kinds
    assert [k for k in kinds if k[1] == "trailer"] == [
        (15, "trailer", "sumber"), (16, "trailer", "baca-juga"), (17, "trailer", "baca-juga"),
        (18, "trailer", "baca-juga"), (19, "trailer", "pewarta"), (20, "trailer", "editor"),
        (21, "trailer", "copyright"),
    ]
    assert anatomy.dateline is None  # this real story lost its dateline
    (quote,) = anatomy.quotes
    assert doc.position(quote.start) == (4, 1)
    assert doc.text[quote.end - 2:quote.end] == ',"'


def test_dateline_with_agency_and_date():
    doc = Document.from_text("GENEVA, Oct 9 (Reuters) - The WHO said.\nMore text here.\n")
    assert (doc.anatomy.dateline.city, doc.anatomy.dateline.agency, doc.anatomy.dateline.date) == ("GENEVA", "Reuters", "Oct 9")


def test_quote_running_over_paragraphs_follows_newsroom_convention():
    text = ('Jakarta (ANTARA) - Menteri itu berkata, "Kami akan bekerja keras.\n'
            '"Kami juga akan membuka posko di setiap kelurahan," ujarnya.\n'
            'Paragraf lain.\n')
    doc = Document.from_text(text)
    (quote,) = doc.anatomy.quotes
    assert quote.closed and len(quote.segments) == 2
    assert doc.position(quote.start) == (1, 41)
    assert doc.position(quote.end) == (2, 52)


def test_curly_quotes_pair():
    text = "Lead paragraf.\n“Kami siap,” kata dia. Lalu ‘istilah’ dipakai.\n"
    (quote,) = Document.from_text(text).anatomy.quotes
    assert text[quote.start:quote.end] == "“Kami siap,”"


def test_glued_trailer_line_is_one_trailer_block():
    text = "Isi berita.\nPewarta: Putu Indah SavitriEditor: Agus Salim Copyright © ANTARA 2026\n"
    blocks = Document.from_text(text).anatomy.trailer()
    assert [b.label for b in blocks] == ["pewarta"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("fence", ["---", "...", "---  "])
def test_front_matter_closes_whatever_the_line_ends(newline, fence):
    """A CMS on Windows writes CRLF: its front matter once never closed (NL002), and was linted as body."""
    text = newline.join(["---", "title: Bantuan", "date: 2020-03-22", fence, "", "Moskow (ANTARA) - Isi.", ""])
    doc = Document.from_text(text, "story.md")
    assert doc.front_matter_error is None
    assert doc.front_matter["title"] == "Bantuan" and str(doc.publication_date()) == "2020-03-22"
    assert doc.body_start == text.index(newline + newline) + len(newline)
    assert doc.position(doc.anatomy.spans("lead")[0][0]) == (6, 1)


@pytest.mark.parametrize("text", [
    "---\r\ntitle: x\r\n---x\r\nIsi.\r\n",      # `---x` is no fence
    "---\rtitle: x\r----\rIsi.\r",             # nor is `----`
    "---\r\ntitle: x\r\n  ---\r\nIsi.\r\n",    # nor an indented one
])
def test_a_line_that_only_begins_like_a_fence_does_not_close_front_matter(text):
    doc = Document.from_text(text, "story.md")
    assert doc.front_matter_error == (0, "front matter opened with '---' is never closed")
