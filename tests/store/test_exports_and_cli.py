"""Exports (CSV for French Excel, XLSX, JSON exchange) and the session commands."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from openpyxl import load_workbook

from btsdesk.app.exports import results_csv, results_xlsx
from btsdesk.cli import main
from btsdesk.core.grades import Code
from btsdesk.store.session import SessionStore


def _grade_martin(store: SessionStore) -> None:
    # Léa Martin gets the §6 worked example: 191.5 / 21 = 9.119… → 9,11.
    grades = {
        "E1": 850,
        "E21": Code.ABJ,
        "E22": 1100,
        "E3": 700,
        "E41": 1200,
        "E42": 1050,
        "E5": 600,
        "E6": 1300,
        "EF1": 1400,
    }
    for line, entry in grades.items():
        store.set_grade("0001", line, entry)


def test_csv_opens_in_french_excel(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade_martin(store)
        data = results_csv(store)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, martin, ndiaye = rows
    row = dict(zip(header, martin, strict=True))
    assert row["E1"] == "8,50"
    assert row["E21"] == "ABJ"
    assert row["Moyenne"] == "9,11"
    assert row["Moyenne exacte"] == '="383/42"'  # a fraction, never a date (issue 12)
    assert row["Domaine professionnel"] == "10,37"
    assert row["Décision"] == "épreuves de contrôle"
    assert dict(zip(header, ndiaye, strict=True))["Décision"] == "incomplet"
    assert dict(zip(header, ndiaye, strict=True))["Nom"] == "N'Diaye"


def test_xlsx_cells_are_exact_decimals(session_path):
    with SessionStore.open(session_path, backup=False) as store:
        _grade_martin(store)
        data = results_xlsx(store)
    sheet = load_workbook(io.BytesIO(data)).active
    header = [cell.value for cell in sheet[1]]
    martin = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert martin["E1"] == 8.5
    assert martin["E21"] == "ABJ"
    assert Decimal(str(martin["Moyenne"])) == Decimal("9.11")


def test_new_import_export_evaluate_round_trip(tmp_path, capsys, worked_example_path):
    session = tmp_path / "mco.btsdesk"
    assert (
        main(
            [
                "new",
                str(session),
                "--reglement",
                "mco-2018",
                "--regime",
                "2021",
                "--year",
                "2026",
                "--operator",
                "Mme Durand",
            ]
        )
        == 0
    )
    assert "6 ligne(s) du règlement à vérifier" in capsys.readouterr().out
    # The worked example's lines are a subset of MCO 2018's: import its candidate.
    assert main(["import", str(session), str(worked_example_path)]) == 0
    assert "1 candidat(s) ajouté(s)" in capsys.readouterr().out
    out = tmp_path / "session.json"
    assert main(["export", str(session), str(out)]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(out)]) == 0
    result = json.loads(capsys.readouterr().out)["candidates"][0]
    # MCO 2018 has E1 ponctuel for A, as the worked example: same figures.
    assert (result["average"], result["decision"]) == ("9.11", "controle")
    assert result["needed"] == {"general": "8.67", "professional": "12.17"}


def test_an_invalid_json_import_changes_nothing(
    session_path, tmp_path, capsys, worked_example_path
):
    from tests.store.conftest import digest

    bad = tmp_path / "bad.json"
    payload = json.loads(worked_example_path.read_text(encoding="utf-8"))
    payload["candidates"][0]["grades"]["E1"] = "21"
    bad.write_text(json.dumps(payload), encoding="utf-8")
    before = digest(session_path)
    assert main(["import", str(session_path), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.json : candidat 0123 : épreuve E1 : note « 21 » supérieure à 20" in err
    assert digest(session_path) == before  # byte for byte
