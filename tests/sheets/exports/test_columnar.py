"""The columnar (DuckDB) path stores what the Python path stores, or leaves the file to it."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roidesk.core.problems import InputError
from roidesk.core.records import Settings
from roidesk.sheets import workbook
from roidesk.sheets.exports import columnar
from roidesk.sheets.exports.importer import analyse, import_export
from roidesk.sheets.exports.reading import read_file
from roidesk.sheets.workbook import fingerprint
from roidesk.storage import Workspace

META = "Campaign name;Ad name;Day;Amount spent (EUR);Impressions;Link clicks;Reporting ends"
#: Columns that differ between two imports of one file whatever the path (the clock).
_CLOCK = {"imported_at"}


def _snapshot(path: Path) -> dict[str, list[dict]]:
    """Every table an import writes, row by row in id order, without the import's time."""
    connection = sqlite3.connect(path)
    tables = ["campaigns", "results", "costs", "import_batches", "result_months"]
    snapshot = {}
    for table in tables:
        cursor = connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3")
        names = [d[0] for d in cursor.description]
        snapshot[table] = [
            {n: value for n, value in zip(names, row, strict=True) if n not in _CLOCK}
            for row in cursor
        ]
    connection.close()
    return snapshot


def _import(folder: Path, path: Path, *, columnar_path: bool, **options) -> tuple:
    """The outcome of importing ``path`` into a fresh workspace by one path: the summary
    lines and stored tables, or the problems; and whether the columnar path read it."""
    original = columnar.MIN_BYTES
    columnar.MIN_BYTES = 0 if columnar_path else 1 << 60
    took = []
    summed = columnar.summed

    def spy(*args, **kwargs):
        found = summed(*args, **kwargs)
        took.append(found is not None)
        return found

    columnar.summed = spy
    name = folder / f"{'columnar' if columnar_path else 'python'}.roidesk"
    name.unlink(missing_ok=True)
    try:
        with Workspace.create(name, Settings(currency="EUR")) as workspace:
            try:
                done = import_export(workspace, path, **options)
            except InputError as error:
                return ("refused", [str(p) for p in error.problems]), any(took)
        return ("imported", done.lines(), _snapshot(name)), any(took)
    finally:
        columnar.MIN_BYTES = original
        columnar.summed = summed


def _both(folder: Path, path: Path, **options) -> bool:
    """Import by both paths, assert equal outcomes; True when the columnar path read it."""
    python, _ = _import(folder, path, columnar_path=False, **options)
    other, took = _import(folder, path, columnar_path=True, **options)
    assert other == python
    return took


def _write(folder: Path, lines: list[str], name: str = "export.csv", newline: str = "\n") -> Path:
    path = folder / name
    path.write_bytes(newline.join(lines).encode("utf-8") + newline.encode())
    return path


def test_plain_meta_export_is_read_by_duckdb_with_hand_computed_sums(tmp_path: Path) -> None:
    """A plain export goes the columnar way, and its sums are the hand-computed ones."""
    path = _write(
        tmp_path,
        [
            META,
            "Spring;Ad 1;2025-03-01;10.50;1000;10;2025-03-01",
            "Spring;Ad 2;2025-03-01;2.25;500;;2025-03-01",
            "spring ;Ad 3;2025-03-01;0;7;3;2025-03-01",
            "Autumn;Ad 1;2025-03-02;1.0001;10;1;2025-03-31",
        ],
    )
    assert _both(tmp_path, path)
    outcome, _ = _import(tmp_path, path, columnar_path=True)
    _, lines, tables = outcome
    # Spring and "spring " are one campaign; 10.50 + 2.25 + 0 = €12.75, 1000 + 500 + 7 impressions
    assert [row["name"] for row in tables["campaigns"]] == ["Spring", "Autumn"]
    assert "imported 4 rows as Facebook (2 advertising costs)" in lines[0]
    assert "period 2025-03-01 to 2025-03-31" in lines[1]
    assert "impressions 1,517" in lines[2] and "link clicks 14" in lines[2]
    assert "spend €13.75" in lines[2]  # 12.75 + 1.0001 shown to the cent
    costs = sorted((c["start_date"], c["end_date"], c["amount"]) for c in tables["costs"])
    assert costs == [("2025-03-01", None, 127500), ("2025-03-02", "2025-03-31", 10001)]
    results = [(r["date"], r["impressions"], r["link_clicks"]) for r in tables["results"]]
    assert results == [("2025-03-01", 1507, 13), ("2025-03-02", 10, 1)]


