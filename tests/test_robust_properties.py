"""Properties over generated rule packs: a pack loads or fails with a PackError that names its file;
a pack that loads lints any story without raising, without an internal error (NL004), and with
every position inside the file.

Packs are generated as data (valid keys with good or bad values, unknown keys, every kind and
some that do not exist, valid, invalid and slow patterns), written as YAML, and sometimes damaged
as text (a tab, a cut, a repeated line) to reach the syntax and duplicate-key errors too.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from test_properties import STORIES

from newslint.checks import KINDS
from newslint.document import Document
from newslint.engine import RunOptions, lint_document
from newslint.errors import PackError
from newslint.packs import load_packs

PATTERNS = st.sampled_from([
    "bahwasanya", r"\p{Lu}\w+", r"\b(?:Sabtu|Minggu)\b", r"(?i)copyright", r"\d+", r"^Pewarta", r"[ \t]+$", "",
    "(unclosed", "[", "x{2,1}", r"(?<=a+)b", r"\k<nope>", "(a|aa)+$", r"(\w+\s?)*:", r"(?P<g>a)(?P<g>b)",
])
WORDS = st.sampled_from(["Pewarta", "Editor", "Sumber", "Baca juga", "Reuters", "AFP", "kata", "ujar", "Moskow",
                         "Moscow", "Guiseppe Conte", "Giuseppe Conte", "---", "—", "", " ", "©", "{match}", "{"])
JUNK = st.one_of(st.none(), st.booleans(), st.integers(-3, 40), st.floats(allow_nan=False, allow_infinity=False),
                 WORDS, st.lists(WORDS, max_size=3), st.dictionaries(WORDS, WORDS, max_size=2))
STEP = st.fixed_dictionaries({"name": WORDS, "pattern": PATTERNS})
NAME = st.fixed_dictionaries({"canonical": WORDS}, optional={"wrong": st.lists(WORDS, max_size=3), "kind": WORDS,
                                                            "short": st.lists(WORDS, max_size=2)})
GOOD_VALUES = {
    "pattern": PATTERNS, "value": PATTERNS, "label": WORDS, "tokens": st.lists(WORDS, max_size=4),
    "swap": st.dictionaries(WORDS, WORDS, max_size=3), "regex": st.booleans(), "ignorecase": st.booleans(),
    "steps": st.lists(STEP, max_size=4), "last": WORDS, "calendar": st.sampled_from(["id", "en", "fr"]),
    "notation": st.booleans(), "holder": st.sampled_from(["ANTARA", "AP", ""]),
    "forms": st.lists(st.sampled_from(["Copyright © {holder} {year}", "COPYRIGHT © {holder} {year}", "{holder}",
                                       "© {year} {tahun}"]), max_size=2),
    "must_be_last": st.booleans(), "mode": st.sampled_from(["quote", "credit", "both"]),
    "verbs": st.lists(WORDS, max_size=3), "min_words": st.integers(-2, 8), "agencies": st.lists(WORDS, max_size=3),
    "names": st.lists(NAME, max_size=3), "dictionary": st.sampled_from(["names/id.yaml", "hilang.yaml"]),
    "scope": st.sampled_from(["document", "body", "lead", "dateline", "paragraph", "quote", "trailer", "last-line",
                              "front-matter", "subheading", "footer"]),
    "severity": st.sampled_from(["error", "warning", "info", "fatal"]), "enabled": st.booleans(),
    "description": WORDS, "link": WORDS,
    "messages": st.dictionaries(st.sampled_from(["empty", "missing", "year", "notation", "last", "nope"]), WORDS, max_size=2),
    "examples": st.fixed_dictionaries({}, optional={"flag": st.lists(WORDS, max_size=2), "pass": st.lists(WORDS, max_size=2)}),
}
COMMON_KEYS = ["severity", "scope", "enabled", "description", "link", "messages", "examples"]
WORD_LISTS = st.lists(st.sampled_from(["Reuters", "AFP", "kata", "ujar", "Moscow", "Guiseppe Conte"]), min_size=1, max_size=3)
# the least each kind needs to load, so that most generated packs get as far as linting
MINIMUM = {
    "forbidden": st.one_of(st.fixed_dictionaries({"pattern": PATTERNS}), st.fixed_dictionaries({"tokens": WORD_LISTS})),
    "required": st.one_of(st.fixed_dictionaries({"pattern": PATTERNS}), st.fixed_dictionaries({"label": WORDS})),
    "substitution": st.fixed_dictionaries({"swap": st.dictionaries(WORDS, WORDS, min_size=1, max_size=3)}),
    "sequence": st.fixed_dictionaries({"steps": st.lists(STEP, min_size=2, max_size=4)}),
    "date": st.fixed_dictionaries({}),
    "copyright": st.fixed_dictionaries({"holder": st.sampled_from(["ANTARA", "AP"])}),
    "attribution": st.one_of(st.fixed_dictionaries({"mode": st.just("quote"), "verbs": WORD_LISTS}),
                             st.fixed_dictionaries({"mode": st.just("credit"), "agencies": WORD_LISTS})),
    "names": st.fixed_dictionaries({"names": st.lists(NAME, min_size=1, max_size=3)}),
}
KINDS_OPTIONS = {name: sorted(module.OPTIONS) for name, module in KINDS.items()}
SOMETIMES = st.sampled_from([False, False, False, True])


@st.composite
def rules(draw: st.DrawFn) -> dict:
    kind = draw(st.sampled_from(sorted(KINDS) + ["forbiden"]))
    rule: dict = {"id": draw(st.sampled_from(["X1", "X2", "AN101", "ok.rule"] + (["1bad"] if draw(SOMETIMES) else []))),
                  "kind": kind, "message": draw(st.sampled_from(["Hindari {match}", "m", "{expected} bukan {match}"]))}
    rule.update(draw(MINIMUM.get(kind, st.fixed_dictionaries({}))))
    for key in draw(st.lists(st.sampled_from(COMMON_KEYS + KINDS_OPTIONS.get(kind, [])), max_size=3, unique=True)):
        rule[key] = draw(GOOD_VALUES.get(key, JUNK))  # a key added to a kind later gets any value
    if draw(SOMETIMES):  # one thing wrong: a bad value, an unknown key, a bad template
        key = draw(st.sampled_from(sorted(GOOD_VALUES) + ["patern", "colour", "message", "id"]))
        rule[key] = draw(st.one_of(JUNK, st.sampled_from(["{nope}", "{"])))
    return rule


@st.composite
def pack_texts(draw: st.DrawFn) -> str:
    data: dict = {}
    if draw(st.booleans()):
        data["name"] = draw(st.sampled_from(["desk", "", "antara"]))
    if draw(SOMETIMES):
        data["extends"] = draw(st.sampled_from(["antara", "hilang.yaml", "pack.yaml", ["antara", "pack.yaml"]]))
    if draw(SOMETIMES):
        data["names"] = draw(st.lists(NAME, max_size=3))
    data["rules"] = draw(st.lists(rules(), min_size=draw(st.sampled_from([0, 1, 1, 1])), max_size=3))
    if draw(SOMETIMES) and draw(SOMETIMES):
        data["rulez"] = draw(JUNK)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    damage = draw(st.sampled_from(["none"] * 7 + ["tab", "cut", "repeat-line"]))
    lines = text.splitlines(keepends=True)
    at = draw(st.integers(0, max(0, len(lines) - 1)))
    if damage == "tab" and lines:
        lines[at] = "\t" + lines[at]
    elif damage == "cut":
        return text[:draw(st.integers(0, len(text)))]
    elif damage == "repeat-line" and lines:
        lines.insert(at, lines[at])
    return "".join(lines)


def _positions_inside(doc: Document, violations: list) -> None:
    for v in violations:
        assert v.rule_id != "NL004", v.message  # an internal error is a bug, whatever the pack says
        assert 1 <= v.line <= max(doc.line_count, 1) and 1 <= v.end_line <= max(doc.line_count, 1)
        assert (v.line, v.column) <= (v.end_line, v.end_column)
        if doc.line_count:
            assert v.column <= len(doc.line_text(v.line)) + 1
            assert v.end_column <= len(doc.line_text(v.end_line)) + 1
        for edit in v.fix:
            assert 0 <= edit.start <= edit.end <= len(doc.text)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)
@given(pack_texts(), st.lists(STORIES, min_size=1, max_size=2))
def test_a_generated_pack_loads_or_names_its_file_and_then_lints_anything(text, stories):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            pack = load_packs([str(path)])
        except PackError as error:
            assert error.path is not None and str(error).startswith(error.path)
            assert error.path == str(path) or Path(error.path).is_relative_to(folder), str(error)
            assert "\n" not in str(error)
            event("refused: " + error.message.split(":")[0][:40])
            return
        event(f"loaded {len(pack.rules)} rules")
        for story in stories:
            doc = Document.from_text(story, "story.txt")
            _positions_inside(doc, lint_document(doc, pack.rules, RunOptions(timeout=1.0)))
