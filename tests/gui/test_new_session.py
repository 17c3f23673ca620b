"""Nouvelle session (ui/new_session.ui): a session file from a shipped règlement."""

from __future__ import annotations

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.gui.new_session import NewSessionDialog


def test_creates_a_session_from_the_form(qtbot, tmp_path):
    form = NewSessionDialog()
    qtbot.addWidget(form.dialog)
    d = form.dialog
    labels = [d.reglement.itemText(i) for i in range(d.reglement.count())]
    assert "SIO — Services informatiques aux organisations (2019)" in labels
    d.reglement.setCurrentIndex(d.reglement.findData("sio-2019"))
    d.regime.setCurrentIndex(d.regime.findData("2021"))
    d.academie.setText("Académie de Lyon")
    with pytest.raises(InvalidInput, match="opérateur"):
        form.create()
    d.operator.setText("Mme Durand")
    d.file.setText(str(tmp_path / "sio"))
    store = form.create()
    try:
        details = store.details()
        assert (details.specialty_code, details.regime, details.academie) == (
            "SIO", "2021", "Académie de Lyon")
        assert store.path.name == "sio.btsdesk"
        assert store.operator == "Mme Durand"
    finally:
        store.close()
