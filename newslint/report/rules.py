"""What a report says about each rule: id, name, severity and descriptions, pack and built-in alike.

SARIF lists every active rule with its descriptions, and `--statistics` prints the first sentence
of a rule's description; both read this one table so that they agree.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from newslint.engine import BUILTIN_RULES
from newslint.patterns import lazy
from newslint.report import Report
from newslint.violation import Severity

# Built-in problems are errors (an unused suppression is a warning); their names say what went wrong, for tools that show a rule name.
BUILTIN_NAMES = {
    "NL001": "unreadable-file",
    "NL002": "invalid-front-matter",
    "NL003": "pattern-timeout",
    "NL004": "check-failed",
    "NL006": "unused-suppression",
}
BUILTIN_SEVERITY = {"NL006": Severity.WARNING}  # the others are errors


class RuleInfo(NamedTuple):
    id: str
    name: str
    severity: Severity
    summary: str  # the first sentence, on one line
    description: str  # the whole text
    link: str = ""  # an absolute URL, or empty


_SENTENCE_END = lazy(r"(?<=[.!?])\s+(?=[\p{Lu}\"“])")


def first_sentence(text: str) -> str:
    """The description's first sentence on one line (packs wrap long descriptions mid-sentence)."""
    paragraph = " ".join(line.strip() for line in text.strip().split("\n\n")[0].splitlines() if line.strip())
    return _SENTENCE_END.split(paragraph, maxsplit=1)[0]


def _absolute_url(link: str) -> str:
    parts = urlsplit(link.strip())
    return link.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def rule_table(report: Report) -> list[RuleInfo]:
    """The active rules in pack order, then the built-in ones, then any other id a violation names."""
    table: dict[str, RuleInfo] = {}
    for rule in report.rules:
        description = rule.description.strip() or rule.message
        table[rule.id] = RuleInfo(rule.id, rule.kind, rule.severity, first_sentence(description), description,
                                  _absolute_url(rule.link))
    for rule_id, text in BUILTIN_RULES.items():
        sentence = text[:1].upper() + text[1:] + "."
        table.setdefault(rule_id, RuleInfo(rule_id, BUILTIN_NAMES.get(rule_id, rule_id),
                                           BUILTIN_SEVERITY.get(rule_id, Severity.ERROR),
                                           sentence, sentence + " Built into newslint."))
    for v in report.violations:
        if v.rule_id not in table:
            described = report.rule_descriptions.get(v.rule_id, "") or f"Rule {v.rule_id}."
            table[v.rule_id] = RuleInfo(v.rule_id, v.rule_id, v.severity, first_sentence(described), described)
    return list(table.values())
