"""Convocations (§5): every field, one page each, the address in the envelope's window, user text
printed as typed."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from btsdesk.documents import convocations_pdf, sha256_of
from btsdesk.documents.convocation import address_lines
from btsdesk.documents.fonts import SANS, register_fonts
from btsdesk.documents.model import Identity
from tests.documents.support import (
    BENALI,
    EMERY,
    LEFEVRE,
    MM,
    NDIAYE,
    RULE,
    convocation,
    header,
    ndiaye_convocation,
    normal,
    page_count,
    pages_text,
    text_runs,
)

A4_HEIGHT = 297 * MM
# The window of a DL envelope with the window on the right, as placed on the sheet: its
# left edge 110 mm from the sheet's, its top 45 to 50 mm from the sheet's top, 100 × 45 mm.
# Text must show whichever the top: between 50 and 90 mm from the top.
WINDOW_X = (110 * MM, 210 * MM)
WINDOW_SHOWN_FROM_TOP = (50 * MM, 90 * MM)


@pytest.fixture(scope="module")
def ndiaye_text() -> str:
    pages = pages_text(convocations_pdf(header(), [ndiaye_convocation()]))
    assert len(pages) == 1
    return pages[0]


@pytest.mark.parametrize(
    "expected",
    [
        # académie and centre
        "Académie de Lyon",
        "Lycée Jean-Moulin",
        "1 place des Minimes",
        "69005 Lyon",
        # session and specialty
        "Session 2026",
        "BTS Management commercial opérationnel (MCO, 2018)",
        # identity: civilité, nom, prénom, date de naissance, numéro de candidat
        "Civilité Mme",
        "Nom N'DIAYE",
        "Prénom Émilie-Françoise",
        "Date de naissance 9 avril 2005",
        "Numéro de candidat 02620000001",
        # the address for the window
        "Mme Émilie-Françoise N'DIAYE",
        "Résidence Les Tilleuls, bât. C",
        "14 avenue de la Division-Leclerc",
        "94240 L'HAŸ-LES-ROSES",
        # the first oral: discipline, date, arrival, durations and starts, room
        "E1 — Culture générale et expression",
        "lundi 6 juillet 2026",
        "Heure d'arrivée 13 h 55",
        "Préparation 20 min, à partir de 14 h 10",
        "Interrogation 20 min, à partir de 14 h 30",
        "Salle B12",
        # the second: a language, 10 + 10 minutes, the next day
        "E2 — Communication en langue vivante étrangère",
        "mardi 7 juillet 2026",
        "Heure d'arrivée 8 h 45",
        "Préparation 10 min, à partir de 9 h",
        "Interrogation 10 min, à partir de 9 h 10",
        "Salle Labo C-204",
        # the centre's address, where the orals are
        "au centre d'examen : Lycée Jean-Moulin, 1 place des Minimes, 69005 Lyon",
        # documents to bring, arrival 15 minutes early
        "15 minutes avant le début de la préparation",
        "la présente convocation",
        "pièce d'identité en cours de validité avec photographie",
        "passeport, titre de séjour ou permis de conduire",
        "récépissé de déclaration de perte ou de vol",
        # the rule the oral grade follows, « … » intact
        normal(RULE),
        # place, date, president, signature
        "Fait à Lyon, le 3 juillet 2026",
        "La présidente du jury",
        "Mme Anne Morel, IA-IPR d'économie-gestion",
    ],
)
def test_a_convocation_carries_every_field_of_section_5(ndiaye_text: str, expected: str):
    assert expected in ndiaye_text


def test_a_session_without_centre_leaves_no_empty_place():
    text = pages_text(
        convocations_pdf(header(centre_name="", centre_address=""), [ndiaye_convocation()])
    )[0]
    assert "centre d'examen :" not in text
    assert "suivantes." in normal(text)


def test_the_wording_follows_the_civility(ndiaye_text: str):
    assert "Vous êtes convoquée aux épreuves orales de contrôle suivantes" in ndiaye_text
    text = pages_text(
        convocations_pdf(
            header(president="M. Paul Vidal"), [convocation(LEFEVRE, datetime(2026, 7, 6, 8, 0))]
        )
    )[0]
    assert "Vous êtes convoqué à l'épreuve orale de contrôle suivante" in text
    assert "Le président du jury" in text
    assert "Hugo LEFÈVRE" in text


def test_one_page_per_convocation_in_the_order_given():
    letters = [
        convocation(who, datetime(2026, 7, 6, 8 + i, 0))
        for i, who in enumerate((LEFEVRE, NDIAYE, EMERY))
    ]
    data = convocations_pdf(header(), letters)
    pages = pages_text(data)
    assert len(pages) == 3
    for page, who in zip(pages, (LEFEVRE, NDIAYE, EMERY), strict=True):
        assert who.full_name in page
        assert f"Numéro de candidat {who.number}" in page
    assert "Mme Émilie-Françoise N'DIAYE" not in pages[0] + pages[2]


def _check_address_in_window(
    data: bytes, identity: Identity, page: int = 0, complete: bool = True
) -> None:
    """Every line of the address is drawn in the upper right of the sheet (or, for an address
    too long for any window, at least its first line), and all the text there lies inside the
    part of the window that every DL envelope shows."""
    register_fonts()
    runs = text_runs(data, page)
    upper_right = [
        run
        for run in runs
        if run.x + stringWidth(run.text, SANS, run.size) > 100 * MM and A4_HEIGHT - run.y < 100 * MM
    ]
    shown = " ".join(run.text for run in upper_right)
    lines = address_lines(identity) if complete else address_lines(identity)[:1]
    for line in lines:  # every line is there, perhaps broken in pieces
        assert all(word in shown for word in normal(line).split()), line
    for run in upper_right:
        from_top = A4_HEIGHT - run.y
        width = stringWidth(run.text, SANS, run.size)
        assert WINDOW_X[0] + 3 * MM <= run.x, (run, run.x / MM)
        assert run.x + width <= WINDOW_X[1] - 8 * MM, (run, (run.x + width) / MM)
        top_of_letters = from_top - run.size * 0.8
        assert WINDOW_SHOWN_FROM_TOP[0] <= top_of_letters, (run, from_top / MM)
        assert from_top + run.size * 0.25 <= WINDOW_SHOWN_FROM_TOP[1], (run, from_top / MM)


def test_the_address_lies_inside_the_envelope_window():
    data = convocations_pdf(header(), [ndiaye_convocation()])
    _check_address_in_window(data, NDIAYE)
    window = [
        run for run in text_runs(data) if run.x > WINDOW_X[0] and run.y > A4_HEIGHT - 100 * MM
    ]
    assert window[0].text == "Mme Émilie-Françoise N'DIAYE"  # civility, given name, SURNAME
    assert [run.text for run in window[1:]] == [
        "Résidence Les Tilleuls, bât. C",
        "14 avenue de la Division-Leclerc",
        "94240 L'HAŸ-LES-ROSES",
    ]
    assert window[0].y > window[1].y > window[2].y > window[3].y


LONG = Identity(
    number="02629999999",
    civility="M.",
    surname="de La Rochefoucauld-Montmorency d'Aubigné-Saint-Exupéry-" * 3,
    given_name="Jean-Baptiste Marie-Emmanuel Athanase " * 3,
    birth_date=date(2004, 2, 29),
    address="\n".join(
        [
            "Appartement 1204, escalier B, résidence « Les Jardins de l'Observatoire »",
            "Lieu-dit La Grande Combe du Haut-Vivarais " * 4,
            "Boîte postale 42",
            "42170 SAINT-JUST-SAINT-RAMBERT CEDEX 01",
        ]
        * 3
    ),
)


def test_a_very_long_name_or_address_still_gives_one_page_per_convocation():
    long_oral = replace(
        ndiaye_convocation().orals[0],
        title="Épreuve au titre interminable " * 8,
        room="Amphithéâtre " * 10,
    )
    letters = [
        replace(ndiaye_convocation(), identity=LONG),
        replace(ndiaye_convocation(), orals=(long_oral,) * 5),
        ndiaye_convocation(),
    ]
    very_long_rule = header(regime_rule=RULE * 12, president="Mme " + "Anne-Marie " * 20)
    data = convocations_pdf(very_long_rule, letters)
    assert page_count(data) == 3
    _check_address_in_window(data, LONG, page=0, complete=False)
    assert "…" in " ".join(run.text for run in text_runs(data, 0))  # what cannot fit is cut
    _check_address_in_window(data, NDIAYE, page=1)
    text = pages_text(data)[0]
    assert "02629999999" in text
    assert "Fait à Lyon, le 3 juillet 2026" in text


def test_user_text_prints_as_typed_not_as_markup():
    odd = Identity(
        number="0262<b>1</b>",
        civility="M.",
        surname="Dupont & <Fils>",
        given_name="Éloi <i>",
        birth_date=date(2005, 1, 1),
        address="1 rue des <Lilas> & du Parc\n69000 LYON",
    )
    text = pages_text(
        convocations_pdf(
            header(centre_name="Lycée A & B <Lyon>"), [convocation(odd, datetime(2026, 7, 6, 8, 0))]
        )
    )[0]
    assert "DUPONT & <FILS>" in text
    assert "Éloi <i>" in text
    assert "0262<b>1</b>" in text
    assert "Lycée A & B <Lyon>" in text
    assert "1 rue des <Lilas> & du Parc" in text


def test_guillemets_are_held_to_their_words_by_no_break_spaces():
    rule = "Le jury retient " + " puis ".join(f"« mot{i} »" for i in range(80)) + "."
    data = convocations_pdf(header(regime_rule=rule), [ndiaye_convocation()])
    raw = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    lines = [line.strip() for line in raw.splitlines()]
    assert sum("«" in line for line in lines) >= 5  # the rule spans many lines
    assert not any(line.endswith("«") or line.startswith("»") for line in lines)
    assert "« mot79 »" in normal(raw)


def _picture(path, size=(300, 120)):
    Image.new("RGB", size, (30, 60, 120)).save(path)
    return path


def test_logo_and_signature_are_drawn_and_a_missing_file_is_skipped(tmp_path):
    with_pictures = header(
        logo=_picture(tmp_path / "logo.png"),
        signature=_picture(tmp_path / "signature.png", (500, 150)),
    )
    data = convocations_pdf(with_pictures, [ndiaye_convocation(), ndiaye_convocation()])
    assert page_count(data) == 2
    assert data.count(b"/Subtype /Image") == 2  # each written once, used on every page
    missing = header(logo=tmp_path / "none.png", signature=tmp_path / "none.jpg")
    text = pages_text(convocations_pdf(missing, [ndiaye_convocation()]))[0]
    assert "Mme Anne Morel" in text


def test_the_same_data_gives_the_same_bytes():
    first = convocations_pdf(header(), [ndiaye_convocation()])
    second = convocations_pdf(header(), [ndiaye_convocation()])
    assert first == second
    assert sha256_of(first) == sha256_of(second)
    assert len(sha256_of(first)) == 64
    assert first.startswith(b"%PDF-")


def test_no_convocation_gives_a_one_page_pdf_saying_so():
    pages = pages_text(convocations_pdf(header(), []))
    assert len(pages) == 1
    assert "Aucune convocation." in pages[0]


def test_many_convocations_one_page_each():
    letters = [
        convocation(who, datetime(2026, 7, 6, 8, 0))
        for who in (NDIAYE, LEFEVRE, EMERY, BENALI) * 15
    ]
    data = convocations_pdf(header(), letters)
    pages = pages_text(data)
    assert len(pages) == 60
    assert all("Convocation aux épreuves de contrôle" in page for page in pages)
    assert "Benali".upper() in pages[-1]
