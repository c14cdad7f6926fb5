"""newslint as a pre-commit hook, run by the real `pre-commit` in real git repositories.

The hooks come from a snapshot of this checkout (its package, packs and `.pre-commit-hooks.yaml`,
committed in a temporary repository), so what is tested is the working tree, committed or not.
`pre-commit try-repo` would do the same but builds the hook's environment afresh on every call;
a config naming the snapshot and its commit lets one environment (under a session-wide
PRE_COMMIT_HOME) serve every test. Building it installs newslint's dependencies from the index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE, ROOT

CLEAN = (FIXTURE.parent / "jakarta-banjir-2024.txt").read_text(encoding="utf-8")
SNAPSHOT_PARTS = ("newslint", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}  # not the outer repository's
    env.update(PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="Redaksi", GIT_AUTHOR_EMAIL="redaksi@example.org",
               GIT_COMMITTER_NAME="Redaksi", GIT_COMMITTER_EMAIL="redaksi@example.org", NO_COLOR="1")
    return env


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="session")
def hooks_repo(tmp_path_factory) -> tuple[Path, str, dict[str, str]]:
    """This checkout's hook, committed in a scratch repository: (path, commit, environment)."""
    base = tmp_path_factory.mktemp("precommit")
    env = _env(base / "home")
    snapshot = base / "newslint-hooks"
    snapshot.mkdir()
    for part in SNAPSHOT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, snapshot / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, snapshot / part)
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "snapshot"]):
        assert git(snapshot, *args, env=env).returncode == 0
    commit = git(snapshot, "rev-parse", "HEAD", env=env).stdout.strip()
    return snapshot, commit, env


def desk_repo(tmp_path: Path, hooks_repo, hook: str, stories: dict[str, str]) -> Path:
    """A desk's repository with the hook installed and `stories` staged."""
    snapshot, commit, env = hooks_repo
    repo = tmp_path / "desk"
    repo.mkdir()
    git(repo, "init", "-q", env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot}\n    rev: {commit}\n    hooks:\n      - id: {hook}\n", encoding="utf-8")
    for name, text in stories.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    (repo / "notes.py").write_text("x = 'Guiseppe Conte'\n", encoding="utf-8")  # not copy: never linted
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=60)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    git(repo, "add", ".", env=env)
    return repo


def commit(repo: Path, env: dict[str, str]) -> tuple[int, str]:
    """`git commit` through the installed hook: (exit code, what the hook printed)."""
    done = git(repo, "commit", "-m", "Berita hari ini", env=env)
    return done.returncode, done.stdout + done.stderr


def commits(repo: Path, env: dict[str, str]) -> int:
    done = git(repo, "rev-list", "--count", "HEAD", env=env)
    return int(done.stdout) if done.returncode == 0 else 0


def test_a_bad_story_blocks_the_commit_with_its_violations(tmp_path, hooks_repo):
    env = hooks_repo[2]
    bad = FIXTURE.read_text(encoding="utf-8").replace("Sabtu (21/3)", "Sabtu (22/3)")
    repo = desk_repo(tmp_path, hooks_repo, "newslint", {"berita/rusia.txt": bad, "berita/banjir.txt": CLEAN})
    code, out = commit(repo, env)
    assert code != 0
    assert commits(repo, env) == 0
    assert "newslint" in out and "Failed" in out
    assert ('berita/rusia.txt:1:172: error AN201 "Sabtu (22/3)": 22 Maret 2020 jatuh pada hari Minggu, bukan Sabtu'
            in out.splitlines())
    assert "banjir.txt:" not in out and "notes.py" not in out


def test_a_clean_story_passes_and_is_committed(tmp_path, hooks_repo):
    env = hooks_repo[2]
    repo = desk_repo(tmp_path, hooks_repo, "newslint", {"berita/banjir.md": CLEAN})
    code, out = commit(repo, env)
    assert code == 0, out
    assert "newslint" in out and "Passed" in out
    assert commits(repo, env) == 1


