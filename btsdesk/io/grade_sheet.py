"""A grade sheet (CSV or XLSX): one row per candidate, one column per épreuve (R1, R2).

Every cell goes through the same parser as a grade typed by hand (``parse_entry``), so a sheet
can hold nothing a person could not type. All problems are collected, none stops the reading."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Entry, parse_entry
from btsdesk.core.records import GradeChange
from btsdesk.core.reglement import Specialty
from btsdesk.io.headers import line_keys, match_header
from btsdesk.io.problems import Problem, Problems
from btsdesk.io.tabular import NUMBER_KEYS, Row, header_key, is_number_header, stream_table

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
HEADER_SEARCH = 50  # rows looked at for the header (a preamble is a few lines)


@dataclass
class GradePreview:
    """What an import of a grade sheet would write. ``problems`` non-empty: refused.

    ``changes`` holds only real changes; ``replaced`` those of them that overwrite an
    existing grade or code, each with the value it replaces, to show the user one by one."""

    changes: list[GradeChange] = field(default_factory=list)
    replaced: list[tuple[GradeChange, Entry]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=Problems)
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
    cell changes nothing; a sheet never removes a grade. The sheet is read one row at a time
    and its problems kept up to the number a message shows (the others counted), so that a
    file of a million bad lines is refused in bounded memory."""
    stream = stream_table(data, filename, sheet=sheet)
    preview = GradePreview()
    rows = iter(stream.rows)
    header = next(
        (row for _, row in zip(range(HEADER_SEARCH), rows, strict=False) if is_number_header(row)),
        None,
    )
    if header is None:
        longer = next(rows, None) is not None
        for _row in rows:  # read to the end: a file that cannot be read says so first
            pass
        where = f" dans les {HEADER_SEARCH} premières lignes" if longer else ""
        preview.problems = stream.problems or Problems(
            [
                Problem(
                    None,
                    None,
                    "colonne du numéro de candidat introuvable (attendu : une colonne "
                    f"« N° candidat »{where})",
                )
            ]
        )
        return preview
    problems = Problems()
    preview.problems = problems
    number_column, line_columns = _columns(header, specialty, problems)
    untitled = _Untitled(header)
    width = len(header.cells) if all(header.cells) else -1  # -1: an untitled column
    number_title = header.cells[number_column] if number_column is not None else None
    computed = [title for title in header.cells if header_key(title) in COMPUTED_KEYS]
    if computed:
        preview.warnings.append(f"{COMPUTED_WARNING} : " + ", ".join(computed))
    by_digits = _by_digits(known_numbers)
    completed: list[str] = []
    seen: dict[str, int] = {}
    # The loop below runs once per row of a sheet that may have a million: kept plain.
    for row in rows:
        cells = row.cells
        if len(cells) > width:
            untitled.look(row)
        if number_column is None:
            continue
        raw_number = row.cell(number_column).lstrip("'").strip()
        if not raw_number:
            if any(row.cell(position) for position in line_columns):
                problems.append(
                    Problem(row.line, number_title, "numéro de candidat manquant", number_column)
                )
            continue
        if problems.full and raw_number in seen:  # counted only: it would not be shown
            problems.more += 1
            continue
        number = (
            raw_number
            if raw_number in known_numbers
            else _known(raw_number, known_numbers, by_digits)
        )
        if number is None:
            problems.append(
                Problem(
                    row.line,
                    number_title,
                    f"candidat « {raw_number} » inconnu dans la session",
                    number_column,
                )
            )
            continue
        if number in seen:
            problems.append(
                Problem(
                    row.line,
                    number_title,
                    f"candidat {number} en double (déjà à la ligne {seen[number]})",
                    number_column,
                )
            )
            continue
        if number != raw_number:
            completed.append(f"{raw_number} → {number}")
        seen[number] = row.line
        for position, code in line_columns.items():
            text = row.cell(position)
            if not text:
                continue
            try:
                entry = parse_entry(text)
            except InvalidInput as exc:
                problems.append(Problem(row.line, header.cells[position], str(exc), position))
                continue
            old = current.get(number, {}).get(code)
            if old == entry:
                preview.unchanged += 1
                continue
            change = GradeChange(number, code, entry)
            preview.changes.append(change)
            if old is not None:
                preview.replaced.append((change, old))
    if stream.problems:  # the file could not be read whole: that alone is said
        return GradePreview(problems=stream.problems)
    preview.problems.extend(untitled.problems())
    if completed:
        preview.warnings.append(
            f"{len(completed)} numéro(s) complété(s) des zéros de tête "
            f"perdus par le tableur ({', '.join(completed[:3])}"
            f"{'…' if len(completed) > 3 else ''})"
        )
    return preview


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
                        position,
                    )
                )
            continue
        match = match_header(title, specialty, keys)
        if len(match.codes) > 1:
            names = " ou ".join(
                f"« {specialty.line_by_code[code].title} » ({code})" for code in match.codes
            )
            problems.append(
                Problem(
                    header.line,
                    title,
                    f"intitulé ambigu : {names} ; écrivez le code de l'épreuve",
                    position,
                )
            )
        elif not match.codes:
            if match.suggestion is not None:
                message = (
                    f"colonne inconnue : vouliez-vous dire « {match.suggestion.title} » "
                    f"({match.suggestion.code}) ?"
                )
            else:
                message = (
                    "colonne inconnue : ni une épreuve de la spécialité "
                    f"({', '.join(line.code for line in specialty.lines)}), ni une colonne "
                    "d'identité (Nom, Prénom…)"
                )
            problems.append(Problem(header.line, title, message, position))
        elif (code := match.codes[0]) in titles:
            problems.append(
                Problem(
                    header.line,
                    title,
                    f"épreuve {code} déjà donnée par la colonne « {titles[code]} »",
                    position,
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


def line_of(
    title: str, keys: Mapping[str, str | None], specialty: Specialty, *, by_words: bool = True
) -> str | None:
    """The one line a column title names, or None (unknown or ambiguous)."""
    match = match_header(title, specialty, keys, by_words=by_words)
    return match.codes[0] if len(match.codes) == 1 else None


class _Untitled:
    """A value under a column without title cannot be placed: the first one of each such
    column is a problem (rows looked at one at a time)."""

    def __init__(self, header: Row) -> None:
        self.header = header
        self.first: dict[int, Row] = {}

    def look(self, row: Row) -> None:
        if len(row.cells) <= len(self.header.cells) and all(self.header.cells):
            return  # the common case, cheaply
        for position, cell in enumerate(row.cells):
            if cell and not self.header.cell(position) and position not in self.first:
                self.first[position] = row

    def problems(self) -> list[Problem]:
        return [
            Problem(
                row.line,
                None,
                f"valeur « {row.cell(position)} » dans une colonne qui n'a pas de titre"
                + (
                    " (au-delà de la dernière colonne de l'en-tête : un séparateur de trop ?)"
                    if position >= len(self.header.cells)
                    else ""
                ),
                position,
            )
            for position, row in sorted(self.first.items())
        ]


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