@pytest.mark.parametrize(
    ("case", "lines", "columnar_reads"),
    [
        ("decimal comma", [META.replace(";", "\t"), *[
            f"Winter\tAd\t2025-01-0{d}\t{d},5\t{d}00\t{d}\t2025-01-0{d}" for d in range(1, 8)
        ]], True),
        ("currency column", [META + ";Currency", "A;x;2025-01-01;1.5;10;1;2025-01-01;EUR",
                             "A;x;2025-01-02;2.5;10;1;2025-01-02;eur"], True),
        ("cells naming one campaign", [META, "Spring;x;2025-01-01;1;10;1;2025-01-01",
                                       " Spring ;x;2025-01-01;2;;3;2025-01-01",
                                       "Spring  ;x;2025-01-02;0;5;;2025-01-02",
                                       "Spring ;x;2025-01-02;4;;;2025-01-02"], True),
        ("costs in order of day and campaign", [META, " Spring ;x;2025-01-01;2;1;1;2025-01-01",
                                           "Spring;x;2025-01-02;1;1;1;2025-01-02",
                                           "Spring;x;2025-01-01;5;1;1;2025-01-01"], True),
        ("no campaign column", ["Day;Amount spent (EUR);Impressions",
                                "2025-01-01;1;10", "2025-01-01;2;20"], True),
        ("blank line in the data", [META, "A;x;2025-01-01;1;10;1;2025-01-01", "",
                                    "B;x;2025-01-02;2;20;2;2025-01-02"], True),
        ("title above the header", ["Ad report", "# 20250101-20250131", META,
                                    "A;x;2025-01-01;1;10;1;2025-01-01"], True),
        ("totals row", [META, "A;x;2025-01-01;1;10;1;2025-01-01",
                        "Total;;;1;10;1;"], False),
        ("repeated header", [META, "A;x;2025-01-01;1;10;1;2025-01-01", META], False),
        ("empty token", [META, "A;x;2025-01-01;--;10;1;2025-01-01"], False),
        ("thousands", [META, "A;x;2025-01-01;1,234.50;10;1;2025-01-01"], False),
        ("text date", [META, "A;x;01/02/2025;1;10;1;01/02/2025"], False),
        ("bad number", [META, "A;x;2025-01-01;abc;10;1;2025-01-01"], False),
        ("impossible date", [META, "A;x;2025-02-30;1;10;1;2025-02-30"], False),
        ("negative", [META, "A;x;2025-01-01;-1;10;1;2025-01-01"], False),
        ("five decimals", [META, "A;x;2025-01-01;1.00005;10;1;2025-01-01"], False),
        ("leading zeros", [META, "A;x;2025-01-01;1;010;1;2025-01-01"], True),
        ("a count rounded half up", [META, "A;x;2025-01-01;1;10.5;1;2025-01-01"], True),
        ("a fifth decimal", [META, "A;x;2025-01-01;0.00005;10;1;2025-01-01",
                             "A;x;2025-01-01;0.00005;10;1;2025-01-01"], False),
        ("a trillion", [META, "A;x;2025-01-01;1;1000000000000;1;2025-01-01"], False),
        ("a count with a thousands dot", [META, "A;x;2025-01-01;1;7;1;2025-01-01",
                                          "A;x;2025-01-02;1;1.000;1;2025-01-02"], False),
        ("a count with a thousands comma", [META, "A;x;2025-01-01;1;1,000;1;2025-01-01"], False),
        ("counts with a decimal dot", [META, "A;x;2025-01-01;1;10.5;1;2025-01-01",
                                       "A;x;2025-01-02;1;1.000;1;2025-01-02"], True),
        ("counts with a decimal comma", [META, "A;x;2025-01-01;1,5;10,5;1;2025-01-01",
                                         "A;x;2025-01-02;1,25;1,000;1;2025-01-02"], True),
        ("counts with a comma, money with a dot", [META, "A;x;2025-01-01;1.5;10,5;1;2025-01-01"],
         False),
        ("money with two dots", [META, "A;x;2025-01-01;1.234.567;10;1;2025-01-01"], False),
        ("money in exponent form", [META, "A;x;2025-01-01;1e2;10;1;2025-01-01"], True),
        ("hexadecimal count", [META, "A;x;2025-01-01;1;0x10;1;2025-01-01"], False),
        ("year of three digits", [META, "A;x;999-01-01;1;10;1;999-01-01"], False),
        ("short row", [META, "A;x;2025-01-01;1;10;1;2025-01-01", "B;x;2025-01-02;1"], False),
        ("no date", [META, "A;x;;1;10;1;"], False),
        ("one cell filled", ["Impressions;Day;Amount spent (EUR)", "5;2025-01-01;1",
                             ";2025-01-02;"], False),
        ("two currencies", [META.replace("(EUR)", "(PLN)") + ";Currency",
                            "A;x;2025-01-01;1;10;1;2025-01-01;EUR"], False),
        ("quoted", [META, '"A;B";x;2025-01-01;1;10;1;2025-01-01'], True),
        ("quoted like Meta's", ['"' + META.replace(";", '";"') + '"',
                                '"Spring,""23""";"x";"2025-01-01";1.5;10;1;"2025-01-01"',
                                'Autumn;x;2025-01-02;2.5;20;2;2025-01-02'], True),
        ("a blank beside a quote", [META, 'A; "x";2025-01-01;1;10;1;2025-01-01'], False),
        ("text after a closing quote", [META, '"A"B;x;2025-01-01;1;10;1;2025-01-01'], False),
        ("a line break in a quoted cell", [META, '"A\nB";x;2025-01-01;1;10;1;2025-01-01'],
         True),
        ("a quoted title over two lines", ['"Ad report\nJanuary"', META,
                                           "A;x;2025-01-01;1;10;1;2025-01-01"], False),
        ("only a header", [META], False),
        ("an unclosed quote", [META, '"A;x;2025-01-01;1;10;1;2025-01-01'], False),
    ],
)  # fmt: skip
def test_both_paths_agree(
    tmp_path: Path, case: str, lines: list[str], columnar_reads: bool
) -> None:
    """Every kind of file gives the same rows, costs, summary or problems either way; the
    columnar path reads the plain ones and leaves the rest to the Python path."""
    path = _write(tmp_path, lines)
    assert _both(tmp_path, path) is columnar_reads, case


