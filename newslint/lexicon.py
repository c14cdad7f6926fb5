"""Word-level lookup of phrases (names, fixed forms) in text.

Why not one big regex alternation: its compile time and, for a flat alternation, its scan time
grow with the dictionary. Here the text is split into words once and each word start costs a
set look-up plus at most `longest phrase` dict look-ups, whatever the dictionary's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import regex

T = TypeVar("T")
TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*")
_SPACE = regex.compile(r"\s+")


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


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
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
        return True

    def get(self, phrase: str) -> T | None:
        shapes = self._phrases.get(tuple(self._fold(w) for w in tokens_of(phrase)), {})
        return shapes.get(self._fold(shape(phrase)))

    def find(self, text: str, words: list[tuple[int, int, str]]) -> Iterator[Hit[T]]:
        """Phrases among `words` (start, end, word) of `text`, left to right, longest first."""
        lengths = sorted(self._lengths, reverse=True)
        count = len(words)
        i = 0
        while i < count:
            head = self._fold(words[i][2])
            if head not in self._first:
                i += 1
                continue
            for length in lengths:
                if i + length > count:
                    continue
                key = tuple(self._fold(w[2]) for w in words[i:i + length]) if length > 1 else (head,)
                shapes = self._phrases.get(key)
                if shapes is None:
                    continue
                start, end = words[i][0], words[i + length - 1][1]
                value = shapes.get(self._fold(_SPACE.sub(" ", text[start:end])) if length > 1 else key[0])
                if value is None:
                    continue  # same words, different punctuation between them
                yield Hit(start, end, value)
                i += length - 1
                break
            i += 1


def words_in(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)]
