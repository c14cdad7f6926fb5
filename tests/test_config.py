"""Configuration through the real CLI: discovery, precedence, per-path packs, errors, `config`, `init`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE, run_cli
from newslint.parallel import lint_paths
from newslint.run import LintRequest
from newslint.engine import RunOptions
from newslint.settings import Plan

STORY = FIXTURE.read_text(encoding="utf-8")  # AN101 at 1:1 (warning) and AN503 at 5:261 (info)
EN_PACK = """\
name: wire-en
language: en
rules:
  - id: EN101
    kind: forbidden
    pattern: '\\bstated\\b'
    message: 'Write "said", not "{match}"'
"""
EN_STORY = "MOSCOW (Reuters) - The Kremlin stated on Sunday that nine military planes would land near Rome.\n"


def repo(tmp_path: Path) -> Path:
    """A desk's repository: a `.git` folder marks where discovery stops."""
    root = tmp_path / "desk"
    (root / ".git").mkdir(parents=True)
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lines(result) -> list[str]:
    return result.stdout.decode().splitlines()


def test_discovered_from_the_story_folder_upward(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "ignore: [AN101]\n")
    story = write(root / "stories" / "2020" / "rusia.txt", STORY)
    result = run_cli("lint", "--no-color", "-q", str(story), cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert lines(result) == [f"{story}:5:261: info AN503 Tanda pisah ditulis \"—\", bukan \"---\""]


def test_the_nearest_configuration_applies_alone(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "ignore: [AN101]\n")
    write(root / "wire" / ".newslint.yaml", "# wire desk: newslint's defaults\n")
    desk_story = write(root / "rusia.txt", STORY)
    wire_story = write(root / "wire" / "rusia.txt", STORY)
    out = lines(run_cli("lint", "--no-color", "-q", str(root), cwd=tmp_path))
    assert [line.split(" ")[0] + " " + line.split(" ")[2] for line in out] == [
        f"{desk_story}:5:261: AN503",
        f"{wire_story}:1:1: AN101",
        f"{wire_story}:5:261: AN503",
    ]


def test_discovery_stops_at_the_repository_root(tmp_path):
    write(tmp_path / ".newslint.yaml", "ignore: [AN101]\n")  # outside the repository: not used
    story = write(repo(tmp_path) / "rusia.txt", STORY)
    result = run_cli("lint", "--no-color", "-q", str(story))
    assert result.returncode == 1
    assert lines(result)[0] == f"{story}:1:1: warning AN101 Dateline tidak ada: paragraf pertama dibuka dengan \"Kota (ANTARA) - \""


def test_newslint_yaml_beats_pyproject_in_the_same_folder(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "ignore: [AN101]\n")
    write(root / "pyproject.toml", "[tool.newslint]\nignore = [\"AN503\"]\n")
    story = write(root / "rusia.txt", STORY)
    assert [line.split(" ")[2] for line in lines(run_cli("lint", "-q", str(story)))] == ["AN503"]
    shown = lines(run_cli("config", str(story)))
    assert shown[1] == f"  configuration     {root / '.newslint.yaml'}"


def test_pyproject_section_with_tables_and_line_numbers(tmp_path):
    root = repo(tmp_path)
    write(root / "pyproject.toml", '[project]\nname = "desk"\n\n[tool.newslint]\nfail-on = "error"\n\n'
                                   '[tool.newslint.severity]\nAN101 = "error"\n')
    story = write(root / "rusia.txt", STORY)
    result = run_cli("lint", "--no-color", "-q", str(story))
    assert result.returncode == 1  # AN101 is an error now, and fail-on error counts it
    assert lines(result)[0].startswith(f"{story}:1:1: error AN101 ")
    shown = lines(run_cli("config", str(story)))
    assert f"  severity          AN101: error                       {root / 'pyproject.toml'}:8" in shown
    assert f"  fail-on           error                              {root / 'pyproject.toml'}:5" in shown


def test_pyproject_without_a_newslint_table_is_passed_over(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "ignore: [AN101]\n")
    write(root / "site" / "pyproject.toml", '[project]\nname = "site"\n')
    story = write(root / "site" / "rusia.txt", STORY)
    assert [line.split(" ")[2] for line in lines(run_cli("lint", "-q", str(story)))] == ["AN503"]


def test_per_path_pack_for_english_copy(tmp_path):
    root = repo(tmp_path)
    write(root / "rules" / "wire-en.yaml", EN_PACK)
    write(root / ".newslint.yaml", "ignore: [AN503]\nper-path:\n  - paths: [\"en/**\"]\n    packs: [rules/wire-en.yaml]\n")
    id_story = write(root / "id" / "rusia.txt", STORY)
    en_story = write(root / "en" / "world" / "kremlin.txt", EN_STORY)
    result = run_cli("lint", "--no-color", "-q", str(root), cwd=root)
    assert lines(result) == [
        f"{en_story}:1:32: warning EN101 Write \"said\", not \"stated\"",
        f"{id_story}:1:1: warning AN101 Dateline tidak ada: paragraf pertama dibuka dengan \"Kota (ANTARA) - \"",
    ]
    shown = lines(run_cli("config", "en/world/kremlin.txt", cwd=root))
    assert shown[2] == (f"  packs             {root / 'rules' / 'wire-en.yaml'} "
                        f"{root / '.newslint.yaml'}:4 (per-path en/**)")


def test_unknown_key_names_file_line_and_key(tmp_path):
    root = repo(tmp_path)
    config = write(root / ".newslint.yaml", "packs: [antara]\nfail_on: error\n")
    story = write(root / "rusia.txt", STORY)
    result = run_cli("lint", str(story))
    assert result.returncode == 2
    assert result.stderr.decode() == (f"newslint: error: {config}:2: 'fail_on': unknown key in the configuration "
                                      "(did you mean 'fail-on'?)\n")
    assert result.stdout == b""


@pytest.mark.parametrize("args, config, error", [
    (["--select", "AN4O1"], None, "--select: 'AN4O1' names no rule of the packs antara (did you mean AN401?)"),
    (["--ignore", "AN201,XX9"], None, "--ignore: 'XX9' names no rule of the packs antara"),
    (["--pack", "wire-en", "--select", "AN401"], None,
     "--select: 'AN401' names no rule of the packs wire-en (did you mean WE401?)"),
    (["--ignore", "NL002"], None, "--ignore: NL002 is newslint's own check (the Markdown front matter is not valid "
     "YAML); it is always reported and cannot be selected, ignored or given another severity"),
    ([], "select: [AN1]\nseverity:\n  AN4O1: error\n",
     "{config}:3: 'severity': 'AN4O1' names no rule of the packs antara (did you mean AN401?)"),
    ([], "per-file-ignores:\n  \"*.txt\": [AN1O1]\n",
     "{config}:2 (per-file-ignores *.txt): 'ignore': 'AN1O1' names no rule of the packs antara (did you mean AN101?)"),
])
def test_a_rule_id_that_names_no_rule_is_an_error_not_a_silent_gate(tmp_path, args, config, error):
    """A misspelt id would leave a CI gate that checks nothing and passes: it stops the run."""
    root = repo(tmp_path)
    story = write(root / "rusia.txt", STORY)
    config_file = write(root / ".newslint.yaml", config) if config else None
    result = run_cli("lint", *args, str(story))
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == f"newslint: error: {error.format(config=config_file)}\n"


def test_unknown_key_in_a_pyproject_per_path_table(tmp_path):
    root = repo(tmp_path)
    config = write(root / "pyproject.toml", '[tool.newslint]\nignore = ["AN503"]\n\n[[tool.newslint.per-path]]\n'
                                            'paths = ["en/**"]\n\n[[tool.newslint.per-path]]\npaths = ["id/**"]\nselct = ["AN1"]\n')
    result = run_cli("lint", str(write(root / "rusia.txt", STORY)))
    assert result.returncode == 2
    assert result.stderr.decode() == (f"newslint: error: {config}:9: 'selct': unknown key in a per-path entry "
                                      "(did you mean 'select'?)\n")


@pytest.mark.parametrize("text, line, key, message", [
    ("ignore: AN101\n", 1, "ignore", "expected a list, got text 'AN101'"),
    ("severity:\n  AN101: fatal\n", 2, "severity", "severity of AN101 must be one of error, warning, info; got 'fatal'"),
    ("date: 2020-02-30\n", 1, "date", "invalid value: day is out of range for month"),
    ("date: Sabtu\n", 1, "date", "must be auto, front-matter or a date (YYYY-MM-DD or YYYY); got 'Sabtu'"),
    ("packs: [desk.yaml]\n", 1, "packs", "pack file not found"),
    ("fail-on: never\n", 1, "fail-on", "must be one of error, warning, info; got 'never'"),
])
def test_wrong_values_are_errors_naming_the_key(tmp_path, text, line, key, message):
    root = repo(tmp_path)
    config = write(root / ".newslint.yaml", text)
    result = run_cli("lint", str(write(root / "rusia.txt", STORY)))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.startswith(f"newslint: error: {config}:{line}: '{key}': "), err
    assert message is None or message in err
    assert "Traceback" not in err and len(err.splitlines()) == 1


def test_config_and_isolated_together_are_a_usage_error(tmp_path):
    """--isolated ignores every configuration file, so --config beside it would be dropped silently."""
    root = repo(tmp_path)
    config = write(root / "desk.yaml", "select: [AN1]\n")
    story = write(root / "rusia.txt", STORY)
    result = run_cli("lint", "--config", str(config), "--isolated", str(story))
    assert result.returncode == 2 and result.stdout == b""
    assert "--config and --isolated cannot be used together" in result.stderr.decode()


def test_explicit_config_file_skips_discovery(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "ignore: [AN101]\n")
    other = write(tmp_path / "ci.yaml", "ignore: [AN503]\n")
    story = write(root / "rusia.txt", STORY)
    assert [line.split(" ")[2] for line in lines(run_cli("lint", "-q", "--config", str(other), str(story)))] == ["AN101"]
    assert [line.split(" ")[2] for line in lines(run_cli("lint", "-q", "--isolated", str(story)))] == ["AN101", "AN503"]
    missing = run_cli("lint", "--config", str(tmp_path / "nope.yaml"), str(story))
    assert missing.returncode == 2
    assert missing.stderr.decode() == f"newslint: error: {tmp_path / 'nope.yaml'}: configuration file not found\n"


def test_command_line_beats_configuration(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "fail-on: error\nselect: [AN5]\n")
    story = write(root / "rusia.txt", STORY)
    assert run_cli("lint", str(story)).returncode == 0  # only AN503 (info), below fail-on error
    assert run_cli("lint", "--fail-on", "info", str(story)).returncode == 1
    result = run_cli("lint", "-q", "--select", "AN1", "--fail-on", "warning", str(story))
    assert result.returncode == 1 and [line.split(" ")[2] for line in lines(result)] == ["AN101"]
    shown = lines(run_cli("config", "--select", "AN1", str(story)))
    assert "  select            AN1                                command line" in shown


def test_include_and_exclude(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "include: [\"*.txt\", \"*.text\"]\nexclude: [drafts, \"archive/2019/**\"]\n")
    kept = write(root / "rusia.text", STORY)
    write(root / "rusia.md", STORY)  # not in include
    write(root / "drafts" / "rusia.txt", STORY)
    write(root / "archive" / "2019" / "rusia.txt", STORY)
    kept_2020 = write(root / "archive" / "2020" / "rusia.txt", STORY)
    result = run_cli("lint", "--no-color", "--select", "AN101", str(root))
    assert lines(result) == [
        f"{kept_2020}:1:1: warning AN101 Dateline tidak ada: paragraf pertama dibuka dengan \"Kota (ANTARA) - \"",
        f"{kept}:1:1: warning AN101 Dateline tidak ada: paragraf pertama dibuka dengan \"Kota (ANTARA) - \"",
        "",
        "Found 2 problems (2 warnings) in 2 of 2 files checked.",
    ]
    # a file named on the command line (as pre-commit does) is still excluded
    excluded = run_cli("lint", str(root / "drafts" / "rusia.txt"))
    assert excluded.returncode == 0 and lines(excluded) == ["No problems found (0 files checked)."]


def test_per_file_ignores_for_plain_text(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "per-file-ignores:\n  \"lama/*.txt\": [AN101, AN5]\n")
    old = write(root / "lama" / "rusia.txt", STORY)
    new = write(root / "baru" / "rusia.txt", STORY)
    out = lines(run_cli("lint", "-q", "--select", "AN", str(root)))  # the command line does not undo them
    assert [line.split(" ")[0] for line in out] == [f"{new}:1:1:", f"{new}:5:261:"]
    assert not any(str(old) in line for line in out)


def test_fixed_date_in_configuration(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "per-path:\n  - paths: [\"2021/**\"]\n    date: 2021-03-25\n")
    story = write(root / "2021" / "rusia.txt", STORY)  # says "Sabtu (21/3)": a Sunday in 2021
    result = run_cli("lint", "--no-color", "-q", "--select", "AN201", str(story))
    assert lines(result) == [f"{story}:1:172: error AN201 \"Sabtu (21/3)\": 21 Maret 2021 jatuh pada hari Minggu, bukan Sabtu"]
    assert run_cli("lint", "-q", "--select", "AN201", "--date", "2020", str(story)).stdout == b""


def test_config_command_shows_each_setting_and_its_origin(tmp_path):
    root = repo(tmp_path)
    config = write(root / ".newslint.yaml", "packs: [antara]\nignore: [AN5]\nseverity:\n  AN101: info\nfail-on: error\n")
    write(root / "rusia.txt", STORY)
    result = run_cli("config", "rusia.txt", "--extend-select", "AN503", cwd=root)
    assert result.returncode == 0
    out = lines(result)
    assert out[:10] == [
        "Settings for rusia.txt",
        f"  configuration     {config}",
        f"  packs             antara                             {config}:1",
        f"  ignore            AN5                                {config}:2",
        "  extend-select     AN503                              command line",
        f"  severity          AN101: info                        {config}:4",
        "  date              auto                               default",
        f"  fail-on           error                              {config}:5",
        "  include           *.txt, *.md, *.markdown            default",
        "  exclude           (nothing)                          default",
    ]
    assert out[10].startswith("  rules             ") and "    AN101      info     antara" in out
    assert not any(line.startswith("    AN5") for line in out)
    same = run_cli("lint", "--show-settings", "--extend-select", "AN503", "rusia.txt", cwd=root)
    assert same.returncode == 0 and lines(same) == out


def test_init_writes_a_starter_and_refuses_to_overwrite(tmp_path):
    root = repo(tmp_path)
    result = run_cli("init", cwd=root)
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "  - repo: https://github.com/YOUR-ORG/newslint  # placeholder" in out
    assert "      - id: newslint\n" in out and "id: newslint-fix" in out
    starter = (root / ".newslint.yaml").read_text(encoding="utf-8")
    assert starter.startswith("# newslint configuration")
    story = write(root / "rusia.txt", STORY)
    shown = lines(run_cli("config", str(story)))
    assert shown[2] == f"  packs             antara                             {root / '.newslint.yaml'}:6"
    assert run_cli("lint", "-q", str(story)).returncode == 1  # the starter is a working configuration

    (root / ".newslint.yaml").write_text("ignore: [AN101]\n", encoding="utf-8")
    again = run_cli("init", cwd=root)
    assert again.returncode == 2
    assert again.stderr.decode() == "newslint: error: .newslint.yaml already exists here; use --force to overwrite it\n"
    assert (root / ".newslint.yaml").read_text(encoding="utf-8") == "ignore: [AN101]\n"
    assert run_cli("init", "--force", cwd=root).returncode == 0
    assert (root / ".newslint.yaml").read_text(encoding="utf-8") == starter


def test_each_distinct_pack_set_is_compiled_once(tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "rules" / "wire-en.yaml", EN_PACK)
    write(root / ".newslint.yaml", "per-path:\n  - paths: [\"en/**\"]\n    packs: [rules/wire-en.yaml]\n"
                                   "  - paths: [\"id/lama/**\"]\n    ignore: [AN101]\n")
    for folder in ("id", "id/lama", "en", "en/dunia"):
        for n in range(3):
            write(root / folder / f"s{n}.txt", STORY if folder.startswith("id") else EN_STORY)
    import newslint.packs as packs_module

    calls: list[list[str]] = []
    real = packs_module.load_packs
    monkeypatch.setattr(packs_module, "load_packs", lambda refs: calls.append(list(refs)) or real(refs))
    plan = Plan(LintRequest(paths=[str(root)], cache=False))  # count compilations, not cache hits
    violations, checked = lint_paths([str(root)], [], RunOptions(), None, jobs=1, plan=plan)
    assert checked == 12
    assert sorted(calls) == [[str((root / "rules" / "wire-en.yaml").resolve())], ["antara"]]
    assert len(plan._rules) == 3  # antara, antara without AN101, wire-en
    assert sum(v.rule_id == "EN101" for v in violations) == 6
    assert sum(v.rule_id == "AN101" for v in violations) == 3


def test_front_matter_date_source_and_standard_input(tmp_path):
    root = repo(tmp_path)
    write(root / ".newslint.yaml", "date: front-matter\n")
    body = ("Moskow (ANTARA) - Presiden Vladimir Putin berbicara dengan Perdana Menteri Italia Giuseppe Conte "
            "pada Sabtu (22/3).\n\nPewarta: Yashinta Difa Pramudyani\nEditor: Atman Ahdiat\nCopyright © ANTARA 2020\n")
    undated = write(root / "web" / "putin.md", body)
    dated = write(root / "web" / "putin-2021.md", "---\ndate: 2021-03-20\n---\n" + body)
    result = run_cli("lint", "--no-color", "-q", str(root / "web"))
    assert lines(result) == [  # the undated story has no date: the copyright year is not used
        f"{dated}:4:103: error AN201 \"Sabtu (22/3)\": 22 Maret 2021 jatuh pada hari Senin, bukan Sabtu",
        f"{dated}:8:20: error AN106 Tahun hak cipta 2020 tidak sama dengan tahun berita 2021",
    ]
    isolated = run_cli("lint", "--no-color", "-q", "--isolated", str(undated))
    assert lines(isolated) == [f"{undated}:1:103: error AN201 \"Sabtu (22/3)\": 22 Maret 2020 jatuh pada hari Minggu, bukan Sabtu"]
    # standard input: the configuration is found from --stdin-filename's folder, or the current one
    named = run_cli("lint", "-q", "--stdin-filename", "web/baru.md", "-", input=body.encode(), cwd=root)
    assert named.returncode == 0 and named.stdout == b""
    here = run_cli("lint", "-q", "-", input=body.encode(), cwd=root / "web")
    assert here.returncode == 0 and here.stdout == b""
    outside = run_cli("lint", "-q", "--stdin-filename", "baru.md", "-", input=body.encode(), cwd=tmp_path)
    assert outside.returncode == 1


def test_rules_and_explain_use_the_configured_packs(tmp_path):
    root = repo(tmp_path)
    write(root / "rules" / "wire-en.yaml", EN_PACK)
    write(root / ".newslint.yaml", "packs: [rules/wire-en.yaml]\n")
    listing = run_cli("rules", cwd=root)
    assert listing.returncode == 0 and lines(listing) == ['EN101  warning  forbidden     Write "said", not "{match}"']
    assert run_cli("explain", "EN101", cwd=root).stdout.decode().startswith("EN101 (forbidden, warning) from ")
    assert "AN201" in run_cli("rules", "--pack", "antara", cwd=root).stdout.decode()
    write(root / ".newslint.yaml", "packs: [rules/nope.yaml]\n")
    broken = run_cli("rules", cwd=root)
    assert broken.returncode == 2 and broken.stderr.decode().startswith(f"newslint: error: {root / '.newslint.yaml'}:1: 'packs': ")


def test_fix_follows_each_files_configuration_and_suppressions(tmp_path):
    root = repo(tmp_path)
    write(root / "lama" / ".newslint.yaml", "ignore: [AN503]\n")
    kept = write(root / "lama" / "rusia.txt", STORY)
    fixed = write(root / "baru" / "rusia.txt", STORY)
    paragraphs = STORY.splitlines(keepends=True)
    marked = write(root / "baru" / "rusia.md", "\n".join(paragraphs[:4]) + "\n<!-- newslint-disable-next-line AN503 -->\n"
                   + paragraphs[4])  # the paragraph with "---"
    result = run_cli("lint", "--fix", "--select", "AN503", str(root))
    assert result.returncode == 0, result.stdout
    assert kept.read_text(encoding="utf-8") == STORY  # AN503 is ignored there: its fix is not applied
    assert fixed.read_text(encoding="utf-8") == STORY.replace("---", "—")
    assert "---" in marked.read_text(encoding="utf-8")  # suppressed: not fixed
