"""``btsdesk evaluate`` on valid input (domain.md §6): the worked example, and each variant
that §6 allows. Every expected figure is worked out by hand in a comment, never by the
engine. Invalid input is in test_evaluate_invalid.py."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from btsdesk.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = ROOT / "tests" / "data" / "worked_example.expected.json"

Json = dict[str, Any]


# ---------------------------------------------------------------------------------------
# Small builders: a specialty line, a facultative line, a candidate, a session.


def line(code: str, domain: str = "general", coefficient: object = "1", **extra: object) -> Json:
    """An obligatory line; ``coefficient=None`` leaves the key out (§6 default 1)."""
    out: Json = {"code": code, "domain": domain, **extra}
    if coefficient is not None:
        out["coefficient"] = coefficient
    return out


def facultative(code: str, coefficient: object = "1", **extra: object) -> Json:
    out: Json = {"code": code, "facultative": True, **extra}
    if coefficient is not None:
        out["coefficient"] = coefficient
    return out


def candidate(number: str, grades: Json, **extra: object) -> Json:
    return {"number": number, "grades": grades, **extra}


def session(regime: object, lines: list[Json], *candidates: Json, **extra: object) -> Json:
    return {
        "regime": regime,
        "specialty": {"code": "TST", "name": "Spécialité de test", "epreuves": lines},
        "candidates": list(candidates),
        **extra,
    }


def figures(entry: Json) -> Json:
    """An output entry without its free-wording ``reasons`` (checked to be a list of
    strings), so that the rest can be compared exactly, extra keys included."""
    reasons = entry["reasons"]
    assert isinstance(reasons, list)
    assert all(isinstance(reason, str) for reason in reasons)
    return {key: value for key, value in entry.items() if key != "reasons"}


@pytest.fixture
def evaluate_path(capsys: pytest.CaptureFixture[str]) -> Callable[[Path], list[Json]]:
    """Runs ``main(["evaluate", path])`` in-process: exit 0, nothing on stderr, one JSON
    object with only the key ``candidates``."""

    def run(path: Path) -> list[Json]:
        code = main(["evaluate", str(path)])
        out, err = capsys.readouterr()
        assert (code, err) == (0, "")
        result = json.loads(out)
        assert list(result) == ["candidates"]
        return result["candidates"]

    return run


@pytest.fixture
def evaluate(
    tmp_path: Path, evaluate_path: Callable[[Path], list[Json]]
) -> Callable[[Json], list[Json]]:
    """Writes ``data`` to a UTF-8 file and evaluates it in-process."""

    def run(data: Json) -> list[Json]:
        path = tmp_path / "session.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return evaluate_path(path)

    return run


# ---------------------------------------------------------------------------------------
# The worked example of §6
#
# Σcoef = 3 + 1,5 + 1,5 + 3 + 3·4 = 21.
# general points: E1 8,5·3 = 25,5; E21 ABJ = 0; E22 11·1,5 = 16,5; E3 7·3 = 21 → 63 / 9 = 7,00
# professional: 12·3 + 10,5·3 + 6·3 + 13·3 = 36 + 31,5 + 18 + 39 = 124,5 / 12 = 10,375 → 10.37
# bonus EF1: 1·(14 − 10) = 4; average (63 + 124,5 + 4) / 21 = 191,5 / 21 = 383/42 = 9,119 → 9.11
# R12: general disciplines E1 (3), E2 (1,5 + 1,5 = 3), E3 (3): all tied → E1, E2, E3.
# R17 general: ponctuel for A: E1, E21, E3, points 46,5 on 7,5; outside 187,5 − 46,5 = 141:
#   (210 − 141 − 4) / 7,5 = 8,666… → 8.67 (rounded up)
# R17 professional: ponctuel for A: E5 only, 18 on 3; outside 169,5:
#   (210 − 169,5 − 4) / 3 = 12,166… → 12.17
# orals: 13 > 6,2 → E1, E21, E3 at 13: 97,5 instead of 46,5 (+51); 9 > 6 → E5 27 instead of 18
#   (+9): (187,5 + 51 + 9 + 4) / 21 = 251,5 / 21 = 11,976… → 11.97, admis.


def worked_example_expected() -> Json:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["candidates"]
    assert len(expected) == 1
    return expected[0]


def check_worked_example(entries: list[Json]) -> None:
    assert len(entries) == 1
    entry = entries[0]
    assert "9,11" in entry["reasons"][0]
    assert figures(entry) == figures(worked_example_expected())


def test_worked_example_gives_the_output_of_section_6(
    worked_example_path: Path, evaluate_path: Callable[[Path], list[Json]]
) -> None:
    check_worked_example(evaluate_path(worked_example_path))


def test_worked_example_through_a_real_process_on_stdin(worked_example_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "btsdesk", "evaluate", "-"],
        input=worked_example_path.read_bytes(),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    assert completed.stderr == b""
    result = json.loads(completed.stdout.decode("utf-8"))
    assert list(result) == ["candidates"]
    check_worked_example(result["candidates"])


def test_worked_example_in_a_utf8_file_with_bom(
    worked_example_path: Path, tmp_path: Path, evaluate_path: Callable[[Path], list[Json]]
) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + worked_example_path.read_bytes())
    check_worked_example(evaluate_path(path))


def test_regime_given_as_an_integer(
    worked_example_path: Path, evaluate: Callable[[Json], list[Json]]
) -> None:
    data = json.loads(worked_example_path.read_text(encoding="utf-8"))
    data["regime"] = 2021
    check_worked_example(evaluate(data))


@pytest.mark.parametrize("orals", ["absent", None, {}], ids=["absent", "null", "empty"])
def test_no_orals_means_no_final_average(
    orals: object, worked_example_path: Path, evaluate: Callable[[Json], list[Json]]
) -> None:
    # Same first group as the worked example (9.11, controle, options, needed), no final keys.
    data = json.loads(worked_example_path.read_text(encoding="utf-8"))
    if orals == "absent":
        del data["candidates"][0]["orals"]
    else:
        data["candidates"][0]["orals"] = orals
    expected = figures(worked_example_expected())
    del expected["final_average"], expected["final_decision"]
    assert figures(evaluate(data)[0]) == expected


@pytest.mark.parametrize(
    "orals",
    [
        {"general": {"discipline": "E1"}},
        {"general": {"discipline": "E2", "grade": None}, "professional": {"grade": None}},
        {"professional": {"grade": None}},
    ],
    ids=["general-without-grade", "both-null", "professional-null"],
)
def test_2021_orals_without_any_grade_give_the_first_group_average(
    orals: Json, worked_example_path: Path, evaluate: Callable[[Json], list[Json]]
) -> None:
    # R13: a missing oral grade changes nothing: final = 191,5 / 21 = 9,119 → 9.11 < 10.
    data = json.loads(worked_example_path.read_text(encoding="utf-8"))
    data["candidates"][0]["orals"] = orals
    entry = evaluate(data)[0]
    assert (entry["final_average"], entry["final_decision"]) == ("9.11", "ajourne")
    assert entry["needed"] == {"general": "8.67", "professional": "12.17"}


# ---------------------------------------------------------------------------------------
# Line fields: coefficient, mode, domain of a facultative line


def test_coefficient_as_json_number_and_with_a_comma(
    evaluate: Callable[[Json], list[Json]],
) -> None:
    data = session(
        "2022",
        [
            line("A", coefficient=1.5),
            line("B", "professional", coefficient="1,5"),
            line("C", "professional", coefficient="1"),
        ],
        candidate("C05", {"A": "12", "B": "6", "C": "15"}),
    )
    # Σcoef = 1,5 + 1,5 + 1 = 4; points 12·1,5 + 6·1,5 + 15 = 18 + 9 + 15 = 42 → 42/4 = 10,5
    # (A read as 1 would give 36 / 3,5 = 10,28…; B read as 1, 39 / 3,5 = 11,14…)
    # general 18 / 1,5 = 12; professional (9 + 15) / 2,5 = 9,6
    assert [figures(e) for e in evaluate(data)] == [
        {
            "number": "C05",
            "average": "10.50",
            "average_exact": "21/2",
            "domain_averages": {"general": "12.00", "professional": "9.60"},
            "decision": "admis",
        }
    ]


def test_missing_coefficient_defaults_to_one(evaluate: Callable[[Json], list[Json]]) -> None:
    data = session(
        "2021",
        [
            line("A", coefficient=None),
            line("B", "professional", coefficient="3"),
            facultative("F", coefficient=None),
        ],
        candidate("C06", {"A": "16", "B": "8", "F": "13"}),
    )
    # Σcoef = 1 + 3 = 4; points 16 + 24 = 40; bonus F 1·(13 − 10) = 3 → 43/4 = 10,75
    # (A at coefficient 2 would give 59/5; F at coefficient 2, 46/4 = 11,5)
    assert [figures(e) for e in evaluate(data)] == [
        {
            "number": "C06",
            "average": "10.75",
            "average_exact": "43/4",
            "domain_averages": {"general": "16.00", "professional": "8.00"},
            "decision": "admis",
        }
    ]


def test_missing_mode_defaults_to_ponctuel(evaluate: Callable[[Json], list[Json]]) -> None:
    data = session(
        "2021",
        [line("G"), line("P", "professional"), line("Q", "professional", mode="ccf")],
        candidate("C07", {"G": "7", "P": "8", "Q": "9"}),
    )
    # Σcoef 3, points 7 + 8 + 9 = 24 → 8,00 < 10: controle (R10, no lower bound).
    # general 7; professional 17/2 = 8,5. Options: G, the only general discipline.
    # needed general: group {G} (ponctuel by default): (30 − 17) / 1 = 13 → 13.00
    #   (were G taken as ccf, the group would be empty: null)
    # needed professional: group {P} (Q is ccf): (30 − 16) / 1 = 14 → 14.00
    assert [figures(e) for e in evaluate(data)] == [
        {
            "number": "C07",
            "average": "8.00",
            "average_exact": "8",
            "domain_averages": {"general": "7.00", "professional": "8.50"},
            "decision": "controle",
            "general_oral_options": ["G"],
            "needed": {"general": "13.00", "professional": "14.00"},
        }
    ]


def test_missing_category_defaults_to_a(evaluate: Callable[[Json], list[Json]]) -> None:
    lines = [line("G", mode={"A": "ponctuel", "B": "ccf"}), line("P", "professional")]
    data = session(
        "2021",
        lines,
        candidate("K1", {"G": "8", "P": "9"}),
        candidate("K2", {"G": "8", "P": "9"}, category="B"),
    )
    # both: (8 + 9) / 2 = 8,5 → controle; needed professional (20 − 8) / 1 = 12 → 12.00
    # K1 (category A by default): G is ponctuel: needed general (20 − 9) / 1 = 11 → 11.00
    # K2 (category B): G is ccf, the general oral changes nothing: null
    first, second = evaluate(data)
    assert (first["number"], first["decision"], first["average_exact"]) == (
        "K1",
        "controle",
        "17/2",
    )
    assert first["needed"] == {"general": "11.00", "professional": "12.00"}
    assert (second["number"], second["decision"]) == ("K2", "controle")
    assert second["needed"] == {"general": None, "professional": "12.00"}


def test_facultative_line_with_a_junk_domain_is_accepted(
    evaluate: Callable[[Json], list[Json]],
) -> None:
    data = session(
        "2022",
        [
            line("G"),
            line("P", "professional"),
            facultative("F", coefficient="2", domain="espace", discipline=42),
        ],
        candidate("C10", {"G": "9", "P": "9", "F": "12"}),
    )
    # points 9 + 9 = 18; bonus F 2·(12 − 10) = 4 → 22 / 2 = 11 (domain averages: no bonus)
    assert [figures(e) for e in evaluate(data)] == [
        {
            "number": "C10",
            "average": "11.00",
            "average_exact": "11",
            "domain_averages": {"general": "9.00", "professional": "9.00"},
            "decision": "admis",
        }
    ]


# ---------------------------------------------------------------------------------------
# general_oral_levels (R12)


@pytest.mark.parametrize(
    ("levels", "options"),
    [
        (None, ["GA"]),
        (1, ["GA"]),
        (2, ["GC", "GA", "GB"]),
        (3, ["GC", "GD", "GA", "GB"]),
        (9, ["GC", "GD", "GA", "GB"]),
    ],
    ids=["default", "k1", "k2", "k3", "k9"],
)
def test_general_oral_levels_widen_the_r12_offer(
    levels: int | None, options: list[str], evaluate: Callable[[Json], list[Json]]
) -> None:
    lines = [
        line("GC", coefficient="3"),
        line("GD", coefficient="2"),
        line("GA", coefficient="4"),
        line("GB", coefficient="3"),
        line("P1", "professional", coefficient="4"),
    ]
    extra = {} if levels is None else {"general_oral_levels": levels}
    data = session(
        "2021", lines, candidate("C11", dict.fromkeys(["GC", "GD", "GA", "GB", "P1"], "8")), **extra
    )
    # general coefficients 3, 2, 4, 3: top 1 value {4} → GA; top 2 {4, 3} → GC, GA, GB;
    # top 3 → all four, in règlement order. All 8 → average 8, controle.
    # Σcoef 16, points 128. needed general: group GC+GD+GA+GB (12, 96 points), outside 32:
    #   (160 − 32) / 12 = 10,666… → 10.67; professional: (160 − 96) / 4 = 16 → 16.00
    (entry,) = evaluate(data)
    assert entry["decision"] == "controle"
    assert entry["general_oral_options"] == options
    assert entry["needed"] == {"general": "10.67", "professional": "16.00"}


# ---------------------------------------------------------------------------------------
# Grades (R1, R2)


def test_codes_in_lower_case_with_spaces(evaluate: Callable[[Json], list[Json]]) -> None:
    lines = [line("G1"), line("G2"), line("P", "professional", coefficient="2")]
    data = session(
        "2022",
        lines,
        candidate("R1", {"G1": " abj ", "G2": "dis ", "P": "15"}),
        candidate("R2", {"G1": "20", "G2": " aBs ", "P": "20"}),
        candidate("R3", {"G1": "Dis", "G2": " DIS", "P": "12"}),
    )
    # R1: ABJ = 0, DIS out: (0 + 30) / (1 + 2) = 10 → admis; general 0 / 1 = 0,00
    #     (DIS taken as 0 would give 30 / 4 = 7,5)
    # R2: ABS = 0 in the averages: (20 + 0 + 40) / 4 = 15, general 20 / 2 = 10, but ajourne
    # R3: general all DIS → null (R8); 24 / 2 = 12 → admis
    assert [figures(e) for e in evaluate(data)] == [
        {
            "number": "R1",
            "average": "10.00",
            "average_exact": "10",
            "domain_averages": {"general": "0.00", "professional": "15.00"},
            "decision": "admis",
        },
        {
            "number": "R2",
            "average": "15.00",
            "average_exact": "15",
            "domain_averages": {"general": "10.00", "professional": "20.00"},
            "decision": "ajourne",
        },
        {
            "number": "R3",
            "average": "12.00",
            "average_exact": "12",
            "domain_averages": {"general": None, "professional": "12.00"},
            "decision": "admis",
        },
    ]


def test_grades_given_as_json_numbers(evaluate: Callable[[Json], list[Json]]) -> None:
    lines = [line("G1"), line("G2"), line("P", "professional", coefficient="2")]
    data = session("2022", lines, candidate("N1", {"G1": 12.5, "G2": 20, "P": "7"}))
    # (12,5 + 20 + 7·2) / 4 = 46,5 / 4 = 11,625 → 11.62 (truncated, R7), exact 93/8
    # general 32,5 / 2 = 16,25; professional 7
    assert [figures(e) for e in evaluate(data)] == [
        {
            "number": "N1",
            "average": "11.62",
            "average_exact": "93/8",
            "domain_averages": {"general": "16.25", "professional": "7.00"},
            "decision": "admis",
        }
    ]


def test_incomplet_candidate(evaluate: Callable[[Json], list[Json]]) -> None:
    lines = [line("G1"), line("G2"), line("P", "professional"), facultative("F")]
    data = session("2021", lines, candidate("I1", {"G1": "12", "P": "ABS"}))
    # G2 has no entry: incomplet even with an ABS (R9); no figure at all.
    assert [figures(e) for e in evaluate(data)] == [
        {
            "number": "I1",
            "average": None,
            "average_exact": None,
            "domain_averages": {"general": None, "professional": None},
            "decision": "incomplet",
        }
    ]


# ---------------------------------------------------------------------------------------
# Candidates


def test_output_follows_input_order(evaluate: Callable[[Json], list[Json]]) -> None:
    data = session(
        "2022",
        [line("G"), line("P", "professional")],
        candidate("Z9", {"G": "15", "P": "15"}),
        candidate("A1", {"G": "8", "P": "11"}),
        candidate("M5", {"G": "5", "P": "5"}),
        candidate("B2", {"G": "12"}),
    )
    # Z9 15 → admis; A1 19/2 = 9,5 with professional 11 → controle; M5 5 < 8 → ajourne;
    # B2 no entry for P → incomplet.
    assert [(e["number"], e["decision"]) for e in evaluate(data)] == [
        ("Z9", "admis"),
        ("A1", "controle"),
        ("M5", "ajourne"),
        ("B2", "incomplet"),
    ]


# ---------------------------------------------------------------------------------------
# Regime 2022 (R14–R17)

LINES_2022 = [
    line("E21", discipline="E2"),
    line("G1", coefficient="2"),
    line("G3"),
    line("E22", discipline="E2", mode="ccf"),
    line("P1", "professional", coefficient="4"),
]
GRADES_2022 = {"E21": "8", "G1": "6", "G3": "DIS", "E22": "9", "P1": "11"}
# Σcoef without G3 (DIS) = 1 + 2 + 1 + 4 = 8; points 8 + 12 + 9 + 44 = 73 → 73/8 = 9,125 → 9.12
# general (8 + 12 + 9) / 4 = 7,25; professional 11 ≥ 10 and 8 ≤ 9,125 < 10 → controle (R14)
# options (R15): E2 (first line E21 comes first), G1; not G3, DIS on its every line.
# needed E2: E21 + E22 (ccf plays no part in 2022), 17 points on 2, outside 56:
#   (80 − 56) / 2 = 12 → 12.00; G1: 12 on 2, outside 61: (80 − 61) / 2 = 9,5 → 9.50
FIRST_GROUP_2022 = {
    "number": "D1",
    "average": "9.12",
    "average_exact": "73/8",
    "domain_averages": {"general": "7.25", "professional": "11.00"},
    "decision": "controle",
    "general_oral_options": ["E2", "G1"],
    "needed": {"E2": "12.00", "G1": "9.50"},
}


def test_2022_needed_keys_are_the_options(evaluate: Callable[[Json], list[Json]]) -> None:
    (entry,) = evaluate(session("2022", LINES_2022, candidate("D1", GRADES_2022)))
    assert figures(entry) == FIRST_GROUP_2022
    assert list(entry["needed"]) == entry["general_oral_options"]


@pytest.mark.parametrize(
    ("disciplines", "final"),
    [
        ({}, ("9.12", "ajourne")),
        ({"G1": None, "E2": None}, ("9.12", "ajourne")),
        # G1 14 > 6: 28 instead of 12 (+16); E2 8 < 17/2: unchanged → 89/8 = 11,125 → 11.12
        ({"G1": "14", "E2": "8"}, ("11.12", "admis")),
        # E2 11 > 8,5: 22 instead of 17 (+5) → 78/8 = 9,75 → 9.75
        ({"E2": 11}, ("9.75", "ajourne")),
    ],
    ids=["empty", "null-grades", "best-of", "one-oral"],
)
def test_2022_orals_give_a_final_average(
    disciplines: Json, final: tuple[str, str], evaluate: Callable[[Json], list[Json]]
) -> None:
    data = session(
        "2022", LINES_2022, candidate("D1", GRADES_2022, orals={"disciplines": disciplines})
    )
    (entry,) = evaluate(data)
    assert figures(entry) == {
        **FIRST_GROUP_2022,
        "final_average": final[0],
        "final_decision": final[1],
    }


def test_r15_controle_disciplines_narrow_the_2022_offer(
    evaluate: Callable[[Json], list[Json]],
) -> None:
    # R15, §6: only G1 is opened, so E2 is not offered; the rest as FIRST_GROUP_2022.
    data = session("2022", LINES_2022, candidate("D1", GRADES_2022))
    data["specialty"]["controle_disciplines"] = ["G1"]
    (entry,) = evaluate(data)
    assert figures(entry) == {
        **FIRST_GROUP_2022,
        "general_oral_options": ["G1"],
        "needed": {"G1": "9.50"},
    }


def test_r15_an_oral_in_a_listed_two_line_discipline_is_accepted(
    evaluate: Callable[[Json], list[Json]],
) -> None:
    # R15, §6: E2 (two lines) is the only discipline opened; an oral in it is accepted and
    # counts as in the "one-oral" case above: 78/8 = 9,75 → ajourné.
    data = session(
        "2022", LINES_2022, candidate("D1", GRADES_2022, orals={"disciplines": {"E2": "11"}})
    )
    data["specialty"]["controle_disciplines"] = ["E2"]
    (entry,) = evaluate(data)
    assert entry["general_oral_options"] == ["E2"]
    assert list(entry["needed"]) == ["E2"]
    assert (entry["final_average"], entry["final_decision"]) == ("9.75", "ajourne")


def test_r15_controle_disciplines_play_no_part_in_2021(
    evaluate: Callable[[Json], list[Json]],
) -> None:
    # 73/8 < 10 without ABS → controle (R10). R12: E2 (1 + 1 = 2) and G1 (2) tie above G3 (1):
    # E2, G1 in règlement order, whatever the list says (checked, not used).
    data = session("2021", LINES_2022, candidate("D1", GRADES_2022))
    data["specialty"]["controle_disciplines"] = ["G3"]
    (entry,) = evaluate(data)
    assert entry["decision"] == "controle"
    assert entry["general_oral_options"] == ["E2", "G1"]


def test_long_coefficients_stay_exact(evaluate: Callable[[Json], list[Json]]) -> None:
    # R4, R12 "compared exactly", §6 average_exact: a coefficient with 28 decimals must not
    # be rounded to the 28 significant digits of Python's default decimal context.
    lines = [
        line("G", coefficient="1.0000000000000000000000000001"),
        line("H"),
        line("P", "professional"),
    ]
    data = session("2021", lines, candidate("X1", {"G": "20", "H": "0", "P": "9"}))
    # c = 1 + 10⁻²⁸ = (10²⁸ + 1) / 10²⁸. Average (20c + 9) / (c + 2)
    #   = (20·10²⁸ + 20 + 9·10²⁸) / (10²⁸ + 1 + 2·10²⁸) = (29·10²⁸ + 20) / (3·10²⁸ + 1),
    #   in lowest terms (their gcd divides 31, and 10²⁸ ≡ 9 mod 31) → 9,666… → 9.66
    # general 20c / (c + 1) = 10 + tiny → 10.00; R12: G (c) > H (1) → G alone.
    # needed general (G + H ponctuel): (10(c + 2) − 9) / (c + 1) = 10 + 1/(c + 1) → 10.50
    # needed professional: 10(c + 2) − 20c = 20 − 10c = 10 − 10⁻²⁷ → rounded up 10.00
    assert [figures(e) for e in evaluate(data)] == [
        {
            "number": "X1",
            "average": "9.66",
            "average_exact": f"{29 * 10**28 + 20}/{3 * 10**28 + 1}",
            "domain_averages": {"general": "10.00", "professional": "9.00"},
            "decision": "controle",
            "general_oral_options": ["G"],
            "needed": {"general": "10.50", "professional": "10.00"},
        }
    ]
