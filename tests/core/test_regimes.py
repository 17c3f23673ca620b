"""What differs between the regimes lives in core/regimes.py only (§3: "the rest of the app
must not hard-code either"): the attributes and methods the other layers ask instead of
comparing a regime's code, for both regimes."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

from btsdesk.core import regimes as regimes_module
from btsdesk.core.errors import InvalidInput
from btsdesk.core.regimes import REGIMES
from btsdesk.core.results import OralChoice
from tests.core.support import MCO

R2021, R2022 = REGIMES["2021"], REGIMES["2022"]


def absent(discipline: str | None) -> OralChoice:
    return OralChoice(discipline, None, absent=True)


# --- attributes -----------------------------------------------------------------------------


def test_thresholds_r10_r14() -> None:
    """R10: no lower bound, only 10 matters; R14: 8 and 10."""
    assert (R2021.thresholds, R2022.thresholds) == ((10,), (8, 10))


def test_r22_authorised_by_right_in_2022_only() -> None:
    assert (R2021.authorised_by_right, R2022.authorised_by_right) == (False, True)


def test_r12_r15_choices_count() -> None:
    assert (R2021.choices_count, R2022.choices_count) == (1, 2)


def test_r12_general_oral_levels_widen_the_offer_in_2021_only() -> None:
    assert (R2021.widens_offer, R2022.widens_offer) == (True, False)


# --- orals_for_choice -----------------------------------------------------------------------


def test_r12_2021_orals_for_choice_one_discipline() -> None:
    assert R2021.orals_for_choice(["E1"], {}) == {
        "general": OralChoice("E1", None),
        "professional": OralChoice(None, None),
    }


def test_r12_2021_orals_for_choice_keeps_grades_of_the_same_orals() -> None:
    current = {"general": OralChoice("E1", 1300), "professional": absent(None)}
    assert R2021.orals_for_choice(["E1"], current) == current
    # Another general discipline: the grade entered for E1 is not E3's; the professional
    # oral stays as it was.
    assert R2021.orals_for_choice(["E3"], current) == {
        "general": OralChoice("E3", None),
        "professional": absent(None),
    }


@pytest.mark.parametrize("disciplines", [[], ["E1", "E3"]])
def test_r12_2021_orals_for_choice_wrong_count_refused(disciplines: list[str]) -> None:
    with pytest.raises(InvalidInput, match="R12"):
        R2021.orals_for_choice(disciplines, {})


def test_r15_2022_orals_for_choice_two_disciplines() -> None:
    assert R2022.orals_for_choice(["E3", "E1"], {}) == {
        "E3": OralChoice("E3", None),
        "E1": OralChoice("E1", None),
    }


def test_r15_2022_orals_for_choice_keeps_the_disciplines_that_stay() -> None:
    current = {"E1": OralChoice("E1", 1200), "E2": absent("E2")}
    assert R2022.orals_for_choice(["E1", "E3"], current) == {
        "E1": OralChoice("E1", 1200),
        "E3": OralChoice("E3", None),
    }
    assert R2022.orals_for_choice(["E2", "E1"], current) == {
        "E2": absent("E2"),
        "E1": OralChoice("E1", 1200),
    }


@pytest.mark.parametrize("disciplines", [[], ["E1"], ["E1", "E1"], ["E1", "E2", "E3"]])
def test_r15_2022_orals_for_choice_wrong_count_refused(disciplines: list[str]) -> None:
    with pytest.raises(InvalidInput, match="R15"):
        R2022.orals_for_choice(disciplines, {})


# --- oral_key_for ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("general", "general"),
        ("général", "general"),
        (" Général ", "general"),
        ("domaine  général", "general"),
        ("professional", "professional"),
        ("professionnel", "professional"),
        ("PRO", "professional"),
        ("E3", "general"),
        ("e3", "general"),
    ],
)
def test_r11_2021_oral_key_for(typed: str, key: str) -> None:
    orals = {"general": OralChoice("E3", None), "professional": OralChoice(None, None)}
    assert R2021.oral_key_for(typed, orals) == key


def test_r11_2021_oral_key_for_a_discipline_not_chosen_is_refused() -> None:
    with pytest.raises(InvalidInput, match="E1"):
        R2021.oral_key_for("E1", {"general": OralChoice("E3", None)})
    with pytest.raises(InvalidInput, match="E3"):
        R2021.oral_key_for("E3")


def test_r15_2022_oral_key_for_is_the_discipline_code() -> None:
    orals = {"E1": OralChoice("E1", None), "E2": OralChoice("E2", None)}
    assert R2022.oral_key_for("E2", orals) == "E2"
    assert R2022.oral_key_for(" e2 ", orals) == "E2"  # the recorded spelling
    assert R2022.oral_key_for("E3") == "E3"  # whether offered is check_orals' job
    with pytest.raises(InvalidInput):
        R2022.oral_key_for("  ")


# --- choice, exchange_orals, format_orals ---------------------------------------------------


def test_choice_both_regimes() -> None:
    assert R2021.choice(
        {"general": OralChoice("E1", 1200), "professional": OralChoice(None, 900)}
    ) == ["E1"]
    assert R2021.choice({"professional": OralChoice(None, 900)}) == []
    assert R2021.choice({}) == []
    assert R2022.choice({"E3": OralChoice("E3", None), "E1": OralChoice("E1", 1200)}) == [
        "E3",
        "E1",
    ]


def test_r13a_exchange_orals_2021_always_both_keys() -> None:
    assert R2021.exchange_orals(
        {"general": OralChoice("E1", 1250), "professional": absent(None)}
    ) == {"general": "12.50", "professional": "absent"}
    assert R2021.exchange_orals({"general": OralChoice("E1", None)}) == {
        "general": None,
        "professional": None,
    }


def test_r13a_exchange_orals_2022_discipline_codes() -> None:
    assert R2022.exchange_orals({"E1": OralChoice("E1", 800), "E2": absent("E2")}) == {
        "E1": "8.00",
        "E2": "absent",
    }
    assert R2022.exchange_orals({"E3": OralChoice("E3", None)}) == {"E3": None}


def test_format_orals_is_read_back_by_parse_orals() -> None:
    """§6 shape; an absent oral is written null, which §6 reads as no grade (R13a)."""
    orals_2021 = {"general": OralChoice("E1", 1250), "professional": absent(None)}
    written = R2021.format_orals(orals_2021)
    assert written == {
        "general": {"discipline": "E1", "grade": "12.50"},
        "professional": {"grade": None},
    }
    assert R2021.parse_orals(written) == {
        "general": OralChoice("E1", 1250),
        "professional": OralChoice(None, None),
    }
    orals_2022 = {"E1": OralChoice("E1", 800), "E2": absent("E2")}
    written = R2022.format_orals(orals_2022)
    assert written == {"disciplines": {"E1": "8.00", "E2": None}}
    assert R2022.parse_orals(written) == {"E1": OralChoice("E1", 800), "E2": OralChoice("E2", None)}


# --- what explanations ask ------------------------------------------------------------------


def test_r13_r16_scope_and_names() -> None:
    """2021: the oral concerns its whole domain (R13); 2022: its discipline (R16)."""
    assert [line.code for line in R2021.scope(MCO, "general")] == ["E1", "E21", "E22", "E3"]
    assert [line.code for line in R2022.scope(MCO, "E2")] == ["E21", "E22"]
    assert R2021.oral_names(MCO, "professional") == (
        "domaine professionnel",
        "à l'oral du domaine professionnel",
        "Oral du domaine professionnel",
    )
    assert R2022.oral_names(MCO, "E2") == ("E2", "à l'oral de E2", "Oral de E2")


def test_single_oral_keeps_the_chosen_discipline() -> None:
    options = tuple(MCO.general_disciplines)
    assert R2021.single_oral(
        "general", 1200, {"general": OralChoice("E3", None)}, options
    ) == OralChoice("E3", 1200)
    assert R2021.single_oral("general", 1200, None, options) == OralChoice("E1", 1200)
    assert R2021.single_oral("professional", 900, None, options) == OralChoice(None, 900)
    assert R2022.single_oral("E2", 1200, None, options) == OralChoice("E2", 1200)


# --- no regime code compared outside regimes.py ---------------------------------------------


def test_no_regime_code_literal_in_core_outside_regimes() -> None:
    core = Path(regimes_module.__file__).parent
    found = []
    for path in sorted(core.glob("*.py")):
        if path.name == "regimes.py":
            continue
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
        found += [
            f"{path.name}:{token.start[0]}"
            for token in tokens
            if token.type == tokenize.STRING and token.string.strip("'\"") in {"2021", "2022"}
        ]
    assert found == []
