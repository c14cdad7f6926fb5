"""newslint's own regular expressions, compiled on first use and kept in the pack cache.

Why: `regex` parses and compiles a pattern in Python, from a tenth of a millisecond to a few
milliseconds for the big alternations (weekdays, months, trailer labels). The patterns the
engine needs on every story cost about 8 ms at every start, a tenth of a one-story run (the
pre-commit case). A compiled `regex` pattern pickles with its compiled code and unpickles in
microseconds, so:

- modules declare their patterns with `lazy(source, flags)` at import time, which costs nothing;
- the first use compiles the pattern, or takes it from `_compiled` when the pack cache has
  restored it (`restore`);
- when the pack cache writes an entry, it stores `snapshot()`: every declared pattern, compiled.

Nothing here reads or writes a file: the pack cache decides that, so `--no-cache` runs compile
every pattern themselves.
"""

from __future__ import annotations

from typing import Any

import regex

_declared: list[LazyPattern] = []
_compiled: dict[tuple[str, int], regex.Pattern] = {}

# The methods a check calls on a pattern: bound onto the lazy pattern at its first use, so later
# calls cost what a call on the compiled pattern costs.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer")


class LazyPattern:
    """A `regex` pattern compiled when first used; reads like the compiled pattern."""

    def __init__(self, source: str, flags: int = 0):
        self.source = source
        self.flags_given = int(flags)  # a plain int: the pack cache unpickles no enum
        self._pattern: regex.Pattern | None = None

    def compiled(self) -> regex.Pattern:
        if self._pattern is None:
            key = (self.source, self.flags_given)
            pattern = _compiled.get(key)
            if pattern is None:
                pattern = _compiled[key] = regex.compile(self.source, self.flags_given)
            self._pattern = pattern
            for name in _METHODS:
                setattr(self, name, getattr(pattern, name))
        return self._pattern

    def __getattr__(self, name: str) -> Any:
        # Reached only for names the instance does not hold yet: the methods before the first
        # use, and the pattern's other attributes (`pattern`, `groupindex` ...).
        if name.startswith("__") or name in ("source", "flags_given", "_pattern"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self) -> tuple[Any, ...]:
        return LazyPattern, (self.source, self.flags_given)

    def __repr__(self) -> str:
        return f"lazy({self.source!r}, {self.flags_given})"


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """Declare a pattern; it is compiled (or restored) at its first use."""
    pattern = LazyPattern(source, flags)
    _declared.append(pattern)
    return pattern


def snapshot() -> dict[tuple[str, int], regex.Pattern]:
    """Every pattern declared so far, compiled: what the pack cache stores."""
    return {(p.source, p.flags_given): p.compiled() for p in _declared}


def restore(patterns: dict[tuple[str, int], regex.Pattern]) -> None:
    """Take compiled patterns from the pack cache; a pattern already in use is left alone."""
    for key, pattern in patterns.items():
        if isinstance(key, tuple) and len(key) == 2 and isinstance(pattern, regex.Pattern):
            _compiled.setdefault(key, pattern)
