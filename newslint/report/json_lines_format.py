"""`json-lines`: one JSON object per line per violation, the same keys as the `json` format's violations.

Streams well (`jq -c`, log shippers) and needs no summary: a clean run prints nothing.
"""

from __future__ import annotations

import json

from newslint.report import Report
from newslint.report.json_format import violation_dict


def render(report: Report) -> str:
    return "".join(json.dumps(violation_dict(v), ensure_ascii=False) + "\n" for v in report.violations)
