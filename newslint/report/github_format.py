"""`github`: GitHub Actions workflow commands, which annotate the pull request's changed lines.

`::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::message`. Values are escaped as
the Actions runner decodes them: in the message `%`, CR and LF; in properties also `:` and `,`.
Severity `info` becomes a `notice`. Paths are relative to the working folder (the checkout).
"""

from __future__ import annotations

from newslint.report import Report
from newslint.report.paths import display_path
from newslint.violation import Severity, Violation

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(v: Violation) -> str:
    properties = {
        "file": display_path(v.path),
        "line": str(v.line),
        "col": str(v.column),
        "endLine": str(v.end_line),
        "endColumn": str(v.end_column),
        "title": v.rule_id,
    }
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[v.severity]} {listed}::{escape_data(v.message)}"


def render(report: Report) -> str:
    return "".join(command(v) + "\n" for v in report.violations)
