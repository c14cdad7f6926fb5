"""Lint many stories fast: reuse cached results, fan the rest out to worker processes.

The files are streamed: discovery, reading and linting overlap, and only a bounded window of
story texts is in flight at any time (two batches per worker, each at most 64 stories or about
1 MiB), so memory does not grow with the number of stories (the violations themselves are kept:
the report is sorted). A run with few stories to lint stays in this process: worker processes
cost more to start than they save. Workers receive the compiled rules once, when they start;
results are put back in the order the files were found, so the output is the same, byte for
byte, as a serial run's.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from newslint.engine import RunOptions, lint_bytes, unreadable
from newslint.files import STDIN, discover

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from newslint.cache import ResultCache
    from newslint.packs.loader import Rule
    from newslint.settings import Plan
    from newslint.violation import Violation

SERIAL_LIMIT = 48  # fewer stories than this to lint: no worker processes ...
SERIAL_BYTES = 4 << 20  # ... unless they hold this much text (reading more to decide would fill memory)
BATCH = 64  # stories sent to a worker at a time: one message, and one result message, per batch
BATCH_BYTES = 1 << 20  # and no more than about 1 MiB of them (archives hold some very long files)


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
_PLAN: Plan | None = None
_MAIN_PROCESS: int | None = None

Batch = list[tuple[int, str, str, bytes]]  # (index, path, reported name, bytes read in the main process)
Work = Callable[[Batch], list[tuple[int, Any]]]  # a module-level function (or a partial of one)


def rules_for(path: str, name: str) -> tuple[list[Rule], RunOptions]:
    """In a worker: the rules and options of one story; with a plan (configuration), under the
    story's own settings, which the worker's copy of the plan has compiled already (or compiles once)."""
    return _PLAN.for_file(path, name) if _PLAN is not None else (_RULES, _OPTIONS)


def main_process_gone() -> bool:
    """In a worker: has the main process ended (killed, say)? Work that writes files checks this
    before each story, so that killing a run stops its writes."""
    return _MAIN_PROCESS is not None and os.getppid() != _MAIN_PROCESS


def _worker(conn: Connection, work: Work, rules: list[Rule], options: RunOptions, plan: Plan | None,
            main_process: int) -> None:
    """A worker process: do `work` on each batch that arrives on `conn` and send back its
    results, until an empty batch or the main process goes away. An exception (only `--debug`
    lets one out of the engine) is sent back for the main process to raise."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    global _RULES, _OPTIONS, _PLAN, _MAIN_PROCESS
    _RULES, _OPTIONS, _PLAN, _MAIN_PROCESS = rules, options, plan, main_process
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if not batch:
            return
        try:
            reply: tuple[bool, Any] = (True, work(batch))
        except BaseException as exc:  # noqa: BLE001 - handed to the main process, which raises it
            reply = (False, exc)
        try:
            try:
                conn.send(reply)
            except (OSError, EOFError):
                raise
            except Exception as exc:  # an exception that cannot be pickled: its text instead
                conn.send((False, RuntimeError(f"in a worker: {reply[1]!r} ({type(exc).__name__}: {exc})")))
        except (OSError, EOFError):
            return  # the main process has stopped the run, or is gone


def _lint_batch(batch: Batch) -> list[tuple[int, list[Violation]]]:
    """Lint a batch of stories, each under its own rules (`rules_for`)."""
    return [(index, lint_bytes(data, name, *rules_for(path, name))) for index, path, name, data in batch]


def process_context(plan: Plan | None) -> Any:
    """`fork` where the platform has it (workers inherit the loaded modules and the compiled
    rules); elsewhere the default, when what the workers need can be sent to them."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    if plan is not None:
        import pickle

        try:
            pickle.dumps(plan)
        except Exception:
            return None
    return multiprocessing.get_context()


# --- the run -------------------------------------------------------------------------------

def lint_paths(paths: list[str], rules: list[Rule], options: RunOptions, stdin_filename: str | None = None,
               jobs: int | None = None, results: ResultCache | None = None, progress: Progress | None = None,
               plan: Plan | None = None) -> tuple[list[Violation], int]:
    """All violations in the files under `paths`, sorted by file and position; and the file count.

    The same result for any `jobs` (with `jobs=1`, or fewer stories than `SERIAL_LIMIT`, no worker
    is started). With a `plan`, each file is linted under its own settings (configuration).
    `results` (optional) supplies and keeps the violations of stories linted before under the
    same configuration."""
    from newslint.files import DEFAULT_SUFFIXES
    from newslint.intake import DEFAULT_MAX_FILE_SIZE, InputProblem, cannot_read
    from newslint.run import read_target

    max_file_size = plan.request.max_file_size if plan is not None else DEFAULT_MAX_FILE_SIZE

    jobs = jobs or default_jobs()
    progress = progress or Progress()
    found: dict[int, list[Violation]] = {}
    keys: dict[int, tuple[str, str]] = {}
    configs: dict[tuple[int, RunOptions], str] = {}
    count = itertools.count()

    def config_of(path: str, file_rules: list[Rule], file_options: RunOptions) -> str:
        from newslint.cache import config_key

        memo = (id(file_rules), file_options)
        if memo not in configs:
            if plan is not None:
                fingerprint = getattr(plan.pack(plan.settings(path).packs), "fingerprint", None)
            else:
                fingerprint = getattr(results, "fingerprint", None)
            configs[memo] = config_key(fingerprint or "", file_rules, file_options) if fingerprint else ""
        return configs[memo]

    def to_lint() -> Iterator[tuple[int, str, str, bytes, list[Rule], RunOptions]]:
        """Stories still to lint; unreadable files and cached results are settled on the way."""
        file_rules, file_options = rules, options
        for target in discover(paths, ("",) if plan is not None else DEFAULT_SUFFIXES):
            name = (stdin_filename or STDIN) if target.path == STDIN else target.path
            path = name if target.path == STDIN else target.path
            if plan is not None:
                if target.path != STDIN and not plan.accepts(target.path, target.path in paths):
                    continue
                if not target.problem:
                    file_rules, file_options = plan.for_file(path, name)
            index = next(count)
            if target.problem:
                found[index] = [unreadable(name, target.problem)]
                progress.tick()
                continue
            try:
                data = read_target(target.path, max_file_size)
            except (InputProblem, OSError) as exc:
                found[index] = [unreadable(name, cannot_read(exc))]
                progress.tick()
                continue
            config = config_of(path, file_rules, file_options) if results is not None else ""
            if config:
                key = results.story_key(data, name)
                cached = results.get(config, key, name)
                if cached is not None:
                    found[index] = cached
                    progress.tick()
                    continue
                keys[index] = (config, key)
            yield index, path, name, data, file_rules, file_options

    def settle(index: int, violations: list[Violation]) -> None:
        found[index] = violations
        key = keys.pop(index, None)
        if results is not None and key is not None:
            results.put(key[0], key[1], violations)
        progress.tick()

    stories = to_lint()
    first, many = _take(stories, SERIAL_LIMIT, SERIAL_BYTES)  # read before choosing
    context = process_context(plan) if jobs > 1 and many else None
    try:
        if context is None:
            for index, _, name, data, file_rules, file_options in itertools.chain(first, stories):
                settle(index, lint_bytes(data, name, file_rules, file_options))
        else:
            items = ((index, path, name, data) for index, path, name, data, _, _ in itertools.chain(first, stories))
            fan_out(context, items, _lint_batch, rules, options, plan, jobs, settle)
    finally:
        progress.done()
    violations = [v for index in sorted(found) for v in found[index]]
    violations.sort(key=lambda v: v.sort_key)
    return violations, next(count)


T = TypeVar("T", bound=tuple)


def _take(items: Iterator[T], count: int, size: int) -> tuple[list[T], bool]:
    """The next items (stories, their bytes at index 3): up to `count` of them, or fewer once
    their bytes reach `size`. And whether either bound was reached (False: `items` ran out)."""
    taken: list[T] = []
    total = 0
    for item in items:
        taken.append(item)
        total += len(item[3])
        if len(taken) >= count or total >= size:
            return taken, True
    return taken, False


def fan_out(context: Any, items: Iterator[tuple[int, str, str, bytes]], work: Work, rules: list[Rule],
            options: RunOptions, plan: Plan | None, jobs: int, settle: Callable[[int, Any], None]) -> None:
    """Do `work` on `items` (stories) in `jobs` worker processes, and `settle` every result.

    Each worker has one batch of stories in hand, and the next one is read ahead for it in this
    process: when its results arrive, the next batch goes out before the results are unpacked,
    so a worker waits for little more than a pipe's round trip. This process is one thread
    doing nothing but read, send and receive: with `multiprocessing.Pool`'s three helper
    threads, one of which polls while results wait to be read, it took a third more CPU (0.57 s
    against 0.42 s on 10,000 stories), which on two cores the workers lose. With one batch per
    worker in flight no two processes can wait on each other: this process only sends to a
    worker that has just replied and is waiting to read. A worker that dies (out of memory, a
    signal) stops the run with an error instead of leaving it waiting, or reporting part of
    the stories as checked."""
    import pickle
    from multiprocessing.connection import wait

    def next_batch() -> Batch:
        return _take(items, BATCH, BATCH_BYTES)[0]

    workers: list[tuple[Any, Connection]] = []
    in_hand: dict[Connection, Batch] = {}
    ready: dict[Connection, Batch] = {}
    try:
        for _ in range(jobs):  # a worker for each first batch: no idle workers on a many-core machine
            batch = next_batch()
            if not batch:
                break
            ours, theirs = context.Pipe()
            process = context.Process(target=_worker, args=(theirs, work, rules, options, plan, os.getpid()),
                                      daemon=True)
            process.start()
            theirs.close()
            workers.append((process, ours))
            ours.send(batch)
            in_hand[ours] = batch
        for conn in in_hand:  # read ahead once every worker has work
            ready[conn] = next_batch()
        processes = {conn: process for process, conn in workers}
        while in_hand:
            for conn in wait(list(in_hand)):
                try:
                    message = conn.recv_bytes()
                except (EOFError, OSError):
                    raise _lost(processes[conn], in_hand[conn]) from None
                batch = ready.pop(conn, [])
                if batch:
                    conn.send(batch)
                    in_hand[conn] = batch
                else:
                    del in_hand[conn]
                ok, payload = pickle.loads(message)
                if not ok:
                    raise payload
                for index, result in payload:
                    settle(index, result)
                if batch:
                    ready[conn] = next_batch()
    finally:
        for _, conn in workers:
            try:
                conn.send([])  # the end: the worker returns
            except OSError:
                pass
            conn.close()
        for process, _ in workers:
            process.join(timeout=2)
            if process.is_alive():
                process.terminate()
                process.join()


def _lost(process: Any, batch: Batch) -> Exception:
    from newslint.errors import WorkerLost

    process.join(timeout=2)
    code = process.exitcode
    how = f"was killed by signal {-code}" if code is not None and code < 0 else f"ended with exit code {code}"
    return WorkerLost(f"a worker process {how} while checking {batch[0][2]} or one of the {len(batch) - 1} stories "
                      "after it (out of memory?); run again with -j 1 to use one process")
