"""PDF pages on screen and on paper: pages rendered by PDFium (pypdfium2, bundled in its
wheel, no network, works on Windows too), shown in a preview and painted onto a QPrinter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
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

from btsdesk.app.documents import page_count
from btsdesk.gui.progress import Cancelled, run_in_background
from btsdesk.store.errors import SessionFileError
from btsdesk.store.files import write_durably

PREVIEW_DPI = 72
PRINT_DPI = 300


def page_images(
    data: bytes, dpi: int = PREVIEW_DPI, pages: Sequence[int] | None = None
) -> list[QImage]:
    """Pages (0-based indexes, all by default) as images at ``dpi``."""
    import pypdfium2 as pdfium  # PDFium: loaded when a document is first shown or printed

    document = pdfium.PdfDocument(data)
    images = []
    try:
        for index in pages if pages is not None else range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # own the pixels
            bitmap.close()
            page.close()
            images.append(image)
    finally:
        document.close()
    return images


def print_pdf(
    data: bytes,
    printer: QPrinter,
    pages: Sequence[int] | None = None,
    *,
    report: Callable[[int, int], None] = lambda _done, _total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Paint the pages on the printer, one sheet each, fitted to the printable area, page
    by page (each rendered just before it is printed). Safe in a worker thread (QPainter
    on a QPrinter). Cancelling aborts the print job; a PDF output file is removed.
    Returns the number of pages printed."""
    indexes = list(pages) if pages is not None else list(range(page_count(data)))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("l'imprimante n'a pas pu démarrer")
    printed = 0
    try:
        for number, index in enumerate(indexes):
            if cancelled():
                printer.abort()
                break
            image = page_images(data, PRINT_DPI, [index])[0]
            if number:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x(), area.y(), size.width(), size.height())
            painter.drawImage(target, image)
            printed += 1
            report(printed, len(indexes))
    finally:
        painter.end()
    if cancelled():
        output = printer.outputFileName()
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and output:
            Path(output).unlink(missing_ok=True)  # no half-written PDF
    return printed


def selected_pages(printer: QPrinter, total: int) -> list[int]:
    """The pages the print dialog asked for (all, or a range), 0-based."""
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        first, last = max(1, printer.fromPage()), min(total, printer.toPage() or total)
        return list(range(first - 1, last))
    return list(range(total))


class PreviewDialog(QDialog):
    """A generated document: look at it, print it (all pages or a range), save it."""

    def __init__(
        self,
        title: str,
        data: bytes,
        parent: QWidget | None = None,
        *,
        can_print: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.data = data
        self.can_print = can_print  # returns a French reason when printing is blocked (R23)
        self.total = page_count(data)
        pages = QWidget()
        column = QVBoxLayout(pages)
        for image in page_images(data, PREVIEW_DPI, range(min(self.total, 30))):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
        if self.total > 30:
            column.addWidget(QLabel(f"… et {self.total - 30} autre(s) page(s)."))
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        self.info = QLabel(f"{self.total} page(s)")
        print_button = QPushButton("Imprimer…")
        save_button = QPushButton("Enregistrer en PDF…")
        close_button = QPushButton("Fermer")
        print_button.clicked.connect(self.print_dialog)
        save_button.clicked.connect(self.save_dialog)
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        for button in (print_button, save_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(buttons)
        self.resize(720, 900)

    def print_to(self, printer: QPrinter, pages: Sequence[int] | None = None) -> int:
        blocked = self.can_print()
        if blocked:
            raise PermissionError(blocked)
        return print_pdf(self.data, printer, pages)

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFromTo(1, self.total)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.total)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pages = selected_pages(printer, self.total)
        try:
            blocked = self.can_print()
            if blocked:
                raise PermissionError(blocked)
            printed = run_in_background(
                self,
                "Impression en cours…",
                lambda report, cancelled: print_pdf(
                    self.data, printer, pages, report=report, cancelled=cancelled
                ),
            )
        except Cancelled:
            self.info.setText("Impression annulée.")
            return
        except (PermissionError, OSError) as exc:
            QMessageBox.warning(self, "Impression impossible", str(exc))
            return
        self.info.setText(f"{printed} page(s) envoyée(s) à l'imprimante.")

    def save_to(self, path: Path) -> Path:
        blocked = self.can_print()
        if blocked:
            raise PermissionError(blocked)
        return write_durably(path, self.data)  # never a half-written PDF; owner-only

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
