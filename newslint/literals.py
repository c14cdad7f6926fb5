r"""The literal text a pattern cannot match without: a screen read off the pattern's source.

Most pattern rules match nowhere in most stories, and a regex search per paragraph to prove it
costs more than the rest of the rule. But a pattern such as `(?<=\d)[ \t]?%` cannot match in a
text without `%`, nor `\bRp[ \t]+(?=\d)` without `Rp`: a substring test (`in`, in C, a fraction
of a search) rules such a story out.

`needs(source, flags)` reads a pattern and returns literals of which every match needs at least
one in the text: consumed, or looked at by a positive lookahead or lookbehind. Each comes with a
flag: compare it with the text as written, or both folded by `fold` (case-insensitive parts).
None means nothing is known, and the pattern is simply searched.

Why that is exact. What is read: literal characters and escapes, groups of every plain kind,
alternation, classes and the other escapes (taken as "some character", never as a literal),
quantifiers (a part repeated at least once is needed; an optional part is not), lookarounds
(a negative one needs nothing). Whatever it does not know (verbose mode, version-1 syntax,
fuzzy matching, conditionals, recursion, octal escapes, a `{` that is not a repeat count) makes
it return None. Case-insensitive literals are kept only where `fold` is proved to match the
`regex` engine's case-insensitive matching character by character (ASCII, and the caseless
typography in `_CASELESS`; tests/test_literals.py checks both against every code point).
"""

from __future__ import annotations

import unicodedata
from itertools import product
from typing import Any, NamedTuple

import regex

from newslint.patterns import lazy
from newslint.spansearch import _skip_class

Needs = frozenset[tuple[str, bool]]  # (literal, compared folded)

#: Non-ASCII characters that `regex` matches, case-insensitively, only with themselves.
_CASELESS = frozenset("©®™°–—‘’“”«»„…·•§¶€£¥\u00a0")
_MOST = 64  # the most strings an exact part may stand for before it is taken as unknown
_REPEAT = lazy(r"\{(\d*)(?:(,)(\d*))?\}")
_UNREADABLE_FLAGS = (regex.VERBOSE | regex.VERSION1 | regex.FULLCASE | regex.BESTMATCH | regex.ENHANCEMATCH
                     | regex.POSIX | regex.REVERSE)
_SCOPED_FLAGS = set("aimsuwL-")  # inline flags that do not change how the source reads
_ASSERTIONS = set("bBAZzGmMK")   # zero-width escapes
_CONTROLS = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def fold(text: str) -> str:
    """Case folding under which a case-insensitive `regex` match of an ASCII or caseless literal
    is the literal, folded: `casefold`, plus dotted `İ` and dotless `ı`, which `regex` matches to
    `i` and `I` and `casefold` does not make `i`. Character by character, so a folded match is a
    substring of the folded text."""
    return text.casefold().replace("\u0307", "").replace("ı", "i")


class _Unreadable(Exception):
    """The pattern holds something this reader does not know: no screen."""


class _Part(NamedTuple):
    """What is known of a part of a pattern."""

    exact: frozenset[str] | None  # it matches exactly one of these strings (folded when `folded`)
    folded: bool
    needs: Needs | None           # one of these literals is in the text wherever it matches


_ANY = _Part(None, False, None)                # some text, unknown
_NOTHING = _Part(frozenset({""}), False, None)  # matches the empty string only (`\b`, `^`)


def needs(source: str, flags: int) -> Needs | None:
    """Literals of which every match of the pattern needs one in the text (see the module's
    docstring); None when the pattern cannot be read or needs no literal.

    Remembered per pattern, and stored with the compiled packs (`snapshot`): reading a pack's
    patterns takes a few milliseconds, which a one-story run should not pay every time."""
    key = (source, int(flags))  # an int, not a flag enum: the pack cache stores the keys
    try:
        return _READ[key]
    except KeyError:
        pass
    if len(_READ) >= _READ_LIMIT:
        _READ.clear()
    found = _READ[key] = _read(source, flags)
    return found


_READ: dict[tuple[str, int], Needs | None] = {}
_READ_LIMIT = 4096


def needs_any(patterns: tuple[Any, ...]) -> Needs | None:
    """Literals of which every match of any of the compiled `patterns` needs one: the union of
    their `needs`; None when one of them needs none that is known. Remembered per tuple of
    patterns, so that a rule's screen does not read its patterns once per story."""
    try:
        return _UNIONS[patterns]
    except KeyError:
        pass
    reads = [needs(pattern.pattern, pattern.flags) for pattern in patterns]
    if len(_UNIONS) >= _READ_LIMIT:
        _UNIONS.clear()
    found = _UNIONS[patterns] = None if any(read is None for read in reads) else frozenset().union(*reads)
    return found


_UNIONS: dict[tuple[Any, ...], Needs | None] = {}


def snapshot() -> dict[tuple[str, int], Needs | None]:
    """What was read so far: the pack cache stores it with the packs compiled in this process."""
    return dict(_READ)


