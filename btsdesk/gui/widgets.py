"""Small helpers shared by the views."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

SAMPLED_ROWS = 200  # enough to size a column; measuring 2,000 rows on each change is not


def fit_columns(table: QTableView, *, stretch_last: bool = False) -> None:
    """Size the columns to their contents once, then leave them to the user: a header in
    ResizeToContents mode measures every row again on every change (too slow live)."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(SAMPLED_ROWS)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    header.setStretchLastSection(stretch_last)
