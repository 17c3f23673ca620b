"""Small helpers shared by the views."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QKeySequence, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QStyle,
    QTableView,
    QWidget,
)

if TYPE_CHECKING:
    from btsdesk.gui.hub import SessionHub

    # LazyRefresh is mixed in before QWidget (class V(LazyRefresh, QWidget)): to the type
    # checker it is a QWidget, so isVisible and super().showEvent are known; at run time a
    # plain mixin, as QWidget must come once, from the view's own bases.
    _MixedIntoWidget = QWidget
else:
    _MixedIntoWidget = object

# The text on the views' pastel backgrounds (decisions, missing grades, lines to check): black,
# not the theme's text colour, which is light in a dark theme. WCAG contrast ≥ 4.5:1 on each,
# checked by tests/gui/test_accessibility.py.
INK = "#000000"
SAMPLED_ROWS = 200  # enough to size a column; measuring 2,000 rows on each change is not


def joined(items: list[str], word: str = "et") -> str:
    """« 8 et 10 », « 10 », « E1, E2 et E3 »."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


# Key names as printed on a French keyboard, where Qt's own translation is not loaded.
FRENCH_KEYS = {
    "Shift": "Maj",
    "Del": "Suppr",
    "Ins": "Inser",
    "Esc": "Échap",
    "Return": "Entrée",
    "Enter": "Entrée",
    "Space": "Espace",
    "Backspace": "Retour arrière",
    "PgUp": "Page préc.",
    "PgDown": "Page suiv.",
    "Home": "Début",
    "End": "Fin",
}


def key_text(sequence: QKeySequence) -> str:
    """A shortcut as the president reads it on the keyboard: « Ctrl+Maj+D », « Suppr »."""
    native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    return ", ".join(
        "+".join(FRENCH_KEYS.get(key, key) for key in chord.split("+"))
        for chord in native.split(", ")
    )


def alive(widget: QObject) -> bool:
    """Whether the Qt object behind ``widget`` still exists: a QTableWidget's own model
    empties itself (and signals it) after the table has gone."""
    return shiboken6.isValid(widget)


