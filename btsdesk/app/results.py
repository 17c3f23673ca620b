"""The results of an open session as plain data for scripts (``btsdesk resultats --json``)
and for the command line's French table: §6's words (admis | controle | ajourne |
incomplet) and number format (R7: two decimals, truncated, a dot), with what the jury
recorded (R21, R23), the authorisations (R22), the choices and the orals (R12, R15, R13a)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from btsdesk.app.session import FINAL, FIRST, JurySession
from btsdesk.core.numbers import average_text
from btsdesk.core.results import Decision


def _average(value: Fraction | None) -> str | None:
    return None if value is None else average_text(value)  # R7: truncated, dot


def candidate_record(session: JurySession, row: int) -> dict[str, Any]:
    """One candidate: the first-group decision the grades give (§6 ``decision``), the final
    one once the orals decide it (R13, R16; only for a candidate who takes them, R22/R24),
    the recorded decisions and whether any is stale (R23), the authorisation (a boolean for
    a contrôle candidate, by right in regime 2022, else null), the choice (a list), the
    orals (the regime's keys; "12.50", "absent" or null) and the renonciation (R24)."""
    candidate = session.candidates[row]
    number = candidate.number
    result = session.results[row]
    regime = session.regime
    orals = session.orals_of(row)
    controle = result.decision is Decision.CONTROLE
    takes = session.takes_orals(number)
    final = result.final_decision if takes else None
    return {
        "number": number,
        "decision": result.decision.value,
        "average": _average(result.average),
        "final_average": _average(result.final_average) if final is not None else None,
        "final_decision": final.value if final is not None else None,
        "recorded": {
            "first": session.recorded(number, FIRST),
            "final": session.recorded(number, FINAL),
        },
        "stale": session.is_stale(row),
        "authorised": session.is_authorised(number) if controle else None,
        "choice": regime.choice(orals),
        "orals": regime.exchange_orals(orals) if controle or orals else None,
        "declined": number in session.declined,
    }


def results_record(session: JurySession) -> dict[str, Any]:
    """The whole session, candidates in the list's order."""
    return {
        "phase": session.phase,
        "regime": session.regime.code,
        "candidates": [candidate_record(session, row) for row in range(len(session.candidates))],
    }
