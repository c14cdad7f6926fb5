"""`--fix` and `--diff`: which edits are made, in what order, and what the user sees."""

from __future__ import annotations

import itertools
import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE, pack, run_cli
from newslint.document import Document
from newslint.engine import RunOptions
from newslint.fixes import apply_edits, fix_document, plan
from newslint.storydate import parse_date_option
from newslint.violation import Edit, Severity, Violation

TEXT = FIXTURE.read_text(encoding="utf-8")
# The fixture with a misspelt name and a badly written date; its `---` is a fix too (AN503).
BROKEN = TEXT.replace("Giuseppe Conte pada", "Guiseppe Conte pada").replace("Sabtu (21/3)", "Sabtu(21/03)")
FIXED = TEXT.replace("---", "—")
DATELINE = 'warning AN101 Dateline tidak ada: paragraf pertama dibuka dengan "Kota (ANTARA) - "'


def violation(rule: str, *edits: tuple[int, int, str]) -> Violation:
    return Violation("s.txt", 1, 1, 1, 1, rule, Severity.ERROR, "m", fix=tuple(Edit(*e) for e in edits))


def fix(text: str, path: str = "story.txt", date: str | None = None):
    options = RunOptions(date=parse_date_option(date) if date else None)
    return fix_document(Document.from_text(text, path), pack("antara").rules, options)


# --- one pass: order and overlaps ----------------------------------------------------------------
def test_overlapping_fixes_resolve_by_start_then_rule_id_whatever_the_input_order():
    text = "Presiden Vladimir Puttin tiba di Roma."
    whole = violation("B1", (9, 24, "Vladimir Putin"))   # starts at 9
    first = violation("A2", (9, 17, "Wladimir"))        # also at 9; A2 sorts before B1
    surname = violation("A1", (18, 24, "Putin"))         # starts at 18, clear of A2's edit
    for order in itertools.permutations([whole, first, surname]):
        step = plan(list(order), text)
        assert [v.rule_id for v in step.fixed] == ["A2", "A1"]
        assert [v.rule_id for v in step.skipped] == ["B1"]
        assert apply_edits(text, step.edits) == "Presiden Wladimir Putin tiba di Roma."


def test_same_edit_from_two_rules_is_made_once_and_fixes_both():
    text = "pukul 18:00 WIB"
    step = plan([violation("X2", (6, 11, "18.00")), violation("X1", (6, 11, "18.00"))], text)
    assert [v.rule_id for v in step.fixed] == ["X1", "X2"] and step.skipped == []
    assert step.edits == [Edit(6, 11, "18.00")]
    assert apply_edits(text, step.edits) == "pukul 18.00 WIB"


def test_a_violation_s_edits_go_together_or_not_at_all():
    text = "Rp 5.000 dan 10%"
    both = violation("A1", (0, 3, "Rp"), (15, 16, " persen"))
    clash = violation("A0", (14, 16, "10 persen"))  # overlaps the second edit of A1, starts later than A1
    step = plan([clash, both], text)
    assert [v.rule_id for v in step.fixed] == ["A1"] and [v.rule_id for v in step.skipped] == ["A0"]
    assert apply_edits(text, step.edits) == "Rp5.000 dan 10 persen"


def test_adjacent_edits_both_apply_but_two_insertions_at_one_place_do_not():
    text = "abcdef"
    step = plan([violation("A", (0, 3, "X")), violation("B", (3, 6, "Y"))], text)
    assert apply_edits(text, step.edits) == "XY"
    step = plan([violation("A", (3, 3, "1")), violation("B", (3, 3, "2"))], text)
    assert [v.rule_id for v in step.fixed] == ["A"] and apply_edits(text, step.edits) == "abc1def"


def test_edits_that_change_nothing_or_lie_outside_the_text_are_ignored():
    text = "Giuseppe Conte"
    step = plan([violation("A", (0, 8, "Giuseppe")), violation("B", (10, 99, "x")), violation("C", (5, 2, "y"))], text)
    assert step.edits == [] and step.fixed == [] and step.skipped == []


# --- a whole story --------------------------------------------------------------------------------
def test_story_is_fixed_and_what_is_left_is_reported_at_its_new_place():
    result = fix(BROKEN)
    assert result.after.text == FIXED
    assert result.applied == 3
    assert [(v.line, v.column, v.rule_id) for v in result.found] == [
        (1, 1, "AN101"), (1, 152, "AN401"), (1, 172, "AN201"), (5, 261, "AN503")]
    assert [(v.line, v.column, v.rule_id) for v in result.left] == [(1, 1, "AN101")]


