"""The shipped règlements (§7) load, carry their source and their "à vérifier" flags, and a
broken file is refused with a French message naming the file and the line."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from btsdesk.core.catalog import load_catalog, load_reglement
from btsdesk.core.errors import InvalidInput
from btsdesk.core.reglement import Domain
from btsdesk.paths import reglements_dir


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(reglements_dir())


SHIPPED = {
    "sio-2019",
    "sio-2024",
    "mco-2018",
    "mco-2024",
    "ndrc-2018",
    "cg-2014",
    "metiers-eau-2020",
}
G, P = Domain.GENERAL, Domain.PROFESSIONAL
p, c = "ponctuel", "ccf"


def test_the_specialties_of_section_7_are_shipped(catalog):
    assert set(catalog) == SHIPPED
    shipped = {(s.code, s.version) for s in catalog.values()}
    assert shipped == {
        ("SIO", "2019"),
        ("SIO", "2024"),
        ("MCO", "2018"),
        ("MCO", "2024"),
        ("NDRC", "2018"),
        ("CG", "2014"),
        ("MEAU", "2020"),
    }
    for specialty in catalog.values():
        assert specialty.source, specialty.code
        # §7: category B (formation continue habilitée au CCF) is in every official table.
        assert specialty.categories == ("A", "B", "C"), specialty.code


# §7, written by hand: code → (coefficient, domain, discipline, modes A/B/C).
SECTION_7 = {
    "sio-2019": {
        "E11": ("2", G, "E1", (p, c, p)),
        "E12": ("2", G, "E1", (p, c, p)),
        "E2": ("3", G, "E2", (c, c, p)),
        "E3": ("3", G, "E3", (p, c, p)),
        "E4": ("4", P, "E4", (c, c, p)),
        "E5": ("4", P, "E5", (c, c, p)),
        "E6": ("4", P, "E6", (p, p, p)),
    },
    "sio-2024": {
        "E1": ("2", G, "E1", (p, c, p)),
        "E2": ("2", G, "E2", (p, c, p)),
        "E3": ("3", G, "E3", (c, c, p)),
        "E4": ("3", G, "E4", (p, c, p)),
        "E5": ("4", P, "E5", (c, c, p)),
        "E6": ("4", P, "E6", (c, c, p)),
        "E7": ("4", P, "E7", (p, p, p)),
    },
    "mco-2018": {
        "E1": ("3", G, "E1", (p, c, p)),
        "E21": ("1.5", G, "E2", (p, c, p)),
        "E22": ("1.5", G, "E2", (c, c, p)),
        "E3": ("3", G, "E3", (p, c, p)),
        "E41": ("3", P, "E41", (c, c, p)),
        "E42": ("3", P, "E42", (c, c, p)),
        "E5": ("3", P, "E5", (p, p, p)),
        "E6": ("3", P, "E6", (c, c, p)),
    },
    "mco-2024": {
        "E1": ("3", G, "E1", (p, c, p)),
        "E2": ("1.5", G, "LVE", (p, c, p)),
        "E3": ("1.5", G, "LVE", (c, c, p)),
        "E4": ("3", G, "E4", (p, c, p)),
        "E5": ("3", P, "E5", (c, c, p)),
        "E6": ("3", P, "E6", (c, c, p)),
        "E7": ("3", P, "E7", (p, p, p)),
        "E8": ("3", P, "E8", (c, c, p)),
    },
    "ndrc-2018": {
        "E1": ("3", G, "E1", (p, c, p)),
        "E2": ("3", G, "E2", (c, c, p)),
        "E3": ("3", G, "E3", (p, c, p)),
        "E4": ("5", P, "E4", (c, c, p)),
        "E5A": ("2", P, "E5", (p, p, p)),
        "E5B": ("2", P, "E5", (p, p, p)),
        "E6": ("3", P, "E6", (c, c, p)),
    },
    "cg-2014": {
        "E11": ("4", G, "E1", (p, c, p)),
        "E12": ("3", G, "E1", (p, c, p)),
        "E2": ("3", G, "E2", (c, c, p)),
        "E3": ("6", G, "E3", (p, c, p)),
        "E41": ("9", P, "E4", (p, c, p)),
        "E42": ("4", P, "E4", (p, c, p)),
        "E5": ("5", P, "E5", (p, c, p)),
        "E6": ("5", P, "E6", (p, c, p)),
    },
    "metiers-eau-2020": {
        "E1": ("2", G, "E1", (p, c, p)),
        "E2": ("2", G, "E2", (c, c, p)),
        "E31": ("9", P, "E3", (p, p, p)),
        "E32": ("2.5", P, "E3", (c, c, p)),
        "E41": ("4", P, "E4", (p, p, p)),
        "E42": ("1.5", P, "E4", (p, p, p)),
        "E5": ("3", P, "E5", (p, p, p)),
        "E6": ("4", P, "E6", (c, c, p)),
    },
}
# §7: the facultative units of each file (engagement étudiant, EE, in every one).
FACULTATIVES = {"mco-2018": ["EF1", "EF2", "EF3", "EE"]}
# §7: the sessions each file serves (None: not bounded, or not read).
SESSIONS = {
    "sio-2019": (2021, 2024),
    "sio-2024": (2025, None),
    "mco-2018": (None, 2024),
    "mco-2024": (2025, None),
    "ndrc-2018": (None, None),
    "cg-2014": (None, None),
    "metiers-eau-2020": (None, 2024),
}
# §7 and sources-reglements.md: the fields still "à vérifier", per line (empty: verified).
UNREAD: dict[str, dict[str, set[str]]] = {
    "sio-2019": {
        "E11": {"domain", "mode"},
        "E12": {"domain", "mode"},
        "E2": {"domain", "mode"},
        "E3": {"domain", "mode"},
        "E4": {"coefficient", "domain", "mode"},
        "E5": {"coefficient", "domain", "mode"},
        "E6": {"coefficient", "domain", "mode"},
    },
    "sio-2024": {"E6": {"mode:C"}, "E7": {"coefficient", "domain", "mode"}},
    "mco-2018": {
        "E5": {"mode:B"},
        "E6": {"coefficient", "mode"},
        "EF1": {"existence", "mode"},
        "EF2": {"existence", "mode"},
        "EF3": {"existence", "mode"},
    },
    "mco-2024": {
        "E3": {"mode:B", "mode:C"},
        "E7": {"mode:C"},
        "E8": {"coefficient", "domain", "mode"},
    },
    "ndrc-2018": {
        "E1": {"domain", "mode"},
        "E2": {"domain"},
        "E3": {"coefficient", "domain", "mode"},
        "E4": {"coefficient", "domain", "mode"},
        "E5A": {"coefficient", "domain", "mode"},
        "E5B": {"coefficient", "domain", "mode"},
        "E6": {"domain"},
    },
    "cg-2014": {
        "E11": {"mode"},
        "E12": {"mode"},
        "E2": {"coefficient", "mode"},
        "E3": {"coefficient", "mode"},
        "E41": {"coefficient", "mode"},
        "E42": {"coefficient", "mode"},
        "E5": {"coefficient", "mode"},
        "E6": {"coefficient", "mode"},
    },
    "metiers-eau-2020": {code: {"domain"} for code in ("E31", "E32", "E41", "E42", "E5", "E6")},
}


@pytest.mark.parametrize("key", sorted(SHIPPED))
def test_each_shipped_file_matches_section_7(catalog, key):
    """§7 line by line: coefficients, domains, disciplines, the mode of A, B and C (R3),
    facultative units without coefficient (R6), the sessions served, the flags."""
    specialty = catalog[key]
    expected = SECTION_7[key]
    assert [line.code for line in specialty.obligatory] == list(expected)
    for code, (coefficient, domain, discipline, modes) in expected.items():
        line = specialty.line_by_code[code]
        assert line.coefficient == Decimal(coefficient), code
        assert line.domain is domain, code
        assert line.discipline == discipline, code
        assert tuple(line.mode_for(cat).value for cat in "ABC") == modes, code
    facultatives = specialty.facultatives
    assert [line.code for line in facultatives] == FACULTATIVES.get(key, ["EE"])
    for line in facultatives:
        assert not line.coefficient_given, line.code  # D643-22: no multiplier (R6)
        assert line.coefficient == 1
    assert [line.code for line in facultatives if line.engagement] == ["EE"]
    assert specialty.load_warnings() == ()
    assert (specialty.first_session, specialty.last_session) == SESSIONS[key]
    unread = UNREAD[key]
    for line in specialty.obligatory + tuple(f for f in facultatives if f.code != "EE"):
        fields = unread.get(line.code, set())
        assert line.verified is not bool(fields), line.code
        assert set(line.unverified) == fields, line.code
        if fields:
            assert line.to_check, line.code  # says what is unread, in words
    engagement = specialty.line_by_code["EE"]
    assert not engagement.verified
    assert engagement.unverified == ("mode",)


def test_section_7_totals_and_disciplines(catalog):
    assert catalog["mco-2018"].coefficient_total() == Decimal(21)
    assert catalog["ndrc-2018"].coefficient_total() == Decimal(21)
    # SIO 2019: E1 = E11 + E12 is one épreuve, one discipline of coefficient 4 (R12).
    e1 = catalog["sio-2019"].discipline_by_code["E1"]
    assert [line.code for line in e1.lines] == ["E11", "E12"]
    assert e1.coefficient == Decimal(4)
    # MCO 2024: E2 + E3 form one contrôle subject, « Langue vivante étrangère » (R15).
    lve = catalog["mco-2024"].discipline_by_code["LVE"]
    assert [line.code for line in lve.lines] == ["E2", "E3"]
    assert lve.title == "Langue vivante étrangère"
    assert [d.code for d in catalog["mco-2024"].general_disciplines] == ["E1", "LVE", "E4"]
    mco = catalog["mco-2018"]
    assert mco.line_by_code["E21"].oral.exam == 10  # R15: languages 10 + 10 min
    assert mco.line_by_code["E1"].oral.exam == 20


def test_split_comes_from_the_arrete_not_the_subject_name(catalog):
    """§7: the Métiers de l'eau split is the file's, and its professional side is flagged
    until the 2022 row is read."""
    eau = catalog["metiers-eau-2020"]
    assert eau.line_by_code["E42"].domain is Domain.PROFESSIONAL  # mathématiques
    assert eau.line_by_code["E32"].domain is Domain.PROFESSIONAL  # physique-chimie
    assert eau.line_by_code["E42"].is_unverified("domain")
    assert not eau.line_by_code["E42"].is_unverified("coefficient")
    assert [d.code for d in eau.general_disciplines] == ["E1", "E2"]


def test_which_field_is_unread(catalog):
    """§7, per field: MCO 2024 E7's mode is unread for C only; E8's for every category."""
    mco = catalog["mco-2024"]
    e7, e8 = mco.line_by_code["E7"], mco.line_by_code["E8"]
    assert e7.is_unverified("mode")
    assert e7.is_unverified("mode:C")
    assert not e7.is_unverified("mode:A")
    assert not e7.is_unverified("coefficient")
    assert e8.is_unverified("mode:A")
    assert e8.is_unverified("coefficient")
    assert not mco.line_by_code["E1"].is_unverified("mode")
    assert not e8.is_unverified("discipline")


def test_a_file_serves_its_sessions_and_warns_for_another_year(catalog):
    sio = catalog["sio-2019"]
    assert sio.serves(2021)
    assert sio.serves(2024)
    assert not sio.serves(2025)
    assert sio.sessions_label == "sessions 2021 à 2024"
    warning = sio.session_warning(2026)
    assert warning is not None
    assert "sessions 2021 à 2024, pas la session 2026" in warning
    assert catalog["sio-2024"].session_warning(2030) is None
    assert catalog["sio-2024"].sessions_label == "sessions 2025 et suivantes"
    assert catalog["ndrc-2018"].session_warning(2022) is None  # range not read: no claim


def test_a_mode_for_a_category_the_file_does_not_declare_is_refused(tmp_path):
    data = {
        "code": "X",
        "categories": ["A", "C"],
        "epreuves": [{"code": "E1", "domain": "general", "mode": {"A": "ccf", "C": "ponctuel"}}],
    }
    specialty = load_reglement(_write(tmp_path, data))
    with pytest.raises(InvalidInput, match="catégorie « B »"):
        specialty.line_by_code["E1"].mode_for("B")


def test_a_users_facultative_coefficient_is_loaded_with_a_warning(tmp_path):
    """R6: the exchange format keeps accepting a facultative coefficient; the jury is
    told that D643-22 has no multiplier."""
    data = {
        "code": "X",
        "epreuves": [
            {"code": "E1", "domain": "general"},
            {"code": "F1", "facultative": True, "coefficient": "2"},
            {"code": "F2", "facultative": True},
        ],
    }
    specialty = load_reglement(_write(tmp_path, data))
    assert specialty.line_by_code["F1"].coefficient == 2
    (warning,) = specialty.load_warnings()
    assert "F1" in warning
    assert "F2" not in warning
    assert "R6" in warning


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unverified": "mode"}, "« unverified » doit être une liste"),
        ({"unverified": ["titre"]}, "champ « titre » inconnu"),
        ({"unverified": ["mode:Z"]}, "catégorie « Z » inconnue"),
        ({"engagement_etudiant": "oui"}, "engagement_etudiant"),
        ({"engagement_etudiant": True}, "unité facultative"),
    ],
)
def test_bad_flags_are_refused(tmp_path, change, message):
    line = {"code": "E1", "domain": "general", "verified": False} | change
    data = {"code": "X", "categories": ["A", "B", "C"], "epreuves": [line]}
    with pytest.raises(InvalidInput, match=message):
        load_reglement(_write(tmp_path, data))


@pytest.mark.parametrize("sessions", [2021, {"first": "2021"}, {"first": 2025, "last": 2021}])
def test_bad_session_ranges_are_refused(tmp_path, sessions):
    data = {"code": "X", "sessions": sessions, "epreuves": [{"code": "E1", "domain": "general"}]}
    with pytest.raises(InvalidInput, match="sessions"):
        load_reglement(_write(tmp_path, data))


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
    data = {
        "code": "X",
        "categories": ["A", "C"],
        "epreuves": [
            {
                "code": "E1",
                "domain": "general",
                "mode": {"A": "ccf", "B": "ponctuel", "C": "ponctuel"},
            }
        ],
    }
    with pytest.raises(InvalidInput, match="catégorie « B » inconnue"):
        load_reglement(_write(tmp_path, data))


def test_a_file_that_is_not_json_is_refused_with_its_position(tmp_path):
    path = tmp_path / "casse.json"
    path.write_text('{"code": "X",\n "epreuves": [}', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"casse\.json : JSON illisible, ligne 2"):
        load_reglement(path)
