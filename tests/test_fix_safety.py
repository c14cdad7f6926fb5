"""`--fix` never loses a byte: interrupted writes, encodings, line ends, modes, read-only and changed files.

Everything here happens on the real file system; the interruptions are a fault injected between
writing the temporary file and replacing the story, and real `kill -9`s of a child process.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import FIXTURE, pack, run_cli
from newslint import fixes, safewrite
from newslint.engine import RunOptions

TEXT = FIXTURE.read_text(encoding="utf-8")
BROKEN = TEXT.replace("Giuseppe Conte pada", "Guiseppe Conte pada")
FIXED = TEXT.replace("---", "—")  # AN503 fixes the fixture's dash as well


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if safewrite.TEMP_MARK in p.name)


def fix_in_process(*paths: Path) -> fixes.FixRun:
    return fixes.fix_targets([str(p) for p in paths], pack("antara").rules, RunOptions())


def nl005(run: fixes.FixRun) -> list[str]:
    return [v.message for v in run.violations if v.rule_id == "NL005"]


# --- interruptions -------------------------------------------------------------------------------
def test_fault_between_writing_and_replacing_leaves_the_story_and_no_temp_file(tmp_path, monkeypatch):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    seen = []

    def broken_replace(src, dst):
        seen.append(Path(src).read_text(encoding="utf-8"))  # the temporary file was fully written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safewrite.os, "replace", broken_replace)
    run = fix_in_process(story)
    assert seen == [FIXED]
    assert story.read_text(encoding="utf-8") == BROKEN
    assert temp_files(tmp_path) == []
    assert nl005(run) == ["fixes not written: cannot write: No space left on device"]
    assert [v.rule_id for v in run.violations] == ["AN101", "NL005", "AN401", "AN503"]  # the original findings stay


_KILL_AT_REPLACE = textwrap.dedent("""
    import os, signal, sys
    from newslint import safewrite
    from newslint.cli import main

    def die(src, dst):
        os.kill(os.getpid(), signal.SIGKILL)  # kill -9 between the temporary file and the replace

    safewrite.os.replace = die  # process-wide: --no-cache, so the pack cache's own write does not trip it
    sys.exit(main(["lint", "--fix", "--no-cache", *sys.argv[1:]]))
""")


def test_kill_9_between_writing_and_replacing_then_the_next_run_cleans_up(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    child = subprocess.run([sys.executable, "-c", _KILL_AT_REPLACE, str(tmp_path)], capture_output=True, timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert story.read_text(encoding="utf-8") == BROKEN
    leftovers = temp_files(tmp_path)
    assert len(leftovers) == 1 and leftovers[0].startswith(".rusia.txt.newslint-tmp-")
    assert (tmp_path / leftovers[0]).read_text(encoding="utf-8") == FIXED
    linted = run_cli("lint", "-q", str(tmp_path)).stdout.decode()
    assert linted.count(f"{story}:") == 3 and "newslint-tmp" not in linted  # the leftover is never linted

    result = run_cli("lint", "--fix", str(tmp_path))
    assert story.read_text(encoding="utf-8") == FIXED
    assert temp_files(tmp_path) == []
    assert result.stderr.decode() == (f"newslint: removed {tmp_path / leftovers[0]}, "
                                      "a temporary file left by an interrupted --fix run\n")


def test_kill_9_of_a_run_fixing_300_stories_leaves_each_untouched_or_fully_fixed(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    stories = [folder / f"berita-{i:03d}.txt" for i in range(300)]
    for story in stories:
        story.write_text(BROKEN, encoding="utf-8")
    first = os.stat(stories[0]).st_ino
    child = subprocess.Popen([sys.executable, "-m", "newslint", "lint", "--fix", "-q", str(folder)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while os.stat(stories[0]).st_ino == first and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)  # the first story has been replaced: the run is under way
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL, "the run finished before it could be killed"
    texts = [story.read_text(encoding="utf-8") for story in stories]
    assert all(text in (BROKEN, FIXED) for text in texts)
    done = texts.count(FIXED)
    assert 1 <= done < 300, done

    run_cli("lint", "--fix", "-q", str(folder))
    assert temp_files(tmp_path) == []
    assert all(story.read_text(encoding="utf-8") == FIXED for story in stories)


# --- what is kept -------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b""),
])
@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_encoding_bom_and_line_ends_are_kept_byte_for_byte(tmp_path, encoding, bom, newline):
    story = tmp_path / "rusia.txt"
    story.write_bytes(bom + BROKEN.replace("\n", newline).encode(encoding))
    result = run_cli("lint", "--fix", "-q", str(story))
    assert story.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)
    after = run_cli("lint", "-q", str(story))  # what --fix reported is what the fixed story has
    assert (result.returncode, result.stdout) == (after.returncode, after.stdout)
    assert f'{story}:1:1: warning AN101 Dateline tidak ada' in result.stdout.decode()


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755, 0o2644])
def test_mode_bits_are_kept(tmp_path, mode):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    os.chmod(story, mode)
    run_cli("lint", "--fix", str(story))
    assert story.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(os.stat(story).st_mode) == mode


def test_a_symlinked_story_is_fixed_through_its_link(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(story.name)
    fix_in_process(link)
    assert link.is_symlink() and story.read_text(encoding="utf-8") == FIXED


# --- what is refused -------------------------------------------------------------------------------
def test_a_read_only_story_is_reported_and_not_changed_even_for_root(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    other = tmp_path / "sanksi.txt"
    other.write_text(BROKEN, encoding="utf-8")
    os.chmod(story, 0o444)
    result = run_cli("lint", "--fix", "--no-color", str(tmp_path))
    assert story.read_text(encoding="utf-8") == BROKEN
    assert other.read_text(encoding="utf-8") == FIXED  # the other story is fixed all the same
    assert result.returncode == 2
    out = result.stdout.decode().splitlines()
    assert f"{story}:1:1: error NL005 fixes not written: the file is read-only" in out
    assert f"{story}:1:152: error AN401 Ejaan \"Guiseppe Conte\" salah: tulis \"Giuseppe Conte\"" in out
    assert out[-1] == "Applied 2 fixes to 1 file; 1 file could not be written (NL005)."
    assert temp_files(tmp_path) == []


def _make_immutable(path: Path) -> None:
    """Root ignores permission bits, so an unwritable folder or file is made with `chattr +i`."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed: cannot make a file immutable")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not supported here: {done.stderr.decode().strip()}")


