"""Import figures of issue 12, on this machine: a 50 MB bad grade sheet is refused in under
10 s and 300 MB (peak RSS of the whole ``btsdesk import`` process), listing 50 problems then
« … et N autres »; the good 5,000-candidate sheet imports as fast as before.

Each import runs as ``python -m btsdesk import`` in a child process; its peak memory is read
with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small wrapper process of its own, so that
one measurement never carries another's peak.

    .venv/bin/python benchmarks/imports.py [--megabytes 50] [--xlsx-rows 100000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks.store

from benchmarks.store import build_session, grade_sheet
from btsdesk.app.demo import LINES

CANDIDATES = 5000

# Runs the command given as arguments and prints its wall time, its processor time (less
# sensitive than the wall time to other work on a shared machine) and its peak RSS
# (ru_maxrss: KB).
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "peak_kb": usage.ru_maxrss, "code": done.returncode,
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "stderr": done.stderr.decode("utf-8", "replace"),
                  "stdout": done.stdout.decode("utf-8", "replace")}))
"""


def bad_rows(candidates: list[dict]):
    """Rows of grades above 20 for the session's candidates, over and over: the first
    pass is a bad grade per cell, every later row a candidate given twice."""
    index = 0
    while True:
        c = candidates[index % len(candidates)]
        yield [c["number"], "Hélène Lefèvre", *(["21"] * len(LINES))]
        index += 1


def bad_csv(path: Path, candidates: list[dict], megabytes: int) -> int:
    size = megabytes * 1_000_000
    written = 0
    lines = 0
    with path.open("w", encoding="cp1252", newline="\n") as out:
        out.write("N° candidat;Nom;" + ";".join(LINES) + "\n")
        for row in bad_rows(candidates):
            text = ";".join(row) + "\n"
            out.write(text)
            written += len(text)
            lines += 1
            if written >= size:
                break
    return lines


def bad_cyclades(path: Path, megabytes: int) -> int:
    """A Cyclades « Liste simple » whose every candidate has an unknown category."""
    size = megabytes * 1_000_000
    lines = 0
    with path.open("w", encoding="cp1252", newline="\n") as out:
        out.write("2026;;;;;;\nListes simples;;;;;;\n")
        out.write(
            "Division de classe;N° Candidat;Nom de famille;Nom d'usage;Prénom(s);"
            "Date de Naissance;Catégorie Candidat\n"
        )
        written = 0
        while written < size:
            text = f"'BTS1';{3000000000 + lines};LEFÈVRE; -;Hélène;01/02/2006;STAGIAIRE\n"
            out.write(text)
            written += len(text)
            lines += 1
    return lines


def bad_xlsx(path: Path, candidates: list[dict], count: int) -> None:
    """The same rows as a workbook shaped like a spreadsheet's (LibreOffice, Excel): texts in
    the shared-strings table, grades as numbers, the sheet's dimension written first (openpyxl's
    own write-only files lack it, and a reader then scans the whole sheet to find it)."""
    strings: dict[str, int] = {}

    def shared(text: str) -> int:
        return strings.setdefault(text, len(strings))

    columns = [chr(ord("A") + i) for i in range(2 + len(LINES))]
    rows = []
    header = ["N° candidat", "Nom", *LINES]
    body = ((header, None), *((row, True) for row in bad_rows_until(candidates, count)))
    for number, (cells, grades) in enumerate(body, start=1):
        xml = []
        for position, (column, value) in enumerate(zip(columns, cells, strict=True)):
            if grades and position >= 2:
                xml.append(f'<c r="{column}{number}"><v>{value}</v></c>')
            else:
                xml.append(f'<c r="{column}{number}" t="s"><v>{shared(value)}</v></c>')
        rows.append(f'<row r="{number}">{"".join(xml)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
        f'<dimension ref="A1:{columns[-1]}{len(rows)}"/><sheetData>{"".join(rows)}'
        "</sheetData></worksheet>"
    )
    sst = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName='
            '"/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            f'"{relations}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r='
            f'"{relations}"><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            f'"{relations}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{relations}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">{sst}</sst>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


def bad_rows_until(candidates: list[dict], count: int) -> list[list[str]]:
    return [row for _, row in zip(range(count), bad_rows(candidates), strict=False)]


def measure(session: Path, sheet: Path, *extra: str) -> dict:
    command = [sys.executable, "-m", "btsdesk", "import", str(session), str(sheet), *extra]
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def report(title: str, figures: dict, *, refused: bool) -> None:
    text = figures["stderr"] if refused else figures["stdout"]
    lines = text.strip().splitlines()
    last = lines[-1] if lines else ""
    print(
        f"{title} : {figures['seconds']:.2f} s ({figures['cpu']:.2f} s de processeur), "
        f"pic mémoire {figures['peak_kb'] / 1024:.0f} Mo, "
        f"code {figures['code']}, {len(text.encode()) / 1024:.1f} Ko de message"
    )
    print(f"    {last[-160:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="btsdesk-bench-imports-"))
    session = folder / "bench.btsdesk"
    candidates = build_session(session, CANDIDATES)

    sheet = folder / "mauvais.csv"
    lines = bad_csv(sheet, candidates, args.megabytes)
    figures = measure(session, sheet)  # the kind guessed, as a user would run it
    report(
        f"relevé CSV refusé ({sheet.stat().st_size / 1e6:.0f} Mo, {lines} lignes ; "
        "objectif < 10 s et < 300 Mo)",
        figures,
        refused=True,
    )

    listing = folder / "liste.csv"
    lines = bad_cyclades(listing, args.megabytes)
    figures = measure(session, listing)
    report(
        f"liste Cyclades refusée ({listing.stat().st_size / 1e6:.0f} Mo, {lines} candidats)",
        figures,
        refused=True,
    )

    if args.xlsx_rows:
        workbook = folder / "mauvais.xlsx"
        bad_xlsx(workbook, candidates, args.xlsx_rows)
        figures = measure(session, workbook)
        report(
            f"relevé XLSX refusé ({workbook.stat().st_size / 1e6:.0f} Mo, {args.xlsx_rows} lignes)",
            figures,
            refused=True,
        )

    good = folder / "notes.csv"
    grade_sheet(good, candidates)
    figures = measure(session, good)
    report(
        f"relevé CSV correct de {CANDIDATES} candidats (processus entier, écriture comprise)",
        figures,
        refused=False,
    )


if __name__ == "__main__":
    main()
