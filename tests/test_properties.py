"""Properties over generated copy: linting never crashes, positions always lie inside the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE, lint_text
from newslint.document import Document

FIXTURE_LINES = FIXTURE.read_text(encoding="utf-8").splitlines()
PIECES = st.sampled_from(FIXTURE_LINES + [
    "", "Pewarta :", "Editor:", "Sabtu (31/2)", "Jum'at (20/3/2020)", '"', "“", "”", "---", "Copyright ©",
    "Sumber: AFP", "Baca juga:", "pukul 18:00", "Rp 5.000", "10%", "Guiseppe Conte", "\ufeff", "\u200b", "é",
])
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])
STORIES = st.one_of(
    st.text(),
    st.lists(st.tuples(PIECES, NEWLINES), max_size=30).map(lambda parts: "".join(p + n for p, n in parts)),
)


def _check_positions(text: str, path: str) -> None:
    doc = Document.from_text(text, path)
    for v in lint_text(text, path=path):
        assert 1 <= v.line <= doc.line_count
        assert 1 <= v.end_line <= doc.line_count
        assert (v.line, v.column) <= (v.end_line, v.end_column)
        start, end = doc.line_bounds(v.line)
        assert 1 <= v.column <= end - start + 1 + len(doc.text)  # a column inside the line, or at its end
        assert v.column <= len(doc.line_text(v.line)) + 1
        assert v.end_column <= len(doc.line_text(v.end_line)) + 1
        for edit in v.fix:
            assert 0 <= edit.start <= edit.end <= len(doc.text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(STORIES)
def test_plain_text_never_crashes_and_positions_lie_inside(text):
    _check_positions(text, "story.txt")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(STORIES)
def test_markdown_never_crashes_and_positions_lie_inside(text):
    _check_positions("---\ndate: 2020-03-22\n---\n" + text, "story.md")
