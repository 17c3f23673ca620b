"""The documents of a session file: the store's data and the engine's results turned into
the documents' plain data (btsdesk.documents.model), then into PDF bytes, each production
recorded in the session file with its SHA-256.

R24b: the PV and the relevés state the jury's **recorded** decisions; before the session is
closed the PV is a draft marked « PROJET »; a relevé is produced only for a candidate whose
decision is recorded and not stale (R23), never for an incomplet one. Convocations need no
decision beyond R22."""

from __future__ import annotations

import atexit
import hashlib
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from btsdesk.app.session import FINAL, FIRST, JurySession
from btsdesk.core.engine import facultatives_excess
from btsdesk.core.french import local_moment
from btsdesk.core.grades import entry_text
from btsdesk.core.jury import balance_warning, roster_summary
from btsdesk.core.numbers import decimal_fr, fr
from btsdesk.core.records import Candidate
from btsdesk.core.reglement import Domain
from btsdesk.core.results import Decision
from btsdesk.documents import model
from btsdesk.documents.french import agreed, plain
from btsdesk.store.errors import RuleRefused
from btsdesk.store.files import write_durably
from btsdesk.store.session import SessionStore

ARRIVE_EARLY = timedelta(minutes=15)  # §5: arrive 15 minutes early
# How an oral grade counts, in words (§5: no rule number on a document), per regime rule.
RULE_SENTENCES = {
    "R13": "La note de chaque oral remplace les notes des épreuves écrites ou orales finales "
    "(ponctuelles) du domaine quand elle leur est supérieure ; sinon elles sont conservées. "
    "Les notes obtenues en cours de formation restent acquises. La moyenne est alors "
    "recalculée : le diplôme est obtenu si elle atteint 10 sur 20.",
    "R16": "La note de chaque oral remplace la note de la discipline choisie quand elle lui "
    "est supérieure ; sinon la note de la discipline est conservée. La moyenne est alors "
    "recalculée : le diplôme est obtenu si elle atteint 10 sur 20.",
}
ORIGIN_LABELS = {
    "professionnel": "bac professionnel",
    "technologique": "bac technologique",
    "general": "bac général",
    "autre": "autre origine",
}
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
    president = next(
        (m["name"] for m in store.jury_members() if m["role"] == "président"),
        "la présidente ou le président du jury",
    )
    centre_lines = [part.strip() for part in details.centre.split(",") if part.strip()]
    town = _town(details.centre)
    return model.Header(
        academie=details.academie,
        centre_name=centre_lines[0] if centre_lines else "",
        centre_address="\n".join(centre_lines[1:]),
        year=details.year,
        session_title=details.title or f"Session {details.year}",
        specialty=f"BTS {specialty.name} ({specialty.code}"
        + (f", {specialty.version})" if specialty.version else ")"),
        president=president,
        place=town,
        regime_rule=RULE_SENTENCES[store.rules().regime.final_rule],
        # §5: the session's own sentence when it has one, else the one derived here
        results_notice=details.results_notice.strip()
        or results_notice(store, centre_lines[0] if centre_lines else ""),
        logo=_image_file(store, "logo"),
        signature=_image_file(store, "signature"),
        delegate=details.signatory_delegate.strip(),
    )


def results_notice(store: SessionStore, centre: str) -> str:
    """Where and when the final results are posted (§5): at the centre, after the jury's
    deliberation that follows the last oral."""
    from btsdesk.core.french import weekday_date

    days = sorted(
        {exam[:10] for _prep, exam, _room, _who in store.oral_schedule().values() if exam}
    )
    when = f", le {weekday_date(date.fromisoformat(days[-1]))}" if days else ""
    where = f"au {centre}" if centre else "au centre d'examen"
    return (
        f"Les résultats définitifs sont affichés {where} à l'issue de la délibération du "
        f"jury qui suit les épreuves de contrôle{when}. Le relevé de notes est ensuite "
        "adressé à chaque candidat."
    )


_IMAGES: list[Path] = []  # this process's private folder of image copies, made once


