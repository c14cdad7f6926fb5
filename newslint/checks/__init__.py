"""The check kinds: one module each. Rules in YAML packs choose a kind and give it data.

Every kind module declares:
  KIND, SUMMARY        its name and one line on what it checks
  DEFAULT_SCOPE        the region it reads when a rule names none
  OPTIONS              its own keys (a schema of `Key`s), validated when a pack loads
  MESSAGES             its outcomes and their default (English) messages; `default` is the rule's `message`
  FIELDS               placeholders its messages may use besides `{match}`
  compile(options, pack_path, raw) -> compiled data, raising PackError for bad patterns
  check(doc, rule, ctx) -> iterator of Finding

and may declare
  screen(doc, rule, ctx) -> bool   False only when `check` cannot find anything in this document
  SLOW_HINT            what NL003 advises when a rule runs out of time on a story (default: to
                       simplify its pattern, which is right only for kinds that take one)

A screen is a necessary condition, tested on the whole text at C speed (a word or a literal that
every finding needs, looked up in `ctx.text_words` or the text): most rules find nothing in most
stories, and proving that cheaply is most of a fast run. It must never say False where `check`
would find something (tests/test_screens.py holds every screen to that); True is always safe.
"""

from __future__ import annotations

from types import ModuleType

from newslint.checks import (attribution, consistency, copyright, date, forbidden, names, required, sequence,
                             substitution)

KINDS: dict[str, ModuleType] = {
    module.KIND: module
    for module in (required, forbidden, substitution, sequence, date, copyright, attribution, names, consistency)
}


#: Each kind's `screen`, or None: looked up once, not once per rule and story.
SCREENS = {name: getattr(module, "screen", None) for name, module in KINDS.items()}
#: What NL003 advises for each kind.
SLOW_HINTS = {name: getattr(module, "SLOW_HINT", "simplify its pattern") for name, module in KINDS.items()}


def kind_module(name: str) -> ModuleType:
    return KINDS[name]