def test_the_wizards_mapping_is_followed(tmp_path: Path) -> None:
    """An import from the wizard (its analysis, with a column the user unmapped) goes the
    columnar way with that mapping and stores what the Python path stores with it."""
    path = _write(
        tmp_path,
        [META, "A;x;2025-01-01;1.5;10;4;2025-01-01", "B;x;2025-01-02;2.5;20;6;2025-01-02"],
    )

    def wizard_analysis():
        analysis = analyse(read_file(path))
        del analysis.mapping["link_clicks"]
        return analysis

    python, _ = _import(tmp_path, path, columnar_path=False, analysis=wizard_analysis())
    other, took = _import(tmp_path, path, columnar_path=True, analysis=wizard_analysis())
    assert took and other == python
    assert all(row["link_clicks"] is None for row in other[2]["results"])
    assert [row["impressions"] for row in other[2]["results"]] == [10, 20]


def test_a_line_break_in_a_quoted_cell_below_the_head(tmp_path: Path) -> None:
    """A campaign name over two lines far below the header goes the columnar way; row order
    (the order of costs and results) follows records, not lines."""
    rows = [f"C{i % 3};x;2025-01-{1 + i % 9:02d};1.5;{i};1;2025-01-01" for i in range(80)]
    rows[70] = '"Two\nlines";x;2025-01-05;2;3;4;2025-01-05'
    assert _both(tmp_path, _write(tmp_path, [META, *rows]))


@pytest.mark.parametrize("rows_changed", [{80: "B;x;2025-01-02;1"}, {80: "B;x;2025-01-02;1;2;3;4;5",
                                             81: "B;x;2025-01-02;1;2;3"}])  # fmt: skip