def _undo_immutable(path: Path) -> None:
    subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_story_in_an_unwritable_folder_is_reported_and_not_changed(tmp_path):
    folder = tmp_path / "arsip"
    folder.mkdir()
    story = folder / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    if os.geteuid() == 0:
        _make_immutable(folder)
    else:
        os.chmod(folder, 0o555)
    try:
        assert not os.access(folder, os.W_OK)  # what the user running the test really may not do
        run = fix_in_process(story)
    finally:
        _undo_immutable(folder) if os.geteuid() == 0 else os.chmod(folder, 0o755)
    assert story.read_text(encoding="utf-8") == BROKEN
    assert nl005(run) == ["fixes not written: no permission to write in its folder"]
    assert temp_files(tmp_path) == []


def test_an_immutable_story_is_reported_and_not_changed(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    _make_immutable(story)
    try:
        run = fix_in_process(story)
    finally:
        _undo_immutable(story)
    assert story.read_text(encoding="utf-8") == BROKEN
    assert nl005(run) == ["fixes not written: no permission to write the file (or it is immutable)"]


def test_a_story_changed_between_reading_and_writing_is_detected_and_kept(tmp_path, monkeypatch):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    edited = BROKEN + "Editor: Atman Ahdiat\n"
    real_fix_document = fixes.fix_document

    def editor_saves_meanwhile(*args, **kwargs):
        result = real_fix_document(*args, **kwargs)
        story.write_text(edited, encoding="utf-8")  # an editor saves while newslint works
        return result

    monkeypatch.setattr(fixes, "fix_document", editor_saves_meanwhile)
    run = fix_in_process(story)
    assert story.read_text(encoding="utf-8") == edited
    assert nl005(run) == ["fixes not written: the file changed since newslint read it; run again"]
    assert temp_files(tmp_path) == []


def test_a_change_of_the_same_size_and_time_is_still_detected(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    snapshot = safewrite.read_snapshot(str(story))
    with open(story, "r+b") as handle:  # same size, same inode; the time put back as it was
        handle.write(b"X")
    os.utime(story, ns=(snapshot.mtime_ns, snapshot.mtime_ns))
    with pytest.raises(safewrite.WriteRefused, match="changed since newslint read it"):
        safewrite.replace_atomically(snapshot, FIXED.encode("utf-8"))
    assert story.read_bytes() == b"X" + BROKEN.encode("utf-8")[1:]


@pytest.mark.parametrize("change", ["mode", "owner"])
def test_a_story_made_read_only_or_given_away_during_the_run_is_not_written(tmp_path, change):
    """Root may write a read-only file, so the mode read at the start is not enough: a `chmod a-w`
    (or a `chown`) made while newslint works must hold, and the old mode must not come back."""
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    snapshot = safewrite.read_snapshot(str(story))
    if change == "mode":
        story.chmod(0o444)
    elif os.getuid() == 0:
        os.chown(story, snapshot.uid + 1, snapshot.gid)
    else:
        pytest.skip("only root can give a file away")
    with pytest.raises(safewrite.WriteRefused, match="changed since newslint read it"):
        safewrite.replace_atomically(snapshot, FIXED.encode("utf-8"))
    assert story.read_text(encoding="utf-8") == BROKEN
    assert (stat.S_IMODE(story.stat().st_mode) == 0o444) if change == "mode" else story.stat().st_uid == snapshot.uid + 1
    assert temp_files(tmp_path) == []


def test_temporary_names_are_recognised_and_only_they_are_removed(tmp_path):
    keep = [".rusia.txt.bak", "rusia.txt.newslint-tmp-abc", ".newslint-tmp-abc", ".notes.txt"]
    remove = [".rusia.txt.newslint-tmp-k3j_9xq1", ".berita dua.md.newslint-tmp-a"]
    for name in keep + remove:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert safewrite.remove_leftovers([str(tmp_path)]) == sorted(str(tmp_path / n) for n in remove)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(keep)


def test_plain_lint_and_diff_never_remove_or_write_anything(tmp_path):
    story = tmp_path / "rusia.txt"
    story.write_text(BROKEN, encoding="utf-8")
    leftover = tmp_path / ".rusia.txt.newslint-tmp-abcd1234"
    leftover.write_text("x", encoding="utf-8")
    for args in (["lint"], ["lint", "--diff"]):
        run_cli(*args, str(tmp_path))
        assert leftover.exists() and story.read_text(encoding="utf-8") == BROKEN
