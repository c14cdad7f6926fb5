"""Configuration files: where they are found, what they may say, and how they are checked.

A desk keeps its settings in `.newslint.yaml`, or in a `[tool.newslint]` table of
`pyproject.toml`. For each linted file the nearest configuration applies, found by walking up
from the file's folder; the walk stops at the first folder holding one, at a folder holding
`.git` (the repository's root) or at the filesystem root. In one folder `.newslint.yaml` beats
`pyproject.toml`; a `pyproject.toml` without `[tool.newslint]` is not a configuration.
Configurations are not merged: the nearest one applies alone (`--config FILE` names one for all).

YAML goes through the pack loader (`packs/yamlsafe.py`) and both formats through the declared
schema validator (`packs/schema.py`), so a mistake names the file, the line and the key.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from newslint.errors import ConfigError, NewslintError
from newslint.packs.loader import read_yaml_file, resolve_ref
from newslint.packs.schema import Key, validate
from newslint.packs.yamlsafe import YList, YMap
from newslint.storydate import parse_date_option

YAML_NAME = ".newslint.yaml"
PYPROJECT = "pyproject.toml"
SEVERITIES = ("error", "warning", "info")
DATE_SOURCES = ("auto", "front-matter")


def _check_date(value: Any) -> str | None:
    try:
        date_text(value)
    except ValueError as exc:
        if "not a real date" in str(exc):
            return str(exc)
        return f"must be auto, front-matter or a date (YYYY-MM-DD or YYYY); got {value!r}"
    return None


def date_text(value: Any) -> str:
    """The `date` setting as text: `auto`, `front-matter`, `2020-03-22` or `2020`."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    if text in DATE_SOURCES:
        return text
    parse_date_option(text)  # raises ValueError with a readable reason
    return text


_IDS = Key((list,), "rule ids or id prefixes", items=str)

# Keys that may appear at the top and inside a `per-path` entry.
RULE_KEYS: dict[str, Key] = {
    "packs": Key((list,), "rule packs: shipped names or YAML files relative to this configuration", items=str),
    "select": Key((list,), "only these rules (ids or id prefixes)", items=str),
    "ignore": Key((list,), "never these rules (ids or id prefixes)", items=str),
    "extend-select": Key((list,), "these rules too, on top of the selection (turns on `enabled: false` rules)", items=str),
    "severity": Key((dict,), "severity per rule id or prefix: error, warning or info"),
    "date": Key((str, int, datetime.date), "the stories' date: auto, front-matter, or YYYY-MM-DD / YYYY", check=_check_date),
}

PER_PATH_KEYS: dict[str, Key] = {
    "paths": Key((list,), "globs of the files this entry applies to", required=True, items=str),
    **RULE_KEYS,
}

CONFIG_KEYS: dict[str, Key] = {
    **RULE_KEYS,
    "per-path": Key((list,), "settings for files matching globs, applied in order after the top-level ones", items=dict),
    "per-file-ignores": Key((dict,), "glob -> rule ids never reported in matching files"),
    "include": Key((list,), "globs of the files to lint when a folder is walked", items=str),
    "exclude": Key((list,), "globs of files and folders never linted", items=str),
    "fail-on": Key((str,), "exit with 1 only for violations of this severity or worse", choices=SEVERITIES),
}


class Value(NamedTuple):
    """One setting's value and the line of the configuration that gave it."""

    value: Any
    line: int


@dataclass
class Section:
    """The rule settings of the top level or of one `per-path` entry (only the keys written)."""

    values: dict[str, Value] = field(default_factory=dict)
    paths: tuple[str, ...] = ()  # globs, for a per-path entry
    line: int = 0


@dataclass
class ConfigFile:
    """A parsed, validated configuration."""

    path: Path
    top: Section
    per_path: list[Section] = field(default_factory=list)
    per_file_ignores: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)  # glob, ids, line

    @property
    def folder(self) -> Path:
        return self.path.parent

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"


