#!/usr/bin/env python3
"""Benchmark newslint against the floor and the peer linters on generated ANTARA-style corpora.

    python bench/run.py                      # everything (see --help for a quicker run)

Generates the corpora with the shared generator (`../shared/bench/make_corpus.py` from the
repository, or --shared), then times whole processes, start-up included, in interleaved rounds:
every tool once per round, so that a machine that speeds up or slows down moves them all alike.
Prints a markdown table of medians with the ratio to the floor (the median over rounds of
tool / floor from the same round), writes it to OUT/results.md, and draws OUT/chart.png when
matplotlib is installed (`pip install '.[bench]'`).

newslint runs in four ways on each corpus, each with its own cache folder:
  cold        empty cache: compiles the packs and lints every story (a first run ever)
  no-cache    --no-cache: nothing read or written
  first       the pack cache filled, no story results yet (new stories, same configuration)
  second      the same command again: every story's result comes from the cache
Their outputs are compared; the script fails if any differs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Corpus:
    stories: int
    names: int
    runs: int
    slow_peers: bool = True  # textlint and proselint run on it by default

    @property
    def name(self) -> str:
        return f"c{self.stories}-d{self.names}"

    @property
    def label(self) -> str:
        story = "story" if self.stories == 1 else "stories"
        return f"{self.stories:,} {story}, {self.names:,} names"


CORPORA = [
    Corpus(1, 300, 10),
    Corpus(1000, 300, 5),
    Corpus(10000, 300, 3),
    Corpus(1000, 100, 5),
    Corpus(1000, 10000, 3, slow_peers=False),  # textlint takes about 4 minutes a run here
]
NEWSLINT_WAYS = ("cold", "no-cache", "first", "second")


@dataclass
class Sample:
    wall: float
    rss_mib: float
    code: int
    out: bytes = b""


@dataclass
class Results:
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def add(self, tool: str, sample: Sample) -> None:
        self.samples.setdefault(tool, []).append(sample)


def run(command: list[str], env: dict[str, str] | None = None, keep_output: bool = False) -> Sample:
    """One whole process: wall seconds and its peak resident memory (from wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE if keep_output else subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    out = b""
    if keep_output:
        out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Sample(wall, usage.ru_maxrss / 1024, process.returncode, out)


def make_corpus(shared: Path, corpus: Corpus, work: Path) -> Path:
    folder = work / corpus.name
    if not (folder / "names.yaml").is_file():
        subprocess.run([sys.executable, str(shared / "make_corpus.py"), "--n", str(corpus.stories), "--dict-size",
                        str(corpus.names), "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
    return folder


def commands(args: argparse.Namespace, folder: Path) -> dict[str, list[str]]:
    stories, names = str(folder / "stories"), str(folder / "names.yaml")
    newslint = [*args.newslint.split(), "lint", "--pack", "antara", "--pack", names, stories]
    tools = {"floor": [args.python, str(args.shared / "floor.py"), stories, names]}
    for way in NEWSLINT_WAYS:
        tools[f"newslint {way}"] = newslint[:2] + ["--no-cache"] + newslint[2:] if way == "no-cache" else newslint
    textlint = args.peers / "node_modules" / ".bin" / "textlint"
    if textlint.exists():
        rc = folder / ".textlintrc.json"
        rc.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(folder / "prh.yml")]},
                                            "date-weekday-mismatch": True}}), encoding="utf-8")
        tools["textlint"] = [str(textlint), "--config", str(rc), "--rules-base-directory",
                             str(args.peers / "node_modules"), "-f", "unix", stories]
    proselint = args.peers / "venv" / "bin" / "proselint"
    if proselint.exists():
        tools["proselint"] = [str(proselint), "check", stories]
    return tools


def measure(args: argparse.Namespace, corpus: Corpus, folder: Path) -> Results:
    tools = commands(args, folder)
    if not (corpus.slow_peers or args.slow):
        tools = {t: c for t, c in tools.items() if t not in ("textlint", "proselint")}
    if args.no_peers:
        tools = {t: c for t, c in tools.items() if t not in ("textlint", "proselint")}
    cache = args.work / "cache" / corpus.name
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(cache)}
    results = Results()
    runs = args.runs or corpus.runs
    print(f"{corpus.label}: {runs} rounds of {', '.join(tools)}", file=sys.stderr)
    for round_number in range(runs + 1):  # round 0 warms the file cache and is not counted
        outputs = {}
        for tool, command in tools.items():
            if tool == "newslint cold":
                shutil.rmtree(cache, ignore_errors=True)
            elif tool == "newslint first":
                shutil.rmtree(cache / "results", ignore_errors=True)
            sample = run(command, env, keep_output=tool.startswith("newslint"))
            if tool.startswith("newslint"):
                outputs[tool] = sample.out
                sample.out = b""
            if round_number:
                results.add(tool, sample)
        if len(set(outputs.values())) > 1:
            sys.exit(f"newslint printed different reports on {corpus.label}: {', '.join(outputs)}")
        print(f"  round {round_number}/{runs} done", file=sys.stderr)
    return results


