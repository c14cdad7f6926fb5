"""Configuration globs read the way .gitignore reads them (docs/configuration.md)."""

from __future__ import annotations

import pytest

from newslint.globs import matches


@pytest.mark.parametrize("pattern, path, expected", [
    ("en/**", "en/dunia/kremlin.txt", True),
    ("en/**", "id/en/kremlin.txt", False),  # a glob with `/` starts at the configuration's folder
    ("en", "id/en/kremlin.txt", True),  # a name without `/` matches a folder at any depth
    ("drafts", "drafts.txt", False),
    ("*.md", "arsip/2020/roma.md", True),
    ("*.md", "arsip/2020/roma.markdown", False),
    ("arsip/*.txt", "arsip/2020/rusia.txt", False),  # `*` stays inside one folder name
    ("arsip/**/*.txt", "arsip/rusia.txt", True),
    ("arsip/**/*.txt", "arsip/2020/03/rusia.txt", True),
    ("arsip/20[12]?/**", "arsip/2019/rusia.txt", True),
    ("arsip/20[!1]?/**", "arsip/2019/rusia.txt", False),
    ("./lama/", "lama/rusia.txt", True),
    ("**", "../luar/rusia.txt", False),  # never outside the configuration's folder
])
def test_glob(pattern, path, expected):
    assert matches(pattern, path) is expected