def test_fixing_twice_changes_nothing_the_second_time():
    once = fix(BROKEN)
    twice = fix(once.after.text)
    assert twice.applied == 0 and twice.after.text == once.after.text


def test_a_right_form_containing_the_wrong_one_is_never_touched():
    # `Widodo` alone is a short form; `Putin` inside `Vladimir Putin` is already right.
    text = "Jakarta (ANTARA) - Presiden Joko Widodo bertemu Presiden Vladimir Putin di Moskow.\n"
    assert fix(text).applied == 0


_PIECES = [line for line in TEXT.splitlines() if line] + [
    "Presiden Vladimir Puttin", "Guiseppe Conte", "Giuseppe Conte", "Sabtu(21/03)", "Sabtu (21/3)", "pukul 18:00 WIB",
    "Rp 14.900", "Rp. 5.000", "10%", "2014---meskipun", "—", "Copyright © ANTARA 2019", "Pewarta: A", "Editor: B", "",
    "Perdana Menteri Italia Guiseppe", "Conte berbicara.", "Presiden Vladimir", "Puttin tiba di Roma.",  # wrapped names
]
STORIES = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(["\n", "\r\n", "\r"])), max_size=25).map(
    lambda parts: "".join(p + n for p, n in parts))
_BREAKS = re.compile(r"\r\n|\r|\n")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(STORIES, st.sampled_from(["story.txt", "story.md"]))
def test_fix_is_idempotent_keeps_line_ends_and_touches_only_lines_with_a_fix(text, path):
    result = fix(text, path, date="2020-03-22")
    again = fix(result.after.text, path, date="2020-03-22")
    assert again.applied == 0 and again.after.text == result.after.text
    assert _BREAKS.findall(result.after.text) == _BREAKS.findall(text)
    before, after = Document.from_text(text, path), result.after
    fixable = {line for v in result.found if v.fix for e in v.fix
               for line in range(before.position(e.start)[0], before.position(e.end)[0] + 1)}
    for number in range(1, before.line_count + 1):
        if number not in fixable:
            assert after.line_text(number) == before.line_text(number)


