"""§5: every document of a session played to the end speaks plain French: no rule number, no
internal code; rooms named once; a quality agreeing with the member; the convocation carries
what §5 lists (issue 11)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from btsdesk.app import documents
from tests.app.played import to_orals, to_the_end

CODES = (r"\bR\d+[a-z]?\b", r"controle", r"oral:", r"premier_groupe", r"\bgeneral\b")


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return "\n".join(re.sub(r"[ \t\u00a0]+", " ", page.extract_text() or "") for page in pages)


def _codes(kind: str, text: str) -> list[str]:
    return [
        f"{kind}: …{text[max(0, m.start() - 50) : m.end() + 20]}…"
        for pattern in CODES
        for m in re.finditer(pattern, text)
    ]


@pytest.fixture(scope="module", params=["2021", "2022"])
def played(request, tmp_path_factory):
    """Every document kind, on a session at the orals (draft PVs) and played to the end."""
    folder = tmp_path_factory.mktemp(f"played-{request.param}")
    texts = {}
    with to_orals(folder / "orals.btsdesk", request.param) as session:
        for kind in ("pv_premier_groupe", "pv_final"):
            data = documents.prepare(session, kind, issued_on=date(2026, 7, 3))()
            texts[f"{kind} (projet)"] = _text(data)
    with to_the_end(folder / "end.btsdesk", request.param) as session:
        for kind in documents.KINDS:
            data = documents.prepare(session, kind, issued_on=date(2026, 7, 8))()
            texts[kind] = _text(data)
    return request.param, texts


def test_no_rule_number_nor_code_on_any_document(played):
    _regime, texts = played
    assert set(documents.KINDS) <= set(texts)
    found = [hit for kind, text in texts.items() for hit in _codes(kind, text)]
    assert found == []


def test_rooms_named_once_and_qualities_agreed(played):
    _regime, texts = played
    for kind, text in texts.items():
        assert not re.search(r"(?i)salle\s+salle", text), kind
    pv = texts["pv_final"]
    assert "PROJET" not in pv
    assert "PROJET" in texts["pv_final (projet)"]
    # Mme Anne Morel, présidente, enseignante; M. Paul Petit, professionnel.
    assert re.search(r"Mme Anne Morel\s+enseignante\s+présidente", pv), pv[:1500]
    assert re.search(r"M\. Paul Petit\s+professionnel\s+membre", pv)
    # An oral grade changed with a reason (R21) in words.
    flat = re.sub(r"\s+", " ", pv)
    assert re.search(r"Oral (du domaine général \(E\d\)|E\d) : 15,00 → 16,00", flat)
    assert "journal arrêté à l'entrée n°" in pv


def test_the_convocation_carries_what_section_5_lists(played):
    regime, texts = played
    first = texts["convocations"].split("Convocation aux épreuves de contrôle")[1]
    first = re.sub(r"\s+", " ", first.split("Fait à")[0])
    for expected in (
        "Nom",
        "Prénom",
        "Civilité",
        "Date de naissance",
        "Numéro de candidat",
        "Date lundi 6 juillet 2026",
        "Heure d'arrivée 7 h 45",
        "Préparation 20 min",
        "Interrogation 20 min",
        "Salle 100 ",
        "Adresse Lycée Jean-Moulin, 12 rue des Écoles, 99000 Villefictive",
        "la présente convocation",
        "carte nationale d'identité, passeport, titre de séjour ou permis de conduire",
        "perdue ou volée est remplacée par le récépissé",
        "15 minutes avant",
        "Les résultats définitifs sont affichés au Lycée Jean-Moulin",
    ):
        assert expected in first, (expected, first)
    rule = "épreuves écrites ou orales finales" if regime == "2021" else "discipline choisie"
    assert rule in first
    assert "le diplôme est obtenu si elle atteint 10 sur 20" in first
    letter = texts["convocations"].split("Fait à")[1]
    assert re.match(r" Villefictive, le 8 juillet 2026\s+La présidente du jury,\s+Mme Anne", letter)


def test_the_releve_mentions_kept_grades_and_the_appeal(tmp_path):
    """§5: on an ajourné candidate's relevé the grades of 10 or more are marked kept for five
    years (D643-15); every relevé gives the two months to contest before the tribunal
    administratif."""
    with to_the_end(tmp_path / "s.btsdesk", "2022") as session:
        data = documents.prepare(session, "releves", issued_on=date(2026, 7, 8))()
        rows = {r.identity.number: r for r in documents.result_rows(session)}
        outcomes = {
            c.number: documents.statement(session, row)[0]
            for row, c in enumerate(session.candidates)
        }
    pages = [
        re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages
    ]
    assert pages
    for page in pages:
        assert "devant le tribunal administratif dans un délai de deux mois" in page
    ajournes = [n for n, outcome in outcomes.items() if outcome and outcome.label == "ajourné"]
    marked = [n for n in ajournes if rows[n].kept]
    assert marked, "the demo has an ajourné candidate with a grade of 10 or more"
    for number in marked:
        page = next(p for p in pages if number in p)
        assert "Conservée" in page
        assert "pendant cinq ans" in page
        assert "D643-15" in page
        for code in rows[number].kept:
            assert re.search(rf"{code} .*? {rows[number].grades[code]} oui", page)
    admitted = [n for n, outcome in outcomes.items() if outcome and outcome.label == "admis"]
    assert all(not rows[n].kept for n in admitted)
