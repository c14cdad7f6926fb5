"""Baselines through the real CLI: recorded violations stay quiet, new ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURE, run_cli

STORY = FIXTURE.read_text(encoding="utf-8")  # AN101 at 1:1, AN503 at 5:261
BAD = STORY.replace("Sabtu (21/3)", "Sabtu (22/3)")  # and AN201 at 1:172
EXTRA = "Italia menjadi negara Eropa yang paling parah terdampak wabah virus corona sejauh ini."


def archive(tmp_path: Path) -> Path:
    root = tmp_path / "arsip"
    (root / ".git").mkdir(parents=True)
    (root / "2020").mkdir()
    (root / "2020" / "rusia.txt").write_text(BAD, encoding="utf-8")
    (root / "2020" / "salinan.txt").write_text(STORY, encoding="utf-8")
    return root


def lint(root: Path, *options: str) -> tuple[int, list[str]]:
    result = run_cli("lint", "--no-color", "-q", *options, "2020", cwd=root)
    assert not result.stderr or result.returncode != 2, result.stderr
    return result.returncode, result.stdout.decode().splitlines()


def test_write_then_nothing_new(tmp_path):
    root = archive(tmp_path)
    result = run_cli("lint", "--write-baseline", "baseline.json", "2020", cwd=root)
    assert result.returncode == 0
    assert result.stderr.decode() == "newslint: wrote 5 violations to the baseline baseline.json\n"
    data = json.loads((root / "baseline.json").read_text(encoding="utf-8"))
    assert data["format"] == "newslint-baseline" and data["version"] == 1
    assert data["violations"][1] == {
        "rule": "AN201", "file": "2020/rusia.txt", "text": "Sabtu (22/3)",
        "context": " ".join(BAD.splitlines()[0].split()), "occurrence": 1}
    assert [(e["file"], e["rule"]) for e in data["violations"]] == [
        ("2020/rusia.txt", "AN101"), ("2020/rusia.txt", "AN201"), ("2020/rusia.txt", "AN503"),
        ("2020/salinan.txt", "AN101"), ("2020/salinan.txt", "AN503")]
    assert lint(root, "--baseline", "baseline.json") == (0, [])


def test_writing_a_baseline_names_the_files_it_could_not_read(tmp_path):
    """Exit 2 says some file was not recorded: the same lines as a report say which, and why."""
    root = archive(tmp_path)
    (root / "2020" / "latin1.txt").write_bytes("Jakarta (ANTARA) - Caf\xe9.\n".encode("latin-1"))
    result = run_cli("lint", "--write-baseline", "baseline.json", "2020", cwd=root)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        "2020/latin1.txt:1:1: error NL001 not valid UTF-8 (byte 22: 0xe9) on line 1; newslint reads UTF-8, and UTF-16 "
        "with a byte-order mark: convert the file, e.g. `iconv -f WINDOWS-1252 -t UTF-8`",
        "newslint: wrote 5 violations to the baseline baseline.json"]


def test_written_baseline_is_stable_and_relative_to_its_folder(tmp_path):
    root = archive(tmp_path)
    run_cli("lint", "--write-baseline", "b1.json", "2020", cwd=root)
    run_cli("lint", "--write-baseline", str(root / "b2.json"), str(root / "2020"), cwd=tmp_path)
    assert (root / "b1.json").read_bytes() == (root / "b2.json").read_bytes()
    # used from another folder, the baseline still knows the files
    result = run_cli("lint", "-q", "--baseline", str(root / "b1.json"), str(root / "2020"), cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == b""


def test_lines_added_above_keep_matching(tmp_path):
    root = archive(tmp_path)
    run_cli("lint", "--write-baseline", "baseline.json", "2020", cwd=root)
    lines = BAD.splitlines(keepends=True)
    lines[1:1] = [EXTRA + "\n", EXTRA.replace("Italia", "Spanyol") + "\n"]  # the AN503 line moves from 5 to 7
    (root / "2020" / "rusia.txt").write_text("".join(lines), encoding="utf-8")
    assert lint(root)[1][2].startswith("2020/rusia.txt:7:261: info AN503 ")
    assert lint(root, "--baseline", "baseline.json") == (0, [])


def test_white_space_changed_early_in_a_long_paragraph_keeps_matching(tmp_path):
    """A paragraph of over 300 characters with its AN503 near the end: a doubled space at its
    start, or a tab, must not make the recorded violation look new."""
    root = archive(tmp_path)
    lines = BAD.splitlines(keepends=True)
    lines[4] = EXTRA + " " + lines[4]  # 380 characters, `---` near the end
    story = root / "2020" / "rusia.txt"
    story.write_text("".join(lines), encoding="utf-8")
    run_cli("lint", "--write-baseline", "baseline.json", "2020", cwd=root)
    lines[4] = lines[4].replace(" ", "  ", 3).replace(" ", "\t", 1)
    story.write_text("".join(lines), encoding="utf-8")
    assert lint(root)[1][2].startswith("2020/rusia.txt:5:")  # the AN503 is still found ...
    assert lint(root, "--baseline", "baseline.json") == (0, [])  # ... and still recorded


def test_changed_matched_text_is_reported(tmp_path):
    root = archive(tmp_path)
    run_cli("lint", "--write-baseline", "baseline.json", "2020", cwd=root)
    (root / "2020" / "rusia.txt").write_text(BAD.replace("Sabtu (22/3)", "Sabtu (23/3)"), encoding="utf-8")
    assert lint(root, "--baseline", "baseline.json") == (1, [
        "2020/rusia.txt:1:172: error AN201 \"Sabtu (23/3)\": 23 Maret 2020 jatuh pada hari Senin, bukan Sabtu"])


def test_a_second_identical_occurrence_is_reported(tmp_path):
    root = archive(tmp_path)
    run_cli("lint", "--write-baseline", "baseline.json", "2020", cwd=root)
    lines = STORY.splitlines(keepends=True)
    lines.insert(5, lines[4])  # the paragraph with "---" twice, word for word
    (root / "2020" / "salinan.txt").write_text("".join(lines), encoding="utf-8")
    code, out = lint(root, "--baseline", "baseline.json", "--fail-on", "info")
    assert (code, out) == (1, ["2020/salinan.txt:6:261: info AN503 Tanda pisah ditulis \"—\", bukan \"---\""])


def test_malformed_baselines_exit_2_with_a_clear_message(tmp_path):
    root = archive(tmp_path)
    cases = {
        "broken.json": ('{"format": "newslint-baseline", "version": 1,\n "violations": [}\n',
                        "broken.json:2: the baseline is not valid JSON: Expecting value"),
        "other.json": ('{"version": 1, "results": []}\n',
                       "other.json: not a newslint baseline (expected \"format\": \"newslint-baseline\"); "
                       "write one with --write-baseline"),
        "future.json": ('{"format": "newslint-baseline", "version": 9, "violations": []}\n',
                        "future.json: baseline version 9 is not supported (this newslint reads version 1); "
                        "write it again with --write-baseline"),
        "entry.json": ('{"format": "newslint-baseline", "version": 1, "violations": [{"rule": "AN101"}]}\n',
                       "entry.json: entry 1 of \"violations\" needs rule, file, text and context (text) and "
                       "occurrence (a whole number from 1)"),
        "nulls.json": ('{"format": "newslint-baseline", "version": 1, "violations": [{"rule": null, "file": null, '
                       '"text": null, "context": null, "occurrence": 1.7}]}\n',
                       "nulls.json: entry 1 of \"violations\" needs rule, file, text and context (text) and "
                       "occurrence (a whole number from 1)"),
        "true.json": ('{"format": "newslint-baseline", "version": true, "violations": []}\n',
                      "true.json: baseline version True is not supported (this newslint reads version 1); "
                      "write it again with --write-baseline"),
    }
    for name, (content, message) in cases.items():
        (root / name).write_text(content, encoding="utf-8")
        result = run_cli("lint", "--baseline", name, "2020", cwd=root)
        assert result.returncode == 2
        assert result.stderr.decode() == f"newslint: error: {message}\n"
        assert result.stdout == b""
    missing = run_cli("lint", "--baseline", "nope.json", "2020", cwd=root)
    assert missing.returncode == 2 and "nope.json: cannot read the baseline" in missing.stderr.decode()
    both = run_cli("lint", "--baseline", "a.json", "--write-baseline", "b.json", "2020", cwd=root)
    assert both.returncode == 2 and "cannot be used together" in both.stderr.decode()


@given(st.text(alphabet=st.sampled_from("ab \t\u00a0\n"), max_size=900))
def test_a_long_text_is_cut_as_if_its_white_space_were_collapsed_first(text):
    """What the baseline keeps of a long match or line (engine._clip) reads only the words it needs."""
    from newslint.engine import _clip

    assert _clip(text, 300) == (text if len(text) <= 300 else " ".join(text.split())[:300])
