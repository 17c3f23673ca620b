"""Offline guarantee (issue 6): no code path opens a network connection.

The whole suite runs with sockets blocked (pytest-socket, ``--disable-socket`` in
pyproject.toml: every family, unix sockets included, since nothing here needs one). These
tests check that this is so, build and use the main window in-process that way, and run the
real program (``python -m btsdesk``: the self-test, then the window) in a fresh interpreter
whose ``socket`` module refuses, and notes, every internet socket and name lookup; and, where
the machine allows it, in a network namespace with no network at all.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_socket import SocketBlockedError

GUARD = textwrap.dedent("""
    # Loaded at start-up through PYTHONPATH by tests/test_offline.py: refuses, and notes in
    # BTSDESK_NETWORK_LOG, every internet socket and every name lookup.
    import os
    import socket

    _LOG = os.environ["BTSDESK_NETWORK_LOG"]
    _INTERNET = (-1, socket.AF_INET, socket.AF_INET6)  # -1: socket()'s default, AF_INET


    def _refuse(what):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(what + "\\n")
        raise OSError("réseau interdit pendant le test : " + what)


    class _GuardedSocket(socket.socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family in _INTERNET:
                _refuse(f"socket(family={family})")
            super().__init__(family, type, proto, fileno)


    def _lookup(name):
        def refused(host, *args, **kwargs):
            _refuse(f"{name}({host!r})")
        return refused


    socket.socket = _GuardedSocket
    socket.SocketType = _GuardedSocket
    for _name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
                  "gethostbyname_ex", "gethostbyaddr", "getnameinfo"):
        setattr(socket, _name, _lookup(_name))
""")


@pytest.fixture
def guarded_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose Python refuses the network, with the log of what was tried, a
    home of its own (the window's settings) and the offscreen platform."""
    folder = tmp_path / "guard"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    log.touch()
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH")
    }
    env.update(
        PYTHONPATH=str(folder),
        BTSDESK_NETWORK_LOG=str(log),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        TMPDIR=str(tmp_path),
        QT_QPA_PLATFORM="offscreen",
    )
    return env, log


def _run(
    args: list[str], env: dict[str, str], prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@contextlib.contextmanager
def _blocked() -> Iterator[None]:
    """pytest-socket's refusal: its warning (an error in this suite: filterwarnings) and its
    exception."""
    with pytest.warns(UserWarning, match="tried to use socket"), pytest.raises(SocketBlockedError):
        yield


def test_the_suite_runs_with_every_socket_blocked():
    for family in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX):
        with _blocked():
            socket.socket(family, socket.SOCK_STREAM)


def test_the_guard_refuses_and_notes_a_connection(guarded_env):
    env, log = guarded_env
    done = _run(["-c", "import socket; socket.create_connection(('192.0.2.1', 80), 1)"], env)
    assert done.returncode != 0
    assert "réseau interdit pendant le test" in done.stderr
    assert "create_connection" in log.read_text(encoding="utf-8")
    done = _run(["-c", "import socket; socket.socket()"], env)
    assert done.returncode != 0
    assert "socket(family=-1)" in log.read_text(encoding="utf-8")


def test_the_program_works_without_network(guarded_env, tmp_path):
    env, log = guarded_env
    done = _run(["-m", "btsdesk", "--self-test"], env)
    assert done.returncode == 0, done.stderr
    assert "Autotest réussi" in done.stdout

    painted = tmp_path / "first-paint.txt"
    done = _run(["-m", "btsdesk"], {**env, "BTSDESK_FIRST_PAINT_FILE": str(painted)})
    assert done.returncode == 0, done.stderr
    assert painted.exists()  # the main window was painted, then the program quit

    assert log.read_text(encoding="utf-8") == ""  # nothing even tried the network


def _network_namespace() -> tuple[str, ...] | None:
    unshare = shutil.which("unshare")
    if sys.platform != "linux" or unshare is None:
        return None
    try:
        probe = subprocess.run(
            [unshare, "--net", "true"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (unshare, "--net") if probe.returncode == 0 else None


def test_the_program_works_with_no_network_at_all(guarded_env, tmp_path):
    """Beyond Python: Qt's and every C library's sockets too, in a network namespace that
    has no interface up (Linux, where the user may create one, e.g. root)."""
    prefix = _network_namespace()
    if prefix is None:
        pytest.skip("unshare --net indisponible ici (Linux et droits root requis)")
    env, log = guarded_env
    done = _run(["-m", "btsdesk", "--self-test"], env, prefix)
    assert done.returncode == 0, done.stderr
    painted = tmp_path / "first-paint.txt"
    done = _run(["-m", "btsdesk"], {**env, "BTSDESK_FIRST_PAINT_FILE": str(painted)}, prefix)
    assert done.returncode == 0, done.stderr
    assert painted.exists()
    assert log.read_text(encoding="utf-8") == ""


def test_the_main_window_starts_and_works_in_process_with_sockets_blocked(tmp_path, qtbot):
    from PySide6.QtCore import QEvent, QObject, QSettings

    from btsdesk.app import documents as jury_documents
    from btsdesk.app.demo import create_demo_file
    from btsdesk.gui.main_window import MainWindow
    from btsdesk.store.session import SessionStore

    with _blocked():
        socket.socket()

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    store = SessionStore.open(create_demo_file(tmp_path / "demo.btsdesk"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings=settings, ask_reason=lambda _question: None)
    qtbot.addWidget(window)
    paints = Paints()
    window.installEventFilter(paints)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: Paints.count > 0)

    for index in range(window.tabs.count()):  # every view shows
        window.tabs.setCurrentIndex(index)
        qtbot.wait(1)
    assert len(window.hub.service.results) == 40
    produced = jury_documents.produce(window.hub.service, "pv_premier_groupe")
    assert produced.data.startswith(b"%PDF")
    assert produced.pages >= 1
    assert "PySide6.QtNetwork" not in sys.modules  # Qt's network module is never loaded
    window.removeEventFilter(paints)
    window.close()
    store.close()
