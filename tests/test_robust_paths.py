"""Hostile paths through the real CLI: symlink loops, dangling links, a FIFO named story.txt, a folder
named x.txt, files that vanish or become unreadable mid-run, odd names, the same file twice.

The FIFO, the symlinks and the unreadable file are made for real. A file vanishing between the
walk and the read is simulated with a `sitecustomize` hook in the child process that deletes (or
locks) the file just before newslint reads it: the real CLI, with one fault injected.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from robustness import STORY_FINDINGS, assert_clean_exit, findings, messages, snapshot, story, write_good

HOOK = '''
import os
action = os.environ.get("NEWSLINT_TEST_FAULT")
if action:
    import newslint.run as run
    original = run.read_target

    def read_target(path, *args, **kwargs):
        if os.path.basename(path) == "hilang.txt":
            os.remove(path) if action == "remove" else os.chmod(path, 0)
        return original(path, *args, **kwargs)

    run.read_target = read_target
'''


def lint(*paths: Path | str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_cli("lint", "-q", "--no-color", *map(str, paths), cwd=cwd, env=env)


def test_a_symlink_loop_inside_a_folder_is_not_followed(tmp_path):
    folder = tmp_path / "desk"
    (folder / "nested").mkdir(parents=True)
    good = write_good(folder / "nested")
    (folder / "nested" / "back").symlink_to("..")           # a folder loop
    (folder / "loop.txt").symlink_to("loop.txt")            # a file that points to itself
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    before = snapshot(tmp_path)
    result = lint(folder)
    assert snapshot(tmp_path) == before
    assert_clean_exit(result, 2)
    for name in ("a.txt", "b.txt", "loop.txt"):
        assert messages(result, folder / name, "NL001") == ["a symlink loop (too many levels of symbolic links): not read"]
    assert findings(result, good) == STORY_FINDINGS  # linted once, not once per trip round the loop
    assert result.stdout.decode().count(str(good)) == len(STORY_FINDINGS)


def test_a_dangling_symlink_is_reported(tmp_path):
    (tmp_path / "hilang.txt").symlink_to(tmp_path / "tidak-ada.txt")
    good = write_good(tmp_path)
    result = lint(tmp_path)
    assert_clean_exit(result, 2)
    assert messages(result, tmp_path / "hilang.txt", "NL001") == ["no such file (or a dangling symlink)"]
    assert findings(result, good) == STORY_FINDINGS


def test_a_fifo_named_story_txt_is_never_opened(tmp_path):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)  # opening it for reading would block until a writer comes: forever
    good = write_good(tmp_path)
    for args in ((tmp_path,), (fifo, good)):
        result = lint(*args)
        assert_clean_exit(result, 2)
        assert messages(result, fifo, "NL001") == ["not a regular file (a FIFO, socket or device): not read"]
        assert findings(result, good) == STORY_FINDINGS


def test_a_device_named_on_the_command_line_is_not_read():
    result = lint("/dev/zero")  # endless: reading it would never finish
    assert_clean_exit(result, 2)
    assert result.stdout.decode() == "/dev/zero:1:1: error NL001 not a regular file (a FIFO, socket or device): not read\n"


def test_a_folder_named_like_a_story_is_walked_not_read(tmp_path):
    folder = tmp_path / "x.txt"
    folder.mkdir()
    inner = write_good(folder, "inner.txt")
    for target in (tmp_path, folder):
        result = lint(target)
        assert_clean_exit(result, 1)
        assert findings(result, inner) == STORY_FINDINGS
        assert str(folder) + ":" not in result.stdout.decode()


def test_a_file_that_disappears_before_it_is_read(tmp_path):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "hilang.txt").write_text(story(), encoding="utf-8")
    good = write_good(stories)
    env = {"PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)]), "NEWSLINT_TEST_FAULT": "remove"}
    result = lint(stories, env=env)
    assert_clean_exit(result, 2)
    assert not (stories / "hilang.txt").exists()  # the hook did run
    assert messages(result, stories / "hilang.txt", "NL001") == ["cannot read: the file disappeared before it could be read"]
    assert findings(result, good) == STORY_FINDINGS


def _as_nobody(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the CLI as an unprivileged user: root reads a mode-000 file, so a real test needs another user."""
    command = [sys.executable, "-m", "newslint", "lint", "-q", "--no-color", *args]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, cwd=cwd, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


needs_a_user_who_cannot_read = pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None,
    reason="running as root without setpriv: root reads mode-000 files, so there is no real unreadable file to make",
)


@pytest.fixture
def shared_folder():
    """A folder the unprivileged user can enter (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="newslint-unreadable-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@needs_a_user_who_cannot_read
def test_an_unreadable_file_is_reported(shared_folder):
    locked = shared_folder / "terkunci.txt"
    locked.write_text(story(), encoding="utf-8")
    locked.chmod(0)
    good = write_good(shared_folder)
    good.chmod(0o644)
    result = _as_nobody(str(shared_folder), cwd=shared_folder)
    assert_clean_exit(result, 2)
    assert messages(result, locked, "NL001") == ["cannot read: Permission denied"]
    assert findings(result, good) == STORY_FINDINGS


@needs_a_user_who_cannot_read
def test_a_file_that_becomes_unreadable_during_the_run(shared_folder):
    hook = shared_folder / "hook"
    hook.mkdir(mode=0o755)
    (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    stories = shared_folder / "stories"
    stories.mkdir(mode=0o777)  # the unprivileged user locks a file it owns
    good = write_good(stories)
    changing = stories / "hilang.txt"
    changing.write_text(story(), encoding="utf-8")
    if os.geteuid() == 0:
        os.chown(changing, 65534, 65534)
    result = _as_nobody(str(stories), cwd=shared_folder,
                        env={"PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)]), "NEWSLINT_TEST_FAULT": "chmod"})
    assert_clean_exit(result, 2)
    assert changing.stat().st_mode & 0o777 == 0  # the hook did run
    assert messages(result, changing, "NL001") == ["cannot read: Permission denied"]
    assert findings(result, good) == STORY_FINDINGS


def test_names_with_spaces_and_non_ascii_characters(tmp_path):
    folder = tmp_path / "Berita Luar Negeri — Ítalia"
    folder.mkdir()
    odd = folder / "Conte berterima kasih 🇮🇹 ñ.txt"
    odd.write_text(story(), encoding="utf-8")
    result = lint(folder)
    assert_clean_exit(result, 1)
    assert findings(result, odd) == STORY_FINDINGS
    # and given one by one, relative to the folder
    result = lint(odd.name, cwd=folder)
    assert findings(result, odd.name) == STORY_FINDINGS


def test_the_same_file_given_twice_is_linted_once(tmp_path):
    good = write_good(tmp_path)
    (tmp_path / "alias.txt").symlink_to(good.name)
    result = lint(good, tmp_path / "." / good.name, tmp_path, tmp_path / "alias.txt", cwd=tmp_path)
    assert_clean_exit(result, 1)
    assert findings(result, good) == STORY_FINDINGS
    assert len(result.stdout.decode().splitlines()) == len(STORY_FINDINGS)


def test_a_problem_path_given_twice_is_reported_once(tmp_path):
    missing = tmp_path / "tidak-ada.txt"
    result = lint(missing, missing, tmp_path / "." / missing.name)
    assert_clean_exit(result, 2)
    assert result.stdout.decode() == f"{missing}:1:1: error NL001 no such file or folder\n"
