"""Each check kind on its own, through small packs written here: positions, outcomes, edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.document import Document
from newslint.engine import RunOptions, lint_document
from newslint.packs import load_packs
from newslint.storydate import parse_date_option


def lint_with(tmp_path: Path, rules_yaml: str, text: str, path: str = "story.txt", date: str | None = None):
    pack_file = tmp_path / "pack.yaml"
    pack_file.write_text("rules:\n" + rules_yaml, encoding="utf-8")
    rules = load_packs([str(pack_file)]).rules
    options = RunOptions(date=parse_date_option(date) if date else None)
    return lint_document(Document.from_text(text, path), rules, options)


def where(violations):
    return [(v.line, v.column, v.end_line, v.end_column) for v in violations]


# --- required -----------------------------------------------------------------------------------
PEWARTA = """\
  - id: R1
    kind: required
    label: Pewarta
    scope: trailer
    message: missing
    messages: {empty: 'empty {label}'}
"""


@pytest.mark.parametrize("line", [
    "Pewarta: Yashinta Difa Pramudyani", "Pewarta : Khairul Arief", "PEWARTA:Ana", "Pewarta:  A/B",
    "Pewarta: Andi Firdaus dan Fathur Rochman",
])
def test_required_label_variants_pass(tmp_path, line):
    assert lint_with(tmp_path, PEWARTA, f"Isi berita.\n{line}\nEditor: B\n") == []


def test_required_label_missing_is_reported_at_the_last_line(tmp_path):
    (v,) = lint_with(tmp_path, PEWARTA, "Isi berita.\nEditor: B\nCopyright © ANTARA 2020\n")
    assert (v.line, v.column, v.message) == (3, 1, "missing")


@pytest.mark.parametrize("line", ["Pewarta:", "Pewarta :   ", "Pewarta: -"])
def test_required_label_without_a_name(tmp_path, line):
    (v,) = lint_with(tmp_path, PEWARTA, f"Isi berita.\n{line}\nEditor: B\n")
    assert (v.line, v.column, v.message) == (2, 1, "empty Pewarta")


def test_required_label_glued_to_the_line_before_counts_as_present(tmp_path):
    # the glue itself is another rule's finding (AN104); `required` must not also cry "missing"
    assert lint_with(tmp_path, PEWARTA, "Isi berita.\nFoto: AntaraPewarta: Ana\n") == []
    assert lint_with(tmp_path, PEWARTA, "Isi berita.\nFoto: Antara Pewarta lain\n")[0].message == "missing"


def test_required_pattern_in_the_lead(tmp_path):
    rule = "  - id: R2\n    kind: required\n    scope: lead\n    pattern: '^\\p{Lu}\\w+ \\(ANTARA\\) - '\n    message: no dateline\n"
    assert lint_with(tmp_path, rule, "Moskow (ANTARA) - Isi.\nLagi.\n") == []
    (v,) = lint_with(tmp_path, rule, "\n\nIsi tanpa dateline.\nLagi.\n")
    assert (v.line, v.column) == (3, 1)


# --- forbidden ----------------------------------------------------------------------------------
def test_forbidden_pattern_positions(tmp_path):
    rule = "  - id: F1\n    kind: forbidden\n    pattern: 'bahwasanya'\n    message: 'hindari {match}'\n"
    violations = lint_with(tmp_path, rule, "Satu.\nDia berkata bahwasanya hujan.\n")
    assert where(violations) == [(2, 13, 2, 23)] and violations[0].message == "hindari bahwasanya"


def test_forbidden_tokens_match_whole_words_only(tmp_path):
    rule = "  - id: F2\n    kind: forbidden\n    tokens: [di mana, acap]\n    ignorecase: true\n    message: '{match}'\n"
    violations = lint_with(tmp_path, rule, "Di mana rumahnya? Acapkali dia acap datang.\n")
    assert [(v.column, v.message) for v in violations] == [(1, "Di mana"), (32, "acap")]


def test_forbidden_respects_scope(tmp_path):
    rule = "  - id: F3\n    kind: forbidden\n    scope: subheading\n    pattern: '\\.$'\n    message: m\n"
    text = "Lead paragraf panjang sekali.\nJudul kecil\nParagraf berikut.\n"
    assert lint_with(tmp_path, rule, text) == []


# --- substitution -------------------------------------------------------------------------------
SWAP = "  - id: S1\n    kind: substitution\n    swap: {Moscow: Moskow, 'Joko': 'Joko Widodo'}\n    message: '{expected}'\n"


def test_substitution_carries_the_fix(tmp_path):
    (v,) = lint_with(tmp_path, SWAP, "Delegasi tiba di Moscow.\n")
    assert (v.column, v.message) == (18, "Moskow")
    assert [(e.start, e.end, e.replacement) for e in v.fix] == [(17, 23, "Moskow")]


def test_substitution_never_fires_where_the_right_form_stands(tmp_path):
    assert lint_with(tmp_path, SWAP, "Presiden Joko Widodo tiba di Moskow.\n") == []
    assert len(lint_with(tmp_path, SWAP, "Presiden Joko tiba.\n")) == 1


def test_substitution_regex_with_groups_and_capitals(tmp_path):
    rule = ("  - id: S2\n    kind: substitution\n    regex: true\n    ignorecase: true\n"
            "    swap: {'(?<=pukul )(\\d{1,2}):(\\d{2})': '\\1.\\2', 'pada saat ini': 'saat ini'}\n    message: '{expected}'\n")
    violations = lint_with(tmp_path, rule, "Pada saat ini, rapat pukul 18:00 WIB.\n")
    assert [(v.column, v.message) for v in violations] == [(1, "Saat ini"), (28, "18.00")]


# --- sequence -----------------------------------------------------------------------------------
SEQ = """\
  - id: Q1
    kind: sequence
    steps:
      - {name: Pewarta, pattern: 'Pewarta\\s*:'}
      - {name: Editor, pattern: 'Editor\\s*:'}
      - {name: Copyright, pattern: '(?i:copyright)'}
    last: Copyright
    message: '{name} before {after}'
