"""The candidate list exported by Cyclades ("Liste simple"), read into candidates (R3).

The export starts with a preamble (year, centre, search criteria…), then a ``;``-separated
header holding "N° Candidat"; ``-`` marks an empty field and class codes are quoted with ``'``.
Columns are found by their title, so that an export with more, fewer or reordered columns
still reads."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from btsdesk.core.records import Candidate
from btsdesk.core.reglement import Specialty
from btsdesk.io.problems import Problem, Problems
from btsdesk.io.tabular import Row, extra_fields, header_key, stream_table, words_key

NUMBER = "n°candidat"
SURNAME = ("nomdefamille", "nom")
USAGE_NAME = ("nomd'usage",)
GIVEN_NAME = ("prenom(s)", "prenoms", "prenom")
BIRTH_DATE = ("datedenaissance",)
CATEGORY = ("categoriecandidat", "categorie")
SPECIALTY = ("specialite",)
STATE = ("etat",)
CIVILITY = ("civilite",)
EMAIL = (
    "courriel",
    "e-mail",
    "email",
    "mail",
    "mel",
    "adresseelectronique",
    "adressemail",
    "adressee-mail",
)
ADDRESS_LINES = (
    "adresse",
    "adresse1",
    "adresse2",
    "adresse3",
    "adresseligne1",
    "adresseligne2",
    "adresseligne3",
    "complementd'adresse",
    "complementadresse",
)
POSTCODE = ("codepostal", "cp")
TOWN = ("commune", "ville", "localite")

CATEGORIES_HELP = (
    "catégories possibles : A (scolaire public ou privé sous contrat, apprenti "
    "de CFA habilité, formation continue en établissement public habilité), "
    "B (formation continue habilitée au CCF étendu), C (privé hors contrat, CFA "
    "non habilité, enseignement à distance, candidat individuel) ; vous pouvez "
    "aussi écrire A, B ou C dans la colonne"
)

# R3 category C first: "SCOLAIRE … HORS CONTRAT" and "APPRENTI … NON HABILITÉ" are C.
_C_MARKERS = (
    "hors contrat",
    "distance",
    "cned",
    "individuel",
    "libre",
    "non habilit",
    "experience professionnelle",
)
_A_MARKERS = ("scolaire", "apprenti", "apprentissage")
_CONTINUING = "formation continue"

HEADER_SEARCH = 50  # lines looked at for the header (Cyclades writes a preamble of a few)

_FR_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class CandidatePreview:
    """What an import of a candidate list would write. ``problems`` non-empty: refused."""

    candidates: list[Candidate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=Problems)
    warnings: list[str] = field(default_factory=list)


def is_cyclades_header(row: Row) -> bool:
    """A Cyclades header row: "N° Candidat" with the identity columns of a candidate list
    (a grade sheet may name its number column the same way, but holds no category)."""
    keys = {header_key(cell) for cell in row.cells}
    return NUMBER in keys and bool(keys & {*CATEGORY, "nomdefamille", "datedenaissance"})


def read_cyclades(
    data: bytes, filename: str, *, specialty: Specialty | None = None, sheet: str | None = None
) -> CandidatePreview:
    """Candidates from a Cyclades "Liste simple" (CSV or XLSX). Every problem is listed with
    its line and column; with ``specialty``, categories are checked against it and rows of
    another specialty are pointed out."""
    # Read twice, one row at a time (a long list is never held whole): first the header,
    # the rows' widths and every number (leading zeros are judged on all of them), then the
    # candidates.
    preview = CandidatePreview()
    stream = stream_table(data, filename, sheet=sheet)
    header: Row | None = None
    numbers: list[str] = []
    extra = Problems()
    for row in stream.rows:
        if header is None:
            if row.line <= HEADER_SEARCH and NUMBER in {header_key(c) for c in row.cells}:
                header, columns = row, _Columns(row)
                number_at = columns.find((NUMBER,))
            continue
        if row.cells != header.cells:  # the header repeated by a grouping of the export
            if len(row.cells) > len(header.cells):
                extra.extend(extra_fields(header, [row]))
            numbers.append(_clean(row.cell(number_at)) if number_at is not None else "")
    if stream.problems:
        preview.problems = stream.problems
        return preview
    if header is None:
        preview.problems.append(
            Problem(
                None,
                None,
                "en-tête Cyclades introuvable : aucune "
                "ligne ne contient la colonne « N° Candidat » "
                "(attendu : un export « Liste simple » de Cyclades)",
            )
        )
        return preview
    for title, keys in (("Nom de famille", SURNAME), ("Prénom(s)", GIVEN_NAME)):
        if columns.find(keys) is None:
            preview.problems.append(Problem(header.line, None, f"colonne « {title} » absente"))
    preview.problems.extend(extra)
    if preview.problems:
        return preview
    if columns.find(CATEGORY) is None:
        preview.warnings.append(
            "colonne « Catégorie Candidat » absente : tous les candidats "
            "sont mis en catégorie A (R3), à vérifier"
        )
    allowed = specialty.categories if specialty is not None and specialty.categories else None
    restored, too_short = _leading_zeros(numbers)
    del numbers
    body = (
        row
        for row in stream_table(data, filename, sheet=sheet).rows
        if row.line > header.line and row.cells != header.cells
    )
    seen: dict[str, int] = {}
    continuing: list[int] = []
    not_registered: list[int] = []
    other_specialty: dict[str, int] = {}
    for row in body:  # less the header repeated by a grouping of the export
        value = columns.reader(row)
        problems: list[Problem] = []
        number = value((NUMBER,))
        number = restored.get(number, number)
        if number in too_short:
            problems.append(columns.problem(row, (NUMBER,), too_short[number]))
        elif not number:
            problems.append(columns.problem(row, (NUMBER,), "numéro de candidat manquant"))
        elif number in seen:
            problems.append(
                columns.problem(
                    row, (NUMBER,), f"candidat {number} en double (déjà à la ligne {seen[number]})"
                )
            )
        else:
            seen[number] = row.line
        # The « nom de famille » (birth name) and the « nom d'usage » kept apart; a usage
        # name equal to the family name is no usage name.
        surname, usage_name = value(SURNAME), value(USAGE_NAME)
        if not surname:
            surname, usage_name = usage_name, ""
        if usage_name and words_key(usage_name) == words_key(surname):
            usage_name = ""
        if not surname:
            problems.append(columns.problem(row, SURNAME, "nom de famille manquant"))
        birth_date = None
        if raw_date := value(BIRTH_DATE):
            birth_date = _iso_date(raw_date)
            if birth_date is None:
                problems.append(
                    columns.problem(
                        row, BIRTH_DATE, f"date « {raw_date} » invalide (attendu : jj/mm/aaaa)"
                    )
                )
        category = "A"
        if columns.find(CATEGORY) is not None:
            label = value(CATEGORY)
            found = category_of(label) if label else None
            if found is None:
                what = f"catégorie « {label} » inconnue" if label else "catégorie manquante"
                problems.append(columns.problem(row, CATEGORY, f"{what} ; {CATEGORIES_HELP}"))
            else:
                category, is_continuing = found
                if is_continuing:
                    continuing.append(row.line)
                if allowed is not None and category not in allowed:
                    problems.append(
                        columns.problem(
                            row,
                            CATEGORY,
                            f"catégorie {category} absente du règlement de la "
                            f"spécialité (catégories prévues : {', '.join(allowed)})",
                        )
                    )
        if (state := value(STATE)) and not words_key(state).startswith("inscrit"):
            not_registered.append(row.line)
        if (
            specialty is not None
            and (label := value(SPECIALTY))
            and not _same_specialty(label, specialty)
        ):
            other_specialty.setdefault(label, row.line)
        preview.problems.extend(problems)
        if not problems:
            preview.candidates.append(
                Candidate(
                    number=number,
                    surname=surname,
                    usage_name=usage_name,
                    given_name=value(GIVEN_NAME),
                    civility=value(CIVILITY),
                    birth_date=birth_date,
                    category=category,
                    address=columns.address(row),
                    email=value(EMAIL),
                )
            )
    if not seen and not preview.problems:
        preview.problems.append(Problem(None, None, "aucun candidat sous l'en-tête"))
    if restored:
        shown = ", ".join(f"{short} → {full}" for short, full in list(restored.items())[:3])
        preview.warnings.append(
            f"{len(restored)} numéro(s) complété(s) des zéros de tête perdus par un tableur "
            f"({shown}{'…' if len(restored) > 3 else ''})"
        )
    if continuing:
        preview.warnings.append(
            f"{_lines(continuing)} : formation continue mise en catégorie "
            "A ; vérifiez si la catégorie B (CCF étendu) ou C (non "
            "habilitée) s'applique (R3)"
        )
    if not_registered:
        preview.warnings.append(
            f"{_lines(not_registered)} : candidat dont l'état n'est pas « Inscrit »"
        )
    if other_specialty and specialty is not None:
        labels = ", ".join(f"« {label} »" for label in other_specialty)
        preview.warnings.append(
            f"spécialité de la session : {specialty.label} ; le fichier "
            f"contient d'autres spécialités ({labels})"
        )
    return preview


def _leading_zeros(numbers: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Numbers a spreadsheet shortened (``0011557741`` read as the number 11557741): in a
    list of digit-only numbers where most have the same length L, a shorter one is that
    number with its zeros lost, restored to L digits. Without such a majority, no guess:
    each shorter number is refused with a message. Returns (short → restored, short →
    problem)."""
    digits = [number for number in numbers if number]
    if not digits or not all(number.isdigit() for number in digits):
        return {}, {}
    longest = max(len(number) for number in digits)
    shorter = {number for number in digits if len(number) < longest}
    if not shorter:
        return {}, {}
    if 2 * sum(len(number) == longest for number in digits) > len(digits):
        return {number: number.zfill(longest) for number in sorted(shorter)}, {}
    message = (
        f"numéro plus court que d'autres ({longest} chiffres) : des zéros de tête ont sans "
        "doute été perdus par un tableur ; exportez de nouveau la liste depuis Cyclades, "
        "ou mettez la colonne au format Texte avant d'enregistrer"
    )
    return {}, dict.fromkeys(shorter, message)


