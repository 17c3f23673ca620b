"""PDF pages on screen and on paper.

Printing sends the PDF itself to CUPS where it runs (app/printing.py: vector pages, text kept,
each page in its own orientation), with what the user chose in Qt's print dialog. Where CUPS
is absent (Windows), or ``BTSDESK_IMPRESSION=pdfium`` forces it, the pages are rendered by
PDFium (pypdfium2, bundled in its wheel) at the printer's resolution and painted onto the
QPrinter, one page at a time, in horizontal bands (bounded memory), each page in its own
orientation. The preview renders the pages it shows, zoomed to the window's width."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QByteArray, QRectF, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QImage,
    QPageLayout,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app import printing
from btsdesk.app.documents import page_count
from btsdesk.gui.progress import Cancelled, run_in_background
from btsdesk.gui.widgets import fit_within_screen
from btsdesk.store.errors import SessionFileError

MAX_PRINT_DPI = 600  # above, bitmaps grow fourfold for no visible gain on a laser printer
BAND_BYTES = 16 * 2**20  # one band of a rendered page: the memory the fallback holds at once
PAGE_GAP = 12  # pixels between pages in the preview


def _render(document: pdfium.PdfDocument, index: int, scale: float) -> QImage:
    """One page as an image owning its pixels (``scale`` pixels per point)."""
    page = document[index]
    try:
        bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
        try:
            return QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # own the pixels
        finally:
            bitmap.close()
    finally:
        page.close()


# -- printing ---------------------------------------------------------------------------------


def selected_pages(printer: QPrinter, total: int) -> list[int]:
    """The pages the print dialog asked for (all, a range, or ranges « 1-3,7 »), 0-based."""
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return list(range(total))
    ranges = printer.pageRanges().toRangeList()
    if not ranges:  # set with setFromTo only
        first, last = max(1, printer.fromPage()), min(total, printer.toPage() or total)
        return list(range(first - 1, last))
    chosen = {
        page - 1 for span in ranges for page in range(max(1, span.from_), min(total, span.to) + 1)
    }
    return sorted(chosen)


_SIDES = {
    QPrinter.DuplexMode.DuplexNone: "one-sided",
    QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
    # « Automatique »: the jury's documents are mostly portrait, bound on the long edge.
    QPrinter.DuplexMode.DuplexAuto: "two-sided-long-edge",
    QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
}


def sides(duplex: QPrinter.DuplexMode) -> str | None:
    """The dialog's recto verso as CUPS's ``sides`` (None: leave it to the printer)."""
    return _SIDES.get(duplex)


def print_options(printer: QPrinter, name: str, total: int) -> printing.PrintOptions:
    """What the user chose in the print dialog, as the app's plain record."""
    pages = selected_pages(printer, total)
    return printing.PrintOptions(
        title=printing.job_title(name, len(pages)),
        printer=printer.printerName() or None,
        copies=max(1, printer.copyCount()),
        pages=None if len(pages) == total else tuple(pages),
        sides=sides(printer.duplex()),
        collate=printer.collateCopies(),
    )


