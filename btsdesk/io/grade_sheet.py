"""A grade sheet (CSV or XLSX): one row per candidate, one column per épreuve (R1, R2).

Every cell goes through the same parser as a grade typed by hand (``parse_entry``), so a sheet
can hold nothing a person could not type. All problems are collected, none stops the reading."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Entry, parse_entry
from btsdesk.core.records import GradeChange
from btsdesk.core.reglement import Specialty
from btsdesk.io.problems import Problem
from btsdesk.io.tabular import NUMBER_KEYS, Row, header_key, read_table

# Columns a grade sheet often carries besides the grades: read past, never imported. An
# average or a decision is computed by btsdesk, so importing one would be meaningless.
IDENTITY_KEYS = frozenset(
    {
        "nom",
        "nomdefamille",
        "nomd'usage",
        "prenom",
        "prenoms",
        "prenom(s)",
        "nomprenom",
        "nometprenom",
        "candidat",
        "civilite",
        "sexe",
        "datedenaissance",
        "categorie",
        "categoriecandidat",
        "classe",
        "division",
        "divisiondeclasse",
        "ine",
        "n°inscription",
        "etablissement",
        "specialite",
        "moyenne",
        "decision",
    }
)

# What btsdesk computes and writes in its results export (btsdesk.app.exports): read past
# on import, and said so (issue 12: the results export imports back as a grade sheet).
COMPUTED_KEYS = frozenset(
    {
        "moyenne",
        "moyenneexacte",
        "decision",
        "domainegeneral",
        "domaineprofessionnel",
        "moyennefinale",
        "decisionfinale",
        "motif",
    }
)
READ_PAST = IDENTITY_KEYS | COMPUTED_KEYS
COMPUTED_WARNING = "colonnes calculées par btsdesk ignorées"

# "E1 - Culture générale", "U41 : Relation client": a code, a separator, then the title.
_CODE_AND_TITLE = re.compile(r"\s*(\w+)\s*[-–—:/]?\s*(.*)")


@dataclass
class GradePreview:
    """What an import of a grade sheet would write. ``problems`` non-empty: refused.

    ``changes`` holds only real changes; ``replaced`` those of them that overwrite an
    existing grade or code, each with the value it replaces, to show the user one by one."""

    changes: list[GradeChange] = field(default_factory=list)
    replaced: list[tuple[GradeChange, Entry]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchanged: int = 0  # cells equal to the grade already entered


def read_grade_sheet(
    data: bytes,
    filename: str,
    specialty: Specialty,
    known_numbers: set[str],
    current: Mapping[str, Mapping[str, Entry]],
    *,
    sheet: str | None = None,
) -> GradePreview:
    """The grades of a sheet compared with ``current`` (number → line code → entry). An empty
    cell changes nothing; a sheet never removes a grade."""
    table = read_table(data, filename, sheet=sheet)
    preview = GradePreview(problems=table.problems)
    if table.problems:
        return preview
    header_index = next(
        (
            i
            for i, row in enumerate(table.rows)
            if any(header_key(cell) in NUMBER_KEYS for cell in row.cells)
        ),
        None,
    )
    if header_index is None:
        preview.problems.append(
            Problem(
                None,
                None,
                "colonne du numéro de candidat introuvable (attendu : une colonne « N° candidat »)",
            )
        )
        return preview
    header = table.rows[header_index]
    number_column, line_columns = _columns(header, specialty, preview.problems)
    computed = [title for title in header.cells if header_key(title) in COMPUTED_KEYS]
    if computed:
        preview.warnings.append("colonnes calculées par btsdesk ignorées : " + ", ".join(computed))
    rows = table.rows[header_index + 1 :]
    _untitled_values(header, rows, preview.problems)
    if number_column is None:
        return preview
    number_title = header.cells[number_column]
    by_digits = _by_digits(known_numbers)
    completed: list[str] = []
    seen: dict[str, int] = {}
    for row in rows:
        raw_number = row.cell(number_column).lstrip("'").strip()
        cells = {code: row.cell(position) for position, code in line_columns.items()}
        if not raw_number:
            if any(cells.values()):
                preview.problems.append(
                    Problem(row.line, number_title, "numéro de candidat manquant")
                )
            continue
        number = _known(raw_number, known_numbers, by_digits)
        if number is None:
            preview.problems.append(
                Problem(
                    row.line, number_title, f"candidat « {raw_number} » inconnu dans la session"
                )
            )
            continue
        if number != raw_number:
            completed.append(f"{raw_number} → {number}")
        if number in seen:
            preview.problems.append(
                Problem(
                    row.line,
                    number_title,
                    f"candidat {number} en double (déjà à la ligne {seen[number]})",
                )
            )
            continue
        seen[number] = row.line
        for position, code in line_columns.items():
            text = row.cell(position)
            if not text:
                continue
            try:
                entry = parse_entry(text)
            except InvalidInput as exc:
                preview.problems.append(Problem(row.line, header.cells[position], str(exc)))
                continue
            old = current.get(number, {}).get(code)
            if old == entry:
                preview.unchanged += 1
                continue
            change = GradeChange(number, code, entry)
            preview.changes.append(change)
            if old is not None:
                preview.replaced.append((change, old))
    if completed:
        preview.warnings.append(
            f"{len(completed)} numéro(s) complété(s) des zéros de tête "
            f"perdus par le tableur ({', '.join(completed[:3])}"
            f"{'…' if len(completed) > 3 else ''})"
        )
    return preview


def line_keys(specialty: Specialty) -> dict[str, str | None]:
    """Column titles that name a line: its code, its unit or its title. A title shared by
    two lines maps to None (ambiguous: the user must write the code)."""
    keys: dict[str, str | None] = {}
    for line in specialty.lines:
        for text in (line.code, line.unit, line.title):
            key = header_key(text) if text else ""
            if key:
                keys[key] = line.code if keys.get(key, line.code) == line.code else None
    return keys


def _columns(
    header: Row, specialty: Specialty, problems: list[Problem]
) -> tuple[int | None, dict[int, str]]:
    """The number column and the épreuve columns (position → line code) of the header; every
    other titled column must be a known identity column."""
    keys = line_keys(specialty)
    number_column: int | None = None
    line_columns: dict[int, str] = {}
    titles: dict[str, str] = {}  # line code → title of the column that gives it
    for position, title in enumerate(header.cells):
        key = header_key(title)
        if not key or key in READ_PAST:
            continue
        if key in NUMBER_KEYS:
            if number_column is None:
                number_column = position
            else:
                first = header.cells[number_column]
                problems.append(
                    Problem(
                        header.line,
                        title,
                        f"deuxième colonne de numéro de candidat (la première est « {first} »)",
                    )
                )
            continue
        code = line_of(title, keys, specialty)
        if code is None:
            message = (
                "colonne inconnue : ni une épreuve de la spécialité "
                f"({', '.join(line.code for line in specialty.lines)}), ni une colonne "
                "d'identité (Nom, Prénom…)"
            )
            if key in keys:  # a title shared by two lines
                message = "intitulé commun à plusieurs épreuves : écrivez le code (E1…)"
            problems.append(Problem(header.line, title, message))
        elif code in titles:
            problems.append(
                Problem(
                    header.line,
                    title,
                    f"épreuve {code} déjà donnée par la colonne « {titles[code]} »",
                )
            )
        else:
            titles[code] = title
            line_columns[position] = code
    if number_column is not None and not line_columns and not problems:
        problems.append(
            Problem(
                header.line,
                None,
                "aucune colonne d'épreuve (attendu : le code "
                "de l'épreuve, par exemple « E1 », ou son intitulé)",
            )
        )
    return number_column, line_columns


def line_of(title: str, keys: Mapping[str, str | None], specialty: Specialty) -> str | None:
    """The line a column title names: "E1", "U1", "Culture générale et expression", or
    "E1 - Culture générale et expression" (the code followed by that line's own title)."""
    key = header_key(title)
    if key in keys:
        return keys[key]
    match = _CODE_AND_TITLE.fullmatch(title)
    if match is None:
        return None
    code = keys.get(header_key(match.group(1)))
    line = specialty.line_by_code.get(code) if code else None
    if line is not None and header_key(match.group(2)) == header_key(line.title):
        return line.code
    return None


def _untitled_values(header: Row, rows: list[Row], problems: list[Problem]) -> None:
    """A value under a column without title cannot be placed: say where the first one is."""
    width = max((len(row.cells) for row in rows), default=0)
    for position in range(width):
        if header.cell(position):
            continue
        row = next((row for row in rows if row.cell(position)), None)
        if row is not None:
            problems.append(
                Problem(
                    row.line,
                    None,
                    f"valeur « {row.cell(position)} » dans la "
                    f"colonne n° {position + 1}, qui n'a pas de titre",
                )
            )


def _by_digits(known_numbers: set[str]) -> dict[str, list[str]]:
    by_digits: dict[str, list[str]] = {}
    for number in known_numbers:
        by_digits.setdefault(number.lstrip("0"), []).append(number)
    return by_digits


def _known(number: str, known_numbers: set[str], by_digits: Mapping[str, list[str]]) -> str | None:
    """The session's number for ``number``. A spreadsheet turns "0262000001" into the number
    262000001: when exactly one known number matches without its leading zeros, it is that."""
    if number in known_numbers:
        return number
    matches = by_digits.get(number.lstrip("0"), []) if number.isdigit() else []
    return matches[0] if len(matches) == 1 else None
