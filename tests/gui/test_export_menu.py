"""Issue 12: export and the blank grade sheet from the window's Fichier menu, through the
application (views never write files), with the command line's messages."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from btsdesk.app.imports import preview_file
from btsdesk.gui.main_window import BLANK_SHEETS, EXPORTS, MainWindow
from btsdesk.store.session import SessionStore
from tests.gui.jury_day import Told
from tests.store.conftest import digest


class SaveAs:
    """Stands in for the save dialog: the answer to give, and what was asked."""

    def __init__(self, path: str, chosen: str) -> None:
        self.answer = (path, chosen)
        self.asked: list[tuple[str, str, list[str]]] = []

    def __call__(self, title: str, suggested: str, filters: list[str]) -> tuple[str, str]:
        self.asked.append((title, suggested, filters))
        return self.answer


def _window(demo_path, answers, qtbot, tmp_path, save: SaveAs, told: Told) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=settings,
        ask_reason=answers,
        inform=told,
        ask_save=save,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _menu_texts(window: MainWindow) -> list[str]:
    return [action.text().replace("&", "") for action in window.files_menu.actions()]


def test_the_blank_sheet_from_the_menu_imports_nothing(demo_path, answers, qtbot, tmp_path):
    target = tmp_path / "a remplir"  # no suffix typed: the chosen filter's is added
    save = SaveAs(str(target), "Feuille de notes vierge, Excel (*.xlsx)")
    told = Told()
    window = _window(demo_path, answers, qtbot, tmp_path, save, told)
    assert "Feuille de notes vierge…" in _menu_texts(window)
    before = digest(demo_path)
    window.blank_sheet_action.trigger()
    written = tmp_path / "a remplir.xlsx"
    assert window.statusBar().currentMessage() == (
        f"Feuille de notes vierge XLSX écrite : {written}"
    )
    assert save.asked[0][0] == "Feuille de notes vierge"
    assert save.asked[0][1] == str(tmp_path / "demo-feuille-vierge.xlsx")
    assert save.asked[0][2] == list(BLANK_SHEETS)
    assert told.messages == []
    preview = preview_file(window.hub.service.store, written)
    assert (preview.problems, preview.changes, preview.unchanged) == ([], [], 0)
    window.close()
    assert digest(demo_path) == before  # an export changes nothing in the session


def test_each_export_of_the_menu(demo_path, answers, qtbot, tmp_path):
    save = SaveAs("", "")
    window = _window(demo_path, answers, qtbot, tmp_path, save, Told())
    assert "Exporter (résultats, session, feuille de notes)…" in _menu_texts(window)
    for number, (chosen, (kind, _sheet)) in enumerate(EXPORTS.items()):
        save.answer = (str(tmp_path / f"export{number}.{kind}"), chosen)
        window.export_action.trigger()
        assert (tmp_path / f"export{number}.{kind}").stat().st_size > 0
    said = window.statusBar().currentMessage()
    assert said == f"Feuille de notes CSV écrite : {tmp_path / 'export4.csv'}"
    window.close()


def test_a_cancelled_dialog_writes_nothing(demo_path, answers, qtbot, tmp_path):
    told = Told()
    window = _window(demo_path, answers, qtbot, tmp_path, SaveAs("", ""), told)
    before = sorted(tmp_path.iterdir())
    assert window.export() is None
    assert sorted(tmp_path.iterdir()) == before
    assert told.messages == []
    window.close()


def test_a_read_only_folder_is_said_in_the_command_lines_words(
    demo_path, answers, qtbot, tmp_path, monkeypatch, read_only_medium
):
    (tmp_path / "cle").mkdir()
    save = SaveAs(str(tmp_path / "cle" / "resultats.csv"), "Résultats pour tableur, CSV (*.csv)")
    told = Told()
    window = _window(demo_path, answers, qtbot, tmp_path, save, told)
    read_only_medium("cle")
    assert window.export() is None
    monkeypatch.undo()
    assert told.messages == [
        (
            "Export impossible",
            "« resultats.csv » : le support est en lecture seule (clé verrouillée, CD, "
            "partage en lecture seule) — copiez la session sur un disque où l'on peut "
            "écrire, ou choisissez un autre dossier ; le fichier n'a pas été écrit",
        )
    ]
    assert list((tmp_path / "cle").iterdir()) == []
    window.close()


def test_the_format_is_the_filter_chosen_else_the_suffix_typed(demo_path, answers, qtbot, tmp_path):
    save = SaveAs(str(tmp_path / "notes.json"), "")  # no filter known: the suffix decides
    told = Told()
    window = _window(demo_path, answers, qtbot, tmp_path, save, told)
    window.ask_save = lambda *_args: (str(tmp_path / "notes.json"), "")
    assert window.export() == f"Export JSON écrit : {tmp_path / 'notes.json'}"
    window.ask_save = lambda *_args: (
        str(tmp_path / "feuille.json"),
        "Feuille de notes vierge, Excel (*.xlsx)",
    )
    assert window.export(blank=True) == (
        f"Feuille de notes vierge XLSX écrite : {tmp_path / 'feuille.json.xlsx'}"
    )
    window.close()
