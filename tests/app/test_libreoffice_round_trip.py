"""Issue 12: the results export (CSV and XLSX) and the grade sheet, opened by a real
LibreOffice Calc in French and saved back as CSV, give the same cells — accents, leading
zeros, « =1+1 » as text, a fraction that is not a date, decimals with a comma.

LibreOffice is slow to start: one conversion per kind of input for the whole module (a CSV
needs the import options a French user picks in the text-import dialog — « ; », UTF-8,
French numbers, special numbers detected — and forcing them makes an XLSX unreadable, so
the CSV files and the XLSX files go in two calls). Skipped where ``soffice`` is missing
(packaging/setup.sh installs ``libreoffice-calc-nogui``)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from btsdesk.app.exports import results_csv, results_xlsx
from btsdesk.app.grade_sheets import grade_sheet_csv, grade_sheet_xlsx
from btsdesk.core.grades import Code
from btsdesk.core.records import Candidate
from btsdesk.io.tabular import read_table
from tests.store.conftest import make_session

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice absent (soffice) : packaging/setup.sh installe libreoffice-calc-nogui",
)

# What a French user chooses when Calc asks how to read a CSV: « ; », « " », UTF-8, from
# line 1, standard columns, French (1036), quoted fields not forced to text, special
# numbers (dates, fractions) detected — the setting where a spreadsheet misreads most.
CSV_IN = "Text - txt - csv (StarCalc):59,34,76,1,,1036,false,true"
CSV_OUT = "csv:Text - txt - csv (StarCalc):59,34,76"
FRENCH_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
</oor:items>
"""
TRAPS = [
    Candidate("0123", "=1+1", "Zoé", civility="Mme"),
    Candidate("0124", "21/2", "-Élodie"),
    Candidate("0125", "O'Brien-Laïné", "@home"),
]
# Léa Martin gets the §6 worked example: 191.5 / 21 → 9,11, exactly 383/42 (a fraction
# a spreadsheet would take for a date).
MARTIN = {
    "E1": 850,
    "E21": Code.ABJ,
    "E22": 1100,
    "E3": 700,
    "E41": 1200,
    "E42": 1050,
    "E5": 600,
    "E6": 1300,
    "EF1": 1400,
}
MADE = {
    "resultats": results_csv,
    "resultats-classeur": results_xlsx,
    "feuille": grade_sheet_csv,
    "feuille-classeur": grade_sheet_xlsx,
}


def _soffice(home: Path, outdir: Path, files: list[Path], infilter: str | None) -> None:
    options = [f"--infilter={infilter}"] if infilter else []
    done = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(home / 'profil').as_uri()}",
            "--headless",
            *options,
            "--convert-to",
            CSV_OUT,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        timeout=180,
        check=False,
    )
    for path in files:
        if not (outdir / (path.stem + ".csv")).exists():
            pytest.fail(f"LibreOffice n'a pas converti {path.name} : {done.stdout}{done.stderr}")


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[bytes, str]]:
    """Each export's bytes, and its cells as LibreOffice saved them back (CSV text)."""
    home = tmp_path_factory.mktemp("libreoffice")
    (home / "profil" / "user").mkdir(parents=True)
    (home / "profil" / "user" / "registrymodifications.xcu").write_text(FRENCH_PROFILE)
    with make_session(home / "jury.btsdesk") as store:
        store.add_candidates(TRAPS, source="essai")
        for line, entry in MARTIN.items():
            store.set_grade("0001", line, entry)
        store.set_grade("0123", "E1", 1999)
        exports = {name: make(store) for name, make in MADE.items()}
    outdir = home / "sortie"
    written = {}
    for name, data in exports.items():
        suffix = "xlsx" if name.endswith("classeur") else "csv"
        written[name] = home / f"{name}.{suffix}"
        written[name].write_bytes(data)
    _soffice(home, outdir, [p for p in written.values() if p.suffix == ".csv"], CSV_IN)
    _soffice(home, outdir, [p for p in written.values() if p.suffix == ".xlsx"], None)
    return {
        name: (exports[name], (outdir / f"{name}.csv").read_text(encoding="utf-8")) for name in MADE
    }


def _cells(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    return [_trimmed(row) for row in rows if any(row)]


def _trimmed(row: list[str] | tuple[str, ...]) -> list[str]:
    cells = list(row)
    while cells and not cells[-1]:
        cells.pop()
    return cells


WRITTEN_NUMBER = re.compile(r"\d+,\d\d")  # how btsdesk writes a grade or an average
SHOWN_NUMBER = re.compile(r"\d+(?:,\d+)?")  # how Calc shows it in General format


def _same(ours: str, theirs: str) -> bool:
    """The same cell: the same text, or the same French decimal (« 8,50 » shown « 8,5 »,
    « 11,00 » shown « 11 » by a cell in General format). A text such as « 0123 » is never
    taken for a number."""
    if ours == theirs:
        return True
    numbers = WRITTEN_NUMBER.fullmatch(ours) and SHOWN_NUMBER.fullmatch(theirs)
    return bool(numbers) and Decimal(ours.replace(",", ".")) == Decimal(theirs.replace(",", "."))


@pytest.mark.parametrize("name", list(MADE))
def test_libreoffice_gives_the_same_cells(converted, name):
    # What the export means, as btsdesk reads its CSV (« ="0123" » is the text 0123): the
    # workbook must show the very same cells as the CSV.
    data = converted[name.removesuffix("-classeur")][0]
    saved = converted[name][1]
    meant = [_trimmed(row.cells) for row in read_table(data, f"{name}.csv").rows]
    theirs = _cells(saved)
    assert len(theirs) == len(meant)
    for ours_row, their_row in zip(meant, theirs, strict=True):
        assert len(their_row) == len(ours_row), (ours_row, their_row)
        for ours, their in zip(ours_row, their_row, strict=True):
            assert _same(ours, their), (name, ours, their)


@pytest.mark.parametrize("name", list(MADE))
def test_the_traps_come_back_as_typed(converted, name):
    rows = {row[0]: row for row in _cells(converted[name][1])}
    assert {"0123", "0124", "0125", "0001"} <= set(rows)  # leading zeros kept
    assert "=1+1" in rows["0123"]  # text, not the formula's 2
    assert {"21/2", "-Élodie"} <= set(rows["0124"])  # not a date, not a formula
    assert {"O'Brien-Laïné", "@home"} <= set(rows["0125"])
    assert rows["0001"][3 if name.startswith("feuille") else 5] in ("8,5", "8,50")
    assert "19,99" in rows["0123"]
    if name.startswith("resultats"):
        header = rows["N° candidat"]
        assert rows["0001"][header.index("Moyenne exacte")] == "383/42"
        assert rows["0001"][header.index("Moyenne")] == "9,11"
        assert rows["0001"][header.index("Décision")] == "épreuves de contrôle"
