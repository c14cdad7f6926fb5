"""Shared helpers: the real fixture article, the shipped pack loaded once, the real CLI."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# In CI, Hypothesis draws the same examples on every run: a red build then means the change broke
# something, not that a new random draw found an old bug. Locally, each run explores new examples.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

from newslint.document import Document
from newslint.engine import RunOptions, lint_document, select_rules
from newslint.packs import load_packs
from newslint.storydate import parse_date_option
from newslint.violation import Violation

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "examples" / "antara-rusia-italia-2020.txt"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Runs of the CLI in tests keep their cache out of the working folder."""
    os.environ["NEWSLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("newslint-cache"))


@functools.lru_cache(maxsize=None)
def pack(*refs: str):
    return load_packs(list(refs or ("antara",)))


def lint_text(text: str, path: str = "story.txt", date: str | None = None, refs: tuple[str, ...] = ("antara",),
              select: tuple[str, ...] = ()) -> list[Violation]:
    rules = select_rules(pack(*refs).rules, select)
    options = RunOptions(date=parse_date_option(date) if date else None)
    return lint_document(Document.from_text(text, path), rules, options)


def found(violations: list[Violation]) -> list[tuple[int, int, str]]:
    """(line, column, rule) of each violation: what the tests assert."""
    return [(v.line, v.column, v.rule_id) for v in violations]


@pytest.fixture
def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real entry point, in a child process, as a user or CI runs it."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NO_COLOR", None) if env is None or "NO_COLOR" not in env else None
    return subprocess.run([sys.executable, "-m", "newslint", *args], input=input, capture_output=True,
                          cwd=cwd, env=full_env, timeout=120)
