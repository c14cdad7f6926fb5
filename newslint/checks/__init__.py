"""The check kinds: one module each. Rules in YAML packs choose a kind and give it data.

Every kind module declares:
  KIND, SUMMARY        its name and one line on what it checks
  DEFAULT_SCOPE        the region it reads when a rule names none
  OPTIONS              its own keys (a schema of `Key`s), validated when a pack loads
  MESSAGES             its outcomes and their default (English) messages; `default` is the rule's `message`
  FIELDS               placeholders its messages may use besides `{match}`
  compile(options, pack_path, raw) -> compiled data, raising PackError for bad patterns
  check(doc, rule, ctx) -> iterator of Finding
"""

from __future__ import annotations

from types import ModuleType

from newslint.checks import (attribution, consistency, copyright, date, forbidden, names, required, sequence,
                             substitution)

KINDS: dict[str, ModuleType] = {
    module.KIND: module
    for module in (required, forbidden, substitution, sequence, date, copyright, attribution, names, consistency)
}


def kind_module(name: str) -> ModuleType:
    return KINDS[name]
