"""R15: a règlement's optional ``controle_disciplines`` (§6), the general disciplines opened
to the regime-2022 orals. Checked in both regimes, used in regime 2022 only. Refusals through
``btsdesk evaluate`` are in tests/cli/test_evaluate_invalid.py.

Expected figures worked by hand in the comments (grades and needed grades in hundredths)."""

from __future__ import annotations

from typing import Any

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.core.reglement import parse_specialty
from btsdesk.core.results import Decision, OralChoice
from tests.core.support import MCO_GRADES, evaluate, gen, pro

CONTROLE = Decision.CONTROLE

# The §6 worked example's lines, with a controle_disciplines list (§6 shape).
MCO_LINES: list[dict[str, Any]] = [
    gen("E1", "3"),
    gen("E21", "1.5", discipline="E2", mode={"A": "ponctuel", "B": "ccf", "C": "ponctuel"}),
    gen("E22", "1.5", discipline="E2", mode={"A": "ccf", "B": "ccf", "C": "ponctuel"}),
    gen("E3", "3"),
    pro("E41", "3", mode={"A": "ccf", "B": "ccf", "C": "ponctuel"}),
    pro("E42", "3", mode={"A": "ccf", "B": "ccf", "C": "ponctuel"}),
    pro("E5", "3"),
    pro("E6", "3", mode={"A": "ccf", "B": "ccf", "C": "ponctuel"}),
    {"code": "EF1", "coefficient": "1", "facultative": True, "mode": "ponctuel"},
]


def mco(controle: object) -> Any:
    return parse_specialty({"code": "MCO", "epreuves": MCO_LINES, "controle_disciplines": controle})


def test_r15_controle_disciplines_is_optional() -> None:
    assert parse_specialty({"epreuves": MCO_LINES}).controle_disciplines is None


def test_r15_controle_disciplines_kept_as_given() -> None:
    assert mco(["E3", "E2"]).controle_disciplines == ("E3", "E2")


def test_r15_2022_options_are_the_listed_disciplines_in_reglement_order() -> None:
    """§6 example (9.11, professional 10.375 → contrôle, R14). Listed E3, E1 → offered E1, E3
    (order of each discipline's first line). R17 (10·21 = 210, bonus 4): E1 (210 − 162 − 4)
    / 3 = 14.666… → 14.67; E3 (210 − 166.5 − 4) / 3 = 13.166… → 13.17."""
    result = evaluate(mco(["E3", "E1"]), MCO_GRADES, regime="2022")
    assert result.decision is CONTROLE
    assert result.options == ("E1", "E3")
    assert result.needed == {"E1": 1467, "E3": 1317}


def test_r15_2022_listed_discipline_dis_on_every_line_not_offered() -> None:
    """E21, E22 DIS: 187.5 − 16.5 = 171 + 4 = 175 / 18 = 9.72 ≥ 8, professional 10.375 →
    contrôle; E2 is listed but the candidate is DIS on every line → E3 only."""
    grades = {**MCO_GRADES, "E21": "DIS", "E22": "DIS"}
    result = evaluate(mco(["E2", "E3"]), grades, regime="2022")
    assert result.decision is CONTROLE
    assert result.options == ("E3",)


def test_r15_2022_oral_in_a_discipline_not_listed_is_refused() -> None:
    with pytest.raises(InvalidInput, match="E2"):
        evaluate(
            mco(["E1", "E3"]),
            MCO_GRADES,
            regime="2022",
            orals={"E2": OralChoice("E2", 1200), "E1": OralChoice("E1", 1200)},
        )


def test_r15_2021_ignores_controle_disciplines() -> None:
    """R12 (2021): E1 3, E2 1.5 + 1.5 = 3, E3 3: all tied at 3, all offered, whatever the
    list says."""
    result = evaluate(mco(["E3"]), MCO_GRADES, regime="2021")
    assert result.options == ("E1", "E2", "E3")


@pytest.mark.parametrize(
    ("controle", "needle"),
    [
        ("E1", "liste"),
        (None, "liste"),
        ([], "vide"),
        (["E1", 3], "texte"),
        (["ZZ9"], "ZZ9"),
        (["E21"], "sous-épreuve"),
        (["E5"], "professionnel"),
        (["EF1"], "EF1"),
        (["E1", "E3", "E1"], "double"),
    ],
)
def test_r15_invalid_controle_disciplines(controle: object, needle: str) -> None:
    with pytest.raises(InvalidInput, match="controle_disciplines") as caught:
        mco(controle)
    assert needle in str(caught.value)
    assert "R15" in str(caught.value)
