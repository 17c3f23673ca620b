"""The minimal main window shows the demo session's deliberation, read-only."""

from __future__ import annotations

import json
from collections import Counter

from PySide6.QtCore import Qt

from btsdesk.core.results import Decision
from btsdesk.demo import demo_session
from btsdesk.gui.app import load
from btsdesk.gui.deliberation_model import DeliberationModel
from btsdesk.gui.main_window import MainWindow


def test_window_shows_the_demo_deliberation(qtbot):
    window = MainWindow(load(None))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert window.windowTitle().startswith("btsdesk")
    assert window.model.rowCount() == 40
    # The status bar counts are the decisions of the table's rows.
    decision_column = window.model.headers.index("Décision")
    shown = Counter(window.model.index(row, decision_column).data().split(" ", 1)[1]
                    for row in range(window.model.rowCount()))
    counts = window.session.counts()
    assert shown[Decision.ADMIS.label] == counts[Decision.ADMIS]
    assert f"{counts[Decision.ADMIS]} admis" in window.statusBar().currentMessage()
    assert sum(counts.values()) == 40


def test_table_is_read_only(qtbot):
    window = MainWindow(load(None))
    qtbot.addWidget(window)
    flags = window.model.flags(window.model.index(0, 3))
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert window.table.editTriggers() == window.table.EditTrigger.NoEditTriggers


def test_row_shows_the_worked_example_in_french(qtbot):
    """Léa Garnier of the demo has the grades of domain.md §6: 9,11, contrôle (R14 here)."""
    session = load(json.dumps(demo_session()))
    model = DeliberationModel(session)
    row = next(i for i, p in enumerate(session.people) if p.surname == "Garnier")
    values = {model.headers[c]: model.index(row, c).data() for c in range(model.columnCount())}
    assert values["Moyenne"] == "9,11"
    assert values["E21"] == "ABJ"
    assert values["Dom. pro."] == "10,37"
    assert values["Décision"] == "◆ épreuves de contrôle"
    assert values["Nom"] == "GARNIER Léa"


def test_deliberation_model_passes_qtmodeltester(qtmodeltester):
    model = DeliberationModel(load(None))
    qtmodeltester.check(model)
