"""Documents of the session: the PV's counts are the deliberation table's; printing and
saving are blocked while a decision waits to be confirmed (R23); a page range prints."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from btsdesk.app import planning
from btsdesk.app.session import CellChange
from btsdesk.core.results import Decision
from btsdesk.gui.documents_tab import DocumentsTab
from btsdesk.gui.pdf_pages import PreviewDialog, print_pdf, selected_pages


def _text(data: bytes) -> str:
    return re.sub(
        r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    )


def _tab(hub, qtbot, shown, selected=lambda: None) -> DocumentsTab:
    tab = DocumentsTab(hub, show=lambda *args: shown.append(args), selected=selected)
    qtbot.addWidget(tab)
    return tab


def _decided(hub) -> None:
    """Délibération, every decision recorded: the PV and the relevés state them (R24b)."""
    hub.set_phase("deliberation")
    hub.act(lambda s: s.decide_all())


def test_the_pv_counts_are_the_deliberation_tables(hub, qtbot):
    shown: list = []
    _decided(hub)
    tab = _tab(hub, qtbot, shown)
    produced = tab.generate("pv_premier_groupe")
    assert produced is not None
    assert shown
    text = _text(produced.data)
    counts = hub.service.counts()
    for decision in (Decision.ADMIS, Decision.AJOURNE, Decision.INCOMPLET):
        assert re.search(rf"{decision.label}\D{{0,6}}{counts[decision]}\b", text), decision
    assert hub.service.store.documents()[-1]["kind"] == "pv_premier_groupe"
    assert f"{produced.pages} p." in tab.history.item(0).text()


def test_printing_and_saving_are_blocked_while_a_decision_is_stale_r23(
    hub, answers, qtbot, tmp_path: Path
):
    hub.set_phase("deliberation")
    hub.record_decision(0, "premier_groupe", "controle")
    answers.queue.append("erreur de report")
    hub.edit_grades([CellChange(0, "E1", 1000)], "E1")  # 9,50 → 10: decision now stale
    shown: list = []
    tab = _tab(hub, qtbot, shown)
    assert tab.generate("pv_premier_groupe") is None  # R23: not even a draft is produced
    assert "R23" in tab.message.text()
    hub.record_decision(0, "premier_groupe", "admis")  # confirmed again
    produced = tab.generate("pv_premier_groupe")
    assert produced is not None
    # Stale again while the preview is open: printing and saving are refused.
    answers.queue.append("erreur de report")
    hub.edit_grades([CellChange(0, "E1", 1100)], "E1")
    _title, _produced, can_print = shown[-1]
    dialog = PreviewDialog("PV", produced.data, can_print=can_print)
    qtbot.addWidget(dialog)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "pv.pdf"))
    with pytest.raises(PermissionError, match="R23"):
        dialog.print_to(printer)
    with pytest.raises(PermissionError, match="R23"):
        dialog.save_to(tmp_path / "pv-enregistre.pdf")
    assert not (tmp_path / "pv.pdf").exists()
    assert not (tmp_path / "pv-enregistre.pdf").exists()
    hub.record_decision(0, "premier_groupe", "admis")  # confirmed again
    assert dialog.print_to(printer) == produced.pages
    assert dialog.save_to(tmp_path / "pv-enregistre.pdf").read_bytes() == produced.data


def test_a_page_range_prints_only_those_pages(hub, qtbot, tmp_path: Path):
    shown: list = []
    _decided(hub)
    produced = _tab(hub, qtbot, shown).generate("releves")  # one page per decided candidate
    assert produced is not None
    # R24b: no relevé for Girard (incomplet) nor for the six candidates in contrôle, whose
    # final decision waits for the orals: 40 − 1 − 6.
    assert produced.pages == 33
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "extrait.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(3, 5)
    assert selected_pages(printer, produced.pages) == [2, 3, 4]
    assert print_pdf(produced.data, printer, selected_pages(printer, produced.pages)) == 3
    assert len(PdfReader(tmp_path / "extrait.pdf").pages) == 3


def test_the_selected_candidates_convocation_only(hub, qtbot):
    # Regime 2022: N'Diaye and Benali are authorised by right (R22); their choices and the
    # planning go through the hub (app.planning), as in the window.
    for row in (0, 3):
        assert hub.choose(row, ["E1", "E2"])
    setup = planning.parse_setup("06/07/2026 08:00 18:00", "B12", "Mme Durand : E1\nM. Petit : E2")
    hub.act(lambda s: planning.save_setup(s, setup))
    hub.act(planning.propose_schedule)
    shown: list = []
    tab = _tab(hub, qtbot, shown, selected=lambda: "02620000004")
    assert tab.generate("convocations").pages == 2
    only = tab.generate("convocations", only_selected=True)
    assert only.pages == 1
    assert "BENALI" in _text(only.data).upper()
    assert tab.history.count() == 2  # each production noted, newest first
    assert hub.service.store.documents()[-1]["sha256"] == only.sha256


def test_a_candidate_who_declined_gets_no_convocation_r24(hub, qtbot):
    for row in (0, 3):
        assert hub.choose(row, ["E1", "E2"])
    setup = planning.parse_setup("06/07/2026 08:00 18:00", "B12", "Mme Durand : E1\nM. Petit : E2")
    hub.act(lambda s: planning.save_setup(s, setup))
    hub.act(planning.propose_schedule)
    hub.decline(3)  # Benali declines after the planning
    produced = _tab(hub, qtbot, []).generate("convocations")
    assert produced.pages == 1
    assert "BENALI" not in _text(produced.data).upper()


def test_the_logo_is_kept_in_the_session_through_the_hub(hub, qtbot, tmp_path: Path):
    heard: list = []
    hub.changed.connect(heard.append)
    tab = _tab(hub, qtbot, [])
    logo = tmp_path / "logo.png"
    Image.new("RGB", (8, 4), (31, 58, 104)).save(logo)  # opaque: kept as it is
    assert tab.choose_image("logo", logo)
    assert hub.service.store.image("logo") == logo.read_bytes()
    assert any("images" in change.kinds for change in heard)
    text = tmp_path / "logo.txt"
    text.write_text("pas une image", encoding="utf-8")
    assert not tab.choose_image("logo", text)
    assert "PNG ou JPEG" in tab.message.text()


def test_the_fiches_de_choix_from_their_button(hub, qtbot):
    """§5: the fiche de choix is offered in the tab; one page per candidate at the orals."""
    from PySide6.QtCore import Qt

    shown: list = []
    _decided(hub)
    tab = _tab(hub, qtbot, shown)
    button = tab.buttons["fiche_choix"]
    assert button.text() == "Fiches de choix des épreuves de contrôle…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shown, tab.message.text()
    produced = shown[-1][1]
    service = hub.service
    takers = [c for c in service.candidates if service.takes_orals(c.number)]
    assert produced.pages == len(takers) > 0
    assert "Note à obtenir" in _text(produced.data)
    assert service.store.documents()[-1]["kind"] == "fiche_choix"


def test_the_letters_signatory_is_set_from_the_tab_through_the_hub(hub, qtbot):
    """§5: the recteur's delegate and the results notice typed in the Documents tab are kept
    in the session (logged through the hub); too long a name is refused, nothing written."""
    changes: list = []
    hub.changed.connect(changes.append)
    tab = _tab(hub, qtbot, [])
    assert (tab.delegate.text(), tab.results.text()) == ("", "")
    tab.delegate.setText("M. Jean Dupuis, IA-IPR")
    tab.results.setText("Résultats affichés au lycée le 10 juillet 2026 à 17 h.")
    assert tab.save_header()
    details = hub.service.store.details()
    assert details.signatory_delegate == "M. Jean Dupuis, IA-IPR"
    assert details.results_notice == "Résultats affichés au lycée le 10 juillet 2026 à 17 h."
    assert "signées par M. Jean Dupuis, IA-IPR" in tab.message.text()
    assert changes[-1].kinds == {"header"}
    tab.delegate.setText("M. " + "X" * 130)
    assert not tab.save_header()
    assert tab.message.text().startswith("Refusé : signataire délégué : 120 caractères")
    assert hub.service.store.details().signatory_delegate == "M. Jean Dupuis, IA-IPR"
    tab.refresh()
    assert tab.delegate.text() == "M. Jean Dupuis, IA-IPR"
