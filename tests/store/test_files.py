"""Durable, owner-only files (issue 13, items 2 and 4): every export, PDF, backup and
template is written under a temporary name, synced, renamed, its folder synced; created 0600
whatever the umask; a document's production is recorded only once its file is on disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from btsdesk.app import documents
from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import JurySession
from btsdesk.app.templates import save_template
from btsdesk.cli import main
from btsdesk.store import backups, files
from btsdesk.store.errors import StorageError
from btsdesk.store.session import SessionStore


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_write_durably_syncs_the_file_then_renames_then_syncs_the_folder(
    tmp_path, monkeypatch, loose_umask
):
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        kind = "dossier" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "fichier"
        calls.append(f"fsync {kind}")
        real_fsync(descriptor)

    def replace(source: object, target: object) -> None:
        calls.append("rename")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "export.csv"
    target.write_bytes(b"old")
    files.write_durably(target, b"new")
    assert calls == ["fsync fichier", "rename", "fsync dossier"]
    assert target.read_bytes() == b"new"
    assert _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_a_failed_write_leaves_nothing_and_says_so_in_french(tmp_path, monkeypatch):
    target = tmp_path / "export.csv"
    target.write_bytes(b"previous")

    def full(descriptor: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StorageError, match="disque est plein"):
        files.write_durably(target, b"new")
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_exports_pdfs_backups_templates_and_images_are_owner_only(tmp_path, capsys, loose_umask):
    session = create_demo_file(tmp_path / "jury.btsdesk")
    for out in ("r.csv", "r.xlsx", "r.json"):
        assert main(["export", str(session), str(tmp_path / out)]) == 0
        assert _mode(tmp_path / out) == 0o600, out
    assert main(["pv", str(session), "--out", str(tmp_path / "pv.pdf")]) == 0
    assert _mode(tmp_path / "pv.pdf") == 0o600
    with SessionStore.open(session) as store:  # an opening backup
        save_template(store, tmp_path / "modele.json")
        store.set_image("signature", b"\x89PNG fake signature")
        image = documents._image_file(store, "signature")
    assert _mode(tmp_path / "modele.json") == 0o600
    for backup in backups.list_backups(session):
        assert _mode(backup.path) == 0o600
    assert _mode(backups.backup_dir(session)) == 0o700
    assert image is not None
    assert _mode(image) == 0o600
    assert _mode(image.parent) == 0o700  # a private folder, not a shared one
    assert not list(tmp_path.glob("*.partiel"))


def test_a_document_is_recorded_only_once_its_file_is_written(tmp_path, capsys):
    session = create_demo_file(tmp_path / "jury.btsdesk")
    missing = tmp_path / "absent" / "pv.pdf"  # a folder that does not exist
    assert main(["pv", str(session), "--out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("btsdesk : ")
    assert "Traceback" not in err
    with SessionStore.open(session, read_only=True) as store:
        assert store.documents() == []
        assert not [e for e in store.audit_log() if e.action == "document"]
    assert main(["pv", str(session), "--out", str(tmp_path / "pv.pdf")]) == 0
    with SessionStore.open(session, read_only=True) as store:
        recorded = store.documents()
    assert [d["kind"] for d in recorded] == ["pv_premier_groupe"]
    assert recorded[0]["path"] == str(tmp_path / "pv.pdf")


def test_save_writes_before_recording(tmp_path, monkeypatch):
    session_path = create_demo_file(tmp_path / "jury.btsdesk")
    order: list[str] = []
    real_write = documents.write_durably

    def write(path: Path, data: bytes, mode: int = 0o600) -> Path:
        order.append("écrit")
        return real_write(path, data, mode)

    monkeypatch.setattr(documents, "write_durably", write)
    with JurySession.open(session_path, backup=False) as session:
        real_record = session.store.record_document

        def record(*args: object, **kwargs: object) -> str:
            order.append("noté")
            return real_record(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(session.store, "record_document", record)
        documents.save(session, "pv_premier_groupe", tmp_path / "pv.pdf")
    assert order == ["écrit", "noté"]


def test_phase_change_backups_are_pruned_like_opening_ones(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        for _ in range(backups.KEEP_PHASE_CHANGES // 2 + 3):
            store.set_phase("deliberation")
            store.set_phase("saisie", reason="retour")
    found = backups.list_backups(session_path)
    phases = [b for b in found if backups.is_phase_change(b.reason)]
    assert len(phases) == backups.KEEP_PHASE_CHANGES
    assert not [b for b in found if b.reason == backups.OPENING]


def test_one_off_backups_are_not_phase_changes():
    assert backups.is_phase_change("avant délibération")
    assert backups.is_phase_change("avant saisie des notes")
    assert not backups.is_phase_change("avant restauration")
    assert not backups.is_phase_change("avant mise à jour du schéma 5")


def test_a_name_too_long_or_a_file_taken_for_a_folder_is_said_in_french(tmp_path):
    with pytest.raises(StorageError, match="nom de fichier trop long") as too_long:
        files.write_durably(tmp_path / ("x" * 300 + ".pdf"), b"data")
    assert "File name" not in str(too_long.value)
    (tmp_path / "notes.csv").write_bytes(b"a file")
    with pytest.raises(StorageError, match="n'est pas un dossier"):
        files.write_durably(tmp_path / "notes.csv" / "export.pdf", b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.csv"]
