"""A lock that cannot be lost (issue 13, item 1): each second look at the open session from
the same process — opening it again, opening it as a class file, previewing it as an import,
importing it as an exchange JSON, using it as a template or an image, exporting onto it — is
refused by name without touching the file; and after each, another btsdesk process is still
refused and the first instance keeps saving."""

from __future__ import annotations

import os

import pytest

from btsdesk.app.exchange_import import import_exchange
from btsdesk.app.exports import write_export
from btsdesk.app.imports import preview_file
from btsdesk.app.templates import load_template
from btsdesk.store.class_file import ClassStore
from btsdesk.store.errors import SessionFileError, SessionLocked
from btsdesk.store.files import read_chosen
from btsdesk.store.locks import lock_path
from btsdesk.store.session import SessionStore
from tests.cli.support import CYCLADES, btsdesk


def _second_process_refused(path):
    done = btsdesk("import", str(path), str(CYCLADES))
    assert done.returncode == 2, done.stderr
    assert "déjà ouvert par un autre btsdesk" in done.stderr
    assert "Traceback" not in done.stderr


TRIGGERS = {
    "second open": lambda store: SessionStore.open(store.path),
    "second read-only open": lambda store: SessionStore.open(store.path, read_only=True),
    "opened as a class file": lambda store: ClassStore.open(store.path),
    "import preview of itself": lambda store: preview_file(store, store.path),
    "exchange import of itself": lambda store: import_exchange(store, store.path),
    "template from itself": lambda store: load_template(store.path),
    "image from itself": lambda store: read_chosen(store.path, "utiliser comme image"),
    "export onto itself": lambda store: write_export(store, store.path, "csv"),
}


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_a_second_look_is_refused_and_the_lock_holds(session_path, trigger):
    store = SessionStore.open(session_path, backup=False)
    try:
        with pytest.raises(SessionLocked, match="déjà ouvert"):
            TRIGGERS[trigger](store)
        # The first instance keeps the file: another btsdesk is refused ...
        _second_process_refused(session_path)
        # ... and it keeps saving.
        store.set_grade("0001", "E1", 1234)
    finally:
        store.close()
    with SessionStore.open(session_path, backup=False) as again:
        assert again.grades_of("0001") == {"E1": 1234}
        assert again.verify() == []


def test_even_a_raw_open_and_close_of_the_file_keeps_other_processes_out(session_path):
    """SQLite's POSIX locks are dropped by any close of the file in the process; the
    btsdesk lock is not."""
    store = SessionStore.open(session_path, backup=False)
    try:
        with open(session_path, "rb") as stream:  # what any careless reader would do
            stream.read(100)
        _second_process_refused(session_path)
        store.set_grade("0002", "E3", 800)
    finally:
        store.close()
    with SessionStore.open(session_path, backup=False) as again:
        assert again.grades_of("0002") == {"E3": 800}


def test_the_lock_file_is_private_and_goes_away_on_close(session_path):
    store = SessionStore.open(session_path, backup=False)
    lock = lock_path(session_path)
    assert lock.exists()
    assert os.stat(lock).st_mode & 0o777 == 0o600
    store.close()
    assert not lock.exists()
    # Read-only opens share the lock: two readers at once, no writer meanwhile.
    with SessionStore.open(session_path, read_only=True) as reader:
        done = btsdesk("verify", str(session_path))
        assert done.returncode == 0, done.stderr
        _second_process_refused(session_path)
        assert reader.verify() == []
    assert not lock.exists()


def test_a_store_dropped_without_close_releases_its_lock(session_path):
    import gc

    SessionStore.open(session_path, backup=False)
    gc.collect()
    with SessionStore.open(session_path, backup=False) as again:
        assert again.verify() == []


def test_the_refusal_says_what_was_asked(session_path):
    with (
        SessionStore.open(session_path, backup=False) as store,
        pytest.raises(SessionFileError, match="impossible de l'importer"),
    ):
        preview_file(store, store.path)
