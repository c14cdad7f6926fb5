"""The real entry point, in a child process: exit codes, formats, stdin, folders, broken packs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE, ROOT, run_cli


def stories(tmp_path: Path) -> Path:
    folder = tmp_path / "stories"
    (folder / "nested").mkdir(parents=True)
    text = FIXTURE.read_text(encoding="utf-8")
    (folder / "clean.txt").write_text("Moskow (ANTARA) - " + text.replace("---", "—"), encoding="utf-8")
    (folder / "nested" / "bad.txt").write_text(text.replace("Sabtu (21/3)", "Sabtu (22/3)"), encoding="utf-8")
    (folder / "notes.rst").write_text("Sabtu (22/3)", encoding="utf-8")  # not copy: not read
    return folder


def test_clean_story_exits_0(tmp_path):
    folder = stories(tmp_path)
    result = run_cli("lint", str(folder / "clean.txt"))
    assert result.returncode == 0, result.stdout
    assert result.stdout.decode() == "No problems found (1 file checked).\n"


def test_markdown_with_crlf_front_matter_is_clean_copy(tmp_path):
    """Front matter saved with Windows line ends closes like any other: no NL002, and its lines
    are not linted as the story's body."""
    body = "Moskow (ANTARA) - " + FIXTURE.read_text(encoding="utf-8").replace("---", "—")
    text = "---\ntitle: Rusia kirim bantuan ke Italia\ndate: 2020-03-22\n---\n\n" + body
    story = tmp_path / "rusia-italia.md"
    story.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("lint", str(story))
    assert result.returncode == 0, result.stdout
    assert result.stdout.decode() == "No problems found (1 file checked).\n"


def test_folder_is_walked_and_output_sorted(tmp_path):
    folder = stories(tmp_path)
    result = run_cli("lint", "--no-color", str(folder))
    out = result.stdout.decode().splitlines()
    assert result.returncode == 1
    bad = str(folder / "nested" / "bad.txt")
    assert out[:3] == [
        f"{bad}:1:1: warning AN101 Dateline tidak ada: paragraf pertama dibuka dengan \"Kota (ANTARA) - \"",
        f"{bad}:1:172: error AN201 \"Sabtu (22/3)\": 22 Maret 2020 jatuh pada hari Minggu, bukan Sabtu",
        f"{bad}:5:261: info AN503 Tanda pisah ditulis \"—\", bukan \"---\"",
    ]
    assert out[-1] == "Found 3 problems (1 error, 1 warning, 1 info) in 1 of 2 files checked."


def test_fail_on_threshold(tmp_path):
    folder = stories(tmp_path)
    only_warning = folder / "w.txt"
    only_warning.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")  # AN101 warning + AN503 info
    assert run_cli("lint", str(only_warning)).returncode == 1
    assert run_cli("lint", "--fail-on", "error", str(only_warning)).returncode == 0
    assert run_cli("lint", "--fail-on", "info", "--ignore", "AN101", str(only_warning)).returncode == 1
    assert run_cli("lint", "--ignore", "AN101", str(only_warning)).returncode == 0


def test_stdin_with_a_name(tmp_path):
    text = FIXTURE.read_bytes().replace(b"Giuseppe Conte pada", b"Guiseppe Conte pada")
    result = run_cli("lint", "-q", "--select", "AN4", "--stdin-filename", "berita.txt", "-", input=text)
    assert result.returncode == 1
    assert result.stdout.decode() == 'berita.txt:1:152: error AN401 Ejaan "Guiseppe Conte" salah: tulis "Giuseppe Conte"\n'


def test_json_output_shape(tmp_path):
    folder = stories(tmp_path)
    result = run_cli("lint", "--format", "json", str(folder / "nested" / "bad.txt"))
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["files_checked"] == 1
    assert data["summary"] == {"total": 3, "error": 1, "warning": 1, "info": 1}
    first = data["violations"][1]
    assert {k: first[k] for k in ("line", "column", "end_line", "end_column", "rule", "severity")} == {
        "line": 1, "column": 172, "end_line": 1, "end_column": 184, "rule": "AN201", "severity": "error"}
    dash = FIXTURE.read_text(encoding="utf-8").index("---")
    assert data["violations"][2]["fix"] == [{"start": dash, "end": dash + 3, "replacement": "—"}]
    assert data["violations"][0]["fix"] is None


def test_broken_pack_exits_2_with_one_clear_line(tmp_path):
    pack = tmp_path / "desk.yaml"
    pack.write_text("rules:\n  - id: X1\n    kind: forbidden\n    pattern: '(oops'\n    message: m\n", encoding="utf-8")
    result = run_cli("lint", "--pack", str(pack), str(FIXTURE))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.startswith(f"newslint: error: {pack}:4: 'pattern': invalid regular expression")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unreadable_file_exits_2_and_others_are_still_linted(tmp_path):
    folder = stories(tmp_path)
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run_cli("lint", "--no-color", str(folder))
    out = result.stdout.decode()
    assert result.returncode == 2
    assert f"{folder / 'binary.txt'}:1:1: error NL001 contains NUL bytes" in out
    assert "AN201" in out


def test_missing_path_and_bad_date_are_errors(tmp_path):
    result = run_cli("lint", str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and "no such file" in result.stdout.decode()
    result = run_cli("lint", "--date", "2020-02-31", str(FIXTURE))
    assert result.returncode == 2 and "not a real date" in result.stderr.decode()


def test_rules_explain_and_version():
    listing = run_cli("rules").stdout.decode()
    assert "AN201" in listing and "date" in listing
    explained = run_cli("explain", "AN201")
    assert explained.returncode == 0 and "Sabtu (22/3)" in explained.stdout.decode()
    assert run_cli("explain", "ZZ999").returncode == 2
    assert run_cli("--version").stdout.decode().startswith("newslint, version ")


def test_test_rules_passes_on_shipped_packs_and_fails_on_a_wrong_example(tmp_path):
    assert run_cli("test-rules").returncode == 0
    pack = tmp_path / "desk.yaml"
    pack.write_text("rules:\n  - id: X1\n    kind: forbidden\n    pattern: 'bahwasanya'\n    message: m\n"
                    "    examples:\n      flag: ['Dia bahwa hujan.']\n      pass: ['Dia berkata bahwasanya hujan.']\n", encoding="utf-8")
    result = run_cli("test-rules", str(pack))
    out = result.stdout.decode()
    assert result.returncode == 1
    assert "does not flag: 'Dia bahwa hujan.'" in out and "flags what it must pass" in out


def test_console_script_is_installed():
    script = shutil.which("newslint", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run([script, "lint", "--fail-on", "error", str(ROOT / "examples" / "jakarta-banjir-2024.txt")],
                            capture_output=True, timeout=60)
    assert result.returncode == 0, result.stdout


def test_no_color_unless_a_terminal(tmp_path):
    folder = stories(tmp_path)
    assert b"\x1b[" not in run_cli("lint", str(folder)).stdout
