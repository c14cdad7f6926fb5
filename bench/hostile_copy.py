"""Seconds each ANTARA rule spends on hostile copy: one 10 MB line, 200,000 short lines, and a
10,000-alternative pattern. Guards the linear behaviour tests cannot time (docs/robustness.md).
Each rule's screen is timed apart: screens run outside the rule's time limit, so they must stay
cheap on any copy.

    .venv/bin/python bench/hostile_copy.py
"""

from __future__ import annotations

import time
from pathlib import Path

from newslint.checks import KINDS, SCREENS
from newslint.context import Context
from newslint.document import Document
from newslint.packs import load_packs

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = (ROOT / "examples" / "antara-rusia-italia-2020.txt").read_text(encoding="utf-8")


def per_rule(name: str, text: str) -> None:
    began = time.perf_counter()
    doc = Document.from_text(text, "bench.txt")
    doc.anatomy
    read_in = time.perf_counter() - began
    print(f"\n{name}: {len(text.encode()):,} bytes, {doc.line_count:,} lines; reading {read_in:.2f} s")
    ctx = Context(doc, None, None)
    began = time.perf_counter()
    ctx.text_words  # noqa: B018 - shared by the screens, timed on its own
    print(f"  words for the screens {time.perf_counter() - began:.2f} s")
    for rule in load_packs(["antara"]).rules:
        began = time.perf_counter()
        screen = SCREENS[rule.kind]
        verdict = "-" if screen is None else "maybe" if screen(doc, rule, ctx) else "no"
        screened = time.perf_counter() - began
        began = time.perf_counter()
        count = sum(1 for _ in KINDS[rule.kind].check(doc, rule, ctx))
        print(f"  {rule.id:<8} {rule.kind:<13} screen {screened:5.2f} s ({verdict:<5}) check "
              f"{time.perf_counter() - began:6.2f} s  {count:>6} findings")


def alternatives() -> None:
    import regex

    import random

    rng = random.Random(7)  # words with no shared prefix: the costly case for an alternation
    words = {"".join(rng.choice("abcdefghijklmnoprstuwy") for _ in range(rng.randint(5, 10))) for _ in range(10_500)}
    pattern = r"\b(?:" + "|".join(sorted(words)[:10_000]) + r")\b"
    began = time.perf_counter()
    compiled = regex.compile(pattern, regex.V0 | regex.M)
    compiled_in = time.perf_counter() - began
    text = FIXTURE * 30
    began = time.perf_counter()
    compiled.findall(text)
    scanned = time.perf_counter() - began
    print(f"\n10,000 alternatives: compile {compiled_in:.2f} s; scan {scanned / len(text) * 1e6:.1f} µs per character")


if __name__ == "__main__":
    paragraph = " ".join(FIXTURE.splitlines()) + " "
    per_rule("one 10 MB line", paragraph * (10_000_000 // len(paragraph.encode())))
    per_rule("200,000 short lines", "Pewarta: A\n\"Kutipan tanpa narasumber yang cukup panjang.\"\n" * 100_000)
    import random

    rng = random.Random(3)  # every word new: what the screens' per-word memories cannot absorb
    per_rule("300,000 distinct capitalised words", " ".join(
        "".join(rng.choice("abcdefghijklmnoprstuwy") for _ in range(rng.randint(4, 9))).capitalize()
        for _ in range(300_000)) + "\n")
    alternatives()
