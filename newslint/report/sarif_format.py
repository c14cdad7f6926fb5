"""`sarif`: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.

One run: the tool with every active rule (and the built-in ones) and their descriptions, then
one result per violation with its rule, level, message and region. Columns are characters, as
everywhere in newslint, so the run says `columnKind: unicodeCodePoints`. Paths are relative to
the working folder under the base id `%SRCROOT%`, which code scanning maps to the checkout.
A violation's fix is included when it is one edit of exactly the violation's span (the only
span whose line and column the report knows); otherwise the result has no `fixes`.
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.report import Report
from newslint.report.paths import artifact_location
from newslint.report.rules import RuleInfo, rule_table
from newslint.violation import Severity, Violation

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def homepage() -> str:
    """The project's home page from the installed package's metadata, or empty when it names none."""
    try:
        meta = metadata.metadata("newslint")
    except metadata.PackageNotFoundError:
        return ""
    for entry in meta.get_all("Project-URL") or ():
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return url.strip()
    return (meta.get("Home-page") or "").strip()


def rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


def region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def fixes(v: Violation, location: dict[str, str]) -> list[dict[str, Any]]:
    if len(v.fix) != 1 or (v.fix[0].start, v.fix[0].end) != (v.start, v.end):
        return []
    replacement = {"deletedRegion": region(v.line, v.column, v.end_line, v.end_column),
                   "insertedContent": {"text": v.fix[0].replacement}}
    return [{
        "description": {"text": f"Replace with \u201c{v.fix[0].replacement}\u201d"},
        "artifactChanges": [{"artifactLocation": location, "replacements": [replacement]}],
    }]


def result(v: Violation, index: int) -> dict[str, Any]:
    location = artifact_location(v.path)
    found: dict[str, Any] = {
        "ruleId": v.rule_id,
        "ruleIndex": index,
        "level": LEVELS[v.severity],
        "message": {"text": v.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": location,
            "region": region(v.line, v.column, v.end_line, v.end_column),
        }}],
    }
    suggested = fixes(v, location)
    if suggested:
        found["fixes"] = suggested
    return found


def folder_uri(path: str) -> str:
    """A folder's `file:` URI with the trailing slash SARIF requires of a base URI."""
    uri = Path(path).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def render(report: Report) -> str:
    rules = rule_table(report)
    index = {rule.id: i for i, rule in enumerate(rules)}
    driver: dict[str, Any] = {"name": "newslint", "version": __version__, "semanticVersion": __version__}
    home = homepage()
    if home:
        driver["informationUri"] = home
    driver["rules"] = [rule_descriptor(rule) for rule in rules]
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": folder_uri(os.getcwd())}},
        "columnKind": "unicodeCodePoints",
        "results": [result(v, index[v.rule_id]) for v in report.violations],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
