"""Results exports: CSV for French Excel (";", UTF-8 with BOM, decimal commas), XLSX with
exact decimal cells, and the JSON exchange format of domain.md §6.

Text is never misread by a spreadsheet (issue 12): in the XLSX a text cell is a string cell,
even « =1+1 »; in the CSV, a text that a French spreadsheet would turn into a number, a date
or a formula (« 0123 », « 21/2 », « =1+1 », « -x », « @x ») is written ``="0123"``. That
convention, unlike a leading apostrophe (shown as typed by Excel and LibreOffice when they
open a CSV), is read by both as the text itself, leading zeros included, and a formula that
yields a quoted string cannot run anything; btsdesk's own CSV reader unwraps it."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Code, Entry
from btsdesk.core.numbers import cents_text, fraction_text, truncate_cents
from btsdesk.core.records import Candidate
from btsdesk.core.reglement import Domain
from btsdesk.core.results import Result
from btsdesk.store.files import write_durably
from btsdesk.store.session import SessionStore


def result_rows(store: SessionStore) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the results table; values are text, exact Decimal or None."""
    specialty = store.specialty
    evaluator = store.evaluator()
    header = (
        ["N° candidat", "Civilité", "Nom", "Prénom", "Catégorie"]
        + [line.code for line in specialty.lines]
        + [
            "Domaine général",
            "Domaine professionnel",
            "Moyenne",
            "Moyenne exacte",
            "Décision",
            "Moyenne finale",
            "Décision finale",
            "Motif",
        ]
    )
    candidates = store.candidates()
    grades = store.candidate_grades()
    rows = []
    for candidate, graded in zip(candidates, grades, strict=True):
        result = evaluator.evaluate_recorded(graded)
        rows.append(_row(candidate, graded.grades, result, [line.code for line in specialty.lines]))
    return header, rows


def _row(
    candidate: Candidate, grades: dict[str, Entry] | Any, result: Result, codes: list[str]
) -> list[Any]:
    cells: list[Any] = [
        candidate.number,
        candidate.civility,
        candidate.surname,
        candidate.given_name,
        candidate.category,
    ]
    for code in codes:
        entry = grades.get(code)
        cells.append(entry.value if isinstance(entry, Code) else _cents(entry))
    cells += [
        _average(result.domain_averages[Domain.GENERAL]),
        _average(result.domain_averages[Domain.PROFESSIONAL]),
        _average(result.average),
        None if result.average is None else fraction_text(result.average),
        result.decision.label,
        _average(result.final_average),
        None if result.final_decision is None else result.final_decision.label,
        result.sentence,
    ]
    return cells


def _cents(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value).scaleb(-2)


def _average(value: Fraction | None) -> Decimal | None:
    """R7: two decimals, truncated, as an exact Decimal."""
    return None if value is None else Decimal(truncate_cents(value)).scaleb(-2)


def _french(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return cents_text(int(value.scaleb(2)), comma=True)
    return str(value)


# Text a French spreadsheet converts on opening a CSV: numbers and dates (digits with
# separators, « 0123 », « 21/2 », « 12:30 », « 5 % », « 1E5 ») and formulas.
_MISREAD = re.compile(r"[\d\s.,/:%+-]*\d[\d\s.,/:%+-]*|\d+(?:[.,]\d+)?[eE][+-]?\d+")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_LITERAL_MAX = 255  # a string literal in an Excel formula


def csv_text(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet keeps as this very text (module docstring)."""
    if not (text.startswith(FORMULA_STARTS) or _MISREAD.fullmatch(text)):
        return text
    if len(text) > EXCEL_LITERAL_MAX:  # too long for a literal: neutralised, shown with a '
        return "'" + text
    return '="' + text.replace('"', '""') + '"'


def results_csv(store: SessionStore) -> bytes:
    header, rows = result_rows(store)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_text(title) for title in header])
    for row in rows:
        writer.writerow(
            [csv_text(value) if isinstance(value, str) else _french(value) for value in row]
        )
    return out.getvalue().encode("utf-8-sig")


def results_xlsx(store: SessionStore) -> bytes:
    from openpyxl import Workbook

    header, rows = result_rows(store)
    book = Workbook(write_only=False)
    sheet = book.create_sheet("Résultats", 0)
    book.remove(book.worksheets[1])  # the empty default sheet
    sheet.append(header)
    for row in rows:
        sheet.append(row)  # Decimal cells stay exact numbers for Excel
    for cells in sheet.iter_rows(min_row=1):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes « =1+1 » a live formula otherwise
            elif isinstance(cell.value, (int, float, Decimal)) and not isinstance(cell.value, bool):
                cell.number_format = "0.00"
    sheet.freeze_panes = "F2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def exchange_json(store: SessionStore) -> dict[str, Any]:
    """The whole session in the §6 exchange format plus what §6 does not carry
    (btsdesk.app.session_json)."""
    from btsdesk.app.session_json import session_json

    return session_json(store)


SHEETS = ("remplie", "vierge")


def write_export(
    store: SessionStore, target: Path, kind: str | None = None, *, sheet: str | None = None
) -> str:
    """Write the export chosen by ``kind`` or by the target's suffix; returns the kind.
    ``sheet`` ("remplie" or "vierge") asks for the grade sheet (CSV or XLSX) instead of the
    results (btsdesk.app.grade_sheets)."""
    import json

    kind = kind or target.suffix.lstrip(".").lower()
    if sheet is not None:
        from btsdesk.app.grade_sheets import grade_sheet_csv, grade_sheet_xlsx

        if sheet not in SHEETS:
            raise InvalidInput(f"feuille de notes « {sheet} » inconnue (remplie ou vierge)")
        if kind not in ("csv", "xlsx"):
            raise InvalidInput(
                f"une feuille de notes s'exporte en CSV ou en XLSX, pas en « {kind} »"
            )
        maker = grade_sheet_csv if kind == "csv" else grade_sheet_xlsx
        data = maker(store, blank=sheet == "vierge")
    elif kind == "csv":
        data = results_csv(store)
    elif kind == "xlsx":
        data = results_xlsx(store)
    elif kind == "json":
        data = (
            json.dumps(exchange_json(store), ensure_ascii=False, indent=1, default=str) + "\n"
        ).encode("utf-8")
    else:
        raise InvalidInput(f"format d'export « {kind} » inconnu (csv, xlsx ou json)")
    write_durably(target, data)  # never a half-written export; owner-only (names, grades)
    return kind


def export_message(kind: str, sheet: str | None, target: Path | str) -> str:
    """What was written, as the command line and the window both say it."""
    if sheet is None:
        return f"Export {kind.upper()} écrit : {target}"
    blank = " vierge" if sheet == "vierge" else ""
    return f"Feuille de notes{blank} {kind.upper()} écrite : {target}"
