"""Lint many stories fast: reuse cached results, fan the rest out to worker processes.

The files are streamed: discovery, reading and linting overlap, and only a bounded window of
story texts is in flight at any time, so memory does not grow with the number of stories (the
violations themselves are kept: the report is sorted). A run with few stories to lint stays in
this process: a worker pool costs more to start than it saves. Workers receive the compiled
rules once, when they start; results come back in the order the files were found, so the output
is the same, byte for byte, as a serial run's.
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from newslint.engine import RunOptions, lint_bytes, unreadable
from newslint.files import STDIN, discover

if TYPE_CHECKING:
    from newslint.cache import ResultCache
    from newslint.packs.loader import Rule
    from newslint.violation import Violation

SERIAL_LIMIT = 48  # fewer stories than this to lint: no worker pool
CHUNK = 16  # stories sent to a worker at a time
WINDOW_CHUNKS = 4  # chunks in flight per worker: bounds the story texts held in memory


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Progress:
    """`newslint: 1234 checked` on standard error, refreshed in place, only when standard
    error is a terminal and the run has lasted a second; erased at the end."""

    def __init__(self, stream: TextIO | None = None, after: float = 1.0, every: float = 0.2):
        self.stream = stream if stream is not None else sys.stderr
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False
        self.every = every
        self.count = 0
        self.next = time.monotonic() + after
        self.shown = False

    def tick(self) -> None:
        self.count += 1
        if self.enabled and time.monotonic() >= self.next:
            self.stream.write(f"\rnewslint: {self.count} checked")
            self.stream.flush()
            self.shown = True
            self.next = time.monotonic() + self.every

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


# --- worker side ---------------------------------------------------------------------------

_RULES: list[Rule] = []
_OPTIONS = RunOptions()


def _start_worker(rules: list[Rule], options: RunOptions) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    global _RULES, _OPTIONS
    _RULES, _OPTIONS = rules, options


def _lint_one(item: tuple[int, str, bytes]) -> tuple[int, list[Violation]]:
    index, name, data = item
    return index, lint_bytes(data, name, _RULES, _OPTIONS)


def _pool_context() -> Any:
    """`fork` where the platform has it (workers inherit the loaded modules: fast start)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else None)


# --- the run -------------------------------------------------------------------------------

def lint_paths(paths: list[str], rules: list[Rule], options: RunOptions, stdin_filename: str | None = None,
               jobs: int | None = None, results: ResultCache | None = None,
               progress: Progress | None = None) -> tuple[list[Violation], int]:
    """All violations in the files under `paths`, sorted by file and position; and the file count.

    Same result as `run.lint_targets` for any `jobs`; `results` (optional) supplies and keeps the
    violations of stories linted before under the same configuration."""
    from newslint.run import read_target

    jobs = jobs or default_jobs()
    progress = progress or Progress()
    found: dict[int, list[Violation]] = {}
    keys: dict[int, str] = {}
    count = itertools.count()

    def to_lint() -> Iterator[tuple[int, str, bytes]]:
        """Stories still to lint; unreadable files and cached results are settled on the way."""
        for target in discover(paths):
            index = next(count)
            name = (stdin_filename or STDIN) if target.path == STDIN else target.path
            if target.problem:
                found[index] = [unreadable(name, target.problem)]
                progress.tick()
                continue
            try:
                data = read_target(target.path)
            except OSError as exc:
                found[index] = [unreadable(name, f"cannot read: {exc.strerror or exc}")]
                progress.tick()
                continue
            if results is not None:
                key = results.story_key(data, name)
                cached = results.get(key, name)
                if cached is not None:
                    found[index] = cached
                    progress.tick()
                    continue
                keys[index] = key
            yield index, name, data

    def settle(index: int, violations: list[Violation]) -> None:
        found[index] = violations
        key = keys.pop(index, None)
        if results is not None and key is not None:
            results.put(key, violations)
        progress.tick()

    stories = to_lint()
    first = list(itertools.islice(stories, SERIAL_LIMIT))
    try:
        if jobs <= 1 or len(first) < SERIAL_LIMIT:
            for index, name, data in itertools.chain(first, stories):
                settle(index, lint_bytes(data, name, rules, options))
        else:
            _fan_out(itertools.chain(first, stories), rules, options, jobs, settle)
    finally:
        progress.done()
    violations = [v for index in sorted(found) for v in found[index]]
    violations.sort(key=lambda v: v.sort_key)
    return violations, next(count)


def _fan_out(stories: Iterator[tuple[int, str, bytes]], rules: list[Rule], options: RunOptions, jobs: int,
             settle: Any) -> None:
    """Lint `stories` in `jobs` worker processes, settling results in the order of `stories`."""
    window = threading.Semaphore(jobs * CHUNK * WINDOW_CHUNKS)

    def throttled() -> Iterator[tuple[int, str, bytes]]:
        for story in stories:  # runs in the pool's feeder thread; waits while the window is full
            window.acquire()
            yield story

    with _pool_context().Pool(jobs, initializer=_start_worker, initargs=(rules, options)) as pool:
        for index, violations in pool.imap(_lint_one, throttled(), chunksize=CHUNK):
            settle(index, violations)
            window.release()
