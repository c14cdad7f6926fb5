"""The real article and its variants through the shipped ANTARA pack: exact findings only."""

from __future__ import annotations

import pytest

from conftest import found, lint_text

CLEAN_FINDINGS = [(1, 1, "AN101"), (5, 261, "AN503")]  # no dateline (a real defect); `2014---meskipun`


def test_the_real_article_has_no_errors_only_real_points(fixture_text):
    violations = lint_text(fixture_text)
    assert found(violations) == CLEAN_FINDINGS
    assert all(str(v.severity) != "error" for v in violations)


def test_with_a_dateline_only_the_dash_remains(fixture_text):
    text = "Moskow (ANTARA) - " + fixture_text
    assert found(lint_text(text)) == [(5, 261, "AN503")]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u00a0\u200b"])
def test_no_break_and_zero_width_spaces_from_a_cms_are_spaces(fixture_text, space):
    """A CMS writes no-break spaces in the dateline and the copyright line; they are spaces there,
    as in the trailer's labels, not a different dateline or copyright form."""
    copyright_line = fixture_text.splitlines()[-1]
    text = (f"Moskow{space}(ANTARA){space}-{space}" + fixture_text).replace(
        copyright_line, copyright_line.replace(" ", space) + "\u200b")
    assert found(lint_text(text)) == [(5, 261, "AN503")]


@pytest.mark.parametrize("opening", ["Copyright atau hak cipta", "Hak cipta"])
def test_a_paragraph_about_copyright_is_body_copy_not_the_trailer(fixture_text, opening):
    """It used to be read as the copyright line: its errors went unseen, and AN105 said the
    trailer was out of order."""
    paragraph = (f"{opening} atas desain masker itu didaftarkan oleh perusahaan asal Italia tersebut "
                 "pada Minggu (21/3), kata juru bicaranya.")
    lines = fixture_text.split("\n")
    text = "\n".join([*lines[:4], paragraph, *lines[4:]])
    assert found(lint_text(text)) == [(1, 1, "AN101"), (5, paragraph.index("Minggu") + 1, "AN201"),
                                      (6, 261, "AN503")]


@pytest.mark.parametrize("date, flagged", [("Kamis (31/12)", False), ("Rabu (30/12)", False), ("Rabu (31/12)", True),
                                           ("Sabtu (2/1)", False), ("Kamis (21/3)", True)])
def test_a_date_near_new_year_may_belong_to_the_year_before_the_copyright_year(date, flagged):
    """A story of early January 2021 (its copyright line's year) writes `Kamis (31/12)` for
    31 December 2020: not a wrong weekday. `Rabu (31/12)` is wrong in both years."""
    text = (f"Jakarta (ANTARA) - Warga merayakan malam pergantian tahun pada {date} malam di Monas.\n"
            "Pewarta: Andi Firdaus\nEditor: Atman Ahdiat\nCopyright © ANTARA 2021\n")
    assert found(lint_text(text)) == ([(1, 64, "AN201")] if flagged else [])


def test_editor_line_removed(fixture_text):
    text = fixture_text.replace("Editor: Atman Ahdiat\n", "")
    assert found(lint_text(text)) == CLEAN_FINDINGS + [(20, 1, "AN103")]


def test_empty_pewarta(fixture_text):
    text = fixture_text.replace("Pewarta: Yashinta Difa Pramudyani", "Pewarta :")
    violations = lint_text(text)
    assert found(violations) == CLEAN_FINDINGS + [(19, 1, "AN102")]
    assert "tidak menyebut nama" in violations[-1].message


def test_pewarta_with_a_space_before_the_colon_is_fine(fixture_text):
    text = fixture_text.replace("Pewarta:", "Pewarta :").replace("Editor:", "Editor  :")
    assert found(lint_text(text)) == CLEAN_FINDINGS


def test_saturday_that_was_a_sunday(fixture_text):
    text = fixture_text.replace("Sabtu (21/3)", "Sabtu (22/3)")
    violations = lint_text(text)
    assert found(violations) == [(1, 1, "AN101"), (1, 172, "AN201"), (5, 261, "AN503")]
    assert violations[1].message == '"Sabtu (22/3)": 22 Maret 2020 jatuh pada hari Minggu, bukan Sabtu'
    assert (violations[1].end_line, violations[1].end_column) == (1, 184)


def test_misspelt_name_carries_its_fix(fixture_text):
    text = fixture_text.replace("Giuseppe Conte pada", "Guiseppe Conte pada")
    violations = lint_text(text)
    assert found(violations) == [(1, 1, "AN101"), (1, 152, "AN401"), (5, 261, "AN503")]
    name = violations[1]
    assert name.message == 'Ejaan "Guiseppe Conte" salah: tulis "Giuseppe Conte"'
    (edit,) = name.fix
    assert text[edit.start:edit.end] == "Guiseppe Conte" and edit.replacement == "Giuseppe Conte"


