"""Importing a JSON exchange file (domain.md §6) into a session file, all or nothing."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from btsdesk.app import gate
from btsdesk.app.session_json import record_values
from btsdesk.app.session_restore import oral_records, origin_years, restore_rest
from btsdesk.core.errors import InvalidInput
from btsdesk.core.exactjson import json_text, load_json
from btsdesk.core.grades import Entry, entry_text
from btsdesk.core.records import Candidate, GradeChange, SessionDetails
from btsdesk.core.results import CandidateGrades, OralChoice
from btsdesk.io.exchange import read_session
from btsdesk.store.errors import SessionFileError, StorageError
from btsdesk.store.files import read_chosen, write_durably
from btsdesk.store.session import PHASES, SessionStore


@dataclass(frozen=True)
class ExchangePreview:
    """A JSON exchange file read and checked whole against the session, nothing written
    yet: what :func:`apply_exchange` would write, and :meth:`describe` to show first."""

    source: str
    candidates: list[Candidate]
    new: int  # candidates not yet in the session
    by_year: dict[int | None, list[GradeChange]]  # grades by the year they were kept from
    changed: int  # grades new or different from the session's
    replaced: list[tuple[GradeChange, Entry]]  # each grade that changes, with its old value
    orals: dict[str, Mapping[str, OralChoice]]
    same: bool = False  # nothing differs from the session: nothing to write

    def describe(self) -> str:
        """The preview in French, as the other imports show theirs (io.importing.describe)."""
        grades = sum(len(changes) for changes in self.by_year.values())
        oral_count = sum(len(chosen) for chosen in self.orals.values())
        lines = [
            f"{len(self.candidates)} candidat(s) dans le fichier : {self.new} à ajouter, "
            f"{len(self.candidates) - self.new} déjà dans la session.",
            f"{self.changed} note(s) à enregistrer, dont {len(self.replaced)} "
            f"remplacement(s) ; {grades - self.changed} inchangée(s).",
            *(
                f"  {change.number} {change.line_code} : {entry_text(old)} → "
                f"{entry_text(change.entry) or '(vide)'}"
                for change, old in self.replaced
            ),
        ]
        if oral_count:
            lines.append(f"{oral_count} épreuve(s) de contrôle.")
        return "\n".join(lines)


def preview_exchange(
    store: SessionStore, source: Path, *, reason: str | None = None
) -> ExchangePreview:
    """Candidates, grades and orals of the file, validated whole against the session's own
    règlement and rules; nothing is written. A candidate already in the session keeps
    everything the file does not carry (address, livret, …). In délibération a grade that
    changes needs ``reason`` (R21); a file that changes none asks none."""
    text = json_text(read_chosen(source), source.name)
    try:
        raw = load_json(text)
    except InvalidInput as exc:
        raise exc.within(source.name) from None
    phase = store.details().phase
    if phase == "clos":
        gate.check_writable(phase, reason, "une note")  # R24: nothing changes once closed
    try:
        exchange = read_session(raw)
        # The file's obligatory lines are the session's; its facultative lines are among
        # the session's (a file written before a facultative unit was added, §7).
        session_lines = store.specialty.line_by_code
        if [line.code for line in exchange.specialty.obligatory] != [
            line.code for line in store.specialty.obligatory
        ] or any(
            session_lines.get(line.code) is None or not session_lines[line.code].facultative
            for line in exchange.specialty.facultatives
        ):
            raise InvalidInput("ses épreuves ne sont pas celles du règlement de la session")
        evaluator = store.evaluator()  # the session's règlement and rules, not the file's
        current = store.grades()
        people: list[dict[str, Any]] = raw["candidates"]
        candidates = []
        new = 0
        orals: dict[str, Mapping[str, OralChoice]] = {}
        kept: dict[str, dict[str, int]] = {}  # bénéfice: number → line → year
        for graded, person in zip(exchange.candidates, people, strict=True):
            where = f"candidat {graded.number}"
            # Every field of the record the file gives (civilité, birth date, address…): a
            # field added to Candidate later is carried without a change here.
            values = record_values(Candidate, person, where)
            recorded = oral_records(person, where)
            if years := origin_years(person, graded.grades, where):
                kept[graded.number] = years
            chosen = graded.orals if recorded is None else recorded
            merged = {**current.get(graded.number, {}), **graded.grades}
            checked = CandidateGrades(graded.number, graded.category, merged, chosen)
            if recorded is None:
                evaluator.evaluate(checked)  # §6 orals: checked as evaluate does
            else:  # a session's own records: orals that no longer apply are kept, as there
                evaluator.evaluate_recorded(checked)
            known = store.candidate(graded.number)
            new += known is None
            base = known or Candidate(graded.number)
            candidates.append(replace(base, **{**values, "category": graded.category}))
            if chosen:
                orals[graded.number] = chosen
    except InvalidInput as exc:
        raise exc.within(source.name) from None
    # The store writes one origin year per call: the grades grouped by it (None: this
    # session's own).
    by_year: dict[int | None, list[GradeChange]] = {}
    replaced = []
    changed = 0
    for c in exchange.candidates:
        for code, entry in c.grades.items():
            year = kept.get(c.number, {}).get(code)
            change = GradeChange(c.number, code, entry)
            by_year.setdefault(year, []).append(change)
            old = current.get(c.number, {}).get(code)
            changed += old != entry
            if old is not None and old != entry:
                replaced.append((change, old))
    if changed:
        gate.check_writable(phase, reason, "une note")
    same = (
        not changed
        and all(store.candidate(c.number) == c for c in candidates)
        and _same_orals(store.orals(), orals)
    )
    return ExchangePreview(source.name, candidates, new, by_year, changed, replaced, orals, same)


def _same_orals(
    current: Mapping[str, Mapping[str, OralChoice]], given: Mapping[str, Mapping[str, OralChoice]]
) -> bool:
    """Whether every oral of the file is already the session's, as recorded."""
    return all(
        current.get(number, {}).get(key) == choice
        for number, chosen in given.items()
        for key, choice in chosen.items()
    )


