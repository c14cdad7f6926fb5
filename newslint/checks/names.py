"""`names`: house spellings of people, places and organisations; wrong forms are fixed.

Entries come from `names:` in the rule (or in a names-only pack file) and from `dictionary:`
files (paths relative to the pack). Each entry has `canonical`, its `wrong` forms, optional
`short` forms (a surname alone after first mention) and an optional `kind`.
Matching is by whole words, case-sensitive (names are proper nouns) unless `ignorecase`,
through a word-level index: the cost per word does not grow with the dictionary.

    names:
      - canonical: Giuseppe Conte
        wrong: [Guiseppe Conte, Giusepe Conte]
        short: [Conte]

Flags `Guiseppe Conte` (fix: `Giuseppe Conte`); passes `Giuseppe Conte` and `Conte`.

`near_miss: true` also flags names that are one typing slip from a dictionary name but not
listed (`Giusseppe Conte`, `Retno Marsudy`: outcome `near_miss`). Guards, so that ordinary words
and other real people are left alone (see docs/names.md):
  - only words inside a run of capitalised words are read, and only when the rest of the
    dictionary name stands next to them exactly (`Conte` after `Giusseppe`): a lone `Puttin`,
    or `Mohamad Nasir` next to the dictionary's `Mahathir Mohamad`, is not a claim about them;
  - only entries of `near_miss_kinds` (people by default) with two words or more;
  - a word that is itself part of any dictionary name or short form, or in `known_words`
    (real names such as `Mohamad`, `Muhammad`), is never a misspelling;
  - words shorter than `near_miss_min_length` are skipped (`Jong`/`Jung` are both real).
The search uses a symmetric-delete index (`newslint.nearmiss`): no word is compared with the
whole dictionary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from newslint.anatomy import WHOLE_LINE_SCOPES
from newslint.checks._common import UNUSUAL_COPY
from newslint.checks.substitution import already_right
from newslint.errors import PackError
from newslint.lexicon import PhraseIndex, tokens_of
from newslint.nearmiss import NEW_WORDS_LIMIT, DeleteIndex, base_form
from newslint.packs.schema import Key, one_or_many
from newslint.packs.yamlsafe import YList, YMap
from newslint.violation import Edit, Finding

KIND = "names"
SUMMARY = "names spelled the house way; each known wrong form carries its fix"
SLOW_HINT = UNUSUAL_COPY
DEFAULT_SCOPE = "body"
OPTIONS = {
    "names": Key((list,), "entries: canonical, wrong, short, kind", items=dict, default=[]),
    "dictionary": Key((str, list), "names files (YAML with `names:`), relative to the pack", items=str),
    "ignorecase": Key((bool,), "match without regard to case", default=False),
    "near_miss": Key((bool,), "also flag names one typing slip from a dictionary name", default=False),
    "near_miss_kinds": Key((list,), "entry kinds the near-miss search reads", items=str, default=["person"]),
    "near_miss_min_length": Key((int,), "shorter words are never taken for a misspelling", default=5),
    "known_words": Key((list,), "real names that are never a misspelling of another", items=str, default=[]),
}
MESSAGES = {"default": "'{match}' is spelled '{expected}'",
            "near_miss": "'{match}' looks like a misspelling of '{expected}'"}
FIELDS = ("expected", "kind")
ENTRY_KEYS = {"canonical", "wrong", "short", "kind", "note"}


class Entry(NamedTuple):
    """One dictionary name. A named tuple, not a dataclass: a pack holds hundreds to thousands of
    them, and the pack cache unpickles a tuple far faster than a frozen dataclass."""

    canonical: str
    kind: str
    short: tuple[str, ...]


@dataclass
class NameIndex:
    wrong: PhraseIndex[Entry]
    canonical: dict[str, Entry]
    wrong_forms: list[str]
    near: NearMiss | None = None


@dataclass
class NearMiss:
    """What the near-miss search needs, built once per pack."""

    tokens: DeleteIndex                                   # name words of the entries read
    places: dict[str, list[tuple[tuple[str, ...], int, Entry]]]  # word -> (entry words, position, entry)
    known: set[str]                                       # words that are never a misspelling
    min_length: int
    _seen: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _clean: set[str] = field(default_factory=set, repr=False, compare=False)  # words of copy with no slip

    def slips(self, word: str) -> tuple[str, ...]:
        """The entry words one typing slip from `word`, sorted; none for a word that is never
        taken for a misspelling (too short, or known).

        Remembered per word for the life of the process: copy repeats its capitalised words
        (people, places, titles) from paragraph to paragraph and story to story, so most look-ups
        become one dictionary hit instead of `len(word) + 1` key look-ups."""
        found = self._seen.get(word)
        if found is None:
            if len(word) < self.min_length or word in self.known:
                found = ()
            else:
                found = tuple(sorted(self.tokens.near(word)))
            if len(self._seen) >= _SEEN_LIMIT:  # many distinct words: start again
                self._seen.clear()
            self._seen[word] = found
        return found

    def may_slip(self, words: set[str]) -> bool:
        """Could the runs of capitalised words of a story whose words are `words`
        (`Context.text_words`) hold a near miss? Only if a capitalised word, possessive dropped,
        is a slip from a word of a dictionary name whose other words are in the story too.

        Words with no slips are remembered for the life of the process, so a story usually
        costs one C-level set difference: only the other words are looked at one by one."""
        new = words - self._clean
        if len(new) > NEW_WORDS_LIMIT:
            return True  # too many new words to look at outside the rule's time limit
        clean = []
        for word in new:
            slips = self.slips(base_form(word)) if word[:1].isupper() else ()
            if not slips:
                clean.append(word)
            elif any(_all_in(entry_words, position, words) for right in slips
                     for entry_words, position, _ in self.places[right]):
                return True
        if len(self._clean) + len(clean) > _SEEN_LIMIT:  # many distinct words: start again
            self._clean.clear()
        self._clean.update(clean)
        return False

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (pack cache, workers) without what this process happened to look up."""
        return {**self.__dict__, "_seen": {}, "_clean": set()}


