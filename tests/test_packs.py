"""Loading rule packs: every broken pack stops with one message naming file, line and key."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newslint.errors import PackError
from newslint.packs import load_packs
from newslint.packs.loader import shipped_pack_names

GOOD_RULE = """\
  - id: X1
    kind: forbidden
    pattern: 'bahwasanya'
    message: 'Hindari "{match}"'
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def error_of(tmp_path: Path, text: str) -> PackError:
    with pytest.raises(PackError) as caught:
        load_packs([write(tmp_path, text)])
    return caught.value


def test_a_valid_pack_loads_with_defaults(tmp_path):
    pack = load_packs([write(tmp_path, "name: desk\nrules:\n" + GOOD_RULE)])
    (rule,) = pack.rules
    assert (rule.id, rule.kind, str(rule.severity), rule.scope, rule.enabled) == ("X1", "forbidden", "warning", "body", True)


@pytest.mark.parametrize("text, line, key, words", [
    ("rules:\n  - id: X1\n    kind: forbidden\n    patern: 'x'\n    message: m\n", 4, "patern", "did you mean 'pattern'"),
    ("rules:\n  - id: X1\n    kind: forbidden\n    pattern: 'x'\n    message: [a, b]\n", 5, "message", "expected text, got a list"),
    ("rules:\n  - id: X1\n    kind: forbiden\n    pattern: 'x'\n    message: m\n", 3, "kind", "unknown kind 'forbiden'"),
    ("rules:\n  - id: X1\n    kind: forbidden\n    pattern: '(unclosed'\n    message: m\n", 4, "pattern", "invalid regular expression"),
    ("rules:\n  - id: X1\n    kind: forbidden\n    pattern: 'x'\n    severity: fatal\n    message: m\n", 5, "severity", "must be one of error, warning, info"),
    ("rules:\n  - id: X1\n    kind: forbidden\n    pattern: 'x'\n    pattern: 'y'\n    message: m\n", 5, "pattern", "duplicate key (first on line 4)"),
    ("rules:\n  - id: X1\n    kind: forbidden\n    pattern: 'x'\n    message: 'see {matched}'\n", 5, "message", "unknown placeholder {matched}"),
    ("rules:\n  - id: 1abc\n    kind: forbidden\n    pattern: 'x'\n    message: m\n", 2, "id", "a rule id starts with a letter"),
    ("rules:\n  - kind: forbidden\n    pattern: 'x'\n    message: m\n", 2, "id", "missing the required key 'id'"),
    ("rules:\n  - id: X1\n    kind: sequence\n    steps: [{name: A, pattern: a}]\n    message: m\n", 4, "steps", "at least two steps"),
    ("colour: red\nrules:\n" + GOOD_RULE, 1, "colour", "unknown key in a pack"),
])
def test_broken_pack_names_file_line_and_key(tmp_path, text, line, key, words):
    error = error_of(tmp_path, text)
    assert error.path.endswith("pack.yaml")
    assert (error.line, error.key) == (line, key)
    assert words in str(error)
    assert str(error).startswith(f"{error.path}:{line}: '{key}': ")


def test_yaml_syntax_error_names_the_line(tmp_path):
    error = error_of(tmp_path, "rules:\n  - id: X1\n    kind: [forbidden\n")
    assert error.line is not None and "YAML syntax error" in str(error)


def test_tabs_get_a_hint(tmp_path):
    error = error_of(tmp_path, "rules:\n\t- id: X1\n")
    assert error.line == 2 and "tabs" in str(error)


def test_object_constructing_tags_are_refused(tmp_path):
    error = error_of(tmp_path, "rules: !!python/object/apply:os.system ['echo owned']\n")
    assert "is not allowed" in str(error) and error.line == 1


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    started = time.monotonic()
    error = error_of(tmp_path, "\n".join(lines) + "\n")
    assert "alias bomb" in str(error)
    assert time.monotonic() - started < 5