"""


def test_sequence_in_order_passes(tmp_path):
    assert lint_with(tmp_path, SEQ, "Isi.\nPewarta: A\nEditor: B\nCopyright © ANTARA 2020\n") == []


def test_sequence_out_of_order(tmp_path):
    violations = lint_with(tmp_path, SEQ, "Isi.\nEditor: B\nPewarta: A\nCopyright © ANTARA 2020\n")
    assert [(v.line, v.message) for v in violations] == [(3, "Pewarta before Editor")]


def test_sequence_last(tmp_path):
    violations = lint_with(tmp_path, SEQ, "Isi.\nPewarta: A\nCopyright © ANTARA 2020\nEditor: B\n")
    assert sorted((v.line, v.message) for v in violations) == [(3, "the Copyright line must be the last line"), (4, "Editor before Copyright")]


# --- date ---------------------------------------------------------------------------------------
DATE = "  - id: D1\n    kind: date\n    message: '{weekday}->{expected} {date}'\n"


@pytest.mark.parametrize("text, date, expected", [
    ("Rapat pada Sabtu (21/3).", "2020", []),
    ("Rapat pada Sabtu (22/3).", "2020", [(1, 12, "Sabtu->Minggu 22 Maret 2020")]),
    ("Rapat pada Jum'at (20/3).", "2020", []),
    ("Rapat pada Ahad (22/3).", "2020", []),
    ("Rapat pada Senin (31/8/2020).", "2021", []),
    ("Rapat pada Selasa (31/8/2020).", "2021", [(1, 12, "Selasa->Senin 31 Agustus 2020")]),
    ("Rapat pada Minggu, 23 Februari 2020.", None, []),
    ("Rapat pada Senin, 23 Februari 2020.", None, [(1, 12, "Senin->Minggu 23 Februari 2020")]),
    ("Dua minggu lalu pada Minggu sore rapat ditunda.", "2020", []),
    ("Sesuai UU 35/2014 dan Perpres 82/2018 serta RT 05/RW 03.", "2020", []),
    ("Rapat pada Sabtu (22/3).", None, []),  # year unknown: no guess
])
def test_date_weekday(tmp_path, text, date, expected):
    violations = lint_with(tmp_path, DATE, text + "\n", date=date)
    assert [(v.line, v.column, v.message) for v in violations] == expected


def test_date_year_nearest_to_the_story_date(tmp_path):
    # a story of 2 January 2021 that says Senin (28/12) means 28 December 2020, a Monday
    assert lint_with(tmp_path, DATE, "Rapat digelar Senin (28/12).\n", date="2021-01-02") == []
    assert len(lint_with(tmp_path, DATE, "Rapat digelar Selasa (28/12).\n", date="2021-01-02")) == 1


def test_date_that_does_not_exist(tmp_path):
    rule = DATE + "    messages: {invalid: 'no such date {match}'}\n"
    (v,) = lint_with(tmp_path, rule, "Rapat pada Kamis (31/2).\n", date="2020")
    assert v.message == "no such date Kamis (31/2)"
    (v,) = lint_with(tmp_path, rule, "Rapat pada Kamis (12/13).\n")
    assert v.message == "no such date Kamis (12/13)"


@pytest.mark.parametrize("written, fixed", [
    ("Sabtu(21/3)", "Sabtu (21/3)"), ("Sabtu (21-3)", "Sabtu (21/3)"), ("Sabtu (21/03)", "Sabtu (21/3)"),
    ("Sabtu (21/3/20)", "Sabtu (21/3/2020)"),
])
def test_date_notation_is_fixed_to_the_house_form(tmp_path, written, fixed):
    rule = DATE + "    messages: {notation: '{expected}'}\n"
    violations = lint_with(tmp_path, rule, f"Rapat pada {written}.\n", date="2020")
    assert [v.message for v in violations] == [fixed]
    assert violations[0].fix[0].replacement == fixed


def test_date_year_comes_from_the_copyright_line(tmp_path):
    text = "Rapat pada Sabtu (22/3).\nPewarta: A\nCopyright © ANTARA 2020\n"
    (v,) = lint_with(tmp_path, DATE, text)
    assert v.message == "Sabtu->Minggu 22 Maret 2020"


def test_english_calendar(tmp_path):
    rule = "  - id: D2\n    kind: date\n    calendar: en\n    message: '{weekday}->{expected}'\n"
    assert lint_with(tmp_path, rule, "The talks ended on Saturday, March 21, 2020.\n") == []
    (v,) = lint_with(tmp_path, rule, "The talks ended on Sunday, March 21, 2020.\n")
    assert v.message == "Sunday->Saturday"


# --- copyright ----------------------------------------------------------------------------------
COPY = """\
  - id: C1
    kind: copyright
    holder: ANTARA
    forms: ['Copyright © {holder} {year}', 'COPYRIGHT © {holder} {year}']
    message: 'form {expected}'
