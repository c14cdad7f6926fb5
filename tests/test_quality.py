"""Issue 4: checks a copy editor would trust. Near-miss names, one spelling per story, the story's
date, time zones, attribution traps, and the wire-en pack, on realistic copy with exact positions."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest

from newslint.lexicon import words_in
from newslint.nearmiss import DeleteIndex, capitalised_runs, delete_keys, one_slip
from conftest import ROOT, found, lint_text, run_cli

TRAILER = "Pewarta: Aditya Ramadhan\nEditor: Herry Soebanto\nCopyright © ANTARA {year}\n"


# --- the near-miss index --------------------------------------------------------------------------
@pytest.mark.parametrize("a, b, expected", [
    ("Guiseppe", "Giuseppe", True),    # swapped neighbours
    ("Giusepe", "Giuseppe", True),     # a letter dropped
    ("Puttin", "Putin", True),         # a letter doubled
    ("Marsudy", "Marsudi", True),      # a letter replaced
    ("Mohamad", "Muhammad", False),    # two slips: another name, not a typo
    ("Giuseppe", "Giuseppe", False),   # the same word is no slip
    ("Artidjo", "Ardtijo", False),     # swap of letters that are not neighbours
])
def test_one_slip(a, b, expected):
    assert one_slip(a, b) is expected
    assert one_slip(b, a) is expected


def test_delete_index_finds_words_one_slip_away_only():
    index = DeleteIndex(["Giuseppe", "Conte", "Putin"])
    assert sorted(index.near("Guiseppe")) == ["Giuseppe"]
    assert sorted(index.near("Conti")) == ["Conte"]
    assert list(index.near("Giuseppe")) == []  # a known word is not near itself
    assert list(index.near("Contessa")) == []
    assert list(delete_keys("Rudi")) == ["Rudi", "udi", "Rdi", "Rui", "Rud"]
    assert list(delete_keys("Anna")) == ["Anna", "nna", "Ana", "Ann"]  # each key once


def test_delete_index_finds_words_sharing_a_key_in_the_order_they_were_added():
    """The order must not depend on the hash seed: the consistency check keeps the first of two
    equally frequent spellings, so a set's order would change its message from run to run."""
    index = DeleteIndex(["Conti", "Conte", "Conti", "Conto"])
    assert list(index.near("Cont")) == ["Conti", "Conte", "Conto"]  # "Conti" added twice, found once
    assert list(index.near("Conta")) == ["Conti", "Conte", "Conto"]
    assert pickle.loads(pickle.dumps(index))._keys == index._keys


def test_capitalised_runs_mark_sentence_openers():
    text = 'Menurut Artdijo, kata Andi. "Kita tahu," ujar Hakim Agung Artidjo Alkostar.'
    runs = [[(w[2], w[3]) for w in run] for run in capitalised_runs(text, words_in(text, 0, len(text)))]
    assert runs == [[("Menurut", True), ("Artdijo", False)], [("Andi", False)], [("Kita", True)],
                    [("Hakim", False), ("Agung", False), ("Artidjo", False), ("Alkostar", False)]]


# --- names: near misses -----------------------------------------------------------------------------
def test_near_miss_of_a_dictionary_name_not_in_the_list():
    text = ("Roma (ANTARA) - Mantan perdana menteri Italia Giusseppe Conte memimpin aksi di Roma, Sabtu (5/4).\n"
            "Menteri Luar Negeri Retno Marsudy bertemu Conte.\n" + TRAILER.format(year=2025))
    violations = [v for v in lint_text(text) if v.rule_id == "AN401"]
    assert [(v.line, v.column, v.end_column, v.matched) for v in violations] == [
        (1, 47, 62, "Giusseppe Conte"), (2, 21, 34, "Retno Marsudy")]
    assert violations[0].message == '"Giusseppe Conte" tampaknya salah ketik: tulis "Giuseppe Conte"'
    assert violations[0].fix[0].replacement == "Giuseppe Conte"


