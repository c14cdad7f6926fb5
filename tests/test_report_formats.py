"""Every output format, from the same violations of one small story: exact lines, escaping,
a clean run, an unreadable file; SARIF and JUnit checked against their published schemas."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from conftest import lint_text, pack
from newslint.engine import lint_bytes, select_rules
from newslint.report import Report, render
from newslint.report.github_format import escape_data, escape_property
from newslint.report.statistics import render as statistics
from newslint.violation import Edit, Severity, Violation

SCHEMAS = Path(__file__).resolve().parent / "schemas"
STORY = (
    "Roma (ANTARA) - Perdana Menteri Italia Guiseppe Conte menerima bantuan medis dari Rusia pada Sabtu (22/3).\n"
    "Pesawat pertama mendarat pukul 18:00 waktu setempat---disusul delapan pesawat lain.\n"
    "\"Kami berterima kasih kepada Rusia,\" kata Conte.\n"
    "Pewarta: Yashinta Difa Pramudyani\n"
    "Editor: Atman Ahdiat\n"
    "Copyright © ANTARA 2020\n"
)
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00"
NUL_MESSAGE = "contains NUL bytes (first at byte 8): binary data, not text"


def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


SARIF = sarif_validator()
JUNIT = xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd"))


def active_rules():
    return select_rules(pack("antara").rules)


def story_report(**kwargs) -> Report:
    violations = lint_text(STORY, "story.txt")
    return Report(violations, 1, rules=active_rules(), **kwargs)


def unreadable_report() -> Report:
    return Report(lint_bytes(BINARY, "foto.txt", active_rules()), 1, rules=active_rules())


def clean_report() -> Report:
    return Report([], 2, rules=active_rules())


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Relative paths resolve against the working folder (SARIF, github): make it a known one."""
    monkeypatch.chdir(tmp_path)


def test_the_story_has_the_violations_the_formats_are_checked_on():
    assert [(v.line, v.column, v.end_line, v.end_column, v.rule_id) for v in story_report().violations] == [
        (1, 40, 1, 54, "AN401"), (1, 94, 1, 106, "AN201"), (2, 32, 2, 37, "AN202"), (2, 52, 2, 55, "AN503")]


# --- concise, json-lines, github: exact lines --------------------------------------------------
def test_concise_is_one_line_per_violation_without_summary_or_colour():
    assert render("concise", story_report(color=True)) == (
        'story.txt:1:40: error AN401 Ejaan "Guiseppe Conte" salah: tulis "Giuseppe Conte"\n'
        'story.txt:1:94: error AN201 "Sabtu (22/3)": 22 Maret 2020 jatuh pada hari Minggu, bukan Sabtu\n'
        'story.txt:2:32: warning AN202 Tulis waktu dengan titik: "18.00", bukan "18:00"\n'
        'story.txt:2:52: info AN503 Tanda pisah ditulis "—", bukan "---"\n'
    )
    assert render("concise", clean_report()) == ""
    assert render("concise", unreadable_report()) == f"foto.txt:1:1: error NL001 {NUL_MESSAGE}\n"


def test_concise_joins_a_message_written_on_two_lines():
    v = Violation("a.txt", 3, 7, 3, 9, "X1", Severity.WARNING, "baris satu\r\nbaris dua")
    assert render("concise", Report([v], 1)) == "a.txt:3:7: warning X1 baris satu baris dua\n"


def test_json_lines_has_the_json_formats_violation_objects_one_per_line():
    lines = render("json-lines", story_report()).splitlines()
    assert [json.loads(line) for line in lines] == json.loads(render("json", story_report()))["violations"]
    assert json.loads(lines[0]) == {
        "path": "story.txt", "line": 1, "column": 40, "end_line": 1, "end_column": 54, "rule": "AN401",
        "severity": "error", "message": 'Ejaan "Guiseppe Conte" salah: tulis "Giuseppe Conte"',
        "fix": [{"start": 39, "end": 53, "replacement": "Giuseppe Conte"}]}
    assert lines[3] == ('{"path": "story.txt", "line": 2, "column": 52, "end_line": 2, "end_column": 55, "rule": "AN503", '
                        '"severity": "info", "message": "Tanda pisah ditulis \\"—\\", bukan \\"---\\"", '
                        '"fix": [{"start": 158, "end": 161, "replacement": "—"}]}')
    assert render("json-lines", clean_report()) == ""
    assert [json.loads(line)["rule"] for line in render("json-lines", unreadable_report()).splitlines()] == ["NL001"]


