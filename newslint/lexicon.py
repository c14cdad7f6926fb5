"""Word-level lookup of phrases (names, fixed forms) in text.

Why not one big regex alternation: its compile time and, for a flat alternation, its scan time
grow with the dictionary. Here the text is split into words once and each word start costs a
set look-up plus at most `longest phrase` dict look-ups, whatever the dictionary's size.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache
from itertools import accumulate
from typing import Any, Generic, NamedTuple, TypeVar

from newslint.patterns import lazy

T = TypeVar("T")
_TOKEN = r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*"
TOKEN = lazy(_TOKEN)
_SPACE = lazy(r"\s+")
_SPLIT = lazy(f"({_TOKEN})")  # TOKEN captured: split() gives gap, word, gap, word ... gap
# The same split for copy whose characters all lie in U+0000-U+00FF (Latin-1) and U+2000-U+206F
# (punctuation: curly quotes, dashes), that is nearly all Indonesian and English copy. There
# \p{L}, \p{M} and \p{N} are the explicit classes below (tests/test_fast_paths.py compares them
# character by character), and the standard `re` engine splits about 1.7 times faster than `regex`.
# (Latin Extended letters would make `re` take 0.4 ms instead of 0.15 ms to compile these.)
_BEYOND_LATIN = r"[^\x00-\xff\u2000-\u206f]"
_LATIN_LETTER = "A-Za-zªµºÀ-ÖØ-öø-ÿ"
_SPLIT_LATIN = f"([0-9²³¹¼½¾{_LATIN_LETTER}]+(?:['’][{_LATIN_LETTER}]+)*)"


@cache
def _latin_split() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(_BEYOND_LATIN, _SPLIT_LATIN) compiled at first use, not at import (start-up matters)."""
    return re.compile(_BEYOND_LATIN), re.compile(_SPLIT_LATIN)


def _splitter(text: str) -> Any:
    """The captured token pattern that splits `text`: `re`'s for Latin-script copy, else `regex`'s."""
    beyond_latin, split_latin = _latin_split()
    return _SPLIT if beyond_latin.search(text) else split_latin


def word_set(text: str) -> set[str]:
    """The distinct words of `text`, split exactly as `DocumentWords` splits them, without their
    places: what a screen needs to rule a story out (`Context.text_words`), at a third of the cost
    of the word lists (no offsets, one C-level `findall`)."""
    return set(_splitter(text).findall(text))


def tokens_of(phrase: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(phrase))


def shape(text: str) -> str:
    """The phrase with runs of white space made one space and outer punctuation dropped."""
    words = TOKEN.findall(text)
    if not words:
        return ""
    first = text.find(words[0])
    last = text.rfind(words[-1]) + len(words[-1])
    return _SPACE.sub(" ", text[first:last])


class Hit(NamedTuple, Generic[T]):
    start: int
    end: int
    value: T


