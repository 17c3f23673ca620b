"""The jury's results as the measure of the parcours (issue 7): indicators built from a class
file and a jury session of the same students, checked against counts done by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from btsdesk.app.consolidation import indicators_with_jury, jury_outcomes
from btsdesk.app.demo import demo_reglement
from btsdesk.core.consolidation import (
    Answer,
    BacOrigin,
    Measure,
    Outcome,
    Proposal,
    Status,
    Student,
)
from btsdesk.core.errors import InvalidInput
from btsdesk.store.class_file import ClassStore
from btsdesk.store.session import Candidate, SessionDetails, SessionStore

LINES = ("E1", "E21", "E22", "E3", "E41", "E42", "E5", "E6")
ADMIS = dict.fromkeys(LINES, 1000)  # exactly 10 everywhere: admis (R14)
AJOURNE = dict.fromkeys(LINES, 500)  # 5 everywhere, under 8: ajourné (R14)

PRO, TECH, GEN = BacOrigin.PROFESSIONNEL, BacOrigin.TECHNOLOGIQUE, BacOrigin.GENERAL
WITH = Proposal(True, frozenset({Measure.ACCOMPAGNEMENT_PERSONNALISE}), 2, Answer.ACCEPTE)
REFUSED = Proposal(True, frozenset({Measure.METHODOLOGIE}), 3, Answer.REFUSE)

# number, origin, proposal, outcome recorded in the class file, jury decision in the session
CLASS = [
    ("0001", PRO, WITH, Outcome.PASSAGE_2E_ANNEE, "admis"),  # → BTS en 2 ans
    ("0002", PRO, WITH, Outcome.PASSAGE_2E_ANNEE, "ajourne"),  # → échec au BTS
    ("0003", PRO, REFUSED, Outcome.PASSAGE_2E_ANNEE, "admis"),  # refused: without parcours
    ("0004", PRO, None, Outcome.ABANDON, None),  # not in the session
    ("0005", TECH, None, Outcome.PASSAGE_2E_ANNEE, "ajourne"),  # → échec au BTS
    ("0006", GEN, None, Outcome.REDOUBLEMENT, None),  # not in the session
    ("0007", PRO, WITH, Outcome.REDOUBLEMENT, None),  # not in the session
    ("0008", PRO, WITH, Outcome.PASSAGE_2E_ANNEE, "aucune"),  # in it, no decision yet
]


def make_class(path) -> ClassStore:
    store = ClassStore.create(
        path,
        year=2024,
        etablissement="Lycée",
        division="1MCO",
        specialty_label="MCO",
        operator="Mme Durand",
    )
    store.add_students(
        [
            Student(number, f"Nom{number}", "Prénom", origin, "", Status.ETUDIANT)
            for number, origin, *_ in CLASS
        ],
        source="essai",
    )
    for number, _, proposal, outcome, _ in CLASS:
        if proposal is not None:
            store.set_proposal(number, proposal)
        store.set_outcome(number, outcome)
    return store


def make_session(path, year: int, decisions: dict[str, str]) -> SessionStore:
    store = SessionStore.create(
        path,
        reglement=demo_reglement(),
        details=SessionDetails(year=year, specialty_code="MCO", regime="2022"),
        operator="Mme Durand",
    )
    store.add_candidates(
        [Candidate(number, f"Nom{number}", "Prénom") for number in [*decisions, "0100"]],
        source="essai",
    )
    for number, decision in decisions.items():
        if decision == "aucune":
            continue
        for line, cents in (ADMIS if decision == "admis" else AJOURNE).items():
            store.set_grade(number, line, cents)
    store.set_phase("deliberation")  # decisions are recorded in délibération (R24)
    for number, decision in decisions.items():
        if decision != "aucune":
            store.record_decision(number, "premier_groupe", decision)
    return store


@pytest.fixture
def stores(tmp_path):
    decisions = {number: decision for number, *_, decision in CLASS if decision}
    with (
        make_class(tmp_path / "classe.btsdesk") as class_store,
        make_session(tmp_path / "jury.btsdesk", 2026, decisions) as session_store,
    ):
        yield class_store, session_store


def test_the_jury_gives_the_outcomes_of_the_same_students(stores):
    class_store, session_store = stores
    assert jury_outcomes(class_store, session_store) == {
        "0001": Outcome.BTS_2_ANS,
        "0002": Outcome.ECHEC_BTS,
        "0003": Outcome.BTS_2_ANS,
        "0005": Outcome.ECHEC_BTS,
    }  # 0008 has no decision, 0100 is not in the class


def test_indicators_from_a_class_file_and_a_jury_session_match_hand_counts(stores):
    class_store, session_store = stores
    result = indicators_with_jury(class_store, session_store)
    # bac pro with parcours: 0001 BTS 2 ans, 0002 échec, 0007 redoublement, 0008 passage
    # → 4 students; passed into 2nd year 0001, 0002, 0008 = 3; no drop-out; 1 BTS in 2 years.
    pro_with = result.group(PRO, True)
    assert (
        pro_with.total,
        pro_with.passed_second_year,
        pro_with.dropped_out,
        pro_with.bts_in_2_years,
        pro_with.bts_in_3_years,
    ) == (4, 3, 0, 1, 0)
    assert pro_with.passage_rate == Fraction(3, 4)
    # bac pro without parcours: 0003 (refused the parcours) BTS 2 ans, 0004 abandon
    # → 2 students; 1 passed; 1 drop-out; 1 BTS in 2 years.
    pro_without = result.group(PRO, False)
    assert (
        pro_without.total,
        pro_without.passed_second_year,
        pro_without.dropped_out,
        pro_without.bts_in_2_years,
    ) == (2, 1, 1, 1)
    # bac techno without: 0005 échec (passed, sat the exam); bac général without: 0006
    # redoublement (not passed).
    assert (result.group(TECH, False).total, result.group(TECH, False).passed_second_year) == (1, 1)
    assert (result.group(GEN, False).total, result.group(GEN, False).passed_second_year) == (1, 0)
    # Whole class: 8 students; passed 3 + 1 + 1 + 0 = 5; 1 drop-out; 2 BTS in 2 years.
    overall = result.overall
    assert (
        overall.total,
        overall.passed_second_year,
        overall.dropped_out,
        overall.bts_in_2_years,
        overall.bts_in_3_years,
    ) == (8, 5, 1, 2, 0)
    assert result.rows()[-1] == (
        "Ensemble",
        "",
        "8",
        "5",
        "62,5 %",
        "1",
        "12,5 %",
        "2",
        "25,0 %",
        "0",
        "0,0 %",
    )
    # Nothing was written to the class file: its own outcomes are unchanged.
    assert class_store.outcomes()["0001"] is Outcome.PASSAGE_2E_ANNEE


def test_a_session_three_years_after_gives_bts_in_three_years(tmp_path):
    with (
        make_class(tmp_path / "classe.btsdesk") as class_store,
        make_session(
            tmp_path / "jury.btsdesk", 2027, {"0007": "admis", "0006": "ajourne"}
        ) as session,
    ):
        assert jury_outcomes(class_store, session) == {
            "0007": Outcome.BTS_3_ANS,
            "0006": Outcome.ECHEC_BTS,
        }
        counts = indicators_with_jury(class_store, session).overall
        assert (counts.bts_in_2_years, counts.bts_in_3_years) == (0, 1)


def test_a_session_too_late_for_the_class_is_refused_in_french(tmp_path):
    with (
        make_class(tmp_path / "classe.btsdesk") as class_store,
        make_session(tmp_path / "jury.btsdesk", 2028, {"0001": "admis"}) as session,
        pytest.raises(InvalidInput, match="4 an\\(s\\) après l'entrée en première année"),
    ):
        jury_outcomes(class_store, session)


def test_the_pv_gives_the_results_by_origin_and_parcours(stores):
    import io
    import re

    from pypdf import PdfReader

    from btsdesk.app.consolidation import copy_to_session
    from btsdesk.app.documents import by_origin, produce
    from btsdesk.app.session import JurySession

    class_store, session_store = stores
    # Session candidates 0001, 0002, 0003, 0005, 0008 are in the class (0100 is not).
    assert copy_to_session(class_store, session_store) == 5
    assert copy_to_session(class_store, session_store) == 0  # nothing changes twice
    # By hand: bac pro with parcours = 0001 (admis), 0002 (ajourné), 0008 (no grade:
    # incomplet) → 1 admitted of 3; bac pro without (0003 refused the parcours, admis) → 1 of 1;
    # bac techno without (0005, ajourné) → 0 of 1. 0100 has no origin: left out.
    session = JurySession(session_store)
    assert by_origin(session, "premier groupe") == (
        ("bac professionnel, avec parcours", 1, 3),
        ("bac professionnel, sans parcours", 1, 1),
        ("bac technologique, sans parcours", 0, 1),
    )
    pv = produce(session, "pv_premier_groupe")
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pv.data)).pages)
    )
    assert "Résultats par bac d'origine et par parcours de consolidation" in text
    assert "bac professionnel, avec parcours 1 3" in text