def send_to_printer(
    data: bytes,
    printer: QPrinter,
    name: str,
    *,
    report: Callable[[int, int], None] = lambda _done, _total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> str | None:
    """Print the document as the dialog set ``printer`` up; returns what was done, in
    French, or None when cancelled. Safe in a worker thread (no widget touched)."""
    total = page_count(data)
    pages = selected_pages(printer, total)
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    if to_file and printer.outputFileName() and not printing.forced_pdfium():
        # « Imprimer dans un fichier » : the PDF's own pages, not pictures of them.
        report(0, 1)
        path = printing.save_pages(data, pages, Path(printer.outputFileName()))
        report(1, 1)
        return f"{len(pages)} page(s) enregistrée(s) dans {path}."
    if not printing.forced_pdfium() and not to_file and printing.cups_ready():
        report(0, 1)
        job = printing.send_pdf(data, print_options(printer, name, total), cancelled=cancelled)
        if job is None:
            return None
        report(1, 1)
        number = job.job_id.rsplit("-", 1)[-1]
        return (
            f"{len(pages)} page(s) envoyée(s) à l'imprimante « {printer.printerName()} » "
            f"(travail n° {number})."
        )
    printed = print_pdf(data, printer, pages, report=report, cancelled=cancelled)
    if cancelled():
        return None
    return f"{printed} page(s) envoyée(s) à l'imprimante."


def print_pdf(
    data: bytes,
    printer: QPrinter,
    pages: Sequence[int] | None = None,
    *,
    report: Callable[[int, int], None] = lambda _done, _total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """The fallback: paint the pages on the printer, one sheet each, at full size (the PDF
    has its own margins), each in its own orientation, rendered at the printer's resolution
    (600 dpi at most) page by page in bands. Safe in a worker thread (QPainter on a
    QPrinter). Cancelling aborts the print job; a PDF output file is removed. Returns the
    number of pages printed."""
    document = pdfium.PdfDocument(data)
    indexes = list(pages) if pages is not None else list(range(len(document)))
    painter = QPainter()
    printed = 0
    try:
        printer.setFullPage(True)
        for number, index in enumerate(indexes):
            if cancelled():
                printer.abort()
                break
            width, height = document.get_page_size(index)
            _set_orientation(printer, width > height)
            if number == 0:
                if not painter.begin(printer):
                    raise OSError("l'imprimante n'a pas pu démarrer")
            elif not printer.newPage():
                raise OSError("l'imprimante a refusé une nouvelle page")
            _paint_page(painter, printer, document, index)
            printed += 1
            report(printed, len(indexes))
    finally:
        if painter.isActive():
            painter.end()
        document.close()
    if cancelled():
        output = printer.outputFileName()
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and output:
            Path(output).unlink(missing_ok=True)  # no half-written PDF
    return printed


def _set_orientation(printer: QPrinter, landscape: bool) -> None:
    """The sheet turned as the page is drawn (applies from the next page)."""
    wanted = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    if printer.pageLayout().orientation() != wanted:
        printer.setPageOrientation(wanted)


def _paint_page(
    painter: QPainter, printer: QPrinter, document: pdfium.PdfDocument, index: int
) -> None:
    """One page rendered band by band (the bitmap of a whole page at 600 dpi is 140 MB)
    and painted at its full size from the sheet's corner."""
    resolution = printer.resolution()
    dpi = min(resolution, MAX_PRINT_DPI)
    scale = dpi / 72
    to_device = resolution / dpi
    page = document[index]
    try:
        # As pypdfium2 sizes the bitmap and crops it (ceil of points × scale).
        full_width = math.ceil(page.get_width() * scale)
        full_height = math.ceil(page.get_height() * scale)
        rows = max(1, BAND_BYTES // (4 * full_width))
        for top in range(0, full_height, rows):
            bottom = min(full_height, top + rows)
            # Crops in points; the half pixel makes pypdfium2's ceil land on the row.
            crop_top = (top - 0.5) / scale if top else 0
            crop_bottom = (full_height - bottom - 0.5) / scale if bottom < full_height else 0
            bitmap = page.render(
                scale=scale,
                crop=(0, crop_bottom, 0, crop_top),
                rev_byteorder=True,
                prefer_bgrx=True,
            )
            try:
                band = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGBX8888,
                )
                target = QRectF(
                    0, top * to_device, bitmap.width * to_device, bitmap.height * to_device
                )
                painter.drawImage(target, band)  # copied by the paint engine
            finally:
                bitmap.close()
    finally:
        page.close()


# -- the preview ------------------------------------------------------------------------------


class PageView(QScrollArea):
    """The document's pages, one under the other, zoomed so that the widest fills the
    view's width; only the pages in sight are rendered (re-rendered after a resize, once
    the resizing stops)."""

    def __init__(self, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = pdfium.PdfDocument(data)
        self.sizes = [self.document.get_page_size(i) for i in range(len(self.document))]
        self.widest = max((w for w, _h in self.sizes), default=595.0)
        self.scale = 1.0
        self.rendered: dict[int, float] = {}  # page → scale its pixmap was rendered at
        self.sheet = QWidget()
        self.column = QVBoxLayout(self.sheet)
        self.column.setSpacing(PAGE_GAP)
        self.labels: list[QLabel] = []
        for _ in self.sizes:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white; border: 1px solid #999;")
            self.column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        self.setWidget(self.sheet)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(150)
        self.settle.timeout.connect(self.zoom_to_width)
        self.verticalScrollBar().valueChanged.connect(self.render_visible)

    def close_document(self) -> None:
        if self.document is not None:
            self.document.close()
            self.document = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.settle.start()  # debounced: one re-render once the user stops resizing

    def zoom_to_width(self) -> None:
        margins = self.column.contentsMargins()
        width = self.viewport().width() - margins.left() - margins.right() - 2
        self.scale = max(0.2, width / self.widest)
        for label, (w, h) in zip(self.labels, self.sizes, strict=True):
            label.setFixedSize(QSize(round(w * self.scale), round(h * self.scale)))
        self.sheet.adjustSize()
        self.render_visible()

    def render_visible(self) -> None:
        """Render the pages in sight (and the next), drop those far from it."""
        if self.document is None:
            return
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        near = set()
        for index, label in enumerate(self.labels):
            y = label.y()
            if y + label.height() >= top - label.height() and y <= bottom + label.height():
                near.add(index)
        for index in list(self.rendered):
            if index not in near:
                self.labels[index].clear()
                del self.rendered[index]
        for index in sorted(near):
            if self.rendered.get(index) != self.scale:
                image = _render(self.document, index, self.scale)
                self.labels[index].setPixmap(QPixmap.fromImage(image))
                self.rendered[index] = self.scale

    def shown_pages(self) -> list[int]:
        return sorted(self.rendered)


class PreviewDialog(QDialog):
    """A generated document: look at it, print it (all pages or a range), save it. Opens
    within the screen (a 1024×768 projector, a 768-px laptop) and remembers its size."""

    def __init__(
        self,
        title: str,
        data: bytes,
        parent: QWidget | None = None,
        *,
        can_print: Callable[[], str | None] = lambda: None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name = title
        self.data = data
        self.can_print = can_print  # returns a French reason when printing is blocked (R23)
        self.settings = settings or QSettings("btsdesk", "btsdesk")
        self.total = page_count(data)
        self.pages = PageView(data)
        self.info = QLabel(f"{self.total} page(s)")
        self.info.setWordWrap(True)  # a long printer name must not push the buttons away
        self.print_button = QPushButton("Imprimer…")
        self.save_button = QPushButton("Enregistrer en PDF…")
        self.close_button = QPushButton("Fermer")
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.setMinimumSize(400, 300)
        self._fitted = False
        geometry = self.settings.value("apercu/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(820, 1000)  # brought within the screen when shown

    def fit_to_screen(self) -> None:
        """Within the screen's available geometry, buttons included. Without a window
        manager (Xvfb, some kiosks) nobody else would shrink it."""
        fit_within_screen(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.fit_to_screen()
            self.pages.zoom_to_width()

    def done(self, result: int) -> None:
        self.settings.setValue("apercu/geometry", self.saveGeometry())
        self.pages.close_document()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("apercu/geometry", self.saveGeometry())
        super().closeEvent(event)

    def print_to(self, printer: QPrinter, pages: Sequence[int] | None = None) -> int:
        blocked = self.can_print()
        if blocked:
            raise PermissionError(blocked)
        return print_pdf(self.data, printer, pages)

    def ask_printer(self) -> QPrinter | None:
        """Qt's print dialog; None when the user closes it. Tests replace it."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFromTo(1, self.total)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.total)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def print_dialog(self) -> None:
        blocked = self.can_print()
        if blocked:
            QMessageBox.warning(self, "Impression impossible", blocked)
            return
        printer = self.ask_printer()
        if printer is None:
            return
        try:
            blocked = self.can_print()
            if blocked:
                raise PermissionError(blocked)
            said = run_in_background(
                self,
                "Impression en cours…",
                lambda report, cancelled: send_to_printer(
                    self.data, printer, self.name, report=report, cancelled=cancelled
                ),
            )
        except Cancelled:
            self.info.setText("Impression annulée.")
            return
        except (PermissionError, OSError, SessionFileError, printing.PrintingError) as exc:
            # SessionFileError: « imprimer dans un fichier » on a full or read-only disk.
            QMessageBox.warning(self, "Impression impossible", str(exc))
            return
        self.info.setText(said or "Impression annulée.")

    def save_to(self, path: Path) -> Path:
        blocked = self.can_print()
        if blocked:
            raise PermissionError(blocked)
        return printing.save_pdf(self.data, path)

    def save_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Enregistrer en PDF", "", "PDF (*.pdf)")
        if not name:
            return
        try:
            path = self.save_to(Path(name if name.lower().endswith(".pdf") else name + ".pdf"))
        except (PermissionError, OSError, SessionFileError) as exc:
            QMessageBox.warning(self, "Enregistrement impossible", str(exc))
            return
        self.info.setText(f"Enregistré : {path}")
