"""Imports, all-or-nothing: a preview lists every problem before anything is written
(``btsdesk.app.imports`` then writes the whole file in one transaction, or nothing)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from btsdesk.core.grades import Entry
from btsdesk.core.records import Candidate
from btsdesk.core.reglement import Specialty
from btsdesk.io.cyclades import CandidatePreview, is_cyclades_header, read_cyclades
from btsdesk.io.grade_sheet import HEADER_SEARCH, GradePreview, line_of, read_grade_sheet
from btsdesk.io.headers import line_keys
from btsdesk.io.problems import SHOWN, Problem, count, thousands
from btsdesk.io.tabular import stream_table

KINDS = ("candidats", "notes")

Preview = CandidatePreview | GradePreview


def detect_kind(
    data: bytes, filename: str, specialty: Specialty | None = None, *, sheet: str | None = None
) -> str:
    """ "candidats" for a file with a Cyclades header, else "notes". With ``specialty``, a
    header that also names an épreuve is a grade sheet, whatever its identity columns."""
    keys = line_keys(specialty) if specialty is not None else {}
    rows = stream_table(data, filename, sheet=sheet).rows
    try:  # the header is near the top: never read a long sheet to its end for this
        for _, row in zip(range(HEADER_SEARCH), rows, strict=False):
            if is_cyclades_header(row):
                # By code or whole title only: a candidate list's « Langue » or « Option »
                # column is no épreuve.
                names_a_line = specialty is not None and any(
                    line_of(cell, keys, specialty, by_words=False) for cell in row.cells
                )
                return "notes" if names_a_line else "candidats"
    finally:
        rows.close()
    return "notes"


@dataclass(frozen=True)
class ImportContext:
    """What a preview needs to know of the session, read once in the thread that owns the
    store, so the file itself can be read and checked in another thread."""

    specialty: Specialty
    candidates: dict[str, Candidate]
    grades: dict[str, dict[str, Entry]]
    phase: str


def preview_path(
    context: ImportContext, path: Path, kind: str | None = None, *, sheet: str | None = None
) -> Preview:
    """The same, from a context: touches no store (safe in a worker thread). ``sheet``
    names the sheet of a workbook that has several (refused unnamed)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = Problem(None, None, unreadable(path, exc))
        return (
            CandidatePreview(problems=[problem])
            if kind == "candidats"
            else GradePreview(problems=[problem])
        )
    kind = kind or detect_kind(data, path.name, context.specialty, sheet=sheet)
    preview: Preview
    if kind == "candidats":
        preview = read_cyclades(data, path.name, specialty=context.specialty, sheet=sheet)
        preview.candidates = _merged(context.candidates, preview)
    else:
        preview = read_grade_sheet(
            data,
            path.name,
            context.specialty,
            set(context.candidates),
            context.grades,
            sheet=sheet,
        )
    if context.phase == "clos":
        preview.problems.insert(
            0, Problem(None, None, "session close : aucun import possible (R24)")
        )
    elif context.phase == "deliberation" and kind == "notes":
        preview.warnings.append(
            "session en délibération : un motif est exigé pour ces changements de notes (R21)"
        )
    return preview


def unreadable(path: Path, exc: OSError) -> str:
    """Why a chosen file cannot be read, in French (the system's words are English)."""
    if isinstance(exc, FileNotFoundError):
        return f"« {path.name} » : fichier introuvable"
    if isinstance(exc, IsADirectoryError):
        return f"« {path.name} » est un dossier, pas un fichier"
    if isinstance(exc, PermissionError):
        return f"« {path.name} » : lecture refusée (droits insuffisants)"
    return f"« {path.name} » illisible (erreur du système n° {exc.errno})"


def _merged(existing: dict[str, Candidate], preview: CandidatePreview) -> list[Candidate]:
    """Imported identities over the candidates already in the session: what the list does not
    carry (livret, address, e-mail…) is kept, since the store replaces a candidate whole."""
    merged: list[Candidate] = []
    updated = 0
    by_digits: dict[str, list[str]] = {}
    for number in existing:
        if number.isdigit():
            by_digits.setdefault(number.lstrip("0"), []).append(number)
    restored: list[str] = []
    for new in preview.candidates:
        old = existing.get(new.number)
        same = by_digits.get(new.number.lstrip("0"), []) if new.number.isdigit() else []
        if old is None and len(same) == 1:
            # The same candidate with or without the zeros a spreadsheet drops: never twice.
            if len(same[0]) > len(new.number):
                restored.append(f"{new.number} → {same[0]}")
                new = replace(new, number=same[0])
                old = existing[same[0]]
            else:
                preview.problems.append(
                    Problem(
                        None,
                        None,
                        f"candidat {new.number} : déjà dans la session sous le numéro "
                        f"{same[0]}, sans ses zéros de tête (perdus par un tableur lors d'un "
                        "import précédent ?) ; il serait en double — corrigez d'abord ce "
                        "numéro dans la session",
                    )
                )
                continue
        if old is None:
            merged.append(new)
            continue
        candidate = replace(
            old,
            surname=new.surname,
            usage_name=new.usage_name or old.usage_name,
            given_name=new.given_name,
            category=new.category,
            birth_date=new.birth_date or old.birth_date,
            civility=new.civility or old.civility,
            address=new.address or old.address,
            email=new.email or old.email,
        )
        if candidate != old:
            updated += 1
        if candidate.category != old.category:
            preview.warnings.append(
                f"candidat {old.number} ({old.full_name}) : catégorie "
                f"{old.category} → {candidate.category} (R3)"
            )
        merged.append(candidate)
    if restored:
        preview.warnings.append(
            f"{len(restored)} numéro(s) complété(s) des zéros de tête, comme dans la session "
            f"({', '.join(restored[:3])}{'…' if len(restored) > 3 else ''})"
        )
    if updated:
        preview.warnings.append(f"{updated} candidat{_s(updated)} déjà dans la session mis à jour")
    return merged


def _s(count: int) -> str:
    return "s" if count > 1 else ""


def describe(preview: Preview) -> str:
    """The preview in French, for the user to read before anything is written: what would
    be written, each grade replaced with its old value, the warnings and every problem."""
    from btsdesk.core.grades import entry_text

    lines = []
    if isinstance(preview, CandidatePreview):
        lines.append(f"{len(preview.candidates)} candidat(s) à importer.")
    else:
        lines.append(
            f"{len(preview.changes)} note(s) à enregistrer, dont "
            f"{len(preview.replaced)} remplacement(s) ; {preview.unchanged} "
            "inchangée(s)."
        )
        lines += [
            f"  {change.number} {change.line_code} : {entry_text(old)} → "
            f"{entry_text(change.entry) or '(vide)'}"
            for change, old in preview.replaced
        ]
    lines += [f"Attention : {warning}" for warning in preview.warnings]
    if preview.problems:
        total = count(preview.problems)
        lines.append(
            f"{thousands(total)} problème(s) : l'import sera refusé tant qu'ils "
            "ne sont pas corrigés."
        )
        lines += [f"  {problem}" for problem in preview.problems[:SHOWN]]
        if total > SHOWN:
            lines.append(f"  … et {thousands(total - SHOWN)} autres")
    return "\n".join(lines)
