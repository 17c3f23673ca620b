"""The whole oral flow on the demo session (issue 5, regime 2022): the candidate is authorised
by right (R22), chooses two disciplines (an unoffered one cannot be chosen), the orals are
planned with French dates, the convocations printed through QPrinter to a PDF file, the oral
grades entered, the final decision seen at once; the other candidates settle (absent,
renonciation) and the session closes (R24). Every write is the window's, through the hub."""

from __future__ import annotations

import io
import re
from datetime import date, time

from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinter

from btsdesk.app.session import CellChange, JurySession
from btsdesk.core.grades import Code
from btsdesk.core.results import Decision
from btsdesk.gui.main_window import MainWindow

NDIAYE = 0  # 208,5 / 21 = 9,92, professional 10 → contrôle (R14)
BENALI = 3  # exactly 8 → contrôle (R14)
GARNIER = 6  # contrôle (R14)
GIRARD = 9  # E6 not entered: incomplet (R2)


def _text(data: bytes) -> list[str]:
    return [
        re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages
    ]


def test_the_whole_oral_flow(demo_path, answers, qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        JurySession.open(demo_path, backup=False), settings=settings, ask_reason=answers
    )
    qtbot.addWidget(window)
    window.show()
    hub = window.hub
    service = hub.service

    # The jury (R25), from the Jury view; Girard's missing grade entered as ABJ (R2).
    jury = window.jury
    jury.name.setText("Pr Anne Morel")
    jury.role.setCurrentText("président")
    assert jury.add_member()
    assert hub.edit_grades([CellChange(GIRARD, "E6", Code.ABJ)], "E6")
    assert window.change_phase("deliberation")

    # R22, regime 2022: authorised by right, no jury act.
    orals = window.orals
    window.tabs.setCurrentWidget(orals)
    panel = orals.candidates
    panel.select(NDIAYE)
    assert service.is_authorised("02620000001")
    assert panel.table.item(panel.rows.index(NDIAYE), 2).text() == "de droit"

    # Choose the disciplines: only the offered ones are in the lists (R15).
    offered = {panel.choices[0].itemData(i) for i in range(panel.choices[0].count())}
    assert offered == {None, "E1", "E2", "E3"}
    panel.choices[0].setCurrentIndex(panel.choices[0].findData("E1"))
    panel.choices[1].setCurrentIndex(panel.choices[1].findData("E2"))
    assert panel.save()
    assert "en attente" in panel.final.text()  # no oral grade yet (R13a)

    # Schedule, with French dates.
    planning = orals.planning
    orals.tabs.setCurrentWidget(planning)
    planning.days.set_days([(date(2026, 7, 6), time(8), time(18))])
    planning.rooms_edit.setPlainText("B12")
    planning.examiners_edit.setPlainText("Mme Durand : E1\nM. Petit : E2")
    assert planning.propose()
    assert planning.table.rowCount() == 2
    assert planning.conflicts() == []

    # Generate the convocations and print them through QPrinter into a PDF file.
    shown = []
    orals.documents.show_preview = lambda title, produced, can_print: shown.append(
        (title, produced, can_print)
    )
    produced = orals.documents.generate("convocations")
    assert produced is not None
    assert produced.pages == 1
    page = _text(produced.data)[0]
    assert "N'Diaye" in page or "N'DIAYE" in page
    assert "E1" in page
    assert "E2" in page
    from btsdesk.gui.pdf_pages import print_pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "imprime.pdf"))
    assert print_pdf(produced.data, printer) == 1
    assert len(PdfReader(tmp_path / "imprime.pdf").pages) == 1
    assert service.documents()[-1]["sha256"] == produced.sha256

    # Oral grades: E1 11 (> 9,50) → 213 / 21 = 10,14 → admis (R16), shown at once.
    orals.tabs.setCurrentWidget(panel)
    panel.select(NDIAYE)
    panel.grades[0].setText("11")
    panel.grades[1].setText("9")
    assert panel.save()
    assert service.results[NDIAYE].final_decision is Decision.ADMIS
    assert "10,14" in panel.final.text()
    assert "admis" in panel.final.text()
    model = window.deliberation.model
    assert "admis" in model.index(NDIAYE, model.column["Décision finale"]).data()

    # Benali absent at both orals (R13a): the final decision at once; the other candidates
    # in contrôle decline (R24), from the same panel.
    panel.select(BENALI)
    panel.choices[0].setCurrentIndex(panel.choices[0].findData("E1"))
    panel.choices[1].setCurrentIndex(panel.choices[1].findData("E3"))
    for box in panel.absents:
        box.setChecked(True)
    assert panel.save()
    assert service.results[BENALI].final_decision is Decision.AJOURNE
    assert "ajourné" in panel.final.text()
    for row in [r for r in panel.rows if r not in (NDIAYE, BENALI)]:
        panel.select(row)
        qtbot.mouseClick(panel.decline_button, Qt.MouseButton.LeftButton)
        assert service.candidates[row].number in service.declined
    assert service.outcome(GARNIER) is Decision.AJOURNE

    # Closing waits for the decisions (R24); every decision is recorded.
    assert any("non enregistrée" in line for line in service.closing_blockers())
    window.tabs.setCurrentWidget(window.deliberation)
    assert window.deliberation.record_all_decisions()  # the window's « toutes » button
    assert service.decisions["02620000001"]["final"] == "admis"
    assert service.closing_blockers() == []
    assert window.change_phase("clos")
    window.tabs.setCurrentWidget(orals)
    panel.select(NDIAYE)
    assert not panel.detail.isEnabled()  # closed: read-only (R24)
    orals.tabs.setCurrentWidget(planning)
    assert not planning.propose_button.isEnabled()

    # The final PV: its admitted count is the day's.
    pv = orals.documents.generate("pv_final")
    assert pv is not None
    text = " ".join(_text(pv.data))
    admitted = service.counts()[Decision.ADMIS]
    assert admitted == service.first_group_counts()[Decision.ADMIS] + 1  # N'Diaye
    assert re.search(rf"admis\D{{0,12}}{admitted}\b", text), text[:3000]
    window.close()
