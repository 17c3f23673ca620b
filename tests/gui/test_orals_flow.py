"""The whole oral flow on the demo session (issue 5): authorise, choose a discipline (an
unoffered one cannot be chosen), schedule, generate the convocations, print them through
QPrinter to a PDF file, enter the oral grades, see the final decision, close."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter

from btsdesk.core.results import Decision
from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore

NDIAYE = 0  # 208,5 / 21 = 9,92, professional 10 → contrôle (R14)


def _text(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "")
            for page in PdfReader(io.BytesIO(data)).pages]


def test_the_whole_oral_flow(demo_path, answers, qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(SessionStore.open(demo_path, backup=False), settings=settings,
                        ask_reason=answers)
    qtbot.addWidget(window)
    window.show()
    hub = window.hub
    store = hub.service.store
    store.add_jury_member("Pr Anne Morel", "enseignant", "président")
    assert window.change_phase("deliberation")

    # Authorise (R22) from the deliberation view.
    window.deliberation.select_row(NDIAYE)
    window.deliberation.authorise()
    assert hub.service.authorisations["02620000001"]

    # Choose the disciplines: only the offered ones are in the lists (R15).
    orals = window.orals
    panel = orals.candidates
    panel.select(NDIAYE)
    offered = {panel.choices[0].itemData(i) for i in range(panel.choices[0].count())}
    assert offered == {None, "E1", "E2", "E3"}
    panel.choices[0].setCurrentIndex(panel.choices[0].findData("E1"))
    panel.choices[1].setCurrentIndex(panel.choices[1].findData("E2"))
    assert panel.save()

    # Schedule.
    planning = orals.planning
    planning.days_edit.setPlainText("2026-07-06 08:00 18:00")
    planning.rooms_edit.setPlainText("B12")
    planning.examiners_edit.setPlainText("Mme Durand : E1\nM. Petit : E2")
    assert planning.propose()
    assert planning.conflicts() == []

    # Generate the convocations and print them through QPrinter into a PDF file.
    shown = []
    orals.documents.show_preview = lambda title, produced, can_print: shown.append(
        (title, produced, can_print))
    produced = orals.documents.generate("convocations")
    assert produced is not None and produced.pages == 1
    page = _text(produced.data)[0]
    assert "N'Diaye" in page or "N'DIAYE" in page
    assert "E1" in page and "E2" in page
    from btsdesk.gui.pdf_pages import print_pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "imprime.pdf"))
    assert print_pdf(produced.data, printer) == 1
    assert len(PdfReader(tmp_path / "imprime.pdf").pages) == 1
    assert store.documents()[-1]["sha256"] == produced.sha256

    # Oral grades: E1 11 (> 9,50) → 213 / 21 = 10,14 → admis (R16).
    panel.select(NDIAYE)
    panel.grades[0].setText("11")
    panel.grades[1].setText("9")
    assert panel.save()
    assert hub.service.results[NDIAYE].final_decision is Decision.ADMIS
    model = window.deliberation.model
    assert "→ admis" in model.index(NDIAYE, model.column["Décision"]).data()

    # Record the final decision, close, and print the final PV.
    window.deliberation.select_row(NDIAYE)
    window.deliberation.record_decision()
    assert hub.service.decisions["02620000001"]["final"] == "admis"
    assert window.change_phase("clos")
    panel.select(NDIAYE)
    assert not panel.detail.isEnabled()  # closed: read-only (R24)
    pv = orals.documents.generate("pv_final")
    assert pv is not None
    text = " ".join(_text(pv.data))
    counts = hub.service.counts()
    finals = sum(1 for r in hub.service.results if r.final_decision is Decision.ADMIS)
    admitted = counts[Decision.ADMIS] + finals
    assert re.search(rf"admis\D{{0,12}}{admitted}\b", text), text[:3000]
    window.close()