def test_rows_of_another_width_below_the_head(tmp_path: Path, rows_changed: dict) -> None:
    """A row too narrow far below the header, or one too wide beside one too narrow (the same
    number of cells in all), leaves the file to the Python path, which names them."""
    rows = [f"C{i % 3};x;2025-01-{1 + i % 9:02d};1.5;{i};1;2025-01-01" for i in range(120)]
    for at, row in rows_changed.items():
        rows[at] = row
    assert not _both(tmp_path, _write(tmp_path, [META, *rows]))


def test_windows_line_endings_and_a_lone_carriage_return(tmp_path: Path) -> None:
    """CRLF files go the columnar way; a lone CR (a line break for Python) does not."""
    rows = [META, "A;x;2025-01-01;1;10;1;2025-01-01", "B;x;2025-01-02;2;20;2;2025-01-02"]
    assert _both(tmp_path, _write(tmp_path, rows, newline="\r\n"))
    lone = tmp_path / "lone.csv"
    lone.write_bytes(("\n".join(rows[:2]) + "\r" + rows[2] + "\n").encode())
    assert not _both(tmp_path, lone)
    for endings in ("\r", "\r\r\n", "\n\r"):
        mixed = tmp_path / "mixed.csv"
        mixed.write_bytes((rows[0] + "\n" + endings.join(rows[1:]) + "\n").encode())
        assert not _both(tmp_path, mixed), repr(endings)


def test_not_utf8_is_left_to_the_python_path(tmp_path: Path) -> None:
    """Windows-1250 text (decoded and reported by the Python path) is not read by DuckDB."""
    path = tmp_path / "cp1250.csv"
    path.write_bytes(
        "\n".join([META, "Łódź;x;2025-01-01;1;10;1;2025-01-01"]).encode("cp1250") + b"\n"
    )
    assert not _both(tmp_path, path)


def test_a_big_file_goes_the_columnar_way_at_the_usual_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above MIN_BYTES an import uses DuckDB without any setting; below it, Python."""
    rows = [f"C{i % 7};Ad;2025-01-{1 + i % 28:02d};1.25;{i};1;2025-01-01" for i in range(40_000)]
    path = _write(tmp_path, [META, *rows])
    assert path.stat().st_size > columnar.MIN_BYTES
    summed_by_duckdb = []
    summed = columnar.summed

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        summed_by_duckdb.append(summed(*args, **kwargs))
        return summed_by_duckdb[-1]

    monkeypatch.setattr(columnar, "summed", spy)
    with Workspace.create(tmp_path / "w.roidesk", Settings(currency="EUR")) as workspace:
        done = import_export(workspace, path)
    assert len(summed_by_duckdb) == 1 and summed_by_duckdb[0] is not None
    assert done.rows_imported == 40_000
    assert done.totals["spend"] == Decimal("50000.0000")  # 40,000 × €1.25
    assert done.totals["impressions"] == sum(range(40_000))
    assert done.period == (date(2025, 1, 1), date(2025, 1, 28))
    assert columnar.read_head(_write(tmp_path, [META, *rows[:10]], "small.csv")) is None


def test_a_thousands_separator_below_the_sample(tmp_path: Path) -> None:
    """Counts that are plain digits in the first rows are read with dots and commas as
    thousands separators by the Python path (1.000 is a thousand): the same count far below
    those rows sends the file to the Python path, never read by DuckDB as 1."""
    rows = [f"A;x;2025-01-{1 + i % 28:02d};1.5;{i};1;2025-01-01" for i in range(5100)]
    rows.append("A;x;2025-01-05;1.5;1.000;1;2025-01-05")
    path = _write(tmp_path, [META, *rows])
    assert not _both(tmp_path, path)
    outcome, _ = _import(tmp_path, path, columnar_path=False)
    impressions = sum(row["impressions"] or 0 for row in outcome[2]["results"])
    assert impressions == sum(range(5100)) + 1000


@pytest.mark.parametrize(
    ("mark", "plain"),
    [(b"\x00", False), ("\u2028".encode(), False), ("\x85".encode(), False), (b"\x1e", False),
     (b'; "', False), (b'"x"', True), (b"\xc3\xb6", True)],
)  # fmt: skip
@pytest.mark.parametrize("at", [5, 6, 7, 8, 13])
def test_one_pass_finds_marks_across_chunk_seams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mark: bytes, plain: bool, at: int
) -> None:
    """The import reads a file once for its fingerprint and the bytes that keep DuckDB away,
    in chunks: a mark split over two chunks counts, and the fingerprint is the file's SHA-256."""
    monkeypatch.setattr(workbook, "_CHUNK", 8)
    data = bytearray(b"abc;def\nghi;jkl\n")
    data[at:at] = mark
    path = tmp_path / "seam.csv"
    path.write_bytes(bytes(data))
    found = columnar.scan(path)
    assert found.plain(path, ";") is plain
    assert found.digest == fingerprint(path)