def test_github_workflow_commands_one_per_violation_info_is_a_notice():
    assert render("github", story_report()) == (
        '::error file=story.txt,line=1,col=40,endLine=1,endColumn=54,title=AN401::'
        'Ejaan "Guiseppe Conte" salah: tulis "Giuseppe Conte"\n'
        '::error file=story.txt,line=1,col=94,endLine=1,endColumn=106,title=AN201::'
        '"Sabtu (22/3)": 22 Maret 2020 jatuh pada hari Minggu, bukan Sabtu\n'
        '::warning file=story.txt,line=2,col=32,endLine=2,endColumn=37,title=AN202::'
        'Tulis waktu dengan titik: "18.00", bukan "18:00"\n'
        '::notice file=story.txt,line=2,col=52,endLine=2,endColumn=55,title=AN503::'
        'Tanda pisah ditulis "—", bukan "---"\n'
    )
    assert render("github", clean_report()) == ""
    assert render("github", unreadable_report()) == (
        "::error file=foto.txt,line=1,col=1,endLine=1,endColumn=1,title=NL001::"
        "contains NUL bytes (first at byte 8): binary data, not text\n")


def test_github_escapes_percent_newlines_commas_and_colons(tmp_path):
    v = Violation("desk,pagi/10:00.txt", 4, 2, 5, 1, "X1", Severity.ERROR,
                  "Naik 100% dari 2019,\r\nbukan: 10%")
    assert render("github", Report([v], 1)) == (
        "::error file=desk%2Cpagi/10%3A00.txt,line=4,col=2,endLine=5,endColumn=1,title=X1::"
        "Naik 100%25 dari 2019,%0D%0Abukan: 10%25\n")
    assert escape_data("50%\n") == "50%25%0A"
    assert escape_property("a%b,c:d\re\nf") == "a%25b%2Cc%3Ad%0De%0Af"


def test_github_paths_are_relative_to_the_working_folder(tmp_path):
    v = Violation(str(tmp_path / "desk" / "story.txt"), 1, 1, 1, 1, "AN101", Severity.WARNING, "m")
    assert render("github", Report([v], 1)).startswith("::warning file=desk/story.txt,line=1,")


def test_paths_named_through_a_symlinked_folder_are_still_relative(tmp_path, monkeypatch):
    (tmp_path / "real" / "desk").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path / "link")  # the working folder is reported resolved: .../real
    v = Violation(str(tmp_path / "link" / "desk" / "story.txt"), 1, 1, 1, 1, "AN101", Severity.WARNING, "m")
    assert render("github", Report([v], 1)).startswith("::warning file=desk/story.txt,line=1,")


