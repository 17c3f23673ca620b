"""Jury (R25) and Règlement views."""

from __future__ import annotations

import json
from decimal import Decimal

from PySide6.QtCore import Qt

from btsdesk.gui.jury_view import JuryView
from btsdesk.gui.reglement_view import ReglementView


def test_jury_members_and_the_d643_31_balance_warning(hub, qtbot):
    view = JuryView(hub)
    qtbot.addWidget(view)
    for name, quality, role, status in (
        ("Pr Morel", "enseignant", "président", "enseignant-chercheur"),
        ("M. Girard", "enseignant", "membre", "public"),
        ("Mme Caron", "professionnel", "membre", ""),
    ):
        view.name.setText(name)
        view.quality.setCurrentText(quality)
        view.role.setCurrentText(role)
        view.status.setCurrentIndex(view.status.findData(status))
        assert view.add_member()
    assert view.table.rowCount() == 3
    # D643-31: an enseignant-chercheur presides; 1 teacher (public), 1 professional; but no
    # enseignant-chercheur among the teachers (the president is not counted twice).
    assert view.warning.text().splitlines() == [
        "3 membres, 3 présents : la présidence, 1 enseignant (1 du public, 0 du privé), "
        "1 professionnel.",
        "⚠ Aucun enseignant-chercheur parmi les enseignants présents : D643-31 en demande un.",
    ]
    box = view.table.cellWidget(1, 4)
    box.setCurrentIndex(box.findData("enseignant-chercheur"))  # M. Girard, logged
    assert hub.service.store.audit_log()[-1].new == "M. Girard : enseignant-chercheur"
    assert "✔" in view.warning.text()  # 1 teacher, 1 professional, president apart
    # Mme Caron is absent: the warning appears, and the change is logged.
    presence = view.table.item(2, 3)
    presence.setCheckState(Qt.CheckState.Unchecked)
    assert "Aucun membre de la profession présent" in view.warning.text()
    assert hub.service.store.audit_log()[-1].new == "absent"


def test_reglement_lines_are_corrected_in_saisie_only(hub, qtbot):
    view = ReglementView(hub, ask_file=lambda: None)
    qtbot.addWidget(view)
    assert "6 ligne(s) à vérifier" in view.source.text()
    row = next(r for r in range(view.table.rowCount()) if view.table.item(r, 0).text() == "E5")
    assert view.table.item(row, 7).text().startswith("⚠")
    view.table.item(row, 3).setText("4")  # the coefficient, as a user edits the cell
    assert hub.service.specialty.line_by_code["E5"].coefficient == Decimal(4)
    assert "corrigé" in view.message.text()
    assert not view.set_line("E5", "coefficient", "quatre")
    assert "Refusé" in view.message.text()
    hub.set_phase("deliberation")
    item = view.table.item(row, 3)
    assert not item.flags() & Qt.ItemFlag.ItemIsEditable


def test_the_view_shows_per_file_and_per_field_what_is_unread(hub, qtbot):
    """§7: the file's sessions (the demo's 2026 is not one of MCO 2018's: warned), what
    the file leaves unread, and per line the fields not read in an official text."""
    view = ReglementView(hub, ask_file=lambda: None)
    qtbot.addWidget(view)
    text = view.source.text()
    assert "sessions jusqu'à 2024" in text
    assert "Session 2026 : le règlement" in text
    assert "À vérifier dans le fichier" in text
    rows = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}
    assert view.table.item(rows["E5"], 8).text() == "mode (catégorie B)"
    assert view.table.item(rows["E1"], 8).text() == ""
    assert view.table.item(rows["EF1"], 3).text() == ""  # no coefficient (R6)
    unread = view.table.item(rows["E6"], 3).background().color().name()
    read = view.table.item(rows["E6"], 4).background().color().name()
    assert unread != read  # the coefficient of E6 is unread, its domain is not


def test_controle_disciplines_are_edited_in_saisie_and_logged(hub, qtbot):
    """R15: the list typed in the view goes through JurySession, checked (§6), logged."""
    view = ReglementView(hub, ask_file=lambda: None)
    qtbot.addWidget(view)
    assert "toutes les disciplines du domaine général (E1, E2, E3)" in (view.controle_label.text())
    view.controle.setText("E1, E3")
    assert view.save_controle()
    assert hub.service.specialty.controle_disciplines == ("E1", "E3")
    assert hub.service.store.audit_log()[-1].subject == "règlement/controle_disciplines"
    view.controle.setText("E41")
    assert not view.save_controle()
    assert "professionnel" in view.message.text()
    assert view.controle.text() == "E1, E3"
    view.controle.setText("")
    assert view.save_controle()
    assert hub.service.specialty.controle_disciplines is None
    hub.set_phase("deliberation")
    assert not view.controle.isEnabled()


def test_a_specialty_is_added_from_a_data_file(hub, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("BTSDESK_DATA", str(tmp_path / "data"))
    good = tmp_path / "bts-x.json"
    good.write_text(
        json.dumps(
            {
                "code": "X",
                "name": "Spécialité X",
                "epreuves": [
                    {"code": "E1", "domain": "general"},
                    {"code": "E2", "domain": "professional"},
                ],
            }
        ),
        encoding="utf-8",
    )
    view = ReglementView(hub, ask_file=lambda: good)
    qtbot.addWidget(view)
    assert view.add_specialty()
    assert (tmp_path / "data" / "btsdesk" / "reglements" / "bts-x.json").exists()
    from btsdesk.gui.assistant import reglement_files

    assert "bts-x" in reglement_files()
    bad = tmp_path / "bad.json"
    bad.write_text('{"code": "Y", "epreuves": []}', encoding="utf-8")
    view.ask_file = lambda: bad
    assert not view.add_specialty()
    assert "aucune épreuve obligatoire" in view.message.text()


def test_domain_mode_and_the_to_check_flag_are_corrected_in_the_app(hub, qtbot):
    view = ReglementView(hub, ask_file=lambda: None)
    qtbot.addWidget(view)
    row = next(r for r in range(view.table.rowCount()) if view.table.item(r, 0).text() == "E5")
    view.table.item(row, 6).setText("A ccf / B ccf / C ponctuel")  # mode per category (R3)
    line = hub.service.specialty.line_by_code["E5"]
    assert line.mode_for("A").value == "ccf"
    assert line.mode_for("C").value == "ponctuel"
    view.table.item(row, 7).setText("")  # checked against the official text
    assert hub.service.specialty.line_by_code["E5"].verified
    view.table.item(row, 4).setText("général")
    assert hub.service.specialty.line_by_code["E5"].domain.value == "general"
    view.table.item(row, 4).setText("transversal")
    assert "Refusé" in view.message.text()
    assert hub.service.specialty.line_by_code["E5"].domain.value == "general"


def test_the_jury_view_writes_and_hears_through_the_hub(hub, qtbot):
    view = JuryView(hub)
    qtbot.addWidget(view)
    view.name.setText("Pr Morel")
    view.role.setCurrentText("président")
    assert view.add_member()
    view.name.setText("M. Girard")
    assert not view.add_member()  # one president (R25)
    assert "déjà un président" in view.warning.text()
    assert view.name.text() == "M. Girard"  # kept, to correct the role
    # A member added elsewhere (the assistant, the command line's session) shows at once.
    hub.act(lambda s: s.add_jury_member("Mme Caron", "professionnel"))
    assert [view.table.item(r, 0).text() for r in range(view.table.rowCount())] == [
        "Pr Morel",
        "Mme Caron",
    ]