def test_the_fix_hook_fixes_the_story_and_fails_the_commit_until_it_is_staged(tmp_path, hooks_repo):
    env = hooks_repo[2]
    misspelt = CLEAN.replace("Sabtu (2/3)", "Sabtu(02/03)")
    repo = desk_repo(tmp_path, hooks_repo, "newslint-fix", {"banjir.txt": misspelt})
    code, out = commit(repo, env)
    assert code != 0 and commits(repo, env) == 0
    assert "files were modified by this hook" in out
    assert (repo / "banjir.txt").read_text(encoding="utf-8") == CLEAN
    assert "Applied 1 fix to 1 file." in out.splitlines()
    git(repo, "add", "banjir.txt", env=env)
    code, out = commit(repo, env)
    assert code == 0, out
    assert commits(repo, env) == 1


def test_all_staged_stories_go_to_one_run_in_any_case_and_a_dash_name_is_a_file(tmp_path, hooks_repo):
    """pre-commit would split the files over one process per core (two reports, two totals)
    unless the hook asks to run serially; its suffix filter ignores case, as newslint's own walk
    does; and a story named `-q.txt` at the top is a file, not the option -q."""
    env = hooks_repo[2]
    bad = FIXTURE.read_text(encoding="utf-8").replace("Sabtu (21/3)", "Sabtu (22/3)")
    stories = {f"berita/rusia{i}.txt": bad for i in range(7)}
    repo = desk_repo(tmp_path, hooks_repo, "newslint", {**stories, "berita/ROMA.MD": bad, "-q.txt": bad})
    code, out = commit(repo, env)
    assert code != 0 and commits(repo, env) == 0
    totals = [line for line in out.splitlines() if line.startswith("Found ")]
    assert totals == ["Found 27 problems (9 errors, 9 warnings, 9 info) in 9 of 9 files checked."], out
    assert "berita/ROMA.MD:" in out and "-q.txt:" in out


def test_the_hook_manifest_and_the_project_config_are_valid():
    checks = (("validate-manifest", ".pre-commit-hooks.yaml"), ("validate-config", ".pre-commit-config.yaml"))
    for command, name in checks:
        done = subprocess.run([sys.executable, "-m", "pre_commit", command, str(ROOT / name)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_project_s_own_newslint_hook_lints_the_clean_examples_only(tmp_path, hooks_repo):
    """The `repo: local` hook of `.pre-commit-config.yaml`, run by pre-commit on a copy of this checkout."""
    snapshot, _, env = hooks_repo
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = next(repo for repo in config["repos"] if repo["repo"] == "local")
    project = tmp_path / "project"
    shutil.copytree(snapshot, project, ignore=shutil.ignore_patterns(".git"))
    shutil.copytree(ROOT / "examples", project / "examples")
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [local]}), encoding="utf-8")
    git(project, "init", "-q", env=env)
    git(project, "add", ".", env=env)

    def run_hook() -> tuple[int, str]:
        done = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout + done.stderr

    code, out = run_hook()
    assert code == 0, out
    assert "newslint (example copy)" in out and "Passed" in out
    # The excluded examples are broken on purpose; the same copy under another name is linted.
    shutil.copy(ROOT / "examples" / "antara-rusia-italia-2020.txt", project / "examples" / "salinan.txt")
    git(project, "add", ".", env=env)
    code, out = run_hook()
    assert code == 1
    assert "examples/salinan.txt:1:1: warning AN101" in out
    assert "antara-rusia-italia-2020.txt" not in out and "roma-bantuan-medis-2020.md" not in out


def test_the_sample_config_in_the_docs_names_the_shipped_hooks():
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    doc = (ROOT / "docs" / "fixes.md").read_text(encoding="utf-8")
    sample = yaml.safe_load(doc.split("```yaml", 1)[1].split("```", 1)[0])
    assert [hook["id"] for hook in sample["repos"][0]["hooks"]] == [hook["id"] for hook in manifest][::-1]
    assert {hook["entry"] for hook in manifest} == {"newslint lint", "newslint lint --fix"}
