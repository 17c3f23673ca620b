"""A refused command writes nothing, not even its opening backup (« bad input … nothing
written »); an accepted one leaves exactly one new opening backup, taken before its change."""

from __future__ import annotations

from pathlib import Path

from btsdesk.store.backups import OPENING, list_backups
from btsdesk.store.session import SessionStore
from tests.cli.support import Cli, backup_names, digest
from tests.cli.test_day import ALLARD, FOUQUET, LABBE, _session


def test_a_refused_note_import_choix_or_closing_leaves_no_backup(tmp_path: Path, capsys) -> None:
    cli = _session(tmp_path, "2022", capsys)
    kept = backup_names(cli.session)
    # Cli.refused checks the file byte-identical and the backups folder unchanged.
    assert "supérieure à 20" in cli.refused("note", ALLARD, "E1", "25")
    sheet = tmp_path / "notes.csv"
    sheet.write_text(f"N° candidat;E1\n{ALLARD};25\n", encoding="utf-8")
    cli.refused("import", str(sheet))
    assert "R10" in cli.refused("choix", LABBE, "E1", "E3")
    cli.ok("jury", "ajouter", "Mme Perrin", "--qualite", "enseignant", "--president")
    cli.ok("phase", "deliberation")
    kept = backup_names(cli.session)
    assert "clôture refusée (R24)" in cli.refused("phase", "clos")
    assert "motif (R21)" in cli.refused("note", FOUQUET, "E1", "12")
    assert backup_names(cli.session) == kept


def test_a_choice_refused_inside_its_transaction_leaves_no_backup(tmp_path: Path, capsys) -> None:
    """Withdrawing an oral that has a grade needs a reason (R21), found by the store in the
    middle of the change, after the session was opened for writing: rolled back, and the
    backup taken for it goes too."""
    cli = _session(tmp_path, "2022", capsys)
    cli.ok("jury", "ajouter", "Mme Perrin", "--qualite", "enseignant", "--president")
    cli.ok("phase", "deliberation")
    cli.ok("choix", FOUQUET, "E1", "E3")
    cli.ok("oral", FOUQUET, "E1", "12")
    kept = backup_names(cli.session)
    assert "motif (R21)" in cli.refused("choix", FOUQUET, "E2", "E3")
    assert backup_names(cli.session) == kept
    assert cli.ok("oral", FOUQUET, "E1", "13", "--motif", "erreur de report")
    assert backup_names(cli.session) != kept  # written: its opening backup stays


def test_an_accepted_note_takes_one_opening_backup_of_the_state_before_it(
    tmp_path: Path, capsys
) -> None:
    cli: Cli = _session(tmp_path, "2022", capsys)
    kept = backup_names(cli.session)
    before = digest(cli.session)
    cli.ok("note", ALLARD, "E1", "15")
    new = [b for b in list_backups(cli.session) if b.path.name not in (kept or [])]
    assert [b.reason for b in new] == [OPENING]
    assert digest(cli.session) != before
    with SessionStore.open(new[0].path, read_only=True) as copy:
        assert copy.grades_of(ALLARD).get("E1") != 1500  # the state before the note


def test_a_choice_that_withdraws_a_graded_oral_goes_through_with_a_reason(
    tmp_path: Path, capsys
) -> None:
    """R21 from the command line: the reason the refusal asks for can be given (--motif),
    and the new choice is then recorded."""
    cli = _session(tmp_path, "2022", capsys)
    cli.ok("jury", "ajouter", "Mme Perrin", "--qualite", "enseignant", "--president")
    cli.ok("phase", "deliberation")
    cli.ok("choix", FOUQUET, "E1", "E3")
    cli.ok("oral", FOUQUET, "E1", "12")
    assert "motif (R21)" in cli.refused("choix", FOUQUET, "E2", "E3")
    assert cli.ok("choix", FOUQUET, "E2", "E3", "--motif", "choix mal reporté")
    with SessionStore.open(cli.session, read_only=True) as store:
        assert set(store.orals()[FOUQUET]) == {"E2", "E3"}  # E1 and its grade withdrawn
