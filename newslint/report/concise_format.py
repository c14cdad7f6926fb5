"""`concise`: `path:line:col: severity rule-id message`, one line per violation, nothing else.

For editors' quickfix lists and `grep`: no summary, no colour, and a message that spans lines
is joined into one so that every line of output is one violation.
"""

from __future__ import annotations

from newslint.report import Report


def one_line(text: str) -> str:
    return " ".join(text.split("\n")).replace("\r", "")


def render(report: Report) -> str:
    return "".join(f"{one_line(v.path)}:{v.line}:{v.column}: {v.severity} {v.rule_id} {one_line(v.message)}\n"
                   for v in report.violations)  # a file name may hold a line break too
