"""Issue 12 in the window: Fichier › Importer… takes a whole-session JSON export (§6 plus
btsdesk's keys) into the open session, as ``btsdesk import S.btsdesk x.json`` does, after
the same preview and question as the other imports."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from btsdesk.app.exports import exchange_json
from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore
from tests.gui.jury_day import GIRARD, Told


def test_the_importer_takes_a_whole_session_json_after_its_preview(
    demo_path, answers, qtbot, tmp_path, monkeypatch
):
    # The demo session exported, then two changes made in the file: GIRARD's missing E6
    # given as 14, kept from the 2024 session (bénéfice), and the first candidate's E1 as 15.
    with SessionStore.open(demo_path, read_only=True) as store:
        data = exchange_json(store)
        first = data["candidates"][0]["number"]
        old_e1 = store.grades()[first]["E1"]
    girard = next(p for p in data["candidates"] if p["number"] == "02620000010")
    girard["grades"]["E6"] = "14"
    girard["grade_origin_years"] = {"E6": 2024}
    data["candidates"][0]["grades"]["E1"] = "15"
    source = tmp_path / "session.json"
    source.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")

    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        ask_reason=answers,
        inform=Told(),
    )
    qtbot.addWidget(window)
    filters, questions, shown = [], [], []
    answer = [QMessageBox.StandardButton.No]

    def pick(_parent, _title, _folder, wanted):
        filters.append(wanted)
        return str(source), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda _p, _t, text: questions.append(text) or answer[0]),
    )
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text: shown.append(text))
    )
    service = window.hub.service
    assert service.entry(GIRARD, "E6") is None

    window.import_action.trigger()  # the preview shown, the question answered « Non »
    assert "*.json" in filters[0]
    preview = questions[0]
    assert "40 candidat(s) dans le fichier : 0 à ajouter, 40 déjà dans la session." in preview
    assert "2 note(s) à enregistrer, dont 1 remplacement(s)" in preview
    old = f"{old_e1 // 100},{old_e1 % 100:02d}"
    assert f"  {first} E1 : {old} → 15,00" in preview
    assert preview.endswith("Écrire ces données dans la session ?")
    assert "Import abandonné : rien n'a été écrit." in shown[0]
    assert service.entry(GIRARD, "E6") is None

    answer[0] = QMessageBox.StandardButton.Yes
    reloaded = []
    window.hub.reloaded.connect(lambda: reloaded.append(True))
    window.import_action.trigger()
    assert "✔ 0 candidat(s) ajouté(s)" in shown[1]
    assert "2 note(s) enregistrée(s)" in shown[1]
    assert reloaded == [True]  # written through the hub: every view reads again
    assert service.entry(GIRARD, "E6") == 1400
    assert service.store.grade_origin_years() == {"02620000010": {"E6": 2024}}
    window.close()
