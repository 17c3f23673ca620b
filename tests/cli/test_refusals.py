"""Issue 12: every refusal of every command is exit 2 with one French line on stderr, said
once, no traceback, nothing written (no ``.partiel`` left); ``import --feuille`` names the
sheet of a workbook; ``import --preview`` of a refused file is refused too."""

from __future__ import annotations

import io
import re
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
    assert "ligne 2, colonne « E1 » (B) : guillemet" in line
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
    assert "ligne 3, colonne « Nom » (B) : guillemet" in err


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


# -- every refusal: exit 2, one French line on stderr, nothing written -----------------------

WORKED = (Path(__file__).resolve().parents[1] / "data" / "worked_example.json").read_text(
    encoding="utf-8"
)
GRADE_E3 = '"E3": "7"'
assert GRADE_E3 in WORKED

# name → (file text, what the message must say)
BAD_JSON = {
    "imbrique": ("[" * 10_000 + "]" * 10_000, "JSON trop imbriqué"),
    "entier-5000-chiffres": (WORKED.replace(GRADE_E3, '"E3": ' + "7" * 5000), "5000 chiffres"),
    "exposant-enorme": (WORKED.replace(GRADE_E3, '"E3": 1e999999999'), "exposant"),
    "exposant-minuscule": (WORKED.replace(GRADE_E3, '"E3": 1e-999999999'), "exposant"),
    "surrogate": (WORKED.replace('"0123"', '"\\ud800"'), "moitié de paire UTF-16"),
    "nan": (WORKED.replace(GRADE_E3, '"E3": NaN'), "« NaN »"),
    "cle-en-double": (WORKED.replace(GRADE_E3, GRADE_E3 + ', "E3": "8"'), "« E3 » en double"),
}


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, out: str, err: str, *, saying: str) -> str:
    assert code == 2, (code, out, err)
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("btsdesk : ")
    assert saying in lines[0], lines[0]
    return lines[0]


def folder_state(folder: Path) -> dict[str, str]:
    """Every file of the folder and its bytes, less the opening backups a write verb
    takes before it reads anything (the command line's undo)."""
    return {
        str(p.relative_to(folder)): p.read_bytes().hex() if p.is_file() else "dossier"
        for p in sorted(folder.rglob("*"))
        if ".sauvegardes" not in str(p)
    }


@pytest.mark.parametrize("name", sorted(BAD_JSON))
@pytest.mark.parametrize("command", ["evaluate", "import"])
def test_bad_json_is_refused_in_one_line(command, name, session, tmp_path, capsys):
    text, saying = BAD_JSON[name]
    source = tmp_path / f"{name}.json"
    source.write_text(text, encoding="utf-8")
    before = folder_state(tmp_path)
    args = (
        ["evaluate", str(source)]
        if command == "evaluate"
        else ["import", str(session), str(source)]
    )
    line = assert_refused(*run(capsys, *args), saying=saying)
    if name not in ("imbrique",):
        assert re.search(r": ligne \d+, colonne \d+ : ", line)  # said where
    assert folder_state(tmp_path) == before


def test_nan_and_duplicate_keys_say_the_line(tmp_path, capsys):
    pretty = WORKED.replace(", ", ",\n")
    for name, replacement, saying in (
        ("nan", '"E3": NaN', "« NaN »"),
        ("double", GRADE_E3 + ',\n"E3": "8"', "« E3 » en double"),
    ):
        text = pretty.replace(GRADE_E3, replacement)
        expected = (
            text[
                : text.index(replacement.split("\n")[-1] if "\n" in replacement else replacement)
            ].count("\n")
            + 1
        )
        source = tmp_path / f"{name}.json"
        source.write_text(text, encoding="utf-8")
        line = assert_refused(*run(capsys, "evaluate", str(source)), saying=saying)
        assert f"ligne {expected}, colonne " in line


@pytest.mark.parametrize(
    ("target", "saying"),
    [
        ("introuvable.json", "fichier introuvable"),
        ("dossier.json", "est un dossier"),
        ("introuvable.csv", "fichier introuvable"),
        ("dossier.csv", "est un dossier"),
    ],
)
@pytest.mark.parametrize("command", ["evaluate", "import"])
def test_a_missing_file_or_a_folder_is_refused(command, target, saying, session, tmp_path, capsys):
    (tmp_path / "dossier.json").mkdir()
    (tmp_path / "dossier.csv").mkdir()
    before = folder_state(tmp_path)
    source = str(tmp_path / target)
    args = ["evaluate", source] if command == "evaluate" else ["import", str(session), source]
    assert_refused(*run(capsys, *args), saying=saying)
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize(
    ("target", "saying"),
    [
        ("absent/resultats.csv", "le dossier n'existe pas"),
        ("dossier.csv", "est un dossier"),
        ("lecture-seule/resultats.csv", "lecture seule"),
        ("lecture-seule/resultats.xlsx", "lecture seule"),
        ("lecture-seule/session.json", "lecture seule"),
    ],
)
def test_an_export_the_disk_refuses_leaves_nothing(
    target, saying, session, tmp_path, capsys, read_only_medium
):

    (tmp_path / "dossier.csv").mkdir()
    (tmp_path / "lecture-seule").mkdir()
    read_only_medium("lecture-seule")
    before = folder_state(tmp_path)
    assert_refused(*run(capsys, "export", str(session), str(tmp_path / target)), saying=saying)
    assert folder_state(tmp_path) == before  # no .partiel left


def test_a_refusal_from_a_real_process_is_one_line_without_traceback(tmp_path):
    from tests.cli.support import btsdesk

    source = tmp_path / "exposant.json"
    source.write_text(BAD_JSON["exposant-minuscule"][0], encoding="utf-8")
    done = btsdesk("evaluate", str(source))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert "exposant" in done.stderr


@pytest.mark.parametrize("command", ["evaluate", "import"])
def test_a_json_file_not_in_utf8_is_refused_naming_the_line(command, session, tmp_path, capsys):
    source = tmp_path / "cp1252.json"
    source.write_bytes(WORKED.replace('"Martin"', '"Hélène"').encode("cp1252"))
    args = (
        ["evaluate", str(source)]
        if command == "evaluate"
        else ["import", str(session), str(source)]
    )
    line = assert_refused(*run(capsys, *args), saying="n'est pas en UTF-8")
    assert "cp1252.json : ligne 4, colonne 53 : octet 0xE9" in line  # « opérationnel »
