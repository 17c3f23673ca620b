"""The shipped règlements (§7) load, carry their source and their "à vérifier" flags, and a
broken file is refused with a French message naming the file and the line."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from btsdesk.core.catalog import load_catalog, load_reglement
from btsdesk.core.errors import InvalidInput
from btsdesk.core.reglement import Domain, Mode
from btsdesk.paths import reglements_dir


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(reglements_dir())


def test_the_six_specialties_of_section_7_are_shipped(catalog):
    shipped = {(s.code, s.version) for s in catalog.values()}
    assert shipped == {("SIO", "2019"), ("MCO", "2018"), ("MCO", "2024"), ("NDRC", "2018"),
                       ("CG", "2014"), ("MEAU", "2020")}
    for specialty in catalog.values():
        assert specialty.source, specialty.code


def test_mco_2018_matches_the_arrete(catalog):
    mco = catalog["mco-2018"]
    # §7: 3 + 1,5 + 1,5 + 3 + 3 + 3 + 3 + 3 = 21
    assert mco.coefficient_total() == Decimal(21)
    e2 = mco.discipline_by_code["E2"]
    assert [line.code for line in e2.lines] == ["E21", "E22"]
    assert e2.coefficient == Decimal(3)
    assert mco.line_by_code["E22"].mode_for("A") is Mode.CCF
    assert mco.line_by_code["E22"].mode_for("C") is Mode.PONCTUEL
    assert mco.line_by_code["E21"].oral.exam == 10  # R15: languages 10 + 10 min
    assert mco.line_by_code["E1"].oral.exam == 20
    # The lines §7 marks (?) are flagged "à vérifier".
    flagged = {line.code for line in mco.unverified}
    assert {"E5", "E6"} <= flagged
    assert "E1" not in flagged


def test_split_comes_from_the_arrete_not_the_subject_name(catalog):
    eau = catalog["metiers-eau-2020"]
    assert eau.line_by_code["E42"].domain is Domain.PROFESSIONAL  # mathématiques
    assert eau.line_by_code["E32"].domain is Domain.PROFESSIONAL  # physique-chimie
    assert [d.code for d in eau.general_disciplines] == ["E1", "E2"]


def test_categories_of_a_two_column_reglement(catalog):
    sio = catalog["sio-2019"]
    assert sio.categories == ("A", "C")
    with pytest.raises(InvalidInput, match="catégorie « B »"):
        sio.line_by_code["E3"].mode_for("B")


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "essai.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_bad_coefficient_names_the_file_and_the_line(tmp_path):
    data = json.loads((reglements_dir() / "mco-2018.json").read_text(encoding="utf-8"))
    data["epreuves"][3]["coefficient"] = "trois"
    with pytest.raises(InvalidInput) as caught:
        load_reglement(_write(tmp_path, data))
    assert str(caught.value).startswith("essai.json : épreuve E3 : coefficient « trois »")


def test_a_mode_for_an_unknown_category_is_refused(tmp_path):
    data = {"code": "X", "categories": ["A", "C"], "epreuves": [
        {"code": "E1", "domain": "general", "mode": {"A": "ccf", "B": "ponctuel",
                                                       "C": "ponctuel"}}]}
    with pytest.raises(InvalidInput, match="catégorie « B » inconnue"):
        load_reglement(_write(tmp_path, data))


def test_a_file_that_is_not_json_is_refused_with_its_position(tmp_path):
    path = tmp_path / "casse.json"
    path.write_text('{"code": "X",\n "epreuves": [}', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"casse\.json : JSON illisible, ligne 2"):
        load_reglement(path)
