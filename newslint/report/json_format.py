"""`json`: one document with every violation; its shape is versioned (`version`), see docs/output.md."""

from __future__ import annotations

import json
from typing import Any

from newslint import __version__
from newslint.report import Report
from newslint.report.paths import unicode_path
from newslint.violation import Violation

SCHEMA_VERSION = 1


def violation_dict(v: Violation) -> dict[str, Any]:
    return {
        "path": unicode_path(v.path),
        "line": v.line,
        "column": v.column,
        "end_line": v.end_line,
        "end_column": v.end_column,
        "rule": v.rule_id,
        "severity": str(v.severity),
        "message": v.message,
        "fix": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in v.fix] or None,
    }


def render(report: Report) -> str:
    counts = report.counts()
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "files_checked": report.files_checked,
        "summary": {"total": len(report.violations), **{str(s): counts[s] for s in sorted(counts, reverse=True)}},
        "violations": [violation_dict(v) for v in report.violations],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
