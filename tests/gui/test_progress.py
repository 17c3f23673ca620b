"""Long work off the window's thread, cancellable, leaving nothing half-written (issue 6)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter

from btsdesk.app.documents import produce
from btsdesk.gui import documents_tab
from btsdesk.gui.documents_tab import DocumentsTab
from btsdesk.gui.pdf_pages import print_pdf
from btsdesk.gui.progress import BackgroundTask, Cancelled, run_in_background


def test_work_runs_in_another_thread_and_reports(qtbot):
    import threading

    seen = []

    def work(report, cancelled):
        for step in range(3):
            report(step + 1, 3)
        return threading.get_ident()

    task = BackgroundTask(None, "essai", work)
    task.worker.progressed.connect(lambda done, total: seen.append((done, total)))
    assert task.run() != threading.get_ident()
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_cancelling_stops_the_work_and_writes_nothing(qtbot, tmp_path: Path):
    target = tmp_path / "resultat.txt"

    def work(report, cancelled):
        for step in range(200):
            if cancelled():
                return None  # stops early; the file is only written at the end
            report(step, 200)
            time.sleep(0.01)
        target.write_text("fini", encoding="utf-8")
        return target

    task = BackgroundTask(None, "essai", work)
    QTimer.singleShot(50, task.cancel)  # the user clicks "Annuler"
    with pytest.raises(Cancelled):
        task.run()
    assert not target.exists()


def test_errors_of_the_work_come_back_to_the_window(qtbot):
    def work(report, cancelled):
        raise ValueError("document « x » inconnu")

    with pytest.raises(ValueError, match="inconnu"):
        run_in_background(None, "essai", work)


def test_cancelled_printing_leaves_no_half_written_pdf(hub, qtbot, tmp_path: Path):
    hub.set_phase("deliberation")
    hub.act(lambda s: s.decide_all())
    produced = produce(hub.service, "releves")  # one page per decided candidate
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    output = tmp_path / "releves.pdf"
    printer.setOutputFileName(str(output))
    done = []
    printed = print_pdf(
        produced.data,
        printer,
        report=lambda n, total: done.append(n),
        cancelled=lambda: len(done) >= 2,
    )
    assert printed == 2
    assert not output.exists()
    # Not cancelled: every page is printed.
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    assert print_pdf(produced.data, printer, [0, 1, 2]) == 3
    assert len(PdfReader(output).pages) == 3


def test_a_cancelled_document_is_not_recorded(hub, qtbot, monkeypatch):
    def cancel_at_once(parent, label, work):
        task = BackgroundTask(parent, label, work)
        task.cancel()
        return task.run()

    monkeypatch.setattr(documents_tab, "run_in_background", cancel_at_once)
    tab = DocumentsTab(hub, show=lambda *args: None)
    qtbot.addWidget(tab)
    assert tab.generate("pv_premier_groupe") is None
    assert "annulé" in tab.message.text()
    assert hub.service.store.documents() == []


def test_import_from_the_window_previews_then_writes(demo_path, answers, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from btsdesk.gui.main_window import MainWindow
    from btsdesk.store.session import SessionStore

    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        ask_reason=answers,
    )
    qtbot.addWidget(window)
    sheet = tmp_path / "notes.csv"
    sheet.write_text("N° candidat;E1\n02620000010;13\n", encoding="utf-8")
    shown = []
    text = window.import_path(sheet, confirm=lambda preview: shown.append(preview) or False)
    assert "1 note(s) à enregistrer" in shown[0]
    assert "abandonné" in text
    assert window.hub.service.entry(9, "E1") == 1200  # declined: GIRARD keeps his 12
    sheet.write_text("N° candidat;E6\n02620000010;14\n", encoding="utf-8")
    text = window.import_path(sheet, confirm=lambda preview: True)
    assert "✔ 1 note importée" in text
    assert window.hub.service.results[9].decision.value != "incomplet"  # E6 was missing
    window.close()
