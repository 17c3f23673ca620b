"""One write gate (btsdesk.app.gate): whatever the path — a typed grade, a grade sheet, a JSON
exchange file, a restored backup — a candidate put DIS on every obligatory line is refused
with a French message (R2) and the session file stays byte for byte as it was. (The window's
path and the command line's are tested in tests/gui and tests/cli.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from btsdesk.app.exchange_import import import_exchange
from btsdesk.app.imports import apply_preview, preview_file
from btsdesk.app.session import JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Code
from btsdesk.core.records import GradeChange
from btsdesk.io.problems import ImportRefused
from btsdesk.store import backups
from btsdesk.store.session import SessionStore
from tests.store.conftest import digest, make_session

OBLIGATORY = ("E1", "E21", "E22", "E3", "E41", "E42", "E5", "E6")


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    path = tmp_path / "jury.btsdesk"
    make_session(path).close()
    return path


def test_a_typed_change_putting_dis_everywhere_is_refused_r2(session_path: Path):
    before = digest(session_path)
    with (
        JurySession.open(session_path, backup=False) as session,
        pytest.raises(InvalidInput, match=r"candidat 0001.*dispensé \(DIS\).*R2"),
    ):
        session.set_grades([GradeChange("0001", line, Code.DIS) for line in OBLIGATORY])
    assert digest(session_path) == before


def test_a_grade_sheet_putting_dis_everywhere_is_refused_r2(session_path: Path, tmp_path: Path):
    sheet = tmp_path / "notes.csv"
    sheet.write_text(
        "N° candidat;Nom;" + ";".join(OBLIGATORY) + "\n"
        "0001;MARTIN;" + ";".join(["DIS"] * len(OBLIGATORY)) + "\n",
        encoding="utf-8",
    )
    before = digest(session_path)
    with SessionStore.open(session_path, backup=False) as store:
        preview = preview_file(store, sheet)
        with pytest.raises(ImportRefused, match=r"candidat 0001.*\(R2\)") as refused:
            apply_preview(store, preview, sheet.name)
        assert str(refused.value).startswith("import refusé, rien n'a été modifié")
    assert digest(session_path) == before


def test_a_json_exchange_file_putting_dis_everywhere_is_refused_r2(
    session_path: Path, tmp_path: Path
):
    with SessionStore.open(session_path, backup=False) as store:
        exchange = {
            "regime": "2022",
            "specialty": store.reglement_data(),
            "candidates": [{"number": "0001", "grades": dict.fromkeys(OBLIGATORY, "DIS")}],
        }
    source = tmp_path / "session.json"
    source.write_text(json.dumps(exchange), encoding="utf-8")
    before = digest(session_path)
    with (
        SessionStore.open(session_path, backup=False) as store,
        pytest.raises(InvalidInput, match=r"candidat 0001.*\(R2\)"),
    ):
        import_exchange(store, source)
    assert digest(session_path) == before


def test_a_backup_holding_dis_everywhere_is_not_restored_r2(session_path: Path):
    # A backup written by an older btsdesk that let it through: forged here below the gate.
    with SessionStore.open(session_path, backup=False) as store:
        store.apply_grades(
            [GradeChange("0001", line, Code.DIS) for line in OBLIGATORY], origin="saisie"
        )
        bad = backups.take_backup(store.conn, session_path, "essai")
        store.apply_grades(
            [GradeChange("0001", line, None) for line in OBLIGATORY], origin="saisie"
        )
    before = digest(session_path)
    with JurySession.open(session_path, backup=False) as session:
        with pytest.raises(InvalidInput, match=r"candidat 0001.*\(R2\)"):
            session.restore(bad)
        assert session.store.grades() == {}
    assert digest(session_path) == before
