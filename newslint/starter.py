"""What `newslint init` writes: a starter configuration, and the pre-commit entry it prints.

The starter is a valid configuration as written (every optional key is commented out), so a
desk can run `newslint lint` straight away and switch settings on one by one.
"""

from __future__ import annotations

from newslint import __version__

STARTER_CONFIG = """\
# newslint configuration (docs/configuration.md lists every key).
# It applies to the stories in this folder and below, until a folder with its own
# .newslint.yaml. Check what applies to a story with: newslint config path/to/story.txt

# Rule packs: shipped names (antara) or YAML files relative to this file.
packs:
  - antara

# Rule selection by id or id prefix. `select` replaces the packs' default choice,
# `extend-select` adds rules (also `enabled: false` ones), `ignore` removes rules.
# select: [AN1, AN2]
# extend-select: []
ignore: []

# Severity per rule id or prefix: error, warning or info.
# severity:
#   AN503: info

# The stories' date, for weekday and copyright checks: auto (front matter, then the
# dateline, the copyright year, the latest date in the story), front-matter, or a date.
date: auto

# Exit with 1 only for violations of this severity or worse.
fail-on: warning

# Files linted when a folder is walked, and files never linted (globs, like .gitignore).
# include: ["*.txt", "*.md", "*.markdown"]
# exclude: ["drafts/**"]

# Other settings for some files: a different pack for English copy, say.
# per-path:
#   - paths: ["en/**"]
#     packs: [rules/wire-en.yaml]

# Rules never reported in matching files (plain text has no comments to suppress them).
# per-file-ignores:
#   "archive/**": [AN101]
"""

PRE_COMMIT_ENTRY = f"""\
repos:
  - repo: https://github.com/YOUR-ORG/newslint  # placeholder: the URL of the newslint repository you use
    rev: v{__version__}  # the newslint release (git tag) to use
    hooks:
      - id: newslint
      # - id: newslint-fix  # applies the fixes newslint can make, and fails the commit when it changed files
"""