@pytest.mark.parametrize("sentence", [
    "Mantan menteri Mohamad Nasir dan Mahathir Mohamad hadir.",      # known real names
    "Kantor berita Conte melaporkan bahwa Puttin hadir.",             # no anchor next to the slip
    "Dosen Muhammad Fatahillah Akbar memandu seminar itu.",
    "Warga Sumatera Utara dan Direktur Utama hadir.",                # places and titles are not people
    "Perdana Menteri Giuseppe Conte dan Presiden Vladimir Putin bertemu.",
])
def test_near_miss_leaves_real_names_alone(sentence):
    text = f"Jakarta (ANTARA) - {sentence}\n" + TRAILER.format(year=2024)
    assert [v for v in lint_text(text) if v.rule_id.startswith("AN4")] == []


def test_listed_wrong_form_is_reported_once_not_also_as_a_near_miss():
    text = "Jakarta (ANTARA) - Presiden Joko Widido meresmikan bendungan.\n" + TRAILER.format(year=2024)
    assert [(v.line, v.column, v.rule_id, v.message) for v in lint_text(text) if v.rule_id.startswith("AN4")] == [
        (1, 29, "AN401", 'Ejaan "Joko Widido" salah: tulis "Joko Widodo"')]


# --- names: one spelling per story -----------------------------------------------------------------
ARTIDJO = """\
Jakarta (ANTARA) - Majelis hakim yang diketuai Artidjo Alkostar menolak permohonan itu, Kamis (11/5).
Artidjo dikenal kerap memperberat hukuman para terpidana korupsi.
Menurut Artdijo, kata Andi, hukuman tambahan tetap berlaku.
Putusan yang dibacakan Artidjo itu bersifat final.
"""


def test_consistency_flags_the_minority_spelling_and_names_the_majority():
    violations = [v for v in lint_text(ARTIDJO + TRAILER.format(year=2023)) if v.rule_id == "AN402"]
    assert [(v.line, v.column, v.end_column) for v in violations] == [(3, 9, 16)]
    assert violations[0].message == ('Ejaan nama tidak konsisten: "Artdijo" ditulis "Artidjo" di bagian lain '
                                     'berita ini (3 kali)')
    assert violations[0].fix == ()  # the majority is a guess: --fix leaves it to the editor


def test_consistency_ignores_titles_next_to_the_minority_form():
    text = ("Garut (ANTARA) - Bupati Garut Rudy Gunawan meresmikan jembatan, Kamis (20/6).\n"
            "Rudy mengatakan jembatan itu dibangun dengan dana desa, kata Rudy.\n"
            "Warga berterima kasih kepada Bupati Rudi.\n" + TRAILER.format(year=2024))
    assert [(v.line, v.column, v.rule_id) for v in lint_text(text) if v.rule_id == "AN402"] == [(3, 37, "AN402")]


@pytest.mark.parametrize("body", [
    # two people, not two spellings
    "Mantan menteri Mohamad Nasir hadir.\nMohammad Mahfud juga hadir, dan Mohammad Mahfud berbicara.",
    "Kasus di Sumatera Utara diusut.\nDirektur Utama dan Wakil Direktur Utama diperiksa.",
    # a weekday next to a name one letter away
    "Ridwan Kamil hadir pada Kamis (20/6), dan rapat lanjutan digelar Kamis (27/6).",
    # a sentence-opening given name is a neighbour: Lestari Rusdi is not Rudi Siregar
    '"Terima kasih," kata Rudi Siregar, lalu kata Rudi Siregar lagi.\nLestari Rusdi mengatakan hal serupa.',
    # a tie says nothing about which form is right
    "Warga bertemu Suparman.\nMenurut Suprman, rapat berjalan lancar.",
])
def test_consistency_traps_pass(body):
    text = f"Jakarta (ANTARA) - {body}\n" + TRAILER.format(year=2024)
    assert [v for v in lint_text(text) if v.rule_id == "AN402"] == []


