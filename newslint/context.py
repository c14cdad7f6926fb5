"""Per-document state the checks share: the story's date, its words, the regex time limit."""

from __future__ import annotations

from functools import cached_property

from newslint.document import Document
from newslint.lexicon import words_in
from newslint.storydate import StoryDate, resolve


class Context:
    def __init__(self, doc: Document, date_option: StoryDate | None = None, timeout: float | None = 2.0,
                 date_source: str = "auto"):
        self.doc = doc
        self.date_option = date_option
        self.date_source = date_source
        self.timeout = timeout
        self._words: dict[tuple[int, int], list[tuple[int, int, str]]] = {}

    @cached_property
    def story_date(self) -> StoryDate:
        return resolve(self.doc, self.date_option, self.date_source)

    def words(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The words of text[start:end], computed once per span for all rules."""
        key = (start, end)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = words_in(self.doc.text, start, end)
        return found

    def last_line_start(self) -> int:
        """Where a missing trailer line is reported: the start of the last non-blank line."""
        blocks = self.doc.anatomy.blocks
        return blocks[-1].start if blocks else self.doc.body_start
