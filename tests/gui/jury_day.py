"""Helpers for the tests that walk through a jury's day on the demo session (regime 2022):
complete the grades, deliberate, settle every candidate in contrôle, close (R24)."""

from __future__ import annotations

from btsdesk.app.session import CellChange
from btsdesk.core.results import Decision

NDIAYE, BENALI, GIRARD = 0, 3, 9  # contrôle (9,92); contrôle (8); incomplet (E6 missing)


class Told:
    """Stands in for the window's message box (``inform``): what was shown."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> None:
        self.messages.append((title, text))

    @property
    def texts(self) -> str:
        return "\n".join(text for _title, text in self.messages)


def complete_the_grades(hub) -> None:
    """GIRARD's E6 entered in saisie (R2: nobody incomplet at closing)."""
    assert hub.service.phase == "saisie"
    hub.edit_grades([CellChange(GIRARD, "E6", 1000)], "E6 de GIRARD")
    assert hub.service.results[GIRARD].decision is not Decision.INCOMPLET


def settle_and_decide(hub) -> None:
    """In délibération: N'DIAYE takes two orals (12 and 11: final decision R16), every
    other candidate in contrôle declines them (R24); every decision is recorded (R23)."""
    service = hub.service
    number = service.candidates[NDIAYE].number
    hub.act(lambda s: s.choose(number, ["E1", "E3"]))
    hub.act(lambda s: s.set_oral(number, "E1", "12"))
    hub.act(lambda s: s.set_oral(number, "E3", "11"))
    for row, result in enumerate(service.results):
        other = service.candidates[row].number
        if result.decision is Decision.CONTROLE and row != NDIAYE:
            hub.act(lambda s, n=other: s.decline(n))
    hub.act(lambda s: s.decide_all())
    hub.act(lambda s: s.decide_all(final=True))


def close_the_session(hub) -> None:
    complete_the_grades(hub)
    assert hub.set_phase("deliberation")
    settle_and_decide(hub)
    assert hub.service.closing_blockers() == []
    assert hub.set_phase("clos")
