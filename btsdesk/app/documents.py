"""The documents of a session file: the store's data and the engine's results turned into
the documents' plain data (btsdesk.documents.model), then into PDF bytes, each production
recorded in the session file with its SHA-256."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from btsdesk.core.grades import entry_text
from btsdesk.core.jury import Member as JuryMember
from btsdesk.core.jury import balance_warning
from btsdesk.core.numbers import decimal_fr, fr
from btsdesk.core.reglement import Domain
from btsdesk.core.results import Decision, Result
from btsdesk.documents import model
from btsdesk.store.session import Candidate, SessionStore

ARRIVE_EARLY = timedelta(minutes=15)  # §5: arrive 15 minutes early
RULE_SENTENCES = {
    "R13": "La note de chaque oral remplace les notes des épreuves ponctuelles du domaine "
           "quand elle leur est supérieure ; les autres notes sont conservées (R13).",
    "R16": "La note de chaque oral remplace la note de la discipline choisie quand elle lui "
           "est supérieure ; les autres notes sont conservées (R16).",
}
ORIGIN_LABELS = {"professionnel": "bac professionnel", "technologique": "bac technologique",
                 "general": "bac général", "autre": "autre origine"}
DECISION_ORDER = (Decision.ADMIS, Decision.CONTROLE, Decision.AJOURNE, Decision.INCOMPLET)


@dataclass(frozen=True)
class Produced:
    kind: str
    data: bytes
    pages: int
    sha256: str


def header(store: SessionStore) -> model.Header:
    details = store.details()
    specialty = store.specialty
    president = next((m["name"] for m in store.jury_members() if m["role"] == "président"),
                     "la présidente ou le président du jury")
    centre_lines = [part.strip() for part in details.centre.split(",") if part.strip()]
    town = _town(details.centre)
    return model.Header(
        academie=details.academie, centre_name=centre_lines[0] if centre_lines else "",
        centre_address="\n".join(centre_lines[1:]), year=details.year,
        session_title=details.title or f"Session {details.year}",
        specialty=f"BTS {specialty.name} ({specialty.code}"
                  + (f", {specialty.version})" if specialty.version else ")"),
        president=president, place=town,
        regime_rule=RULE_SENTENCES[store.rules().regime.final_rule],
        logo=_image_file(store, "logo"), signature=_image_file(store, "signature"))


def _image_file(store: SessionStore, kind: str) -> Path | None:
    """The session's image as a file for ReportLab (a temporary copy; the session file keeps
    the original)."""
    data = store.image(kind)
    if data is None:
        return None
    folder = Path(tempfile.gettempdir()) / "btsdesk-images"
    folder.mkdir(exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()[:24]}.img"
    if not path.exists():
        path.write_bytes(data)
    return path


def identity(candidate: Candidate) -> model.Identity:
    birth = date.fromisoformat(candidate.birth_date) if candidate.birth_date else None
    return model.Identity(candidate.number, candidate.civility, candidate.surname,
                          candidate.given_name, birth, candidate.address, candidate.category)


def results(store: SessionStore) -> list[tuple[Candidate, Result]]:
    evaluator = store.evaluator()
    return [(candidate, evaluator.evaluate_recorded(graded))
            for candidate, graded in zip(store.candidates(), store.candidate_grades(),
                                         strict=True)]


def oral_slots(store: SessionStore) -> list[tuple[Candidate, model.OralSlot]]:
    """Every scheduled oral of an authorised candidate (R22), in time order."""
    specialty = store.specialty
    regime = store.rules().regime
    authorised = store.authorisations()
    orals = store.orals()
    schedule = store.oral_schedule()
    in_controle = {candidate.number for candidate, result in results(store)
                   if result.decision is Decision.CONTROLE}
    found = []
    for candidate in store.candidates():
        # R22: authorised, and still in contrôle (a later grade change may have admitted them).
        if not authorised.get(candidate.number) or candidate.number not in in_controle:
            continue
        for key, choice in orals.get(candidate.number, {}).items():
            prep, exam, room, examiner = schedule.get((candidate.number, key),
                                                      (None, None, None, None))
            if exam is None:
                continue
            discipline = specialty.discipline_by_code.get(choice.discipline or "")
            durations = discipline.oral if discipline else None
            exam_start = datetime.fromisoformat(exam)
            preparation = durations.preparation if durations else 20
            preparation_start = (datetime.fromisoformat(prep) if prep
                                 else exam_start - timedelta(minutes=preparation))
            title = (discipline.title if discipline else
                     f"épreuves ponctuelles du {regime.key_label(key)}")
            found.append((candidate, model.OralSlot(
                discipline=choice.discipline or regime.key_label(key), title=title,
                arrival=preparation_start - ARRIVE_EARLY,
                preparation_start=preparation_start, exam_start=exam_start,
                preparation_minutes=preparation,
                exam_minutes=durations.exam if durations else 20,
                room=room or "", examiner=examiner or "")))
    return sorted(found, key=lambda pair: (pair[1].exam_start, pair[1].room))


def convocations(store: SessionStore, issued_on: date | None = None) -> list[model.Convocation]:
    by_candidate: dict[str, list[model.OralSlot]] = {}
    people: dict[str, Candidate] = {}
    for candidate, slot in oral_slots(store):
        by_candidate.setdefault(candidate.number, []).append(slot)
        people[candidate.number] = candidate
    day = issued_on or date.today()
    order = [c.number for c in store.candidates()]  # the list's order, as on every document
    return [model.Convocation(identity(people[number]), tuple(by_candidate[number]), day)
            for number in order if number in by_candidate]


def result_rows(store: SessionStore) -> list[model.ResultRow]:
    lines = store.specialty.lines
    regime = store.rules().regime
    rows = []
    grades = store.grades()
    orals = store.orals()
    for candidate, result in results(store):
        own = grades.get(candidate.number, {})
        rows.append(model.ResultRow(
            identity=identity(candidate),
            grades={line.code: entry_text(own.get(line.code)) for line in lines},
            general=_average(result.domain_averages[Domain.GENERAL]),
            professional=_average(result.domain_averages[Domain.PROFESSIONAL]),
            average=_average(result.average), decision=result.decision.label,
            orals={(choice.discipline or regime.key_label(key)):
                   entry_text(choice.grade) or "—"
                   for key, choice in orals.get(candidate.number, {}).items()},
            final_average=_average(result.final_average),
            final_decision=result.final_decision.label if result.final_decision else "",
            reason=result.sentence))
    return rows


def deliberation(store: SessionStore, stage: str, held_on: date | None = None
                 ) -> model.Deliberation:
    """The PV's data: stage "premier groupe" or "final" (decisions after the orals)."""
    rows = result_rows(store)
    counts: Counter[str] = Counter()
    for _candidate, result in results(store):
        decision = result.decision
        if stage == "final" and result.final_decision is not None:
            decision = result.final_decision
        counts[decision.label] += 1
    members = store.jury_members()
    changes = []
    people = {c.number: c for c in store.candidates()}
    for entry in store.audit_log():
        if entry.reason and entry.action in ("note", "code", "oral"):
            number, _, line = entry.subject.partition("/")
            who = people.get(number)
            changes.append(model.GradeChange(
                when=datetime.fromisoformat(entry.at), who=entry.operator,
                candidate=f"{number} {who.full_name if who else ''}".strip(),
                what=f"{line} : {entry.old or '—'} → {entry.new or '—'}", reason=entry.reason))
    return model.Deliberation(
        header=header(store), stage=stage, held_on=held_on or date.today(),
        members=tuple(model.Member(m["name"], m["quality"], m["role"], bool(m["present"]))
                      for m in members),
        lines=tuple(model.Line(line.code, line.title, decimal_fr(line.coefficient),
                               line.facultative) for line in store.specialty.lines),
        rows=tuple(rows), changes=tuple(changes),
        counts={decision.label: counts[decision.label] for decision in DECISION_ORDER
                if counts[decision.label] or decision is not Decision.INCOMPLET},
        balance_warning=balance_warning(JuryMember(m["name"], m["quality"], m["role"],
                                                   bool(m["present"])) for m in members),
        by_origin=by_origin(store, stage))


