"""Planning des oraux, Qt-free: days, rooms and examiners; an automatic proposal that
respects every constraint (btsdesk.core.scheduling); manual moves; the conflicts and the
warnings for an oral that can change nothing (R13) or breaks the 8-day rule (R13b).
The window's Oraux view and ``btsdesk planning`` call the same functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from btsdesk.app.session import PLANNING, Change, JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.core.results import CandidateGrades, Decision, OralChoice
from btsdesk.core.scheduling import (
    Examiner,
    OralDay,
    OralRequest,
    Room,
    Slot,
    conflicts,
    deadline_warnings,
    french_date,
    move,
    propose,
)

# What a secretary types for the regime 2021 domains.
SUBJECT_WORDS = {
    "professionnel": "professional",
    "domaine professionnel": "professional",
    "pro": "professional",
    "général": "general",
    "domaine général": "general",
}
GAP_MINUTES = 10  # between two orals of one examiner or one room


@dataclass(frozen=True)
class Setup:
    days: list[OralDay]
    rooms: list[Room]
    examiners: list[Examiner]


def parse_moment(text: str) -> datetime:
    """A date and time as a French secretary types it (« 06/07/2026 08:30 ») or in ISO form
    (« 2026-07-06 08:30 »)."""
    cleaned = " ".join(text.split())
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
    raise InvalidInput(f"« {text} » : date et heure attendues, par exemple « 06/07/2026 08:30 »")


def _day(text: str) -> date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_setup(days: str, rooms: str, examiners: str) -> Setup:
    """The organisation as typed: one day a line (« 06/07/2026 08:00 18:00 »), one room a
    line, one examiner a line (« Mme Dupont : E1, E3 »). French message naming the line."""
    parsed_days = []
    for number, line in enumerate(_lines(days), start=1):
        parts = line.split()
        try:
            parsed_days.append(
                (_day(parts[0]), time.fromisoformat(parts[1]), time.fromisoformat(parts[2]))
            )
        except (IndexError, ValueError):
            raise InvalidInput(
                f"jours, ligne {number} : « {line} » — attendu « JJ/MM/AAAA HH:MM HH:MM »"
            ) from None
    return make_setup(parsed_days, rooms, examiners)


def make_setup(days: Sequence[tuple[date, time, time]], rooms: str, examiners: str) -> Setup:
    """The organisation from days already read (the window's date and time pickers, or
    :func:`parse_setup`), rooms and examiners as typed; French message naming the line."""
    parsed_days = []
    seen: dict[date, int] = {}
    for number, (day, start, end) in enumerate(days, start=1):
        if day in seen:
            raise InvalidInput(
                f"jours, ligne {number} : le {french_date(day)} est déjà à la ligne {seen[day]}"
            )
        seen[day] = number
        try:
            parsed_days.append(OralDay(day, start, end))
        except InvalidInput as exc:
            raise InvalidInput(f"jours, ligne {number} : {exc}") from None
    parsed_rooms = [Room(name) for name in _lines(rooms)]
    parsed_examiners = []
    for number, line in enumerate(_lines(examiners), start=1):
        name, _, subjects = line.partition(":")
        codes = frozenset(
            SUBJECT_WORDS.get(code.strip().lower(), code.strip())
            for code in subjects.split(",")
            if code.strip()
        )
        if not name.strip() or not codes:
            raise InvalidInput(
                f"examinateurs, ligne {number} : « {line} » — attendu « Nom : E1, E2 »"
            )
        parsed_examiners.append(Examiner(name.strip(), codes))
    return Setup(parsed_days, parsed_rooms, parsed_examiners)


def setup_of(session: JurySession) -> Setup:
    days, rooms, examiners = session.store.oral_setup()
    return Setup(
        [
            OralDay(date.fromisoformat(d), time.fromisoformat(s), time.fromisoformat(e))
            for d, s, e in days
        ],
        [Room(name) for name in rooms],
        [Examiner(name, frozenset(subjects)) for name, subjects in examiners.items()],
    )


def setup_text(session: JurySession) -> tuple[str, str, str]:
    """The recorded organisation as the user types it (days, rooms, examiners)."""
    setup = setup_of(session)
    words = {
        code: word for word, code in SUBJECT_WORDS.items() if " " not in word and word != "pro"
    }
    return (
        "\n".join(
            f"{d.day.strftime('%d/%m/%Y')} {d.start:%H:%M} {d.end:%H:%M}" for d in setup.days
        ),
        "\n".join(r.name for r in setup.rooms),
        "\n".join(
            f"{e.name} : {', '.join(words.get(s, s) for s in sorted(e.disciplines))}"
            for e in setup.examiners
        ),
    )


def save_setup(session: JurySession, setup: Setup) -> Change:
    session.store.set_oral_setup(
        [
            (d.day.isoformat(), d.start.strftime("%H:%M"), d.end.strftime("%H:%M"))
            for d in setup.days
        ],
        [r.name for r in setup.rooms],
        {e.name: sorted(e.disciplines) for e in setup.examiners},
    )
    return Change(
        frozenset({PLANNING}),
        message=f"organisation enregistrée : "
        f"{len(setup.days)} jour(s), {len(setup.rooms)} salle(s), "
        f"{len(setup.examiners)} examinateur(s)",
    )


def requests(session: JurySession) -> list[tuple[OralRequest, str]]:
    """The orals to place: every chosen oral of every candidate who takes them (R22, R24)."""
    specialty = session.specialty
    found = []
    for row, candidate in enumerate(session.candidates):
        if not session.takes_orals(candidate.number):
            continue
        for key, choice in session.orals_of(row).items():
            discipline = specialty.discipline_by_code.get(choice.discipline or "")
            subject = choice.discipline or key
            if discipline is not None:
                request = OralRequest.for_discipline(candidate.number, discipline, subject)
            else:  # an oral without a discipline to choose (R11's professional oral)
                request = OralRequest(candidate.number, subject, session.regime.key_label(key))
            found.append((request, key))
    return found


def propose_schedule(session: JurySession) -> Change:
    """Place every oral to place, respecting rooms, examiners and days; logged."""
    setup = setup_of(session)
    if not setup.days or not setup.rooms or not setup.examiners:
        raise InvalidInput(
            "organisation des oraux incomplète : jours, salles et examinateurs d'abord"
        )
    wanted = requests(session)
    if not wanted:
        raise InvalidInput("aucun oral à placer : choix de discipline à enregistrer d'abord")
    proposal = propose([r for r, _key in wanted], setup.days, setup.rooms, setup.examiners)
    keys = {(r.candidate, r.subject): key for r, key in wanted}
    session.store.set_schedule(
        (
            slot.candidate,
            keys[(slot.candidate, slot.subject)],
            slot.preparation_start.isoformat(),
            slot.exam_start.isoformat(),
            slot.room,
            slot.examiner,
        )
        for slot in proposal.slots
    )
    unplaced = "; ".join(f"{r.candidate} ({r.discipline}) : {why}" for r, why in proposal.unplaced)
    message = f"{len(proposal.slots)} oral(aux) placé(s)"
    if unplaced:
        message += f" ; non placés : {unplaced}"
    numbers = {slot.candidate for slot in proposal.slots}
    return Change(frozenset({PLANNING}), frozenset(numbers), message)


def slots(session: JurySession) -> list[tuple[Slot, str]]:
    """Every placed oral of a candidate who takes them, in time order, with its oral key."""
    schedule = session.store.oral_schedule()
    wanted = {(r.candidate, key): r for r, key in requests(session)}
    found = []
    for (number, key), (prep, exam, room, examiner) in sorted(
        schedule.items(), key=lambda item: (item[1][1] or "", item[0])
    ):
        request = wanted.get((number, key))
        if exam is None or request is None:
            continue
        exam_start = datetime.fromisoformat(exam)
        preparation = datetime.fromisoformat(prep) if prep else exam_start
        found.append(
            (
                Slot(
                    number,
                    request.subject,
                    request.discipline,
                    exam_start.date(),
                    preparation,
                    exam_start,
                    exam_start + timedelta(minutes=request.exam_minutes),
                    room or "",
                    examiner or "",
                ),
                key,
            )
        )
    return found


def move_oral(
    session: JurySession, number: str, target: str, exam_start: datetime, room: str | None = None
) -> Change:
    """Move one placed oral to another time (and room); the conflicts it makes are shown,
    not refused (the president decides)."""
    key = session.oral_key(number, target)
    placed = {(slot.candidate, k): slot for slot, k in slots(session)}
    slot = placed.get((number, key))
    if slot is None:
        raise InvalidInput(f"candidat {number} : oral « {target} » pas encore placé")
    moved = move(slot, exam_start=exam_start, room=room or None)
    session.store.set_schedule(
        [
            (
                moved.candidate,
                key,
                moved.preparation_start.isoformat(),
                moved.exam_start.isoformat(),
                moved.room,
                moved.examiner,
            )
        ]
    )
    found = conflicts_of(session)
    message = "oral déplacé" + (f" ; {len(found)} conflit(s)" if found else ", sans conflit")
    return Change(frozenset({PLANNING}), frozenset({number}), message)


def conflicts_of(session: JurySession) -> list[str]:
    setup = setup_of(session)
    return [
        c.message
        for c in conflicts(
            [s for s, _ in slots(session)],
            setup.examiners or None,
            setup.days or None,
            gap_minutes=GAP_MINUTES,
        )
    ]


def warnings_of(session: JurySession, *, convocation_date: date | None = None) -> list[str]:
    """R13b: orals or convocations later than 8 days after the proclamation; R13: an oral
    that can change nothing even at 20 (no ponctuel line to replace)."""
    found = []
    proclamation = session.details.proclamation
    if proclamation:
        found += deadline_warnings(
            date.fromisoformat(proclamation),
            slots=[s for s, _ in slots(session)],
            convocation_date=convocation_date or date.today(),
        )
    for row, candidate in enumerate(session.candidates):
        result = session.results[row]
        if result.decision is not Decision.CONTROLE or result.average is None:
            continue
        for key, choice in session.orals_of(row).items():
            graded = CandidateGrades(
                candidate.number,
                candidate.category,
                session.grades[row],
                {key: OralChoice(choice.discipline, 2000)},
            )
            best = session.evaluator.evaluate_recorded(graded).final_average
            if best is not None and best == result.average:
                found.append(
                    f"{candidate.number} : l'oral {choice.discipline or key} ne peut "
                    "rien changer, aucune épreuve ponctuelle à remplacer (R13)"
                )
    return found


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
