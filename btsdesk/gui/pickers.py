"""Date and time pickers in French (« lun. 06/07/2026 », a calendar that starts on Monday),
whatever the system's locale: only the C locale may exist on a school's machine."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
DAY_FORMAT = "ddd dd/MM/yyyy"  # the weekday read at a glance: « lun. 06/07/2026 »
TIME_FORMAT = "HH:mm"
CALENDAR_PARTS = {
    "qt_calendar_calendarview": "jours du mois",
    "qt_calendar_yearedit": "année",
    "qt_calendar_yearbutton": "année",
    "qt_calendar_monthbutton": "mois",
    "qt_calendar_prevmonth": "mois précédent",
    "qt_calendar_nextmonth": "mois suivant",
}


def french(edit: QDateTimeEdit, display: str, *, calendar: bool) -> None:
    """A picker in French: the display given, a Monday-first calendar when it has one."""
    edit.setLocale(FRENCH)
    edit.setDisplayFormat(display)
    if calendar:
        edit.setCalendarPopup(True)
        popup = QCalendarWidget(edit)
        popup.setLocale(FRENCH)
        popup.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        popup.setGridVisible(True)
        popup.setAccessibleName("Calendrier")
        for part in popup.findChildren(QWidget):  # Qt's own parts, named for screen readers
            name = CALENDAR_PARTS.get(part.objectName())
            if name:
                part.setAccessibleName(f"Calendrier : {name}")
        edit.setCalendarWidget(popup)


def date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    french(edit, DAY_FORMAT, calendar=True)
    edit.setAccessibleName(name)
    return edit


def time_edit(moment: time, name: str) -> QTimeEdit:
    edit = QTimeEdit(QTime(moment.hour, moment.minute))
    french(edit, TIME_FORMAT, calendar=False)
    edit.setAccessibleName(name)
    return edit


def date_time_edit(moment: datetime, name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    french(edit, f"{DAY_FORMAT} {TIME_FORMAT}", calendar=True)
    set_moment(edit, moment)
    edit.setAccessibleName(name)
    return edit


def set_moment(edit: QDateTimeEdit, moment: datetime) -> None:
    edit.setDateTime(
        QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))
    )


def moment_of(edit: QDateTimeEdit) -> datetime:
    day, clock = edit.date(), edit.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())


def day_of(edit: QDateEdit) -> date:
    day = edit.date()
    return date(day.year(), day.month(), day.day())


def time_of(edit: QTimeEdit) -> time:
    clock = edit.time()
    return time(clock.hour(), clock.minute())


Day = tuple[date, time, time]  # a day of orals: the day, its start and its end


class DaysEditor(QWidget):
    """The days of orals, one a line: the day (calendar), the start and the end (« 08:00 »).
    « Ajouter un jour » adds the next day but a Sunday (a Saturday may be one), with the same
    hours."""

    edited = Signal()

    def __init__(self, first_day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_day = first_day
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Jour", "Début", "Fin"])
        self.table.setAccessibleName("Jours d'oraux")
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_button = QPushButton("A&jouter un jour")
        self.add_button.clicked.connect(lambda: self.add_day())
        self.remove_button = QPushButton("Retirer le jour")
        self.remove_button.clicked.connect(self.remove_day)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_days(self, days: list[Day]) -> None:
        self.table.setRowCount(0)
        for day in days:
            self.add_day(day, notify=False)
        self.remove_button.setEnabled(bool(days))

    def days(self) -> list[Day]:
        found = []
        for row in range(self.table.rowCount()):
            day, start, end = (self.table.cellWidget(row, column) for column in range(3))
            assert isinstance(day, QDateEdit)
            assert isinstance(start, QTimeEdit)
            assert isinstance(end, QTimeEdit)
            found.append((day_of(day), time_of(start), time_of(end)))
        return found

    def add_day(self, day: Day | None = None, *, notify: bool = True) -> None:
        """A day at the end: the one given, or the day after the last one, a Sunday skipped
        (the first: ``first_day``), 8 h to 18 h or the last one's hours."""
        if day is None:
            days = self.days()
            if days:
                last, start, end = days[-1]
                following = last + timedelta(days=1)
                if following.weekday() == 6:  # no orals on Sunday
                    following += timedelta(days=1)
                day = (following, start, end)
            else:
                day = (self.first_day, time(8), time(18))
        row = self.table.rowCount()
        self.table.insertRow(row)
        number = row + 1
        edits = (
            date_edit(day[0], f"Jour d'oraux {number}"),
            time_edit(day[1], f"Début du jour {number}"),
            time_edit(day[2], f"Fin du jour {number}"),
        )
        for column, edit in enumerate(edits):
            edit.setFrame(False)
            self.table.setCellWidget(row, column, edit)
            edit.dateTimeChanged.connect(lambda *_: self.edited.emit())
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.remove_button.setEnabled(True)
        if notify:
            self.table.setCurrentCell(row, 0)
            self.edited.emit()

    def remove_day(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()
        self.remove_button.setEnabled(self.table.rowCount() > 0)
