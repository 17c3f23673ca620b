"""Imports into a first-year class file (parcours de consolidation, domain.md §8).

- the class list: a Cyclades "Liste simple" (read by :func:`btsdesk.io.cyclades.read_cyclades`)
  or a spreadsheet with the columns N° / Nom / Prénom / Origine / Spécialité bac pro / Statut;
- the follow-up: N° / Situation, one outcome per student.

Every bad cell is a :class:`Problem` with its line and column; an import with any problem is
refused as a whole and writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from btsdesk.core.consolidation import BacOrigin, Outcome, Status, Student
from btsdesk.core.errors import InvalidInput
from btsdesk.io.cyclades import read_cyclades
from btsdesk.io.problems import Problem, Problems
from btsdesk.io.tabular import (
    NUMBER_KEYS,
    Row,
    extra_fields,
    header_key,
    read_table,
    words_key,
)

SURNAME = ("nom", "nomdefamille")
USAGE_NAME = ("nomd'usage",)
GIVEN_NAME = ("prenom", "prenoms", "prenom(s)")
ORIGIN = ("origine", "bacd'origine", "baccalaureatd'origine", "originebac", "bac")
SPECIALTY = (
    "specialitebacpro",
    "specialitedubacpro",
    "specialitebacprofessionnel",
    "specialitedubacprofessionnel",
)
STATUS = ("statut",)
SITUATION = ("situation",)
CATEGORY = ("categoriecandidat", "categorie")

ORIGIN_HELP = "attendu : bac professionnel, bac technologique, bac général ou autre"
STATUS_HELP = "attendu : étudiant ou apprenti"
SITUATION_HELP = "attendu : " + ", ".join(outcome.label for outcome in Outcome)

_ORIGINS = {
    **dict.fromkeys(
        ("professionnel", "pro", "bac pro", "bac professionnel", "baccalaureat professionnel"),
        BacOrigin.PROFESSIONNEL,
    ),
    **dict.fromkeys(
        (
            "technologique",
            "techno",
            "bac techno",
            "bac technologique",
            "baccalaureat technologique",
        ),
        BacOrigin.TECHNOLOGIQUE,
    ),
    **dict.fromkeys(("general", "bac general", "baccalaureat general"), BacOrigin.GENERAL),
    **dict.fromkeys(("autre", "autre origine", "autres"), BacOrigin.AUTRE),
}
_STATUSES = {
    "etudiant": Status.ETUDIANT,
    "etudiante": Status.ETUDIANT,
    "apprenti": Status.APPRENTI,
    "apprentie": Status.APPRENTI,
}
_SITUATIONS = {words_key(outcome.label): outcome for outcome in Outcome}
_SITUATIONS.update(
    {
        "passage en 2eme annee": Outcome.PASSAGE_2E_ANNEE,
        "passage en deuxieme annee": Outcome.PASSAGE_2E_ANNEE,
        "echec": Outcome.ECHEC_BTS,
        "echec bts": Outcome.ECHEC_BTS,
    }
)


def origin_of(text: str) -> BacOrigin | None:
    """« Bac professionnel », « PRO », « général »… (case and accents ignored)."""
    return _ORIGINS.get(words_key(text).replace("-", " "))


# The bac a Cyclades category names (« SCOLAIRE BACPRO 3 ANS (132) »), read when the list
# has no « Origine » column: a bac pro export of the lycée's own students, now in 1re année.
_CATEGORY_ORIGINS = (
    ("bacpro", BacOrigin.PROFESSIONNEL),
    ("bacprofessionnel", BacOrigin.PROFESSIONNEL),
    ("bactechno", BacOrigin.TECHNOLOGIQUE),
    ("bacgeneral", BacOrigin.GENERAL),
)
CYCLADES_SPECIALTY = ("specialite",)


def origin_of_category(category: str) -> BacOrigin | None:
    """The bac d'origine a Cyclades category states (« SCOLAIRE BACPRO 3 ANS » → bac
    professionnel), or None when it states none."""
    key = header_key(category)
    return next((origin for word, origin in _CATEGORY_ORIGINS if word in key), None)


def status_of(text: str) -> Status | None:
    return _STATUSES.get(words_key(text))


def situation_of(text: str) -> Outcome | None:
    return _SITUATIONS.get(words_key(text))


@dataclass
class ClassPreview:
    """What an import of a class list would write. ``problems`` non-empty: refused."""

    students: list[Student] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=Problems)
    warnings: list[str] = field(default_factory=list)
    source: str = ""


@dataclass
class FollowUpPreview:
    """What a follow-up import would write. ``problems`` non-empty: refused."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=Problems)
    source: str = ""