@lru_cache(maxsize=256)  # a list repeats a few labels on every row
def category_of(label: str) -> tuple[str, bool] | None:
    """R3: the category of a Cyclades "Catégorie Candidat" label, and whether it is a
    formation continue put in A by default (B or C may apply). None: unknown label."""
    words = words_key(label)
    if words.upper() in ("A", "B", "C"):
        return words.upper(), False
    if any(marker in words for marker in _C_MARKERS):
        return "C", False
    if _CONTINUING in words:
        return "A", True
    if any(marker in words for marker in _A_MARKERS):
        return "A", False
    return None


class _Columns:
    """The header's columns by title; the first of two columns with the same title wins
    (Cyclades repeats "Division de classe")."""

    def __init__(self, header: Row) -> None:
        self.header = header
        self.index: dict[str, int] = {}
        self.found: dict[tuple[str, ...], int | None] = {}
        for position, cell in enumerate(header.cells):
            self.index.setdefault(header_key(cell), position)

    def find(self, keys: tuple[str, ...]) -> int | None:
        if keys not in self.found:  # looked up once per column, not once per row
            self.found[keys] = next((self.index[key] for key in keys if key in self.index), None)
        return self.found[keys]

    def title(self, keys: tuple[str, ...]) -> str | None:
        position = self.find(keys)
        return None if position is None else self.header.cells[position]

    def problem(self, row: Row, keys: tuple[str, ...], message: str) -> Problem:
        return Problem(row.line, self.title(keys), message, self.find(keys))

    def reader(self, row: Row) -> Callable[[tuple[str, ...]], str]:
        def value(keys: tuple[str, ...]) -> str:
            position = self.find(keys)
            return "" if position is None else _clean(row.cell(position))

        return value

    def address(self, row: Row) -> str:
        """The postal address block, one line per part (for a window envelope)."""
        value = self.reader(row)
        lines = [value((key,)) for key in ADDRESS_LINES]
        lines.append(f"{value(POSTCODE)} {value(TOWN)}".strip())
        return "\n".join(line for line in lines if line)


def _clean(text: str) -> str:
    """Cyclades writes "-" (or " -") for an empty field and quotes class codes: 'TMA'."""
    text = text.strip()
    if text == "-":
        return ""
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].strip()
    return text


def _iso_date(text: str) -> str | None:
    """dd/mm/yyyy (or already ISO) → yyyy-mm-dd; None when it is no real date."""
    if match := _FR_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _same_specialty(label: str, specialty: Specialty) -> bool:
    key = header_key(label)
    return any(key == header_key(name) for name in (specialty.code, specialty.name) if name)


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(line) for line in lines[:10])
    more = f" et {len(lines) - 10} autres" if len(lines) > 10 else ""
    return f"ligne{'s' * (len(lines) > 1)} {shown}{more}"
