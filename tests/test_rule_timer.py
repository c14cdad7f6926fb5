"""The per-rule time limit holds both ways it is kept: a timer signal on the main thread, and
regex's own `timeout=` elsewhere (threads), and never leaves a timer or handler behind."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

from newslint.context import Context
from newslint.document import Document
from newslint.engine import RunOptions, lint_document
from newslint.packs import load_packs

SLOW = "  - id: SLOW\n    kind: forbidden\n    scope: document\n    pattern: '(a|aa)+$'\n    message: m\n"
QUICK = "  - id: QUICK\n    kind: forbidden\n    scope: document\n    pattern: 'bahwasanya'\n    message: m\n"
TEXT = "Dia berkata bahwasanya " + "a" * 60 + "b\n"


def _rules(tmp_path: Path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n" + SLOW + QUICK, encoding="utf-8")
    return load_packs([str(pack)]).rules


def _ids(violations) -> list[str]:
    return [v.rule_id for v in violations]


def test_main_thread_uses_the_timer_and_restores_the_handler(tmp_path):
    def previous(signum, frame):  # a host program's own handler
        raise AssertionError("must not be called")

    assert Context(Document.from_text(TEXT), timeout=0.2).use_timer
    old = signal.signal(signal.SIGALRM, previous)
    try:
        found = lint_document(Document.from_text(TEXT), _rules(tmp_path), RunOptions(timeout=0.2))
        assert sorted(_ids(found)) == ["NL003", "QUICK"]
        assert signal.getsignal(signal.SIGALRM) is previous
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, old)


def test_other_threads_fall_back_to_regex_timeouts(tmp_path):
    rules = _rules(tmp_path)
    results: list[list[str]] = []
    modes: list[bool] = []
    probe = threading.Thread(target=lambda: modes.append(Context(Document.from_text(TEXT), timeout=0.2).use_timer))
    probe.start()
    probe.join()
    assert modes == [False]
    worker = threading.Thread(target=lambda: results.append(
        _ids(lint_document(Document.from_text(TEXT), rules, RunOptions(timeout=0.2)))))
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert sorted(results[0]) == ["NL003", "QUICK"]


def _two_rules(tmp_path: Path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n" + QUICK + QUICK.replace("QUICK", "QUICK2"), encoding="utf-8")
    return load_packs([str(pack)]).rules


def test_each_rule_has_its_own_time_though_the_timer_is_set_once(tmp_path, monkeypatch):
    """Two rules that each take 60% of the limit: the alarm set for the first goes off during the
    second, which must get the rest of its own time, not be stopped."""
    import time

    from newslint.checks import KINDS

    def slowish(doc, rule, ctx):
        time.sleep(0.3)
        yield from ()

    monkeypatch.setattr(KINDS["forbidden"], "check", slowish)
    found = lint_document(Document.from_text(TEXT), _two_rules(tmp_path), RunOptions(timeout=0.5))
    assert _ids(found) == []
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_shared_work_is_not_charged_to_the_rule_that_asks_first(tmp_path, monkeypatch):
    import time

    from newslint.checks import KINDS

    def asks_for_shared_work(doc, rule, ctx):
        ctx._shared(lambda: time.sleep(0.4))  # longer than the limit, but no rule's time
        yield from ()

    monkeypatch.setattr(KINDS["forbidden"], "check", asks_for_shared_work)
    found = lint_document(Document.from_text(TEXT), _two_rules(tmp_path)[:1], RunOptions(timeout=0.25))
    assert _ids(found) == []


def test_a_rule_out_of_time_is_told_what_to_do_about_it(tmp_path):
    """NL003 tells a pack author to simplify the pattern they wrote, and for a kind whose
    matching is newslint's own (one spelling per story), that the story itself is unusual."""
    from newslint.checks._common import UNUSUAL_COPY

    many_names = " ".join(f"Nama{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676)}" for i in range(20_000))
    consistency = load_packs(["antara"]).rule("AN402")
    found = lint_document(Document.from_text(many_names + "\n"), [consistency], RunOptions(timeout=0.01))
    assert [v.rule_id for v in found] == ["NL003"]
    assert f"AN402 took longer than 0.01 s on this file and was stopped; {UNUSUAL_COPY}" in found[0].message
    slow = lint_document(Document.from_text(TEXT), _rules(tmp_path), RunOptions(timeout=0.2))
    assert "simplify its pattern" in next(v.message for v in slow if v.rule_id == "NL003")
