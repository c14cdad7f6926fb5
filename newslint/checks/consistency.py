"""`consistency`: one name, one spelling inside a story.

When a capitalised word appears several times and another one a single typing slip away
appears fewer times (`Artidjo` three times, `Artdijo` once), the minority form is flagged and
the majority one named, whether or not either is in a dictionary. Guards (see docs/names.md):
  - both forms must stand at least once inside a sentence, not only at its start (a capital
    that may be grammar says nothing about a name);
  - the words next to the minority form (words from `titles`, and words from `openers` that open
    a sentence, aside) must all stand next to the majority form somewhere: `Mohamad Nasir` and
    `Mohammad Mahfud`, `Sumatera Utara` and `Direktur Utama`, or `Lestari Rusdi` and `Rudi
    Siregar` are different names, not two spellings of one; `Menurut Artdijo` still counts;
  - the majority appears at least `min_count` times and strictly more often; ties are left alone;
  - words in `ignore` (weekdays, months) and words of the names in `dictionary` files are never
    the minority (a real name is not a misspelling); words shorter than `min_length` are skipped.

Findings carry no fix: the frequent form is usually, not always, the right one.

    - id: AN402
      kind: consistency
      titles: [Presiden, Menteri, Bupati]
      message: '"{match}" ditulis "{expected}" di bagian lain berita ini ({count} kali)'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from newslint.anatomy import WHOLE_LINE_SCOPES
from newslint.checks._common import UNUSUAL_COPY
from newslint.lexicon import tokens_of
from newslint.nearmiss import DeleteIndex, SlipNeighbours, base_form
from newslint.packs.schema import Key, one_or_many
from newslint.violation import Finding

KIND = "consistency"
SUMMARY = "a name is spelled the same way throughout the story"
SLOW_HINT = UNUSUAL_COPY
DEFAULT_SCOPE = "body"
OPTIONS = {
    "min_length": Key((int,), "shorter words are not compared", default=4),
    "min_count": Key((int,), "how often the majority spelling must appear", default=2),
    "titles": Key((list,), "titles and honorifics that do not tell two people apart", items=str, default=[]),
    "openers": Key((list,), "words that open a sentence before a name without being part of it (`Menurut`)",
                   items=str, default=[]),
    "ignore": Key((list,), "words never compared (weekdays, months ...)", items=str, default=[]),
    "dictionary": Key((str, list), "names files whose words are never taken for a misspelling", items=str),
}
MESSAGES = {"default": "'{match}' is spelled '{expected}' elsewhere in this story ({count} times)"}
FIELDS = ("expected", "count")


@dataclass
class Compiled:
    titles: frozenset[str]
    openers: frozenset[str]
    ignore: frozenset[str]
    known: frozenset[str]
    not_compared: frozenset[str] = frozenset()  # ignore | titles: one look-up per word
    _neighbours: SlipNeighbours | None = field(default=None, repr=False, compare=False)

    def neighbours(self, min_length: int) -> SlipNeighbours:
        """The screen's memory of words one slip apart (`screen`), made at first use per process."""
        if self._neighbours is None:
            not_compared = self.not_compared

            def compared(token: str) -> str | None:
                """The word a token gives a run of capitalised words, if it is compared (as in `check`)."""
                if not token[:1].isupper() or (len(token) > 1 and token.isupper()):
                    return None
                word = base_form(token)
                return word if len(word) >= min_length and word not in not_compared else None

            self._neighbours = SlipNeighbours(compared, self.known)
        return self._neighbours

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (pack cache, workers) without what this process happened to look up."""
        return {**self.__dict__, "_neighbours": None}


Run = list[tuple[int, int, str, bool]]  # a run of capitalised words (`Context.scope_runs`)


def _places(word: str, runs: list[Run], names: list[list[str]]) -> list[tuple[int, int]]:
    """(run, index) of every occurrence of `word`, in the order of the text."""
    return [(r, k) for r, run_names in enumerate(names) if word in run_names
            for k, name in enumerate(run_names) if name == word]


def _neighbours(word: str, runs: list[Run], names: list[list[str]], compiled: Compiled) -> set[str]:
    """The words next to this one in its runs (titles, and openers that open a sentence, aside)."""
    found: set[str] = set()
    for r, k in _places(word, runs, names):
        run, run_names = runs[r], names[r]
        found.update(n for j, n in enumerate(run_names) if j != k and n not in compiled.titles
                     and not (run[j][3] and n in compiled.openers))
    return found


def compile(options: dict[str, Any], path: Path, raw: Any) -> Compiled:
    known: set[str] = set()
    refs = one_or_many(options["dictionary"])
    if refs:
        from newslint.checks import names

        index = names.compile({"names": [], "dictionary": options["dictionary"], "ignorecase": False,
                               "near_miss": False, "near_miss_kinds": [], "near_miss_min_length": 5,
                               "known_words": []}, path, raw)
        for canonical, entry in index.canonical.items():
            known.update(tokens_of(canonical))
            for form in entry.short:
                known.update(tokens_of(form))
    titles, ignore = frozenset(options["titles"]), frozenset(options["ignore"])
    return Compiled(titles, frozenset(options["openers"]), ignore, frozenset(known), ignore | titles)


def screen(doc: Any, rule: Any, ctx: Any) -> bool:
    """A finding needs two compared words one slip apart, not both words of dictionary names."""
    if rule.scope not in WHOLE_LINE_SCOPES:
        return True
    return rule.compiled.neighbours(rule.options["min_length"]).may_pair(ctx.text_words)


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    """Words are counted in one go (`Counter`, in C); where a word stands and what its
    neighbours are is worked out only for the few words a comparison needs."""
    compiled: Compiled = rule.compiled
    min_length = rule.options["min_length"]
    min_count = rule.options["min_count"]
    not_compared = compiled.not_compared
    runs = [run for span_runs in ctx.scope_runs(rule.scope) for run in span_runs]
    names = [run_names for span_names in ctx.scope_names(rule.scope) for run_names in span_names]
    counts = Counter(chain.from_iterable(names))  # in the order words first appear
    # Only a run's first word can open a sentence (`capitalised_runs`): the others stand inside one.
    inside = set(chain.from_iterable(run_names[1:] for run_names in names))
    inside.update(run_names[0] for run, run_names in zip(runs, names) if not run[0][3])
    compared = [word for word in counts if len(word) >= min_length and word not in not_compared]
    # A majority form stands inside a sentence and appears more often than the minority, so at
    # least max(min_count, 2) times: only such forms go into the index minorities are looked up in.
    index = DeleteIndex(word for word in compared if counts[word] >= max(min_count, 2) and word in inside)
    if not len(index):
        return
    neighbours: dict[str, set[str]] = {}

    def neighbours_of(word: str) -> set[str]:
        if word not in neighbours:
            neighbours[word] = _neighbours(word, runs, names, compiled)
        return neighbours[word]

    for word in compared:
        if word in compiled.known or word not in inside:
            continue
        best = None
        for other in index.near(word):  # in a fixed order: of equal counts the first found is named
            count = counts[other]
            if (count >= max(min_count, counts[word] + 1) and (best is None or count > counts[best])
                    and neighbours_of(word) <= neighbours_of(other)):
                best = other
        if best is None:
            continue
        for r, k in _places(word, runs, names):
            # No fix: the majority is usually right but not always (a misspelling repeated twice
            # outnumbers a real name written once), so the editor decides; `--fix` leaves it alone.
            start = runs[r][k][0]
            yield Finding(start, start + len(word), fields={"expected": best, "count": str(counts[best])})