def apply_exchange(
    store: SessionStore, preview: ExchangePreview, *, reason: str | None = None
) -> str:
    """Write a checked preview in one transaction, all or nothing (nothing at all, not even
    a backup, when it changes nothing). In délibération a grade that changes needs
    ``reason`` (R21), logged with it. Returns a French summary."""
    phase = store.details().phase
    if phase == "clos" or preview.changed:
        gate.check_writable(phase, reason, "une note")
    count = changed = added = updated = 0
    if preview.same:  # a file imported back as it is: nothing to write, nothing to ask
        return _summary(added, updated, changed, count)
    with store.transaction():
        added, updated = store.add_candidates(preview.candidates, source=preview.source)
        # No grade changes: none written, and no reason asked (R21; an identity alone may
        # change in délibération).
        for year, changes in preview.by_year.items() if preview.changed else []:
            changed += store.apply_grades(
                changes, origin="import", reason=reason, origin_year=year, source=preview.source
            )
        for number, chosen in preview.orals.items():
            for key, choice in chosen.items():
                count += store.set_oral(
                    number,
                    key,
                    discipline=choice.discipline,
                    grade=choice.grade,
                    absent=choice.absent,
                    reason=reason,
                )
    return _summary(added, updated, changed, count)


def _summary(added: int, updated: int, changed: int, count: int) -> str:
    summary = (
        f"{added} candidat(s) ajouté(s), {updated} mis à jour, {changed} note(s) enregistrée(s)"
    )
    return summary + (f", {count} épreuve(s) de contrôle." if count else ".")


def import_exchange(store: SessionStore, source: Path, *, reason: str | None = None) -> str:
    """:func:`preview_exchange` then :func:`apply_exchange` (the command line: the file is
    all or nothing, no question asked). Returns a French summary."""
    return apply_exchange(store, preview_exchange(store, source, reason=reason), reason=reason)


def working_session(path: Path) -> Path:
    """The session a president works on when opening an exchange file in the window: made
    beside it (« x.btsdesk », or « x (2).btsdesk » when taken), where it is found again and
    kept — not in a temporary folder a restart empties. On a medium where nothing can be
    written (a locked key), the working copy goes to a temporary folder as before."""
    target = path.with_suffix(".btsdesk")
    rank = 2
    while target.exists():
        target = path.with_name(f"{path.stem} ({rank}).btsdesk")
        rank += 1
    try:
        return session_from_exchange(path, target)
    except StorageError:
        return session_from_exchange(path)


def session_from_exchange(
    path: Path, target: Path | None = None, *, operator: str | None = None
) -> Path:
    """A session file made from an exchange file (a working copy in a temporary folder,
    or ``target``): a whole-session export (btsdesk.app.session_json) gives back the same
    session — header, règlement, candidates, grades, orals, jury, renonciations,
    decisions, phase — with a new audit log; a plain §6 file gives its candidates and
    grades. Built under a temporary name: it appears whole or not at all. The new log is
    by ``operator``, who recreates it, and so is the header (the log's default operator,
    as for a new session); without one, the export's. Decisions keep who recorded them."""
    text = json_text(read_chosen(path, "ouvrir comme JSON d'échange"), path.name)
    try:
        raw = load_json(text)
        exchange = read_session(raw)
        given = raw.get("session") or {}
        if not isinstance(given, dict):
            raise InvalidInput("« session » doit être un objet")
        values = record_values(SessionDetails, given, "session")
    except InvalidInput as exc:
        raise exc.within(path.name) from None
    phase = values.pop("phase", "saisie")
    if phase not in PHASES:
        raise InvalidInput(f"{path.name} : session : phase « {phase} » inconnue")
    if operator and operator.strip():
        values["operator"] = operator.strip()
    details = SessionDetails(
        **{
            "year": 2026,
            "title": path.stem,
            **values,
            "specialty_code": exchange.specialty.code or values.get("specialty_code", ""),
            "regime": exchange.rules.regime.code,
            "general_oral_levels": exchange.rules.general_oral_levels,
        }
    )
    if target is not None and target.exists():
        raise SessionFileError(f"« {target.name} » existe déjà : choisissez un autre nom")
    folder = Path(tempfile.mkdtemp(prefix="btsdesk-"))
    built = folder / (path.stem + ".btsdesk")
    try:
        with SessionStore.create(
            built,
            reglement=raw["specialty"],
            details=details,
            operator=details.operator or "btsdesk",
        ) as store:
            import_exchange(store, path)
            try:
                restore_rest(store, raw, phase)
                if phase == "clos":
                    _check_closable(store)
            except InvalidInput as exc:
                raise exc.within(path.name) from None
        if target is None:
            return built
        write_durably(target, built.read_bytes())  # whole or not at all (a new session file)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # a refused file leaves nothing behind
        raise
    shutil.rmtree(folder, ignore_errors=True)
    return target


def _check_closable(store: SessionStore) -> None:
    """A file that says « clos » is recreated closed only if the session could close (R24):
    a hand-edited export does not skip what closing requires."""
    from btsdesk.app.session import JurySession  # (the session module imports this one)

    blockers = JurySession(store).closing_blockers()
    if blockers:
        more = f" … et {len(blockers) - 3} autres" if len(blockers) > 3 else ""
        raise InvalidInput(
            "la session se dit close, mais sa clôture serait refusée (R24) : "
            + " ; ".join(blockers[:3])
            + more
        )
