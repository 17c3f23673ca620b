"""The user guide: in the Help menu, with current screenshots made by the project's script."""

from __future__ import annotations

import re

from btsdesk.gui.guide import GuideWindow, guide_path


def test_every_picture_of_the_guide_exists():
    text = guide_path().read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(pictures) >= 5
    for name in pictures:
        assert (guide_path().parent / name).is_file(), name


def test_the_guide_opens_in_the_app(qtbot):
    window = GuideWindow()
    qtbot.addWidget(window)
    text = window.browser.toPlainText()
    assert "Créer la session : l'assistant" in text
    assert "Restaurer une sauvegarde" in text
