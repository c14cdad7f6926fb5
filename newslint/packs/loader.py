"""Find, read, validate and compile rule packs.

A pack is a YAML file with metadata and `rules:`; a desk's names dictionary on its own (a file
whose `names:` lists entries with `canonical` and `wrong`) is a pack too, with one names rule.
`extends:` pulls in other packs (shipped ones by name, others by path relative to the file); a
rule whose `id` the extending pack repeats is overridden key by key.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from newslint.anatomy import SCOPES
from newslint.errors import PackError
from newslint.packs.schema import Key, one_or_many, validate
from newslint.packs.yamlsafe import YList, YMap, load_yaml
from newslint.patterns import lazy
from newslint.violation import Severity

_ID = lazy(r"^[A-Za-z][A-Za-z0-9_.:-]*$")


def shipped_rules_dir() -> Path:
    """The packs shipped with newslint: installed inside the package, or `rules/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def shipped_pack_names() -> list[str]:
    return sorted(p.stem for p in shipped_rules_dir().glob("*.yaml"))


def _check_id(value: str) -> str | None:
    return None if _ID.match(value) else "a rule id starts with a letter and holds only letters, digits and _ . : -"


def _check_examples(value: Any) -> str | None:
    for key in value:
        if key not in ("flag", "pass"):
            return f"examples has 'flag' and 'pass' lists; unknown key '{key}'"
        items = value[key]
        if not isinstance(items, list):
            return f"examples.{key} must be a list"
        for item in items:
            if isinstance(item, dict):
                unknown = set(item) - {"text", "date", "path"}
                if unknown or "text" not in item:
                    return f"an example in examples.{key} is text, or a mapping with 'text' and optional 'date', 'path'"
            elif not isinstance(item, str):
                return f"every example in examples.{key} must be text"
    return None


PACK_KEYS: dict[str, Key] = {
    "name": Key((str,), "the pack's name, shown in `newslint rules`"),
    "language": Key((str,), "the language of the copy the pack checks (BCP 47, e.g. `id`, `en`)"),
    "description": Key((str,), "what the pack is for"),
    "extends": Key((str, list), "packs this one builds on: shipped names or paths", items=str),
    "rules": Key((list,), "the rules", items=dict, default=[]),
    "names": Key((list,), "a names dictionary: entries with `canonical` and `wrong`", items=dict),
}

RULE_KEYS: dict[str, Key] = {
    "id": Key((str,), "stable identifier used by --select, --ignore and suppressions", required=True, check=_check_id),
    "kind": Key((str,), "which check the rule uses", required=True),
    "severity": Key((str,), "how serious a breach is", default="warning", choices=("error", "warning", "info")),
    "message": Key((str,), "what the report says; `{match}` quotes the matched text", required=True),
    "messages": Key((dict,), "messages for the kind's other outcomes (e.g. `empty`, `year`)", default={}),
    "scope": Key((str,), "which region of the story the rule reads", choices=tuple(SCOPES)),
    "description": Key((str,), "why the rule exists, shown by `newslint explain`", default=""),
    "link": Key((str,), "where the house style explains it", default=""),
    "examples": Key((dict,), "copy the rule must flag and copy it must pass", default={}, check=_check_examples),
    "enabled": Key((bool,), "false keeps the rule in the pack but off until selected", default=True),
}


class Example(NamedTuple):
    text: str
    date: str = ""
    path: str = "example.txt"


@dataclass
class Rule:
    """A validated, compiled rule, ready for the engine."""

    id: str
    kind: str
    severity: Severity
    message: str
    messages: dict[str, str]
    scope: str
    description: str
    link: str
    flag_examples: list[Example]
    pass_examples: list[Example]
    enabled: bool
    options: dict[str, Any]
    compiled: Any
    source: str
    line: int
    pack: str

    def template(self, outcome: str) -> str:
        if outcome == "default":
            return self.message
        from newslint.checks import kind_module

        return self.messages.get(outcome) or kind_module(self.kind).MESSAGES[outcome]


@dataclass
class Pack:
    """The rules of one or more packs, in load order, with the files they came from."""

    rules: list[Rule] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    language: str = ""

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def resolve_ref(ref: str, relative_to: Path | None = None) -> Path:
    """A shipped pack name (`antara`) or a path to a YAML file."""
    looks_like_path = "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))
    if not looks_like_path:
        shipped = shipped_rules_dir() / f"{ref}.yaml"
        if shipped.is_file():
            return shipped
        raise PackError(f"no shipped pack named '{ref}'; shipped packs: {', '.join(shipped_pack_names())}")
    path = Path(ref).expanduser()
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    if not path.is_file():
        raise PackError(f"pack file not found: {path}")
    return path


#: When a list, every pack or dictionary file read is appended to it with its bytes
#: (the pack cache keys its entries on the content of every file a load used).
READ_LOG: list[tuple[str, bytes]] | None = None
#: While `load_packs` runs: names dictionaries already parsed, by path and content. The ANTARA
#: pack's names rule and its one-spelling rule read the same dictionary; parsing it once saves
#: about a fifth of compiling the pack.
_SHARED: dict[tuple[str, bytes], Any] | None = None


def read_yaml_file(path: Path, shared: bool = False) -> Any:
    """The parsed file. `shared`: the caller only reads the result, so a file with the same path
    and content read before in this load may be given again (see `_SHARED`)."""
    try:
        data = path.read_bytes()
        if READ_LOG is not None:
            READ_LOG.append((str(path), data))
    except OSError as exc:
        raise PackError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    if shared and _SHARED is not None:
        key = (str(path), data)
        if key not in _SHARED:
            _SHARED[key] = _parse_yaml_bytes(data, path)
        return _SHARED[key]
    return _parse_yaml_bytes(data, path)


def _parse_yaml_bytes(data: bytes, path: Path) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PackError(f"not valid UTF-8 (byte {exc.start}): save the pack as UTF-8", str(path), line) from None
    return load_yaml(text, str(path))


def _raw_rules(path: Path, stack: tuple[Path, ...]) -> tuple[list[tuple[YMap, Path]], str, str]:
    """The rule mappings of a pack and what it extends, parents first; (rules, name, language)."""
    if path.resolve() in stack:
        chain = " -> ".join(str(p) for p in (*stack, path.resolve()))
        raise PackError(f"'extends' makes a cycle: {chain}", str(path))
    data = read_yaml_file(path)
    if data is None:
        raise PackError("the pack is empty: it needs `rules:` (or `names:` for a names dictionary)", str(path))
    meta = validate(data, PACK_KEYS, str(path), "a pack", 1)
    if not meta["rules"] and not meta["names"] and not meta["extends"]:
        raise PackError("the pack has no rules: add `rules:`, `names:` or `extends:`", str(path), data.line)
    stack = (*stack, path.resolve())
    collected: list[tuple[YMap, Path]] = []
    for parent in one_or_many(meta["extends"]):
        try:
            parent_path = resolve_ref(parent, path.parent)
        except PackError as exc:
            raise PackError(f"cannot extend: {exc.message}", str(path), data.line_of("extends"), "extends") from None
        if parent_path.resolve() in stack:
            chain = " -> ".join(str(p) for p in (*stack, parent_path.resolve()))
            raise PackError(f"makes a cycle: {chain}", str(path), data.line_of("extends"), "extends")
        collected.extend(_raw_rules(parent_path, stack)[0])
    name = meta["name"] or path.stem
    if meta["names"] is not None:
        names_rule = YMap(data.line_of("names"))
        names_rule.update({"id": f"{name}.names", "kind": "names", "severity": "error",
                           "message": "'{match}' is spelled '{expected}' in house style", "names": data["names"]})
        names_rule.key_lines.update({k: data.line_of("names") for k in names_rule})
        collected.append((names_rule, path))
    by_id = {str(r.get("id")): i for i, (r, _) in enumerate(collected)}
    for i, rule in enumerate(meta["rules"]):
        if not isinstance(rule, YMap):
            raise PackError("every rule must be a mapping of keys to values", str(path), data["rules"].line_of(i))
        rule_id = rule.get("id")
        if isinstance(rule_id, str) and rule_id in by_id:  # the extending pack overrides a parent's rule key by key
            parent_rule, _ = collected[by_id[rule_id]]
            merged = YMap(rule.line)
            merged.update(parent_rule)
            merged.key_lines.update(parent_rule.key_lines)
            merged.update(rule)
            merged.key_lines.update(rule.key_lines)
            collected[by_id[rule_id]] = (merged, path)
        else:
            by_id[str(rule_id)] = len(collected)
            collected.append((rule, path))
    return collected, name, meta["language"] or ""


def compile_rule(raw: YMap, path: Path, pack_name: str) -> Rule:
    from newslint.checks import KINDS

    where = str(path)
    kind_name = raw.get("kind")
    if not isinstance(kind_name, str) or kind_name not in KINDS:
        if "kind" not in raw:
            raise PackError("a rule is missing the required key 'kind'", where, raw.line, "kind")
        raise PackError(f"unknown kind {kind_name!r}; kinds are: {', '.join(sorted(KINDS))}", where, raw.line_of("kind"), "kind")
    kind = KINDS[kind_name]
    schema = RULE_KEYS | kind.OPTIONS
    values = validate(raw, schema, where, f"a rule of kind '{kind_name}'", raw.line)
    for outcome in values["messages"]:
        if outcome not in kind.MESSAGES or outcome == "default":
            raise PackError(
                f"kind '{kind_name}' has no outcome '{outcome}'; its messages are: {', '.join(o for o in kind.MESSAGES if o != 'default')}",
                where, raw.line_of("messages"), "messages",
            )
    for key, template in [("message", values["message"]), *(("messages", t) for t in values["messages"].values())]:
        _check_template(template, kind, where, raw.line_of(key), key)
    options = {k: values[k] for k in kind.OPTIONS}
    compiled = kind.compile(options, path, raw)
    examples = values["examples"]
    return Rule(
        id=values["id"], kind=kind_name, severity=Severity.parse(values["severity"]), message=values["message"],
        messages=dict(values["messages"]), scope=values["scope"] or kind.DEFAULT_SCOPE,
        description=values["description"], link=values["link"],
        flag_examples=[_example(e) for e in examples.get("flag", [])],
        pass_examples=[_example(e) for e in examples.get("pass", [])],
        enabled=values["enabled"], options=options, compiled=compiled, source=where, line=raw.line, pack=pack_name,
    )


def _example(item: Any) -> Example:
    if isinstance(item, dict):
        return Example(str(item["text"]), str(item.get("date") or ""), str(item.get("path") or "example.txt"))
    return Example(item)


def _check_template(template: str, kind: Any, path: str, line: int, key: str) -> None:
    allowed = {"match", *kind.FIELDS}
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise PackError(f"invalid message template: {exc} (write '{{{{' for a literal brace)", path, line, key) from None
    for name in fields:
        if name not in allowed:
            raise PackError(f"unknown placeholder {{{name}}}; this kind offers {', '.join('{' + a + '}' for a in sorted(allowed))}",
                            path, line, key)


def load_packs(refs: list[str]) -> Pack:
    """Load and compile the packs named by `refs`, in order. Rule ids must be unique across them."""
    global _SHARED
    _SHARED = {}
    try:
        return _load(refs)
    finally:
        _SHARED = None


def _load(refs: list[str]) -> Pack:
    pack = Pack()
    seen: dict[str, str] = {}
    for ref in refs:
        path = resolve_ref(ref)
        raws, name, language = _raw_rules(path, ())
        pack.files.append(path)
        pack.names.append(name)
        pack.language = pack.language or language
        for raw, source in raws:
            rule = compile_rule(raw, source, name)
            if rule.id in seen:
                raise PackError(f"rule id '{rule.id}' is defined twice (also in {seen[rule.id]})", str(source), raw.line_of("id"), "id")
            seen[rule.id] = str(source)
            pack.rules.append(rule)
    return pack


__all__ = ["Example", "Pack", "Rule", "load_packs", "resolve_ref", "shipped_pack_names", "shipped_rules_dir", "YList"]
