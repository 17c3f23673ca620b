"""Planning des oraux: days, rooms and examiners; an automatic proposal that respects every
constraint; manual moves with the conflicts they create shown; warnings for an oral that can
change nothing (R13) and for the 8-day rule (R13b).

The logic is ``btsdesk.app.planning`` (the command line uses the same); this view reads the
fields, asks the hub to run the action, and shows the result. Dates and times are picked in
French (a calendar, « lun. 06/07/2026 08:30 »)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app import planning
from btsdesk.app.session import PLANNING, Change, JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.core.scheduling import Slot, french_date, french_time
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.pickers import DaysEditor, date_time_edit, moment_of, set_moment
from btsdesk.gui.widgets import FrozenColumns, LazyRefresh, fit_columns
from btsdesk.store.errors import SessionFileError

SLOT_HEADERS = (
    "N° candidat",
    "Nom",
    "Discipline",
    "Jour",
    "Préparation",
    "Interrogation",
    "Salle",
    "Examinateur",
)
Action = Callable[[JurySession], Change]


class OralPlanning(LazyRefresh, QWidget):
    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        # Days picked on a calendar, in French (« lun. 06/07/2026 », 08:00 → 18:00).
        self.days = DaysEditor(_first_day(hub.service))
        self.rooms_edit = QPlainTextEdit()
        self.rooms_edit.setPlaceholderText("B12\nB14")
        self.rooms_edit.setAccessibleName("Salles")
        self.examiners_edit = QPlainTextEdit()
        self.examiners_edit.setPlaceholderText(
            "Mme Durand : E1, E3\nM. Petit : E2\n"
            "(« professionnel » pour l'oral du domaine "
            "professionnel, quand il y en a un)"
        )
        self.examiners_edit.setAccessibleName("Examinateurs et disciplines")
        setup = QGroupBox("Organisation (une ligne par jour, par salle, par examinateur)")
        grid = QGridLayout(setup)
        for column, (title, widget) in enumerate(
            (
                ("Jours (date, début, fin)", self.days),
                ("Salles", self.rooms_edit),
                ("Examinateurs : disciplines", self.examiners_edit),
            )
        ):
            grid.addWidget(QLabel(title), 0, column)
            grid.addWidget(widget, 1, column)
        for edit in (self.rooms_edit, self.examiners_edit):
            edit.setMaximumHeight(140)  # as high as the days with their two buttons
        self.days.table.setMaximumHeight(110)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 2)
        self.save_setup_button = QPushButton("Enregistrer l'organisation")
        self.propose_button = QPushButton("Proposer un planning")
        self.save_setup_button.clicked.connect(self.save_setup)
        self.propose_button.clicked.connect(self.propose)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_setup_button)
        buttons.addWidget(self.propose_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 2, 0, 1, 3)

        self.table = QTableWidget(0, len(SLOT_HEADERS))
        self.table.setHorizontalHeaderLabels(SLOT_HEADERS)
        self.table.setAccessibleName("Planning des oraux")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.currentCellChanged.connect(lambda *_: self._slot_chosen())
        fit_columns(self.table, stretch_last=True)
        self.frozen = FrozenColumns(self.table, 2)  # number and name stay on the left
        self.move_time = date_time_edit(
            datetime.combine(_first_day(hub.service), time(8)),
            "Nouvelle date et heure de l'interrogation",
        )
        self.move_time.setToolTip("Date et heure de l'interrogation (calendrier : la flèche)")
        self.move_room = QLineEdit()
        self.move_room.setPlaceholderText("salle (vide : la même)")
        self.move_room.setAccessibleName("Nouvelle salle")
        self.move_button = QPushButton("Déplacer l'oral choisi")
        self.move_button.clicked.connect(self.move_selected)
        moving = QHBoxLayout()
        moving.addWidget(QLabel("Déplacer :"))
        moving.addWidget(self.move_time, 2)
        moving.addWidget(self.move_room, 1)
        moving.addWidget(self.move_button)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Conflits et avertissements du planning")
        self.problems.setWordWrap(True)  # a long warning on two lines, not cut
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.message = QLabel()
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(setup)
        layout.addWidget(self.table, 3)
        layout.addLayout(moving)
        layout.addWidget(QLabel("Conflits et avertissements :"))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.message)
        self.slots: list[tuple[Slot, str]] = []  # (slot, oral key), as shown
        self.watch(hub)
        hub.changed.connect(self._changed)
        hub.reloaded.connect(self.load_setup)  # a restore, an import: the recorded setup
        self.load_setup()
        self.refresh()

    # -- organisation ---------------------------------------------------------------------

    def load_setup(self) -> None:
        """The recorded organisation, as the user types it (French dates)."""
        _days, rooms, examiners = planning.setup_text(self.hub.service)
        recorded = planning.setup_of(self.hub.service)
        self.days.set_days([(d.day, d.start, d.end) for d in recorded.days])
        self.rooms_edit.setPlainText(rooms)
        self.examiners_edit.setPlainText(examiners)

    def setup(self) -> planning.Setup:
        """The organisation given, checked (French message naming the line)."""
        return planning.make_setup(
            self.days.days(),
            self.rooms_edit.toPlainText(),
            self.examiners_edit.toPlainText(),
        )

    def save_setup(self) -> bool:
        try:
            setup = self.setup()
            if not _same_setup(setup, planning.setup_of(self.hub.service)):
                self._act(lambda s: planning.save_setup(s, setup))
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.message.setText("Organisation enregistrée.")
        return True

    # -- proposal, moves, conflicts -----------------------------------------------------------

    def propose(self) -> bool:
        """Save the organisation typed in, then place every oral to place (R22, R24)."""
        if not self.save_setup():
            return False
        try:
            change = self._act(planning.propose_schedule)
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.message.setText(f"{change.message}.")
        return True

    def move_selected(self) -> bool:
        line = self.table.currentRow()
        if not 0 <= line < len(self.slots):
            self.message.setText("Choisissez d'abord un oral dans le planning.")
            return False
        slot, key = self.slots[line]
        room = self.move_room.text().strip() or None
        start = moment_of(self.move_time)
        try:
            change = self._act(lambda s: planning.move_oral(s, slot.candidate, key, start, room))
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.message.setText(f"{change.message[:1].upper()}{change.message[1:]}.")
        return True

    def _slot_chosen(self) -> None:
        """The chosen oral's time and room, to move it from there."""
        line = self.table.currentRow()
        if 0 <= line < len(self.slots):
            slot = self.slots[line][0]
            set_moment(self.move_time, slot.exam_start)
            self.move_room.setPlaceholderText(f"salle (vide : {slot.room or 'la même'})")

    def conflicts(self) -> list[str]:
        return planning.conflicts_of(self.hub.service)

    def warnings(self) -> list[str]:
        return planning.warnings_of(self.hub.service)

    def refresh(self) -> None:
        self._stale = False
        service = self.hub.service
        closed = service.phase == "clos"
        for widget in (
            self.save_setup_button,
            self.propose_button,
            self.move_button,
            self.move_time,
            self.move_room,
            self.days,
        ):
            widget.setEnabled(not closed)  # R24: nothing changes once closed
        people = {c.number: c for c in service.candidates}
        self.slots = planning.slots(service)
        self.table.setRowCount(len(self.slots))
        for line, (slot, _key) in enumerate(self.slots):
            person = people.get(slot.candidate)
            cells = (
                slot.candidate,
                person.full_name if person else "",
                slot.discipline,
                french_date(slot.day),
                french_time(slot.preparation_start),
                french_time(slot.exam_start),
                slot.room,
                slot.examiner,
            )
            for column, text in enumerate(cells):
                self.table.setItem(line, column, QTableWidgetItem(text))
        self.problems.clear()
        self.problems.addItems([f"⚠ {text}" for text in self.conflicts() + self.warnings()])

    def _act(self, action: Action) -> Change:
        change = self.hub.act(action)
        self.refresh()  # shown at once, even when the change names no candidate
        return change

    def _changed(self, change: Change) -> None:
        if PLANNING in change.kinds:
            if not _same_setup(self._shown_setup(), planning.setup_of(self.hub.service)):
                self.load_setup()  # saved elsewhere (the command line, a restore): shown
            self.changed()

    def _shown_setup(self) -> planning.Setup:
        try:
            return self.setup()
        except InvalidInput:
            return planning.Setup([], [], [])


def _first_day(service: JurySession) -> date:
    """The first day offered for the orals: the day after the proclamation (R13b: within
    eight days of it), or the next Monday without one."""
    proclamation = service.details.proclamation
    if proclamation:
        return date.fromisoformat(proclamation) + timedelta(days=1)
    today = date.today()
    return today + timedelta(days=7 - today.weekday())


def _same_setup(typed: planning.Setup, recorded: planning.Setup) -> bool:
    """Whether saving would change nothing (no log entry for an unchanged organisation)."""
    return (
        sorted(typed.days, key=lambda d: d.day) == recorded.days
        and sorted(r.name for r in typed.rooms) == [r.name for r in recorded.rooms]
        and sorted(typed.examiners, key=lambda e: e.name)
        == sorted(recorded.examiners, key=lambda e: e.name)
    )
