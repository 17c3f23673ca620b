"""Small helpers shared by the views."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

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


def fit_columns(table: QTableView, *, stretch_last: bool = False) -> None:
    """Size the columns to their contents once, then leave them to the user: a header in
    ResizeToContents mode measures every row again on every change (too slow live)."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(SAMPLED_ROWS)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    header.setStretchLastSection(stretch_last)


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