def fit_within_screen(window: QWidget) -> None:
    """Shrinks and moves ``window`` within its screen's available geometry, frame (title
    bar, borders) included: a 1024×768 projector, a 768-px laptop screen. A window manager
    would do it; without one (Xvfb, some kiosks) nobody does. Call it once shown, when the
    frame is known."""
    available = window.screen().availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    width = min(window.width(), available.width() - frame.width())
    height = min(window.height(), available.height() - frame.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    outer = window.frameGeometry()
    if not available.contains(outer):
        x = min(max(window.x(), available.left()), available.right() - outer.width() + 1)
        y = min(max(window.y(), available.top()), available.bottom() - outer.height() + 1)
        window.move(max(x, available.left()), max(y, available.top()))


def fit_columns(table: QTableView, *, stretch_last: bool = False) -> ColumnFitter:
    """Size the columns from their header and contents now and whenever data arrives (a
    typed or pasted grade, a decision), leaving alone a column the user resized."""
    fitter = table.findChild(ColumnFitter)
    if fitter is None:
        fitter = ColumnFitter(table, stretch_last=stretch_last)
    fitter.fit_all()
    return fitter


class ColumnFitter(QObject):
    """Keeps a table's columns wide enough for their header and contents.

    A reset measures every column again (over ``SAMPLED_ROWS`` rows). Changed rows only
    widen the columns they touch, measured on those rows alone, after the rows are repainted
    (a zero timer) and only when the table is seen: a grade typed never waits for it (a
    header in ResizeToContents mode measures every row on every change: too slow live). A
    column the user resized keeps the width given."""

    def __init__(self, table: QTableView, *, stretch_last: bool = False) -> None:
        super().__init__(table)
        self.table = table
        self.stretch_last = stretch_last
        self.user_sized: set[int] = set()
        self._fitting = False
        self._rows: set[int] = set()
        self._all_rows = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        header = table.horizontalHeader()
        header.setResizeContentsPrecision(SAMPLED_ROWS)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(stretch_last)
        header.sectionResized.connect(self._resized)
        model = table.model()
        model.modelReset.connect(self.fit_all)
        model.dataChanged.connect(lambda top, bottom: self._note(top.row(), bottom.row()))
        model.rowsInserted.connect(lambda _parent, first, last: self._note(first, last))
        table.installEventFilter(self)

    def fit_all(self) -> None:
        """Every column not sized by the user, to its header and contents."""
        if not alive(self.table):
            return
        self._rows.clear()
        self._all_rows = False
        self._fitting = True
        try:
            for column in range(self.table.model().columnCount()):
                if column not in self.user_sized and not self.table.isColumnHidden(column):
                    self.table.resizeColumnToContents(column)
        finally:
            self._fitting = False

    def needed(self, column: int) -> int:
        """The width that shows the column's header and contents whole."""
        header = self.table.horizontalHeader()
        return max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))

    def set_widths(self, widths: Mapping[int, int] | Sequence[int]) -> None:
        """Widths given by the program (a projection, widths put back after it): not taken
        for the user's own."""
        items = widths.items() if isinstance(widths, Mapping) else enumerate(widths)
        self._fitting = True
        try:
            for column, width in items:
                self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def pending(self) -> bool:
        return self._all_rows or bool(self._rows)

    def flush(self) -> None:
        """Widen the columns for the rows changed since the last time (when seen)."""
        if not self.table.isVisible() or not self.pending():
            return
        rows, self._rows = sorted(self._rows), set()
        everything, self._all_rows = self._all_rows, False
        table, model = self.table, self.table.model()
        # Fractional advances, rounded up as the delegate's text layout does: a rounded
        # integer width falls a pixel short and the cell shows « 12,… ».
        metrics = QFontMetricsF(table.font())
        # as QStyledItemDelegate: the text margins each side, and the grid line
        text_margin = table.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, table
        )
        margins = 2 * (text_margin + 1) + (1 if table.showGrid() else 0)
        header = table.horizontalHeader()
        self._fitting = True
        try:
            for column in range(model.columnCount()):
                if column in self.user_sized or table.isColumnHidden(column):
                    continue
                if everything:
                    needed = table.sizeHintForColumn(column)
                else:  # the text's width: a delegate's size hint costs far more
                    needed = margins + max(
                        math.ceil(
                            metrics.horizontalAdvance(str(model.index(row, column).data() or ""))
                        )
                        for row in rows
                    )
                needed = max(needed, header.sectionSizeHint(column))
                if needed > table.columnWidth(column):
                    table.setColumnWidth(column, needed)
        finally:
            self._fitting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.pending():
            self._timer.start()
        return super().eventFilter(watched, event)

    def _note(self, first: int, last: int) -> None:
        if first < 0 or not alive(self.table):
            return
        if last - first >= SAMPLED_ROWS or len(self._rows) > SAMPLED_ROWS:
            self._all_rows = True
            self._rows.clear()
        elif not self._all_rows:
            self._rows.update(range(first, last + 1))
        if self.table.isVisible():
            self._timer.start()

    def _resized(self, column: int, _old: int, _new: int) -> None:
        last = self.table.model().columnCount() - 1
        if not self._fitting and not (self.stretch_last and column == last):
            self.user_sized.add(column)


class LazyRefresh(_MixedIntoWidget):
    """For a view rebuilt from the whole session: a change marks it stale and it is rebuilt
    when seen, so a grade typed in another view never waits for this one. The widget calls
    ``watch(hub)`` once and implements ``refresh()``."""

    _stale = True

    def watch(self, hub: SessionHub) -> None:
        for signal in (hub.rowsChanged, hub.reloaded, hub.phaseChanged):
            signal.connect(lambda *_: self.changed())

    def changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        raise NotImplementedError


