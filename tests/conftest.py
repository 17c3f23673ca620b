"""Shared test set-up. Qt runs offscreen unless a display is explicitly chosen: without a
display and without the offscreen platform the interpreter aborts (machine.md)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worked_example_path() -> Path:
    return ROOT / "tests" / "data" / "worked_example.json"


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch):
    """btsdesk keeps the audit log's head of each session it closes in the user's data
    folder (issue 13): every test gets its own, never the real one."""
    monkeypatch.delenv("BTSDESK_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("donnees")))


@pytest.fixture
def read_only_medium(monkeypatch):
    """``read_only_medium("cle")``: files created under any path naming ``cle`` are refused
    as on a read-only medium (EROFS); made by hand, since root ignores chmod."""
    import errno

    def make(marker: str) -> None:
        real_open = os.open

        def refuse(path, flags, *args, **kwargs):
            if marker in str(path) and flags & os.O_CREAT:
                raise OSError(errno.EROFS, "Read-only file system", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)

    return make


@pytest.fixture(scope="session")
def cups_sandbox():
    """A private cupsd with a cups-pdf queue (tests/cups_sandbox.py), started once for the
    whole run (it takes a second or two); skipped, saying why, only where cupsd cannot
    start."""
    from tests import cups_sandbox

    try:
        sandbox = cups_sandbox.start()
    except cups_sandbox.SandboxUnavailable as exc:
        pytest.skip(f"pas de CUPS privé pour ce test : {exc}")
    yield sandbox
    sandbox.stop()


@pytest.fixture
def cups_queue(cups_sandbox):
    """The private CUPS as the system's printing for this test (CUPS_SERVER): `lp` and Qt's
    print dialog see its one cups-pdf queue. The PDFium fallback is not forced."""
    from tests.cups_sandbox import forget_cached_server

    saved = {name: os.environ.get(name) for name in ("CUPS_SERVER", "BTSDESK_IMPRESSION")}
    os.environ["CUPS_SERVER"] = str(cups_sandbox.socket)
    os.environ.pop("BTSDESK_IMPRESSION", None)
    forget_cached_server()
    yield cups_sandbox
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    forget_cached_server()
