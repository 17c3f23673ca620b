"""A whole-session JSON imported back in délibération (R21): one whose grades are the
session's changes nothing, so asks no reason, writes and logs nothing; one that changes a
grade still needs ``--motif``, which goes into the log."""

from __future__ import annotations

import json
from pathlib import Path

from btsdesk.store.session import SessionStore
from tests.cli.support import Cli, backup_names, digest
from tests.cli.test_day import ALLARD, _session


def _deliberating(tmp_path: Path, capsys) -> Cli:
    cli = _session(tmp_path, "2022", capsys)
    cli.ok("jury", "ajouter", "Mme Perrin", "--qualite", "enseignant", "--president")
    cli.ok("phase", "deliberation")
    return cli


def _log_length(session: Path) -> int:
    with SessionStore.open(session, read_only=True) as store:
        return len(store.audit_log())


def test_a_json_with_the_sessions_grades_imports_in_deliberation_writing_nothing(
    tmp_path: Path, capsys
) -> None:
    cli = _deliberating(tmp_path, capsys)
    export = tmp_path / "session.json"
    cli.ok("export", str(export))
    before, kept, entries = digest(cli.session), backup_names(cli.session), _log_length(cli.session)
    assert cli.ok("import", str(export)) == (
        "0 candidat(s) ajouté(s), 0 mis à jour, 0 note(s) enregistrée(s)."
    )
    assert digest(cli.session) == before
    assert backup_names(cli.session) == kept  # nothing to write: not even a backup
    assert _log_length(cli.session) == entries


def test_a_json_that_changes_a_grade_in_deliberation_needs_a_reason_r21(
    tmp_path: Path, capsys
) -> None:
    cli = _deliberating(tmp_path, capsys)
    export = tmp_path / "session.json"
    cli.ok("export", str(export))
    data = json.loads(export.read_text(encoding="utf-8"))
    allard = next(p for p in data["candidates"] if p["number"] == ALLARD)
    allard["grades"]["E1"] = 13  # 12 in the session
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "exige un motif (R21)" in cli.refused("import", str(export))
    assert cli.ok("import", str(export), "--motif", "relevé du centre") == (
        "0 candidat(s) ajouté(s), 0 mis à jour, 1 note(s) enregistrée(s)."
    )
    with SessionStore.open(cli.session, read_only=True) as store:
        assert store.grades()[ALLARD]["E1"] == 1300
        last = store.history(ALLARD, "E1")[-1]
    assert (last.old, last.new, last.reason) == (
        "12,00",
        "13,00 [import session.json]",
        "relevé du centre",
    )


def test_a_json_that_changes_an_identity_only_asks_no_reason(tmp_path: Path, capsys) -> None:
    cli = _deliberating(tmp_path, capsys)
    export = tmp_path / "session.json"
    cli.ok("export", str(export))
    data = json.loads(export.read_text(encoding="utf-8"))
    allard = next(p for p in data["candidates"] if p["number"] == ALLARD)
    allard["email"] = "victoire.allard@example.org"
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli.ok("import", str(export)) == (
        "0 candidat(s) ajouté(s), 1 mis à jour, 0 note(s) enregistrée(s)."
    )
    with SessionStore.open(cli.session, read_only=True) as store:
        assert store.candidate(ALLARD).email == "victoire.allard@example.org"
