"""``btsdesk new COPIE.btsdesk --depuis EXPORT.json --operator NOM``: the recreated
session's new log is by whoever recreated it, and so is its header (the log's default
operator, as for ``new`` without --depuis); without --operator, the export's."""

from __future__ import annotations

from pathlib import Path

from btsdesk.cli import main
from btsdesk.store.session import SessionStore
from tests.cli.test_day import _session


def _exported(tmp_path: Path, capsys) -> Path:
    cli = _session(tmp_path, "2022", capsys)  # made by « Mme Durand »
    cli.ok("jury", "ajouter", "Mme Perrin", "--qualite", "enseignant", "--president")
    cli.ok("phase", "deliberation")
    export = tmp_path / "session.json"
    cli.ok("export", str(export))
    return export


def test_new_depuis_takes_the_operator_who_recreates_it(tmp_path: Path, capsys) -> None:
    export = _exported(tmp_path, capsys)
    copy = tmp_path / "copie.btsdesk"
    assert main(["new", str(copy), "--depuis", str(export), "--operator", "M. Roux"]) == 0
    assert capsys.readouterr().err == ""
    with SessionStore.open(copy, read_only=True) as store:
        log = store.audit_log()
        assert store.details().operator == "M. Roux"
        assert store.details().phase == "deliberation"
    assert len(log) > 1
    assert {entry.operator for entry in log} == {"M. Roux"}
    with SessionStore.open(copy) as store:  # the next opening without --operator: M. Roux
        assert store.operator == "M. Roux"


def test_new_depuis_without_operator_keeps_the_exports(tmp_path: Path, capsys) -> None:
    export = _exported(tmp_path, capsys)
    copy = tmp_path / "copie.btsdesk"
    assert main(["new", str(copy), "--depuis", str(export)]) == 0
    with SessionStore.open(copy, read_only=True) as store:
        assert store.details().operator == "Mme Durand"
        assert {entry.operator for entry in store.audit_log()} == {"Mme Durand"}


def test_new_depuis_refuses_an_empty_operator(tmp_path: Path, capsys) -> None:
    export = _exported(tmp_path, capsys)
    copy = tmp_path / "copie.btsdesk"
    assert main(["new", str(copy), "--depuis", str(export), "--operator", "  "]) == 2
    assert "opérateur" in capsys.readouterr().err
    assert not copy.exists()
    plain = ["--reglement", "mco-2018", "--regime", "2022", "--year", "2026"]
    assert main(["new", str(copy), *plain, "--operator", ""]) == 2
    assert capsys.readouterr().err == (
        "btsdesk : --operator : nom de l'opérateur manquant (il signe le journal)\n"
    )
    assert not copy.exists()
