"""The demo session shows every case a jury meets (issue 2, item 6)."""

from __future__ import annotations

import json
from fractions import Fraction

from btsdesk.app.demo import demo_session
from btsdesk.cli import main
from btsdesk.core.grades import Code
from btsdesk.core.results import Decision
from btsdesk.io.exchange import read_session


def _results(regime: str = "2022"):
    session = read_session(json.loads(json.dumps(demo_session(regime=regime))))
    evaluator = session.evaluator()
    return session, [evaluator.evaluate(c) for c in session.candidates]


def test_demo_has_forty_candidates_in_categories_a_and_c():
    session, results = _results()
    assert len(results) == 40
    assert {c.category for c in session.candidates} == {"A", "C"}
    assert session.specialty.code == "MCO"
    assert session.specialty.version == "2018"


def test_demo_has_absences_a_dispensed_line_and_a_facultative_lv2():
    session, _ = _results()
    entries = {v for c in session.candidates for v in c.grades.values()}
    assert {Code.ABS, Code.ABJ, Code.DIS} <= entries
    assert any(isinstance(c.grades.get("EF1"), int) for c in session.candidates)


def test_demo_has_candidates_around_the_thresholds():
    _, results = _results()
    averages = [r.average for r in results if r.average is not None]
    ten, eight = Fraction(10), Fraction(8)
    assert ten in averages
    assert eight in averages
    assert any(ten - Fraction(1, 10) < a < ten for a in averages)
    assert any(ten < a < ten + Fraction(1, 10) for a in averages)
    assert any(eight - Fraction(1, 10) < a < eight for a in averages)
    decisions = {r.decision for r in results}
    assert decisions == set(Decision)


def test_demo_command_writes_a_session_that_evaluates(tmp_path, capsys):
    out = tmp_path / "demo.json"
    assert main(["demo", "--out", str(out), "--candidates", "12", "--regime", "2021"]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(out)]) == 0
    evaluated = json.loads(capsys.readouterr().out)["candidates"]
    assert len(evaluated) == 12
    # Regime 2021 has no lower bound (R10): the 7,92 candidate goes to the orals.
    assert evaluated[4]["average"] == "7.92"
    assert evaluated[4]["decision"] == "controle"


def test_demo_is_reproducible():
    assert demo_session(seed=5) == demo_session(seed=5)
    assert demo_session(seed=5) != demo_session(seed=6)