class _Columns:
    """A header's columns by title (the first of two columns with the same title wins)."""

    def __init__(self, header: Row) -> None:
        self.header = header
        self.index: dict[str, int] = {}
        for position, cell in enumerate(header.cells):
            self.index.setdefault(header_key(cell), position)

    def find(self, keys: Collection[str]) -> int | None:
        return next((self.index[key] for key in keys if key in self.index), None)

    def title(self, keys: Collection[str]) -> str | None:
        position = self.find(keys)
        return None if position is None else self.header.cells[position]

    def reader(self, row: Row) -> Callable[[Collection[str]], str]:
        def value(keys: Collection[str]) -> str:
            position = self.find(keys)
            text = "" if position is None else row.cell(position).strip()
            return "" if text == "-" else text

        return value


def _header(rows: list[Row], required: tuple[str, ...]) -> int | None:
    """The index of the first row with a number column and the ``required`` column."""
    for index, row in enumerate(rows):
        keys = {header_key(cell) for cell in row.cells}
        if keys & NUMBER_KEYS and (not required or keys & set(required)):
            return index
    return None


# ---------------------------------------------------------------------------------------------
# The class list


def read_class_list(data: bytes, filename: str, *, sheet: str | None = None) -> ClassPreview:
    """Students from a Cyclades "Liste simple" or a spreadsheet (CSV or XLSX)."""
    preview = ClassPreview(source=filename)
    table = read_table(data, filename, sheet=sheet)
    if table.problems:
        preview.problems = table.problems
        return preview
    index = _header(table.rows, SURNAME)
    if index is None:
        preview.problems.append(
            Problem(
                None,
                None,
                "en-tête introuvable : aucune ligne ne "
                "contient les colonnes « N° » et « Nom » (attendu : "
                "un export « Liste simple » de Cyclades ou un tableau "
                "N° / Nom / Prénom / Origine / Spécialité bac pro / "
                "Statut)",
            )
        )
        return preview
    header = table.rows[index]
    columns = _Columns(header)
    number_keys = tuple(key for key in columns.index if key in NUMBER_KEYS)
    rows = [row for row in table.rows[index + 1 :] if row.cells != header.cells]
    cyclades = "n°candidat" in columns.index and columns.find(CATEGORY) is not None
    identities: dict[str, tuple[str, str]] = {}
    if cyclades:  # identities as the jury's candidate import reads them
        candidates = read_cyclades(data, filename, sheet=sheet)
        preview.problems.extend(candidates.problems)
        preview.warnings.extend(
            w
            for w in candidates.warnings
            if "catégorie" not in w.lower() and "formation continue" not in w
        )
        # A class knows its students by the name they use: the nom d'usage when there is one.
        identities = {
            c.number: (c.usage_name or c.surname, c.given_name) for c in candidates.candidates
        }
    else:
        preview.problems.extend(extra_fields(header, rows))
    has_origin = columns.find(ORIGIN) is not None
    from_category = 0  # origins read in the Cyclades category
    seen: dict[str, int] = {}
    for row in rows:
        value = columns.reader(row)
        problems: list[Problem] = []

        def problem(
            keys: Collection[str], message: str, row: Row = row, problems: list[Problem] = problems
        ) -> None:
            problems.append(Problem(row.line, columns.title(keys), message, columns.find(keys)))

        number = value(number_keys)
        if cyclades:
            if number not in identities or number in seen:
                continue  # read_cyclades has said what is wrong with this row
            seen[number] = row.line
            surname, given_name = identities[number]
        else:
            if not number:
                problem(number_keys, "numéro d'étudiant manquant")
            elif number in seen:
                problem(
                    number_keys, f"étudiant {number} en double (déjà à la ligne {seen[number]})"
                )
            else:
                seen[number] = row.line
            # the name the student uses: the nom d'usage when the list gives one
            surname, given_name = value(USAGE_NAME) or value(SURNAME), value(GIVEN_NAME)
            if not surname:
                problem(SURNAME, "nom manquant")
        origin = BacOrigin.AUTRE
        specialty = value(SPECIALTY)
        if cyclades and not has_origin:
            found_origin = origin_of_category(value(CATEGORY))
            if found_origin is not None:
                origin = found_origin
                from_category += 1
                if origin is BacOrigin.PROFESSIONNEL and not specialty:
                    specialty = value(CYCLADES_SPECIALTY)  # the bac pro's own
        elif has_origin:
            text = value(ORIGIN)
            found = origin_of(text) if text else None
            if found is None:
                what = f"origine « {text} » inconnue" if text else "origine manquante"
                problem(ORIGIN, f"{what} ({ORIGIN_HELP})")
            else:
                origin = found
        status = Status.ETUDIANT
        if columns.find(STATUS) is not None and (text := value(STATUS)):
            found_status = status_of(text)
            if found_status is None:
                problem(STATUS, f"statut « {text} » inconnu ({STATUS_HELP})")
            else:
                status = found_status
        elif cyclades and "apprenti" in words_key(value(CATEGORY)):
            status = Status.APPRENTI
        if specialty and origin is not BacOrigin.PROFESSIONNEL and not problems:
            problem(SPECIALTY, f"spécialité de bac pro « {specialty} » pour un {origin.label}")
        if problems:
            preview.problems.extend(problems)
            continue
        try:
            preview.students.append(Student(number, surname, given_name, origin, specialty, status))
        except InvalidInput as exc:
            preview.problems.append(Problem(row.line, None, str(exc)))
    if not seen and not preview.problems:
        preview.problems.append(Problem(None, None, "aucun étudiant sous l'en-tête"))
    if not has_origin:
        preview.warnings.append(_origin_warning(len(preview.students), from_category))
    return preview