def test_a_file_starting_with_a_blank_is_looked_at_closer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blank first byte in a file with quotes may be a cell with blanks before its quote:
    the scan marks it, whichever chunk the quote is in."""
    monkeypatch.setattr(workbook, "_CHUNK", 8)
    path = tmp_path / "blank.csv"
    path.write_bytes(b' a;def\nghi;jkl\nmno;"p"\n')
    assert not columnar.scan(path).plain(path, ";")
    path.write_bytes(b'abc;def\nghi;jkl\nmno;"p"\n')
    assert columnar.scan(path).plain(path, ";")


def test_duckdb_never_fetches_an_extension() -> None:
    """Nothing leaves the machine: the connection may not download or load extensions."""
    settings_ = columnar._connection().execute(
        "SELECT current_setting('autoinstall_known_extensions'), "
        "current_setting('autoload_known_extensions')"
    )
    assert settings_.fetchone() == (False, False)


_NAMES = st.sampled_from(
    ["Spring", "spring", " Spring ", "Autumn", "Total", "#x", "", "Ölkür",
     '"Spring"', '"Sp;ri,ng"', '"Sp""ring"', 'Spr"ing', '"Spring"x', '"Spring" ', '"']
)  # fmt: skip
_DAYS = st.sampled_from(
    ["2025-01-01", "2025-01-02", "2025-02-28", "", "--", "2025-13-01", "2025-1-5", " 2025-01-05"]
)
_MONEY = st.sampled_from(
    ["1.5", "0", "10", "2.25", "", "NA", "1,5", "3.1415", "1.23456", "1.234", "1_000", "+1.5"]
)
_COUNTS = st.sampled_from(
    ["0", "7", "1000", "", "-", "1.0", "12%", "1.000", "2,500", "1,5", " 7", "1e3", "007"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(_NAMES, _DAYS, _MONEY, _COUNTS, _DAYS), min_size=1, max_size=8),
    delimiter=st.sampled_from([";", ",", "\t"]),
)
def test_random_plain_files_agree(tmp_path_factory, rows, delimiter: str) -> None:
    """Random plain files: both paths store the same or refuse with the same problems."""
    folder = tmp_path_factory.mktemp("columnar")
    header = ["Campaign name", "Day", "Amount spent (EUR)", "Impressions", "Reporting ends"]
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    _both(folder, _write(folder, lines))


#: The CSV files among the real exports (../shared/data/README.md).
REAL_CSVS = [
    "ga4_exploration_landing_page_revenue.csv",
    "google_ads_campaign_report_usd_all_time.csv",
    "instagram_post_insights_cp1252.csv",
    "kaggle_ab_test_control_group_semicolon.csv",
    "kaggle_kag_conversion_data_facebook_ads.csv",
    "linkedin_campaign_manager_ad_performance_empty_utf16.csv",
    "meta_ads_manager_ad_level_pln_2026-01.csv",
]


@pytest.mark.parametrize("name", REAL_CSVS)
def test_real_exports_agree(real_data: Path, tmp_path: Path, name: str) -> None:
    """Each real CSV export stores the same either way. Meta's (quoted, ad texts over several
    lines) goes the columnar way; the others, for one of the reasons the module lists (no
    date on a row, not UTF-8, text dates, totals rows…), the Python way."""
    assert _both(tmp_path, real_data / name) is name.startswith("meta_")
