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
from dataclasses import dataclass, field
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


@dataclass
class _Form:
    places: list[tuple[int, int]] = field(default_factory=list)
    inside: bool = False  # stands at least once inside a sentence
    runs: list[tuple[list[str], list[tuple[int, int, str, bool]], int]] = field(default_factory=list)  # where it stands
    _neighbours: set[str] | None = None

    def neighbours(self, compiled: Compiled) -> set[str]:
        """The words next to this form in its runs (titles, and openers that open a sentence, aside).

        Worked out only for the few forms a comparison needs, not for every capitalised word."""
        if self._neighbours is None:
            self._neighbours = set()
            for names, run, k in self.runs:
                self._neighbours.update(n for j, n in enumerate(names) if j != k and n not in compiled.titles
                                        and not (run[j][3] and n in compiled.openers))
        return self._neighbours


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
    return Compiled(frozenset(options["titles"]), frozenset(options["openers"]), frozenset(options["ignore"]),
                    frozenset(known))


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    compiled: Compiled = rule.compiled
    min_length = rule.options["min_length"]
    min_count = rule.options["min_count"]
    forms: dict[str, _Form] = {}
    for start, end in doc.anatomy.spans(rule.scope):
        for run in ctx.capitalised_runs(start, end):
            names = [base_form(w[2]) for w in run]
            for k, (w_start, _, _, opens) in enumerate(run):
                word = names[k]
                if len(word) < min_length or word in compiled.ignore or word in compiled.titles:
                    continue
                form = forms.setdefault(word, _Form())
                form.places.append((w_start, w_start + len(word)))
                form.inside = form.inside or not opens
                form.runs.append((names, run, k))
    # A majority form appears inside a sentence and more often than the minority, so at least
    # max(min_count, 2) times: only such forms go into the index the minorities are looked up in.
    index = DeleteIndex(word for word, form in forms.items() if form.inside and len(form.places) >= max(min_count, 2))
    if not len(index):
        return
    for word, form in forms.items():
        if word in compiled.known or not form.inside:
            continue
        best = None
        for other in sorted(index.near(word)):  # sorted: equal counts are decided the same way in every run
            major = forms[other]
            if (len(major.places) >= max(min_count, len(form.places) + 1)
                    and (best is None or len(major.places) > len(forms[best].places))
                    and form.neighbours(compiled) <= major.neighbours(compiled)):
                best = other
        if best is None:
            continue
        for start, end in form.places:
            # No fix: the majority is usually right but not always (a misspelling repeated twice
            # outnumbers a real name written once), so the editor decides; `--fix` leaves it alone.
            yield Finding(start, end, fields={"expected": best, "count": str(len(forms[best].places))})