def _section(data: YMap, schema: dict[str, Key], path: Path, what: str, line: int) -> tuple[dict[str, Any], Section]:
    values = validate(data, schema, str(path), what, line)
    section = Section(line=line)
    for key in RULE_KEYS:
        if key not in data:
            continue
        value = values[key]
        where = data.line_of(key)
        if key == "packs":
            value = [_pack_ref(ref, path, _item_line(value, i, where)) for i, ref in enumerate(value)]
        elif key == "severity":
            value = _severity(value, path, where)
        elif key == "date":
            value = date_text(value)
        elif key in ("select", "ignore", "extend-select"):
            value = [str(v).strip() for v in value if str(v).strip()]
        section.values[key] = Value(value, where)
    return values, section


def _item_line(seq: Any, index: int, default: int) -> int:
    return seq.line_of(index) if isinstance(seq, YList) else default


def _pack_ref(ref: str, config: Path, line: int) -> str:
    """A shipped name stays a name; a path becomes absolute, relative to the configuration."""
    try:
        resolved = resolve_ref(ref, config.parent)
    except NewslintError as exc:
        raise ConfigError(exc.message, str(config), line, "packs") from None
    looks_like_path = "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))
    return str(resolved.resolve()) if looks_like_path else ref


def _severity(mapping: Any, config: Path, line: int) -> list[tuple[str, str, int]]:
    """(rule id or prefix, level, line) for each override."""
    result: list[tuple[str, str, int]] = []
    for rule_id, level in mapping.items():
        where = mapping.line_of(rule_id) if isinstance(mapping, YMap) else line
        if level not in SEVERITIES:
            raise ConfigError(f"severity of {rule_id} must be one of {', '.join(SEVERITIES)}; got {level!r}",
                              str(config), where, "severity")
        result.append((str(rule_id), level, where))
    return result


def parse(data: Any, path: Path, line: int = 1) -> ConfigFile:
    """Validate configuration data (a `YMap`, whatever file it came from)."""
    if data is None:
        return ConfigFile(path, Section(line=line))
    try:
        values, top = _section(data, CONFIG_KEYS, path, "the configuration", line)
        config = ConfigFile(path, top)
        for key in ("include", "exclude", "fail-on"):
            if key in data:
                config.top.values[key] = Value(values[key], data.line_of(key))
        for i, entry in enumerate(values["per-path"] or []):
            where = _item_line(data["per-path"], i, data.line_of("per-path"))
            if not isinstance(entry, YMap):
                raise ConfigError("every per-path entry must be a mapping", str(path), where, "per-path")
            entry_values, section = _section(entry, PER_PATH_KEYS, path, "a per-path entry", where)
            section.paths = tuple(entry_values["paths"])
            config.per_path.append(section)
        ignores = values["per-file-ignores"]
        if ignores is not None:
            for glob, ids in ignores.items():
                where = ignores.line_of(glob) if isinstance(ignores, YMap) else data.line_of("per-file-ignores")
                if isinstance(ids, str):
                    ids = [part for part in re.split(r"[,\s]+", ids) if part]
                if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                    raise ConfigError(f"the rule ids for {glob!r} must be a list of ids", str(path), where, "per-file-ignores")
                config.per_file_ignores.append((str(glob), tuple(ids), where))
    except ConfigError:
        raise
    except NewslintError as exc:  # the schema validator speaks of packs; this is a configuration
        raise ConfigError(exc.message, exc.path, exc.line, exc.key) from None
    return config


def load(path: Path) -> ConfigFile:
    """Read and validate one configuration file (`.newslint.yaml` or a `pyproject.toml`)."""
    if not path.is_file():
        raise ConfigError("configuration file not found", str(path))
    if path.name == PYPROJECT or path.suffix == ".toml":
        table, line = _toml_table(path)
        if table is None:
            raise ConfigError("has no [tool.newslint] table", str(path))
        return parse(table, path, line)
    try:
        data = read_yaml_file(path)
    except NewslintError as exc:
        raise ConfigError(exc.message, exc.path, exc.line, exc.key) from None
    return parse(data, path)


