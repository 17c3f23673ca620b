"""The first-run assistant (issue 6): MCO 2018, regime 2022, the Cyclades sample and a grade
sheet, landing in the deliberation view with the right counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from btsdesk.app.demo import create_demo_file
from btsdesk.app.templates import save_template
from btsdesk.core.results import Decision
from btsdesk.gui.assistant import Assistant
from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore

CYCLADES = Path(__file__).parent.parent / "data" / "imports" / "cyclades-liste-simple.csv"
MCO = "MCO — Management commercial opérationnel (2018)"


def _grade_sheet(path: Path) -> Path:
    """Two candidates of the Cyclades sample, worked by hand (MCO 2018, total coef. 21):
    ALLARD 12 everywhere → 252 / 21 = 12 → admis;
    COURTOIS 9 in general (9 × 9 = 81) and 11 in professional (11 × 12 = 132):
    213 / 21 = 10,14 → admis; LABBÉ 8 everywhere → 168 / 21 = 8, professional 8 < 10 →
    ajourné (R14). The 13 others have no grade: incomplet."""
    lines = [
        "N° candidat;Nom;E1;E21;E22;E3;E41;E42;E5;E6",
        "2011557741;ALLARD;12;12;12;12;12;12;12;12",
        "2113557743;COURTOIS;9;9;9;9;11;11;11;11",
        "2070557748;LABBÉ;8;8;8;8;8;8;8;8",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


class Confirmations:
    """Stands in for the import's question (the one Fichier › Importer asks)."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.previews: list[str] = []

    def __call__(self, preview: str) -> bool:
        self.previews.append(preview)
        return self.answer


def test_the_assistant_creates_imports_and_lands_in_the_deliberation(qtbot, tmp_path):
    confirm = Confirmations()
    assistant = Assistant(confirm=confirm)
    qtbot.addWidget(assistant)
    assistant.show()
    assert assistant.welcome.validatePage()  # "nouvelle session"
    assistant.next()
    page = assistant.reglement
    page.choice.setCurrentIndex(page.choice.findText(MCO))
    assert "⚠ à vérifier" in page.flags.toPlainText()  # E5, E6 shown flagged
    assistant.next()
    session = assistant.session
    session.regime.setCurrentIndex(session.regime.findData("2022"))
    session.academie.setText("Académie de Lyon")
    session.operator.setText("Mme Durand")
    session.delegate.setText("M. Jean  Dupuis, IA-IPR")  # §5: signs the letters
    session.file.setText(str(tmp_path / "mco-2026"))
    assert session.validatePage()
    assistant.next()
    assistant.jury.members.setPlainText(
        "Pr Anne Morel ; enseignant ; président\n"
        "M. Paul Girard ; enseignant ; membre\n"
        "Mme Lise Martin ; professionnel ; membre"
    )
    assert assistant.jury.validatePage()
    assistant.next()
    imports = assistant.imports
    imports.candidates.setText(str(CYCLADES))
    assert imports.import_file(imports.candidates)
    assert "16 candidat(s) à importer" in imports.preview.toPlainText()
    imports.grades.setText(str(_grade_sheet(tmp_path / "notes.csv")))
    assert imports.import_file(imports.grades)
    # Each import was shown and confirmed before it wrote, as from Fichier › Importer.
    assert len(confirm.previews) == 2
    assert "16 candidat(s) à importer" in confirm.previews[0]
    assistant.accept()
    assert (tmp_path / "mco-2026.btsdesk").exists()

    demo = SessionStore.open(create_demo_file(tmp_path / "demo.btsdesk"), backup=False)
    window = MainWindow(
        demo,
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        ask_reason=lambda _q: None,
        inform=lambda _title, _text: None,
    )
    qtbot.addWidget(window)
    window.take(assistant)
    assert window.tabs.currentWidget() is window.deliberation
    counts = window.hub.service.counts()
    assert (counts[Decision.ADMIS], counts[Decision.AJOURNE], counts[Decision.INCOMPLET]) == (
        2,
        1,
        13,
    )
    assert window.counts.text() == "2 admis · 0 en contrôle · 1 ajourné · 13 incomplets"
    assert len(window.hub.service.store.jury_members()) == 3
    details = window.hub.service.details
    assert (details.signatory_delegate, details.results_notice) == ("M. Jean Dupuis, IA-IPR", "")
    window.close()


