"""`btsdesk verify FICHIER --tete H | --pv PV.pdf` (§5, issue 11): the head printed on the
signed final PV against the file's log: it ends there, or extends it (the entries added since
are listed), or it was rewritten (exit 1) — the last even on another computer, where the head
kept at closing is not there, after an edit made with plain sqlite3 and hashlib."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from btsdesk.app import documents
from btsdesk.app.session import JurySession
from btsdesk.app.signed import head_of_pv
from btsdesk.cli import main
from tests.app.played import to_the_end
from tests.forgery import rechain


@pytest.fixture
def signed(tmp_path) -> tuple[Path, Path, str]:
    """A session played to the end and closed; its final PV written: (file, PV, head)."""
    path = tmp_path / "jury.btsdesk"
    pv = tmp_path / "pv.pdf"
    with to_the_end(path, "2022") as session:
        _last, head = session.store.audit_head()
        documents.save(session, "pv_final", pv, issued_on=date(2026, 7, 8))
    return path, pv, head


def _run(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["verify", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_log_ends_at_what_was_signed(signed, capsys):
    path, pv, head = signed
    number, digest = head_of_pv(pv.read_bytes())
    assert digest == head
    with JurySession.open(path, read_only=True) as session:
        # the PV prints the head of the log as it was when the PV was made
        assert session.store.audit_log()[number - 1].hash == head
    code, out = _run(capsys, str(path), "--pv", str(pv))
    assert code == 0, out
    assert f"s'arrête à ce qui a été signé : entrée n° {number}" in out
    assert "seulement la production de 1 document(s)" in out  # the PV's own production
    code, out = _run(capsys, str(path), "--tete", head.upper())
    assert code == 0, out
    assert "s'arrête à ce qui a été signé" in out


def test_the_log_extends_what_was_signed(signed, capsys):
    path, _pv, head = signed
    with JurySession.open(path, operator="Mme Morel", backup=False) as session:
        session.set_phase("deliberation", reason="erreur de report signalée")
    code, out = _run(capsys, str(path), "--tete", head)
    assert code == 0, out
    assert "prolonge ce qui a été signé" in out
    assert "2 entrée(s) ajoutée(s) depuis" in out  # the PV's production, then the phase
    assert "document document/pv_final" in out
    assert "erreur de report signalée" in out


def _rewrite(path: Path) -> None:
    """An earlier grade changed in the data and in the log, the chain recomputed: what an
    editor with the file, sqlite3 and hashlib would do."""
    conn = sqlite3.connect(path)
    number, line = "02620000002", "E1"
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute(
        "UPDATE audit_log SET new = '19,00 [import démonstration]' WHERE subject = ?",
        (f"{number}/{line}",),
    )
    conn.execute(
        "UPDATE grades SET cents = 1900 WHERE number = ? AND line_code = ?", (number, line)
    )
    conn.commit()
    conn.close()
    rechain(path)


def test_a_log_rewritten_after_the_signature_is_found(signed, capsys, tmp_path, monkeypatch):
    path, pv, head = signed
    _rewrite(path)
    # On another computer the head kept at closing is not there: plain verify sees nothing.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "autre-ordinateur"))
    code, out = _run(capsys, str(path))
    assert code == 0, out
    # The signed paper tells.
    for args in (("--pv", str(pv)), ("--tete", head)):
        code, out = _run(capsys, str(path), *args)
        assert code == 1, out
        assert "ALTÉRÉ" in out
        assert "le journal a été réécrit depuis la signature" in out


def test_a_malformed_head_or_a_pv_without_one_is_refused(signed, capsys, tmp_path):
    path, _pv, _head = signed
    code, out = _run(capsys, str(path), "--tete", "abc")
    assert code == 2
    assert "64 caractères hexadécimaux" in out
    draft = tmp_path / "projet.pdf"
    with JurySession.open(path, read_only=True) as session:
        documents.save(session, "convocations", draft, record_it=False)
    code, out = _run(capsys, str(path), "--pv", str(draft))
    assert code == 2
    assert "n'imprime pas d'empreinte" in out
