"""Planning des oraux: days, rooms and examiners; an automatic proposal that respects every
constraint; manual moves with the conflicts they create shown; warnings for an oral that can
change nothing (R13) and for the 8-day rule (R13b)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
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
    french_time,
    move,
    propose,
)
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import LazyRefresh
from btsdesk.store.errors import SessionFileError

# What a secretary types for the regime 2021 domains.
SUBJECT_WORDS = {"professionnel": "professional", "domaine professionnel": "professional",
                 "pro": "professional", "général": "general", "domaine général": "general"}
SLOT_HEADERS = ("N° candidat", "Nom", "Discipline", "Jour", "Préparation", "Interrogation",
                "Salle", "Examinateur")


class OralPlanning(LazyRefresh, QWidget):
    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.days_edit = QPlainTextEdit()
        self.days_edit.setPlaceholderText("2026-07-06 08:00 18:00\n2026-07-07 08:00 12:30")
        self.days_edit.setAccessibleName("Jours d'oraux")
        self.rooms_edit = QPlainTextEdit()
        self.rooms_edit.setPlaceholderText("B12\nB14")
        self.rooms_edit.setAccessibleName("Salles")
        self.examiners_edit = QPlainTextEdit()
        self.examiners_edit.setPlaceholderText("Mme Durand : E1, E3\nM. Petit : E2\n"
                                               "(régime 2021 : « professionnel » pour l'oral "
                                               "du domaine professionnel)")
        self.examiners_edit.setAccessibleName("Examinateurs et disciplines")
        setup = QGroupBox("Organisation (une ligne par jour, par salle, par examinateur)")
        grid = QGridLayout(setup)
        for column, (title, widget) in enumerate((("Jours (date début fin)", self.days_edit),
                                                  ("Salles", self.rooms_edit),
                                                  ("Examinateurs : disciplines",
                                                   self.examiners_edit))):
            grid.addWidget(QLabel(title), 0, column)
            grid.addWidget(widget, 1, column)
        for edit in (self.days_edit, self.rooms_edit, self.examiners_edit):
            edit.setMaximumHeight(110)
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
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.move_time = QLineEdit()
        self.move_time.setPlaceholderText("AAAA-MM-JJ HH:MM (interrogation)")
        self.move_time.setAccessibleName("Nouvelle date et heure de l'interrogation")
        self.move_room = QLineEdit()
        self.move_room.setPlaceholderText("salle")
        self.move_room.setAccessibleName("Nouvelle salle")
        self.move_button = QPushButton("Déplacer l'oral choisi")
        self.move_button.clicked.connect(self.move_selected)
        moving = QHBoxLayout()
        moving.addWidget(QLabel("Déplacer :"))
        moving.addWidget(self.move_time)
        moving.addWidget(self.move_room)
        moving.addWidget(self.move_button)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Conflits et avertissements du planning")
        self.message = QLabel()
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(setup)
        layout.addWidget(self.table, 3)
        layout.addLayout(moving)
        layout.addWidget(QLabel("Conflits et avertissements :"))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.message)
        self.slots: list[tuple[Slot, str]] = []  # (slot, oral key)
        self.watch(hub)
        self.load_setup()
        self.refresh()

    # -- organisation ---------------------------------------------------------------------

    def load_setup(self) -> None:
        days, rooms, examiners = self.hub.service.store.oral_setup()
        self.days_edit.setPlainText("\n".join(" ".join(day) for day in days))
        self.rooms_edit.setPlainText("\n".join(rooms))
        words = {code: word for word, code in SUBJECT_WORDS.items() if " " not in word
                 and word != "pro"}
        self.examiners_edit.setPlainText("\n".join(
            f"{name} : {', '.join(words.get(s, s) for s in subjects)}"
            for name, subjects in examiners.items()))

    def setup(self) -> tuple[list[OralDay], list[Room], list[Examiner]]:
        """The organisation typed in, checked (French message naming the line)."""
        days = []
        for number, line in enumerate(_lines(self.days_edit), start=1):
            parts = line.split()
            try:
                day = date.fromisoformat(parts[0])
                start, end = (time.fromisoformat(parts[1]), time.fromisoformat(parts[2]))
            except (IndexError, ValueError):
                raise InvalidInput(f"jours, ligne {number} : « {line} » — attendu "
                                   "« AAAA-MM-JJ HH:MM HH:MM »") from None
            days.append(OralDay(day, start, end))
        rooms = [Room(name) for name in _lines(self.rooms_edit)]
        examiners = []
        for number, line in enumerate(_lines(self.examiners_edit), start=1):
            name, _, subjects = line.partition(":")
            codes = frozenset(SUBJECT_WORDS.get(code.strip().lower(), code.strip())
                              for code in subjects.split(",") if code.strip())
            if not name.strip() or not codes:
                raise InvalidInput(f"examinateurs, ligne {number} : « {line} » — attendu "
                                   "« Nom : E1, E2 »")
            examiners.append(Examiner(name.strip(), codes))
        return days, rooms, examiners

    def save_setup(self) -> bool:
        try:
            days, rooms, examiners = self.setup()
            self.hub.service.store.set_oral_setup(
                [(d.day.isoformat(), d.start.strftime("%H:%M"), d.end.strftime("%H:%M"))
                 for d in days], [r.name for r in rooms],
                {e.name: sorted(e.disciplines) for e in examiners})
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.message.setText("Organisation enregistrée.")
        return True

    # -- proposal, moves, conflicts -----------------------------------------------------------

    def requests(self) -> list[tuple[OralRequest, str]]:
        """The orals to place: every choice of every authorised candidate (R22)."""
        service = self.hub.service
        specialty = service.specialty
        found = []
        for row, candidate in enumerate(service.candidates):
            if not service.authorisations.get(candidate.number):
                continue
            if service.results[row].decision is not Decision.CONTROLE:
                continue
            for key, choice in service.orals_of(row).items():
                discipline = specialty.discipline_by_code.get(choice.discipline or "")
                subject = choice.discipline or key
                if discipline is not None:
                    request = OralRequest.for_discipline(candidate.number, discipline,
                                                         subject)
                else:  # regime 2021's professional oral: no discipline to choose
                    request = OralRequest(candidate.number, subject,
                                          service.evaluator.rules.regime.key_label(key))
                found.append((request, key))
        return found

    def propose(self) -> bool:
        if not self.save_setup():
            return False
        days, rooms, examiners = self.setup()
        requests = self.requests()
        if not requests:
            self.message.setText("Aucun oral à placer : autorisez des candidats (R22) et "
                                 "enregistrez leur choix de discipline.")
            return False
        proposal = propose([r for r, _key in requests], days, rooms, examiners)
        keys = {(r.candidate, r.subject): key for r, key in requests}
        try:
            self.hub.service.store.set_schedule(
                (slot.candidate, keys[(slot.candidate, slot.subject)],
                 slot.preparation_start.isoformat(), slot.exam_start.isoformat(),
                 slot.room, slot.examiner) for slot in proposal.slots)
        except SessionFileError as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        unplaced = "; ".join(f"{r.candidate} ({r.discipline}) : {why}"
                             for r, why in proposal.unplaced)
        self.message.setText(f"{len(proposal.slots)} oral(aux) placé(s)."
                             + (f" Non placés : {unplaced}" if unplaced else ""))
        self.refresh()
        return True

    def move_selected(self) -> bool:
        line = self.table.currentRow()
        if not 0 <= line < len(self.slots):
            self.message.setText("Choisissez d'abord un oral dans le planning.")
            return False
        slot, key = self.slots[line]
        try:
            start = datetime.fromisoformat(self.move_time.text().strip())
        except ValueError:
            self.message.setText("Heure attendue au format AAAA-MM-JJ HH:MM.")
            return False
        moved = move(slot, exam_start=start, room=self.move_room.text().strip() or None)
        try:
            self.hub.service.store.set_schedule([(moved.candidate, key,
                                                  moved.preparation_start.isoformat(),
                                                  moved.exam_start.isoformat(), moved.room,
                                                  moved.examiner)])
        except SessionFileError as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.refresh()
        found = self.conflicts()
        self.message.setText(f"Oral déplacé ; {len(found)} conflit(s)." if found
                             else "Oral déplacé, sans conflit.")
        return True

    def conflicts(self) -> list[str]:
        try:
            days, _rooms, examiners = self.setup()
        except InvalidInput:
            days, examiners = [], []
        return [c.message for c in conflicts([s for s, _ in self.slots], examiners or None,
                                             days or None, gap_minutes=10)]

    def warnings(self) -> list[str]:
        service = self.hub.service
        found = []
        proclamation = service.details.proclamation
        if proclamation:
            found += deadline_warnings(date.fromisoformat(proclamation),
                                       slots=[s for s, _ in self.slots],
                                       convocation_date=date.today())
        for row, candidate in enumerate(service.candidates):
            result = service.results[row]
            if result.decision is not Decision.CONTROLE or result.average is None:
                continue
            for key, choice in service.orals_of(row).items():
                # R13: an oral that changes nothing even at 20 (no ponctuel line) is useless.
                graded = CandidateGrades(candidate.number, candidate.category,
                                         service.grades[row],
                                         {key: OralChoice(choice.discipline, 2000)})
                best = service.evaluator.evaluate_recorded(graded).final_average
                if best is not None and best == result.average:
                    found.append(f"{candidate.number} : l'oral {choice.discipline or key} ne "
                                 "peut rien changer, aucune épreuve ponctuelle à remplacer "
                                 "(R13)")
        return found

    def refresh(self) -> None:
        self._stale = False
        service = self.hub.service
        schedule = service.store.oral_schedule()
        people = {c.number: c for c in service.candidates}
        requests = {(r.candidate, key): r for r, key in self.requests()}
        self.slots = []
        for (number, key), (prep, exam, room, examiner) in sorted(
                schedule.items(), key=lambda item: (item[1][1] or "", item[0])):
            request = requests.get((number, key))
            if exam is None or request is None:
                continue
            exam_start = datetime.fromisoformat(exam)
            preparation = (datetime.fromisoformat(prep) if prep else exam_start)
            slot = Slot(number, request.subject, request.discipline, exam_start.date(),
                        preparation, exam_start,
                        exam_start + timedelta(minutes=request.exam_minutes), room or "",
                        examiner or "")
            self.slots.append((slot, key))
        self.table.setRowCount(len(self.slots))
        for line, (slot, _key) in enumerate(self.slots):
            person = people.get(slot.candidate)
            cells = (slot.candidate, person.full_name if person else "", slot.discipline,
                     french_date(slot.day), french_time(slot.preparation_start),
                     french_time(slot.exam_start), slot.room, slot.examiner)
            for column, text in enumerate(cells):
                self.table.setItem(line, column, QTableWidgetItem(text))
        self.problems.clear()
        self.problems.addItems([f"⚠ {text}" for text in self.conflicts() + self.warnings()])


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]
