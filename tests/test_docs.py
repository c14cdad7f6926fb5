"""The documentation says what the code does."""

from __future__ import annotations

import re

from conftest import ROOT
from newslint import docgen
from newslint.checks import KINDS
from newslint.packs.loader import PACK_KEYS, RULE_KEYS


def test_check_kinds_doc_is_generated_from_the_modules():
    written = (ROOT / "docs" / "check-kinds.md").read_text(encoding="utf-8")
    assert written == docgen.render(), "run: python -m newslint.docgen > docs/check-kinds.md"


def test_rule_packs_doc_names_every_pack_and_rule_key_and_kind():
    text = (ROOT / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    for key in [*PACK_KEYS, *RULE_KEYS, *KINDS]:
        assert re.search(rf"`{re.escape(key)}`", text), key


def test_readme_opens_with_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert commands[0].endswith("newslint lint examples/")
    assert commands[1].endswith("python -m pytest -q")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci
