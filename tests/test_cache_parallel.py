"""Caches and worker processes change speed only: every output equals that of a cold serial run.

Through the real CLI with a cache folder of the test's own (NEWSLINT_CACHE_DIR), plus properties
of the shortcuts the fast paths take (word slices, -j2 against -j1).
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE, pack, run_cli
from newslint import parallel
from newslint.context import Context
from newslint.document import Document
from newslint.engine import RunOptions, select_rules
from newslint.errors import WorkerLost
from newslint.lexicon import words_in

DESK = """\
name: desk
rules:
  - id: DK1
    kind: names
    severity: error
    dictionary: names.yaml
    message: 'Tulis "{expected}", bukan "{match}"'
"""
NAMES = """\
names:
  - canonical: Sergei Shoigu
    wrong: [Sergey Shoigu]
"""
STORY = ("Moskow (ANTARA) - Menteri Pertahanan Sergey Shoigu dan Menteri Luar Negeri Sergey Lavrov "
         "menerima delegasi Italia pada Sabtu (21/3).\n")


def desk(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A desk pack with a names dictionary beside it, one story, and a cache folder of its own."""
    (tmp_path / "desk.yaml").write_text(DESK, encoding="utf-8")
    (tmp_path / "names.yaml").write_text(NAMES, encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    return tmp_path / "desk.yaml", story, {"NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}


def lint(*args: str, env: dict[str, str]) -> tuple[int, str]:
    result = run_cli("lint", "--no-color", *args, env=env)
    assert result.stderr == b"", result.stderr
    return result.returncode, result.stdout.decode()


def shards(env: dict[str, str]) -> list[Path]:
    return sorted(Path(env["NEWSLINT_CACHE_DIR"]).glob("results/*/*.json"))


def test_second_run_reads_the_cache_and_equals_an_uncached_run(tmp_path):
    pack_file, story, env = desk(tmp_path)
    expected = (1, f'{story}:1:38: error DK1 Tulis "Sergei Shoigu", bukan "Sergey Shoigu"\n\n'
                   "Found 1 problem (1 error) in 1 of 1 file checked.\n")
    assert lint("--no-cache", "--pack", str(pack_file), str(story), env=env) == expected
    assert lint("--pack", str(pack_file), str(story), env=env) == expected  # cold: fills the cache
    assert lint("--pack", str(pack_file), str(story), env=env) == expected  # warm
    [shard] = shards(env)
    # Prove the warm run reads the entry: a message planted in it is what the next run prints.
    data = json.loads(shard.read_text(encoding="utf-8"))
    [(key, rows)] = data["entries"].items()
    rows[0][6] = "planted message"
    shard.write_text(json.dumps(data), encoding="utf-8")
    assert lint("--pack", str(pack_file), str(story), env=env)[1].splitlines()[0] == f"{story}:1:38: error DK1 planted message"


def plant(env: dict[str, str]) -> None:
    for shard in shards(env):
        data = json.loads(shard.read_text(encoding="utf-8"))
        for rows in data["entries"].values():
            for row in rows:
                row[6] = "planted message"
        shard.write_text(json.dumps(data), encoding="utf-8")


def test_a_changed_dictionary_file_invalidates_pack_and_results(tmp_path):
    pack_file, story, env = desk(tmp_path)
    lint("--pack", str(pack_file), str(story), env=env)
    plant(env)
    # The pack file itself is unchanged; the dictionary it names gains an entry.
    (tmp_path / "names.yaml").write_text(NAMES + "  - canonical: Sergei Lavrov\n    wrong: [Sergey Lavrov]\n",
                                         encoding="utf-8")
    code, out = lint("--pack", str(pack_file), str(story), env=env)
    assert out.splitlines()[:2] == [
        f'{story}:1:38: error DK1 Tulis "Sergei Shoigu", bukan "Sergey Shoigu"',
        f'{story}:1:76: error DK1 Tulis "Sergei Lavrov", bukan "Sergey Lavrov"',
    ]


def test_a_changed_story_invalidates_its_result(tmp_path):
    pack_file, story, env = desk(tmp_path)
    lint("--pack", str(pack_file), str(story), env=env)
    plant(env)
    story.write_text(STORY.replace("Sergey Shoigu", "Sergei Shoigu"), encoding="utf-8")
    assert lint("--pack", str(pack_file), str(story), env=env) == (0, "No problems found (1 file checked).\n")


@pytest.mark.parametrize("first, second", [("story.html", "story.txt"), ("story.txt", "story.htm"),
                                           ("story.md", "story.txt"), ("story.xhtml", "story.md")])
def test_how_the_name_says_a_story_is_read_is_part_of_the_key(tmp_path, first, second):
    """The same bytes are a different story as HTML (suppression comments count) and as plain text
    (they do not): a result cached for one name must not answer for the other."""
    text = "<!-- newslint-disable AN401 -->\nPresiden Vladimir Puttin berbicara dengan Guiseppe Conte.\n"
    env = {"NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
    for name in (first, second):
        (tmp_path / name).write_text(text, encoding="utf-8")
        cached = lint("--select", "AN401", str(tmp_path / name), env=env)
        assert cached == lint("--no-cache", "--select", "AN401", str(tmp_path / name), env=env)
    for name in (first, second):  # the comment is honoured in HTML and Markdown, mere text in .txt
        assert lint("--select", "AN401", str(tmp_path / name), env=env)[0] == (1 if name.endswith(".txt") else 0)


def test_selected_rules_and_date_are_part_of_the_key(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    env = {"NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
    assert lint("-q", "--select", "AN201", "--date", "2020", str(story), env=env) == (0, "")
    # 21/3 is a Saturday in 2020, a Sunday in 2021: a cached 2020 result must not answer for 2021.
    assert lint("-q", "--select", "AN201", "--date", "2021", str(story), env=env)[1] == (
        f'{story}:1:120: error AN201 "Sabtu (21/3)": 21 Maret 2021 jatuh pada hari Minggu, bukan Sabtu\n')
    assert lint("-q", "--select", "AN1", str(story), env=env)[1] == (
        f"{story}:1:1: error AN102 Baris \"Pewarta:\" tidak ada\n"
        f"{story}:1:1: error AN103 Baris \"Editor:\" tidak ada\n"
        f"{story}:1:1: error AN106 Baris hak cipta \"Copyright © ANTARA <tahun>\" tidak ada\n")


def test_damaged_cache_entries_are_ignored(tmp_path):
    pack_file, story, env = desk(tmp_path)
    expected = lint("--pack", str(pack_file), str(story), env=env)
    cache = Path(env["NEWSLINT_CACHE_DIR"])
    entries = [*cache.glob("packs/*.pickle"), *shards(env)]
    assert len(entries) == 2
    damaged = [b"", b"\x80\x05garbage", b'{"format": 1, "entries": {"', b'{"format": 1, "entries": [1]}']
    for content in damaged:
        for entry in entries:
            entry.write_bytes(content)
        assert lint("--pack", str(pack_file), str(story), env=env) == expected
    for shard in shards(env):  # valid JSON, wrong shape inside an entry
        data = json.loads(shard.read_text(encoding="utf-8"))
        for key in data["entries"]:
            data["entries"][key] = [[1, "x"]]
        shard.write_text(json.dumps(data), encoding="utf-8")
    assert lint("--pack", str(pack_file), str(story), env=env) == expected


class _Planted:
    def __init__(self, target: Path):
        self.target = target

    def __reduce__(self):
        import os

        return os.remove, (str(self.target),)


def test_a_fifo_in_the_cache_folder_is_a_miss_not_a_hang(tmp_path):
    """Opening a FIFO for reading waits for a writer: cache files are opened only if regular."""
    pack_file, story, env = desk(tmp_path)
    expected = lint("--no-cache", "--pack", str(pack_file), str(story), env=env)
    lint("--pack", str(pack_file), str(story), env=env)
    planted = [*shards(env), *Path(env["NEWSLINT_CACHE_DIR"]).glob("packs/*.pickle")]
    assert len(planted) == 2
    for file in planted:
        file.unlink()
        os.mkfifo(file)
    result = run_cli("lint", "--no-color", "--pack", str(pack_file), str(story), env=env)
    assert (result.returncode, result.stdout.decode()) == expected


def test_a_planted_pack_entry_cannot_run_code(tmp_path):
    pack_file, story, env = desk(tmp_path)
    expected = lint("--pack", str(pack_file), str(story), env=env)
    sentinel = tmp_path / "sentinel"
    sentinel.write_text("still here", encoding="utf-8")
    for entry in Path(env["NEWSLINT_CACHE_DIR"]).glob("packs/*.pickle"):
        entry.write_bytes(pickle.dumps({"format": 1, "deps": [], "fingerprint": "x", "pack": _Planted(sentinel)}))
    assert lint("--pack", str(pack_file), str(story), env=env) == expected
    assert sentinel.exists()


def test_no_cache_writes_nothing(tmp_path):
    pack_file, story, env = desk(tmp_path)
    lint("--no-cache", "--pack", str(pack_file), str(story), env=env)
    assert not Path(env["NEWSLINT_CACHE_DIR"]).exists()


def test_the_cache_folder_keeps_itself_out_of_git(tmp_path):
    pack_file, story, env = desk(tmp_path)
    lint("--pack", str(pack_file), str(story), env=env)
    cache = Path(env["NEWSLINT_CACHE_DIR"])
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")


def many_stories(folder: Path, count: int) -> Path:
    """`count` stories, each a little different (dates, names, dashes), more than SERIAL_LIMIT."""
    text = FIXTURE.read_text(encoding="utf-8")
    folder.mkdir()
    for i in range(count):
        variant = text.replace("Sabtu (21/3)", f"Sabtu ({1 + i % 28}/3)")
        if i % 3 == 0:
            variant = variant.replace("Giuseppe Conte", "Guiseppe Conte")
        if i % 5 == 0:
            variant = variant.replace("---", "—")
        (folder / f"story{i:03}.txt").write_text(variant, encoding="utf-8")
    return folder


def test_jobs_two_prints_what_jobs_one_prints(tmp_path):
    folder = many_stories(tmp_path / "stories", parallel.SERIAL_LIMIT + 30)
    env = {"NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
    serial = lint("--no-cache", "-j", "1", "--format", "json", str(folder), env=env)
    assert lint("--no-cache", "-j", "2", "--format", "json", str(folder), env=env) == serial
    assert lint("-j", "2", "--format", "json", str(folder), env=env) == serial  # cold cache, workers
    assert lint("-j", "2", "--format", "json", str(folder), env=env) == serial  # every story cached
    report = json.loads(serial[1])
    assert serial[0] == 1 and len({v["path"] for v in report["violations"]}) == parallel.SERIAL_LIMIT + 30


def test_two_runs_sharing_one_cache_folder(tmp_path):
    folder = many_stories(tmp_path / "stories", parallel.SERIAL_LIMIT + 10)
    env = {"NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
    expected = lint("--no-cache", "-j", "1", str(folder), env=env)
    command = [sys.executable, "-m", "newslint", "lint", "--no-color", "-j", "1", str(folder)]
    full_env = {**os.environ, **env}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env) for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert (run.returncode, out.decode(), err) == (*expected, b"")
    assert lint("-j", "1", str(folder), env=env) == expected
    assert not list(Path(env["NEWSLINT_CACHE_DIR"]).rglob("*.tmp"))


# --- properties of the fast paths ------------------------------------------------------------

WORDY = st.text(alphabet=st.sampled_from(list("ab Ü'’-\n\t.é") + ["\u0301", "1"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(WORDY, st.integers(0, 45), st.integers(0, 45))
def test_words_of_a_span_are_those_of_the_span_alone(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    ctx = Context(Document.from_text(text), None, None)
    assert list(ctx.words(start, end)) == words_in(ctx.doc.text, start, end)


STORY_LINES = FIXTURE.read_text(encoding="utf-8").splitlines() + [
    "Guiseppe Conte", "Sabtu (22/3)", "Pewarta:", "---", '"Kami siap membantu," katanya.', "Sumber: AFP"]
STORY_SETS = st.lists(st.lists(st.sampled_from(STORY_LINES), min_size=1, max_size=8).map("\n".join),
                      min_size=1, max_size=12)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(STORY_SETS)
def test_two_workers_give_the_serial_result(tmp_path_factory, monkeypatch, texts):
    folder = tmp_path_factory.mktemp("set")
    for i, text in enumerate(texts):
        (folder / f"s{i:02}.txt").write_text(text, encoding="utf-8")
    rules = select_rules(pack().rules)
    serial = parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=1)
    monkeypatch.setattr(parallel, "SERIAL_LIMIT", 1)  # a pool even for one story
    assert parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=2) == serial


def _kill_own_process(batch):
    os.kill(os.getpid(), signal.SIGKILL)


def _fail_in_worker(batch):
    raise ValueError(f"boom in {batch[0][2]}")


def test_a_worker_killed_mid_run_stops_the_run_with_an_error(tmp_path, monkeypatch):
    """Out of memory, the kernel kills a worker: the run must say so, not hang or report part."""
    folder = many_stories(tmp_path / "stories", 6)
    monkeypatch.setattr(parallel, "SERIAL_LIMIT", 1)
    monkeypatch.setattr(parallel, "_lint_batch", _kill_own_process)  # the forked workers inherit it
    with pytest.raises(WorkerLost, match=r"a worker process was killed by signal 9 while checking .*story00\d\.txt"):
        parallel.lint_paths([str(folder)], select_rules(pack().rules), RunOptions(), jobs=2)
    assert multiprocessing.active_children() == []  # the other worker was stopped too


def test_an_exception_in_a_worker_reaches_the_main_process(tmp_path, monkeypatch):
    """With --debug a check's exception escapes the engine: it is raised where the run is."""
    folder = many_stories(tmp_path / "stories", 6)
    monkeypatch.setattr(parallel, "SERIAL_LIMIT", 1)
    monkeypatch.setattr(parallel, "_lint_batch", _fail_in_worker)
    with pytest.raises(ValueError, match=r"boom in .*story000\.txt"):
        parallel.lint_paths([str(folder)], select_rules(pack().rules), RunOptions(), jobs=2)
    assert multiprocessing.active_children() == []


def test_workers_started_by_spawn_give_the_serial_result(tmp_path, monkeypatch):
    """Where there is no `fork` (macOS, Windows) workers start afresh and get everything pickled."""
    folder = many_stories(tmp_path / "stories", 8)
    rules = select_rules(pack().rules)
    serial = parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=1)
    monkeypatch.setattr(parallel, "SERIAL_LIMIT", 1)
    monkeypatch.setattr(parallel, "BATCH", 3)  # several batches per worker
    monkeypatch.setattr(parallel, "process_context", lambda plan: multiprocessing.get_context("spawn"))
    assert parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=2) == serial
    assert serial[1] == 8 and len(serial[0]) > 8


_LINT_BATCH = parallel._lint_batch


def _lint_batch_within_the_byte_bound(batch):
    """In the worker: a batch closes as soon as its stories reach BATCH_BYTES."""
    sizes = [len(data) for _, _, _, data in batch]
    if sum(sizes[:-1]) >= parallel.BATCH_BYTES:
        raise AssertionError(f"a batch of {sizes} bytes went on past {parallel.BATCH_BYTES}")
    return _LINT_BATCH(batch)


def test_batches_of_long_stories_are_bounded_in_bytes(tmp_path, monkeypatch):
    folder = many_stories(tmp_path / "stories", 12)
    (folder / "story005.txt").write_text(FIXTURE.read_text(encoding="utf-8") * 30, encoding="utf-8")  # a long one
    rules = select_rules(pack().rules)
    serial = parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=1)
    monkeypatch.setattr(parallel, "SERIAL_LIMIT", 1)
    monkeypatch.setattr(parallel, "BATCH_BYTES", 3 * len(FIXTURE.read_bytes()))  # about three stories
    monkeypatch.setattr(parallel, "_lint_batch", _lint_batch_within_the_byte_bound)
    assert parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=2) == serial


def test_a_few_very_long_stories_are_linted_by_workers_without_all_being_read_first(tmp_path, monkeypatch):
    folder = many_stories(tmp_path / "stories", 6)
    rules = select_rules(pack().rules)
    serial = parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=1)
    story = len(FIXTURE.read_bytes())
    monkeypatch.setattr(parallel, "SERIAL_BYTES", 2 * story)  # two stories' worth decides
    chosen = []
    monkeypatch.setattr(parallel, "process_context", lambda plan: chosen.append(plan) or multiprocessing.get_context("fork"))
    assert parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=2) == serial
    assert chosen == [None]  # workers, for six stories: fewer than SERIAL_LIMIT, but over SERIAL_BYTES
    monkeypatch.setattr(parallel, "SERIAL_BYTES", 100 * story)
    chosen.clear()
    assert parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=2) == serial
    assert chosen == []  # six short stories: one process


class _CountingContext:
    """The fork context, counting the worker processes started."""

    def __init__(self):
        self.fork = multiprocessing.get_context("fork")
        self.started = 0

    def Pipe(self):  # noqa: N802 - multiprocessing's name
        return self.fork.Pipe()

    def Process(self, **kwargs):  # noqa: N802
        self.started += 1
        return self.fork.Process(**kwargs)


def test_no_more_workers_start_than_there_are_batches(tmp_path, monkeypatch):
    """-j 8 on a big machine with three batches of stories: three workers, not eight."""
    folder = many_stories(tmp_path / "stories", 6)
    rules = select_rules(pack().rules)
    serial = parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=1)
    context = _CountingContext()
    monkeypatch.setattr(parallel, "SERIAL_LIMIT", 1)
    monkeypatch.setattr(parallel, "BATCH", 2)
    monkeypatch.setattr(parallel, "process_context", lambda plan: context)
    assert parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=8) == serial
    assert context.started == 3
    context.started = 0
    assert parallel.lint_paths([str(folder)], rules, RunOptions(), jobs=2) == serial
    assert context.started == 2


def test_a_killed_worker_is_a_clear_error_at_the_command_line(tmp_path):
    folder = many_stories(tmp_path / "stories", parallel.SERIAL_LIMIT + 2)
    script = ("import os, signal, sys\n"
              "from newslint import parallel\n"
              "parallel._lint_batch = lambda batch: os.kill(os.getpid(), signal.SIGKILL)\n"
              "from newslint.cli import main\n"
              "sys.argv = ['newslint', 'lint', '--no-cache', '-j', '2', sys.argv[1]]\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("newslint: error: a worker process was killed by signal 9 while checking ")
    assert done.stderr.rstrip().endswith("run again with -j 1 to use one process")


def _fix_run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("lint", "--no-color", *args, folder.name, cwd=folder.parent)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def test_fix_with_workers_writes_and_reports_what_one_process_does(tmp_path):
    """--fix on an archive: the same files written, the same report, the same count."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    serial = many_stories(tmp_path / "one" / "stories", parallel.SERIAL_LIMIT + 20)
    workers = many_stories(tmp_path / "two" / "stories", parallel.SERIAL_LIMIT + 20)
    before = {p.name: p.read_bytes() for p in serial.iterdir()}
    expected = _fix_run(serial, "--fix", "-j", "1")
    assert _fix_run(workers, "--fix", "-j", "2") == expected
    assert {p.name: p.read_bytes() for p in workers.iterdir()} == {p.name: p.read_bytes() for p in serial.iterdir()}
    changed = [name for name, data in before.items() if (serial / name).read_bytes() != data]
    assert len(changed) == 59 and expected[1].endswith("Applied 100 fixes to 59 files.\n")


def test_diff_with_workers_prints_what_one_process_prints(tmp_path):
    folder = many_stories(tmp_path / "stories", parallel.SERIAL_LIMIT + 20)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    expected = _fix_run(folder, "--diff", "-j", "1")
    assert _fix_run(folder, "--diff", "-j", "2") == expected
    assert expected[0] == 1 and expected[1].count("+++ stories/") == 59
    assert expected[2] == "Would apply 100 fixes to 59 files.\n"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # --diff writes nothing


def test_a_fixing_worker_whose_main_process_is_gone_writes_nothing_more(tmp_path, monkeypatch):
    from newslint import fixes

    folder = many_stories(tmp_path / "stories", 4)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    batch = [(i, str(path), str(path), b"") for i, path in enumerate(sorted(folder.iterdir()))]
    monkeypatch.setattr(parallel, "_RULES", select_rules(pack().rules))
    monkeypatch.setattr(parallel, "_MAIN_PROCESS", os.getppid() + 1)  # not this process's parent: gone
    assert fixes._fix_batch(batch, limit=None, write=True) == []
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    monkeypatch.setattr(parallel, "_MAIN_PROCESS", os.getppid())  # still there: the batch is fixed
    assert [index for index, _ in fixes._fix_batch(batch, limit=None, write=True)] == [0, 1, 2, 3]
    assert (folder / "story000.txt").read_bytes() != before["story000.txt"]


def test_a_document_is_pickled_without_its_anatomy():
    doc = Document.from_text(FIXTURE.read_text(encoding="utf-8"), "rusia.txt")
    assert doc.anatomy.blocks and doc.newline == "\n"
    copy = pickle.loads(pickle.dumps(doc))
    assert "anatomy" not in copy.__dict__ and copy.text == doc.text and copy.line_starts == doc.line_starts
    assert copy.anatomy.blocks == doc.anatomy.blocks  # worked out again when asked for


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal():
    quiet = io.StringIO()
    progress = parallel.Progress(quiet, after=0, every=0)
    for _ in range(3):
        progress.tick()
    progress.done()
    assert quiet.getvalue() == ""
    terminal = _Terminal()
    progress = parallel.Progress(terminal, after=0, every=0)
    for _ in range(2):
        progress.tick()
    progress.done()
    assert terminal.getvalue() == "\rnewslint: 1 checked\rnewslint: 2 checked\r\x1b[K"


def test_fix_counts_its_files_on_a_terminal(tmp_path):
    from newslint import fixes

    folder = many_stories(tmp_path / "stories", 3)
    terminal = _Terminal()
    run = fixes.fix_targets([str(folder)], select_rules(pack().rules), RunOptions(), write=False,
                            progress=parallel.Progress(terminal, after=0, every=0))
    assert run.checked == 3
    assert terminal.getvalue() == "\rnewslint: 1 checked\rnewslint: 2 checked\rnewslint: 3 checked\r\x1b[K"


def test_per_path_configuration_with_workers_and_the_cache(tmp_path):
    folder = many_stories(tmp_path / "stories", parallel.SERIAL_LIMIT + 10)
    (folder / "lama").mkdir()
    for story in sorted(folder.glob("story0[0-2]*.txt")):
        story.rename(folder / "lama" / story.name)
    config = tmp_path / ".newslint.yaml"
    config.write_text('per-path:\n  - paths: ["stories/lama/**"]\n    ignore: [AN503]\n', encoding="utf-8")
    env = {"NEWSLINT_CACHE_DIR": str(tmp_path / "cache")}
    serial = lint("--no-cache", "-j", "1", str(folder), env=env)
    assert "lama/story001.txt:5:261: info AN503" not in serial[1] and "stories/story031.txt:5:261: info AN503" in serial[1]
    assert lint("-j", "2", str(folder), env=env) == serial  # workers, cache filled
    assert lint("-j", "2", str(folder), env=env) == serial  # from the cache
    # The configuration changes, no pack or story does: cached results of the old settings must not be used.
    config.write_text('per-path:\n  - paths: ["stories/lama/**"]\n    ignore: [AN503, AN401]\n', encoding="utf-8")
    changed = lint("--no-cache", "-j", "1", str(folder), env=env)
    assert changed != serial
    assert lint("-j", "2", str(folder), env=env) == changed


def test_every_shipped_pack_is_read_back_from_the_pack_cache(tmp_path):
    """A compiled pack that the cache's restricted loader refused would be compiled again on
    every run: correct, but slow. Every shipped pack, with every check kind, must come back."""
    from newslint import cache
    from newslint.packs.loader import shipped_pack_names

    refs = shipped_pack_names()
    fresh, fingerprint = cache.load_packs(refs, tmp_path)
    [entry] = list((tmp_path / "packs").glob("*.pickle"))
    read = cache._read_pack(entry)
    assert read is not None
    assert read[1] == fingerprint
    assert [(r.id, r.kind, r.severity, r.message) for r in read[0].rules] == \
        [(r.id, r.kind, r.severity, r.message) for r in fresh.rules]
    assert {r.kind for r in fresh.rules} >= {"names", "date", "attribution", "required", "substitution"}
