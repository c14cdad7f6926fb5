"""Output formats: each a small function of the same violations.

A formatter takes the run's `Report` and returns the text to print. Formats are imported only
when chosen, so a run pays for none it does not use.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field

from newslint.violation import Severity, Violation

FORMATS = ("text", "json")


@dataclass
class Report:
    violations: list[Violation]
    files_checked: int
    color: bool = False
    quiet: bool = False
    rule_descriptions: dict[str, str] = field(default_factory=dict)

    def counts(self) -> Counter[Severity]:
        return Counter(v.severity for v in self.violations)


def render(name: str, report: Report) -> str:
    module = importlib.import_module(f"newslint.report.{name}_format")
    return module.render(report)
