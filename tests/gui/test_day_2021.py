"""The jury's day through the window in regime 2021 (the other regime's day is
test_orals_flow.py): the jury, the missing grade entered, délibération, the jury's
authorisations (R22), a general discipline chosen among the highest coefficients (R12), the
two orals graded — one absent (R13a) —, one candidate not authorised, one who declines (R24),
every decision recorded from the Délibération buttons, closing and the final PV. Every write
goes through the widgets and the hub; the test never touches a store."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from PySide6.QtCore import QSettings

from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import CellChange, JurySession
from btsdesk.core.grades import Code
from btsdesk.core.results import Decision
from btsdesk.gui.main_window import MainWindow


def test_the_whole_day_in_regime_2021(answers, qtbot, tmp_path):
    path = create_demo_file(tmp_path / "demo-2021.btsdesk", regime="2021")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        JurySession.open(path, backup=False),
        settings=settings,
        ask_reason=answers,
        inform=lambda *_: None,
    )
    qtbot.addWidget(window)
    window.show()
    hub = window.hub
    service = hub.service

    jury = window.jury
    jury.name.setText("Pr Anne Morel")
    jury.role.setCurrentText("président")
    assert jury.add_member()
    missing = [
        (row, line.code)
        for row in range(len(service.candidates))
        for line in service.specialty.obligatory
        if line.code not in service.grades[row]
    ]
    assert missing  # the demo has an incomplet candidate (R2)
    for row, code in missing:
        assert hub.edit_grades([CellChange(row, code, Code.ABJ)], code)
    assert window.change_phase("deliberation")

    controle = [
        row for row, result in enumerate(service.results) if result.decision is Decision.CONTROLE
    ]
    assert len(controle) >= 3
    graded, absent, refused, declined = controle[0], controle[1], controle[2], controle[3:]

    # R22: the jury authorises from the Délibération view; one candidate is not authorised.
    view = window.deliberation
    window.tabs.setCurrentWidget(view)
    for row in controle:
        view.select_row(row)
        assert view.authorise()
    view.select_row(refused)
    assert view.authorise()  # a second click withdraws the authorisation
    assert service.authorisations[service.candidates[refused].number] is False

    # R12: one general discipline among the highest coefficients; two orals (R11).
    orals = window.orals
    window.tabs.setCurrentWidget(orals)
    panel = orals.candidates
    assert len(panel.choices) == 1
    assert len(panel.grades) == 2
    panel.select(graded)
    offered = [panel.choices[0].itemData(i) for i in range(panel.choices[0].count())]
    assert [code for code in offered if code] == list(service.results[graded].options)
    for row, general, professional in ((graded, "15", "14"), (absent, "", "12")):
        panel.select(row)
        panel.choices[0].setCurrentIndex(panel.choices[0].findData(offered[-1]))
        panel.grades[0].setText(general)
        panel.grades[1].setText(professional)
        if not general:
            panel.absents[0].setChecked(True)  # absent at the general oral (R13a)
        assert panel.save()
    assert service.results[graded].final_decision is not None
    assert service.results[absent].final_decision is not None  # given at once (R13a)
    for row in declined:
        panel.select(row)
        assert panel.toggle_decline()
    assert service.outcome(refused) is Decision.AJOURNE

    # Every decision from the Délibération view, then closing (R24) and the final PV.
    window.tabs.setCurrentWidget(view)
    assert view.record_all_decisions()
    assert service.closing_blockers() == []
    assert window.change_phase("clos")
    window.tabs.setCurrentWidget(orals)
    orals.documents.show_preview = lambda *args: None
    pv = orals.documents.generate("pv_final")
    assert pv is not None
    text = " ".join(
        re.sub(r"\s+", " ", page.extract_text() or "")
        for page in PdfReader(io.BytesIO(pv.data)).pages
    )
    assert "PROJET" not in text
    assert "Empreinte du fichier de session" in text
    admitted = service.counts()[Decision.ADMIS]
    assert re.search(rf"admis\D{{0,12}}{admitted}\b", text)
    window.close()
