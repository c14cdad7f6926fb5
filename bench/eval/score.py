"""Precision and recall of newslint's checks on the labelled evaluation set.

Every story in `stories/` is linted with the shipped pack of its language (`id*` stories with
`antara`, `en*` stories with `wire-en`), exactly as `newslint lint --pack NAME` would. Each
violation is put in a check category by its rule id (`CATEGORIES` below, the documented
mapping), then matched to the labels of `labels.yaml` by file + line + category. Several
labels or findings on the same line and category are matched one to one, so a finding
reported twice for one defect counts once right and once as a false alarm.

    python bench/eval/score.py [--verbose] [--holdout | --set holdout2]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from newslint.errors import NewslintError  # noqa: E402
from newslint.engine import RunOptions, lint_bytes, select_rules  # noqa: E402
from newslint.packs import load_packs  # noqa: E402

PACKS = {"id": "antara", "en": "wire-en"}

#: Rule id prefix -> check category (longest prefix wins). Ids not listed count as `other`.
CATEGORIES = {
    "AN101": "dateline", "AN10": "trailer", "AN2": "date", "AN301": "attribution", "AN302": "credit",
    "AN4": "names", "AN5": "numbers",
    "WE1": "dateline", "WE2": "date", "WE3": "attribution", "WE4": "names", "WE6": "trailer",
    "NL": "engine",
}


def category(rule_id: str) -> str:
    best = max((p for p in CATEGORIES if rule_id.startswith(p)), key=len, default=None)
    return CATEGORIES[best] if best else "other"


@dataclass
class Tally:
    right: int = 0
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.right + len(self.false_alarms)
        return self.right / found if found else 1.0

    @property
    def recall(self) -> float:
        labelled = self.right + len(self.misses)
        return self.right / labelled if labelled else 1.0


def score(stories: Path = HERE / "stories", labels_file: Path = HERE / "labels.yaml") -> dict[str, Tally]:
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}
    rules = {}
    for lang, pack in PACKS.items():
        try:
            rules[lang] = select_rules(load_packs([pack]).rules)
        except NewslintError as exc:  # a pack not shipped yet: its stories score as all misses
            print(f"score: pack {pack!r} not loaded ({exc}); its stories are linted with no rules", file=sys.stderr)
            rules[lang] = []
    tallies: dict[str, Tally] = {}
    for path in sorted(stories.iterdir()):
        expected = Counter((item["line"], item["check"]) for item in labels.get(path.name) or [])
        found_at: dict[tuple[int, str], list[str]] = {}
        for v in lint_bytes(path.read_bytes(), str(path), rules[path.name[:2]], RunOptions()):
            found_at.setdefault((v.line, category(v.rule_id)), []).append(f"{path.name}:{v.line}: {v.rule_id} {v.message}")
        for key in set(expected) | set(found_at):
            tally = tallies.setdefault(key[1], Tally())
            found = found_at.get(key, [])
            right = min(len(found), expected[key])
            tally.right += right
            tally.false_alarms.extend(found[right:])
            tally.misses.extend([f"{path.name}:{key[0]}: {key[1]}"] * (expected[key] - right))
    return tallies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--holdout", action="store_true",
                        help="score the held-out set (holdout/), written after the checks were tuned")
    parser.add_argument("--set", dest="name", metavar="DIR",
                        help="score another labelled set (a folder, or a name under bench/eval such as holdout2) "
                             "with DIR/stories and DIR/labels.yaml")
    args = parser.parse_args()
    name = args.name or ("holdout" if args.holdout else None)
    folder = None if name is None else Path(name) if (Path(name) / "labels.yaml").is_file() else HERE / name
    tallies = score(folder / "stories", folder / "labels.yaml") if folder is not None else score()
    print(f"{'check':<12} {'labels':>6} {'found':>6} {'right':>6} {'precision':>9} {'recall':>7}")
    for name in sorted(tallies):
        t = tallies[name]
        print(f"{name:<12} {t.right + len(t.misses):>6} {t.right + len(t.false_alarms):>6} {t.right:>6} "
              f"{t.precision:>9.2f} {t.recall:>7.2f}")
    if args.verbose:
        for name in sorted(tallies):
            for line in tallies[name].misses:
                print(f"MISS   {line}")
            for line in tallies[name].false_alarms:
                print(f"FALSE  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
