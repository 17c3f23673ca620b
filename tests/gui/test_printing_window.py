"""Printing from the window (issue 11): after Qt's print dialog, the PDF itself goes to CUPS;
« imprimer dans un fichier » writes the PDF's own pages; ``BTSDESK_IMPRESSION=pdfium``
forces the PDFium fallback (as on Windows): pages rendered at the printer's resolution in
bands, each page in its own orientation."""

from __future__ import annotations

import io
import math
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtPrintSupport import QPrinter

from btsdesk.documents.convocation import convocations_pdf
from btsdesk.documents.results import deliberation_pdf
from btsdesk.documents.sample import sample_convocations, sample_header
from btsdesk.gui import pdf_pages
from btsdesk.gui.documents_tab import DocumentsTab
from btsdesk.gui.pdf_pages import PreviewDialog, send_to_printer
from tests.documents.support import BENALI, NDIAYE, deliberation, result


@pytest.fixture(scope="module")
def mixed() -> bytes:
    """Two portrait convocations, then a landscape PV page, then a convocation again."""
    letters = convocations_pdf(sample_header(), sample_convocations(3))
    pv = deliberation_pdf(
        deliberation((result(NDIAYE, "12,50", "admis"), result(BENALI, "9,00", "ajourné")))
    )
    writer = PdfWriter()
    portrait, landscape = PdfReader(io.BytesIO(letters)), PdfReader(io.BytesIO(pv))
    for page in (portrait.pages[0], portrait.pages[1], landscape.pages[0], portrait.pages[2]):
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _shapes(path: Path) -> list[str]:
    shapes = []
    for page in PdfReader(path).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if page.rotation % 180:
            width, height = height, width
        shapes.append("paysage" if width > height else "portrait")
    return shapes


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_forced_pdfium_renders_each_page_in_its_own_orientation(
    mixed, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setenv("BTSDESK_IMPRESSION", "pdfium")
    output = tmp_path / "rendu.pdf"
    printer = _pdf_printer(output)
    done: list[int] = []
    said = send_to_printer(mixed, printer, "Essai", report=lambda n, _t: done.append(n))
    assert said == "4 page(s) envoyée(s) à l'imprimante."
    assert done == [1, 2, 3, 4]  # progress page by page
    assert _shapes(output) == ["portrait", "portrait", "paysage", "portrait"]
    assert _text(output).strip() == ""  # pictures of the pages: the PDFium path was taken
    # At the printer's resolution (1200 dpi for this printer, held to 600), in bands of
    # bounded size rather than one bitmap per page, the page's full width each.
    for number, page in enumerate(PdfReader(output).pages):
        width_points = 595.276 if number != 2 else 841.89
        images = page["/Resources"]["/XObject"].values()
        bands = [(int(i.get_object()["/Width"]), int(i.get_object()["/Height"])) for i in images]
        assert len(bands) > 1
        assert {width for width, _height in bands} == {math.ceil(width_points * 600 / 72)}
        assert all(width * height * 4 <= pdf_pages.BAND_BYTES for width, height in bands)


def test_a_print_to_file_writes_the_pdfs_own_pages(mixed, qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("BTSDESK_IMPRESSION", raising=False)
    output = tmp_path / "extrait.pdf"
    printer = _pdf_printer(output)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    said = send_to_printer(mixed, printer, "Essai")
    assert said == f"2 page(s) enregistrée(s) dans {output}."
    assert _shapes(output) == ["portrait", "paysage"]
    assert "Convocation aux épreuves de contrôle" in _text(output)  # text, not pictures
    assert output.stat().st_mode & 0o777 == 0o600  # names and grades: owner only


def test_the_dialogs_choices_become_the_options_record(qtbot):
    printer = QPrinter()
    printer.setPrinterName("salle-jury")
    printer.setCopyCount(3)
    printer.setCollateCopies(False)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 4)
    options = pdf_pages.print_options(printer, "Relevés de notes", 10)
    assert options.title == "btsdesk — Relevés de notes (3 pages)"
    assert options.pages == (1, 2, 3)
    assert options.copies == 3
    assert not options.collate
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    options = pdf_pages.print_options(printer, "Convocations", 12)
    assert options.title == "btsdesk — Convocations (12 pages)"
    assert options.pages is None
    # Recto verso as the dialog offers it (a printer without duplex keeps « recto »).
    assert options.sides == "one-sided"
    assert pdf_pages.sides(QPrinter.DuplexMode.DuplexLongSide) == "two-sided-long-edge"
    assert pdf_pages.sides(QPrinter.DuplexMode.DuplexShortSide) == "two-sided-short-edge"
    assert pdf_pages.sides(QPrinter.DuplexMode.DuplexAuto) == "two-sided-long-edge"


def test_the_documents_tab_prints_through_cups(hub, qtbot, cups_queue, tmp_path):
    """Documents tab → preview → Imprimer, the print dialog answered with the private
    queue: the job CUPS receives is the PDF itself, titled."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
    previews: list[PreviewDialog] = []

    def show(title, produced, can_print):
        dialog = PreviewDialog(title, produced.data, can_print=can_print, settings=settings)
        qtbot.addWidget(dialog)
        previews.append(dialog)

    tab = DocumentsTab(hub, show=show)
    qtbot.addWidget(tab)
    hub.set_phase("deliberation")
    produced = tab.generate("pv_premier_groupe")
    assert produced is not None
    preview = previews[-1]

    def the_dialog_answers() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(cups_queue.queue)
        return printer

    preview.ask_printer = the_dialog_answers
    preview.print_button.click()
    said = preview.info.text()
    assert said.startswith(f"{produced.pages} page(s) envoyée(s) à l'imprimante « ")
    job = f"{cups_queue.queue}-{said.rsplit('n° ', 1)[1].rstrip(').')}"
    written = cups_queue.output_of(job)
    assert len(PdfReader(written).pages) == produced.pages
    assert "Projet de procès-verbal" in _text(written)
    title = f"btsdesk — PV de délibération (premier groupe) ({produced.pages} pages)"
    assert cups_queue.logged(job)["title"] == title