_SEEN_LIMIT = 20_000  # at most a few MB


def _all_in(entry_words: tuple[str, ...], position: int, words: set[str]) -> bool:
    """Are the words of a name, but the one at `position`, among a story's words (as written, or
    with an English possessive, which `base_form` drops)?"""
    return all(w in words or w + "'s" in words or w + "’s" in words
               for k, w in enumerate(entry_words) if k != position)


def compile(options: dict[str, Any], path: Path, raw: Any) -> NameIndex:
    index = NameIndex(PhraseIndex(options["ignorecase"]), {}, [])
    sources: list[tuple[YList, str]] = [(options["names"], str(path))] if options["names"] else []
    for ref in one_or_many(options["dictionary"]):
        from newslint.packs.loader import read_yaml_file

        file = Path(ref) if Path(ref).is_absolute() else path.parent / ref
        if not file.is_file():
            raise PackError(f"names dictionary not found: {file}", str(path), raw.line_of("dictionary"), "dictionary")
        data = read_yaml_file(file, shared=True)
        if not isinstance(data, YMap) or not isinstance(data.get("names"), list) or set(data) - {"names", "name", "language", "description"}:
            raise PackError("a names dictionary is a mapping with a `names:` list", str(file), getattr(data, "line", 1), "names")
        sources.append((data["names"], str(file)))
    if not sources:
        raise PackError("a names rule needs `names:` entries or a `dictionary:` file", str(path), raw.line)
    wrong_at: dict[str, tuple[str, int]] = {}
    for entries, where in sources:
        for i, item in enumerate(entries):
            _add(index, item, where, entries.line_of(i) if isinstance(entries, YList) else 1, wrong_at)
    for wrong, (where, line) in wrong_at.items():
        if wrong in index.canonical:
            raise PackError(f"'{wrong}' is listed as a wrong form but is also a canonical spelling", where, line, "wrong")
    if options["near_miss"]:
        index.near = _near_miss_index(index, options)
    return index


def _near_miss_index(index: NameIndex, options: dict[str, Any]) -> NearMiss:
    kinds = set(options["near_miss_kinds"])
    known = set(options["known_words"])
    places: dict[str, list[tuple[tuple[str, ...], int, Entry]]] = {}
    for canonical, entry in index.canonical.items():
        words = tokens_of(canonical)
        known.update(words)
        for form in entry.short:
            known.update(tokens_of(form))
        if entry.kind in kinds and len(words) >= 2:
            for position, word in enumerate(words):
                places.setdefault(word, []).append((words, position, entry))
    min_length = options["near_miss_min_length"]
    tokens = DeleteIndex(w for w in places if len(w) >= min_length - 1)
    return NearMiss(tokens, places, known, min_length)


