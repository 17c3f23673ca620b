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
