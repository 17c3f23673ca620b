"""`btsdesk classe-nouvelle | classe-import | classe-indicateurs` (issue 7)."""

from __future__ import annotations

import csv
import hashlib
import io

from btsdesk.cli import main


def test_a_class_from_the_command_line(tmp_path, capsys):
    klass = tmp_path / "classe.btsdesk-classe"
    assert (
        main(
            [
                "classe-nouvelle",
                str(klass),
                "--annee",
                "2024",
                "--etablissement",
                "Lycée Jean-Moulin",
                "--division",
                "1 MCO",
                "--specialite",
                "BTS MCO",
                "--operateur",
                "M. Leroy",
            ]
        )
        == 0
    )
    students = tmp_path / "liste.csv"
    students.write_text(
        "N°;Nom;Prénom;Origine;Statut\n"
        "E1;Martin;Léa;bac professionnel;étudiant\n"
        "E2;Petit;Hugo;bac professionnel;étudiant\n"
        "E3;Roux;Zoé;bac général;étudiant\n",
        encoding="utf-8",
    )
    assert main(["classe-import", str(klass), str(students)]) == 0
    assert "3 étudiant(s) ajouté(s)" in capsys.readouterr().out

    suivi = tmp_path / "suivi.csv"
    suivi.write_text("N°;Situation\nE1;passage en 2e année\nE9;abandon\n", encoding="utf-8")
    before = hashlib.sha256(klass.read_bytes()).hexdigest()
    assert main(["classe-import", str(klass), str(suivi), "--suivi"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "ligne 3, colonne « N° » (A) : étudiant E9 inconnu dans la classe" in err
    assert hashlib.sha256(klass.read_bytes()).hexdigest() == before
    suivi.write_text("N°;Situation\nE1;passage en 2e année\nE2;abandon\n", encoding="utf-8")
    assert main(["classe-import", str(klass), str(suivi), "--suivi"]) == 0

    out = tmp_path / "indicateurs.csv"
    assert main(["classe-indicateurs", str(klass), str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    text = " ".join(";".join(row) for row in rows)
    # Bac pro, without parcours: 2 students, 1 passed (50,0 %), 1 dropped out (50,0 %).
    assert "50,0 %" in text
    assert main(["classe-indicateurs", str(klass), str(tmp_path / "i.pdf")]) == 0
    assert (tmp_path / "i.pdf").read_bytes().startswith(b"%PDF")
    assert main(["classe-indicateurs", str(klass), str(tmp_path / "i.xlsx")]) == 0
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "i.xlsx")
    assert book.sheetnames == ["Indicateurs"]
    assert any("50,0 %" in str(cell) for row in book.active.values for cell in row)


def test_a_blank_field_refuses_the_new_class_file_as_the_window_does(tmp_path, capsys):
    # classe-nouvelle goes through app.classes.new_class (the window's path): a blank
    # division is one French line on stderr, exit 2, and no file is left behind.
    klass = tmp_path / "classe.btsdesk-classe"
    args = ["classe-nouvelle", str(klass), "--annee", "2025", "--etablissement", "Lycée"]
    assert main([*args, "--division", "  ", "--specialite", "MCO", "--operateur", "M"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "nouvelle classe : division manquant(e)" in err
    assert not klass.exists()
    # Accepted, the fields are kept trimmed, as the window keeps them.
    assert main([*args, "--division", " 1 MCO ", "--specialite", "MCO", "--operateur", "M"]) == 0
    assert capsys.readouterr().out == f"Fichier de classe créé : {klass}\n"
    from btsdesk.store.class_file import ClassStore

    with ClassStore.open(klass, read_only=True) as store:
        assert store.details().division == "1 MCO"