def test_a_refused_grade_sheet_writes_nothing_and_says_where(qtbot, tmp_path):
    confirm = Confirmations()
    assistant = Assistant(confirm=confirm)
    qtbot.addWidget(assistant)
    assistant.session.operator.setText("Mme Durand")
    assistant.session.file.setText(str(tmp_path / "s"))
    assistant.reglement.choice.setCurrentIndex(assistant.reglement.choice.findText(MCO))
    assert assistant.session.validatePage()
    imports = assistant.imports
    imports.candidates.setText(str(CYCLADES))
    assert imports.import_file(imports.candidates)
    bad = tmp_path / "notes.csv"
    bad.write_text("N° candidat;E1\n2011557741;21\n", encoding="utf-8")
    imports.grades.setText(str(bad))
    assert not imports.import_file(imports.grades)
    assert "ligne 2, colonne « E1 »" in imports.preview.toPlainText()
    assert len(confirm.previews) == 1  # a preview with problems is not even offered
    assert assistant.store.grades() == {}
    assistant.reject()
    assert not (tmp_path / "s.btsdesk").exists()


def test_a_template_from_last_year_fills_the_assistant(qtbot, tmp_path):
    last_year = create_demo_file(tmp_path / "2025.btsdesk")
    with SessionStore.open(last_year, backup=False) as store:
        store.add_jury_member("Pr Anne Morel", "enseignant", "président")
        store.set_reglement_line("E5", "verified", True)
        template = save_template(store, tmp_path / "modele.json")
    assistant = Assistant(confirm=Confirmations())
    qtbot.addWidget(assistant)
    assert assistant.reglement.load(template)
    assert assistant.session.academie.text() == "Académie de Villefictive"
    assert "Pr Anne Morel ; enseignant ; président" in assistant.jury.members.toPlainText()
    assistant.session.operator.setText("Mme Durand")
    assistant.session.file.setText(str(tmp_path / "2026"))
    service = assistant.build()
    assert service.specialty.line_by_code["E5"].verified  # the corrected règlement carries over
    assert assistant.jury.validatePage()
    assert [(m["name"], m["role"]) for m in service.jury_members()] == [
        ("Pr Anne Morel", "président")
    ]
    assistant.reject()


def test_an_import_answered_no_writes_nothing(qtbot, tmp_path):
    confirm = Confirmations(answer=False)
    assistant = Assistant(confirm=confirm)
    qtbot.addWidget(assistant)
    assistant.session.operator.setText("Mme Durand")
    assistant.session.file.setText(str(tmp_path / "s"))
    assert assistant.session.validatePage()
    imports = assistant.imports
    imports.candidates.setText(str(CYCLADES))
    assert not imports.import_file(imports.candidates)
    assert "16 candidat(s) à importer" in confirm.previews[0]
    assert "abandonné" in imports.preview.toPlainText()
    assert assistant.service.candidates == []
    assistant.reject()


def test_a_second_president_is_refused_on_the_jury_page(qtbot, tmp_path):
    assistant = Assistant(confirm=Confirmations())
    qtbot.addWidget(assistant)
    assistant.session.operator.setText("Mme Durand")
    assistant.session.file.setText(str(tmp_path / "s"))
    assert assistant.session.validatePage()
    assistant.jury.members.setPlainText(
        "Pr Anne Morel ; enseignant ; président\nM. Paul Girard ; enseignant ; président"
    )
    assert not assistant.jury.validatePage()
    assert "un seul président" in assistant.jury.note.text()
    assert assistant.service.jury_members() == []  # checked whole before anything is written
    assistant.reject()


def test_a_year_the_reglement_does_not_serve_is_warned_not_refused(qtbot, tmp_path):
    """§7: SIO 2019 serves sessions 2021–2024; 2026 is warned, the session still created."""
    assistant = Assistant()
    qtbot.addWidget(assistant)
    page = assistant.reglement
    page.choice.setCurrentIndex(
        next(i for i in range(page.choice.count()) if page.choice.itemData(i) == "sio-2019")
    )
    assert "sessions 2021 à 2024" in page.flags.toPlainText()
    session = assistant.session
    session.year.setValue(2024)
    assert session.check_year() is None
    assert session.note.text() == ""
    session.year.setValue(2026)
    assert "sert les sessions 2021 à 2024, pas la session 2026" in session.note.text()
    session.operator.setText("Mme Durand")
    session.file.setText(str(tmp_path / "sio"))
    assert session.validatePage()
    assistant.reject()


def test_the_jury_page_reads_a_members_status(qtbot):
    """R25 (D643-31): « nom ; qualité ; rôle ; statut », the status optional."""
    import pytest

    from btsdesk.core.errors import InvalidInput

    assistant = Assistant()
    qtbot.addWidget(assistant)
    page = assistant.jury
    page.members.setPlainText(
        "Pr Morel ; enseignant ; président ; IA-IPR\n"
        "M. Roux ; enseignant ; membre ; Public\n"
        "Mme Blanc ; professionnel"
    )
    assert page.parsed() == [
        ("Pr Morel", "enseignant", "président", "IA-IPR"),
        ("M. Roux", "enseignant", "membre", "public"),
        ("Mme Blanc", "professionnel", "membre", ""),
    ]
    page.members.setPlainText("M. Roux ; enseignant ; membre ; recteur")
    with pytest.raises(InvalidInput, match="ligne 1"):
        page.parsed()
