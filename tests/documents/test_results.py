"""Relevés de notes and the PV de délibération."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from btsdesk.documents import deliberation_pdf, transcripts_pdf
from btsdesk.documents.model import Identity, Line, Member
from tests.documents.support import (
    BENALI,
    CHANGES,
    EMERY,
    LEFEVRE,
    LINES,
    NDIAYE,
    deliberation,
    header,
    page_count,
    pages_text,
    result,
)

ISSUED = date(2026, 7, 10)


def test_a_transcript_per_candidate_shows_every_grade_and_the_average():
    rows = [
        result(NDIAYE, "10,55", "admis"),
        result(LEFEVRE, "9,12", "épreuves de contrôle"),
        result(EMERY, "7,40", "ajourné"),
    ]
    pages = pages_text(transcripts_pdf(header(), LINES, rows, issued_on=ISSUED))
    assert len(pages) == 3
    first = pages[0]
    for expected in (
        "Relevé de notes",
        "Session 2026",
        "Nom N'DIAYE",
        "Prénom Émilie-Françoise",
        "Date de naissance 9 avril 2005",
        "Numéro de candidat 02620000001",
        "Mme Émilie-Françoise N'DIAYE",
        "94240 L'HAŸ-LES-ROSES",
        "E1 Culture générale et expression 3 9,50",
        "E21 Communication en langue vivante étrangère (écrit) 1,5 12,00",
        "E22 Communication en langue vivante étrangère (oral) 1,5 ABJ",
        "E41 Développement de la relation client et vente conseil 3 DIS",
        "Communication en langue vivante étrangère 2 (facultative) 1 —",
        "Moyenne du domaine général 10,12",
        "Moyenne du domaine professionnel 9,87",
        "Moyenne générale 10,55",
        "Décision du jury (premier groupe) admis",
        "ABJ : absence justifiée",
        "Fait à Lyon, le 10 juillet 2026",
        "Mme Anne Morel",
    ):
        assert expected in first, expected
    assert "Moyenne générale 9,12" in pages[1]
    assert "Moyenne générale 7,40 Décision du jury (premier groupe) ajourné" in pages[2]


def test_a_transcript_after_the_orals_shows_them_and_the_final_result():
    row = result(
        BENALI,
        "9,12",
        "épreuves de contrôle",
        orals={"E1": "13,00", "E3": "11,50"},
        final_average="10,04",
        final_decision="admis",
        reason="La note d'oral remplace la moyenne de la discipline.",
    )
    text = pages_text(transcripts_pdf(header(), LINES, [row], issued_on=ISSUED))[0]
    for expected in (
        "Épreuve de contrôle : E1 13,00",
        "Épreuve de contrôle : E3 11,50",
        "Moyenne après les épreuves de contrôle 10,04",
        "Décision finale du jury admis",
        "La note d'oral remplace la moyenne de la discipline.",
    ):
        assert expected in text, expected


def _rows(count: int) -> tuple:
    return tuple(
        result(
            Identity(
                number=f"0262{i:07d}",
                civility="Mme",
                surname=f"Candidate{i:02d}",
                given_name="Émilie",
            ),
            f"{8 + i % 5},{i:02d}",
            ("admis", "ajourné")[i % 2],
        )
        for i in range(count)
    )


def _pages(data: bytes) -> list:
    return list(PdfReader(io.BytesIO(data)).pages)


def test_the_pv_shows_roster_results_changes_counts_and_signatures():
    rows = (
        result(NDIAYE, "10,55", "admis"),
        result(BENALI, "8,90", "épreuves de contrôle"),
        *_rows(38),
    )
    data = deliberation_pdf(deliberation(rows))
    pages = pages_text(data)
    text = " ".join(pages)
    assert all(page.mediabox.width > page.mediabox.height for page in _pages(data))  # landscape
    # session and stage
    assert "Procès-verbal de délibération" in pages[0]
    assert "premier groupe · jeudi 2 juillet 2026" in pages[0]
    assert "BTS Management commercial opérationnel (MCO, 2018)" in pages[0]
    # the jury: quality, role, presence, and the R25 warning
    assert "Mme Anne Morel enseignante présidente présente" in text
    assert "M. Karim Haddad professionnel membre présent" in text
    assert "Mme Sophie Lenoir professionnelle membre absente" in text
    # R25: the president is counted apart, as the warnings and the Jury view count.
    assert "4 membres, 3 présents : la présidence, 1 enseignant, 1 professionnel." in text
    assert "Attention : Un seul membre professionnel présent." in text
    # every candidate with grades per line, averages and decision
    assert (
        "02620000001 N'DIAYE Émilie-Françoise 9,50 12,00 ABJ 11,00 DIS 8,50 10,00 13,25 — "
        "10,12 9,87 10,55 admis"
    ) in text
    assert "BENALI Yanis" in text
    assert "8,90 contrôle" in text
    assert all(f"CANDIDATE{i:02d}" in text for i in range(38))
    # the grade changes with their reasons (R21)
    for change in CHANGES:
        assert change.what in text
        assert change.reason in text
        assert change.candidate in text
    assert "02/07/2026 10:12" in text
    # the counts given, and their total
    assert (
        "Décompte des décisions Décision Candidats admis 27 épreuves de contrôle 5 ajourné 8 "
        "Total 40" in text
    )
    # place, date and a signature block for the president and each member present
    assert "Fait à Lyon, le 2 juillet 2026" in text
    signatures = text[text.index("Signatures") :]
    assert "La présidente du jury Mme Anne Morel" in signatures
    assert "M. Paul Vidal" in signatures
    assert "M. Karim Haddad" in signatures
    assert "Sophie Lenoir" not in signatures
    # the header of the table on every page that shows candidates, page N / M at the foot
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page
        if "CANDIDATE" in page:
            assert "Candidat E1 E21 E22 E3 E41 E42 E5 E6 EF1" in page
            assert "Moy. générale" in page
    assert sum("CANDIDATE" in page for page in pages) >= 2


def test_the_final_pv_adds_the_orals_and_the_final_decision():
    row = result(
        BENALI,
        "9,12",
        "épreuves de contrôle",
        orals={"E1": "13,00"},
        final_average="10,04",
        final_decision="admis",
    )
    data = deliberation_pdf(
        deliberation(
            (row, result(NDIAYE, "10,55", "admis")),
            stage="final",
            changes=(),
            balance_warning=None,
            counts={"admis": 2},
        )
    )
    text = " ".join(pages_text(data))
    assert "Contrôle Moy. finale Décision finale" in text
    assert "9,12 contrôle E1 : 13,00 10,04 admis" in text
    assert "Aucune note n'a été modifiée pendant la délibération." in text
    assert "Attention" not in text
    assert "admis 2 Total 2" in text


def test_many_lines_still_fit_across_the_page():
    lines = tuple(Line(f"U{i}", f"Unité {i}", "2") for i in range(18))
    grades = {line.code: "12,75" for line in lines}
    rows = tuple(replace(row, grades=grades) for row in _rows(5))
    data = deliberation_pdf(deliberation(rows, lines=lines, stage="final"))
    text = " ".join(pages_text(data))
    assert " ".join(line.code for line in lines) in text
    assert " ".join(["12,75"] * 18) in text  # no grade broken in two
    assert page_count(data) >= 1


def test_a_member_without_quality_or_role_and_no_rows_still_print():
    members = (Member("M. Ali Ben", "", "", True),)
    data = deliberation_pdf(deliberation((), members=members, changes=(), counts={}))
    text = " ".join(pages_text(data))
    assert "M. Ali Ben" in text
    assert "Total 0" in text
