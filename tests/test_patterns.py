"""newslint's own patterns: compiled on first use, carried by the pack cache (newslint.patterns)."""

from __future__ import annotations

import pickle

import regex

from newslint import cache, patterns
from newslint.anatomy import _TRAILER
from newslint.patterns import LazyPattern, lazy


def test_a_lazy_pattern_matches_as_the_compiled_pattern_does():
    pattern = lazy(r"(?P<day>Sabtu|Minggu)[ \t]*\((?P<d>\d{1,2})/(?P<m>\d{1,2})\)", regex.I)
    text = "Jakarta (ANTARA) - Presiden meresmikan jembatan itu pada sabtu (21/3) pagi."
    compiled = regex.compile(pattern.source, regex.I)
    assert pattern.search(text).span() == compiled.search(text).span() == (57, 69)
    assert [m["d"] for m in pattern.finditer(text)] == ["21"]
    assert pattern.groupindex == compiled.groupindex  # attributes other than methods come through too
    assert pattern.sub("X", text) == compiled.sub("X", text)


def test_restored_patterns_are_used_without_compiling_again(monkeypatch):
    source = r"Pewarta[ \t]*:[ \t]*(?P<name>[^\r\n]+)"
    restored = regex.compile(source, regex.M)
    patterns.restore({(source, int(regex.M)): restored})
    monkeypatch.setattr(regex, "compile", lambda *a, **k: (_ for _ in ()).throw(AssertionError("compiled again")))
    pattern = lazy(source, regex.M)
    assert pattern.compiled() is restored
    assert pattern.search("Pewarta: Yuni Arisandy\r\n")["name"] == "Yuni Arisandy"


def test_restore_ignores_entries_that_are_not_patterns():
    patterns.restore({("x", 0): "not a pattern", "not a key": regex.compile("y")})
    assert ("x", 0) not in patterns._compiled


def test_a_lazy_pattern_pickles_as_its_source_and_flags():
    pattern = lazy(r"\bcopyright\b", regex.I)
    back = pickle.loads(pickle.dumps(pattern))
    assert isinstance(back, LazyPattern)
    assert (back.source, back.flags_given) == (pattern.source, int(regex.I))
    assert back.search("COPYRIGHT © ANTARA 2020").span() == (0, 9)


def test_the_pack_cache_carries_the_engines_patterns(tmp_path):
    """A run whose packs come from the cache gets the anatomy's patterns without compiling them."""
    cache.load_packs(["antara"], tmp_path)
    [entry_file] = list((tmp_path / "packs").glob("*.pickle"))
    with open(entry_file, "rb") as handle:
        entry = cache._PackUnpickler(handle).load()
    key = (_TRAILER.source, _TRAILER.flags_given)
    assert key in entry["patterns"]
    assert entry["patterns"][key].pattern == _TRAILER.source
    assert entry["patterns"][key].search("Pewarta: Yuni Arisandy") is not None


def test_the_pack_cache_carries_what_the_screens_read_off_the_rules_patterns(tmp_path, monkeypatch):
    """The literals each rule's pattern needs (`literals.needs`) are read when the pack is compiled
    and stored with it: a run whose packs come from the cache does not read them again."""
    from newslint import literals

    monkeypatch.setattr(literals, "_READ", {})
    pack, _ = cache.load_packs(["antara"], tmp_path)
    [entry_file] = list((tmp_path / "packs").glob("*.pickle"))
    with open(entry_file, "rb") as handle:
        stored = cache._PackUnpickler(handle).load()["literals"]
    rp = next(r for r in pack.rules if r.id == "AN501").compiled.patterns[0]
    assert stored[(rp.pattern, rp.flags)] == frozenset({("Rp", False)})

    monkeypatch.setattr(literals, "_READ", {})
    monkeypatch.setattr(literals, "_read", lambda *a: (_ for _ in ()).throw(AssertionError("read again")))
    cached, _ = cache.load_packs(["antara"], tmp_path)
    rp = next(r for r in cached.rules if r.id == "AN501").compiled.patterns[0]
    assert literals.needs(rp.pattern, rp.flags) == frozenset({("Rp", False)})
