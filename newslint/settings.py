"""The settings in effect for one file, and where each came from.

Layers, later ones winning: newslint's defaults, the file's configuration (its top level, then
each `per-path` entry whose globs match the file), then the command line; last, the file's
matching `per-file-ignores`. Rule selection is a sequence of steps: the last `select` replaces
the choice of the packs (and of earlier selects), `extend-select` adds to the choice, and every
`ignore` of every layer removes rules, whatever selects them.

`Plan` serves a whole run: it finds each file's configuration, and compiles each distinct set
of packs once and each distinct rule list once, however many files share them.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.config import ConfigFile, Finder, load
from newslint.engine import BUILTIN_RULES, RunOptions
from newslint.errors import ConfigError
from newslint.files import DEFAULT_SUFFIXES
from newslint.globs import any_match, matches
from newslint.storydate import parse_date_option
from newslint.violation import Severity

if TYPE_CHECKING:
    from newslint.packs.loader import Pack, Rule
    from newslint.run import LintRequest

DEFAULT = "default"
COMMAND_LINE = "command line"


class Step(NamedTuple):
    """One rule-selection step: `kind` is select, extend-select or ignore."""

    kind: str
    ids: tuple[str, ...]
    origin: str


class Settings(NamedTuple):
    """Everything that decides how one file is linted."""

    packs: tuple[str, ...]
    steps: tuple[Step, ...]
    severity: tuple[tuple[str, str, str], ...]  # (rule id or prefix, level, origin)
    date: str  # auto, front-matter, or a fixed date YYYY-MM-DD / YYYY
    fail_on: str
    include: tuple[str, ...] | None  # None: the default suffixes
    exclude: tuple[str, ...]
    origins: tuple[tuple[str, str], ...]  # setting name -> where its value came from
    config: ConfigFile | None
    relative: str  # the file's path relative to its configuration's folder

    def origin(self, key: str) -> str:
        return dict(self.origins).get(key, DEFAULT)

    @property
    def rules_key(self) -> tuple[Any, ...]:
        return (self.packs, tuple((s.kind, s.ids) for s in self.steps), tuple((p, lvl) for p, lvl, _ in self.severity))


class CommandLine(NamedTuple):
    """What the command line said; None or empty means it said nothing about that setting."""

    packs: tuple[str, ...] | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    date: str | None = None
    fail_on: str | None = None

    @classmethod
    def from_request(cls, request: LintRequest) -> CommandLine:
        given = request.given
        if given is None:  # built in code, not by the CLI: what differs from the defaults was asked for
            given = {name for name, asked in (("packs", request.packs != ["antara"]), ("select", bool(request.select)),
                                              ("ignore", bool(request.ignore)), ("date", request.date is not None),
                                              ("fail_on", request.fail_on != "warning")) if asked}
        date = None
        if "date" in given and request.date is not None:
            date = request.date.date.isoformat() if request.date.date else str(request.date.year)
        return cls(
            packs=tuple(request.packs) if "packs" in given else None,
            select=tuple(request.select) if "select" in given else None,
            extend_select=tuple(request.extend_select), ignore=tuple(request.ignore) if "ignore" in given else (),
            date=date, fail_on=request.fail_on if "fail_on" in given else None,
        )


def relative_to(path: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(path, folder)).as_posix()
    except ValueError:  # another drive (Windows): outside the folder, so no glob matches it
        return "../" + path.name


def resolve(path: Path, config: ConfigFile | None, cmd: CommandLine, default_packs: tuple[str, ...],
            default_fail_on: str = "warning") -> Settings:
    """The settings for the file at `path` (absolute), given its configuration and the command line."""
    packs, date, fail_on = default_packs, "auto", default_fail_on
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    steps: list[Step] = []
    severity: list[tuple[str, str, str]] = []
    origins: dict[str, str] = {}
    relative = ""
    if config is not None:
        relative = relative_to(path, config.folder)
        sections = [("", config.top)]
        sections += [(f" (per-path {', '.join(s.paths)})", s) for s in config.per_path if any_match(s.paths, relative)]
        for label, section in sections:
            values = section.values

            def where(key: str) -> str:
                return config.where(values[key].line) + label

            if "packs" in values:
                packs, origins["packs"] = tuple(values["packs"].value), where("packs")
            for kind in ("select", "extend-select", "ignore"):
                if kind in values:
                    steps.append(Step(kind, tuple(values[kind].value), where(kind)))
            if "severity" in values:
                severity += [(rule, level, config.where(line) + label) for rule, level, line in values["severity"].value]
            if "date" in values:
                date, origins["date"] = values["date"].value, where("date")
        top = config.top.values
        if "fail-on" in top:
            fail_on, origins["fail-on"] = top["fail-on"].value, config.where(top["fail-on"].line)
        if "include" in top:
            include, origins["include"] = tuple(top["include"].value), config.where(top["include"].line)
        if "exclude" in top:
            exclude, origins["exclude"] = tuple(top["exclude"].value), config.where(top["exclude"].line)
    if cmd.packs:
        packs, origins["packs"] = cmd.packs, COMMAND_LINE
    if cmd.select is not None:
        steps.append(Step("select", cmd.select, COMMAND_LINE))
    if cmd.extend_select:
        steps.append(Step("extend-select", cmd.extend_select, COMMAND_LINE))
    if cmd.ignore:
        steps.append(Step("ignore", cmd.ignore, COMMAND_LINE))
    if config is not None:  # last: a command line `--select` does not bring back a file's ignored rules
        for glob, ids, line in config.per_file_ignores:
            if matches(glob, relative):
                steps.append(Step("ignore", ids, f"{config.where(line)} (per-file-ignores {glob})"))
    if cmd.date is not None:
        date, origins["date"] = cmd.date, COMMAND_LINE
    if cmd.fail_on is not None:
        fail_on, origins["fail-on"] = cmd.fail_on, COMMAND_LINE
    return Settings(packs, tuple(steps), tuple(severity), date, fail_on, include, exclude,
                    tuple(origins.items()), config, relative)


def choose(rules: list[Rule], steps: tuple[Step, ...], severity: tuple[tuple[str, str, str], ...] = ()) -> list[Rule]:
    """The rules the steps leave chosen, in pack order, with severity overrides applied.

    The packs' enabled rules start chosen; a `select` step replaces the choice (and drops what
    earlier `extend-select` steps added), `extend-select` adds rules (`enabled: false` ones
    too), and an `ignore` from any layer always wins. Of several severity overrides, the
    longest matching id wins, and among equal ones the later.
    """
    chosen = [rule.enabled for rule in rules]
    ignored = [False] * len(rules)
    for step in steps:
        hit = [any(rule.id.startswith(p) for p in step.ids) for rule in rules]
        if step.kind == "select":
            chosen = hit
        elif step.kind == "extend-select":
            chosen = [c or h for c, h in zip(chosen, hit)]
        else:
            ignored = [i or h for i, h in zip(ignored, hit)]
    result = []
    for rule, keep, skip in zip(rules, chosen, ignored):
        if not keep or skip:
            continue
        overrides = [(len(p), i, level) for i, (p, level, _) in enumerate(severity) if rule.id.startswith(p)]
        if overrides:
            level = Severity.parse(max(overrides)[2])
            if level != rule.severity:
                rule = dataclasses.replace(rule, severity=level)
        result.append(rule)
    return result


class Plan:
    """A run's settings per file, with packs and rule lists compiled once per distinct setting."""

    def __init__(self, request: LintRequest):
        self.request = request
        self.cmd = CommandLine.from_request(request)
        self.default_packs = ("antara",) if self.cmd.packs else tuple(request.packs)
        self.default_fail_on = "warning" if self.cmd.fail_on else request.fail_on
        self.finder = Finder()
        self.explicit = load(Path(request.config)) if request.config else None
        self._packs: dict[tuple[str, ...], Pack] = {}
        self._rules: dict[tuple[Any, ...], list[Rule]] = {}
        self._options: dict[str, RunOptions] = {}
        self.fail_on: dict[str, str] = {}  # reported file name -> its fail-on threshold
        self._last: tuple[str, Settings] | None = None
        self._unconfigured: Settings | None = None  # the settings of every file without a configuration

    def config_for(self, folder: str) -> ConfigFile | None:
        if self.request.isolated:
            return None
        if self.explicit is not None:
            return self.explicit
        return self.finder.nearest(folder)

    def settings(self, path: str) -> Settings:
        """Settings for a file (or, for a folder, for the files directly inside it)."""
        if self._last is not None and self._last[0] == path:
            return self._last[1]  # `accepts` then `for_file` ask about the same file
        folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
        config = self.config_for(folder)  # looked up once per folder (`Finder`), not per story
        if config is None:  # then nothing depends on the file's own name
            if self._unconfigured is None:
                self._unconfigured = resolve(Path(folder).absolute() / "_", None, self.cmd, self.default_packs,
                                             self.default_fail_on)
            settings = self._unconfigured
        else:
            target = Path(path).absolute()
            settings = resolve(target / "_" if folder == path else target, config, self.cmd, self.default_packs,
                               self.default_fail_on)
        self._last = (path, settings)
        return settings

    def accepts(self, path: str, explicit: bool) -> bool:
        """Is this file linted? Folders' files must match `include`; nothing may match `exclude`."""
        settings = self.settings(path)
        if settings.config is not None and any_match(settings.exclude, settings.relative):
            return False
        if explicit:
            return True
        if settings.include is None:
            return path.lower().endswith(DEFAULT_SUFFIXES)
        return any_match(settings.include, settings.relative)

    def pack(self, refs: tuple[str, ...]) -> Pack:
        from newslint import cache

        if refs not in self._packs:  # through the cache of compiled packs unless --no-cache
            root = cache.cache_dir() if getattr(self.request, "cache", True) else None
            self._packs[refs] = cache.load_packs(list(refs), root)[0]
        return self._packs[refs]

    def rules(self, settings: Settings) -> list[Rule]:
        key = settings.rules_key
        if key not in self._rules:
            rules = self.pack(settings.packs).rules
            self._check_ids(settings, {rule.id for rule in rules})
            self._rules[key] = choose(rules, settings.steps, settings.severity)
        return self._rules[key]

    def _check_ids(self, settings: Settings, ids: set[str]) -> None:
        """Every rule id or prefix given to select, ignore or re-grade rules must name a rule: a
        misspelt `--select AN4O1` would otherwise leave a CI gate that checks nothing, silently.
        A prefix may name a rule of another pack the same configuration uses for other files (a
        top-level `ignore` of a desk rule, with English files on `wire-en`), or of the default packs."""
        given = [(prefix, step.kind, step.origin) for step in settings.steps for prefix in step.ids]
        given += [(prefix, "severity", origin) for prefix, _, origin in settings.severity]
        unknown = [g for g in given if not any(i.startswith(g[0]) for i in ids)]
        if not unknown:
            return
        import difflib  # only on this path: a run with good ids does not pay for the import

        for refs in self._other_packs(settings):
            ids = ids | {rule.id for rule in self.pack(refs).rules}
        for prefix, kind, origin in unknown:
            if any(i.startswith(prefix) for i in ids):
                continue
            where = "--" + kind if origin == COMMAND_LINE else f"{origin}: '{kind}'"
            if prefix in BUILTIN_RULES:
                raise ConfigError(f"{where}: {prefix} is newslint's own check ({BUILTIN_RULES[prefix]}); it is "
                                  "always reported and cannot be selected, ignored or given another severity")
            close = difflib.get_close_matches(prefix, sorted(ids), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ConfigError(f"{where}: {prefix!r} names no rule of the packs {', '.join(settings.packs)}{hint}")

    def _other_packs(self, settings: Settings) -> list[tuple[str, ...]]:
        """The other packs other files of the run may use: none when the command line names the
        packs (every file uses them); else the defaults, and the packs of the configuration's top
        level and `per-path` entries."""
        if self.cmd.packs:
            return []
        found = [self.default_packs]
        config = settings.config
        if config is not None:
            for section in (config.top, *config.per_path):
                if "packs" in section.values:
                    found.append(tuple(section.values["packs"].value))
        return [refs for refs in dict.fromkeys(found) if refs != settings.packs]

    def all_rules(self) -> list[Rule]:
        """Every rule some file of the run used, once, in the order first met (for SARIF, statistics)."""
        seen: dict[str, Rule] = {}
        for rules in self._rules.values():
            for rule in rules:
                seen.setdefault(rule.id, rule)
        return list(seen.values())

    def options(self, settings: Settings) -> RunOptions:
        if settings.date not in self._options:
            fixed = settings.date not in ("auto", "front-matter")
            self._options[settings.date] = RunOptions(
                date=parse_date_option(settings.date) if fixed else None,
                timeout=self.request.timeout, debug=self.request.debug,
                report_unused_suppressions=self.request.report_unused_suppressions,
                date_source="front-matter" if settings.date == "front-matter" else "auto",
            )
        return self._options[settings.date]

    def for_file(self, path: str, name: str) -> tuple[list[Rule], RunOptions]:
        """The rules and options for the file at `path`, reported as `name`."""
        settings = self.settings(path)
        self.fail_on[name] = settings.fail_on
        return self.rules(settings), self.options(settings)


def describe(settings: Settings, rules: list[Rule], path: str) -> list[str]:
    """`newslint config`: each setting in effect for `path`, and where it came from."""
    config = str(settings.config.path) if settings.config else "none (newslint's defaults)"
    lines = [f"Settings for {path}", f"  configuration     {config}"]

    def row(name: str, value: str, origin: str) -> None:
        lines.append(f"  {name:<17} {value:<34} {origin}")

    row("packs", ", ".join(settings.packs), settings.origin("packs"))
    if not settings.steps:
        row("select", "(the packs' enabled rules)", DEFAULT)
    for step in settings.steps:
        row(step.kind, ", ".join(step.ids), step.origin)
    for prefix, level, origin in settings.severity:
        row("severity", f"{prefix}: {level}", origin)
    row("date", settings.date, settings.origin("date"))
    row("fail-on", settings.fail_on, settings.origin("fail-on"))
    include = ", ".join(settings.include) if settings.include is not None else ", ".join("*" + s for s in DEFAULT_SUFFIXES)
    row("include", include, settings.origin("include"))
    row("exclude", ", ".join(settings.exclude) or "(nothing)", settings.origin("exclude"))
    excluded = settings.config is not None and any_match(settings.exclude, settings.relative)
    lines.append(f"  rules             {len(rules)} active" + (" (this file is excluded: not linted)" if excluded else ""))
    for rule in rules:
        lines.append(f"    {rule.id:<10} {rule.severity!s:<8} {rule.pack}")
    return lines
