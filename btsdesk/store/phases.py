"""What each phase of a session allows (R21, R24), said once: the application's write gate
checks it before anything is written, and the store checks it again on its own writes."""

from __future__ import annotations

from btsdesk.store.errors import ReadOnlyPhase


def check_writable(phase: str, reason: str | None, what: str) -> None:
    """R24: nothing changes once closed; R21: in délibération a grade changes with a reason."""
    if phase == "clos":
        raise ReadOnlyPhase(f"session close : {what} ne peut plus changer (R24)")
    if phase == "deliberation" and not (reason and reason.strip()):
        raise ReadOnlyPhase(f"en délibération, changer {what} exige un motif (R21)")


def check_deliberating(phase: str, what: str) -> None:
    """R24: decisions and authorisations are the jury's, in délibération."""
    if phase == "clos":
        raise ReadOnlyPhase(f"session close : {what} ne peuvent plus changer (R24)")
    if phase != "deliberation":
        raise ReadOnlyPhase(
            f"{what} se prennent en délibération : passez d'abord en délibération (R24)"
        )
