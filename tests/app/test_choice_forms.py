"""§5: the fiche de choix, one page per candidate who takes the orals (R22, R24), the
disciplines offered (R12 in regime 2021, R15 in 2022, the règlement's list included) each
with the grade the oral alone must reach for 10 (R17), the choice and the signatures."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from btsdesk.app import documents
from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import JurySession
from btsdesk.store.errors import RuleRefused
from tests.app.played import complete, jury, to_orals


def _pages(data: bytes) -> list[str]:
    return [
        re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages
    ]


@pytest.mark.parametrize("regime", ["2021", "2022"])
def test_one_page_per_candidate_who_takes_the_orals_with_the_needed_grades(tmp_path, regime):
    with to_orals(tmp_path / "s.btsdesk", regime) as session:
        takers = [c for c in session.candidates if session.takes_orals(c.number)]
        assert takers
        session.decline(takers[-1].number)  # R24: declined, no fiche
        data = documents.prepare(session, "fiche_choix", issued_on=date(2026, 7, 3))()
        pages = _pages(data)
        assert len(pages) == len(takers) - 1
        for candidate, page in zip(takers, pages, strict=False):
            result = session.result(candidate.number)
            assert candidate.number in page
            assert "Fiche remise le 3 juillet 2026" in page
            choose = "une discipline" if regime == "2021" else "deux disciplines différentes"
            assert f"Choisissez {choose}" in page
            for code in result.options:
                discipline = session.specialty.discipline_by_code[code]
                key = code if regime == "2022" else "general"
                needed = result.needed[key]
                shown = "impossible" if needed is None else f"{needed // 100},{needed % 100:02d}"
                assert re.search(rf"{code} {re.escape(discipline.title)} \S+ {shown}", page), (
                    code,
                    page,
                )
            if regime == "2021":  # R11: the professional oral, not chosen
                needed = result.needed["professional"]
                shown = "impossible" if needed is None else f"{needed // 100},{needed % 100:02d}"
                assert f"Épreuves ponctuelles du domaine professionnel {shown}" in page
            assert "Discipline choisie" in page
            assert "Signature" in page
            assert not re.search(r"\bR\d+\b", page)


def test_regime_2022_shows_only_the_listed_disciplines(tmp_path):
    """R15: with the règlement's controle_disciplines [E1, E3], E2 is never offered."""
    path = create_demo_file(tmp_path / "s.btsdesk", regime="2022")
    with JurySession.open(path, operator="Secrétariat", backup=False) as session:
        session.set_controle_disciplines(["E3", "E1"])
        jury(session)
        complete(session)
        session.set_phase("deliberation")
        session.decide_all()
        pages = _pages(documents.prepare(session, "fiche_choix")())
    assert pages
    for page in pages:
        assert "E1 Culture générale et expression" in page
        assert "E3 Culture économique, juridique et managériale" in page
        assert "E2" not in page
        assert "langue vivante" not in page


def test_refused_in_saisie(tmp_path):
    path = create_demo_file(tmp_path / "s.btsdesk")
    with JurySession.open(path, backup=False) as session, pytest.raises(RuleRefused):
        documents.prepare(session, "fiche_choix")


def test_needed_grade_as_printed():
    assert documents._needed(1217) == "12,17"
    assert documents._needed(2000) == "20,00"
    assert documents._needed(None) == "impossible"
