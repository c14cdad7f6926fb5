#!/usr/bin/env python3
"""What the issue's first target leaves for each story, against what every story must cost.

    python bench/budget.py                   # the 10,000-story corpus that bench/run.py made

Target 1: 10,000 stories on two cores within twice the floor's wall time. Even with both cores
busy from start to end, that is at most `2 x floor x cores` CPU-seconds for the whole run: the
budget, divided here by the number of stories. Against it, measured on the same stories:

  pipeline       newslint with every rule ignored (`--ignore AN,names --no-cache`): finding, reading,
                 sending and decoding the stories, starting the workers, the report. CPU of all
                 its processes.
  word set       `lexicon.word_set`: the story's distinct words, where word-level name look-up
                 (the issue's third target) and the screens start.
  trigger scan   one pass per story for every literal the pack's patterns need, as the
                 screens read them (`literals.needs`): trailer labels, weekday and month names,
                 `Rp`, `pukul`, speech verbs ... in one alternation. The single pass that a fused
                 design would start from, before any rule's own logic.
  newslint       `engine.lint_bytes`, in this process: what a story costs today.

The first three are a lower bound on any design that keeps today's rules and their output; what
the budget leaves after them is all that the rules' own work (pairing quotes, checking a date's
weekday, the near-miss search, building the violations) could spend. CPU times are the minimum
of several passes over the stories; the floor's and the pipeline's are medians of whole runs.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def whole_runs(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (all processes) of `runs` runs of `command`."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu, start = children_cpu(), time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def per_story(work: Any, items: list[Any], passes: int) -> float:
    """Milliseconds of CPU per item: the fastest of `passes` passes."""
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(items)


def compiled_patterns(value: Any) -> Iterator[Any]:
    """Every compiled pattern inside a rule's compiled data (lists, tuples, dicts, objects)."""
    if hasattr(value, "pattern") and hasattr(value, "flags") and hasattr(value, "search"):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from compiled_patterns(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from compiled_patterns(item)


def trie(words: set[str]) -> str:
    """One alternation of `words` with shared prefixes factored out (`Senin|Selasa` ->
    `Se(?:lasa|nin)`): Python's `re` scans that several times faster than a flat list. The
    shared floor.py factors its dictionary the same way, for `regex`; this copy is ours because
    the tests (which run without ../shared) check it."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def trigger_scan(rules: list[Any]) -> tuple[Callable[[str], Any], list[str], list[str]]:
    """One pass over a story for what the rules look for: (scan, rules covered, rules not covered).
    Literals compared as written are found in the text, case-insensitive ones in the folded text
    (`literals.fold`), each set with one trie-shaped `re` alternation."""
    from newslint.literals import fold, needs

    plain: set[str] = set()
    folded: set[str] = set()
    covered, uncovered = [], []
    for rule in rules:
        read = [needs(p.pattern, p.flags) for p in compiled_patterns(rule.compiled)]
        literals = [literal for found in read if found for literal in found]
        (covered if literals else uncovered).append(rule.id)
        for literal, is_folded in literals:
            (folded if is_folded else plain).add(literal)
    as_written, when_folded = re.compile(trie(plain) or "(?!)"), re.compile(trie(folded) or "(?!)")

    def scan(text: str) -> tuple[list[str], list[str]]:
        return as_written.findall(text), when_folded.findall(fold(text))

    return scan, covered, uncovered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/newslint-bench/c10000-d300"),
                        help="a folder made by make_corpus.py (stories/ and names.yaml)")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "bench", help="folder with floor.py")
    parser.add_argument("--newslint", default=str(Path(sys.executable).parent / "newslint"),
                        help="the newslint command (default: the one beside this Python)")
    parser.add_argument("--cores", type=int, default=2, help="the cores the target is set for")
    parser.add_argument("--runs", type=int, default=3, help="whole runs of the floor and the pipeline")
    parser.add_argument("--sample", type=int, default=3000, help="stories timed in this process")
    args = parser.parse_args()

    from newslint import engine
    from newslint.document import Document
    from newslint.lexicon import word_set
    from newslint.run import LintRequest
    from newslint.settings import Plan

    stories, names = args.corpus / "stories", args.corpus / "names.yaml"
    paths = sorted(stories.rglob("*.txt"))
    if not paths:
        sys.exit(f"no stories in {stories}: run bench/run.py first, or give --corpus")
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(args.corpus / ".budget-cache")}
    floor_wall, _ = whole_runs([sys.executable, str(args.shared / "floor.py"), str(stories), str(names)], args.runs, env)
    lint = [*args.newslint.split(), "lint", "--no-cache", "--pack", "antara", "--pack", str(names)]
    pipeline_wall, pipeline_cpu = whole_runs([*lint, "--ignore", "AN,names", str(stories)], args.runs, env)
    full_wall, full_cpu = whole_runs([*lint, str(stories)], args.runs, env)

    plan = Plan(LintRequest(paths=[str(stories)], packs=["antara", str(names)]))
    rules = plan.rules(plan.settings(str(stories)))
    sample = paths[:args.sample]
    data = [(p.read_bytes(), str(p)) for p in sample]
    docs = [Document.from_bytes(d, p) for d, p in data]
    texts = [doc.text for doc in docs]
    scan, covered, uncovered = trigger_scan(rules)

    n = len(paths)
    budget = 1000 * 2 * floor_wall * args.cores / n
    rows = [
        ("pipeline: no rules, all processes (stories read, decoded, sent)", 1000 * pipeline_cpu / n),
        ("word set", per_story(word_set, texts, 5)),
        ("trigger scan", per_story(scan, texts, 5)),
    ]
    floor_part = sum(ms for _, ms in rows)
    today = per_story(lambda item: engine.lint_bytes(item[0], item[1], rules), data, 3)

    print(f"{n:,} stories in {args.corpus}; floor {floor_wall:.2f} s wall; newslint {full_wall:.2f} s wall, "
          f"{full_cpu:.2f} s CPU; no rules {pipeline_wall:.2f} s wall\n")
    print("| per story | ms of CPU |\n| --- | --- |")
    print(f"| budget: 2 x floor x {args.cores} cores | {budget:.3f} |")
    for label, ms in rows:
        print(f"| {label} | {ms:.3f} |")
    print(f"| left for the rules' own work | {budget - floor_part:.3f} |")
    print(f"| newslint today: pipeline + linting in process | {rows[0][1] + today:.3f} |")
    print(f"| newslint today: whole run, all processes | {1000 * full_cpu / n:.3f} |")
    print(f"\nThe trigger scan covers {', '.join(covered)}; not {', '.join(uncovered) or 'none'} "
          "(no literal to look for: they work from the story's structure or its words).")


if __name__ == "__main__":
    main()