def ratio(results: Results, tool: str) -> float:
    pairs = [s.wall / f.wall for s, f in zip(results.samples[tool], results.samples["floor"])]
    return statistics.median(pairs)


def cell(results: Results, tool: str) -> str:
    if tool not in results.samples:
        return "not run"
    samples = results.samples[tool]
    wall = statistics.median(s.wall for s in samples)
    rss = statistics.median(s.rss_mib for s in samples)
    text = f"{wall:.2f} s, {rss:.0f} MiB"
    return text if tool == "floor" else f"{text} ({ratio(results, tool):.1f}×)"


COLUMNS = ["floor", "newslint cold", "newslint no-cache", "newslint first", "newslint second", "textlint", "proselint"]


def table(measured: list[tuple[Corpus, Results]]) -> str:
    lines = ["| corpus | rounds | " + " | ".join(COLUMNS) + " |", "|" + " --- |" * (len(COLUMNS) + 2)]
    for corpus, results in measured:
        rounds = len(results.samples["floor"])
        lines.append(f"| {corpus.label} | {rounds} | " + " | ".join(cell(results, t) for t in COLUMNS) + " |")
    return "\n".join(lines)


def chart(measured: list[tuple[Corpus, Results]], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    by_key = {(c.stories, c.names): r for c, r in measured}
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    series = [("floor", "floor", "k", "-"), ("newslint first", "newslint (packs cached)", "tab:blue", "-"),
              ("newslint cold", "newslint (empty cache)", "tab:blue", ":"),
              ("newslint second", "newslint (second run)", "tab:green", "--"), ("textlint", "textlint + prh", "tab:red", "-")]
    for axis, vary, fixed, title, xlabel in (
        (left, "stories", 300, "time against corpus size (300 names)", "stories"),
        (right, "names", 1000, "time against dictionary size (1,000 stories)", "names in the dictionary"),
    ):
        for tool, label, colour, style in series:
            points = []
            for (stories, names), results in sorted(by_key.items()):
                x = stories if vary == "stories" else names
                if (names if vary == "stories" else stories) == fixed and tool in results.samples:
                    points.append((x, statistics.median(s.wall for s in results.samples[tool])))
            if points:
                xs, ys = zip(*sorted(points))
                axis.plot(xs, ys, style, color=colour, marker="o", label=label)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_title(title)
        axis.set_xlabel(xlabel)
        axis.set_ylabel("wall seconds, whole process (median)")
        axis.grid(True, which="both", alpha=0.3)
        if axis.get_legend_handles_labels()[0]:
            axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "bench",
                        help="folder with make_corpus.py and floor.py (default: ../shared/bench from the repository)")
    parser.add_argument("--peers", type=Path, default=Path("/tmp/newslint-peers"),
                        help="where peers_setup.sh installed textlint and proselint (skipped when absent)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newslint-bench"), help="corpora and caches")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results", help="results.md and chart.png")
    parser.add_argument("--newslint", default=str(Path(sys.executable).parent / "newslint"),
                        help="the newslint command (default: the one beside this Python)")
    parser.add_argument("--python", default=sys.executable, help="interpreter for floor.py (needs regex, pyyaml)")
    parser.add_argument("--only", nargs="*", metavar="NAME", help="corpora by name, e.g. c1-d300 c1000-d10000")
    parser.add_argument("--runs", type=int, help="rounds per corpus (default: 10, 5 or 3 by corpus size)")
    parser.add_argument("--no-peers", action="store_true", help="floor and newslint only")
    parser.add_argument("--slow", action="store_true", help="also run the peers on 1,000 stories x 10,000 names")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    chosen = [c for c in CORPORA if not args.only or c.name in args.only]
    measured = []
    for corpus in chosen:
        folder = make_corpus(args.shared, corpus, args.work)
        measured.append((corpus, measure(args, corpus, folder)))
    header = (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
              f"Python {sys.version.split()[0]}; median wall seconds and peak RSS of the largest process "
              f"(ratio to the floor in the same round)")
    text = header + "\n\n" + table(measured) + "\n"
    print(text)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    (args.out / "raw.json").write_text(json.dumps(
        {c.name: {t: [[s.wall, s.rss_mib, s.code] for s in v] for t, v in r.samples.items()} for c, r in measured},
        indent=1), encoding="utf-8")
    if chart(measured, args.out / "chart.png"):
        print(f"chart: {args.out / 'chart.png'}", file=sys.stderr)
    else:
        print("no chart: matplotlib is not installed (pip install '.[bench]')", file=sys.stderr)


if __name__ == "__main__":
    main()
