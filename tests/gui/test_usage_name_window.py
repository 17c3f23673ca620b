"""Issue 12: the nom d'usage edited in the candidate's identity dialog, kept apart from the
nom de famille, shown in the deliberation panel."""

from __future__ import annotations

from btsdesk.gui.deliberation_view import DeliberationView, IdentityDialog


def test_the_usage_name_is_edited_in_the_identity_dialog(hub, qtbot):
    candidate = hub.service.candidates[0]  # N'Diaye Émilie-Françoise
    dialog = IdentityDialog(candidate)
    qtbot.addWidget(dialog)
    assert dialog.usage_name.text() == ""
    assert dialog.usage_name.placeholderText() == "vide : N'DIAYE"
    dialog.usage_name.setText("  Martin  ")
    answer = dialog.values()
    assert answer.usage_name == "Martin"

    view = DeliberationView(hub, ask_identity=lambda _candidate: answer)
    qtbot.addWidget(view)
    view.select_row(0)
    assert view.edit_identity()
    stored = hub.service.store.candidate(candidate.number)
    assert (stored.surname, stored.usage_name) == (candidate.surname, "Martin")
    assert "nom d'usage : MARTIN" in view.panel.identity.text().splitlines()
