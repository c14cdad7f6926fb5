"""Words one typing slip apart, found without comparing a word to a whole dictionary.

A slip is one deleted, inserted, replaced or swapped letter (`Guiseppe`/`Giuseppe`,
`Puttin`/`Putin`, `Artdijo`/`Artidjo`): an optimal-string-alignment distance of 1.

Why a symmetric-delete index: two words are at most one slip apart only if they share a key
among {the word itself} + {the word with one letter deleted}. So the index stores those keys for
each dictionary word once (about `len + 1` keys a word), and a word of the copy costs `len + 1`
set look-ups, then an exact distance check on the few candidates: the cost per word does not grow
with the dictionary.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import compress
from operator import itemgetter


def delete_keys(word: str) -> tuple[str, ...]:
    """The word and every form of it with one letter deleted, each once, in a fixed order (a set's
    order changes with the hash seed, and so would the order in which `near` finds words).

    Remembered per word for the life of the process: the consistency check builds an index of
    each story's words, and the same words (names, places, titles) come back story after story."""
    keys = _KEYS.get(word)
    if keys is None:
        keys = tuple(dict.fromkeys([word] + [word[:i] + word[i + 1:] for i in range(len(word))]))
        if len(_KEYS) >= _KEYS_LIMIT:  # many distinct words: start again
            _KEYS.clear()
        _KEYS[word] = keys
    return keys


_KEYS: dict[str, tuple[str, ...]] = {}
# Bounds of the per-process memories, so that a worker stays a few MB above its packs however
# many distinct words an archive holds (measured with tracemalloc on random words).
_KEYS_LIMIT = 5_000  # words whose delete keys are remembered: about 3 MB
_WORDS_LIMIT = 5_000  # words in a `SlipNeighbours` index, with their neighbours: about 1 MB
_TOKENS_LIMIT = 20_000  # tokens a `SlipNeighbours` remembers as never compared: about 1.5 MB
# Screens run outside a rule's time limit, so one story may bring them at most this many words
# never seen before; a story with more (hostile copy: megabytes of distinct words) is let through
# to the rule, which runs under its time limit. A long real story has a few thousand.
NEW_WORDS_LIMIT = 5_000


