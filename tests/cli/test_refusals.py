"""Issue 12: every refusal of every command is exit 2 with one French line on stderr, said
once, no traceback, nothing written (no ``.partiel`` left); ``import --feuille`` names the
sheet of a workbook; ``import --preview`` of a refused file is refused too."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from btsdesk.cli import main
from btsdesk.store.session import SessionStore
from tests.cli.support import CYCLADES, Cli


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "jury.btsdesk"
    args = ["new", str(path), "--reglement", "mco-2018", "--regime", "2022"]
    assert main([*args, "--year", "2026", "--operator", "Mme Durand"]) == 0
    assert main(["import", str(path), str(CYCLADES)]) == 0
    return path


@pytest.fixture
def cli(session: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(session, capsys)


def two_sheets(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "TMA"
    book.active.append(["N° candidat", "E1"])
    book.active.append(["2011557741", 12])
    other = book.create_sheet("TMB")
    other.append(["N° candidat", "E1"])
    other.append(["2113557743", 15])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "notes.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def test_a_workbook_with_two_sheets_needs_feuille(cli: Cli, tmp_path: Path) -> None:
    source = two_sheets(tmp_path)
    line = cli.refused("import", str(source))
    assert "plusieurs feuilles remplies (« TMA », « TMB »)" in line
    assert "--feuille NOM" in line
    assert cli.refused("import", str(source), "--preview").endswith("--feuille NOM)")
    assert cli.ok("import", str(source), "--feuille", "TMB") == "notes.xlsx : 1 note importée"
    with SessionStore.open(cli.session, read_only=True) as store:
        grades = store.grades()
    assert grades["2113557743"]["E1"] == 1500
    assert "E1" not in grades.get("2011557741", {})


def test_import_preview_of_a_refused_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "notes.csv"
    sheet.write_text('N° candidat;E1\n2011557741;"12\n2113557743;13\n', encoding="utf-8")
    line = cli.refused("import", str(sheet), "--preview")
    assert line.startswith("btsdesk : notes.csv : import refusé, rien n'a été modifié")
    assert "ligne 2 : guillemet" in line
    assert cli.refused("import", str(sheet)) == line


def test_classe_import_refusal_is_one_line_on_stderr(tmp_path, capsys) -> None:
    klass = tmp_path / "classe.btsdesk-classe"
    args = ["classe-nouvelle", str(klass), "--annee", "2025", "--etablissement", "Lycée"]
    assert main([*args, "--division", "1MCO", "--specialite", "MCO", "--operateur", "M"]) == 0
    source = tmp_path / "liste.csv"
    source.write_text('N°;Nom;Prénom\n1;MARTIN;Léa\n2;"DURAND;Paul\n3;PETIT;Jean\n')
    capsys.readouterr()
    assert main(["classe-import", str(klass), str(source)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "ligne 3 : guillemet" in err


def zeros_list(tmp_path: Path, *, lost: bool) -> Path:
    """The sample list with every number starting « 00 »; ``lost``: as a spreadsheet saves
    it, the zeros gone (every number then 8 digits: nothing in the file says it)."""
    lines = CYCLADES.read_text(encoding="utf-8").splitlines()
    for index in range(9, len(lines)):
        cells = lines[index].split(";")
        cells[1] = "00" + cells[1][2:]
        if lost:
            cells[1] = cells[1].lstrip("0")
        lines[index] = ";".join(cells)
    path = tmp_path / ("liste-tableur.csv" if lost else "liste.csv")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def empty_session(tmp_path: Path) -> Path:
    path = tmp_path / "vide.btsdesk"
    args = ["new", str(path), "--reglement", "mco-2018", "--regime", "2022"]
    assert main([*args, "--year", "2026", "--operator", "Mme Durand"]) == 0
    return path


def test_a_list_without_its_zeros_then_the_original_never_duplicates(
    empty_session: Path, tmp_path: Path, capsys
) -> None:
    cli = Cli(empty_session, capsys)
    assert cli.ok("import", str(zeros_list(tmp_path, lost=False))).endswith(
        "16 candidats ajoutés, 0 mis à jour"
    )
    # The same list through a spreadsheet: matched to the session's numbers, zeros restored.
    assert cli.ok("import", str(zeros_list(tmp_path, lost=True))).endswith(
        "0 candidat ajouté, 0 mis à jour"
    )
    with SessionStore.open(empty_session, read_only=True) as store:
        assert len(store.candidates()) == 16


def test_the_original_after_a_list_without_zeros_is_refused_not_doubled(
    empty_session: Path, tmp_path: Path, capsys
) -> None:
    cli = Cli(empty_session, capsys)
    cli.ok("import", str(zeros_list(tmp_path, lost=True)))
    line = cli.refused("import", str(zeros_list(tmp_path, lost=False)))
    assert "déjà dans la session sous le numéro" in line
    assert "zéros de tête" in line
    with SessionStore.open(empty_session, read_only=True) as store:
        assert len(store.candidates()) == 16
