"""`junit`: JUnit XML, the test-report format GitLab merge requests and Jenkins display.

One `testsuite` per file with violations, one `testcase` per violation carrying a `failure`
(an `error` for the built-in input problems, such as an unreadable file, that make the run exit
with 2). A clean run yields one passing test case, so the CI page shows that newslint ran.
Characters XML 1.0 cannot carry (control characters in a damaged story) are replaced by U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from newslint.engine import INPUT_ERRORS
from newslint.report import Report
from newslint.report.paths import display_path
from newslint.violation import Violation

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def testcase(v: Violation, path: str) -> ET.Element:
    case = ET.Element("testcase", name=xml_text(f"{v.rule_id} at line {v.line}, column {v.column}"),
                      classname=xml_text(path))
    tag = "error" if v.rule_id in INPUT_ERRORS else "failure"
    problem = ET.SubElement(case, tag, message=xml_text(v.message), type=str(v.severity))
    body = f"{path}:{v.line}:{v.column}: {v.severity} {v.rule_id} {v.message}"
    if v.context:
        body += f"\n{v.context}"
    problem.text = xml_text(body)
    return case


def suite(name: str, cases: list[ET.Element], failures: int, errors: int, path: str = "") -> ET.Element:
    attributes = {"name": xml_text(name), "tests": str(len(cases)), "failures": str(failures),
                  "errors": str(errors), "skipped": "0"}
    if path:
        attributes["file"] = xml_text(path)
    element = ET.Element("testsuite", attributes)
    element.extend(cases)
    return element


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="newslint")
    by_file: dict[str, list[Violation]] = {}
    for v in report.violations:
        by_file.setdefault(v.path, []).append(v)
    failures = errors = 0
    for path, violations in by_file.items():
        shown = display_path(path)
        broken = sum(v.rule_id in INPUT_ERRORS for v in violations)
        root.append(suite(shown, [testcase(v, shown) for v in violations], len(violations) - broken, broken, shown))
        failures += len(violations) - broken
        errors += broken
    if not report.violations:
        files = report.files_checked
        passed = ET.Element("testcase", name=f"no problems in {files} file{'s' if files != 1 else ''}",
                            classname="newslint")
        root.append(suite("newslint", [passed], 0, 0))
    root.set("tests", str(failures + errors if report.violations else 1))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