def test_copyright_without_the_sign(fixture_text):
    text = fixture_text.replace("Copyright © ANTARA 2020", "Copyright ANTARA 2020")
    violations = lint_text(text)
    assert found(violations) == CLEAN_FINDINGS + [(21, 1, "AN106")]
    assert violations[-1].message == 'Baris hak cipta ditulis "Copyright © ANTARA 2020", bukan "Copyright ANTARA 2020"'


def test_copyright_with_the_wrong_year(fixture_text):
    text = fixture_text.replace("ANTARA 2020", "ANTARA 2019")
    violations = lint_text(text, date="2020-03-22")
    assert found(violations) == CLEAN_FINDINGS + [(21, 20, "AN106")]
    assert "2019" in violations[-1].message and "2020" in violations[-1].message


def test_copyright_in_capitals_is_accepted(fixture_text):
    assert found(lint_text(fixture_text.replace("Copyright ©", "COPYRIGHT ©"))) == CLEAN_FINDINGS


def test_copyright_not_last(fixture_text):
    text = fixture_text.replace("Copyright © ANTARA 2020", "Copyright © ANTARA 2020\nFoto: Reuters")
    assert found(lint_text(text)) == CLEAN_FINDINGS + [(21, 1, "AN106")]


def test_quote_with_no_speaker(fixture_text):
    text = fixture_text.replace(" kata Kremlin.", "").replace('negara itu,"', 'negara itu."')
    violations = lint_text(text)
    assert found(violations) == [(1, 1, "AN101"), (4, 1, "AN301"), (5, 261, "AN503")]


def test_crlf_line_ends_give_the_same_positions(fixture_text):
    text = fixture_text.replace("\n", "\r\n").replace("Sabtu (21/3)", "Sabtu (22/3)")
    assert found(lint_text(text)) == [(1, 1, "AN101"), (1, 172, "AN201"), (5, 261, "AN503")]


def test_a_bom_does_not_shift_columns(fixture_text):
    text = "\ufeff" + fixture_text.replace("Sabtu (21/3)", "Sabtu (22/3)")
    assert found(lint_text(text)) == [(1, 1, "AN101"), (1, 172, "AN201"), (5, 261, "AN503")]


def test_markdown_with_front_matter_maps_to_real_lines(fixture_text):
    front = "---\ntitle: Rusia kirim bantuan\ndate: 2020-03-22\n---\n\n"
    text = front + fixture_text.replace("Sabtu (21/3)", "Sabtu (22/3)").replace("ANTARA 2020", "ANTARA 2019")
    found_md = found(lint_text(text, path="story.md"))
    assert found_md == [(6, 1, "AN101"), (6, 172, "AN201"), (10, 261, "AN503"), (26, 20, "AN106")]


def test_glued_trailer_lines():
    text = ("Denpasar (ANTARA) - Gubernur Bali meresmikan pasar rakyat pada Senin (2/3).\n"
            "Pewarta: Putu Indah SavitriEditor: Agus Salim Copyright © ANTARA 2026\n")
    assert found(lint_text(text)) == [(2, 28, "AN104"), (2, 46, "AN104")]


def test_agency_material_needs_a_source_line(fixture_text):
    text = fixture_text.replace("Sumber: Reuters\n", "").replace("Kremlin mengatakan Putin", "Kremlin mengatakan kepada Reuters bahwa Putin", 1)
    assert found(lint_text(text)) == [(1, 1, "AN101"), (2, 27, "AN302"), (5, 261, "AN503")]


def test_the_example_stories_shipped_in_examples():
    from conftest import ROOT

    clean = (ROOT / "examples" / "jakarta-banjir-2024.txt").read_text(encoding="utf-8")
    assert lint_text(clean) == []
    messy = (ROOT / "examples" / "roma-bantuan-medis-2020.md").read_text(encoding="utf-8")
    rules = {v.rule_id for v in lint_text(messy, path="roma-bantuan-medis-2020.md")}
    assert rules == {"AN103", "AN106", "AN201", "AN202", "AN301", "AN302", "AN401"}


def test_cr_only_line_ends_give_the_same_findings(fixture_text):
    text = fixture_text.replace("\n", "\r").replace("Editor: Atman Ahdiat\r", "")
    assert found(lint_text(text)) == CLEAN_FINDINGS + [(20, 1, "AN103")]
