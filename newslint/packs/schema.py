"""Declared schemas for rule packs, and one validator that names the file, line and key.

A schema is a dict of key -> `Key`. The same mechanism validates the pack's metadata, the keys
every rule has, and each check kind's own options (declared in the kind's module).
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from newslint.errors import PackError
from newslint.packs.yamlsafe import YList, YMap

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false", list: "a list", dict: "a mapping"}


class Key(NamedTuple):
    """One allowed key: its type(s), whether it is required, its default and what it means."""

    types: tuple[type, ...]
    doc: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    items: type | tuple[type, ...] | None = None  # element type(s) of a list
    check: Callable[[Any], str | None] | None = None  # extra validation: returns a problem or None


def _type_name(types: tuple[type, ...]) -> str:
    return " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (YMap, dict)):
        return "a mapping"
    if isinstance(value, (YList, list)):
        return "a list"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    return f"{type(value).__name__} {value!r}"


def _matches(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False  # YAML `yes` is not a number or text
    if float in types and isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, types)


def validate(mapping: Any, schema: dict[str, Key], path: str, what: str, line: int | None = None) -> dict[str, Any]:
    """Check `mapping` against `schema` and return its values with defaults filled in."""
    if not isinstance(mapping, YMap):
        raise PackError(f"{what} must be a mapping of keys to values, not {_describe(mapping)}", path, line)
    for key in mapping:
        if key not in schema:
            import difflib  # only for the error message

            close = difflib.get_close_matches(key, list(schema), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; {what} keys are: {', '.join(sorted(schema))}"
            raise PackError(f"unknown key in {what}{hint}", path, mapping.line_of(key), key)
    values: dict[str, Any] = {}
    for key, spec in schema.items():
        if key not in mapping:
            if spec.required:
                raise PackError(f"{what} is missing the required key '{key}' ({spec.doc})", path, mapping.line, key)
            values[key] = spec.default
            continue
        value = mapping[key]
        where = mapping.line_of(key)
        if not _matches(value, spec.types):
            raise PackError(f"expected {_type_name(spec.types)}, got {_describe(value)}", path, where, key)
        if spec.choices and value not in spec.choices:
            raise PackError(f"must be one of {', '.join(spec.choices)}; got {value!r}", path, where, key)
        if spec.items is not None and isinstance(value, list):
            item_types = spec.items if isinstance(spec.items, tuple) else (spec.items,)
            for i, item in enumerate(value):
                if not _matches(item, item_types):
                    item_line = value.line_of(i) if isinstance(value, YList) else where
                    raise PackError(f"item {i + 1} must be {_type_name(item_types)}, got {_describe(item)}", path, item_line, key)
        if spec.check is not None:
            problem = spec.check(value)
            if problem:
                raise PackError(problem, path, where, key)
        values[key] = value
    return values


def one_or_many(value: Any) -> list[Any]:
    """`extends: base` and `extends: [a, b]` mean the same kind of thing."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