# --- sarif ---------------------------------------------------------------------------------------
def test_sarif_is_valid_2_1_0_with_rules_results_regions_and_fixes(tmp_path):
    log = json.loads(render("sarif", story_report()))
    SARIF.validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run, = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    driver = run["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"] == "0.1.0"
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [rule.id for rule in active_rules()] + ["NL001", "NL002", "NL003", "NL004", "NL005", "NL006"]
    an401 = driver["rules"][ids.index("AN401")]
    assert an401 == {
        "id": "AN401", "name": "names",
        "shortDescription": {"text": "Nama orang, tempat dan lembaga ditulis sesuai kamus nama ANTARA (rules/names/id.yaml)."},
        "fullDescription": {"text": pack("antara").rule("AN401").description.strip()},
        "defaultConfiguration": {"level": "error"},
    }
    assert driver["rules"][ids.index("AN503")]["defaultConfiguration"] == {"level": "note"}
    results = run["results"]
    assert [(r["ruleId"], ids[r["ruleIndex"]], r["level"]) for r in results] == [
        ("AN401", "AN401", "error"), ("AN201", "AN201", "error"), ("AN202", "AN202", "warning"), ("AN503", "AN503", "note")]
    assert results[0] == {
        "ruleId": "AN401",
        "ruleIndex": ids.index("AN401"),
        "level": "error",
        "message": {"text": 'Ejaan "Guiseppe Conte" salah: tulis "Giuseppe Conte"'},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "story.txt", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 1, "startColumn": 40, "endLine": 1, "endColumn": 54}}}],
        "fixes": [{
            "description": {"text": "Replace with \u201cGiuseppe Conte\u201d"},
            "artifactChanges": [{
                "artifactLocation": {"uri": "story.txt", "uriBaseId": "%SRCROOT%"},
                "replacements": [{"deletedRegion": {"startLine": 1, "startColumn": 40, "endLine": 1, "endColumn": 54},
                                  "insertedContent": {"text": "Giuseppe Conte"}}]}]}],
    }
    assert "fixes" not in results[1]  # AN201 says what is wrong but carries no fix


def test_sarif_fix_left_out_when_the_edit_is_not_the_violations_span():
    v = Violation("a.txt", 1, 5, 1, 8, "X1", Severity.WARNING, "m", start=4, end=7,
                  fix=(Edit(4, 9, "x"),))
    result, = json.loads(render("sarif", Report([v], 1)))["runs"][0]["results"]
    assert "fixes" not in result


def test_sarif_clean_run_and_unreadable_file_are_valid():
    clean = json.loads(render("sarif", clean_report()))
    SARIF.validate(clean)
    assert clean["runs"][0]["results"] == [] and len(clean["runs"][0]["tool"]["driver"]["rules"]) > 10
    broken = json.loads(render("sarif", unreadable_report()))
    SARIF.validate(broken)
    result, = broken["runs"][0]["results"]
    rules = broken["runs"][0]["tool"]["driver"]["rules"]
    assert result["ruleId"] == "NL001" and rules[result["ruleIndex"]]["name"] == "unreadable-file"
    assert result["message"]["text"] == NUL_MESSAGE and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "foto.txt", "uriBaseId": "%SRCROOT%"}


def test_sarif_uris_are_relative_posix_and_percent_encoded_or_absolute_outside(tmp_path):
    inside = Violation(str(tmp_path / "berita jakarta" / "banjir.txt"), 1, 1, 1, 1, "X1", Severity.INFO, "m")
    outside = Violation("/elsewhere/story.txt", 1, 1, 1, 1, "X1", Severity.INFO, "m")
    log = json.loads(render("sarif", Report([inside, outside], 2)))
    SARIF.validate(log)
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert locations == [{"uri": "berita%20jakarta/banjir.txt", "uriBaseId": "%SRCROOT%"},
                         {"uri": "file:///elsewhere/story.txt"}]
    x1 = log["runs"][0]["tool"]["driver"]["rules"][-1]
    assert x1["id"] == "X1" and x1["defaultConfiguration"] == {"level": "note"}


