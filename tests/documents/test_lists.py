"""The liste des candidats convoqués and the feuilles d'émargement."""

from __future__ import annotations

from datetime import datetime

from btsdesk.documents import attendance_sheets_pdf, convoked_list_pdf
from btsdesk.documents.model import ConvokedRow, Identity
from tests.documents.support import (
    BENALI,
    E1_NDIAYE,
    E2_NDIAYE,
    EMERY,
    LEFEVRE,
    NDIAYE,
    header,
    oral,
    page_count,
    pages_text,
    rows_for,
)

MONDAY = datetime(2026, 7, 6, 8, 0)
TUESDAY = datetime(2026, 7, 7, 13, 30)


def test_the_convoked_list_names_every_candidate_and_oral_alphabetically():
    rows = [
        ConvokedRow(NDIAYE, E2_NDIAYE),
        ConvokedRow(NDIAYE, E1_NDIAYE),
        *rows_for([LEFEVRE, EMERY, BENALI], MONDAY, "B14"),
    ]
    text = " ".join(pages_text(convoked_list_pdf(header(), rows)))
    assert "Liste des candidats convoqués" in text
    assert "4 candidats · 5 épreuves" in text
    for who in (NDIAYE, LEFEVRE, EMERY, BENALI):
        assert who.number in text
        assert who.surname.upper() in text
        assert who.given_name in text
    # accents ignored in the order: BENALI, ÉMERY, LEFÈVRE, N'DIAYE
    order = [text.index(name) for name in ("BENALI", "ÉMERY", "LEFÈVRE", "N'DIAYE")]
    assert order == sorted(order)
    # N'Diaye's two orals, in time order, with date, arrival, starts and room
    first = text.index("E1 Culture générale et expression", text.index("N'DIAYE"))
    second = text.index("E2 Communication en langue vivante étrangère", first)
    assert "lundi 6 juillet 2026 13 h 55 14 h 10 14 h 30 B12" in text[first:second]
    assert "mardi 7 juillet 2026 8 h 45 9 h 9 h 10 Labo C-204" in text[second:]


def test_one_attendance_sheet_per_day_and_room_rows_in_exam_order():
    rows = [
        *rows_for([LEFEVRE, NDIAYE], MONDAY, "B12"),
        *rows_for([EMERY], MONDAY, "B2"),
        *rows_for([BENALI, EMERY], TUESDAY, "B12"),
    ]
    rows.reverse()  # the order given does not matter
    data = attendance_sheets_pdf(header(), rows)
    pages = pages_text(data)
    assert len(pages) == 3
    # days in order, then rooms in natural order (B2 before B12)
    assert "Salle B2 · lundi 6 juillet 2026" in pages[0]
    assert "Salle B12 · lundi 6 juillet 2026" in pages[1]
    assert "Salle B12 · mardi 7 juillet 2026" in pages[2]
    for page in pages:
        assert "Feuille d'émargement" in page
        assert "Signature du candidat" in page
        assert "page 1 / 1" in page
    assert pages[1].index("LEFÈVRE") < pages[1].index("N'DIAYE")  # 8 h 20 before 8 h 40
    assert "8 h 8 h 20 02620000002 LEFÈVRE Hugo E1" in pages[1]
    assert "Candidats convoqués : 2" in pages[1]
    assert "Examinateur : M. Paul Vidal" in pages[1]
    assert pages[2].index("BENALI") < pages[2].index("ÉMERY")
    assert "N'DIAYE" not in pages[0] + pages[2]


def test_a_crowded_room_continues_on_a_second_page_numbered_within_its_sheet():
    crowd = [
        Identity(
            number=f"0262{i:07d}", civility="M.", surname=f"Candidat{i:02d}", given_name="Jean"
        )
        for i in range(30)
    ]
    rows = [*rows_for(crowd, MONDAY, "B12"), *rows_for([NDIAYE], MONDAY, "B14")]
    data = attendance_sheets_pdf(header(), rows)
    pages = pages_text(data)
    assert len(pages) == 3
    assert "page 1 / 2" in pages[0]
    assert "page 2 / 2" in pages[1]
    assert "page 1 / 1" in pages[2]
    assert "Signature du candidat" in pages[1]  # header row repeated
    assert "salle B12 · lundi 6 juillet 2026" in pages[1]  # the sheet named at the foot
    shown = " ".join(pages[:2])
    assert all(f"CANDIDAT{i:02d}" in shown for i in range(30))
    assert "Candidats convoqués : 30" in pages[1]


def test_empty_lists_still_make_a_document():
    assert "Aucun candidat convoqué." in pages_text(convoked_list_pdf(header(), []))[0]
    assert page_count(attendance_sheets_pdf(header(), [])) == 1


def test_long_names_and_rooms_do_not_break_the_lists():
    who = Identity(
        number="02629999999",
        civility="Mme",
        surname="Rochefoucauld-Montmorency-Saint-Exupéry " * 3,
        given_name="Marie-Emmanuelle " * 4,
    )
    slot = oral(
        "E3",
        "Culture économique, juridique et managériale " * 3,
        MONDAY,
        "Amphithéâtre Jean-Jaurès (bâtiment C, 2e étage) " * 2,
    )
    rows = [ConvokedRow(who, slot)] * 3
    for data in (convoked_list_pdf(header(), rows), attendance_sheets_pdf(header(), rows)):
        text = "".join(pages_text(data)).replace(" ", "")
        assert text.count("02629999999") == 3
        assert "Rochefoucauld-Montmorency-Saint-Exupéry".upper() in text
