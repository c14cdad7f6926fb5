"""Errors that stop a run with exit code 2 and one clear message.

Every error names where the problem is (file, and for YAML the line and key) so that an editor
who wrote the pack can open the file and fix it without reading a traceback.
"""

from __future__ import annotations


class NewslintError(Exception):
    """A problem with the user's input or configuration (exit code 2)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None, key: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.key = key

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        key = f"'{self.key}': " if self.key else ""
        return f"{where}{key}{self.message}"


class PackError(NewslintError):
    """A rule pack that cannot be loaded: syntax, schema, unknown kind, bad pattern."""


class ConfigError(NewslintError):
    """A configuration file or command-line setting that cannot be used."""


class WorkerLost(NewslintError):
    """A worker process ended in the middle of a run (killed for memory, or by a signal): the
    run cannot be complete, so it stops instead of reporting part of the stories as checked."""