"""


@pytest.mark.parametrize("last, expected", [
    ("Copyright © ANTARA 2020", []),
    ("COPYRIGHT © ANTARA 2020", []),
    ("Copyright ©  ANTARA 2020  ", []),
    ("Copyright ANTARA 2020", [(3, 1, "form Copyright © ANTARA 2020")]),
    ("copyright © antara 2020", [(3, 1, "form Copyright © ANTARA 2020")]),
])
def test_copyright_form(tmp_path, last, expected):
    violations = lint_with(tmp_path, COPY, f"Isi.\nEditor: B\n{last}\n")
    assert [(v.line, v.column, v.message) for v in violations] == expected


def test_copyright_missing_and_year(tmp_path):
    (v,) = lint_with(tmp_path, COPY, "Isi.\nPewarta: A\nEditor: B\n")
    assert (v.line, v.message) == (3, "the copyright line is missing")
    (v,) = lint_with(tmp_path, COPY, "Isi.\nEditor: B\nCopyright © ANTARA 2019\n", date="2020-05-01")
    assert (v.line, v.column, v.message) == (3, 20, "the copyright year 2019 differs from the story's year 2020")
    assert v.fix[0].replacement == "2020"


# --- attribution --------------------------------------------------------------------------------
QUOTE = "  - id: A1\n    kind: attribution\n    mode: quote\n    verbs: [kata, ujar, menurut, mengatakan]\n    message: unattributed\n"


@pytest.mark.parametrize("text", [
    '"Kami siap membantu Italia dalam masa sulit ini," kata Kremlin.',
    '"Kami siap membantu Italia dalam masa sulit ini," ujarnya.',
    'Menurut Kremlin, "Rusia siap membantu Italia dalam masa sulit ini."',
    'Juru bicara itu mengatakan: "Rusia siap membantu Italia dalam masa sulit ini."',
    '“Kami siap membantu Italia dalam masa sulit ini.” Demikian kata juru bicara itu.',
    'Warga diminta menjalani "new normal" dengan disiplin.',
    'Juru bicara itu mengatakan:\n"Rusia siap membantu Italia dalam masa sulit ini."',
    '"Kami siap membantu Italia dalam masa sulit ini.\n"Kami juga akan mengirim dokter," kata dia.',
    # a quote that opens its sentence continues the speaker of the sentence before it
    '"Kami memilih kebijakan ini dengan hati-hati," kata Presiden. "Kebijakan ini sudah kami hitung dengan cermat."',
    'Juru bicara itu mengatakan bantuan tiba pekan depan. “Kami siap membantu Italia dalam masa sulit ini.”',
])
def test_attributed_quotes_pass(tmp_path, text):
    assert lint_with(tmp_path, QUOTE, "Lead paragraf berita ini.\n" + text + "\n") == []


@pytest.mark.parametrize("text, column", [
    ('"Kami siap membantu Italia dalam masa sulit ini."', 1),
    ('Pemerintah bersiap. "Kami siap membantu Italia dalam masa sulit ini." Pasar turun.', 21),
    # the sentence before counts only for a quote that opens its sentence
    ('Kata itu sering dipakai. Ia menulis "Kami siap membantu Italia dalam masa sulit ini." Pasar turun.', 37),
])
def test_unattributed_quotes_are_flagged(tmp_path, text, column):
    (v,) = lint_with(tmp_path, QUOTE, "Lead paragraf berita ini.\n" + text + "\nParagraf lain tanpa ujaran.\n")
    assert (v.line, v.column) == (2, column)


CREDIT = ("  - id: A2\n    kind: attribution\n    mode: credit\n    agencies: [Reuters, AFP, Xinhua]\n"
          "    message: 'credit {agency} with {label}'\n")


@pytest.mark.parametrize("line", ["SUMBER: REUTERS, AFP", "Sumber : reuters/afp"])
def test_a_source_line_in_capitals_or_small_letters_credits_the_agency(tmp_path, line):
    text = f"Menurut Reuters dan AFP, pesawat lepas landas.\n{line}\nPewarta: A\n"
    assert lint_with(tmp_path, CREDIT, text) == []


def test_agency_needs_a_matching_source_line(tmp_path):
    text = "Menurut Reuters dan AFP, pesawat lepas landas.\nSumber: Reuters\nPewarta: A\n"
    (v,) = lint_with(tmp_path, CREDIT, text)
    assert (v.line, v.column, v.message) == (1, 21, "credit AFP with Sumber")
    assert lint_with(tmp_path, CREDIT, text.replace("Sumber: Reuters", "Sumber: Reuters, AFP")) == []


# --- names --------------------------------------------------------------------------------------
NAMES = """\
  - id: N1
    kind: names
    message: '{match} -> {expected}'
    names:
      - canonical: Giuseppe Conte
        wrong: [Guiseppe Conte, Giusepe Conte]
        short: [Conte]
      - canonical: Moskow
        wrong: [Moscow]
"""


def test_names_flag_wrong_forms_on_word_boundaries(tmp_path):
    text = "Guiseppe Conte tiba di Moscow. Moscowitz tidak. Giuseppe Conte dan Conte.\n"
    violations = lint_with(tmp_path, NAMES, text)
    assert [(v.column, v.message) for v in violations] == [(1, "Guiseppe Conte -> Giuseppe Conte"), (24, "Moscow -> Moskow")]


def test_names_need_the_same_punctuation_between_words(tmp_path):
    assert lint_with(tmp_path, NAMES, "Guiseppe, Conte.\n") == []
    assert len(lint_with(tmp_path, NAMES, "Guiseppe  Conte.\n")) == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_anchors_work_with_every_line_end(tmp_path, newline):
    rule = "  - id: F4\n    kind: forbidden\n    scope: document\n    pattern: '\\.$'\n    message: m\n"
    text = newline.join(["Lead paragraf.", "Judul kecil.", "Penutup"]) + newline
    assert [(v.line, v.column) for v in lint_with(tmp_path, rule, text)] == [(1, 14), (2, 12)]
