"""A demo session played to the end with JurySession (both regimes): the jury, délibération,
the first-group decisions, the authorisations (regime 2021), the choices, the orals planned,
their grades (one absent), the others declining, the final decisions, closing."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from btsdesk.app import planning
from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import FIRST, JurySession
from btsdesk.core.grades import Code
from btsdesk.core.results import Decision
from btsdesk.core.scheduling import Examiner, OralDay, Room

DAY = date(2026, 7, 6)


def jury(session: JurySession) -> None:
    session.add_jury_member("Mme Anne Morel", "enseignant", president=True)
    session.add_jury_member("Mme Claire Durand", "enseignant")
    session.add_jury_member("M. Paul Petit", "professionnel")


def complete(session: JurySession) -> None:
    """Every missing obligatory grade entered as ABJ (R2)."""
    from btsdesk.app.session import CellChange

    changes = [
        CellChange(row, line.code, Code.ABJ)
        for row, _c in enumerate(session.candidates)
        for line in session.specialty.lines
        if not line.facultative and session.entry(row, line.code) is None
    ]
    if changes:
        session.set_cells(changes)


def to_orals(path: Path, regime: str, count: int = 40) -> JurySession:
    """Délibération, first-group decisions recorded, authorisations, choices, planning."""
    create_demo_file(path, count, regime=regime)
    session = JurySession.open(path, operator="Secrétariat", backup=False)
    jury(session)
    complete(session)
    session.set_phase("deliberation")
    session.decide_all()
    for row, candidate in enumerate(session.candidates):
        result = session.results[row]
        if result.decision is not Decision.CONTROLE:
            continue
        if not session.regime.authorised_by_right:
            session.authorise(candidate.number)
        options = list(result.options)
        session.choose(candidate.number, options[:2] if regime == "2022" else options[:1])
    setup = planning.Setup(
        [OralDay(DAY, time(8), time(18)), OralDay(date(2026, 7, 7), time(8), time(18))],
        [Room("Salle 100"), Room("lab/oratoire")],
        [
            Examiner("Mme Durand", frozenset(planning_subjects(session))),
            Examiner("M. Petit", frozenset(planning_subjects(session))),
        ],
    )
    planning.save_setup(session, setup)
    planning.propose_schedule(session)
    return session


def planning_subjects(session: JurySession) -> set[str]:
    return {request.subject for request, _key in planning.requests(session)}


def to_the_end(path: Path, regime: str, count: int = 40) -> JurySession:
    session = to_orals(path, regime, count)
    eligible = [
        c.number
        for c in session.candidates
        if session.recorded(c.number, FIRST) == Decision.CONTROLE.value
        and session.takes_orals(c.number)
    ]
    for index, number in enumerate(eligible):
        keys = list(session.orals(number))
        if index == 0:
            for key in keys:
                session.set_oral(number, key, 1500)
            session.set_oral(number, keys[0], 1600, reason="erreur de report")
        elif index == 1:
            for key in keys:
                session.set_oral(number, key, "absent")
        elif index == 2:
            for key in keys:
                session.set_oral(number, key, 900)
        else:
            session.decline(number)
    session.decide_all(final=True)
    for candidate in session.candidates:
        if candidate.livret_provided and not candidate.livret_examined_on:
            session.examine_livret(candidate.number)
    blockers = session.closing_blockers()
    assert not blockers, blockers
    session.set_phase("clos")
    return session