def restore(read: dict[tuple[str, int], Needs | None]) -> None:
    """Take what the pack cache stored (see `snapshot`)."""
    for key, found in read.items():
        if isinstance(key, tuple) and len(key) == 2 and (found is None or isinstance(found, frozenset)):
            _READ.setdefault(key, found)


def _read(source: str, flags: int) -> Needs | None:
    if flags & _UNREADABLE_FLAGS:
        return None
    reader = _Reader(source)
    try:
        part = reader.alternation(bool(flags & regex.IGNORECASE))
    except _Unreadable:
        return None
    if reader.at != len(source):  # a `)` with no `(`
        return None
    return _needs_of(part)


def _needs_of(part: _Part) -> Needs | None:
    """The better of the part's own needs and its exact strings taken as needs."""
    options = [part.needs] if part.needs else []
    if part.exact is not None and "" not in part.exact:
        options.append(frozenset((s, part.folded) for s in part.exact))
    return max(options, key=_strength, default=None)


def _strength(needs: Needs) -> tuple[int, int]:
    """Longer literals rule out more stories; fewer of them, too."""
    return min(len(s) for s, _ in needs), -len(needs)


def _joined(a: _Part, b: _Part) -> frozenset[str] | None:
    """The exact strings of a followed by b (folded when either is); None past `_MOST`."""
    if a.exact is None or b.exact is None or len(a.exact) * len(b.exact) > _MOST:
        return None
    left = {fold(s) for s in a.exact} if b.folded and not a.folded else a.exact
    right = {fold(s) for s in b.exact} if a.folded and not b.folded else b.exact
    return frozenset(x + y for x, y in product(left, right))


def _sequence(parts: list[_Part]) -> _Part:
    """Parts one after the other: every part's needs are needed, and so are the strings of each
    run of exact parts, joined."""
    candidates = [p.needs for p in parts if p.needs]
    run = _NOTHING
    whole: _Part | None = _NOTHING
    for part in parts:
        if whole is not None:
            joined = _joined(whole, part)
            whole = None if joined is None else _Part(joined, whole.folded or part.folded, None)
        joined = _joined(run, part)
        if joined is None:
            found = _needs_of(run)
            if found:
                candidates.append(found)
            run = part if part.exact is not None else _NOTHING
        else:
            run = _Part(joined, run.folded or part.folded, None)
    found = _needs_of(run)
    if found:
        candidates.append(found)
    best = max(candidates, key=_strength, default=None)
    if whole is None:
        return _Part(None, False, best)
    return _Part(whole.exact, whole.folded, best)


def _either(branches: list[_Part]) -> _Part:
    """Alternatives: a literal is needed only if each branch needs one."""
    if len(branches) == 1:
        return branches[0]
    needs_each = [_needs_of(b) for b in branches]
    needs = frozenset().union(*needs_each) if all(needs_each) else None
    exact = None
    if all(b.exact is not None for b in branches):
        folded = any(b.folded for b in branches)
        strings = {fold(s) if folded and not b.folded else s for b in branches for s in b.exact}  # type: ignore[union-attr]
        if len(strings) <= _MOST:
            exact = frozenset(strings)
    return _Part(exact, exact is not None and any(b.folded for b in branches), needs)