# --- the command line ----------------------------------------------------------------------------
def test_fix_writes_the_story_reports_what_is_left_and_exits_1(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    result = run_cli("lint", "--fix", str(story))
    assert story.read_text(encoding="utf-8") == FIXED
    assert result.returncode == 1  # the dateline is still missing: --fix does not hide it
    assert result.stdout.decode().splitlines() == [
        f"{story}:1:1: {DATELINE}",
        "",
        "Found 1 problem (1 warning) in 1 of 1 file checked.",
        "Applied 3 fixes to 1 file.",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["rusia.txt"]


def test_fix_exits_0_when_nothing_at_the_threshold_is_left_and_never_touches_a_story_without_fix(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    clean = tmp_path / "banjir.txt"
    clean.write_bytes((FIXTURE.parent / "jakarta-banjir-2024.txt").read_bytes())
    before = os.stat(clean)
    result = run_cli("lint", "--fix", "--fail-on", "error", str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert result.stdout.decode().splitlines()[-1] == "Applied 3 fixes to 1 file."
    after = os.stat(clean)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    again = run_cli("lint", "--fix", "--fail-on", "error", str(tmp_path))
    assert again.stdout.decode().splitlines()[-1] == "No fixes applied."


def test_fix_count_goes_to_stderr_after_a_json_report(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    result = run_cli("lint", "--fix", "--format", "json", str(story))
    assert result.stdout.decode().lstrip().startswith("{")
    assert result.stderr.decode() == "Applied 3 fixes to 1 file.\n"


def test_diff_prints_the_fixes_writes_nothing_and_exits_1(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    result = run_cli("lint", "--diff", str(story))
    assert result.returncode == 1
    assert story.read_text(encoding="utf-8") == BROKEN
    lines = result.stdout.decode().splitlines()
    old, new = BROKEN.splitlines(), FIXED.splitlines()
    assert lines[:3] == [f"--- {story}", f"+++ {story}", "@@ -1,8 +1,8 @@"]
    assert lines[3:5] == ["-" + old[0], "+" + new[0]]
    assert lines[8:10] == ["-" + old[4], "+" + new[4]]
    assert result.stderr.decode() == "Would apply 3 fixes to 1 file.\n"
    clean = tmp_path / "clean.txt"
    clean.write_text(FIXED, encoding="utf-8")
    nothing = run_cli("lint", "--diff", str(clean))
    assert (nothing.returncode, nothing.stdout, nothing.stderr.decode()) == (0, b"", "No fixes to apply.\n")


def test_fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr():
    data = ("\ufeffJakarta (ANTARA) - Presiden Vladimir Puttin tiba.\r\n"
            "Pewarta: A\r\nEditor: B\r\nCopyright © ANTARA 2020\r\n")
    result = run_cli("lint", "--fix", "--stdin-filename", "berita.txt", "-", input=data.encode("utf-8"))
    assert result.stdout == data.replace("Puttin", "Putin").encode("utf-8")
    assert result.stderr.decode() == "No problems found (1 file checked).\nApplied 1 fix to 1 file.\n"
    assert result.returncode == 0


def test_fix_on_stdin_too_large_to_read_prints_nothing_on_stdout():
    """Standard output is the story's, as in a filter (`newslint lint --fix - < a > b`): input that
    cannot be read whole gives no text there, and the report still goes to standard error."""
    data = "Jakarta (ANTARA) - Presiden Vladimir Puttin tiba di Roma pada Sabtu (21/3).\n".encode()
    result = run_cli("lint", "--fix", "--max-file-size", "50", "-", input=data)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        "-:1:1: error NL001 too large: more than 50 bytes (the limit is set by --max-file-size); not read", "",
        "Found 1 problem (1 error) in 1 of 1 file checked.", "No fixes applied."]


def test_standard_input_can_be_given_only_once():
    for args in (["--fix", "-", "-"], ["-", "-"]):
        result = run_cli("lint", *args, input=b"Jakarta (ANTARA) - Isi.\n")
        assert result.returncode == 2 and result.stdout == b""
        assert "- (standard input) can be given only once" in result.stderr.decode()


def test_overlapping_rules_of_a_desk_pack_through_the_cli(tmp_path):
    desk = tmp_path / "desk.yaml"
    rule = "  - id: {}\n    kind: substitution\n    swap: {{{}: {}}}\n    message: 'tulis {{expected}}'\n"
    rules = [("X1", "Puttin", "Putin"), ("X2", "Vladimir Puttin", "Vladimir Putin"),
             ("X3", "Presiden Vladimir", "Presiden Wladimir")]
    desk.write_text("rules:\n" + "".join(rule.format(*r) for r in rules), encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text("Presiden Vladimir Puttin tiba.\n", encoding="utf-8")
    # X3 starts first and wins; X2 overlaps it; X1 (a separate span) is fixed in the same pass.
    result = run_cli("lint", "--fix", "--pack", str(desk), str(story))
    assert story.read_text(encoding="utf-8") == "Presiden Wladimir Putin tiba.\n"
    assert result.returncode == 0 and result.stdout.decode().splitlines()[-1] == "Applied 2 fixes to 1 file."


SWAPS_BACK_AND_FORTH = ("rules:\n"
                        "  - id: X1\n    kind: substitution\n    swap: {Prancis: Perancis}\n    message: 'tulis {expected}'\n"
                        "  - id: X2\n    kind: substitution\n    swap: {Perancis: Prancis}\n    message: 'tulis {expected}'\n")


def test_fixes_that_undo_one_another_are_refused_not_applied_back_and_forth(tmp_path):
    desk = tmp_path / "desk.yaml"
    desk.write_text(SWAPS_BACK_AND_FORTH, encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text("Presiden Prancis tiba.\n", encoding="utf-8")
    result = run_cli("lint", "--fix", "--no-color", "--pack", str(desk), str(story))
    assert story.read_text(encoding="utf-8") == "Presiden Prancis tiba.\n"
    assert result.returncode == 2
    assert result.stdout.decode().splitlines() == [
        f"{story}:1:1: error NL005 fixes not written: the fixes of X1, X2 never settle (they undo one another "
        "or keep changing the text); nothing was fixed",
        f"{story}:1:10: warning X1 tulis Perancis",
        "",
        "Found 2 problems (1 error, 1 warning) in 1 of 1 file checked.",
        "No fixes applied; 1 file could not be written (NL005).",
    ]


WRAPPED = ("---\r\ndate: 2020-03-22\r\n---\r\n"
           "Moskow (ANTARA) - Perdana Menteri Italia Guiseppe\r\nConte berbicara dengan Presiden Vladimir\r\n"
           "Puttin pada Sabtu (21/3).\r\n\r\nPewarta: A\r\nEditor: B\r\nCopyright © ANTARA 2020\r\n")


def test_a_name_wrapped_at_a_line_end_is_fixed_in_place_and_the_line_end_kept(tmp_path):
    """Markdown paragraphs are wrapped lines: a name can break at a line end. Its fix keeps the
    break, so no line moves; the report quotes the name's first line, without the CR."""
    story = tmp_path / "s.md"
    story.write_bytes(WRAPPED.encode("utf-8"))
    found = run_cli("lint", "--no-color", str(story)).stdout.decode().splitlines()
    assert found[:2] == [f'{story}:4:42: error AN401 Ejaan "Guiseppe" salah: tulis "Giuseppe Conte"',
                         f'{story}:5:33: error AN401 Ejaan "Vladimir" salah: tulis "Vladimir Putin"']
    result = run_cli("lint", "--fix", str(story))
    assert result.returncode == 0, result.stdout
    assert story.read_bytes() == WRAPPED.replace("Guiseppe", "Giuseppe").replace("Puttin", "Putin").encode("utf-8")


def test_a_fix_whose_words_cannot_keep_the_line_end_is_not_offered(tmp_path):
    desk = tmp_path / "desk.yaml"
    desk.write_text("rules:\n  - id: DK1\n    kind: substitution\n    swap: {Presiden Jokowi: Presiden Joko Widodo}\n"
                    "    message: 'tulis {expected}'\n", encoding="utf-8")
    story = tmp_path / "s.md"
    text = "Rapat dipimpin Presiden\r\nJokowi di Istana.\r\n"
    story.write_bytes(text.encode("utf-8"))
    report = json.loads(run_cli("lint", "--format", "json", "--pack", str(desk), str(story)).stdout)
    assert [(v["rule"], v["line"], v["column"], v["fix"]) for v in report["violations"]] == [("DK1", 1, 16, None)]
    run_cli("lint", "--fix", "--pack", str(desk), str(story))
    assert story.read_bytes() == text.encode("utf-8")


UNCLOSED = ("---\ntitle: Rusia kirim bantuan medis\n\n"
            "Moskow (ANTARA) - Rusia mencaplok Krimea pada 2014---meskipun sanksi itu tetap ada.\n\n"
            "Teriring cinta dari Rusia\n=========================\n\nTim itu termasuk spesialis militer.\n\n* * *\n\n"
            "Pewarta: A\nEditor: B\nCopyright © ANTARA 2020\n")
BREAKS = ("---\ndate: 2020-03-22\n---\n\nMoskow (ANTARA) - Rusia mencaplok Krimea pada 2014---meskipun sanksi itu.\n\n"
          "Teriring cinta dari Rusia\n---\n\nTim itu termasuk spesialis militer.\n\n___\n\n"
          "| Bantuan | Jumlah |\n| --- | ---: |\n| Pesawat | 9 |\n\n"
          "Pewarta: A\nEditor: B\nCopyright © ANTARA 2020\n")


@pytest.mark.parametrize("text", [UNCLOSED, BREAKS])
def test_markdown_markup_lines_are_not_copy_and_never_fixed(tmp_path, text):
    """`---` on a line of its own is Markdown (a thematic break, a heading's underline, the fence
    of front matter that never closes), not a dash to fix; the `---` inside a sentence is."""
    story = tmp_path / "s.md"
    story.write_text(text, encoding="utf-8")
    result = run_cli("lint", "--fix", "--no-color", "--select", "AN503", str(story))
    assert story.read_text(encoding="utf-8") == text.replace("2014---meskipun", "2014—meskipun")
    report = result.stdout.decode().splitlines()
    if text is UNCLOSED:  # the fence is still there to be closed
        assert report[0] == f"{story}:1:1: error NL002 front matter opened with '---' is never closed"
    else:
        assert result.returncode == 0 and report[-1] == "Applied 1 fix to 1 file."


def test_fixes_that_never_settle_name_only_the_rules_that_undo_one_another(tmp_path):
    """AN502 fixes `10%` once and is done: NL005 names X1 and X2, whose fixes go round, not it."""
    desk = tmp_path / "desk.yaml"
    desk.write_text(SWAPS_BACK_AND_FORTH, encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text("Moskow (ANTARA) - Harga roti di Prancis naik 10%.\n", encoding="utf-8")
    result = run_cli("lint", "--fix", "--no-color", "--pack", "antara", "--pack", str(desk), str(story))
    assert story.read_text(encoding="utf-8") == "Moskow (ANTARA) - Harga roti di Prancis naik 10%.\n"
    assert f"{story}:1:1: error NL005 fixes not written: the fixes of X1, X2 never settle" in result.stdout.decode()


def test_unreadable_stdin_with_fix_comes_back_unchanged_and_is_reported():
    data = "Jakarta (ANTARA) - Presiden Vladimir Puttin tiba di Paris.\n".encode("cp1252") + b"\xe9\n"
    result = run_cli("lint", "--fix", "--stdin-filename", "berita.txt", "-", input=data)
    assert result.returncode == 2
    assert result.stdout == data
    assert result.stderr.decode().startswith("berita.txt:1:1: error NL001 not valid UTF-8 (byte 59: 0xe9)")