def by_origin(store: SessionStore, stage: str) -> tuple[tuple[str, int, int], ...]:
    """Admitted / candidates per bac d'origine, with and without a parcours de consolidation
    (§8): only when the session knows the origins (copied from the class file)."""
    groups: dict[str, list[int]] = {}
    for candidate, result in results(store):
        if not candidate.bac_origin:
            continue
        decision = result.decision
        if stage == "final" and result.final_decision is not None:
            decision = result.final_decision
        label = f"{ORIGIN_LABELS.get(candidate.bac_origin, candidate.bac_origin)}, " + (
            "avec parcours" if candidate.consolidation else "sans parcours")
        counts = groups.setdefault(label, [0, 0])
        counts[0] += decision is Decision.ADMIS
        counts[1] += 1
    return tuple((label, admitted, total) for label, (admitted, total) in sorted(groups.items()))


def printing_blocked(store: SessionStore) -> str | None:
    """R23: no document while a decision waits to be confirmed."""
    stale = store.stale_decisions()
    if not stale:
        return None
    numbers = ", ".join(sorted({number for number, _stage in stale}))
    return (f"Impression bloquée : décision(s) à confirmer après un changement de note "
            f"(R23) — candidat(s) {numbers}.")


def prepare(store: SessionStore, kind: str, *, issued_on: date | None = None,
            numbers: set[str] | None = None) -> Callable[[], bytes]:
    """Read what the document needs from the session (in the store's thread) and return the
    function that builds its PDF bytes, which touches no store (safe in a worker thread).
    ``numbers`` limits convocations and relevés to those candidates."""
    from btsdesk import documents

    if kind == "convocations":
        letters = [c for c in convocations(store, issued_on)
                   if numbers is None or c.identity.number in numbers]
        head = header(store)
        return lambda: documents.convocations_pdf(head, letters)
    if kind in ("liste_convoques", "emargement"):
        head, rows = header(store), _convoked(store)
        build = (documents.convoked_list_pdf if kind == "liste_convoques"
                 else documents.attendance_sheets_pdf)
        return lambda: build(head, rows)
    if kind == "releves":
        head, lines = header(store), deliberation(store, "final").lines
        rows = [r for r in result_rows(store) if numbers is None or r.identity.number in numbers]
        return lambda: documents.transcripts_pdf(head, lines, rows, issued_on)
    if kind in ("pv_premier_groupe", "pv_final"):
        stage = "premier groupe" if kind == "pv_premier_groupe" else "final"
        data = deliberation(store, stage, issued_on)
        return lambda: documents.deliberation_pdf(data)
    raise ValueError(f"document « {kind} » inconnu")


def record(store: SessionStore, kind: str, data: bytes) -> Produced:
    """Note the production in the session file (when, SHA-256)."""
    pages = page_count(data)
    return Produced(kind, data, pages, store.record_document(kind, data, pages=pages))


def produce(store: SessionStore, kind: str, *, issued_on: date | None = None,
            numbers: set[str] | None = None) -> Produced:
    """Build one kind of document and record it, in the calling thread."""
    return record(store, kind, prepare(store, kind, issued_on=issued_on, numbers=numbers)())


KINDS = {
    "convocations": "Convocations",
    "liste_convoques": "Liste des candidats convoqués",
    "emargement": "Feuilles d'émargement",
    "releves": "Relevés de notes",
    "pv_premier_groupe": "PV de délibération (premier groupe)",
    "pv_final": "PV de délibération (final)",
}


def _convoked(store: SessionStore) -> list[model.ConvokedRow]:
    return [model.ConvokedRow(identity(candidate), slot) for candidate, slot in
            oral_slots(store)]


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def _average(value: object) -> str:
    return "" if value is None else fr(value)  # type: ignore[arg-type]


def _town(centre: str) -> str:
    match = re.search(r"\b\d{5}\s+(.+)$", centre.strip())
    return match.group(1).strip() if match else ""
