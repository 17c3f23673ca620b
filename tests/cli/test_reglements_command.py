"""`btsdesk reglements`: the shipped règlements, and a user's file checked before use."""

from __future__ import annotations

import json

from btsdesk.cli import main


def test_lists_the_shipped_reglements_with_their_flags(capsys):
    assert main(["reglements"]) == 0
    out = capsys.readouterr().out
    assert "mco-2018" in out
    assert "Management commercial opérationnel (2018)" in out
    assert "sessions jusqu'à 2024, 6 ligne(s) à vérifier" in out
    assert "SIO — Services informatiques aux organisations (2019), sessions 2021 à 2024" in out
    assert len(out.strip().splitlines()) == 7  # one line per shipped file (§7)


def test_a_year_the_file_does_not_serve_is_warned(capsys):
    assert main(["reglements", "--annee", "2025"]) == 0
    out = capsys.readouterr().out.splitlines()
    warned = [line for line in out if "attention" in line]
    assert len(warned) == 3  # mco-2018, metiers-eau-2020, sio-2019
    assert any("sessions 2021 à 2024, pas la session 2025" in line for line in warned)


def test_per_line_what_is_verified_and_what_is_not(capsys):
    """§7: per file the source and what is unread, per line « vérifiée » or the fields
    still to check, in words."""
    assert main(["reglements", "mco-2024"]) == 0
    out = capsys.readouterr().out
    assert "source : Arrêté du 8 juillet 2024" in out
    lines = {line.split()[0]: line for line in out.splitlines()[3:]}
    assert lines["E1"].endswith("A ponctuel / B ccf / C ponctuel : vérifiée")
    assert "À VÉRIFIER : mode (catégorie B), mode (catégorie C)" in lines["E3"]
    assert "À VÉRIFIER : coefficient, domaine, mode" in lines["E8"]
    assert "facultative, ponctuel : À VÉRIFIER : mode" in lines["EE"]  # no coefficient (R6)


def test_checks_a_user_specialty_file(tmp_path, capsys):
    good = tmp_path / "bts-x.json"
    good.write_text(
        json.dumps(
            {
                "code": "X",
                "name": "Spécialité X",
                "epreuves": [
                    {"code": "E1", "coefficient": "2", "domain": "general"},
                    {"code": "E2", "coefficient": "3", "domain": "professional"},
                ],
            }
        ),
        encoding="utf-8",
    )
    assert main(["reglements", str(good)]) == 0
    assert "X — Spécialité X, toutes les lignes vérifiées" in capsys.readouterr().out

    # R6: a facultative with a coefficient is accepted, with a warning.
    facultative = tmp_path / "bts-f.json"
    facultative.write_text(
        json.dumps(
            {
                "code": "F",
                "epreuves": [
                    {"code": "E1", "domain": "general"},
                    {"code": "EF1", "facultative": True, "coefficient": "2"},
                ],
            }
        ),
        encoding="utf-8",
    )
    assert main(["reglements", str(facultative)]) == 0
    out = capsys.readouterr().out
    assert "attention : épreuve(s) facultative(s) EF1 avec un coefficient" in out
    assert "EF1   coef 2, facultative" in out

    bad = tmp_path / "bts-y.json"
    bad.write_text(
        json.dumps(
            {"code": "Y", "epreuves": [{"code": "E1", "coefficient": "0", "domain": "general"}]}
        ),
        encoding="utf-8",
    )
    assert main(["reglements", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "bts-y.json : épreuve E1 : coefficient 0 invalide" in captured.err


def test_new_warns_when_the_file_does_not_serve_the_year(tmp_path, capsys):
    """§7: sio-2019 serves sessions 2021–2024; a 2025 session is created, with a warning."""
    assert (
        main(
            [
                "new",
                str(tmp_path / "a.btsdesk"),
                "--reglement",
                "sio-2019",
                "--regime",
                "2022",
                "--year",
                "2025",
                "--operator",
                "Mme Durand",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert (
        "Attention : le règlement SIO — Services informatiques aux organisations (2019) "
        "sert les sessions 2021 à 2024, pas la session 2025"
    ) in out
    assert (
        main(
            [
                "new",
                str(tmp_path / "b.btsdesk"),
                "--reglement",
                "sio-2024",
                "--regime",
                "2022",
                "--year",
                "2025",
                "--operator",
                "Mme Durand",
            ]
        )
        == 0
    )
    assert "Attention" not in capsys.readouterr().out


def test_every_file_line_by_line(capsys):
    """`--lignes`: each shipped file, then each of its lines, verified or not (§7)."""
    assert main(["reglements", "--lignes"]) == 0
    out = capsys.readouterr().out
    assert out.count("source : ") == 7
    assert out.count("   EE    facultative, ponctuel : À VÉRIFIER : mode") == 7
    assert "E31   coef 9, professionnel, ponctuel : À VÉRIFIER : domaine" in out
