"""`btsdesk import`: a Cyclades list, then a grade sheet with a refused cell, then fixed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from btsdesk.cli import main
from btsdesk.store.session import SessionStore

CYCLADES = Path(__file__).parent.parent / "data" / "imports" / "cyclades-liste-simple.csv"


def _new_session(tmp_path):
    session = tmp_path / "jury.btsdesk"
    new = ["new", str(session), "--reglement", "mco-2018", "--regime", "2022"]
    assert main([*new, "--year", "2026", "--operator", "Mme Durand"]) == 0
    return session


def test_import_a_candidate_list_then_grades(tmp_path, capsys):
    session = _new_session(tmp_path)
    assert main(["import", str(session), str(CYCLADES), "--preview"]) == 0
    assert "16 candidat(s) à importer" in capsys.readouterr().out
    with SessionStore.open(session, backup=False) as store:
        assert store.candidates() == []  # a preview writes nothing
    assert main(["import", str(session), str(CYCLADES)]) == 0
    assert "16 candidats ajoutés" in capsys.readouterr().out

    sheet = tmp_path / "notes.csv"
    sheet.write_text("N° candidat;E1;E3\n2011557741;12,5;21\n", encoding="cp1252")
    before = hashlib.sha256(session.read_bytes()).hexdigest()
    assert main(["import", str(session), str(sheet)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "btsdesk : notes.csv : import refusé, rien n'a été modifié (1 problème) ; ligne 2, "
        "colonne « E3 » (C) : note « 21 » supérieure à 20\n"
    )
    assert hashlib.sha256(session.read_bytes()).hexdigest() == before
    sheet.write_text("N° candidat;E1;E3\n2011557741;12,5;ABJ\n", encoding="cp1252")
    assert main(["import", str(session), str(sheet)]) == 0
    assert capsys.readouterr().out == "notes.csv : 2 notes importées\n"
    with SessionStore.open(session, backup=False) as store:
        assert store.grades()["2011557741"]["E1"] == 1250


def test_grades_imported_in_deliberation_need_a_reason_r21(tmp_path, capsys):
    session = _new_session(tmp_path)
    assert main(["import", str(session), str(CYCLADES)]) == 0
    assert main(["phase", str(session), "deliberation"]) == 0
    sheet = tmp_path / "notes.csv"
    sheet.write_text("N° candidat;E1\n2011557741;12,5\n", encoding="utf-8")
    capsys.readouterr()
    before = hashlib.sha256(session.read_bytes()).hexdigest()
    assert main(["import", str(session), str(sheet)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "exige un motif (R21)" in err
    assert hashlib.sha256(session.read_bytes()).hexdigest() == before
    assert main(["import", str(session), str(sheet), "--motif", "relevé du centre"]) == 0
    with SessionStore.open(session, read_only=True) as store:
        assert store.history("2011557741", "E1")[-1].reason == "relevé du centre"
