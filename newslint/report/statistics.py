"""`--statistics`: how many violations of each rule, most frequent first.

For a desk deciding what to fix (or what to put in a baseline) the counts matter more than the
places. One line per rule: count, id, severity, the first line of the rule's description.
"""

from __future__ import annotations

from collections import Counter

from newslint.report import Report
from newslint.report.rules import rule_table


def rows(report: Report) -> list[tuple[int, str, str, str]]:
    """(count, rule id, severity, summary) for each rule with violations: by count, then id."""
    counts = Counter(v.rule_id for v in report.violations)
    severity = {v.rule_id: str(v.severity) for v in report.violations}
    summaries = {rule.id: rule.summary for rule in rule_table(report)}
    listed = [(n, rule_id, severity[rule_id], summaries.get(rule_id, "")) for rule_id, n in counts.items()]
    return sorted(listed, key=lambda row: (-row[0], row[1]))


def render(report: Report, summary: bool = True) -> str:
    from newslint.report.text_format import summary as summary_line

    table = rows(report)
    count_width = max((len(str(n)) for n, *_ in table), default=1)
    id_width = max((len(rule_id) for _, rule_id, *_ in table), default=1)
    lines = [f"{n:>{count_width}}  {rule_id:<{id_width}}  {severity:<7}  {text}".rstrip()
             for n, rule_id, severity, text in table]
    if summary:
        if lines:
            lines.append("")
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)
