"""Long work off the window's thread, with a progress dialog that can be cancelled.

The work is a function ``work(report, cancelled)``: it calls ``report(done, total)`` as it
goes and stops early when ``cancelled()`` is true (then it must leave nothing half-written).
It must not touch the session store (the store belongs to the window's thread): read what it
needs first, write the result after."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Report = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Report, IsCancelled], Any]


class Cancelled(Exception):
    """The user cancelled; nothing was written."""


class _Worker(QThread):
    progressed = Signal(int, int)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.stop = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(
                lambda done, total: self.progressed.emit(done, total), self.stop.is_set
            )
        except BaseException as exc:  # handed back to the window's thread
            self.error = exc


class BackgroundTask:
    """``run()`` returns the work's result, raises Cancelled, or re-raises its error."""

    def __init__(self, parent: QWidget | None, label: str, work: Work) -> None:
        self.parent = parent
        self.worker = _Worker(work)
        self.dialog = QProgressDialog(label, "Annuler", 0, 0, parent)
        self.dialog.setWindowTitle("btsdesk")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # short work shows no dialog at all
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.worker.progressed.connect(self._progressed)

    def cancel(self) -> None:
        self.worker.stop.set()
        self.dialog.setLabelText("Annulation…")

    def run(self) -> Any:
        loop = QEventLoop()
        self.worker.finished.connect(loop.quit)
        # The window takes no input while the work runs (what it reads must not change under
        # it); the dialog appears if the work lasts, busy until the work reports.
        window = self.parent.window() if self.parent is not None else None
        if window is not None:
            window.setEnabled(False)
        self.dialog.setEnabled(True)
        self.worker.start()
        self.dialog.setValue(0)
        try:
            if not self.worker.isFinished():
                loop.exec()
            self.worker.wait()
        finally:
            if window is not None:
                window.setEnabled(True)
        cancelled = self.worker.stop.is_set()
        self.dialog.canceled.disconnect(self.cancel)  # closing the dialog emits "canceled"
        self.dialog.close()
        if self.worker.error is not None:
            raise self.worker.error
        if cancelled:
            raise Cancelled
        return self.worker.result

    def _progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)


def run_in_background(parent: QWidget | None, label: str, work: Work) -> Any:
    return BackgroundTask(parent, label, work).run()
