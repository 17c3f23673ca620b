"""The parcours de consolidation (domain.md §8): observations, proposals, the conseil de
classe's counts and the comité de suivi's indicators.

Every expected count and percentage is worked by hand in the comment next to it; percentages
are truncated to one decimal, never rounded (2/3 → 66,6 %)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from btsdesk.core.consolidation import (
    INDICATOR_COLUMNS,
    Answer,
    BacOrigin,
    Followed,
    Level,
    Measure,
    Observations,
    Outcome,
    Proposal,
    Status,
    Student,
    at_risk,
    conseil_counts,
    indicators,
    percent_text,
)
from btsdesk.core.errors import InvalidInput

S, F, X = Level.SATISFAISANT, Level.FRAGILE, Level.INSUFFISANT  # X: insuffisant
PRO, TECHNO, GEN, OTHER = (
    BacOrigin.PROFESSIONNEL,
    BacOrigin.TECHNOLOGIQUE,
    BacOrigin.GENERAL,
    BacOrigin.AUTRE,
)
ACC, REF, WAIT = Answer.ACCEPTE, Answer.REFUSE, Answer.EN_ATTENTE


def obs(
    academic: Level = S, method: Level = S, autonomy: Level = S, attendance: Level = S
) -> Observations:
    return Observations(academic, method, autonomy, attendance)


def offered(answer: Answer, years: int = 2) -> Proposal:
    return Proposal(True, frozenset({Measure.GROUPES_REDUITS, Measure.METHODOLOGIE}), years, answer)


NOT_PROPOSED = Proposal(False, frozenset(), 2, WAIT)


def one(
    number: str,
    origin: BacOrigin,
    outcome: Outcome,
    *,
    observations: Observations | None = None,
    proposal: Proposal | None = None,
) -> Followed:
    specialty = "MELEC" if origin is PRO else ""
    student = Student(number, f"NOM{number}", "Prénom", origin, specialty, Status.ETUDIANT)
    return Followed(student, observations, proposal, outcome)


# A class of 12 first-year students. "parcours" = proposed and accepted.
CLASS = [
    # bac pro with parcours (3): P1, P2, P3
    one("P1", PRO, Outcome.PASSAGE_2E_ANNEE, observations=obs(academic=X), proposal=offered(ACC)),
    one(
        "P2",
        PRO,
        Outcome.BTS_3_ANS,
        observations=obs(method=F, autonomy=F),
        proposal=offered(ACC, years=3),
    ),
    one("P3", PRO, Outcome.ABANDON, observations=obs(autonomy=X), proposal=offered(ACC)),
    # bac pro without parcours (4): refused, pending, not proposed, no proposal recorded
    one(
        "P4",
        PRO,
        Outcome.REDOUBLEMENT,
        observations=obs(academic=F, autonomy=F),
        proposal=offered(REF),
    ),
    one("P5", PRO, Outcome.BTS_2_ANS, observations=obs(method=F), proposal=offered(WAIT)),
    one("P6", PRO, Outcome.BTS_2_ANS, observations=obs(), proposal=NOT_PROPOSED),
    one("P7", PRO, Outcome.ABANDON),
    # bac techno: T3 with parcours (1); T1, T2 without (2)
    one("T1", TECHNO, Outcome.ECHEC_BTS, observations=obs(method=X)),
    one("T2", TECHNO, Outcome.EN_COURS),
    one(
        "T3",
        TECHNO,
        Outcome.BTS_2_ANS,
        observations=obs(academic=F, attendance=F),
        proposal=offered(ACC),
    ),
    # bac général (1) and other origin (1), without parcours
    one("G1", GEN, Outcome.PASSAGE_2E_ANNEE),
    one("A1", OTHER, Outcome.ABANDON),
]


# ---------------------------------------------------------------------------------------------
# Percentages


def test_percentages_are_truncated_to_one_decimal() -> None:
    assert percent_text(Fraction(1, 3)) == "33,3 %"  # 33.33…
    assert percent_text(Fraction(2, 3)) == "66,6 %"  # 66.66…, rounding would give 66,7
    assert percent_text(Fraction(7, 12)) == "58,3 %"  # 58.33…
    assert percent_text(Fraction(1, 12)) == "8,3 %"  # 8.33…
    assert percent_text(Fraction(999, 1000)) == "99,9 %"
    assert percent_text(Fraction(9999, 10000)) == "99,9 %"  # 99.99, not 100,0
    assert percent_text(Fraction(1, 10000)) == "0,0 %"  # 0.01
    assert percent_text(Fraction(1, 8)) == "12,5 %"  # exact
    assert percent_text(Fraction(0)) == "0,0 %"
    assert percent_text(Fraction(1)) == "100,0 %"
    assert percent_text(Fraction(1, 3), space="\u00a0") == "33,3\u00a0%"


# ---------------------------------------------------------------------------------------------
# Observations


@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        (obs(), False),  # all satisfaisant
        (obs(academic=F), False),  # one fragile: not yet
        (obs(academic=F, method=F), True),  # two fragile
        (obs(method=F, autonomy=F), True),  # two fragile, another pair
        (obs(academic=F, method=F, autonomy=F), True),  # three fragile
        (obs(autonomy=X), True),  # one insuffisant is enough
        (obs(academic=X, method=F), True),
        (obs(attendance=X), False),  # attendance alone does not count (product decision)
        (obs(method=F, attendance=F), False),  # attendance is not a second fragile dimension
        (obs(method=F, attendance=X), False),
    ],
)
def test_at_risk_boundaries(observations: Observations, expected: bool) -> None:
    assert at_risk(observations) is expected


def test_observations_labelled_in_french() -> None:
    labelled = Observations(X, F, S, F, note="absent en octobre").labelled()
    assert labelled == (
        ("acquis académiques", X),
        ("méthodologie", F),
        ("autonomie dans le travail personnel", S),
        ("assiduité", F),
    )


# ---------------------------------------------------------------------------------------------
# Proposals


def test_planned_length_other_than_two_or_three_years_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        offered(ACC, years=4)
    assert str(caught.value) == "durée prévue : 2 ou 3 ans, pas 4"
    with pytest.raises(InvalidInput, match=r"^durée prévue : 2 ou 3 ans, pas 1$"):
        offered(ACC, years=1)
    with pytest.raises(InvalidInput, match=r"^durée prévue : 2 ou 3 ans, pas 4$"):
        Proposal(False, frozenset(), 4, WAIT)  # even when not proposed
    assert offered(ACC, years=2).planned_years == 2
    assert offered(ACC, years=3).planned_years == 3


def test_proposed_parcours_needs_a_measure() -> None:
    with pytest.raises(InvalidInput) as caught:
        Proposal(True, frozenset(), 2, ACC)
    assert str(caught.value) == "parcours proposé sans mesure : choisir au moins une mesure"


def test_parcours_not_proposed_has_no_measure() -> None:
    with pytest.raises(InvalidInput) as caught:
        Proposal(False, frozenset({Measure.AMENAGEMENT_STAGES, Measure.GROUPES_REDUITS}), 2, WAIT)
    # listed in the order of the circular, not of the set
    assert str(caught.value) == (
        "parcours non proposé : aucune mesure à retenir (groupes à "
        "effectifs réduits, aménagement de la durée des stages)"
    )


def test_other_measure_must_be_described_and_only_with_autre() -> None:
    with pytest.raises(InvalidInput, match=r"^mesure « autre » : préciser laquelle$"):
        Proposal(True, frozenset({Measure.AUTRE}), 2, WAIT, other_measure="  ")
    with pytest.raises(InvalidInput) as caught:
        Proposal(True, frozenset({Measure.METHODOLOGIE}), 2, WAIT, other_measure="tutorat")
    assert str(caught.value) == "précision « tutorat » donnée sans la mesure « autre »"
    kept = Proposal(True, frozenset({Measure.AUTRE}), 3, WAIT, other_measure="tutorat")
    assert kept.other_measure == "tutorat"


def test_parcours_means_proposed_and_accepted() -> None:
    assert offered(ACC).parcours
    assert not offered(REF).parcours
    assert not offered(WAIT).parcours
    assert not Proposal(False, frozenset(), 2, ACC).parcours  # an answer without a proposal


def test_specialty_only_for_a_bac_pro() -> None:
    with pytest.raises(InvalidInput) as caught:
        Student("T9", "MARTIN", "Léa", TECHNO, "MELEC", Status.APPRENTI)
    assert str(caught.value) == (
        "étudiant T9 : spécialité de bac pro « MELEC » pour un bac technologique"
    )
    with pytest.raises(InvalidInput, match=r"^étudiant MARTIN Léa : numéro manquant$"):
        Student(" ", "MARTIN", "Léa", PRO, "", Status.APPRENTI)
    assert Student("P9", "MARTIN", "Léa", PRO, "", Status.APPRENTI).bac_pro_specialty == ""


# ---------------------------------------------------------------------------------------------
# The conseil de classe


def test_conseil_counts_of_the_class() -> None:
    assert conseil_counts(CLASS) == {
        "bacheliers professionnels": 7,  # P1 … P7
        # P1 (academic X), P2 (two F), P3 (autonomy X), P4 (two F), T1 (method X); not P5
        # (one F), P6, T3 (one F + attendance F), nor the unobserved P7, T2, G1, A1
        "repérés à risque": 5,
        "parcours proposés": 6,  # P1 P2 P3 P4 P5 T3 (P6 not proposed, P7 none recorded)
        "parcours acceptés": 4,  # P1 P2 P3 T3
        "parcours refusés": 1,  # P4
        "réponses en attente": 1,  # P5
    }
    assert list(conseil_counts(CLASS)) == [
        "bacheliers professionnels",
        "repérés à risque",
        "parcours proposés",
        "parcours acceptés",
        "parcours refusés",
        "réponses en attente",
    ]


def test_conseil_counts_follow_an_answer() -> None:
    # P5 answers: pending 1 → 0, accepted 4 → 5
    answered = [
        f
        if f.student.number != "P5"
        else Followed(f.student, f.observations, offered(ACC), f.outcome)
        for f in CLASS
    ]
    counts = conseil_counts(answered)
    assert (counts["parcours acceptés"], counts["réponses en attente"]) == (5, 0)


def test_a_student_counted_twice_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^étudiant P1 présent deux fois$"):
        conseil_counts([*CLASS, CLASS[0]])
    with pytest.raises(InvalidInput, match=r"^étudiant P1 présent deux fois$"):
        indicators([*CLASS, CLASS[0]])


# ---------------------------------------------------------------------------------------------
# Indicators of the comité de suivi


def test_indicators_of_the_class_equal_the_hand_count() -> None:
    result = indicators(CLASS)

    # bac pro with parcours: P1 (passage), P2 (BTS 3 ans), P3 (abandon)
    pro_with = result.group(PRO, True)
    assert (
        pro_with.total,
        pro_with.passed_second_year,
        pro_with.dropped_out,
        pro_with.bts_in_2_years,
        pro_with.bts_in_3_years,
    ) == (3, 2, 1, 0, 1)
    assert pro_with.passage_rate == Fraction(2, 3)  # P1 and P2 passed: 66,6 %
    assert pro_with.dropout_rate == Fraction(1, 3)
    assert pro_with.bts_2_years_rate == Fraction(0)
    assert pro_with.bts_3_years_rate == Fraction(1, 3)

    # bac pro without: P4 (refused, redoublement), P5 (pending, BTS 2 ans), P6 (not proposed,
    # BTS 2 ans), P7 (no proposal, abandon) → passed P5 P6, dropped P7, BTS in 2 years P5 P6
    pro_without = result.group(PRO, False)
    assert (
        pro_without.total,
        pro_without.passed_second_year,
        pro_without.dropped_out,
        pro_without.bts_in_2_years,
        pro_without.bts_in_3_years,
    ) == (4, 2, 1, 2, 0)
    assert pro_without.passage_rate == Fraction(1, 2)
    assert pro_without.dropout_rate == Fraction(1, 4)

    # bac techno with parcours: T3 (BTS 2 ans); without: T1 (échec BTS = passed), T2 (en cours)
    techno_with, techno_without = result.group(TECHNO, True), result.group(TECHNO, False)
    assert (techno_with.total, techno_with.passed_second_year, techno_with.bts_in_2_years) == (
        1,
        1,
        1,
    )
    assert (
        techno_without.total,
        techno_without.passed_second_year,
        techno_without.dropped_out,
        techno_without.bts_in_2_years,
    ) == (2, 1, 0, 0)

    # général: G1 passed; other origin: A1 dropped out; nobody of them with a parcours
    assert result.group(GEN, False).passed_second_year == 1
    assert result.group(OTHER, False).dropped_out == 1
    assert result.group(GEN, True).total == 0
    assert result.group(GEN, True).passage_rate is None

    # whole class: 12; passed P1 P2 P5 P6 T1 T3 G1 = 7; dropped P3 P7 A1 = 3;
    # BTS in 2 years P5 P6 T3 = 3; in 3 years P2 = 1
    overall = result.overall
    assert (
        overall.total,
        overall.passed_second_year,
        overall.dropped_out,
        overall.bts_in_2_years,
        overall.bts_in_3_years,
    ) == (12, 7, 3, 3, 1)
    assert overall.passage_rate == Fraction(7, 12)
    assert sum(c.total for c in result.groups) == 12
    assert len(result.groups) == 8  # 4 origins × with / without


def test_indicator_rows_in_french() -> None:
    assert indicators(CLASS).rows() == [
        INDICATOR_COLUMNS,
        # 2/3 → 66,6 %; 1/3 → 33,3 %
        (
            "bac professionnel",
            "avec parcours",
            "3",
            "2",
            "66,6 %",
            "1",
            "33,3 %",
            "0",
            "0,0 %",
            "1",
            "33,3 %",
        ),
        # 2/4 → 50,0 %; 1/4 → 25,0 %
        (
            "bac professionnel",
            "sans parcours",
            "4",
            "2",
            "50,0 %",
            "1",
            "25,0 %",
            "2",
            "50,0 %",
            "0",
            "0,0 %",
        ),
        (
            "bac technologique",
            "avec parcours",
            "1",
            "1",
            "100,0 %",
            "0",
            "0,0 %",
            "1",
            "100,0 %",
            "0",
            "0,0 %",
        ),
        # T1 passed (échec au BTS after second year), T2 still in first year: 1/2
        (
            "bac technologique",
            "sans parcours",
            "2",
            "1",
            "50,0 %",
            "0",
            "0,0 %",
            "0",
            "0,0 %",
            "0",
            "0,0 %",
        ),
        # no "bac général avec parcours" nor "autre origine avec parcours": empty groups
        (
            "bac général",
            "sans parcours",
            "1",
            "1",
            "100,0 %",
            "0",
            "0,0 %",
            "0",
            "0,0 %",
            "0",
            "0,0 %",
        ),
        (
            "autre origine",
            "sans parcours",
            "1",
            "0",
            "0,0 %",
            "1",
            "100,0 %",
            "0",
            "0,0 %",
            "0",
            "0,0 %",
        ),
        # 7/12 = 58,33… → 58,3 %; 3/12 → 25,0 %; 1/12 = 8,33… → 8,3 %
        ("Ensemble", "", "12", "7", "58,3 %", "3", "25,0 %", "3", "25,0 %", "1", "8,3 %"),
    ]
    assert len(INDICATOR_COLUMNS) == 11


def test_indicators_of_an_empty_class() -> None:
    assert indicators([]).rows() == [
        INDICATOR_COLUMNS,
        ("Ensemble", "", "0", "0", "—", "0", "—", "0", "—", "0", "—"),
    ]


def test_labels_are_french() -> None:
    assert [o.label for o in BacOrigin] == [
        "bac professionnel",
        "bac technologique",
        "bac général",
        "autre origine",
    ]
    assert [m.label for m in Measure] == [
        "groupes à effectifs réduits",
        "accompagnement personnalisé",
        "méthodologie",
        "aménagement de la durée des stages",
        "autre",
    ]
    assert [a.label for a in Answer] == ["accepté", "refusé", "en attente"]
    assert [s.label for s in Status] == ["étudiant", "apprenti"]
    assert [level.label for level in Level] == ["satisfaisant", "fragile", "insuffisant"]
    assert BacOrigin("general") is GEN
    assert Outcome.BTS_3_ANS.label == "BTS obtenu en 3 ans"
