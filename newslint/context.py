"""Per-document state the checks share: the story's date, its words, the regex time limit.

The time limit is a deadline for the whole rule on this file, not for each regex call: a rule
that calls its pattern once per line would otherwise get the limit once per line. Two ways:

- on the main thread of a POSIX process, a timer signal (`setitimer`) raises `TimeoutError`
  when the rule's time is up; `regex` checks for signals while it matches, so even a
  catastrophic pattern is stopped. `timeout` is then `None`: no per-call limit, which matters
  because passing `timeout=` to `regex` costs more than a typical search on a paragraph.
  The timer is not set and cleared around every rule (two system calls per rule and story, more
  than some rules cost): it is set when a rule starts and no alarm is pending, and when the alarm
  goes off, the handler compares the clock with the current rule's own deadline: time up, it
  raises; otherwise it sets the timer again for the rest of that rule's time (or, between rules,
  lets it be). So every rule is still stopped at its own start + limit;
- elsewhere (threads, Windows), `timeout` is what is left of the deadline, for `regex` calls
  (`pattern.search(..., timeout=ctx.timeout)`); once it has run out, reading it raises
  `TimeoutError`.

Either way the engine reports a `TimeoutError` as NL003.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any, TypeVar

from newslint.anatomy import WHOLE_LINE_SCOPES
from newslint.document import Document
from newslint.lexicon import DocumentWords, PhraseIndex, Words, word_set, words_in
from newslint.literals import Needs, fold, needs, needs_any
from newslint.nearmiss import base_form, capitalised_runs, capitalised_runs_between
from newslint.storydate import StoryDate, resolve

# The `regex` module times out at once when given a time-out past about 1e12 s (`--timeout inf`):
# no run lasts a day, so longer limits are passed to it as a day.
_LONGEST = 86_400.0
T = TypeVar("T")


def _can_use_timer() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def rule_timer(ctx: Context) -> Iterator[None]:
    """While linting one document: route the timer signal to the context, then clear the timer
    and restore what was there."""
    if not ctx.use_timer:
        yield
        return
    previous = signal.signal(signal.SIGALRM, ctx._alarm)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        ctx._armed = False
        signal.signal(signal.SIGALRM, previous)


class Context:
    def __init__(self, doc: Document, date_option: StoryDate | None = None, timeout: float | None = 2.0,
                 date_source: str = "auto"):
        self.doc = doc
        self.date_option = date_option
        self.date_source = date_source
        self.limit = timeout
        self.use_timer = timeout is not None and _can_use_timer()
        self._deadline: float | None = None  # when the current rule's time is up (monotonic clock)
        self._armed = False  # the timer signal is pending (timer mode)
        self._paused_at: float | None = None  # shared work going on since then: no rule's time
        self._words: dict[tuple[int, int], Words] = {}
        self._scope_runs: dict[str, list[list[list[tuple[int, int, str, bool]]]]] = {}
        self._scope_names: dict[str, list[list[list[str]]]] = {}
        self._literals: dict[tuple[str, bool], bool] = {}  # (literal, folded) -> in the text?
        self._may_match: dict[Any, bool] = {}  # pattern -> what `may_match` said

    @cached_property
    def story_date(self) -> StoryDate:
        return resolve(self.doc, self.date_option, self.date_source)

    def begin_rule(self) -> None:
        """Start the clock for the next rule, after the story's regions are known: working them out
        is shared by every rule, and must not be charged to whichever rule comes first."""
        self.doc.anatomy  # noqa: B018 - computed once, cached on the document
        self._deadline = None if self.limit is None else time.monotonic() + self.limit
        if self.use_timer and not self._armed:  # a pending alarm goes off sooner and sets the rest
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, min(self.limit, _LONGEST))

    def end_rule(self) -> None:
        if self.use_timer:
            self._deadline = None  # an alarm from now on finds no rule to stop

    def _alarm(self, signum: int, frame: object) -> None:
        """The timer went off (timer mode): stop the current rule if its time is up, else set the
        timer for the rest of its time."""
        self._armed = False
        deadline = self._deadline
        if deadline is None:
            return  # between rules: the next rule sets the timer
        if self._paused_at is not None:  # shared work: its time is added to the deadline afterwards
            left = max(deadline - self._paused_at, 0.001)
        else:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the rule's time on this file ran out")
        self._armed = True
        signal.setitimer(signal.ITIMER_REAL, min(left, _LONGEST))

    @property
    def timeout(self) -> float | None:
        """Seconds left for the current rule; raises TimeoutError when none are left.
        `None` while the timer signal keeps the time (see the module's docstring)."""
        if self.use_timer:
            return None
        if self._deadline is None:
            return None if self.limit is None else min(self.limit, _LONGEST)
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the rule's time on this file ran out")
        return min(left, _LONGEST)

    @cached_property
    def text_words(self) -> set[str]:
        """The distinct words of the whole text (front matter included), for screens: a superset of
        the words of every scope whose spans are whole lines (`WHOLE_LINE_SCOPES`)."""
        return word_set(self.doc.text)

    @cached_property
    def folded_words(self) -> set[str]:
        """`text_words` casefolded, for screens of rules that ignore case."""
        return set(map(str.casefold, self.text_words))

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
            found = self._words[key] = self._shared(lambda: self.all_words.span(start, end))
        return found

    def _shared(self, work: Callable[[], T]) -> T:
        """work() with the current rule's clock stopped: shared work is no rule's time."""
        if self._paused_at is not None:
            return work()
        began = self._paused_at = time.monotonic()
        try:
            return work()
        finally:
            if self._deadline is not None:
                self._deadline += time.monotonic() - began
            self._paused_at = None

    @cached_property
    def folded_text(self) -> str:
        """The text folded as `literals.fold` folds, for the case-insensitive literals of screens."""
        return fold(self.doc.text)

    def may_match(self, pattern: Any) -> bool:
        """A screen: False when the text lacks every literal the pattern needs (`literals.needs`);
        True when it holds one, or when the pattern needs none that can be read off it.
        Each literal is looked for once per document, whichever patterns and rules need it."""
        known = self._may_match.get(pattern)
        if known is None:
            known = self._may_match[pattern] = self._holds_a_need(pattern)
        return known

    def may_match_any(self, patterns: tuple[Any, ...]) -> bool:
        """`may_match` for several patterns at once (a rule's swaps or steps): False when the text
        lacks every literal that any of them needs. The union of their literals is worked out once
        per process (`literals.needs_any`), so a rule of eighteen patterns costs one loop over the
        literals they share, not eighteen screens."""
        return self._holds(needs_any(patterns))

    def _holds_a_need(self, pattern: Any) -> bool:
        return self._holds(needs(pattern.pattern, pattern.flags))

    def _holds(self, found: Needs | None) -> bool:
        """Is one of `found` in the text (None: nothing is known, so yes)? Each literal is looked
        for once per document."""
        if found is None:
            return True
        seen = self._literals
        for literal in found:
            there = seen.get(literal)
            if there is None:
                text, folded = literal
                there = seen[literal] = text in (self.folded_text if folded else self.doc.text)
            if there:
                return True
        return False

    def may_hold(self, index: PhraseIndex, scope: str) -> bool:
        """A screen (`newslint.checks`): False when no phrase of `index` can stand in `scope`,
        because no phrase has all its words among the words of the whole text
        (`PhraseIndex.may_occur`). Only for scopes of whole lines, whose words are all words of
        the text; for others, True (look)."""
        if scope not in WHOLE_LINE_SCOPES:
            return True
        return index.may_occur(self.folded_words if index.ignorecase else self.text_words)

    def scope_runs(self, scope: str) -> list[list[list[tuple[int, int, str, bool]]]]:
        """`capitalised_runs` of each span of `scope`, in the order of `Anatomy.spans(scope)`,
        worked out once per scope (one clock stop for all spans, not one per span)."""
        found = self._scope_runs.get(scope)
        if found is None:
            spans = self.doc.anatomy.spans(scope)
            found = self._scope_runs[scope] = self._shared(lambda: [self.runs_between(s, e) for s, e in spans])
        return found

    def scope_names(self, scope: str) -> list[list[list[str]]]:
        """The words of `scope_runs(scope)` without an English possessive (`Kamua's` -> `Kamua`),
        run for run: what the names and consistency rules compare, worked out once for both."""
        found = self._scope_names.get(scope)
        if found is None:
            runs = self.scope_runs(scope)
            found = self._scope_names[scope] = self._shared(
                lambda: [[[base_form(w[2]) for w in run] for run in span_runs] for span_runs in runs])
        return found

    def runs_between(self, start: int, end: int) -> list[list[tuple[int, int, str, bool]]]:
        """`nearmiss.capitalised_runs` of the words of text[start:end], from the document's word
        lists (not cached: `scope_runs` keeps what the rules use)."""
        words = self.all_words
        text = self.doc.text
        bounds = words.bounds(start, end)
        if bounds is None:  # the span cuts a word: its own words, the straightforward way
            return capitalised_runs(text, words_in(text, start, end))
        return capitalised_runs_between(text, words.starts, words.ends, words.texts, *bounds)

    def last_line_start(self) -> int:
        """Where a missing trailer line is reported: the start of the last non-blank line."""
        blocks = self.doc.anatomy.blocks
        return blocks[-1].start if blocks else self.doc.body_start