def _add(index: NameIndex, item: Any, where: str, line: int, wrong_at: dict[str, tuple[str, int]]) -> None:
    if not isinstance(item, dict) or not isinstance(item.get("canonical"), str):
        raise PackError("a names entry is a mapping with `canonical` text", where, line, "canonical")
    unknown = set(item) - ENTRY_KEYS
    if unknown:
        raise PackError(f"unknown key in a names entry; keys are: {', '.join(sorted(ENTRY_KEYS))}", where, line, sorted(unknown)[0])
    wrong = item.get("wrong") or []
    short = item.get("short") or []
    if not isinstance(wrong, list) or not all(isinstance(w, str) for w in wrong):
        raise PackError("`wrong` must be a list of text", where, line, "wrong")
    if not isinstance(short, list) or not all(isinstance(s, str) for s in short):
        raise PackError("`short` must be a list of text", where, line, "short")
    canonical = item["canonical"]
    if canonical in index.canonical:
        raise PackError(f"'{canonical}' is listed twice", where, line, "canonical")
    entry = Entry(canonical, str(item.get("kind") or ""), tuple(short))
    index.canonical[canonical] = entry
    for form in wrong:
        if form == canonical:
            raise PackError(f"'{form}' is both the canonical and a wrong form", where, line, "wrong")
        if not index.wrong.add(form, entry):
            other = index.wrong.get(form)
            if other is not None and other.canonical != canonical:
                raise PackError(f"'{form}' is a wrong form of both '{other.canonical}' and '{canonical}'", where, line, "wrong")
        wrong_at.setdefault(form, (where, line))
        index.wrong_forms.append(form)


def screen(doc: Any, rule: Any, ctx: Any) -> bool:
    """A wrong form needs all its words in the text (`PhraseIndex.may_occur`); a near miss needs a
    capitalised word one slip from a name word, and the rest of that name (`NearMiss.may_slip`)."""
    index = rule.compiled
    if rule.scope not in WHOLE_LINE_SCOPES or ctx.may_hold(index.wrong, rule.scope):
        return True
    return index.near is not None and index.near.may_slip(ctx.text_words)


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    text = doc.text
    ignorecase = rule.options["ignorecase"]
    near = rule.compiled.near
    wrong = rule.compiled.wrong
    none_wrong = not ctx.may_hold(wrong, rule.scope)  # the usual case: no known wrong form in the story
    if none_wrong and near is None:
        return
    spans = doc.anatomy.spans(rule.scope)
    runs = ctx.scope_runs(rule.scope) if near is not None else [None] * len(spans)
    run_names = ctx.scope_names(rule.scope) if near is not None else runs
    for (start, end), span_runs, span_names in zip(spans, runs, run_names):
        flagged: list[tuple[int, int]] = []
        for hit in () if none_wrong else wrong.find(text, ctx.words(start, end)):
            right = hit.value.canonical
            if already_right(text, hit.start, hit.end, right, ignorecase):
                continue
            flagged.append((hit.start, hit.end))
            yield Finding(hit.start, hit.end, fields={"expected": right, "kind": hit.value.kind},
                          fix=(Edit(hit.start, hit.end, right),))
        if near is not None:
            yield from _near_misses(span_runs, span_names, near, flagged)


def _near_misses(runs: list[list[tuple[int, int, str, bool]]], run_names: list[list[str]], near: NearMiss,
                 flagged: list[tuple[int, int]]) -> Iterator[Finding]:
    """Dictionary names with one word a typing slip away, the rest of the name in place, among
    the span's runs of capitalised words (`Context.scope_runs`, their words `Context.scope_names`)."""
    for run, names in zip(runs, run_names):
        if len(run) < 2:
            continue
        for j, word in enumerate(names):
            for right_word in near.slips(word):
                for entry_words, position, entry in near.places[right_word]:
                    first = j - position
                    if first < 0 or first + len(entry_words) > len(run):
                        continue
                    if any(names[first + k] != w for k, w in enumerate(entry_words) if k != position):
                        continue
                    last = first + len(entry_words) - 1
                    start, end = run[first][0], run[last][0] + len(names[last])
                    if any(s < end and start < e for s, e in flagged):
                        continue
                    flagged.append((start, end))
                    yield Finding(start, end, "near_miss", {"expected": entry.canonical, "kind": entry.kind},
                                  (Edit(start, end, entry.canonical),))