def test_consistency_in_english_copy_ignores_the_possessive():
    text = ("NAIROBI, Kenya (AP) — The official, Wanjiku Kamau, was detained on Tuesday.\n"
            "Kamau is accused of approving payments, and a lawyer for Kamau denied it.\n"
            "The commission said Kamua's bank accounts had been frozen.\n"
            "Copyright 2024 The Associated Press. All rights reserved.\n")
    violations = [v for v in lint_text(text, refs=("wire-en",)) if v.rule_id == "WE402"]
    assert [(v.line, v.column, v.end_column, v.matched) for v in violations] == [(3, 21, 26, "Kamua")]


# --- dates ------------------------------------------------------------------------------------------
def test_reporting_date_gives_the_year_boundary():
    text = ("Jakarta (ANTARA) - Polisi mencatat malam pergantian tahun berlangsung aman, kata Ade di Jakarta, "
            "Sabtu, 2 Januari 2021.\n"
            "Pengamanan dimulai sejak Senin (28/12) dan pada Kamis (31/12) malam kerumunan dibubarkan.\n"
            "Pembatasan berlaku hingga Jumat (8/1), lalu Selasa (8/1) dievaluasi.\n" + TRAILER.format(year=2021))
    assert found([v for v in lint_text(text) if v.rule_id.startswith("AN2")]) == [(3, 45, "AN201")]


@pytest.mark.parametrize("reference, day_month, year", [
    ("2021-01-02", (28, 12), 2020),   # last December, days before
    ("2025-01-03", (29, 12), 2024),
    ("2020-12-31", (21, 3), 2020),    # this March, not next: too far to cross New Year
    ("2020-12-20", (5, 1), 2021),     # next January, two weeks ahead
    ("2020-10-20", (5, 1), 2020),     # this January: more than two months to next January
    ("2021-01-10", (29, 2), 2021),    # 2020-02-29 is too far back: the reference year (then impossible)
])
def test_nearest_year_crosses_new_year_only_near_it(reference, day_month, year):
    import datetime

    from newslint.calendar_words import nearest_year

    day, month = day_month
    assert nearest_year(month, day, datetime.date.fromisoformat(reference)) == year


def test_reporting_date_checks_the_copyright_year():
    text = ("Kupang (ANTARA) - Beras disalurkan, katanya di Kupang, Minggu, 10 September 2023.\n"
            "Pewarta: A\nEditor: B\nCopyright © ANTARA 2022\n")
    (v,) = [v for v in lint_text(text) if v.rule_id == "AN106"]
    assert (v.line, v.column, v.message) == (4, 20, "Tahun hak cipta 2022 tidak sama dengan tahun berita 2023")


def test_lead_weekday_gives_the_day_when_only_the_copyright_year_is_known():
    text = ("Jakarta (ANTARA) - Kejaksaan Agung menetapkan dua tersangka baru, Jumat (3/1).\n"
            "Penyidik telah memeriksa keduanya pada Minggu (29/12) dan Sabtu (28/12).\n" + TRAILER.format(year=2025))
    # 29 Dec 2024 was a Sunday; 28 Dec 2024 was a Saturday: both right once the story's day is 3 Jan 2025
    assert [v for v in lint_text(text) if v.rule_id == "AN201"] == []
    wrong = text.replace("Sabtu (28/12)", "Jumat (28/12)")
    (v,) = [v for v in lint_text(wrong) if v.rule_id == "AN201"]
    assert (v.line, v.column, v.message) == (
        2, 59, '"Jumat (28/12)": 28 Desember 2024 jatuh pada hari Sabtu, bukan Jumat')


