"""`btsdesk import`: a Cyclades list, then a grade sheet with a refused cell, then fixed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from btsdesk.cli import main
from btsdesk.store.session import SessionStore

CYCLADES = Path(__file__).parent.parent / "data" / "imports" / "cyclades-liste-simple.csv"


def test_import_a_candidate_list_then_grades(tmp_path, capsys):
    session = tmp_path / "jury.btsdesk"
    assert main(["new", str(session), "--reglement", "mco-2018", "--regime", "2022",
                 "--year", "2026", "--operator", "Mme Durand"]) == 0
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
    out = capsys.readouterr().out
    assert "ligne 2, colonne « E3 »" in out and "rien n'a été écrit" in out
    assert hashlib.sha256(session.read_bytes()).hexdigest() == before
    sheet.write_text("N° candidat;E1;E3\n2011557741;12,5;ABJ\n", encoding="cp1252")
    assert main(["import", str(session), str(sheet)]) == 0
    with SessionStore.open(session, backup=False) as store:
        assert store.grades()["2011557741"]["E1"] == 1250
