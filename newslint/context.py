"""Per-document state the checks share: the story's date, its words, the regex time limit.

The time limit is a deadline for the whole rule on this file, not for each regex call: a rule
that calls its pattern once per line would otherwise get the limit once per line. `timeout` is
what is left of it, for `regex` calls (`pattern.search(..., timeout=ctx.timeout)`); once it has
run out, reading `timeout` raises `TimeoutError`, which the engine reports as NL003.
"""

from __future__ import annotations

import time
from functools import cached_property

from newslint.document import Document
from newslint.lexicon import DocumentWords, Words
from newslint.storydate import StoryDate, resolve


# The `regex` module times out at once when given a time-out past about 1e12 s (`--timeout inf`):
# no run lasts a day, so longer limits are passed to it as a day.
_LONGEST = 86_400.0


class Context:
    def __init__(self, doc: Document, date_option: StoryDate | None = None, timeout: float | None = 2.0,
                 date_source: str = "auto"):
        self.doc = doc
        self.date_option = date_option
        self.date_source = date_source
        self.limit = timeout
        self._deadline: float | None = None
        self._words: dict[tuple[int, int], Words] = {}

    @cached_property
    def story_date(self) -> StoryDate:
        return resolve(self.doc, self.date_option, self.date_source)

    def begin_rule(self) -> None:
        """Start the clock for the next rule, after the story's regions are known: working them out
        is shared by every rule, and must not be charged to whichever rule comes first."""
        self.doc.anatomy  # noqa: B018 - computed once, cached on the document
        self._deadline = None if self.limit is None else time.monotonic() + self.limit

    @property
    def timeout(self) -> float | None:
        """Seconds left for the current rule; raises TimeoutError when none are left."""
        if self._deadline is None:
            return None if self.limit is None else min(self.limit, _LONGEST)
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the rule's time on this file ran out")
        return min(left, _LONGEST)

    @cached_property
    def all_words(self) -> DocumentWords:
        """The document's words, tokenised once for every rule and span."""
        return DocumentWords(self.doc.text)

    def words(self, start: int, end: int) -> Words:
        """The words of text[start:end], computed once per span for all rules.

        Splitting is shared work, so its time is not charged to the rule that happens to ask first."""
        key = (start, end)
        found = self._words.get(key)
        if found is None:
            began = time.monotonic()
            found = self._words[key] = self.all_words.span(start, end)
            if self._deadline is not None:
                self._deadline += time.monotonic() - began
        return found

    def last_line_start(self) -> int:
        """Where a missing trailer line is reported: the start of the last non-blank line."""
        blocks = self.doc.anatomy.blocks
        return blocks[-1].start if blocks else self.doc.body_start
