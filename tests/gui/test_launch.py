"""Launching the window (issue 15): the last session reopened, the demo in one place and
only when there is none, refusals said in a dialog (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from btsdesk.app.demo import create_demo_file
from btsdesk.gui import app as launch
from btsdesk.gui.main_window import MainWindow
from btsdesk.store.session import SessionStore


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data"
    monkeypatch.setenv("BTSDESK_DATA", str(home))
    return home


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(launch, "show_refusal", messages.append)
    return messages


def test_first_launch_makes_the_demo_in_one_place_then_keeps_it(settings, data_home):
    first = launch.session_file(None, settings)
    assert first == data_home / "btsdesk" / "demo.btsdesk"
    assert first.is_file()
    stamp = first.stat().st_mtime_ns
    assert launch.session_file(None, settings) == first  # the same file, not a new demo
    assert first.stat().st_mtime_ns == stamp


def test_launch_without_a_file_reopens_the_last_session(settings, data_home, tmp_path, qtbot):
    mine = create_demo_file(tmp_path / "bts-mco-2026.btsdesk")
    window = MainWindow(SessionStore.open(mine, backup=False), settings=settings)
    qtbot.addWidget(window)
    window.close()
    assert launch.session_file(None, settings) == mine
    assert not (data_home / "btsdesk" / "demo.btsdesk").exists()
    mine.unlink()  # moved or deleted: the demo, not a failure
    assert launch.session_file(None, settings) == data_home / "btsdesk" / "demo.btsdesk"


def test_recent_sessions_never_list_temporary_demos(settings, data_home, tmp_path, qtbot):
    (tmp_path / "btsdesk-demo-x1y2").mkdir()
    old_demo = create_demo_file(tmp_path / "btsdesk-demo-x1y2" / "demo.btsdesk")
    mine = create_demo_file(tmp_path / "mine.btsdesk")
    settings.setValue("recent", [str(old_demo), str(mine)])  # as earlier versions left it
    window = MainWindow(SessionStore.open(old_demo, backup=False), settings=settings)
    qtbot.addWidget(window)
    assert window.recent_files() == [str(mine)]
    assert [a.text() for a in window.recent_menu.actions()] == [str(mine)]
    assert launch.session_file(None, settings) == mine
    window.close()


def test_a_file_open_elsewhere_is_said_in_a_dialog_and_exits_2(
    settings, data_home, tmp_path, told, qtbot, capsys
):
    path = create_demo_file(tmp_path / "ouverte.btsdesk")
    elsewhere = SessionStore.open(path, backup=False)
    try:
        assert launch.run(path, settings) == 2
    finally:
        elsewhere.close()
    assert len(told) == 1
    assert "déjà ouvert" in told[0]
    assert "déjà ouvert" in capsys.readouterr().err


def test_an_unreadable_file_is_said_in_a_dialog_and_exits_2(settings, tmp_path, told, qtbot):
    broken = tmp_path / "abimee.btsdesk"
    broken.write_bytes(b"ceci n'est pas une session")
    assert launch.run(broken, settings) == 2
    assert len(told) == 1
    assert "abimee.btsdesk" in told[0]
    missing = tmp_path / "absente.btsdesk"
    assert launch.run(missing, settings) == 2
    assert len(told) == 2
    assert "absente.btsdesk" in told[1]
    assert all("Errno" not in text for text in told)


def test_a_last_session_refused_at_launch_gives_the_demo_and_says_why(
    settings, data_home, tmp_path, told, qtbot
):
    mine = create_demo_file(tmp_path / "mine.btsdesk")
    settings.setValue("recent", [str(mine)])
    elsewhere = SessionStore.open(mine, backup=False)
    try:
        store = launch._open(None, settings)
    finally:
        elsewhere.close()
    assert store.path == data_home / "btsdesk" / "demo.btsdesk"
    store.close()
    assert "déjà ouvert" in told[0]
    assert "démonstration s'ouvre à la place" in told[0]


def test_an_exchange_file_opens_as_a_session_beside_it_kept_and_found_again(tmp_path):
    """A president who opens « jury.json » works in « jury.btsdesk » beside it, not in a
    temporary folder a restart empties; a second opening never overwrites the first."""
    from btsdesk.app.demo import demo_session

    exchange = tmp_path / "jury.json"
    exchange.write_text(json.dumps(demo_session(12)), encoding="utf-8")
    first = launch.session_file(exchange)
    assert first == tmp_path / "jury.btsdesk"
    with SessionStore.open(first, read_only=True) as store:
        assert len(store.candidates()) == 12
    assert launch.session_file(exchange) == tmp_path / "jury (2).btsdesk"
    assert first.is_file()


def test_an_exchange_file_on_a_read_only_medium_still_opens(tmp_path, read_only_medium):
    from btsdesk.app.demo import demo_session

    key = tmp_path / "cle"
    key.mkdir()
    exchange = key / "jury.json"
    exchange.write_text(json.dumps(demo_session(5)), encoding="utf-8")
    read_only_medium("cle")
    made = launch.session_file(exchange)
    assert made.parent != key
    assert made.is_file()