@pytest.mark.parametrize("sentence, columns", [
    ("Rapat dilanjutkan pada Rabu pukul 13.30.", [29]),
    ("Rapat dimulai pukul 10.00 dan pukul 14.00 WIB.", [15]),
    ("Ibadah dimulai pukul 06.00 WIT dan selesai pukul 09.30 WITA.", []),
    ("Layanan dibuka pukul 08.00-16.00 WIB setiap hari.", []),
    ("Gempa terjadi pukul 16.43 waktu setempat.", []),
    ("Skor akhir 2:1 untuk tuan rumah.", []),
])
def test_time_without_zone(sentence, columns):
    text = f"Jakarta (ANTARA) - {sentence}\n" + TRAILER.format(year=2024)
    prefix = len("Jakarta (ANTARA) - ")
    assert [v.column - prefix for v in lint_text(text) if v.rule_id == "AN204"] == columns


def test_english_month_names_in_indonesian_copy_are_reported_once():
    text = ("Jakarta (ANTARA) - Harga minyak turun sejak March 2020 dan naik lagi pada 5 May 2021.\n"
            "Film March of the Penguins diputar ulang pada Maret 2024.\n" + TRAILER.format(year=2024))
    assert [(v.line, v.column, v.matched) for v in lint_text(text) if v.rule_id == "AN203"] == [
        (1, 45, "March"), (1, 77, "May")]


@pytest.mark.parametrize("sentence", [
    "Dua minggu lalu, rapat ditunda.",
    "Minggu lalu, Italia mencatat lonjakan kasus.",
    "Minggu ini saja, 3.000 warga berobat.",
    "Posko menerima bantuan sejak Jum'at malam, kata Roy di Banjarmasin, Ahad.",
    "Pelaku dijerat UU 35/2009 dan Perda 5/2021, warga RT 05/RW 03 menjadi saksi.",
    "Indonesia menang 2:1 atas Arab Saudi.",
])
def test_date_traps_pass(sentence):
    text = f"Jakarta (ANTARA) - {sentence}\n" + TRAILER.format(year=2024)
    assert [v for v in lint_text(text) if v.rule_id.startswith("AN2")] == []


# --- attribution ------------------------------------------------------------------------------------
@pytest.mark.parametrize("body, expected", [
    # curly marks, no speaker
    ("Kabut asap menebal.\n“Sekolah-sekolah kami minta memulangkan siswa lebih awal.”\nBandara menunda penerbangan.",
     [(2, 1)]),
    # a quote over two paragraphs with no speaker anywhere
    ('Longsor menimbun jalan.\n"Kendaraan kami alihkan lewat jalur alternatif Jonggol.\n'
     '"Pengguna jalan kami minta bersabar."\nHujan masih turun.', [(2, 1)]),
    # attribution before the quote, in the paragraph ending with a colon
    ("Budi menyampaikan hal itu dalam rapat:\n\"Kami menemukan kantong anak yang belum diimunisasi.\"", []),
    ("Menurut Jamaluddin, “Tingkat hunian hotel di Lombok Tengah sudah penuh sejak awal bulan.”", []),
    # reported speech and quoted words
    ("Perry menyebut inflasi diperkirakan tetap terkendali.\nEkonom menyebutnya langkah \"tunggu dan lihat\".", []),
    ('"Saksi ditanya soal catatan berbunyi \'segera tanda tangani kontrak\'," kata Ali.', []),
    # the inverted tag attributes whatever its verb; a full stop inside the marks is no tag
    ('"Jangan sampai rakyat kesulitan membeli beras," pinta Jokowi.\n"Kami tidak akan menaikkan harga lagi!" '
     'serunya.\n"Harga beras di pasar ini sudah turun sejak pekan lalu." Warga menyambut baik.', [(3, 1)]),
])
def test_attribution(body, expected):
    text = f"Jakarta (ANTARA) - Berita hari ini.\n{body}\n" + TRAILER.format(year=2024)
    assert [(v.line - 1, v.column) for v in lint_text(text) if v.rule_id == "AN301"] == expected


