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

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint.lexicon import tokens_of
from newslint.nearmiss import DeleteIndex, base_form
from newslint.packs.schema import Key, one_or_many
from newslint.violation import Finding

KIND = "consistency"
SUMMARY = "a name is spelled the same way throughout the story"
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


Run = list[tuple[int, int, str, bool]]  # a run of capitalised words (`Context.capitalised_runs`)
Place = tuple[list[str], Run, int]  # where a word stands: its run's base forms, the run, its index


def _inside(places: list[Place]) -> bool:
    """The word stands at least once inside a sentence (not as the sentence's first word)."""
    return any(not run[k][3] for _, run, k in places)


def _neighbours(places: list[Place], compiled: Compiled) -> set[str]:
    """The words next to this one in its runs (titles, and openers that open a sentence, aside)."""
    found: set[str] = set()
    for names, run, k in places:
        found.update(n for j, n in enumerate(names) if j != k and n not in compiled.titles
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


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    """Where each compared word stands is gathered first (a look-up and an append per word);
    whether it stands inside a sentence and what its neighbours are is worked out afterwards,
    only for the few words a comparison needs."""
    compiled: Compiled = rule.compiled
    min_length = rule.options["min_length"]
    min_count = rule.options["min_count"]
    not_compared = compiled.not_compared
    seen: dict[str, list[Place]] = {}
    for span_runs in ctx.scope_runs(rule.scope):
        for run in span_runs:
            names = [base_form(w[2]) for w in run]
            for k, word in enumerate(names):
                if len(word) >= min_length and word not in not_compared:
                    places = seen.get(word)
                    if places is None:
                        seen[word] = [(names, run, k)]
                    else:
                        places.append((names, run, k))
    # A majority form stands inside a sentence and appears more often than the minority, so at
    # least max(min_count, 2) times: only such forms go into the index minorities are looked up in.
    index = DeleteIndex(word for word, places in seen.items() if len(places) >= max(min_count, 2) and _inside(places))
    if not len(index):
        return
    neighbours: dict[str, set[str]] = {}

    def neighbours_of(word: str) -> set[str]:
        if word not in neighbours:
            neighbours[word] = _neighbours(seen[word], compiled)
        return neighbours[word]

    for word, places in seen.items():
        if word in compiled.known or not _inside(places):
            continue
        best = None
        for other in index.near(word):  # in a fixed order: of equal counts the first found is named
            count = len(seen[other])
            if (count >= max(min_count, len(places) + 1) and (best is None or count > len(seen[best]))
                    and neighbours_of(word) <= neighbours_of(other)):
                best = other
        if best is None:
            continue
        for _, run, k in places:
            # No fix: the majority is usually right but not always (a misspelling repeated twice
            # outnumbers a real name written once), so the editor decides; `--fix` leaves it alone.
            start = run[k][0]
            yield Finding(start, start + len(word), fields={"expected": best, "count": str(len(seen[best]))})
