"""Suppression comments in Markdown copy, through the real CLI, with the exact positions left."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, found, lint_text, run_cli

# Violations of the example, without comments: 6:111 AN401, 6:167 AN401, 6:187 AN201, 8:17 AN302,
# 10:1 AN301, 12:46 AN202, 15:1 AN103, 15:20 AN106.
ROMA = (ROOT / "examples" / "roma-bantuan-medis-2020.md").read_text(encoding="utf-8").splitlines()


def story(tmp_path: Path, insert: dict[int, str], name: str = "roma.md") -> Path:
    """The example with comment lines inserted before the given (1-based, original) lines."""
    out = []
    for number, line in enumerate(ROMA, 1):
        if number in insert:
            out.append(insert[number])
        out.append(line)
    path = tmp_path / name
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def positions(path: Path, *options: str) -> list[tuple[int, int, str]]:
    result = run_cli("lint", "--isolated", "--no-color", "-q", *options, str(path))
    assert result.returncode in (0, 1), result.stderr
    prefix = f"{path}:"
    out = []
    for line in result.stdout.decode().splitlines():
        assert line.startswith(prefix), line
        number, column, rest = line[len(prefix):].split(":", 2)
        out.append((int(number), int(column), rest.split()[1]))
    return out


def test_disable_next_line_with_a_prefix(tmp_path):
    path = story(tmp_path, {6: "<!-- newslint-disable-next-line AN4 -->"})
    assert positions(path)[:2] == [(7, 187, "AN201"), (9, 17, "AN302")]


def test_disable_and_enable_regions(tmp_path):
    path = story(tmp_path, {
        8: "<!-- newslint-disable AN301, AN302 -- sumber disebut di paragraf lain -->",
        10: "<!-- newslint-enable AN302 -->",
        12: "<!-- newslint-disable -->",
        14: "<!-- newslint-enable -->",
    })
    assert positions(path) == [
        (6, 111, "AN401"), (6, 167, "AN401"), (6, 187, "AN201"),
        # 9 (AN302), 12 (AN301, still disabled after `enable AN302`) and 15 (AN202, all rules off) are hidden
        (19, 1, "AN103"), (19, 20, "AN106"),
    ]


def test_directive_at_the_end_of_a_line(tmp_path):
    lines = list(ROMA)
    lines[5] += " <!-- newslint-disable AN201 -->"  # after the lead's violation: it stays
    lines[7] += " Pesawat pertama mendarat pada Sabtu (22/3)."  # inside the region: hidden
    lines[9] += " <!-- newslint-enable AN201 -->"
    lines.insert(10, "Pada Sabtu (22/3) mereka tiba di Roma, kata juru bicara itu.")
    path = tmp_path / "roma.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert positions(path, "--select", "AN201") == [(6, 187, "AN201"), (11, 6, "AN201")]


def test_plain_text_has_no_directives(tmp_path):
    text = ("<!-- newslint-disable-next-line AN401 -->\n"
            "Moskow (ANTARA) - Presiden Vladimir Puttin menelepon Perdana Menteri Italia Giuseppe Conte.\n")
    path = tmp_path / "rusia.txt"
    path.write_text(text, encoding="utf-8")
    assert positions(path, "--select", "AN401") == [(2, 28, "AN401")]
    md = tmp_path / "rusia.md"
    md.write_text(text, encoding="utf-8")
    assert positions(md, "--select", "AN401") == []


def test_unused_suppressions_are_reported_on_request(tmp_path):
    path = story(tmp_path, {
        6: "<!-- newslint-disable-next-line AN401,AN503 -->",
        12: "<!-- newslint-disable-next-line AN4O1 -->",
    })
    assert not any(rule == "NL006" for _, _, rule in positions(path))
    result = run_cli("lint", "--isolated", "--no-color", "-q", "--report-unused-suppressions", str(path))
    out = result.stdout.decode().splitlines()
    assert [line for line in out if " NL006 " in line] == [
        f"{path}:6:1: warning NL006 unused suppression: AN503 suppressed nothing in `newslint-disable-next-line AN401,AN503`",
        f"{path}:13:1: warning NL006 unused suppression: AN4O1 suppressed nothing in `newslint-disable-next-line AN4O1` "
        "(no active rule matches AN4O1)",
    ]
    assert not any(":7:111:" in line or ":7:167:" in line for line in out)  # AN401 was suppressed


def test_the_directive_itself_is_not_copy(tmp_path):
    lines = list(ROMA)
    lines[11] += " <!-- newslint-disable AN302 -- pukul 19:00 menurut Reuters --- bukan pukul 18:00 -->"
    path = tmp_path / "roma.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert positions(path, "--select", "AN202,AN503") == [(12, 46, "AN202")]
    lines[11] = ROMA[11] + " <!-- catatan: pukul 19:00 menurut Reuters --- bukan pukul 18:00 -->"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # an ordinary comment inside a paragraph is still read as copy
    assert positions(path, "--select", "AN202,AN503") == [(12, 46, "AN202"), (12, 88, "AN202"), (12, 110, "AN503"), (12, 126, "AN202")]


def test_engine_applies_suppressions_to_any_check(tmp_path):
    text = "\n".join(ROMA[:5] + ["<!-- newslint-disable -->"] + ROMA[5:]) + "\n"
    assert len(found(lint_text("\n".join(ROMA) + "\n", path="roma.md"))) == 8
    assert found(lint_text(text, path="roma.md")) == []
    assert found(lint_text(text, path="roma.txt")) != []  # plain text: the comment is copy