@pytest.mark.parametrize("body, expected", [
    ("PT Angkasa Pura II (AP II) menambah penerbangan.\nPartai PTI menggelar unjuk rasa.", []),
    ("Direktur AP II hadir.\nKantor berita AP melaporkan sembilan hakim meragukan tarif itu.", [(2, 15)]),
    ("Hakim meragukan tarif itu, seperti dilaporkan AP.", [(1, 47)]),
    ("Menurut laporan AFP, korban tewas bertambah.", [(1, 17)]),
    ("Indonesia menerima 2 juta dosis vaksin Sputnik V.", []),
])
def test_credit_for_ambiguous_agency_names_needs_a_cue(body, expected):
    text = f"Jakarta (ANTARA) - Berita hari ini.\n{body}\n" + TRAILER.format(year=2024)
    assert [(v.line - 1, v.column) for v in lint_text(text) if v.rule_id == "AN302"] == expected


def test_short_quote_inside_a_sentence_is_a_quoted_word():
    text = ('ATLANTA (AP) — Supporters of the rule have called the ruling "disappointing."\n'
            'The chair said, "No."\n"Count it all."\n'
            "Copyright 2024 The Associated Press. All rights reserved.\n")
    assert [(v.line, v.column) for v in lint_text(text, refs=("wire-en",)) if v.rule_id == "WE301"] == [(3, 1)]


# --- the wire-en pack -------------------------------------------------------------------------------
WIRE = """\
LOS ANGELES (AP) — A wildfire that started on January 7 has destroyed more than 6,000 buildings.
Lawmakers met early on Mar. 15 and again on June 15th, before the outbreak that began in Aug. ended.
Counting should end by Friday, Nov. 7, officials said.
"The policy is not negotiable," the minister stated at a briefing.
"This is a contract that puts students first and respects the people who teach them."
Copyright 2023 The Associated Press. All rights reserved.
"""


def test_wire_en_pack_through_the_cli(tmp_path):
    story = tmp_path / "wildfire.txt"
    story.write_text(WIRE, encoding="utf-8")
    result = run_cli("lint", "--pack", "wire-en", "--date", "2024-11-06", "--no-color", "-q", str(story))
    assert result.returncode == 1, result.stderr
    lines = [line.split(" ", 3)[:3] for line in result.stdout.decode().splitlines()]
    located = [(place.split(":", 1)[1].rstrip(":"), rule) for place, _, rule in lines]
    assert located == [
        ("1:47", "WE202"), ("2:24", "WE203"), ("2:45", "WE205"), ("2:90", "WE204"), ("3:24", "WE201"),
        ("4:46", "WE302"), ("5:1", "WE301"), ("6:11", "WE602"),
    ]
    assert '"Friday, Nov. 7": November 7, 2024 is a Thursday, not a Friday' in result.stdout.decode()


@pytest.mark.parametrize("text", [
    "GENEVA, Oct 9 (Reuters) - The agency said on Wednesday that cases were rising.\n"
    "\"We are seeing fewer deaths,\" Tedros said.\n(Reporting by Emma Farge; Editing by Alison Williams)\n",
    "MADRID (Reuters) - Real Madrid beat Real Betis 2-1 on Sunday, with a goal in the 88th minute, "
    "a test of \"21st century football\" and \"real character.\"\n"
    "He did not play in the 3-0 win on May 4.\n(Reporting by Fernando Kallas; Editing by Ken Ferris)\n",
    "PARIS (AP) — Farmers planned to march on the National Assembly in January and may protest in May.\n"
    "Copyright 2024 The Associated Press. All rights reserved.\n",
])
def test_wire_en_clean_copy_passes(text):
    assert lint_text(text, path="story.md", refs=("wire-en",), date="2024-05-26") == []


