"""The shipped règlements (§7) at work: a category-B candidate with every file (R3), the
number of graded facultative units (R6, décret 2024-788), hand-worked."""

from __future__ import annotations

from fractions import Fraction

import pytest

from btsdesk.core.catalog import load_catalog
from btsdesk.core.reglement import facultatives_allowed
from btsdesk.core.results import Decision, OralChoice
from btsdesk.paths import reglements_dir
from tests.core.support import evaluate

CATALOG = load_catalog(reglements_dir())


@pytest.mark.parametrize("key", sorted(CATALOG))
@pytest.mark.parametrize("regime", ["2021", "2022"])
def test_a_category_b_candidate_is_evaluated_with_every_shipped_file(key, regime):
    """R3, §7: every file has the B column. 12 everywhere → 12 → admis; 9 everywhere →
    9: contrôle in regime 2021 (R10), ajourné in regime 2022 (professional 9 < 10, R14)."""
    spec = CATALOG[key]
    twelve = evaluate(
        spec,
        dict.fromkeys((line.code for line in spec.obligatory), "12"),
        regime=regime,
        category="B",
    )
    assert twelve.decision is Decision.ADMIS
    assert twelve.average == 12
    nine = evaluate(
        spec,
        dict.fromkeys((line.code for line in spec.obligatory), "9"),
        regime=regime,
        category="B",
    )
    assert nine.decision is (Decision.CONTROLE if regime == "2021" else Decision.AJOURNE)


MCO_B = {
    "E1": "8",
    "E21": "8",
    "E22": "8",
    "E3": "8",
    "E41": "12",
    "E42": "12",
    "E5": "8",
    "E6": "12",
}


def test_category_b_modes_decide_what_a_2021_oral_replaces():
    """MCO 2018, category B, regime 2021. Points: general 3·8 + 1,5·8 + 1,5·8 + 3·8 = 72,
    professional 3·12 + 3·12 + 3·8 + 3·12 = 132; 204 / 21 = 9,71… → contrôle (R10).
    For B every general line is CCF: the general oral changes nothing, « impossible »
    (R13, R17). Professional ponctuel line for B: E5 only; needed (210 − 180) / 3 = 10,00.
    With 13 at the professional oral: 204 + 3 × (13 − 8) = 219 / 21 = 10,42… → admis."""
    spec = CATALOG["mco-2018"]
    result = evaluate(spec, MCO_B, category="B")
    assert result.average == Fraction(204, 21)
    assert result.decision is Decision.CONTROLE
    assert result.needed == {"general": None, "professional": 1000}
    final = evaluate(
        spec,
        MCO_B,
        category="B",
        orals={"general": OralChoice("E1", 2000), "professional": OralChoice(None, 1300)},
    )
    assert final.final_average == Fraction(219, 21)
    assert final.final_decision is Decision.ADMIS
    # Category A: E1, E21, E3 are ponctuel: (210 − (204 − 60)) / 7,5 = 8,8 → 8,80.
    assert evaluate(spec, MCO_B, category="A").needed["general"] == 880


def test_facultatives_allowed_by_session_year():
    """D643-13: two facultative units until 2024; one since décret 2024-788 (2025 on),
    besides the engagement étudiant in both cases."""
    assert facultatives_allowed(2022) == 2
    assert facultatives_allowed(2024) == 2
    assert facultatives_allowed(2025) == 1


MCO_12 = dict.fromkeys(("E1", "E21", "E22", "E3", "E41", "E42", "E5", "E6"), "12")


def _limit_warnings(grades, year):
    result = evaluate(CATALOG["mco-2018"], MCO_12 | grades, session_year=year)
    return result, [w for w in result.warnings if "épreuves facultatives notées" in w]


def test_more_graded_facultatives_than_allowed_is_a_warning_never_a_block():
    """R6: EF1 12, EF2 14, EE 15 → bonus 2 + 4 + 5 = 11, (252 + 11) / 21 admis in every
    case; the engagement étudiant is outside the limit."""
    result, warned = _limit_warnings({"EF1": "12", "EF2": "14", "EE": "15"}, 2024)
    assert result.bonus == 11
    assert result.decision is Decision.ADMIS
    assert warned == []  # two besides EE: allowed until 2024
    result, warned = _limit_warnings({"EF1": "12", "EF2": "14", "EE": "15"}, 2025)
    assert result.bonus == 11
    assert result.decision is Decision.ADMIS
    assert warned == [
        "2 épreuves facultatives notées (EF1, EF2) : pour la session 2025, un "
        "candidat n'en présente qu'une en plus de l'engagement étudiant ; "
        "vérifiez son inscription (R6)"
    ]
    _, warned = _limit_warnings({"EF1": "12", "EF2": "14", "EF3": "11"}, 2023)
    assert len(warned) == 1
    assert "que deux" in warned[0]
    _, warned = _limit_warnings({"EF1": "12", "EE": "15"}, 2025)
    assert warned == []
    # The exchange format (§6) has no session year: no limit is checked there.
    _, warned = _limit_warnings({"EF1": "12", "EF2": "14", "EF3": "11"}, None)
    assert warned == []


def test_facultatives_without_entry_are_one_warning():
    """R6: no entry on a facultative: no bonus, shown to the jury (one line)."""
    result = evaluate(CATALOG["mco-2018"], MCO_12 | {"EF1": "14"})
    assert result.bonus == 4
    assert [w for w in result.warnings if "sans note" in w] == [
        "épreuves facultatives EF2, EF3, EE sans note : aucun bonus (R6)"
    ]
