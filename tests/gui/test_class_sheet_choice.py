"""Issue 12: the class window, like the main window, asks which sheet of a workbook with
several filled sheets to import (never the active one silently)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from btsdesk.gui.class_window import ConseilView
from btsdesk.store.class_file import ClassStore


def workbook(path):
    book = openpyxl.Workbook()
    book.active.title = "1 BTS A"
    book.active.append(["N°", "Nom", "Prénom", "Origine"])
    book.active.append(["E001", "Martin", "Léa", "bac professionnel"])
    other = book.create_sheet("1 BTS B")
    other.append(["N°", "Nom", "Prénom", "Origine"])
    other.append(["E101", "Benali", "Yanis", "bac général"])
    other.append(["E102", "Petit", "Jean", "bac général"])
    book.active = 1  # the second sheet active: never taken for that
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def store(tmp_path):
    class_store = ClassStore.create(
        tmp_path / "1bts.btsdesk-classe",
        year=2026,
        etablissement="Lycée Jean-Moulin",
        division="1 BTS",
        specialty_label="BTS MCO",
        operator="M. Leroy",
    )
    yield class_store
    class_store.close()


def test_the_class_window_asks_which_sheet_and_imports_that_one(store, tmp_path, qtbot):
    path = workbook(tmp_path / "classes.xlsx")
    asked = []

    def choose(filename, sheets):
        asked.append((filename, sheets))
        return "1 BTS A"

    view = ConseilView(store, show_pdf=lambda *_: None, ask_file=lambda: path, choose_sheet=choose)
    qtbot.addWidget(view)
    assert view.import_list()
    assert asked == [("classes.xlsx", ["1 BTS A", "1 BTS B"])]
    assert [f.student.number for f in store.followed()] == ["E001"]
    assert "1 étudiant(s) ajouté(s)" in view.message.text()


def test_cancelling_the_sheet_question_writes_nothing(store, tmp_path, qtbot):
    path = workbook(tmp_path / "classes.xlsx")
    view = ConseilView(
        store, show_pdf=lambda *_: None, ask_file=lambda: path, choose_sheet=lambda *_: None
    )
    qtbot.addWidget(view)
    assert not view.import_list()
    assert "rien n'a été écrit" in view.message.text()
    assert store.followed() == []
