"""Bytes of a story -> `Document`: decoded text, line index, front matter and article regions.

Offsets everywhere in newslint are character offsets into `Document.text`, which keeps the
original line ends (LF, CRLF or CR) so that fixes can be written back byte for byte. The BOM is
not part of `text`; it is remembered and written back by fixes. Front matter stays in `text`
(so positions are real lines of the file); `body_start` says where the story begins.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, count
from operator import add
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newslint.anatomy import Anatomy

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def reading_of(path: str) -> str:
    """What a file's name decides about how its copy is read: "markdown" (front matter, paragraphs
    of wrapped lines, suppression comments), "html" (suppression comments) or "text". Everything
    that depends on the name asks here, so that the result cache, which keys on the story's bytes
    and this (`cache.ResultCache.story_key`), cannot mix up two files with the same bytes."""
    name = path.lower()
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    return "html" if name.endswith(HTML_SUFFIXES) else "text"


class UnreadableCopy(Exception):
    """The bytes are not text newslint can read (binary, or not in a supported encoding)."""


def decode(data: bytes) -> tuple[str, str, bool]:
    """Decode story bytes: UTF-8 (BOM optional) or UTF-16 with a BOM. Returns (text, encoding, bom).

    Anything else is refused rather than guessed: a wrong guess would make fixes corrupt the file.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableCopy(f"not valid {encoding.upper()} after its byte-order mark (byte {exc.start + len(bom)})") from None
            if "\x00" in text:
                raise UnreadableCopy("contains NUL characters: binary data, not text")
            return text, encoding, True
    nul = data.find(b"\x00")
    if nul >= 0:
        sample = data[:4096]
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if len(sample) >= 4 and max(odd, even) > len(sample) // 4 > min(odd, even):
            raise UnreadableCopy("looks like UTF-16 without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)")
        raise UnreadableCopy(f"contains NUL bytes (first at byte {nul}): binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        raise UnreadableCopy(
            f"not valid UTF-8 (byte {exc.start}: 0x{data[exc.start]:02x}) on line {_line_of(data, exc.start)}; newslint reads UTF-8, "
            "and UTF-16 with a byte-order mark: convert the file, e.g. `iconv -f WINDOWS-1252 -t UTF-8`"
        ) from None


def _line_break_ends(text: str) -> list[int]:
    """Where each line break of `text` ends. Copy with LF line ends only (nearly all) is done in C:
    the k-th line break ends at the length of the first k lines plus k."""
    if "\r" in text:
        return [m.end() for m in _LINE_BREAK.finditer(text)]
    lengths = list(map(len, text.split("\n")))
    return list(map(add, accumulate(lengths[:-1]), count(1)))


def _line_of(data: bytes, index: int) -> int:
    """The line of a byte offset, so that an editor knows where to look."""
    head = data[:index]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return line


@dataclass
class Document:
    """One story, ready for every check. Build it with `Document.from_text` or `from_bytes`."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    markdown: bool = False
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_error: tuple[int, str] | None = None  # (offset, message) when front matter is invalid
    body_start: int = 0
    line_starts: list[int] = field(default_factory=list)

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> Document:
        text, encoding, bom = decode(data)
        return cls.from_text(text, path, encoding=encoding, bom=bom)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", encoding: str = "utf-8", bom: bool = False) -> Document:
        if text.startswith("\ufeff"):
            text, bom = text[1:], True
        starts = [0]
        starts.extend(_line_break_ends(text))
        if len(starts) > 1 and starts[-1] == len(text):
            starts.pop()  # a final line end does not start a new line
        doc = cls(path=path, text=text, encoding=encoding, bom=bom, line_starts=starts,
                  markdown=reading_of(path) == "markdown")
        if doc.markdown:
            _read_front_matter(doc)
        return doc

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (from a worker process, for `--fix`) without what is worked out again on
        demand: the anatomy and the line end."""
        return {k: v for k, v in self.__dict__.items() if k not in ("anatomy", "newline")}

    # --- positions ---------------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        start, end = self.line_bounds(index + 1)
        return index + 1, min(offset, end) - start + 1  # an offset inside a line break is the line's end

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_bounds(self, number: int) -> tuple[int, int]:
        """(start, end) offsets of 1-based line `number`, the end excluding its line break."""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] if number < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, number: int) -> str:
        start, end = self.line_bounds(number)
        return self.text[start:end]

    @cached_property
    def newline(self) -> str:
        """The line end this file mostly uses (for text that fixes insert)."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        cr = self.text.count("\r") - crlf
        return max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"))[1] if (crlf or lf or cr) else "\n"

    @cached_property
    def anatomy(self) -> Anatomy:
        from newslint.anatomy import Anatomy

        return Anatomy.of(self)

    def publication_date(self) -> datetime.date | None:
        """The date given in the front matter (`date:`), if any."""
        value = self.front_matter.get("date")
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip()[:10])
            except ValueError:
                return None
        return None


_FENCE = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
# The closing fence is a whole line whatever the line ends: `^` and `$` of `re` know only LF, so
# the start and end of a line are spelt out for CR and CRLF copy too.
_CLOSE = re.compile(r"(?:^|(?<=\r))(?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)", re.M)


def _read_front_matter(doc: Document) -> None:
    """Parse a leading `---` YAML block of a Markdown file; positions stay those of the file."""
    opening = _FENCE.match(doc.text)
    if not opening:
        return
    close = _CLOSE.search(doc.text, opening.end())
    if not close:
        doc.front_matter_error = (0, "front matter opened with '---' is never closed")
        return
    end_of_close = close.end()
    line_break = _LINE_BREAK.match(doc.text, end_of_close)
    doc.body_start = line_break.end() if line_break else end_of_close
    import yaml  # only Markdown with front matter pays for this import here

    source = doc.text[opening.end():close.start()]
    try:
        data = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 1) if mark else 0
        offset = doc.line_starts[min(line, doc.line_count - 1)] if line else 0
        doc.front_matter_error = (offset, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}")
        return
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # `date: 2020-13-45`, deep nesting
        doc.front_matter_error = (0, f"front matter has a value YAML cannot build: {exc}")
        return
    if data is None:
        return
    if not isinstance(data, dict):
        doc.front_matter_error = (0, "front matter must be a mapping of keys to values")
        return
    doc.front_matter = {str(k): v for k, v in data.items()}
