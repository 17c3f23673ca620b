"""The jury's results as the measure of the parcours de consolidation (domain.md §8, issue 7):
a first-year class file and a jury session of the same students, matched by number.

Application level: it reads both stores and hands the core's :func:`indicators` the
outcomes the jury gave. Nothing is written to either file."""

from __future__ import annotations

from dataclasses import replace

from btsdesk.core.consolidation import Indicators, Outcome, indicators
from btsdesk.core.errors import InvalidInput
from btsdesk.store.class_file import ClassStore
from btsdesk.store.session import SessionStore

_BTS_IN = {2: Outcome.BTS_2_ANS, 3: Outcome.BTS_3_ANS}


def jury_outcomes(class_store: ClassStore, session_store: SessionStore) -> dict[str, Outcome]:
    """The outcome the jury gave each student of the class found in the session: admis (the
    final decision if any, else the first group's) → BTS obtained in 2 or 3 years (the
    session's year minus the rentrée of the first year), ajourné → échec au BTS. A student
    without a recorded decision, or still at the contrôle, gets nothing here."""
    class_year = class_store.details().year
    session_year = session_store.details().year
    numbers = {student.number for student in class_store.students()}
    decisions = session_store.decisions()
    outcomes: dict[str, Outcome] = {}
    for candidate in session_store.candidates():
        if candidate.number not in numbers:
            continue
        stages = decisions.get(candidate.number, {})
        decision = stages.get("final") or stages.get("premier_groupe")
        if decision == "ajourne":
            outcomes[candidate.number] = Outcome.ECHEC_BTS
        elif decision == "admis":
            years = session_year - class_year
            if years not in _BTS_IN:
                raise InvalidInput(
                    f"session {session_year} : {years} an(s) après l'entrée en première année "
                    f"de la classe (rentrée {class_year}) ; le BTS s'obtient en 2 ou 3 ans, "
                    "vérifiez l'année de la classe ou de la session"
                )
            outcomes[candidate.number] = _BTS_IN[years]
    return outcomes


def indicators_with_jury(class_store: ClassStore, session_store: SessionStore) -> Indicators:
    """The comité de suivi's indicators over the class, with the jury's outcomes in place of
    those recorded in the class file for the students the session decided on."""
    outcomes = jury_outcomes(class_store, session_store)
    return indicators(
        replace(followed, outcome=outcomes.get(followed.student.number, followed.outcome))
        for followed in class_store.followed()
    )


def copy_to_session(class_store: ClassStore, session_store: SessionStore) -> int:
    """Give the jury session's candidates (same numbers) their bac d'origine and whether they
    followed a parcours de consolidation, so the PV can give the results by origin (§8).
    One transaction, each change logged. Returns how many candidates changed."""
    from dataclasses import replace

    followed = {f.student.number: f for f in class_store.followed()}
    changed = []
    for candidate in session_store.candidates():
        item = followed.get(candidate.number)
        if item is None:
            continue
        updated = replace(
            candidate, bac_origin=item.student.origin.value, consolidation=item.parcours
        )
        if updated != candidate:
            changed.append(updated)
    if changed:
        session_store.add_candidates(changed, source=f"classe {class_store.path.name}")
    return len(changed)
