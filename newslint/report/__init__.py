"""Output formats: each a small function of the same violations.

A formatter takes the run's `Report` and returns the text to print. Formats are imported only
when chosen, so a run pays for none it does not use. A format `NAME` lives in the module
`NAME_format.py` (a dash in the name becomes `_`: `json-lines` -> `json_lines_format.py`).
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from newslint.violation import Severity, Violation

if TYPE_CHECKING:
    from newslint.packs.loader import Rule

FORMATS = ("text", "concise", "json", "json-lines", "github", "sarif", "junit")
# Formats read by people: `--statistics` replaces their violation lines. Every other format keeps
# its output intact on standard output (it is parsed) and the statistics go to standard error.
STATISTICS_INLINE = ("text", "concise")


@dataclass
class Report:
    violations: list[Violation]
    files_checked: int
    color: bool = False
    quiet: bool = False
    rule_descriptions: dict[str, str] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)  # the active rules, for SARIF metadata and statistics
    statistics: bool = False

    def counts(self) -> Counter[Severity]:
        return Counter(v.severity for v in self.violations)


def render(name: str, report: Report) -> str:
    module = importlib.import_module(f"newslint.report.{name.replace('-', '_')}_format")
    return module.render(report)


def write(name: str, report: Report, out: TextIO, err: TextIO) -> None:
    """Print the report in format `name`, with the per-rule statistics if they were asked for."""
    if not report.statistics:
        out.write(render(name, report))
        return
    from newslint.report import statistics  # only runs that ask for it pay for its imports

    if name in STATISTICS_INLINE:
        out.write(statistics.render(report, summary=name == "text" and not report.quiet))
        return
    out.write(render(name, report))
    err.write(statistics.render(report, summary=False))