class FrozenColumns(QTableView):
    """The first columns of a wide table (number, name) kept on the left while it scrolls
    sideways: a second view over the table's left edge, on the same model and selection
    (Qt's "frozen column" example), shown while the table is scrolled. It has no focus of
    its own: a click on it chooses the row and leaves the keyboard in the table."""

    def __init__(self, table: QTableView, count: int = 2) -> None:
        super().__init__(table)
        self.table, self.count = table, count
        self.setObjectName("frozen_columns")
        self.setAccessibleName(f"{table.accessibleName()} : colonnes fixes")
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setSelectionBehavior(table.selectionBehavior())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(table.verticalScrollMode())
        self.setAlternatingRowColors(table.alternatingRowColors())
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionsClickable(table.horizontalHeader().sectionsClickable())
        self.horizontalHeader().sectionClicked.connect(
            lambda column: (
                table.sortByColumn(
                    column,
                    Qt.SortOrder.DescendingOrder
                    if table.horizontalHeader().sortIndicatorSection() == column
                    and table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                    else Qt.SortOrder.AscendingOrder,
                )
                if table.isSortingEnabled()
                else None
            )
        )
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.viewport().stackUnder(self)
        table.horizontalHeader().sectionResized.connect(lambda *_: self.sync())
        table.verticalHeader().sectionResized.connect(
            lambda row, _old, new: self.setRowHeight(row, new)
        )
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        table.selectionModel().currentChanged.connect(lambda current, _: self._uncover(current))
        model = table.model()
        for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved):
            signal.connect(lambda *_: self.sync())
        self._sync_timer = QTimer(self)  # dies with this view, unlike a single shot
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(0)
        self._sync_timer.timeout.connect(self.sync)
        table.installEventFilter(self)
        # Shown only while the table is scrolled sideways: unscrolled, the table shows its
        # first columns itself, and a grade typed repaints one view, not two (~2 ms vs ~6).
        table.horizontalScrollBar().valueChanged.connect(lambda value: self.setVisible(value > 0))
        self.sync()
        self.setVisible(table.horizontalScrollBar().value() > 0)

    def sync(self) -> None:
        """The same columns, widths, row heights and header height as the table."""
        table = self.table
        if not alive(table):
            return
        for column in range(self.model().columnCount()):
            self.setColumnHidden(column, column >= self.count or table.isColumnHidden(column))
            if column < self.count:
                self.setColumnWidth(column, table.columnWidth(column))
        self.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        self.horizontalHeader().setFixedHeight(table.horizontalHeader().height())
        self.place()

    def frozen_width(self) -> int:
        return sum(
            self.table.columnWidth(c)
            for c in range(min(self.count, self.model().columnCount()))
            if not self.table.isColumnHidden(c)
        )

    def place(self) -> None:
        table = self.table
        frame = table.frameWidth()
        self.horizontalHeader().setFixedHeight(table.horizontalHeader().height())
        self.setGeometry(
            frame + (table.verticalHeader().width() if table.verticalHeader().isVisible() else 0),
            frame,
            self.frozen_width(),
            table.viewport().height() + table.horizontalHeader().height(),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.FontChange):
            self._sync_timer.start()  # after the table has laid out its headers
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on a name chooses its row, in the column the keyboard is in."""
        index = self.indexAt(event.position().toPoint())
        current = self.table.currentIndex()
        if index.isValid() and current.isValid() and current.column() >= self.count:
            self.table.setCurrentIndex(self.model().index(index.row(), current.column()))
            self.table.setFocus()
            return
        super().mousePressEvent(event)
        self.table.setFocus()

    def _uncover(self, current: QModelIndex) -> None:
        """The current cell never hidden under the frozen columns."""
        if not current.isValid() or current.column() < self.count:
            return
        left = self.table.visualRect(current).left()
        covered = self.frozen_width() - left
        if covered > 0:
            bar = self.table.horizontalScrollBar()
            bar.setValue(bar.value() - covered)