def _origin_warning(students: int, from_category: int) -> str:
    """What an import without an « Origine » column did with the origins."""
    left = students - from_category
    read = (
        f"origine lue dans la catégorie Cyclades pour {from_category} étudiant(s) "
        "(« SCOLAIRE BACPRO … » : bac professionnel)"
        if from_category
        else ""
    )
    rest = (
        f"{left} étudiant(s) mis en « autre origine », à corriger étudiant par étudiant "
        "(champ « Origine » de la fiche de l'étudiant)"
        if left
        else ""
    )
    return "colonne « Origine » absente : " + " ; ".join(part for part in (read, rest) if part)


# ---------------------------------------------------------------------------------------------
# The follow-up


def read_follow_up(
    data: bytes, filename: str, known_numbers: Collection[str], *, sheet: str | None = None
) -> FollowUpPreview:
    """Outcomes by student number (N° / Situation); a number not in the class is a
    problem."""
    preview = FollowUpPreview(source=filename)
    table = read_table(data, filename, sheet=sheet)
    if table.problems:
        preview.problems = table.problems
        return preview
    index = _header(table.rows, SITUATION)
    if index is None:
        preview.problems.append(
            Problem(
                None,
                None,
                "en-tête introuvable : aucune ligne ne "
                "contient les colonnes « N° » et « Situation »",
            )
        )
        return preview
    header = table.rows[index]
    columns = _Columns(header)
    number_keys = tuple(key for key in columns.index if key in NUMBER_KEYS)
    known = set(known_numbers)
    preview.problems.extend(extra_fields(header, table.rows[index + 1 :]))
    seen: dict[str, int] = {}
    for row in table.rows[index + 1 :]:
        if row.cells == header.cells:
            continue
        value = columns.reader(row)
        number = value(number_keys)
        problems: list[Problem] = []
        if not number:
            problems.append(
                Problem(
                    row.line,
                    columns.title(number_keys),
                    "numéro d'étudiant manquant",
                    columns.find(number_keys),
                )
            )
        elif number in seen:
            problems.append(
                Problem(
                    row.line,
                    columns.title(number_keys),
                    f"étudiant {number} en double (déjà à la ligne {seen[number]})",
                    columns.find(number_keys),
                )
            )
        elif number not in known:
            problems.append(
                Problem(
                    row.line,
                    columns.title(number_keys),
                    f"étudiant {number} inconnu dans la classe",
                    columns.find(number_keys),
                )
            )
        if number:
            seen.setdefault(number, row.line)
        text = value(SITUATION)
        outcome = situation_of(text) if text else None
        if outcome is None:
            what = f"situation « {text} » inconnue" if text else "situation manquante"
            problems.append(
                Problem(
                    row.line,
                    columns.title(SITUATION),
                    f"{what} ({SITUATION_HELP})",
                    columns.find(SITUATION),
                )
            )
        preview.problems.extend(problems)
        if not problems and outcome is not None:
            preview.outcomes[number] = outcome
    if not seen and not preview.problems:
        preview.problems.append(Problem(None, None, "aucun étudiant sous l'en-tête"))
    return preview