class PhraseIndex(Generic[T]):
    """Maps phrases to values and finds them, on word boundaries, in spans of a text."""

    def __init__(self, ignorecase: bool = False):
        self.ignorecase = ignorecase
        self._phrases: dict[tuple[str, ...], dict[str, T]] = {}  # words -> {shape: value}
        self._first: set[str] = set()
        self._lengths: set[int] = set()
        self._anchors: dict[str, list[tuple[str, ...]]] | None = None  # see `may_occur`
        self._anchor_words: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self._phrases)

    def _fold(self, word: str) -> str:
        return word.casefold() if self.ignorecase else word

    def add(self, phrase: str, value: T) -> bool:
        """Add a phrase; False when it has no words or is already there.

        Phrases with the same words but other punctuation (`Bangsa-Bangsa`, `Bangsa Bangsa`) are
        distinct entries."""
        words = tuple(self._fold(w) for w in tokens_of(phrase))
        if not words:
            return False
        shapes = self._phrases.setdefault(words, {})
        written = self._fold(shape(phrase))
        if written in shapes:
            return False
        shapes[written] = value
        self._first.add(words[0])
        self._lengths.add(len(words))
        self._anchors = None
        return True

    def may_occur(self, words: set[str]) -> bool:
        """Could a phrase stand in a text whose words (casefolded, for an index that ignores case)
        are `words`? Only if all of its words are among them. Each phrase is looked for through
        its anchor, the word of it that the fewest phrases share: `Fitri uSsanto` through
        `uSsanto`, not `Fitri`, which begins many names. So a story costs one set operation and
        one check per phrase whose anchor it holds."""
        return any(True for _ in self.candidates(words))

    def candidates(self, words: set[str]) -> Iterator[T]:
        """The values of the phrases that `may_occur` in a text whose words are `words`."""
        if self._anchors is None:
            self._anchor()
        found = self._anchor_words.intersection(words) if len(words) > len(self._anchor_words) else \
            words.intersection(self._anchor_words)
        for word in found:
            for phrase in self._anchors[word]:
                if words.issuperset(phrase):
                    yield from self._phrases[phrase].values()

    def __getstate__(self) -> dict[str, object]:
        """Pickled (pack cache, workers) with its anchors chosen: no process chooses them again,
        which for a dictionary of thousands of names costs milliseconds a run would notice."""
        if self._anchors is None:
            self._anchor()
        return self.__dict__

    def _anchor(self) -> None:
        """Choose each phrase's anchor (see `may_occur`); ties go to the longer word, then the earlier."""
        shared: dict[str, int] = {}
        for phrase in self._phrases:
            for word in set(phrase):
                shared[word] = shared.get(word, 0) + 1
        anchors: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self._phrases:
            anchor = min(phrase, key=lambda word: (shared[word], -len(word)))
            anchors.setdefault(anchor, []).append(phrase)
        # `_anchors` last: another thread that finds it set must find `_anchor_words` set too.
        self._anchor_words = frozenset(anchors)
        self._anchors = anchors

    def get(self, phrase: str) -> T | None:
        shapes = self._phrases.get(tuple(self._fold(w) for w in tokens_of(phrase)), {})
        return shapes.get(self._fold(shape(phrase)))

    def find(self, text: str, words: list[tuple[int, int, str]]) -> Iterator[Hit[T]]:
        """Phrases among `words` (start, end, word) of `text`, left to right, longest first."""
        texts = getattr(words, "texts", None)
        if texts is None:
            texts = [w[2] for w in words]
        if self.ignorecase:
            texts = words.folded() if isinstance(words, Words) else [t.casefold() for t in texts]
        first = self._first
        if first.isdisjoint(texts):  # the common case: no phrase can start in this span
            return
        lengths = sorted(self._lengths, reverse=True)
        count = len(texts)
        after = 0  # phrases do not overlap: the next one starts after the last hit
        for i in [k for k, word in enumerate(texts) if word in first]:
            if i < after:
                continue
            for length in lengths:
                if i + length > count:
                    continue
                key = tuple(texts[i:i + length])
                shapes = self._phrases.get(key)
                if shapes is None:
                    continue
                start, end = words[i][0], words[i + length - 1][1]
                value = shapes.get(self._fold(_SPACE.sub(" ", text[start:end])) if length > 1 else key[0])
                if value is None:
                    continue  # same words, different punctuation between them
                yield Hit(start, end, value)
                after = i + length
                break


class Words:
    """The words of one span: parallel lists of their starts, ends and texts, and, built only when
    asked for, the same as (start, end, word) tuples (indexing, iterating, `items`).

    Why lazily: most spans hold no phrase of any index, which `texts` alone shows with one set
    operation; building a tuple per word of every span cost more than all those tests."""

    __slots__ = ("_folded", "_items", "ends", "starts", "texts")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]):
        self.starts, self.ends, self.texts = starts, ends, texts
        self._items: list[tuple[int, int, str]] | None = None
        self._folded: list[str] | None = None

    @classmethod
    def of(cls, items: list[tuple[int, int, str]]) -> Words:
        words = cls([w[0] for w in items], [w[1] for w in items], [w[2] for w in items])
        words._items = items
        return words

    @property
    def items(self) -> list[tuple[int, int, str]]:
        if self._items is None:
            self._items = list(zip(self.starts, self.ends, self.texts))
        return self._items

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]  # an int or a slice, as for a list
        return self.items[index]

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        return iter(self.items)

    def folded(self) -> list[str]:
        if self._folded is None:
            self._folded = [t.casefold() for t in self.texts]
        return self._folded


class DocumentWords:
    """Every word of a text, found once; the words of a span are a slice of them.

    A span that cuts through a word (rare: spans are mostly whole lines) is tokenised on its own,
    exactly as `words_in` would, so the result never depends on this shortcut.

    One `split` on the captured token pattern gives gaps and words in turn; their offsets are the
    running sum of their lengths. Both steps run in C: a Python loop over match objects cost
    more than the rest of the tokenising. Latin-script copy is split by `re` (see `_SPLIT_LATIN`)."""

    def __init__(self, text: str):
        self.text = text
        parts = _splitter(text).split(text)
        offsets = list(accumulate(map(len, parts), initial=0))
        self.texts: list[str] = parts[1::2]
        self.starts: list[int] = offsets[1:-1:2]
        self.ends: list[int] = offsets[2::2]

    def bounds(self, start: int, end: int) -> tuple[int, int] | None:
        """(i, j): the words of text[start:end] are words i..j-1; None when the span cuts a word."""
        i = bisect_left(self.starts, start)
        j = bisect_right(self.ends, end, i)
        if (i > 0 and self.ends[i - 1] > start) or (j < len(self.starts) and self.starts[j] < end):
            return None
        return i, j

    def span(self, start: int, end: int) -> Words:
        found = self.bounds(start, end)
        if found is None:
            return Words.of(words_in(self.text, start, end))
        i, j = found
        return Words(self.starts[i:j], self.ends[i:j], self.texts[i:j])


def words_in(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)]
