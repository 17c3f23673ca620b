"""`btsdesk reglements`: the shipped règlements, and a user's file checked before use."""

from __future__ import annotations

import json

from btsdesk.cli import main


def test_lists_the_shipped_reglements_with_their_flags(capsys):
    assert main(["reglements"]) == 0
    out = capsys.readouterr().out
    assert "mco-2018" in out
    assert "Management commercial opérationnel (2018)" in out
    assert "3 ligne(s) à vérifier" in out
    assert len(out.strip().splitlines()) == 6


def test_checks_a_user_specialty_file(tmp_path, capsys):
    good = tmp_path / "bts-x.json"
    good.write_text(json.dumps({"code": "X", "name": "Spécialité X", "epreuves": [
        {"code": "E1", "coefficient": "2", "domain": "general"},
        {"code": "E2", "coefficient": "3", "domain": "professional"}]}), encoding="utf-8")
    assert main(["reglements", str(good)]) == 0
    assert "X — Spécialité X" in capsys.readouterr().out

    bad = tmp_path / "bts-y.json"
    bad.write_text(json.dumps({"code": "Y", "epreuves": [
        {"code": "E1", "coefficient": "0", "domain": "general"}]}), encoding="utf-8")
    assert main(["reglements", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "bts-y.json : épreuve E1 : coefficient 0 invalide" in captured.err