def test_extends_cycle_and_missing_parent(tmp_path):
    write(tmp_path, "extends: b.yaml\nrules:\n" + GOOD_RULE, "a.yaml")
    write(tmp_path, "extends: a.yaml\n", "b.yaml")
    with pytest.raises(PackError, match="cycle"):
        load_packs([str(tmp_path / "a.yaml")])
    error = error_of(tmp_path, "extends: nowhere.yaml\nrules:\n" + GOOD_RULE)
    assert (error.line, error.key) == (1, "extends") and "not found" in str(error)


def test_empty_pack_is_an_error(tmp_path):
    assert "empty" in str(error_of(tmp_path, ""))
    assert "no rules" in str(error_of(tmp_path, "name: x\n"))


def test_extends_overrides_a_rule_key_by_key(tmp_path):
    write(tmp_path, "rules:\n" + GOOD_RULE, "base.yaml")
    pack = load_packs([write(tmp_path, "extends: base.yaml\nrules:\n  - id: X1\n    severity: error\n")])
    (rule,) = pack.rules
    assert (str(rule.severity), rule.options["pattern"]) == ("error", "bahwasanya")


def test_extends_a_shipped_pack_by_name(tmp_path):
    pack = load_packs([write(tmp_path, "extends: antara\nrules:\n  - id: AN503\n    enabled: false\n")])
    assert pack.rule("AN101") is not None and pack.rule("AN503").enabled is False


def test_same_rule_id_in_two_packs_is_an_error(tmp_path):
    first = write(tmp_path, "rules:\n" + GOOD_RULE, "one.yaml")
    second = write(tmp_path, "rules:\n" + GOOD_RULE, "two.yaml")
    with pytest.raises(PackError, match="defined twice"):
        load_packs([first, second])


def test_a_names_dictionary_alone_is_a_pack(tmp_path):
    path = write(tmp_path, "names:\n  - canonical: Giuseppe Conte\n    wrong: [Guiseppe Conte]\n", "desk-names.yaml")
    (rule,) = load_packs([path]).rules
    assert (rule.id, rule.kind) == ("desk-names.names", "names")


def test_names_dictionary_contradictions_are_errors(tmp_path):
    error = error_of(tmp_path, "names:\n  - canonical: Roma\n    wrong: [Rome]\n  - canonical: Rome\n    wrong: [Roma]\n")
    assert "also a canonical spelling" in str(error)


def test_unknown_shipped_pack_lists_the_shipped_ones():
    with pytest.raises(PackError, match="shipped packs: antara"):
        load_packs(["antara-typo"])


def test_shipped_packs_load():
    for name in shipped_pack_names():
        assert load_packs([name]).rules


@pytest.mark.parametrize("key", ["label", "pattern"])
def test_an_empty_label_or_pattern_is_a_pack_error(tmp_path, key):
    error = error_of(tmp_path, f"rules:\n  - id: X1\n    kind: required\n    message: m\n    {key}: ''\n")
    assert (error.line, error.key) == (5, key) and "must not be empty" in str(error)


def test_a_dictionary_two_rules_read_is_parsed_once_per_load(monkeypatch):
    """AN401 (names) and AN402 (one spelling per story) both read names/id.yaml."""
    from newslint.packs import loader

    parsed: list[str] = []
    parse = loader._parse_yaml_bytes
    monkeypatch.setattr(loader, "_parse_yaml_bytes", lambda data, path: parsed.append(path.name) or parse(data, path))
    pack = loader.load_packs(["antara"])
    assert parsed.count("id.yaml") == 1 and parsed.count("antara.yaml") == 1
    rules = {r.id: r for r in pack.rules}
    assert "Giuseppe Conte" in rules["AN401"].compiled.canonical
    assert "Giuseppe" in rules["AN402"].compiled.known
    loader.load_packs(["antara"])
    assert parsed.count("id.yaml") == 2  # a new load reads the file again: it may have changed
    assert loader._SHARED is None