class _Reader:
    """A recursive reader of the pattern syntax listed in the module's docstring."""

    def __init__(self, source: str):
        self.source = source
        self.at = 0

    def _peek(self, offset: int = 0) -> str:
        i = self.at + offset
        return self.source[i] if i < len(self.source) else ""

    def alternation(self, folded: bool) -> _Part:
        branches = [self.sequence(folded)]
        while self._peek() == "|":
            self.at += 1
            branches.append(self.sequence(folded))
        return _either(branches)

    def sequence(self, folded: bool) -> _Part:
        parts = []
        while self.at < len(self.source) and self._peek() not in "|)":
            parts.append(self.repeated(self.atom(folded)))
        return _sequence(parts)

    def repeated(self, part: _Part) -> _Part:
        c = self._peek()
        if c in ("*", "?"):
            low, high = 0, None if c == "*" else 1
            self.at += 1
        elif c == "+":
            low, high = 1, None
            self.at += 1
        elif c == "{":
            m = _REPEAT.match(self.source, self.at)
            if m is None:
                raise _Unreadable("a `{` that is not a repeat count (fuzzy matching?)")
            low = int(m[1] or 0)
            high = None if m[2] and not m[3] else int(m[3] or m[1] or 0)
            self.at = m.end()
        else:
            return part
        if self._peek() in ("?", "+"):  # lazy or possessive: the same text is needed
            self.at += 1
        if self._peek() in ("*", "+", "?", "{"):
            raise _Unreadable("a repeat of a repeat")
        if low == 0:
            return _ANY
        if low == high == 1:
            return part
        return _Part(None, False, _needs_of(part))

    def atom(self, folded: bool) -> _Part:
        c = self._peek()
        if c == "(":
            return self.group(folded)
        if c == "[":
            end = _skip_class(self.source, self.at)
            if end < 0:
                raise _Unreadable("a nested or unclosed class")
            self.at = end
            return _ANY
        if c == "\\":
            return self.escape(folded)
        if c in "*+?{":
            raise _Unreadable("a repeat with nothing to repeat")
        self.at += 1
        if c == ".":
            return _ANY
        if c in "^$":
            return _NOTHING
        return _literal(c, folded)

    def escape(self, folded: bool) -> _Part:
        source, i = self.source, self.at
        if i + 1 >= len(source):
            raise _Unreadable("a lone backslash")
        e = source[i + 1]
        self.at = i + 2
        if e in "pPNx" and self._peek() == "{":
            close = source.find("}", self.at)
            if close < 0:
                raise _Unreadable("an unclosed brace")
            inside, self.at = source[self.at + 1:close], close + 1
            if e == "N":
                try:
                    return _literal(unicodedata.lookup(inside), folded)
                except KeyError:
                    raise _Unreadable("an unknown character name") from None
            if e == "x":
                return _literal(_from_hex(inside), folded)
            return _ANY  # \p{L}
        if e in "pP":  # \pL
            self.at += 1
            return _ANY
        if e in "xuU":
            width = {"x": 2, "u": 4, "U": 8}[e]
            digits = source[self.at:self.at + width]
            self.at += width
            return _literal(_from_hex(digits), folded)
        if e in "gkL" and self._peek() == "<":
            close = source.find(">", self.at)
            if close < 0:
                raise _Unreadable("an unclosed name")
            self.at = close + 1
            return _ANY  # a backreference or a named list: some text
        if e.isdigit():
            raise _Unreadable("a backreference or an octal escape")
        if e in _ASSERTIONS:
            return _NOTHING
        if e in _CONTROLS:
            return _literal(_CONTROLS[e], folded)
        if e.isalnum() or e == "_":
            return _ANY  # \d \w \s \h \X ...: some character(s)
        return _literal(e, folded)  # an escaped punctuation mark or space

    def group(self, folded: bool) -> _Part:
        source = self.source
        self.at += 1
        kind = "plain"
        if self._peek() == "?":
            rest = source[self.at + 1:self.at + 3]
            if rest[:1] in (":", ">", "|"):
                self.at += 2
            elif rest[:1] in ("=", "!"):
                kind = "ahead" if rest[0] == "=" else "not"
                self.at += 2
            elif rest in ("<=", "<!"):
                kind = "ahead" if rest == "<=" else "not"
                self.at += 3
            elif rest[:1] == "<" or rest == "P<":
                close = source.find(">", self.at)
                if close < 0:
                    raise _Unreadable("an unclosed group name")
                self.at = close + 1
            elif rest == "P=":
                close = source.find(")", self.at)
                if close < 0:
                    raise _Unreadable("an unclosed backreference")
                self.at = close + 1
                return _ANY
            elif rest[:1] == "#":
                close = source.find(")", self.at)
                if close < 0:
                    raise _Unreadable("an unclosed comment")
                self.at = close + 1
                return self._not_repeated()
            else:
                return self.flags(folded)
        elif self._peek() == "*":
            raise _Unreadable("a backtracking verb")
        inner = self.alternation(folded)
        self._close()
        if kind == "ahead":  # a positive lookaround: nothing consumed, its text needed
            return _Part(frozenset({""}), False, _needs_of(inner))
        if kind == "not":
            return _NOTHING
        return inner

    def flags(self, folded: bool) -> _Part:
        """`(?i)`, `(?i:...)`, `(?-i:...)` and the other harmless flags."""
        source = self.source
        end = self.at + 1
        while end < len(source) and source[end] in _SCOPED_FLAGS:
            end += 1
        letters = source[self.at + 1:end]
        if end >= len(source) or source[end] not in ":)" or not letters:
            raise _Unreadable("an unknown group or flag")
        on, _, off = letters.partition("-")
        start, self.at = self.at - 1, end + 1
        if source[end] == ")":
            # `(?i)` first in the pattern is in the compiled pattern's flags. Anywhere else, `regex`
            # applies it from there to the end of its group, which this reader does not follow.
            if "i" in letters and start != 0:
                raise _Unreadable("a case flag inside the pattern")
            return self._not_repeated()
        inner = self.alternation(True if "i" in on else False if "i" in off else folded)
        self._close()
        return inner

    def _not_repeated(self) -> _Part:
        """A comment or a flag group matches nothing, and a repeat after it repeats what came
        before it (`ab(?#c)?` makes `b` optional), which this reader does not follow."""
        if self._peek() in ("*", "+", "?", "{"):
            raise _Unreadable("a repeat after a comment or flags")
        return _NOTHING

    def _close(self) -> None:
        if self._peek() != ")":
            raise _Unreadable("an unclosed group")
        self.at += 1


def _from_hex(digits: str) -> str:
    try:
        return chr(int(digits, 16))
    except (ValueError, OverflowError):
        raise _Unreadable("a bad hexadecimal escape") from None


def _literal(c: str, folded: bool) -> _Part:
    """One character, matched as written or, case-insensitively, through `fold`."""
    if not folded:
        return _Part(frozenset({c}), False, None)
    if c.isascii() or c in _CASELESS:
        return _Part(frozenset({fold(c)}), True, None)
    return _ANY  # a case-insensitive letter beyond ASCII: its matches are not proved here
