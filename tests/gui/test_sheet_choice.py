"""Issue 12: a workbook with several filled sheets is never imported from its active sheet
silently; the window asks which one (the command line's --feuille)."""

from __future__ import annotations

import io

import openpyxl

from btsdesk.gui.importing import import_file

GIRARD = 9  # the demo session's candidate without E6 (incomplet)


def workbook(path, number):
    book = openpyxl.Workbook()
    book.active.title = "Groupe 1"
    book.active.append(["N° candidat", "E6"])
    book.active.append([number, "14"])
    other = book.create_sheet("Groupe 2")
    other.append(["N° candidat", "E6"])
    other.append([number, "9"])
    book.active = 1
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_the_window_asks_which_sheet_and_imports_that_one(hub, tmp_path):
    path = workbook(tmp_path / "notes.xlsx", hub.service.candidates[GIRARD].number)
    asked = []

    def choose(filename, sheets):
        asked.append((filename, sheets))
        return "Groupe 1"

    written, text = import_file(
        None, hub.service, path, None, lambda _text: True, choose_sheet=choose
    )
    assert asked == [("notes.xlsx", ["Groupe 1", "Groupe 2"])]
    assert written, text
    assert hub.service.entry(GIRARD, "E6") == 1400


def test_cancelling_the_sheet_question_writes_nothing(hub, tmp_path):
    path = workbook(tmp_path / "notes.xlsx", hub.service.candidates[GIRARD].number)
    before = hub.service.entry(GIRARD, "E6")
    written, text = import_file(
        None, hub.service, path, None, lambda _text: True, choose_sheet=lambda *_: None
    )
    assert not written
    assert "rien n'a été écrit" in text
    assert hub.service.entry(GIRARD, "E6") == before