# --- junit ---------------------------------------------------------------------------------------
def test_junit_testsuite_per_file_testcase_per_violation():
    out = render("junit", story_report())
    JUNIT.validate(out)
    assert out == """<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="newslint" tests="4" failures="4" errors="0">
  <testsuite name="story.txt" tests="4" failures="4" errors="0" skipped="0" file="story.txt">
    <testcase name="AN401 at line 1, column 40" classname="story.txt">
      <failure message="Ejaan &quot;Guiseppe Conte&quot; salah: tulis &quot;Giuseppe Conte&quot;" type="error">\
story.txt:1:40: error AN401 Ejaan "Guiseppe Conte" salah: tulis "Giuseppe Conte"
Roma (ANTARA) - Perdana Menteri Italia Guiseppe Conte menerima bantuan medis dari Rusia pada Sabtu (22/3).</failure>
    </testcase>
    <testcase name="AN201 at line 1, column 94" classname="story.txt">
      <failure message="&quot;Sabtu (22/3)&quot;: 22 Maret 2020 jatuh pada hari Minggu, bukan Sabtu" type="error">\
story.txt:1:94: error AN201 "Sabtu (22/3)": 22 Maret 2020 jatuh pada hari Minggu, bukan Sabtu
Roma (ANTARA) - Perdana Menteri Italia Guiseppe Conte menerima bantuan medis dari Rusia pada Sabtu (22/3).</failure>
    </testcase>
    <testcase name="AN202 at line 2, column 32" classname="story.txt">
      <failure message="Tulis waktu dengan titik: &quot;18.00&quot;, bukan &quot;18:00&quot;" type="warning">\
story.txt:2:32: warning AN202 Tulis waktu dengan titik: "18.00", bukan "18:00"
Pesawat pertama mendarat pukul 18:00 waktu setempat---disusul delapan pesawat lain.</failure>
    </testcase>
    <testcase name="AN503 at line 2, column 52" classname="story.txt">
      <failure message="Tanda pisah ditulis &quot;—&quot;, bukan &quot;---&quot;" type="info">\
story.txt:2:52: info AN503 Tanda pisah ditulis "—", bukan "---"
Pesawat pertama mendarat pukul 18:00 waktu setempat---disusul delapan pesawat lain.</failure>
    </testcase>
  </testsuite>
</testsuites>
"""


def test_junit_clean_run_is_one_passing_test_case():
    out = render("junit", clean_report())
    JUNIT.validate(out)
    assert out == """<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="newslint" tests="1" failures="0" errors="0">
  <testsuite name="newslint" tests="1" failures="0" errors="0" skipped="0">
    <testcase name="no problems in 2 files" classname="newslint" />
  </testsuite>
</testsuites>
"""


def test_junit_unreadable_file_is_an_error_and_control_characters_stay_valid_xml():
    out = render("junit", unreadable_report())
    JUNIT.validate(out)
    case = ET.fromstring(out).find("testsuite/testcase")
    assert case.get("name") == "NL001 at line 1, column 1" and case.find("failure") is None
    assert case.find("error").get("message") == NUL_MESSAGE
    v = Violation("a.txt", 1, 1, 1, 2, "X1", Severity.WARNING, "tanda \x0c halaman", context="a\x00b")
    out = render("junit", Report([v], 1))
    JUNIT.validate(out)
    assert ET.fromstring(out).find("testsuite/testcase/failure").get("message") == "tanda \ufffd halaman"


def test_junit_schema_rejects_what_it_should():
    """The vendored XSD really checks: a testcase without its required name is refused."""
    assert not JUNIT.is_valid('<testsuites><testsuite name="a" tests="1" failures="0" errors="0">'
                              '<testcase classname="x"/></testsuite></testsuites>')


def test_sarif_schema_rejects_what_it_should():
    log = json.loads(render("sarif", story_report()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not SARIF.is_valid(log)


# --- statistics ----------------------------------------------------------------------------------
def test_statistics_count_per_rule_most_frequent_first():
    violations = lint_text(STORY.replace("Pewarta:", "Guiseppe Conte kembali ke Roma.\nPewarta:"), "story.txt")
    report = Report(violations, 1, rules=active_rules())
    assert statistics(report) == (
        "2  AN401  error    Nama orang, tempat dan lembaga ditulis sesuai kamus nama ANTARA (rules/names/id.yaml).\n"
        "1  AN201  error    Hari dan tanggal harus cocok: Sabtu (21/3) pada berita 2020 benar, Sabtu (22/3) salah.\n"
        "1  AN202  warning  Gaya ANTARA menulis waktu dengan titik dan zona waktu, misalnya \"pukul 18.00 WIB\".\n"
        "1  AN503  info     Tiga tanda hubung berturut-turut adalah sisa penyuntingan; tanda pisah ditulis \"—\".\n"
        "\n"
        "Found 5 problems (3 errors, 1 warning, 1 info) in 1 of 1 file checked.\n"
    )
    assert statistics(unreadable_report(), summary=False) == "1  NL001  error    The file cannot be read as text.\n"
    assert statistics(clean_report()) == "No problems found (2 files checked).\n"
