"""The preview fits the screen (issue 11): on a 1024×768 projector or a 1366×768 laptop its
Imprimer / Enregistrer / Fermer buttons are on the screen; it remembers its size; the pages
are zoomed to the window's width, rendered again once a resize stops."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QScreen

from btsdesk.documents.convocation import convocations_pdf
from btsdesk.documents.results import deliberation_pdf
from btsdesk.documents.sample import sample_convocations, sample_header
from btsdesk.gui.pdf_pages import PreviewDialog
from tests.documents.support import NDIAYE, deliberation, result


@pytest.fixture(scope="module")
def letters() -> bytes:
    return convocations_pdf(sample_header(), sample_convocations(12))


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)


def _on_screen(dialog: PreviewDialog, available: QRect) -> None:
    assert available.contains(dialog.frameGeometry())
    for button in (dialog.print_button, dialog.save_button, dialog.close_button):
        assert button.isVisible()
        corner = button.mapToGlobal(QPoint(0, 0))
        assert available.contains(QRect(corner, button.size())), button.text()


@pytest.mark.parametrize("screen", [(1024, 740), (1366, 738)])
def test_the_buttons_are_on_a_small_screen(letters, settings, qtbot, monkeypatch, screen):
    available = QRect(0, 0, *screen)  # 768 px less a task bar
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: available)
    dialog = PreviewDialog("Convocations", letters, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitExposed(dialog):
        pass
    _on_screen(dialog, available)
    # Zoomed to the width: the page fills the view, not a fixed 72 dpi.
    page = dialog.pages.labels[0]
    view = dialog.pages.viewport().width()
    assert view - 40 <= page.width() <= view
    assert page.pixmap().width() == page.width()
    assert dialog.pages.shown_pages()[0] == 0
    assert len(dialog.pages.shown_pages()) <= 3  # only the pages in sight are rendered


def test_a_remembered_size_larger_than_the_screen_is_brought_back(
    letters, settings, qtbot, monkeypatch
):
    first = PreviewDialog("Convocations", letters, settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(QRect(200, 100, 1400, 1000))  # as on a large screen
    first.accept()
    available = QRect(0, 0, 1024, 740)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: available)
    again = PreviewDialog("Convocations", letters, settings=settings)
    qtbot.addWidget(again)
    again.show()
    _on_screen(again, available)


def test_the_preview_remembers_its_size(letters, settings, qtbot):
    first = PreviewDialog("Convocations", letters, settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(640, 520)
    first.close_button.click()
    again = PreviewDialog("Convocations", letters, settings=settings)
    qtbot.addWidget(again)
    again.show()
    assert again.size() == first.size()


def test_pages_are_zoomed_again_once_the_resize_stops(settings, qtbot):
    pv = deliberation_pdf(deliberation((result(NDIAYE, "12,50", "admis"),)))
    dialog = PreviewDialog("PV", pv, settings=settings)
    qtbot.addWidget(dialog)
    dialog.resize(700, 600)
    dialog.show()
    page = dialog.pages.labels[0]
    qtbot.waitUntil(lambda: page.width() >= dialog.pages.viewport().width() - 40)
    narrow = page.width()
    assert page.width() > page.height()  # the landscape PV, across the view
    dialog.resize(1000, 600)
    qtbot.waitUntil(lambda: page.width() > narrow + 200)
    assert page.pixmap().width() == page.width()  # rendered again, not stretched
