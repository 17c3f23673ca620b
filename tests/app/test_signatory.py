"""§5: the letters to candidates (convocation, fiche de choix, relevé) are signed by the
president of the jury, or by the recteur's delegate when the session names one; the
convocation says where and when the final results are posted — the session's own sentence
when it has one, else the one derived from the centre and the orals' last day."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from btsdesk.app import documents
from btsdesk.core.errors import InvalidInput
from tests.app.played import to_orals

DELEGATE = "M. Jean Dupuis, IA-IPR d'économie-gestion"
NOTICE = "Les résultats sont affichés au lycée Jean-Moulin le vendredi 10 juillet 2026 à 17 h."
LETTERS = ("convocations", "fiche_choix", "releves")


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in pages))


def _letters(session) -> dict[str, str]:
    return {
        kind: _text(documents.prepare(session, kind, issued_on=date(2026, 7, 3))())
        for kind in LETTERS
    }


@pytest.fixture
def session(tmp_path):
    """A regime-2022 session in délibération, orals planned (jury: Mme Anne Morel presides);
    the admis already have their relevé (R24b)."""
    with to_orals(tmp_path / "s.btsdesk", "2022") as opened:
        yield opened


def test_an_empty_setting_prints_the_president_and_the_derived_sentence(session):
    assert session.details.signatory_delegate == ""
    letters = _letters(session)
    assert "La présidente du jury, Mme Anne Morel" in letters["convocations"]
    assert "La présidente du jury, Mme Anne Morel" in letters["releves"]
    assert "Pour le jury (choix reçu)" in letters["fiche_choix"]
    for text in letters.values():
        assert "délégation" not in text
    # the planned orals all fit on their first day, Monday 6 July 2026 (tests/app/played.py)
    assert (
        "Les résultats définitifs sont affichés au Lycée Jean-Moulin à l'issue de la "
        "délibération du jury qui suit les épreuves de contrôle, le lundi 6 juillet 2026."
    ) in letters["convocations"]


def test_a_delegate_signs_every_letter_instead_of_the_president(session):
    change = session.set_document_settings(signatory_delegate=DELEGATE, results_notice=NOTICE)
    assert change.message == f"documents signés par {DELEGATE}"
    letters = _letters(session)
    assert f"Pour le recteur et par délégation, {DELEGATE}" in letters["convocations"]
    assert f"Pour le recteur et par délégation, {DELEGATE}" in letters["releves"]
    assert "Pour le recteur et par délégation (choix reçu)" in letters["fiche_choix"]
    assert DELEGATE in letters["fiche_choix"]
    for text in letters.values():
        assert "Anne Morel" not in text
        assert "présidente du jury" not in text
    assert NOTICE in letters["convocations"]
    assert "à l'issue de la délibération" not in letters["convocations"]
    # the PV stays the jury's: its president signs it
    pv = _text(documents.prepare(session, "pv_premier_groupe")())
    assert "Mme Anne Morel" in pv
    # logged, and back to the president with an empty setting
    logged = [e for e in session.store.audit_log() if e.action == "réglage"]
    assert [(e.subject, e.old, e.new) for e in logged] == [
        ("session/signatory_delegate", None, DELEGATE),
        ("session/results_notice", None, NOTICE),
    ]
    session.set_document_settings(signatory_delegate="")
    letters = _letters(session)
    assert "La présidente du jury, Mme Anne Morel" in letters["convocations"]
    assert NOTICE in letters["convocations"]  # None left the notice as it was
    assert session.store.audit_log()[-1].old == DELEGATE


def test_the_presidents_scanned_signature_is_not_printed_over_a_delegates_name(session):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "white").save(buffer, "PNG")
    session.set_image("signature", buffer.getvalue())
    signed = documents.prepare(session, "convocations")()
    assert b"/Subtype /Image" in signed
    session.set_document_settings(signatory_delegate=DELEGATE)
    assert b"/Subtype /Image" not in documents.prepare(session, "convocations")()


def test_refused_settings_write_nothing(session):
    before = len(session.store.audit_log())
    with pytest.raises(InvalidInput, match="120 caractères au plus"):
        session.set_document_settings(signatory_delegate="M. " + "X" * 130)
    with pytest.raises(InvalidInput, match="600 caractères au plus"):
        session.set_document_settings(results_notice="mot " * 200)
    assert len(session.store.audit_log()) == before
    assert session.store.details().signatory_delegate == ""
    # a name typed on two lines is one line on the letters
    session.set_document_settings(signatory_delegate="  M. Jean\n Dupuis ")
    assert session.details.signatory_delegate == "M. Jean Dupuis"
