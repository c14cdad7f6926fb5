"""Each output format and `--statistics` through the real entry point, as a CI job runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from test_report_formats import BINARY, JUNIT, NUL_MESSAGE, SARIF, STORY

FORMATS = ("text", "concise", "json", "json-lines", "github", "sarif", "junit")


def desk(tmp_path: Path) -> Path:
    """A desk's checkout: one story with four violations, one clean story."""
    (tmp_path / "berita").mkdir()
    (tmp_path / "berita" / "roma.txt").write_text(STORY, encoding="utf-8")
    clean = STORY.replace("Guiseppe", "Giuseppe").replace("(22/3)", "(21/3)").replace("18:00", "18.00 WIB")
    (tmp_path / "berita" / "bersih.txt").write_text(clean.replace("---", "—"), encoding="utf-8")
    return tmp_path


def lint(tmp_path: Path, *args: str):
    result = run_cli("lint", *args, cwd=tmp_path)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def test_every_format_is_offered():
    help_text = run_cli("lint", "--help").stdout.decode()
    for name in FORMATS:
        assert name in help_text
    assert "--statistics" in help_text


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_end_to_end(tmp_path, name):
    folder = desk(tmp_path)
    code, out, err = lint(folder, "--format", name, str(folder / "berita"))  # absolute path, run from the root
    assert code == 1 and err == ""
    if name in ("text", "concise"):
        lines = out.splitlines()
        assert lines[0] == f'{folder}/berita/roma.txt:1:40: error AN401 Ejaan "Guiseppe Conte" salah: tulis "Giuseppe Conte"'
        assert len([line for line in lines if ": " in line and "/roma.txt:" in line]) == 4
        assert (lines[-1] == "Found 4 problems (2 errors, 1 warning, 1 info) in 1 of 2 files checked.") == (name == "text")
    elif name == "json":
        data = json.loads(out)
        assert data["version"] == 1 and data["files_checked"] == 2
        assert [v["rule"] for v in data["violations"]] == ["AN401", "AN201", "AN202", "AN503"]
    elif name == "json-lines":
        assert [json.loads(line)["column"] for line in out.splitlines()] == [40, 94, 32, 52]
    elif name == "github":
        assert out.splitlines()[3] == ('::notice file=berita/roma.txt,line=2,col=52,endLine=2,endColumn=55,title=AN503::'
                                       'Tanda pisah ditulis "—", bukan "---"')
    elif name == "sarif":
        log = json.loads(out)
        SARIF.validate(log)
        results = log["runs"][0]["results"]
        assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == ["berita/roma.txt"] * 4
        assert [r["level"] for r in results] == ["error", "error", "warning", "note"]
    else:
        JUNIT.validate(out)
        assert '<testsuite name="berita/roma.txt" tests="4" failures="4" errors="0" skipped="0"' in out


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_on_a_clean_story_exits_0(tmp_path, name):
    folder = desk(tmp_path)
    code, out, _ = lint(folder, "--format", name, "berita/bersih.txt")
    assert code == 0
    expected = {"text": "No problems found (1 file checked).\n", "concise": "", "json-lines": "", "github": ""}
    if name in expected:
        assert out == expected[name]
    elif name == "json":
        assert json.loads(out)["violations"] == [] and json.loads(out)["summary"] == {"total": 0}
    elif name == "sarif":
        SARIF.validate(json.loads(out))
        assert json.loads(out)["runs"][0]["results"] == []
    else:
        JUNIT.validate(out)
        assert '<testcase name="no problems in 1 file" classname="newslint" />' in out


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_reports_an_unreadable_file_and_exits_2(tmp_path, name):
    folder = desk(tmp_path)
    (folder / "berita" / "foto.txt").write_bytes(BINARY)
    code, out, _ = lint(folder, "--format", name, "berita/foto.txt")
    assert code == 2
    assert NUL_MESSAGE in out
    if name == "sarif":
        SARIF.validate(json.loads(out))
    elif name == "junit":
        JUNIT.validate(out)
        assert 'errors="1"' in out and "<error " in out
    elif name == "github":
        assert out.startswith("::error file=berita/foto.txt,line=1,col=1,endLine=1,endColumn=1,title=NL001::")


def test_statistics_replace_the_listing_and_keep_the_exit_code(tmp_path):
    folder = desk(tmp_path)
    code, out, err = lint(folder, "--statistics", "berita")
    assert code == 1 and err == ""
    assert out.splitlines() == [
        "1  AN201  error    Hari dan tanggal harus cocok: Sabtu (21/3) pada berita 2020 benar, Sabtu (22/3) salah.",
        "1  AN202  warning  Gaya ANTARA menulis waktu dengan titik dan zona waktu, misalnya \"pukul 18.00 WIB\".",
        "1  AN401  error    Nama orang, tempat dan lembaga ditulis sesuai kamus nama ANTARA (rules/names/id.yaml).",
        "1  AN503  info     Tiga tanda hubung berturut-turut adalah sisa penyuntingan; tanda pisah ditulis \"—\".",
        "",
        "Found 4 problems (2 errors, 1 warning, 1 info) in 1 of 2 files checked.",
    ]
    code, out, _ = lint(folder, "--statistics", "--select", "AN5", "--fail-on", "warning", "-q", "berita")
    assert code == 0 and out == "1  AN503  info     Tiga tanda hubung berturut-turut adalah sisa penyuntingan; tanda pisah ditulis \"—\".\n"


def test_statistics_go_to_stderr_when_the_output_is_parsed(tmp_path):
    folder = desk(tmp_path)
    code, out, err = lint(folder, "--statistics", "--format", "sarif", "--select", "AN4", "berita")
    assert code == 1
    SARIF.validate(json.loads(out))
    assert err == "1  AN401  error    Nama orang, tempat dan lembaga ditulis sesuai kamus nama ANTARA (rules/names/id.yaml).\n"


def test_a_file_name_that_is_not_utf8_keeps_json_and_sarif_valid(tmp_path):
    """Linux file names are bytes: JSON gets U+FFFD for what is not UTF-8, SARIF the bytes
    percent-encoded, and a line-per-violation format stays one line per violation."""
    (tmp_path / "berita").mkdir()
    name = b"caf\xe9.txt"
    (tmp_path / "berita" / name.decode("utf-8", "surrogateescape")).write_text(STORY, encoding="utf-8")
    (tmp_path / "berita" / "baris\nbaru.txt").write_text(STORY, encoding="utf-8")
    for fmt in ("json", "sarif"):
        result = run_cli("lint", "--format", fmt, "berita", cwd=tmp_path)
        assert result.returncode == 1 and result.stderr == b"", result.stderr
        data = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8: raises on a raw 0xE9
        if fmt == "json":
            assert {v["path"] for v in data["violations"]} == {"berita/caf\ufffd.txt", "berita/baris\nbaru.txt"}
        else:
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in data["runs"][0]["results"]}
            assert uris == {"berita/caf%E9.txt", "berita/baris%0Abaru.txt"}
    concise = run_cli("lint", "--format", "concise", "berita", cwd=tmp_path).stdout.split(b"\n")
    assert all(line.startswith(b"berita/") for line in concise if line)
