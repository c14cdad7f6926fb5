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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint.checks.substitution import already_right
from newslint.errors import PackError
from newslint.lexicon import PhraseIndex
from newslint.packs.schema import Key, one_or_many
from newslint.packs.yamlsafe import YList, YMap
from newslint.violation import Edit, Finding

KIND = "names"
SUMMARY = "names spelled the house way; each known wrong form carries its fix"
DEFAULT_SCOPE = "body"
OPTIONS = {
    "names": Key((list,), "entries: canonical, wrong, short, kind", items=dict, default=[]),
    "dictionary": Key((str, list), "names files (YAML with `names:`), relative to the pack", items=str),
    "ignorecase": Key((bool,), "match without regard to case", default=False),
}
MESSAGES = {"default": "'{match}' is spelled '{expected}'"}
FIELDS = ("expected", "kind")
ENTRY_KEYS = {"canonical", "wrong", "short", "kind", "note"}


@dataclass(frozen=True, slots=True)
class Entry:
    canonical: str
    kind: str
    short: tuple[str, ...]


@dataclass
class NameIndex:
    wrong: PhraseIndex[Entry]
    canonical: dict[str, Entry]
    wrong_forms: list[str]


def compile(options: dict[str, Any], path: Path, raw: Any) -> NameIndex:
    index = NameIndex(PhraseIndex(options["ignorecase"]), {}, [])
    sources: list[tuple[YList, str]] = [(options["names"], str(path))] if options["names"] else []
    for ref in one_or_many(options["dictionary"]):
        from newslint.packs.loader import read_yaml_file

        file = Path(ref) if Path(ref).is_absolute() else path.parent / ref
        if not file.is_file():
            raise PackError(f"names dictionary not found: {file}", str(path), raw.line_of("dictionary"), "dictionary")
        data = read_yaml_file(file)
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
    return index


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


def check(doc: Any, rule: Any, ctx: Any) -> Iterator[Finding]:
    text = doc.text
    ignorecase = rule.options["ignorecase"]
    for start, end in doc.anatomy.spans(rule.scope):
        for hit in rule.compiled.wrong.find(text, ctx.words(start, end)):
            right = hit.value.canonical
            if already_right(text, hit.start, hit.end, right, ignorecase):
                continue
            yield Finding(hit.start, hit.end, fields={"expected": right, "kind": hit.value.kind},
                          fix=(Edit(hit.start, hit.end, right),))