def one_slip(a: str, b: str) -> bool:
    """True when a and b differ by exactly one deletion, insertion, substitution or swap of
    neighbouring letters."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


def slip_kind(a: str, b: str) -> str:
    """`swap`, `insert` (lengths differ) or `replace`, for words where `one_slip(a, b)` holds."""
    if len(a) != len(b):
        return "insert"
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return "swap" if len(diff) == 2 else "replace"


class DeleteIndex:
    """Maps the delete keys of known words to those words.

    Most keys lead to one word, so a key's words are kept as that word alone, or as a tuple when
    there are several (in the order they were added): a names pack's index then takes half the
    time to unpickle from the pack cache that sets would, and `near` finds words in a fixed order."""

    def __init__(self, words: Iterable[str] = ()):
        self._keys: dict[str, str | tuple[str, ...]] = {}
        for word in words:
            self.add(word)

    def add(self, word: str) -> None:
        keys = self._keys
        for key in delete_keys(word):
            found = keys.get(key)
            if found is None:
                keys[key] = word
            elif isinstance(found, str):
                if found != word:
                    keys[key] = (found, word)
            elif word not in found:
                keys[key] = (*found, word)

    def __len__(self) -> int:
        return len(self._keys)

    def has(self, word: str) -> bool:
        """Was `word` added? (Its first key is the word itself.)"""
        found = self._keys.get(word)
        return found == word if isinstance(found, str) else found is not None and word in found

    def near(self, word: str) -> Iterator[str]:
        """Known words exactly one slip from `word` (never `word` itself).

        Most words of a story share no key with the index: one C-level test over their keys says
        so before any Python loop runs over them."""
        keys = self._keys
        candidates = delete_keys(word)
        if keys.keys().isdisjoint(candidates):
            return
        seen: set[str] = set()
        for key in candidates:
            found = keys.get(key, ())
            for known in (found,) if isinstance(found, str) else found:
                if known not in seen:
                    seen.add(known)
                    if one_slip(word, known):
                        yield known


class SlipNeighbours:
    """A screen for "two words of one story a slip apart", for the consistency check.

    Every word met so far goes into a `DeleteIndex`, and its neighbours (words one slip from it,
    met before or after) are noted as they are found. A story holds such a pair only if one of
    its words has a noted neighbour among its words: usually one C-level set operation and a
    look at a few words, where comparing the story's words with each other would cost a Python
    loop over all of them.

    Words come from copy words (tokens) through `normalise`, which gives the word compared for a
    token, or None for a token that never is. A pair of two `exempt` words does not count. The
    memory is per process and bounded: it starts again past `_TOKENS_LIMIT` tokens or
    `_WORDS_LIMIT` compared words.

    Unlike a plain cache, the index and the neighbours must agree (a word met while another
    thread starts the memory again would lose its neighbours), so one thread at a time uses it:
    newslint may be called from several threads of one program."""

    def __init__(self, normalise: Callable[[str], str | None], exempt: frozenset[str] = frozenset()):
        self._normalise = normalise
        self._exempt = exempt
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self._never: set[str] = set()             # tokens that give no word
        self._word: dict[str, str] = {}           # token -> the word it gives
        self._index = DeleteIndex()               # every word met
        self._neighbours: dict[str, set[str]] = {}  # word -> the words one slip from it

    def may_pair(self, tokens: set[str]) -> bool:
        """Could two of the words that `tokens` give be one slip apart? False only when not."""
        with self._lock:
            return self._may_pair(tokens)

    def _may_pair(self, tokens: set[str]) -> bool:
        if len(self._never) > _TOKENS_LIMIT or len(self._word) > _WORDS_LIMIT:  # many distinct words
            self._clear()
        unseen = tokens - self._never
        if len(unseen) - len(self._word.keys() & unseen) > NEW_WORDS_LIMIT:
            return True  # too many new words to look at outside the rule's time limit
        words: set[str] = set()
        for token in unseen:
            word = self._word.get(token)
            if word is None:
                word = self._normalise(token)
                if word is None:
                    self._never.add(token)
                    continue
                self._word[token] = word
                self._meet(word)
            words.add(word)
        neighbours = self._neighbours
        return any(not neighbours[word].isdisjoint(words) for word in neighbours.keys() & words)

    def _meet(self, word: str) -> None:
        """Note the neighbours of a word seen for the first time (two tokens may give one word)."""
        if self._index.has(word):
            return
        for other in self._index.near(word):
            if word not in self._exempt or other not in self._exempt:
                self._neighbours.setdefault(word, set()).add(other)
                self._neighbours.setdefault(other, set()).add(word)
        self._index.add(word)


_POSSESSIVES = ("'s", "’s")  # both two characters long
_OPENING = set("\"“‘'([«")
_SENTENCE_END = set(".!?:")


def capitalised_runs(text: str, words: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str, bool]]]:
    """Sequences of capitalised words separated only by spaces (`Giuseppe Conte`,
    `Menteri Luar Negeri Retno Marsudi`), each word with a flag: does it open a sentence (so its
    capital may be grammar, not a name)? Words in capitals (`BMKG`, `MOSCOW`) end a run.
    `words` are consecutive (start, end, word) tokens of `text`."""
    return capitalised_runs_between(text, [w[0] for w in words], [w[1] for w in words], [w[2] for w in words],
                                    0, len(words))


def capitalised_runs_between(text: str, starts: list[int], ends: list[int], texts: list[str],
                             first: int, last: int) -> list[list[tuple[int, int, str, bool]]]:
    """`capitalised_runs` of words first..last-1 of the parallel lists (a span's words in a
    document's), with the same result, computed faster: which words are capitalised is worked out
    for all of them by C-level `map`s, so the Python loop only visits capitalised words. Two of
    them share a run when they are neighbours in the list with only spaces or tabs between them
    (a word between them that is not capitalised ends the run)."""
    runs: list[list[tuple[int, int, str, bool]]] = []
    current: list[tuple[int, int, str, bool]] = []
    window = texts[first:last]
    capital = compress(range(first, last), map(str.isupper, map(itemgetter(0), window)))
    previous = first - 2
    for i in capital:
        word = texts[i]
        if len(word) > 1 and word.isupper():  # `BMKG`: in capitals, ends a run like a lower-case word
            continue
        start = starts[i]
        if i == previous + 1 and not text[ends[previous]:start].strip(" \t"):
            current.append((start, ends[i], word, False))
        else:
            if current:
                runs.append(current)
            current = [(start, ends[i], word, _opens_sentence(text, start))]
        previous = i
    if current:
        runs.append(current)
    return runs


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    while i >= 0 and text[i] in _OPENING:
        i -= 1
        while i >= 0 and text[i] in " \t":
            i -= 1
    return i < 0 or text[i] in "\r\n" or text[i] in _SENTENCE_END or text[i] in "-–—"


def base_form(word: str) -> str:
    """`Kamua's` -> `Kamua`: the English possessive is not part of the name."""
    return word[:-2] if word.endswith(_POSSESSIVES) else word
