"""Honest messages (issue 13, item 3): a full disk, a read-only medium, a permission denied
are said in French (which, and what to do), the command line exits 2 without a traceback,
and the last saved state is intact. ``verify`` never writes, and a read-only medium still
verifies, exports, previews imports and produces documents.

The full disk and the read-only medium are real: a small tmpfs this test mounts (root
only; skipped with the reason otherwise)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from btsdesk.app.session import JurySession
from btsdesk.cli import main
from btsdesk.core.records import GradeChange
from btsdesk.store.backups import backup_dir
from btsdesk.store.errors import DiskFull, PermissionDenied
from btsdesk.store.session import SessionStore
from tests.cli.support import CYCLADES
from tests.store.conftest import digest, make_session


@contextlib.contextmanager
def _mounted(folder: Path, size: str) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("monter un petit système de fichiers demande d'être root")
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"mount tmpfs impossible ici : {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    """Fill the disk to the last byte."""
    filler = folder / "remplissage"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(descriptor, b"\0" * size)
    finally:
        os.close(descriptor)
    return filler


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    with _mounted(tmp_path / "disque", "3m") as folder:
        yield folder


def _grades(path: Path) -> dict[str, dict[str, object]]:
    with SessionStore.open(path, backup=False) as store:
        assert store.verify() == []
        return store.grades()


def test_disk_full_on_the_command_line_is_one_french_line_and_the_file_intact(small_disk, capsys):
    path = small_disk / "jury.btsdesk"
    make_session(path).close()
    before = digest(path)
    _fill(small_disk)
    code = main(["note", str(path), "0001", "E1", "12"])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert err.startswith("btsdesk : ")
    assert len(err.splitlines()) == 1
    assert "disque est plein" in err
    assert "libérez de la place" in err
    assert "Traceback" not in err
    assert digest(path) == before
    assert not list(backup_dir(path).glob("*.partiel"))


def test_disk_full_while_saving_a_grade_refuses_it_and_keeps_the_rest(small_disk):
    path = small_disk / "jury.btsdesk"
    make_session(path).close()
    session = JurySession.open(path, backup=False)
    try:
        session.set_grades([GradeChange("0001", "E1", 1200)])
        filler = _fill(small_disk)
        many = [
            GradeChange(number, line.code, 1000 + i)
            for i, line in enumerate(session.specialty.lines)
            for number in ("0001", "0002")
        ]
        with pytest.raises(DiskFull, match=r"disque est plein.*intact"):
            session.set_grades(many)
        filler.unlink()
        session.set_grades([GradeChange("0002", "E3", 900)])  # room again: saving resumes
    finally:
        session.close()
    assert _grades(path) == {"0001": {"E1": 1200}, "0002": {"E3": 900}}


def test_disk_full_when_exporting_leaves_no_partial_file(small_disk, tmp_path, capsys):
    path = tmp_path / "jury.btsdesk"
    make_session(path).close()
    _fill(small_disk)
    assert main(["export", str(path), str(small_disk / "r.json")]) == 2
    err = capsys.readouterr().err
    assert "disque est plein" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in small_disk.iterdir()) == ["remplissage"]


def test_a_read_only_medium_refuses_changes_but_reads(tmp_path, capsys):
    with _mounted(tmp_path / "cle", "3m") as medium:
        path = medium / "jury.btsdesk"
        store = make_session(path)
        store.set_grade("0001", "E1", 1500)
        store.close()
        subprocess.run(["mount", "-o", "remount,ro", str(medium)], check=True)
        before = digest(path)
        assert main(["note", str(path), "0001", "E1", "12"]) == 2
        err = capsys.readouterr().err
        assert "lecture seule" in err
        assert "Copiez-le" in err
        assert "Traceback" not in err
        assert main(["verify", str(path)]) == 0
        assert "fichier intact" in capsys.readouterr().out
        assert main(["export", str(path), str(tmp_path / "r.csv")]) == 0
        assert main(["import", str(path), str(CYCLADES), "--preview"]) == 0
        capsys.readouterr()
        assert main(["pv", str(path), "--out", str(tmp_path / "pv.pdf")]) == 0
        out = capsys.readouterr().out
        assert "production non notée" in out
        assert (tmp_path / "pv.pdf").exists()
        assert main(["pv", str(path)]) == 2  # beside the session: on the read-only medium
        assert "lecture seule" in capsys.readouterr().err
        assert digest(path) == before
        with SessionStore.open(path, read_only=True) as reader:
            assert reader.grades() == {"0001": {"E1": 1500}}


def test_permission_denied_is_said(session_path, monkeypatch, capsys):
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode, **kw)
    )
    with pytest.raises(PermissionDenied, match="permission refusée"):
        SessionStore.open(session_path)
    assert main(["note", str(session_path), "0001", "E1", "12"]) == 2
    assert "permission refusée" in capsys.readouterr().err


def test_verify_never_writes_not_even_a_pending_write_ahead_log(tmp_path, capsys):
    """A crash leaves grades in the -wal only: verify reads them and leaves both files as
    they are (no merge, no -shm)."""
    live = tmp_path / "live"
    live.mkdir()
    store = make_session(live / "jury.btsdesk")
    store.set_grade("0001", "E1", 1700)
    crashed = tmp_path / "crash"
    crashed.mkdir()
    for name in ("jury.btsdesk", "jury.btsdesk-wal"):  # as a kill would leave them
        shutil.copyfile(live / name, crashed / name)
    store.close()
    path = crashed / "jury.btsdesk"
    wal = crashed / "jury.btsdesk-wal"
    assert wal.stat().st_size > 0
    before = {p.name: digest(p) for p in crashed.iterdir()}
    assert main(["verify", str(path)]) == 0
    assert "fichier intact" in capsys.readouterr().out
    assert main(["export", str(path), str(tmp_path / "r.json")]) == 0
    assert {p.name: digest(p) for p in crashed.iterdir()} == before
    assert '"E1": "17' in (tmp_path / "r.json").read_text(encoding="utf-8")


def test_disk_full_when_creating_a_session_leaves_nothing(small_disk, capsys):
    _fill(small_disk)
    target = small_disk / "nouvelle.btsdesk"
    code = main(
        [
            "new",
            str(target),
            "--reglement",
            "mco-2018",
            "--regime",
            "2022",
            "--year",
            "2026",
            "--operator",
            "Mme Durand",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2, err
    assert "disque est plein" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in small_disk.iterdir()) == ["remplissage"]