@pytest.mark.parametrize("text, expected", [
    ("NEW DELHI/MUMBAI (Reuters) - India's central bank held rates on Friday.\n", []),
    ('JAKARTA (Reuters) - "The policy is not negotiable," Coordinating Minister Airlangga Hartarto stated.\n',
     [(1, 94, "WE302")]),
    ('JAKARTA (Reuters) - "We are ready," he said after the government declared an emergency.\n', []),
])
def test_wire_en_dateline_and_said(text, expected):
    text += "(Reporting by Stefanno Sulaiman; Editing by Martin Petty)\n"
    assert found(lint_text(text, refs=("wire-en",))) == expected


def test_agency_trailers_apply_only_to_their_agency():
    reuters = "BANGKOK (Reuters) - The court removed the prime minister on Wednesday.\nParliament will vote.\n"
    ap = "NEW YORK (AP) — Stocks drifted lower on Tuesday.\nTreasury yields were steady.\n"
    assert found([v for v in lint_text(reuters, refs=("wire-en",)) if v.rule_id.startswith("WE6")]) == [(2, 1, "WE601")]
    assert found([v for v in lint_text(ap, refs=("wire-en",)) if v.rule_id.startswith("WE6")]) == [(2, 1, "WE602")]


def test_test_rules_passes_for_both_shipped_packs():
    result = run_cli("test-rules", "antara", "wire-en")
    assert result.returncode == 0, result.stdout
    assert "rules pass their examples." in result.stdout.decode()


# --- the evaluation set -----------------------------------------------------------------------------
def test_evaluation_set_meets_the_targets():
    """Precision and recall of at least 0.95 per check on bench/eval (see bench/eval/README.md)."""
    sys.path.insert(0, str(ROOT / "bench" / "eval"))
    try:
        import score
    finally:
        sys.path.pop(0)
    here = Path(score.HERE)
    for stories, labels in ((here / "stories", here / "labels.yaml"),
                            (here / "holdout" / "stories", here / "holdout" / "labels.yaml"),
                            (here / "holdout2" / "stories", here / "holdout2" / "labels.yaml")):
        tallies = score.score(stories, labels)
        low = {name: (round(t.precision, 2), round(t.recall, 2)) for name, t in tallies.items()
               if t.precision < 0.95 or t.recall < 0.95}
        assert low == {}, (stories, {n: (t.misses, t.false_alarms) for n, t in tallies.items() if n in low})


TIE = """Jakarta (ANTARA) - Hakim agung Artidjo memimpin sidang itu, Senin (2/3).

Menurut keterangan, Artidjo menolak kasasi dan Ardijo menguatkan putusan banding.

Sidang juga dihadiri Ardijo dan Artdijo dari kejaksaan.

Pewarta: Yuni Arisandy
Editor: Andi Jauhari
COPYRIGHT \u00a9 ANTARA 2020
"""


def test_the_report_does_not_depend_on_the_hash_seed(tmp_path):
    """Python orders sets of strings by a hash that changes from run to run. `Artdijo` is one slip
    from both `Artidjo` and `Ardijo`, each written twice: when the near words came out of a set,
    seed 1 named `Artidjo` and seed 5 `Ardijo`. Now the first found in a fixed order is named,
    on this story and on every labelled story."""
    (tmp_path / "tie.txt").write_text(TIE, encoding="utf-8")
    stories = [str(tmp_path / "tie.txt")] + [str(ROOT / "bench" / "eval" / folder)
                                             for folder in ("stories", "holdout", "holdout2")]
    runs = [run_cli("lint", "--no-cache", "-j", "1", "--format", "json", *stories,
                    env={"PYTHONHASHSEED": seed}) for seed in ("1", "5")]
    assert runs[0].returncode == 1 and runs[0].stderr == b""
    assert b'"Artdijo\\" ditulis \\"Ardijo\\"' in runs[0].stdout
    assert len(runs[0].stdout) > 10_000
    assert runs[0].stdout == runs[1].stdout
