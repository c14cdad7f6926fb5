"""bench/budget.py: its one-pass trigger scan finds what a plain list of the literals finds."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("budget", ROOT / "bench" / "budget.py")
budget = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(budget)

words = st.sets(st.text(alphabet="abcS%(.-", min_size=1, max_size=5), min_size=1, max_size=12)


@given(words, st.text(alphabet="abcS%(.- x", max_size=60))
def test_the_trie_finds_what_the_flat_alternation_finds(literals, text):
    flat = re.compile("|".join(re.escape(w) for w in sorted(literals, key=len, reverse=True)))
    assert re.findall(budget.trie(literals), text) == flat.findall(text)


def test_the_trie_shares_prefixes():
    assert budget.trie({"Senin", "Selasa"}) == "Se(?:lasa|nin)"
    assert budget.trie({"Rp", "Rp."}) == r"Rp(?:\.)?"


def test_the_scan_reads_the_literals_off_the_rules_and_folds_case_insensitive_ones():
    from newslint.packs import load_packs

    rules = [r for r in load_packs(["antara"]).rules if r.id in ("AN501", "AN202", "AN401")]
    scan, covered, uncovered = budget.trigger_scan(rules)
    assert covered == ["AN202", "AN501"] and uncovered == ["AN401"]  # a names rule has no pattern
    assert scan("Rapat dimulai PUKUL 18:00, tiket Rp 5.000.") == (["Rp"], ["pukul"])
