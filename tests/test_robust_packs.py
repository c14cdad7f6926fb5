"""Broken and hostile rule packs through the real CLI: one line on stderr naming file, line and key,
exit 2, no traceback, no file read or changed; slow patterns stopped per rule while the run goes on.

`tests/test_packs.py` checks the loader's errors in-process; here the same families (and the ones
it lacks) are run as a user runs them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from robustness import STORY_FINDINGS, STORY_LINES, assert_clean_exit, findings, messages, snapshot, story, write_good

from newslint.checks import KINDS

RULE = "rules:\n  - id: X1\n    kind: forbidden\n    pattern: 'bahwasanya'\n    message: 'Hindari \"{match}\"'\n"
BOMB = "\n".join(['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
                 + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]) + "\n"


@pytest.mark.parametrize("text, where, problem", [
    ("rules:\n  - id: X1\n    kind: [forbidden\n", "4", "YAML syntax error: did not find expected ',' or ']'"),
    ("rules:\n\t- id: X1\n", "2", "YAML syntax error: found character that cannot start any token"),
    (RULE + "    pattern: 'lagi'\n", "6: 'pattern'", "duplicate key (first on line 4)"),
    (RULE.replace("pattern", "patern"), "4: 'patern'", "unknown key in a rule of kind 'forbidden' (did you mean 'pattern'?)"),
    (RULE + "    enabled: 'ya'\n", "6: 'enabled'", "expected true or false, got text 'ya'"),
    (RULE.replace("id: X1", "id: 12"), "2: 'id'", "expected text, got int 12"),
    ("rules: {id: X1}\n", "1: 'rules'", "expected a list, got a mapping"),
    (RULE.replace("forbidden", "terlarang"), "3: 'kind'", "unknown kind 'terlarang'; kinds are: " + ", ".join(sorted(KINDS))),
    ("extends: hilang.yaml\n" + RULE, "1: 'extends'", "cannot extend: pack file not found: {folder}/hilang.yaml"),
    ("", "", "the pack is empty: it needs `rules:` (or `names:` for a names dictionary)"),
    ("# hanya komentar\n", "", "the pack is empty: it needs `rules:` (or `names:` for a names dictionary)"),
    ("name: desk\n", "1", "the pack has no rules: add `rules:`, `names:` or `extends:`"),
    ("- a\n- b\n", "1", "a pack must be a mapping of keys to values, not a list"),
    ("rules: !!python/object/apply:os.system ['echo owned']\n", "1",
     "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: rule packs hold plain data only"),
    (BOMB, "1", "the file expands to more than 500,000 values (a YAML alias bomb?); refused"),
    ("rules: " + "[" * 3000 + "]" * 3000 + "\n", "1", "YAML syntax error: exceeded maximum nesting depth"),
    (RULE.replace("'bahwasanya'", "'(unclosed'"), "4: 'pattern'", "invalid regular expression: missing ) at position 9"),
    (RULE.replace("'bahwasanya'", "'(?<=a+)b['"), "4: 'pattern'", "invalid regular expression: unterminated character set at position 9"),
    (RULE.replace("'bahwasanya'", "'x{2,1}'"), "4: 'pattern'", "invalid regular expression: min repeat greater than max repeat at position 2"),
], ids=["syntax", "tabs", "duplicate-key", "unknown-key", "wrong-type", "id-not-text", "rules-not-list", "unknown-kind",
        "extends-missing", "empty", "only-comments", "no-rules", "not-a-mapping", "python-object", "alias-bomb",
        "deep-nesting", "regex-unclosed", "regex-class", "regex-repeat"])
def test_a_broken_pack_is_one_line_naming_file_line_and_key(tmp_path, text, where, problem):
    pack = tmp_path / "desk.yaml"
    pack.write_text(text, encoding="utf-8")
    good = write_good(tmp_path)
    before = snapshot(tmp_path)
    result = run_cli("lint", "--pack", str(pack), str(good))
    assert snapshot(tmp_path) == before
    assert_clean_exit(result, 2)
    assert result.stdout == b""
    location = f"{pack}:{where}: " if where else f"{pack}: "
    assert result.stderr.decode("utf-8").splitlines() == [f"newslint: error: {location}{problem.format(folder=tmp_path)}"]


@pytest.mark.parametrize("data, where, problem", [
    (b"name: caf\xe9\n", "1", "not valid UTF-8 (byte 9): save the pack as UTF-8"),
    (b"rules:\n  - \x00\x01\n", "2", "not a YAML text: control characters are not allowed (character #x0000)"),
], ids=["latin-1", "binary"])
def test_a_pack_that_is_not_utf8_text(tmp_path, data, where, problem):
    pack = tmp_path / "desk.yaml"
    pack.write_bytes(data)
    result = run_cli("lint", "--pack", str(pack), str(write_good(tmp_path)))
    assert_clean_exit(result, 2)
    assert result.stderr.decode().splitlines() == [f"newslint: error: {pack}:{where}: {problem}"]


def test_an_extends_cycle_names_the_pack_that_closes_it(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n" + RULE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: b\nextends: [antara, a.yaml]\n", encoding="utf-8")
    result = run_cli("lint", "--pack", str(tmp_path / "a.yaml"), str(write_good(tmp_path)))
    assert_clean_exit(result, 2)
    assert result.stderr.decode().splitlines() == [
        f"newslint: error: {tmp_path / 'b.yaml'}:2: 'extends': makes a cycle: {tmp_path / 'a.yaml'} -> {tmp_path / 'b.yaml'} -> {tmp_path / 'a.yaml'}"]


@pytest.mark.parametrize("command", [["rules"], ["explain", "X1"], ["test-rules"]])
def test_every_command_reports_a_broken_pack_the_same_way(tmp_path, command):
    pack = tmp_path / "desk.yaml"
    pack.write_text(RULE.replace("forbidden", "terlarang"), encoding="utf-8")
    args = [*command, str(pack)] if command == ["test-rules"] else [*command, "--pack", str(pack)]
    result = run_cli(*args)
    assert_clean_exit(result, 2)
    assert len(result.stderr.decode().splitlines()) == 1 and f"{pack}:3: 'kind': unknown kind" in result.stderr.decode()


# --- patterns that are slow on purpose --------------------------------------------------------

def _pack(tmp_path: Path, pattern: str, rule_id: str = "SLOW", scope: str = "paragraph") -> Path:
    pack = tmp_path / "lambat.yaml"
    pack.write_text(f"extends: antara\nrules:\n  - id: {rule_id}\n    kind: forbidden\n    scope: {scope}\n"
                    f"    pattern: '{pattern}'\n    message: 'pola lambat: {{match}}'\n", encoding="utf-8")
    return pack


def _adversarial(tmp_path: Path, line: str, copies: int = 1) -> Path:
    """The story with hostile lines inserted as paragraphs after line 3 (the trailer stays last)."""
    bad = tmp_path / "serangan.txt"
    bad.write_text("\n".join(STORY_LINES[:3] + [line] * copies + STORY_LINES[3:]) + "\n", encoding="utf-8")
    return bad


@pytest.mark.parametrize("pattern, line", [
    (r"(a+)+$", "Warga menulis " + "a" * 5000 + "!"),
    (r"(\w+\s?)*:", "kata " * 2000 + "!:"),
    (r"(a|aa)+$", "Warga menulis " + "a" * 60 + "b"),
], ids=["nested-plus", "words-then-colon", "overlapping-alternatives"])
def test_a_catastrophic_pattern_is_stopped_and_the_run_goes_on(tmp_path, pattern, line):
    # each would run for minutes (or years) on this line; the rule is stopped after its 0.5 s
    bad = _adversarial(tmp_path, line)
    good = write_good(tmp_path)
    pack = _pack(tmp_path, pattern)
    before = snapshot(tmp_path)
    result = run_cli("lint", "-q", "--no-color", "--pack", str(pack), "--timeout", "0.5", str(bad), str(good))
    assert snapshot(tmp_path) == before
    assert_clean_exit(result, 2)
    assert findings(result, bad) == [(1, 1, "NL003")] + STORY_FINDINGS  # every other rule still ran
    assert messages(result, bad, "NL003") == [
        f"rule SLOW took longer than 0.5 s on this file and was stopped; simplify its pattern ({tmp_path / 'lambat.yaml'}:3)"]
    assert findings(result, good) == STORY_FINDINGS  # and the next file too


def test_the_time_limit_is_for_the_whole_rule_not_each_call(tmp_path):
    # each line costs the pattern about 10 ms, far below the limit; 400 of them cost seconds
    bad = _adversarial(tmp_path, "a" * 22 + "b", copies=400)
    result = run_cli("lint", "-q", "--no-color", "--pack", str(_pack(tmp_path, "(a|aa)+$")), "--timeout", "0.5", str(bad))
    assert_clean_exit(result, 2)
    assert (1, 1, "NL003") in findings(result, bad)


@pytest.mark.parametrize("pattern, line, expected", [
    (r"(a+)+$", "Warga menulis aaaa", [(4, 15, "SLOW")]),
    (r"(\w+\s?)*:", "Ringkasan kata kata kata: selesai", [(4, 1, "SLOW")]),
    (r"(\w+\s?)*:", " ".join(["kata"] * 3000) + " tanpa titik dua", []),  # the regex module sees no colon: no search
], ids=["nested-plus", "words-then-colon", "no-colon-at-all"])
def test_the_same_patterns_on_ordinary_copy_give_their_findings(tmp_path, pattern, line, expected):
    bad = _adversarial(tmp_path, line)
    result = run_cli("lint", "-q", "--no-color", "--pack", str(_pack(tmp_path, pattern)), "--timeout", "5", str(bad))
    assert_clean_exit(result, 1)
    assert [f for f in findings(result, bad) if f[2] == "SLOW"] == expected


def test_a_pattern_with_ten_thousand_alternatives_compiles_and_runs(tmp_path):
    words = [f"katakunci{i:05d}" for i in range(10_000)]
    bad = _adversarial(tmp_path, "Dokumen itu menyebut katakunci04321 dan katakunci09999 saja.")
    result = run_cli("lint", "-q", "--no-color", "--pack", str(_pack(tmp_path, r"\b(?:" + "|".join(words) + r")\b")),
                     "--timeout", "30", str(bad))
    assert_clean_exit(result, 1)
    assert [f for f in findings(result, bad) if f[2] == "SLOW"] == [(4, 22, "SLOW"), (4, 41, "SLOW")]


def test_patterns_see_line_starts_in_cr_only_copy(tmp_path):
    pack = tmp_path / "awal.yaml"
    pack.write_text("rules:\n  - id: START\n    kind: forbidden\n    scope: document\n    pattern: '^Italia'\n"
                    "    message: 'baris dibuka dengan Italia'\n", encoding="utf-8")
    bad = tmp_path / "mac.txt"
    bad.write_bytes(story("\r").encode("utf-8"))
    result = run_cli("lint", "-q", "--no-color", "--pack", str(pack), str(bad))
    assert_clean_exit(result, 1)
    assert findings(result, bad) == [(3, 1, "START")]


# --- internal errors --------------------------------------------------------------------------

FAULT = '''
import os
if os.environ.get("NEWSLINT_TEST_FAULT") == "date-check":
    import newslint.checks.date as date

    def check(doc, rule, ctx):
        raise ZeroDivisionError("injected")
        yield

    date.check = check
'''


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(tmp_path):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)]), "NEWSLINT_TEST_FAULT": "date-check"}
    good = write_good(tmp_path)
    # --no-cache: the fault is injected at run time, so a stored result of the same story from an
    # earlier test (same code files, same configuration) would be served instead of linting it.
    result = run_cli("lint", "-q", "--no-color", "--no-cache", str(good), env=env)
    assert_clean_exit(result, 2)
    assert findings(result, good) == [(1, 1, "NL004"), (2, 97, "AN401"), (3, 37, "AN503")]
    assert messages(result, good, "NL004") == ["rule AN201 failed: ZeroDivisionError: injected (run with --debug for details)"]
    assert result.stderr == b""
    debug = run_cli("lint", "-q", "--debug", "--no-cache", str(good), env=env)
    assert debug.returncode == 2
    err = debug.stderr.decode()
    assert err.startswith("Traceback (most recent call last):") and err.rstrip().endswith("ZeroDivisionError: injected")


# --- configuration files ------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, problem", [
    (".newslint.yaml", b"select: [AN1\n  - x\n", "3: YAML syntax error: did not find expected ',' or ']'"),
    (".newslint.yaml", b"select: [AN1]\nselect: [AN2]\n", "2: 'select': duplicate key (first on line 1)"),
    (".newslint.yaml", b"rules: !!python/object/apply:os.system ['echo owned']\n",
     "1: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: rule packs hold plain data only"),
    (".newslint.yaml", BOMB.encode(), "1: the file expands to more than 500,000 values (a YAML alias bomb?); refused"),
    (".newslint.yaml", b"select: [AN1]\x00\n", "1: not a YAML text: control characters are not allowed (character #x0000)"),
    ("pyproject.toml", b"[tool.newslint\nselect = 1\n",
     "1: TOML syntax error: Expected ']' at the end of a table declaration (at line 1, column 15)"),
], ids=["yaml-syntax", "duplicate-key", "python-object", "alias-bomb", "control-character", "toml-syntax"])
def test_a_broken_configuration_is_one_line_naming_file_and_line(tmp_path, name, data, problem):
    (tmp_path / ".git").mkdir()  # discovery stops at the repository root
    (tmp_path / name).write_bytes(data)
    good = write_good(tmp_path)
    result = run_cli("lint", str(good))
    assert_clean_exit(result, 2)
    assert result.stdout == b""
    assert result.stderr.decode().splitlines() == [f"newslint: error: {tmp_path / name}:{problem}"]


def test_a_fifo_where_the_configuration_would_be_is_not_read(tmp_path):
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / ".newslint.yaml")  # reading it would block forever
    good = write_good(tmp_path)
    result = run_cli("lint", "-q", "--no-color", str(good))
    assert_clean_exit(result, 1)
    assert findings(result, good) == STORY_FINDINGS


@pytest.mark.parametrize("limit", ["inf", "1e300", "0"])
def test_a_time_limit_beyond_what_regex_accepts_means_no_limit(tmp_path, limit):
    # the regex module times out at once when handed a time-out past about 1e12 s
    good = write_good(tmp_path)
    result = run_cli("lint", "-q", "--no-color", "--timeout", limit, str(good))
    assert_clean_exit(result, 1)
    assert findings(result, good) == STORY_FINDINGS