# --- discovery ---------------------------------------------------------------------------------

class Finder:
    """The nearest configuration of each folder, each file parsed once per run."""

    def __init__(self) -> None:
        self._nearest: dict[Path, ConfigFile | None] = {}
        self._asked: dict[str, ConfigFile | None] = {}  # folders as the run names them, before resolving links

    def nearest(self, folder: str) -> ConfigFile | None:
        """The configuration for files in `folder` (as named: a run asks once per story, and a
        string look-up is cheaper than building a path for each)."""
        if folder not in self._asked:
            self._asked[folder] = self._nearest_resolved(Path(folder).resolve())
        return self._asked[folder]

    def _nearest_resolved(self, folder: Path) -> ConfigFile | None:
        visited: list[Path] = []
        found: ConfigFile | None = None
        current = folder
        while True:
            if current in self._nearest:
                found = self._nearest[current]
                break
            visited.append(current)
            found = _config_in(current)
            if found is not None or (current / ".git").exists() or current.parent == current:
                break
            current = current.parent
        for seen in visited:
            self._nearest[seen] = found
        return found


def _config_in(folder: Path) -> ConfigFile | None:
    yaml_file = folder / YAML_NAME
    if yaml_file.is_file():
        return load(yaml_file)
    pyproject = folder / PYPROJECT
    if pyproject.is_file():
        table, line = _toml_table(pyproject)
        if table is not None:
            return parse(table, pyproject, line)
    return None


# --- TOML with line numbers --------------------------------------------------------------------
# `tomllib` gives no positions; a light scan of the text finds the line of each table and key,
# so that an error in `[tool.newslint]` names its line as it would in YAML.

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")
_PART = re.compile(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None) for m in _PART.finditer(dotted))


def _toml_lines(text: str) -> dict[tuple[Any, ...], int]:
    lines: dict[tuple[Any, ...], int] = {}
    arrays: dict[tuple[Any, ...], int] = {}
    table: tuple[Any, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            parts = _parts(header[2])
            table = ()
            for i, part in enumerate(parts):
                table = (*table, part)
                if i == len(parts) - 1 and header[1] == "[[":
                    arrays[table] = arrays.get(table, -1) + 1
                    lines.setdefault(table, number)
                    table = (*table, arrays[table])
                elif table in arrays:  # a sub-table of an array of tables belongs to its last element
                    table = (*table, arrays[table])
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*table, *_parts(key[1])), number)
    return lines


def _with_lines(value: Any, where: tuple[Any, ...], lines: dict[tuple[Any, ...], int], default: int) -> Any:
    line = lines.get(where, default)
    if isinstance(value, dict):
        mapping = YMap(line)
        for key, item in value.items():
            mapping.key_lines[key] = lines.get((*where, key), line)
            mapping[key] = _with_lines(item, (*where, key), lines, mapping.key_lines[key])
        return mapping
    if isinstance(value, list):
        seq = YList(line)
        for index, item in enumerate(value):
            seq.item_lines.append(lines.get((*where, index), line))
            seq.append(_with_lines(item, (*where, index), lines, seq.item_lines[-1]))
        return seq
    return value


def _toml_table(path: Path) -> tuple[YMap | None, int]:
    """The `[tool.newslint]` table of a TOML file with line numbers, or None; and its line."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", str(path)) from None
    import tomllib  # only a run that reads a pyproject.toml pays for it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+)", str(exc))
        raise ConfigError(f"TOML syntax error: {exc}", str(path), int(match[1]) if match else None) from None
    table = data.get("tool", {}).get("newslint") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return None, 0
    lines = _toml_lines(text)
    where = ("tool", "newslint")
    line = lines.get(where, 1)
    if not isinstance(table, dict):
        raise ConfigError("tool.newslint must be a table", str(path), line)
    return _with_lines(table, where, lines, line), line
