"""The parcours de consolidation's documents (§8): the proposal letters, the conseil de classe's
summary and the comité de suivi's indicators, checked by their extracted text."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from btsdesk.core.consolidation import (
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
    conseil_counts,
    indicators,
    percent_text,
)
from btsdesk.documents.consolidation import (
    conseil_summary_pdf,
    indicators_pdf,
    proposal_letters_pdf,
)
from btsdesk.documents.model import ClassHeader, ProposalLetter
from tests.documents.support import normal, page_count, pages_text

CONSEIL = date(2026, 11, 12)
ISSUED = date(2026, 11, 16)

NDIAYE = Student(
    "C2026-001",
    "N'Diaye",
    "Émilie-Françoise",
    BacOrigin.PROFESSIONNEL,
    "Métiers du commerce et de la vente",
    Status.ETUDIANT,
)
LEFEVRE = Student("C2026-002", "Lefèvre", "Hugo", BacOrigin.PROFESSIONNEL, "", Status.APPRENTI)
EMERY = Student("C2026-003", "Émery", "Chloé", BacOrigin.TECHNOLOGIQUE, "", Status.ETUDIANT)
BENALI = Student("C2026-004", "Benali", "Yanis", BacOrigin.GENERAL, "", Status.ETUDIANT)
ADDRESS = "Résidence Les Tilleuls, bât. C\n14 avenue de la Division-Leclerc\n94240 L'HAŸ-LES-ROSES"


def class_header(**changes: object) -> ClassHeader:
    values: dict[str, object] = dict(
        etablissement="Lycée Jean-Moulin",
        address="1 place des Minimes\n69005 Lyon",
        academie="Académie de Lyon",
        year=2026,
        division="1re année BTS MCO A",
        specialty="BTS Management commercial opérationnel (MCO, 2018)",
        head="Mme Claire Fontaine",
        place="Lyon",
    )
    values.update(changes)
    return ClassHeader(**values)  # type: ignore[arg-type]


def proposal(
    *measures: Measure, years: int = 3, answer: Answer = Answer.EN_ATTENTE, other: str = ""
) -> Proposal:
    return Proposal(True, frozenset(measures), years, answer, other_measure=other)


NDIAYE_LETTER = ProposalLetter(
    NDIAYE,
    ADDRESS,
    CONSEIL,
    proposal(Measure.GROUPES_REDUITS, Measure.METHODOLOGIE, Measure.AMENAGEMENT_STAGES),
    ISSUED,
)


def test_a_letter_names_the_student_with_her_accents_and_her_family():
    text = pages_text(proposal_letters_pdf(class_header(), [NDIAYE_LETTER]))[0]
    assert "Émilie-Françoise N'DIAYE" in text
    assert "À l'attention d'Émilie-Françoise N'DIAYE et de sa famille" in text
    assert "94240 L'HAŸ-LES-ROSES" in text  # the window address
    assert "Proposition d'un parcours de consolidation" in text
    assert "Réuni le 12 novembre 2026, le conseil de classe" in text
    assert "Fait à Lyon, le 16 novembre 2026" in text
    assert "La cheffe d'établissement" in text
    assert "Mme Claire Fontaine" in text


def test_a_letter_lists_the_measures_chosen_in_french_and_only_them():
    text = pages_text(proposal_letters_pdf(class_header(), [NDIAYE_LETTER]))[0]
    assert "Groupes à effectifs réduits" in text
    assert "Méthodologie" in text
    assert "Aménagement de la durée des stages" in text
    assert "Accompagnement personnalisé" not in text


def test_a_letter_says_what_the_parcours_is_and_that_no_exam_rule_changes():
    text = pages_text(proposal_letters_pdf(class_header(), [NDIAYE_LETTER]))[0]
    assert "organisation temporaire et personnalisée de votre formation" in text
    assert "Elle ne change aucune règle de l'examen" in text


@pytest.mark.parametrize(
    ("years", "shown", "not_shown"),
    [(3, "BTS en 3 ans", "BTS en 2 ans"), (2, "BTS en 2 ans", "BTS en 3 ans")],
)
def test_a_letter_gives_the_planned_length(years: int, shown: str, not_shown: str):
    letter = ProposalLetter(
        LEFEVRE,
        "3 rue Victor-Hugo\n69003 LYON",
        CONSEIL,
        proposal(Measure.ACCOMPAGNEMENT_PERSONNALISE, years=years),
        ISSUED,
    )
    text = pages_text(proposal_letters_pdf(class_header(head="M. Paul Vidal"), [letter]))[0]
    assert shown in text
    assert not_shown not in text
    assert "À l'attention de Hugo LEFÈVRE et de sa famille" in text
    assert "Le chef d'établissement" in text


def test_a_letter_ends_with_a_reply_slip_to_cut_out():
    text = pages_text(proposal_letters_pdf(class_header(), [NDIAYE_LETTER]))[0]
    slip = text[text.index("Coupon-réponse à découper") :]
    assert "Réponse à la proposition d'un parcours de consolidation" in slip
    assert "Émilie-Françoise N'DIAYE" in slip
    assert "C2026-001" in slip
    assert "conseil de classe du 12/11/2026" in slip
    assert "J'accepte le parcours de consolidation" in slip
    assert "Je refuse le parcours de consolidation" in slip
    assert "Date et signature de l'étudiant(e)" in slip
    assert "Date et signature du représentant légal (pour un étudiant mineur)" in slip


def test_an_other_measure_is_spelled_out():
    letter = ProposalLetter(
        NDIAYE,
        ADDRESS,
        CONSEIL,
        proposal(Measure.AUTRE, other="tutorat par un étudiant de 2e année"),
        ISSUED,
    )
    text = pages_text(proposal_letters_pdf(class_header(), [letter]))[0]
    assert "Autre mesure : tutorat par un étudiant de 2e année" in text


def test_one_page_per_letter_even_for_a_very_long_name_and_every_measure():
    long_one = Student(
        "C2026-009",
        "de La Rochefoucauld-Montmorency d'Aubigné-Saint-Exupéry",
        "Jean-Baptiste Marie-Emmanuel Athanase",
        BacOrigin.PROFESSIONNEL,
        "",
        Status.APPRENTI,
    )
    every = ProposalLetter(
        long_one,
        "Appartement 1204, escalier B\nLieu-dit La Grande Combe\n"
        "2 bis chemin vicinal n° 18\n42170 SAINT-JUST-SAINT-RAMBERT CEDEX 01",
        CONSEIL,
        proposal(*Measure, other="tutorat et entretien mensuel avec le professeur principal"),
        ISSUED,
    )
    letters = [
        NDIAYE_LETTER,
        every,
        ProposalLetter(
            LEFEVRE,
            "3 rue Victor-Hugo\n69003 LYON",
            CONSEIL,
            proposal(Measure.METHODOLOGIE, years=2),
            ISSUED,
        ),
    ]
    data = proposal_letters_pdf(class_header(), letters)
    assert page_count(data) == 3
    texts = pages_text(data)
    assert "N'DIAYE" in texts[0]
    assert "ROCHEFOUCAULD" in texts[1]
    assert "LEFÈVRE" in texts[2]
    for text in texts:
        assert text.count("Coupon-réponse à découper") == 1
    assert "Aménagement de la durée des stages" in texts[1]
    assert "Autre mesure : tutorat et entretien mensuel" in texts[1]


def test_the_letters_are_the_same_bytes_for_the_same_data():
    first = proposal_letters_pdf(class_header(), [NDIAYE_LETTER])
    assert proposal_letters_pdf(class_header(), [NDIAYE_LETTER]) == first


def test_no_letter_gives_one_page_saying_so():
    data = proposal_letters_pdf(class_header(), [])
    assert page_count(data) == 1
    assert "Aucune proposition." in pages_text(data)[0]


# ---------------------------------------------------------------------------------------------
# The conseil de classe's summary


def observations(
    academic: Level, method: Level, autonomy: Level, attendance: Level = Level.SATISFAISANT
) -> Observations:
    return Observations(academic, method, autonomy, attendance)


SAT, FRA, INS = Level.SATISFAISANT, Level.FRAGILE, Level.INSUFFISANT


def conseil_class() -> list[Followed]:
    return [
        Followed(
            EMERY,
            observations(FRA, FRA, SAT),
            proposal(Measure.METHODOLOGIE, years=2, answer=Answer.REFUSE),
            Outcome.EN_COURS,
        ),
        Followed(
            NDIAYE,
            observations(INS, FRA, FRA, INS),
            proposal(
                Measure.GROUPES_REDUITS, Measure.ACCOMPAGNEMENT_PERSONNALISE, answer=Answer.ACCEPTE
            ),
            Outcome.EN_COURS,
        ),
        Followed(BENALI, observations(SAT, SAT, SAT), None, Outcome.EN_COURS),
        Followed(
            LEFEVRE,
            observations(SAT, FRA, SAT),
            Proposal(False, frozenset(), 2, Answer.EN_ATTENTE),
            Outcome.EN_COURS,
        ),
    ]


def test_the_summary_shows_the_counts_of_the_conseil():
    students = conseil_class()
    counts = conseil_counts(students)
    assert counts == {
        "bacheliers professionnels": 2,
        "repérés à risque": 2,
        "parcours proposés": 2,
        "parcours acceptés": 1,
        "parcours refusés": 1,
        "réponses en attente": 0,
    }
    data = conseil_summary_pdf(class_header(), CONSEIL, students)
    assert page_count(data) == 1
    text = pages_text(data)[0]
    # French agreement: 0 and 1 take the singular, as the window says them.
    for words in (
        "2 bacheliers professionnels",
        "2 repérés à risque",
        "2 parcours proposés",
        "1 parcours accepté",
        "1 parcours refusé",
        "0 réponse en attente",
    ):
        assert words in text, words
    for plural in ("acceptés", "refusés", "réponses"):
        assert plural not in text
    assert "Décisions du conseil de classe" in text
    assert "conseil du 12 novembre 2026" in text
    assert "Fait à Lyon, le 12 novembre 2026" in text


def test_the_summary_lists_the_students_from_bac_pro_first():
    text = pages_text(conseil_summary_pdf(class_header(), CONSEIL, conseil_class()))[0]
    order = [text.index(name) for name in ("LEFÈVRE", "N'DIAYE", "ÉMERY", "BENALI")]
    assert order == sorted(order)
    row = text[text.index("N'DIAYE") : text.index("ÉMERY")]
    assert "bac pro · Métiers du commerce et de la vente" in row
    assert "insuffisant fragile fragile insuffisant" in row
    assert "GR, AP" in row
    assert "3 ans" in row
    assert "accepté" in row
    refused = text[text.index("ÉMERY") : text.index("BENALI")]
    assert "bac techno" in refused
    assert "MÉ" in refused
    assert "2 ans" in refused
    assert "refusé" in refused
    assert "GR : groupes à effectifs réduits" in text


def test_the_summary_of_a_class_of_35_holds_on_one_page():
    students = []
    for index in range(35):
        origin = BacOrigin.PROFESSIONNEL if index % 2 else BacOrigin.TECHNOLOGIQUE
        student = Student(
            f"C2026-{index + 100}",
            f"Nom{index}",
            "Maëlys",
            origin,
            "Métiers du commerce et de la vente" if index % 2 else "",
            Status.ETUDIANT,
        )
        students.append(
            Followed(
                student,
                observations(INS, FRA, FRA),
                proposal(Measure.GROUPES_REDUITS, Measure.METHODOLOGIE, Measure.AMENAGEMENT_STAGES),
                Outcome.EN_COURS,
            )
        )
    data = conseil_summary_pdf(class_header(), CONSEIL, students)
    assert page_count(data) == 1
    assert "35 parcours proposés" in pages_text(data)[0]


# ---------------------------------------------------------------------------------------------
# The comité de suivi's indicators


def cohort() -> list[Followed]:
    """Three bac pro with parcours (two passed: 66,6 %), one without, one bac techno."""
    accepted = proposal(Measure.METHODOLOGIE, answer=Answer.ACCEPTE)
    pros = [
        Student(f"C2025-{n}", f"Pro{n}", "Inès", BacOrigin.PROFESSIONNEL, "", Status.ETUDIANT)
        for n in range(4)
    ]
    return [
        Followed(pros[0], None, accepted, Outcome.BTS_2_ANS),
        Followed(pros[1], None, accepted, Outcome.PASSAGE_2E_ANNEE),
        Followed(pros[2], None, accepted, Outcome.ABANDON),
        Followed(pros[3], None, None, Outcome.BTS_3_ANS),
        Followed(EMERY, None, None, Outcome.REDOUBLEMENT),
    ]


def test_the_indicators_page_shows_the_rates_of_the_rows():
    found = indicators(cohort())
    rows = found.rows()
    data = indicators_pdf(class_header(), found, "Indicateurs — cohorte 2025")
    assert page_count(data) == 1
    text = pages_text(data)[0]
    assert "Indicateurs — cohorte 2025" in text
    assert "66,6 %" in text  # two bac pro in three with a parcours passed
    for row in rows[1:]:
        for value in row[2:]:
            assert normal(value) in text
    assert normal(" ".join(rows[-1])) in text  # « Ensemble 5 3 60,0 % 1 20,0 % … »
    for column in ("Taux de passage", "Taux d'abandon", "Taux BTS en 2 ans"):
        assert column in text


def test_the_chart_has_its_legend_and_the_exact_french_percentages():
    found = indicators(cohort())
    text = pages_text(indicators_pdf(class_header(), found, "Indicateurs"))[0]
    chart = text[text.index("Passage en 2e année et BTS obtenu, par origine") :]
    assert "Taux de passage en 2e année" in chart
    assert "Taux de BTS obtenu (en 2 ou 3 ans)" in chart
    with_parcours = found.group(BacOrigin.PROFESSIONNEL, True)
    bts = Fraction(with_parcours.bts_in_2_years + with_parcours.bts_in_3_years, with_parcours.total)
    assert percent_text(with_parcours.passage_rate) in chart  # 66,6 %
    assert percent_text(bts) in chart  # 33,3 %
    assert "bac pro" in chart
    assert "avec parcours" in chart
    assert "Ensemble" in chart


def test_indicators_for_every_group_still_hold_on_one_page():
    students = []
    for index, origin in enumerate(list(BacOrigin) * 2):
        accepted = index < len(BacOrigin)
        student = Student(f"C2025-{index}", f"Nom{index}", "Éva", origin, "", Status.ETUDIANT)
        students.append(
            Followed(
                student,
                None,
                proposal(Measure.METHODOLOGIE, answer=Answer.ACCEPTE) if accepted else None,
                Outcome.BTS_2_ANS,
            )
        )
    found = indicators(students)
    assert len(found.rows()) == 10
    data = indicators_pdf(class_header(), found, "Indicateurs")
    assert page_count(data) == 1
    assert "100,0 %" in pages_text(data)[0]
