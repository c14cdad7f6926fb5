"""`text`: one line per violation, `path:line:col: severity rule-id message`, then a summary."""

from __future__ import annotations

from newslint.report import Report
from newslint.violation import Severity

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def summary(report: Report) -> str:
    counts = report.counts()
    total = len(report.violations)
    files = report.files_checked
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not total:
        return f"No problems found ({checked})."
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != Severity.INFO else ''}" for s in
             (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    affected = len({v.path for v in report.violations})
    return f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {affected} of {checked}."


def render(report: Report) -> str:
    lines = []
    for v in report.violations:
        where = _paint(f"{v.path}:{v.line}:{v.column}:", "1", report.color)
        severity = _paint(str(v.severity), _COLORS[v.severity], report.color)
        lines.append(f"{where} {severity} {v.rule_id} {v.message}")
    if not report.quiet:
        if lines:
            lines.append("")
        lines.append(summary(report))
    return "\n".join(lines) + ("\n" if lines else "")
