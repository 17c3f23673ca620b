"""The conseil de classe (issue 7): import a class list, record observations and a proposal
with measures, print the proposal letter, watch the counts change."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from btsdesk.core.consolidation import Answer, Level, Measure
from btsdesk.gui.class_window import ConseilView
from btsdesk.store.class_file import ClassStore

CLASS_LIST = (
    "\n".join(
        [
            "N°;Nom;Prénom;Origine;Spécialité bac pro;Statut",
            "E001;N'Diaye;Émilie-Françoise;bac professionnel;"
            "Métiers du commerce et de la vente;étudiant",
            "E002;Martin;Léa;bac général;;étudiant",
            "E003;Benali;Yanis;bac professionnel;;apprenti",
        ]
    )
    + "\n"
)


@pytest.fixture
def store(tmp_path: Path, qtbot):
    class_store = ClassStore.create(
        tmp_path / "1bts-mco.btsdesk-classe",
        year=2026,
        etablissement="Lycée Jean-Moulin",
        division="1 BTS MCO A",
        specialty_label="BTS MCO",
        operator="M. Leroy",
    )
    listing = tmp_path / "classe.csv"
    listing.write_text(CLASS_LIST, encoding="cp1252")
    view = ConseilView(
        class_store, show_pdf=lambda title, data: None, ask_file=lambda: listing
    )  # the import goes through the window
    qtbot.addWidget(view)
    assert view.import_list()
    assert "3 étudiant(s) ajouté(s)" in view.message.text()
    yield class_store
    class_store.close()


def test_observations_proposal_letter_and_counts(store, qtbot):
    shown = []
    view = ConseilView(store, show_pdf=lambda title, data: shown.append(data))
    qtbot.addWidget(view)
    # Bac pro first: N'Diaye and Benali before Martin.
    assert [view.table.item(r, 0).text() for r in range(3)][-1] == "E002"
    assert "2 bacheliers professionnels" in view.counts.text()
    assert "0 parcours proposé ·" in view.counts.text()  # 0 and 1: singular
    view.select("E001")
    view.levels["academic"].setCurrentIndex(view.levels["academic"].findData(Level.INSUFFISANT))
    view.proposed.setChecked(True)
    view.measures[Measure.ACCOMPAGNEMENT_PERSONNALISE].setChecked(True)
    view.measures[Measure.METHODOLOGIE].setChecked(True)
    view.years.setCurrentIndex(view.years.findData(3))
    view.answer.setCurrentIndex(view.answer.findData(Answer.EN_ATTENTE))
    assert view.save()
    assert "1 repéré à risque" in view.counts.text()
    assert "1 parcours proposé ·" in view.counts.text()
    data = view.letter()
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    )
    assert "Émilie-Françoise" in text
    assert "N'DIAYE" in text.upper()
    assert "en 3 ans" in text
    assert "méthodologie" in text.lower()
    assert "accompagnement personnalisé" in text.lower()
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert shown == [data]
    # The answer comes back: accepted.
    view.answer.setCurrentIndex(view.answer.findData(Answer.ACCEPTE))
    assert view.save()
    assert "1 parcours accepté ·" in view.counts.text()
    assert [e.operator for e in store.audit_log()][-1] == "M. Leroy"


def test_a_proposal_without_measure_or_a_fourth_year_is_refused(store, qtbot):
    view = ConseilView(store, show_pdf=lambda title, data: None)
    qtbot.addWidget(view)
    view.select("E003")
    view.proposed.setChecked(True)
    assert not view.save()
    assert "sans mesure" in view.message.text()
    view.years.addItem("BTS en 4 ans", 4)
    view.years.setCurrentIndex(view.years.findData(4))
    view.measures[Measure.GROUPES_REDUITS].setChecked(True)
    assert not view.save()
    assert "2 ou 3 ans, pas 4" in view.message.text()
    assert store.proposals() == {}


def test_a_broken_class_list_is_refused_with_its_line(tmp_path, qtbot):
    class_store = ClassStore.create(
        tmp_path / "c.btsdesk-classe",
        year=2026,
        etablissement="L",
        division="D",
        specialty_label="S",
        operator="x",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "N°;Nom;Prénom;Origine;Statut\nE1;Martin;Léa;bac lunaire;étudiant\n", encoding="utf-8"
    )
    view = ConseilView(class_store, show_pdf=lambda title, data: None, ask_file=lambda: bad)
    qtbot.addWidget(view)
    assert not view.import_list()
    assert "ligne 2" in view.message.text()
    assert "rien n'a été écrit" in view.message.text()
    assert class_store.students() == []
    class_store.close()


def test_follow_up_dates_and_notes(store, qtbot):
    from PySide6.QtCore import QDate

    view = ConseilView(store, show_pdf=lambda title, data: None)
    qtbot.addWidget(view)
    view.select("E003")
    view.follow_date.setDate(QDate(2026, 12, 1))
    view.follow_note.setText("point avec le tuteur en entreprise")
    assert view.add_follow_up()
    assert "01/12/2026 — point avec le tuteur en entreprise" in view.follow_list.text()
    assert [(f.date, f.note) for f in store.follow_ups("E003")] == [
        ("2026-12-01", "point avec le tuteur en entreprise")
    ]


def test_an_origin_is_corrected_student_by_student_and_logged(store, qtbot):
    """Issue 15: « à corriger étudiant par étudiant » — the field is in the window; the
    correction goes through the app, is logged (old → new) and counted at once (§8)."""
    from btsdesk.core.consolidation import BacOrigin

    view = ConseilView(store, show_pdf=lambda title, data: None)
    qtbot.addWidget(view)
    assert "2 bacheliers professionnels" in view.counts.text()
    view.select("E002")  # Martin, imported as bac général
    assert view.origin.currentData() is BacOrigin.GENERAL
    assert not view.origin_specialty.isEnabled()  # a specialty only for a bac pro
    view.origin.setCurrentIndex(view.origin.findData(BacOrigin.PROFESSIONNEL))
    assert view.origin_specialty.isEnabled()
    view.origin_specialty.setText("Métiers de l'accueil")
    assert view.save_origin()
    assert "origine corrigée (bac professionnel)" in view.message.text()
    student = store.student("E002")
    assert student.origin is BacOrigin.PROFESSIONNEL
    assert student.bac_pro_specialty == "Métiers de l'accueil"
    assert "3 bacheliers professionnels" in view.counts.text()
    last = store.history("E002")[-1]
    assert "bac général" in last.old
    assert "bac professionnel" in last.new
    assert "correction de l'origine" in last.new
    assert view.current().student.number == "E002"  # still the one chosen
    # Back to bac général: the bac pro specialty goes with it.
    view.origin.setCurrentIndex(view.origin.findData(BacOrigin.GENERAL))
    assert view.save_origin()
    assert store.student("E002").bac_pro_specialty == ""
    logged = len(store.audit_log())
    assert view.save_origin()  # nothing changed: nothing logged
    assert len(store.audit_log()) == logged
    assert "inchangée" in view.message.text()


def test_a_class_file_is_made_from_the_window(demo_path, answers, qtbot, tmp_path):
    """Issue 15: no command line needed — Fichier › Nouvelle classe de 1re année, a small
    form, and the class opens in its window."""
    from PySide6.QtCore import QSettings

    from btsdesk.gui.class_window import NewClass, NewClassDialog
    from btsdesk.gui.main_window import MainWindow
    from btsdesk.store.session import SessionStore
    from tests.gui.jury_day import Told

    told = Told()
    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        ask_reason=answers,
        inform=told,
    )
    qtbot.addWidget(window)
    assert window.new_class_action.shortcut().toString() == "Ctrl+Shift+N"
    assert window.new_class_action in window.files_menu.actions()

    # The form: the session's specialty offered, a file name from the division.
    dialog = NewClassDialog(window, specialty="BTS MCO", operator="M. Leroy", folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2026)
    dialog.etablissement.setText("Lycée Jean-Moulin")
    assert dialog.problem() == "Indiquez la division."
    dialog.division.setText("1re année BTS MCO A")
    assert dialog.problem() == ""
    answer = dialog.values()
    assert answer == NewClass(
        tmp_path / "1re-année-BTS-MCO-A.btsdesk-classe",
        2026,
        "Lycée Jean-Moulin",
        "1re année BTS MCO A",
        "BTS MCO",
        "M. Leroy",
    )

    window.ask_new_class = lambda: answer
    assert window.new_class()
    opened = window.class_window
    qtbot.addWidget(opened)
    assert opened.store.path == answer.path
    details = opened.store.details()
    assert (details.year, details.division, details.operator) == (
        2026,
        "1re année BTS MCO A",
        "M. Leroy",
    )
    assert "1re année BTS MCO A" in opened.windowTitle()
    assert opened.view.table.rowCount() == 0  # ready for the import of the list

    # The same file again: refused in French, the file left as it is.
    before = answer.path.read_bytes()
    opened.close()
    assert not window.new_class()
    assert "existe déjà" in told.texts
    assert answer.path.read_bytes() == before

    # From the class window's own Fichier menu: another class, shown in the same window.
    again = NewClass(tmp_path / "b.btsdesk-classe", 2026, "Lycée", "1 B", "BTS MCO", "M. Leroy")
    window.ask_new_class = lambda: again
    assert window.new_class()
    second = window.class_window
    qtbot.addWidget(second)
    third = NewClass(tmp_path / "c.btsdesk-classe", 2026, "Lycée", "1 C", "BTS MCO", "M. Leroy")
    second.ask_new_class = lambda: third
    assert second.new_class()
    assert second.store.path == third.path
    assert "1 C" in second.windowTitle()
    second.close()
    window.close()


def test_a_second_class_from_the_main_window_closes_the_first_one_shown(
    demo_path, answers, qtbot, tmp_path
):
    """The main window shows one class at a time, as the class window's own menu does: the
    class shown before is closed (its file free again), not left locked behind a window that
    vanished."""
    from PySide6.QtCore import QSettings

    from btsdesk.app.classes import open_class
    from btsdesk.gui.class_window import NewClass
    from btsdesk.gui.main_window import MainWindow
    from btsdesk.store.session import SessionStore
    from tests.gui.jury_day import Told

    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        ask_reason=answers,
        inform=Told(),
    )
    qtbot.addWidget(window)
    first = NewClass(tmp_path / "a.btsdesk-classe", 2026, "Lycée", "1 A", "BTS MCO", "M. Leroy")
    second = NewClass(tmp_path / "b.btsdesk-classe", 2026, "Lycée", "1 B", "BTS MCO", "M. Leroy")
    window.ask_new_class = lambda: first
    assert window.new_class()
    shown = window.class_window
    qtbot.addWidget(shown)
    window.ask_new_class = lambda: second
    assert window.new_class()
    assert window.class_window is shown  # the same window, now on the second class
    assert shown.store.path == second.path
    assert "1 B" in shown.windowTitle()
    with open_class(first.path) as again:  # free: not « déjà ouvert dans ce btsdesk »
        assert again.details().division == "1 A"
    shown.close()
    window.close()
