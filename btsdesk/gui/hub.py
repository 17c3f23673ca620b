"""The one object the views share: the session service, and a signal per kind of change.
Views never write to the store themselves; they ask the hub, which tells every view which
rows changed (and only those)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from btsdesk.app.session import (
    ABSENT,
    DOCUMENTS,
    EVERYTHING,
    FINAL,
    HEADER,
    IMAGES,
    JURY,
    PHASE,
    PLANNING,
    CellChange,
    Change,
    JurySession,
)
from btsdesk.core.grades import Entry, entry_text
from btsdesk.core.results import OralChoice
from btsdesk.store.errors import RuleRefused
from btsdesk.store.session import PHASE_LABELS, PHASES

# Asks the user a reason (R21, R24); returns None when cancelled. Tests replace it.
AskReason = Callable[[str], str | None]
# Kinds of change that touch no candidate's row (grades, result, decision): they go out on
# ``changed`` only, to the views that show them (jury, planning, documents).
NOT_ROWS = frozenset({PHASE, JURY, PLANNING, IMAGES, HEADER, DOCUMENTS})
# What an oral's value is for set_oral: a grade in hundredths, "absent" (R13a), None.
OralValue = int | str | None


class SessionHub(QObject):
    rowsChanged = Signal(list)  # rows whose grades or result changed
    phaseChanged = Signal(str)
    reloaded = Signal()  # everything may have changed (import, restore, règlement)
    changed = Signal(object)  # every Change record, for views that show other data (jury…)

    def __init__(
        self, service: JurySession, ask_reason: AskReason, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.ask_reason = ask_reason
        self.undo_stack = QUndoStack(self)
        self.cancelled = False  # the last edit_grades: the reason asked was not given (R21)

    # -- every action: run it in the application layer, then tell the views --------------

    def act(self, action: Callable[[JurySession], Change]) -> Change:
        """Run one jury action (``btsdesk.app``) and publish what it changed. A refusal
        raises (nothing written)."""
        change = action(self.service)
        self.publish(change)
        return change

    def publish(self, change: Change) -> None:
        if change.nothing:
            return
        if EVERYTHING in change.kinds:
            self.undo_stack.clear()
            self.reloaded.emit()
        elif change.kinds - NOT_ROWS:
            rows = sorted(self.service.row_of[number] for number in change.candidates)
            if rows:
                self.rowsChanged.emit(rows)
        if PHASE in change.kinds:
            self.undo_stack.clear()  # an undo must not cross a phase change
            self.phaseChanged.emit(self.service.phase)
        self.changed.emit(change)

    # -- grades, through undoable commands -------------------------------------------

    def edit_grades(self, changes: Sequence[CellChange], label: str) -> bool:
        """Write grades as one undoable step. In délibération a reason is asked (R21);
        returns False when the user cancels or nothing changes. Raises InvalidInput or
        a store error (nothing written) when the change is refused."""
        service = self.service
        self.cancelled = False
        real = [c for c in changes if service.entry(c.row, c.line_code) != c.entry]
        if not real:
            return False
        reason = None
        if service.phase == "deliberation":
            reason = self.ask_reason(f"Motif du changement ({label}) — il figurera au PV (R21)")
            if not reason or not reason.strip():
                self.cancelled = True  # the president gave no reason: nothing written
                return False
        before = [CellChange(c.row, c.line_code, service.entry(c.row, c.line_code)) for c in real]
        command = GradeCommand(self, real, before, reason, label)
        command.apply(real)  # first run outside the stack: a refusal raises here
        self.undo_stack.push(command)
        return True

    def write(self, changes: Sequence[CellChange], reason: str | None) -> None:
        self.publish(self.service.set_cells(changes, reason=reason))

    # -- jury actions (R20, R22, R23) ---------------------------------------------------

    def _number(self, row: int) -> str:
        return self.service.candidates[row].number

    def record_decision(self, row: int, stage: str, decision: str | None = None) -> None:
        """Record the decision the grades give (R21); ``decision`` is what the view showed,
        checked against it."""
        number = self._number(row)
        if decision is not None:
            proposed = self.service.proposed(number, stage)
            if proposed.value != decision:
                raise RuleRefused(f"la décision a changé ({proposed.label}) : vérifiez-la")
        self.act(lambda s: s.decide(number, final=stage == FINAL))

    def authorise(self, row: int, authorised: bool) -> None:
        number = self._number(row)
        self.act(lambda s: s.authorise(number, authorised))

    def examine_livret(self, row: int, examiner: str | None = None, on: date | None = None) -> None:
        number = self._number(row)
        self.act(lambda s: s.examine_livret(number, examiner, on))

    # -- the orals: choice, grades or absence, renonciation (R12–R16, R13a, R21, R24) ----

    def choose(self, row: int, disciplines: Sequence[str]) -> bool:
        """The candidate's choice (exactly ``regime.choices_count`` disciplines, R12/R15).
        Withdrawing an oral that already has a grade or an absence asks a reason in
        délibération (R21). Returns False when cancelled; raises when refused."""
        number = self._number(row)
        service = self.service
        kept = service.regime.orals_for_choice(list(disciplines), service.orals(number))
        lost = [
            key for key, choice in service.orals(number).items() if choice.final and key not in kept
        ]
        reason = None
        if lost and service.phase == "deliberation":
            reason = self.ask_reason(
                "Motif du changement de choix : une note d'oral déjà saisie est retirée (R21)"
            )
            if not reason or not reason.strip():
                return False
        self.act(lambda s: s.choose(number, list(disciplines), reason=reason))
        return True

    def set_oral(self, row: int, target: str, value: OralValue) -> bool:
        """One oral's grade, ``"absent"`` (R13a) or None (not yet known). Changing a grade or
        an absence already entered asks a reason in délibération (R21). Returns False when
        cancelled or unchanged; raises when refused (nothing written)."""
        number = self._number(row)
        service = self.service
        key = service.oral_key(number, target)
        current = service.orals(number).get(key) or OralChoice(None, None)
        absent = value == ABSENT
        if (current.grade, current.absent) == (None if absent else value, absent):
            return False  # nothing to write (nor to log)
        reason = None
        if current.final and service.phase == "deliberation":
            reason = self.ask_reason(
                f"Motif du changement de note d'oral "
                f"({service.regime.key_label(key)}) — il figurera au PV "
                "(R21)"
            )
            if not reason or not reason.strip():
                return False
        self.act(lambda s: s.set_oral(number, target, value, reason=reason))
        return True

    def decline(self, row: int, declined: bool = True) -> None:
        """R24: the candidate declines the orals (or no longer does), logged."""
        number = self._number(row)
        self.act(lambda s: s.decline(number, declined))

    # -- phase -------------------------------------------------------------------------

    def set_phase(self, phase: str) -> bool:
        """R24: forward freely, backwards with a reason. Returns False if cancelled."""
        current = self.service.phase
        reason = None
        if PHASES.index(phase) < PHASES.index(current):
            reason = self.ask_reason(f"Motif du retour en « {PHASE_LABELS[phase]} » (R24)")
            if not reason or not reason.strip():
                return False
        self.act(lambda s: s.set_phase(phase, reason=reason))
        return True

    def reload(self) -> None:
        self.service.reload()
        self.undo_stack.clear()
        self.reloaded.emit()


class GradeCommand(QUndoCommand):
    """One undoable grade step: calls the same service as the first edit (design.md)."""

    def __init__(
        self,
        hub: SessionHub,
        after: Sequence[CellChange],
        before: Sequence[CellChange],
        reason: str | None,
        label: str,
    ) -> None:
        super().__init__(label)
        self.hub = hub
        self.after = list(after)
        self.before = list(before)
        self.reason = reason
        self._first = True

    def apply(self, changes: Sequence[CellChange]) -> None:
        self.hub.write(changes, self.reason)

    def redo(self) -> None:
        if self._first:  # already applied by edit_grades
            self._first = False
            return
        self.apply(self.after)

    def undo(self) -> None:
        reason = f"annulation : {self.reason}" if self.reason else None
        self.hub.write(self.before, reason)


def describe(entry: Entry | None) -> str:
    return entry_text(entry) or "(vide)"