def _image_folder() -> Path:
    """A folder of this process alone (0700), removed when btsdesk ends: the scanned
    signature is never left readable by others in a shared temporary folder."""
    if not _IMAGES:
        folder = Path(tempfile.mkdtemp(prefix="btsdesk-images-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _IMAGES.append(folder)
    return _IMAGES[0]


def _image_file(store: SessionStore, kind: str) -> Path | None:
    """The session's image as a file for ReportLab (a private copy, 0600; the session file
    keeps the original)."""
    data = store.image(kind)
    if data is None:
        return None
    path = _image_folder() / f"{hashlib.sha256(data).hexdigest()[:24]}.img"
    if not path.exists():
        write_durably(path, data)
    return path


def identity(candidate: Candidate) -> model.Identity:
    birth = date.fromisoformat(candidate.birth_date) if candidate.birth_date else None
    return model.Identity(
        candidate.number,
        candidate.civility,
        candidate.surname,
        candidate.given_name,
        birth,
        candidate.address,
        candidate.category,
        candidate.usage_name,
    )


def oral_slots(session: JurySession) -> list[tuple[Candidate, model.OralSlot]]:
    """Every scheduled oral of a candidate who takes the orals (R22: authorised, by right in
    regime 2022; R24: not declined), in time order."""
    store = session.store
    specialty = session.specialty
    regime = session.regime
    schedule = store.oral_schedule()
    found = []
    for row, candidate in enumerate(session.candidates):
        # R22, and still in contrôle (a later grade change may have admitted them).
        if not session.takes_orals(candidate.number):
            continue
        for key, choice in session.orals_of(row).items():
            prep, exam, room, examiner = schedule.get(
                (candidate.number, key), (None, None, None, None)
            )
            if exam is None:
                continue
            discipline = specialty.discipline_by_code.get(choice.discipline or "")
            durations = discipline.oral if discipline else None
            exam_start = datetime.fromisoformat(exam)
            preparation = durations.preparation if durations else 20
            preparation_start = (
                datetime.fromisoformat(prep)
                if prep
                else exam_start - timedelta(minutes=preparation)
            )
            title = (
                discipline.title
                if discipline
                else f"épreuves ponctuelles du {regime.key_label(key)}"
            )
            found.append(
                (
                    candidate,
                    model.OralSlot(
                        discipline=choice.discipline or regime.key_label(key),
                        title=title,
                        arrival=preparation_start - ARRIVE_EARLY,
                        preparation_start=preparation_start,
                        exam_start=exam_start,
                        preparation_minutes=preparation,
                        exam_minutes=durations.exam if durations else 20,
                        room=room or "",
                        examiner=examiner or "",
                    ),
                )
            )
    return sorted(found, key=lambda pair: (pair[1].exam_start, pair[1].room))


def convocations(session: JurySession, issued_on: date | None = None) -> list[model.Convocation]:
    by_candidate: dict[str, list[model.OralSlot]] = {}
    people: dict[str, Candidate] = {}
    for candidate, slot in oral_slots(session):
        by_candidate.setdefault(candidate.number, []).append(slot)
        people[candidate.number] = candidate
    day = issued_on or date.today()
    order = [c.number for c in session.candidates]  # the list's order, as on every document
    return [
        model.Convocation(identity(people[number]), tuple(by_candidate[number]), day)
        for number in order
        if number in by_candidate
    ]


def choice_forms(session: JurySession, issued_on: date | None = None) -> list[model.ChoiceForm]:
    """The fiches de choix (§5): one per candidate who takes the orals (R22, R24), with the
    disciplines offered (R12, R15: the result's options) and, for each, the grade the oral
    alone must reach for 10 (R17: per domain in regime 2021, per discipline in 2022)."""
    specialty = session.specialty
    regime = session.regime
    forms = []
    for row, candidate in enumerate(session.candidates):
        if not session.takes_orals(candidate.number):
            continue
        result = session.results[row]
        options = []
        for code in result.options:
            discipline = specialty.discipline_by_code[code]
            key = code if code in result.needed else discipline.domain.value
            options.append(
                model.ChoiceOption(
                    code,
                    discipline.title,
                    decimal_fr(discipline.coefficient),
                    _needed(result.needed.get(key)),
                )
            )
        fixed = [
            model.ChoiceOption(
                "—",
                f"Épreuves ponctuelles du {regime.key_label(key)}",
                "",
                _needed(needed),
            )
            for key, needed in result.needed.items()
            if key not in result.options and not regime.needs_choice(key)
        ]
        forms.append(
            model.ChoiceForm(
                identity(candidate),
                _average(result.average),
                regime.choices_count,
                tuple(options),
                tuple(fixed),
                issued_on or date.today(),
            )
        )
    return forms


def _needed(hundredths: int | None) -> str:
    """R17's grade as printed: « 12,17 », or « impossible »."""
    return "impossible" if hundredths is None else entry_text(hundredths)


Statement = tuple[Decision | None, str, str]  # outcome as recorded, first text, final text


def statement(session: JurySession, row: int) -> Statement:
    """What the documents state of a candidate (R24b): the outcome as recorded (None while
    not recorded), the first-group decision's text and the final decision's text."""
    number = session.candidates[row].number
    result = session.results[row]
    first = session.recorded(number, FIRST)
    final = session.recorded(number, FINAL)
    if result.decision is Decision.INCOMPLET:
        return Decision.INCOMPLET, Decision.INCOMPLET.label, ""
    if first is None:
        return None, "non enregistrée", ""
    first_text = Decision(first).label
    if final is not None:
        return Decision(final), first_text, Decision(final).label
    if first == Decision.CONTROLE.value and not session.takes_orals(number):
        if number in session.declined:
            return Decision.AJOURNE, first_text, "ajourné (renonce)"
        if session.authorisations.get(number) is False:
            return Decision.AJOURNE, first_text, "ajourné (non autorisé)"
    if first == Decision.CONTROLE.value:
        return None, first_text, ""
    return Decision(first), first_text, ""


def result_rows(
    session: JurySession,
    numbers: set[str] | None = None,
    statements: list[Statement] | None = None,
) -> list[model.ResultRow]:
    """Each candidate's figures as the documents print them; ``statements`` (one per
    candidate, from :func:`statement`) when the caller has them already."""
    lines = session.specialty.lines
    regime = session.regime
    rows = []
    for row, (candidate, result) in enumerate(
        zip(session.candidates, session.results, strict=True)
    ):
        if numbers is not None and candidate.number not in numbers:
            continue
        own = session.grades[row]
        outcome, first_text, final_text = (
            statements[row] if statements is not None else statement(session, row)
        )
        # D643-15: an ajourné candidate keeps the grades of 10 or more for five years
        kept = (
            tuple(line.code for line in lines if not line.facultative and _kept(own.get(line.code)))
            if outcome is Decision.AJOURNE
            else ()
        )
        rows.append(
            model.ResultRow(
                identity=identity(candidate),
                grades={line.code: entry_text(own.get(line.code)) for line in lines},
                general=_average(result.domain_averages[Domain.GENERAL]),
                professional=_average(result.domain_averages[Domain.PROFESSIONAL]),
                average=_average(result.average),
                decision=first_text,
                orals={
                    (choice.discipline or regime.key_label(key)): "absent"
                    if choice.absent
                    else (entry_text(choice.grade) or "—")
                    for key, choice in session.orals_of(row).items()
                },
                final_average=_average(result.final_average) if final_text else "",
                final_decision=final_text,
                reason=plain(result.sentence),
                kept=kept,
            )
        )
    return rows


def _kept(entry: object) -> bool:
    """A grade (hundredths) of 10 or more; never a code."""
    return isinstance(entry, int) and not isinstance(entry, bool) and entry >= 1000


def _outcome_label(session: JurySession, row: int, said: Statement) -> str:
    outcome, _first, _final = said
    if outcome is None:
        recorded = session.recorded(session.candidates[row].number, FIRST)
        if recorded == Decision.CONTROLE.value:
            return Decision.CONTROLE.label
        return "décision non enregistrée"
    return outcome.label


def deliberation(
    session: JurySession, stage: str, held_on: date | None = None
) -> model.Deliberation:
    """The PV's data (R24b): the recorded decisions; a draft (« PROJET ») until the session
    is closed; the final PV carries the audit log's head. ``stage`` is "premier groupe" or
    "final" (decisions after the orals)."""
    store = session.store
    # each candidate stated once for the whole PV: rows, counts and origins share it
    statements = [statement(session, row) for row in range(len(session.candidates))]
    rows = result_rows(session, statements=statements)
    if stage != "final":
        rows = [replace(r, orals={}, final_average="", final_decision="") for r in rows]
    counts: Counter[str] = Counter()
    for row in range(len(session.candidates)):
        if stage == "final":
            counts[_outcome_label(session, row, statements[row])] += 1
        else:
            counts[
                statements[row][1]
                if session.results[row].decision is not Decision.INCOMPLET
                else Decision.INCOMPLET.label
            ] += 1
    members = store.jury_members()
    changes = []
    people = {c.number: c for c in session.candidates}
    for entry in store.audit_log():
        if entry.reason and entry.action in ("note", "code", "oral"):
            number, _, line = entry.subject.partition("/")
            who = people.get(number)
            if line.startswith("oral:"):
                what = _oral_change(session, line.removeprefix("oral:"), entry.old, entry.new)
            else:
                what = f"{line} : {entry.old or '—'} → {entry.new or '—'}"
            changes.append(
                model.GradeChange(
                    when=local_moment(entry.at),
                    who=entry.operator,
                    candidate=f"{number} {who.full_name if who else ''}".strip(),
                    what=what,
                    reason=entry.reason,
                )
            )
    order = [d.label for d in DECISION_ORDER] + ["décision non enregistrée"]
    draft = session.phase != "clos"
    last_id, last_hash = store.audit_head()
    return model.Deliberation(
        header=header(store),
        stage=stage,
        held_on=held_on or date.today(),
        members=tuple(
            model.Member(
                m["name"],
                agreed(m["quality"], m["name"]) + (f" ({m['status']})" if m["status"] else ""),
                agreed(m["role"], m["name"]),
                bool(m["present"]),
            )
            for m in members
        ),
        lines=tuple(
            model.Line(line.code, line.title, decimal_fr(line.coefficient), line.facultative)
            for line in session.specialty.lines
        ),
        rows=tuple(rows),
        changes=tuple(changes),
        counts={
            label: counts[label]
            for label in order
            if counts[label] or label in (Decision.ADMIS.label, Decision.AJOURNE.label)
        },
        # R25: the counts and warnings of the Jury view (btsdesk.core.jury), never others.
        balance_warning=balance_warning(session.roster()),
        roster_summary=roster_summary(session.roster()) if members else "",
        by_origin=by_origin(session, stage, statements),
        draft=draft,
        checks=pv_checks(session) if draft else (),
        audit_head=""
        if draft
        else f"journal arrêté à l'entrée n° {last_id}, empreinte SHA-256 {last_hash}",
    )


def _oral_change(session: JurySession, key: str, old: str | None, new: str | None) -> str:
    """An oral's change as the PV says it: « oral du domaine général (E1) : 15,00 → 16,00 »,
    never the log's codes (§5)."""

    def split(value: str | None) -> tuple[str | None, str]:
        if value and " : " in value:
            discipline, grade = value.split(" : ", 1)
            return (None if discipline == "—" else discipline), grade
        return None, value or "—"

    old_discipline, old_grade = split(old)
    new_discipline, new_grade = split(new)
    label = session.regime.key_label(key)
    name = f"Oral {label}" if label == key else f"Oral du {label}"
    discipline = new_discipline or old_discipline
    if discipline and discipline != key:
        name += f" ({discipline})"
    if old_discipline and new_discipline and old_discipline != new_discipline:
        old_grade = f"{old_discipline} {old_grade}"
        new_grade = f"{new_discipline} {new_grade}"
    return f"{name} : {old_grade} → {new_grade}"


def pv_checks(session: JurySession) -> tuple[str, ...]:
    """What a draft PV asks the jury to check before signing (plain French, no rule
    number, §5): the règlement (§7: a file for other sessions, lines « à vérifier », a
    facultative coefficient) and every candidate graded at more facultative units than the
    session allows (R6, décret 2024-788)."""
    specialty = session.specialty
    year = session.details.year
    checks = []
    served = specialty.session_warning(year)
    if served:
        checks.append(f"Règlement : {served}.")
    unverified = [line.code for line in specialty.unverified]
    if unverified:
        checks.append(f"Règlement : lignes encore « à vérifier » : {', '.join(unverified)}.")
    checks += [f"Règlement : {warning}." for warning in specialty.load_warnings()]
    for row, candidate in enumerate(session.candidates):
        excess = facultatives_excess(specialty, session.grades[row], year)
        if excess:
            checks.append(f"{candidate.number} {candidate.full_name} : {excess}.")
    return tuple(checks)


def by_origin(
    session: JurySession, stage: str, statements: list[Statement] | None = None
) -> tuple[tuple[str, int, int], ...]:
    """Admitted / candidates per bac d'origine, with and without a parcours de consolidation
    (§8): only when the session knows the origins (copied from the class file)."""
    groups: dict[str, list[int]] = {}
    for row, candidate in enumerate(session.candidates):
        if not candidate.bac_origin:
            continue
        outcome = (statements[row] if statements is not None else statement(session, row))[0]
        decision = (
            outcome
            if stage == "final"
            else (Decision(session.recorded(candidate.number, FIRST) or "incomplet"))
        )
        label = f"{ORIGIN_LABELS.get(candidate.bac_origin, candidate.bac_origin)}, " + (
            "avec parcours" if candidate.consolidation else "sans parcours"
        )
        counts = groups.setdefault(label, [0, 0])
        counts[0] += decision is Decision.ADMIS
        counts[1] += 1
    return tuple((label, admitted, total) for label, (admitted, total) in sorted(groups.items()))


# the fiche de choix states who goes to the orals and what is at stake (R17)
STATES_DECISIONS = ("pv_premier_groupe", "pv_final", "releves", "fiche_choix")


def printing_blocked(session: JurySession, kind: str = "pv_final") -> str | None:
    """R23: no document that states decisions while a decision waits to be confirmed.
    Convocations and lists state none (R24b)."""
    if kind not in STATES_DECISIONS:
        return None
    stale = sorted({number for number, _stage in session.stale})
    if not stale:
        return None
    return (
        f"Impression bloquée : décision(s) à confirmer après un changement de note "
        f"(R23) — candidat(s) {', '.join(stale)}."
    )


def transcript_refusal(session: JurySession, row: int) -> str | None:
    """R24b: why no relevé can be produced for this candidate yet (None: it can)."""
    number = session.candidates[row].number
    result = session.results[row]
    if result.decision is Decision.INCOMPLET:
        return "incomplet"
    if session.recorded(number, FIRST) is None:
        return "décision non enregistrée"
    if (number, FIRST) in session.stale:
        return "décision à confirmer (R23)"
    if result.decision is Decision.CONTROLE and session.takes_orals(number):
        if session.recorded(number, FINAL) is None:
            return "décision finale pas encore enregistrée"
        if (number, FINAL) in session.stale:
            return "décision finale à confirmer (R23)"
    return None


def transcripts_for(
    session: JurySession, numbers: set[str] | None = None
) -> tuple[set[str], list[str]]:
    """The candidates who get a relevé (R24b) and, for the others asked, why not. Refused
    (RuleRefused) when a candidate named in ``numbers`` has none, or when nobody has one."""
    ready: set[str] = set()
    skipped: list[str] = []
    for row, candidate in enumerate(session.candidates):
        if numbers is not None and candidate.number not in numbers:
            continue
        why = transcript_refusal(session, row)
        if why is None:
            ready.add(candidate.number)
        else:
            skipped.append(f"{candidate.number} {candidate.full_name} : {why}")
    if numbers is not None and skipped:
        raise RuleRefused("pas de relevé de notes (R24b) pour " + " ; ".join(skipped))
    if not ready:
        raise RuleRefused(
            "aucun relevé de notes à produire : un relevé énonce une décision "
            "du jury enregistrée et à jour (R24b)"
        )
    return ready, skipped


def prepare(
    session: JurySession,
    kind: str,
    *,
    issued_on: date | None = None,
    numbers: set[str] | None = None,
) -> Callable[[], bytes]:
    """Read what the document needs from the session (in the store's thread) and return the
    function that builds its PDF bytes, which touches no store (safe in a worker thread).
    ``numbers`` limits convocations and relevés to those candidates."""
    from btsdesk import documents

    store = session.store
    blocked = printing_blocked(session, kind)
    if blocked:
        raise RuleRefused(blocked)
    if kind == "convocations":
        letters = [
            c
            for c in convocations(session, issued_on)
            if numbers is None or c.identity.number in numbers
        ]
        head = header(store)
        return lambda: documents.convocations_pdf(head, letters)
    if kind == "fiche_choix":
        if session.phase == "saisie":
            raise RuleRefused(
                "fiches de choix refusées en phase de saisie : les candidats admis aux "
                "épreuves de contrôle sont connus en délibération (R22)"
            )
        forms = [
            f
            for f in choice_forms(session, issued_on)
            if numbers is None or f.identity.number in numbers
        ]
        head = header(store)
        return lambda: documents.choice_forms_pdf(head, forms)
    if kind in ("liste_convoques", "emargement"):
        head, convoked = header(store), _convoked(session)
        build = (
            documents.convoked_list_pdf
            if kind == "liste_convoques"
            else documents.attendance_sheets_pdf
        )
        return lambda: build(head, convoked)
    if kind == "releves":
        ready, _skipped = transcripts_for(session, numbers)
        head = header(store)
        lines = tuple(
            model.Line(line.code, line.title, decimal_fr(line.coefficient), line.facultative)
            for line in session.specialty.lines
        )
        rows = result_rows(session, ready)
        return lambda: documents.transcripts_pdf(head, lines, rows, issued_on)
    if kind in ("pv_premier_groupe", "pv_final"):
        stage = "premier groupe" if kind == "pv_premier_groupe" else "final"
        data = deliberation(session, stage, issued_on)
        return lambda: documents.deliberation_pdf(data)
    raise ValueError(f"document « {kind} » inconnu")


def record(session: JurySession, kind: str, data: bytes, path: Path | None = None) -> Produced:
    """Note the production in the session file (when, SHA-256, where it was written)."""
    pages = page_count(data)
    return Produced(
        kind,
        data,
        pages,
        session.store.record_document(
            kind, data, pages=pages, path=None if path is None else str(path)
        ),
    )


def save(
    session: JurySession,
    kind: str,
    out: Path,
    *,
    issued_on: date | None = None,
    numbers: set[str] | None = None,
    record_it: bool = True,
) -> Produced:
    """Build one kind of document, write it to ``out`` durably (0600: it holds names and
    grades), and only then record its production in the session. ``record_it`` False: a
    session opened read-only (a read-only medium) produces without recording."""
    data = prepare(session, kind, issued_on=issued_on, numbers=numbers)()
    write_durably(out, data)
    if not record_it:
        return Produced(kind, data, page_count(data), hashlib.sha256(data).hexdigest())
    return record(session, kind, data, out)


def produce(
    session: JurySession,
    kind: str,
    *,
    issued_on: date | None = None,
    numbers: set[str] | None = None,
) -> Produced:
    """Build one kind of document and record it, in the calling thread."""
    return record(session, kind, prepare(session, kind, issued_on=issued_on, numbers=numbers)())


KINDS = {
    "convocations": "Convocations",
    "liste_convoques": "Liste des candidats convoqués",
    "emargement": "Feuilles d'émargement",
    "releves": "Relevés de notes",
    "pv_premier_groupe": "PV de délibération (premier groupe)",
    "pv_final": "PV de délibération (final)",
    "fiche_choix": "Fiches de choix des épreuves de contrôle",
}


def _convoked(session: JurySession) -> list[model.ConvokedRow]:
    return [model.ConvokedRow(identity(candidate), slot) for candidate, slot in oral_slots(session)]


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium  # no type information: see [tool.mypy] in pyproject.toml

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
