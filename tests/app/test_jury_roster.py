"""R25 through the application layer: a member's status (D643-31) is recorded and logged,
and the Jury view, the command line and the PV take the same counts and warnings."""

from __future__ import annotations

import pytest

from btsdesk.app import documents
from btsdesk.app.demo import create_demo_file
from btsdesk.app.session import JURY, JurySession
from btsdesk.core.jury import balance_warning, roster_summary
from btsdesk.store.errors import SessionFileError
from tests.documents.support import pages_text


def test_statuses_are_checked_recorded_and_logged(tmp_path):
    with JurySession.open(create_demo_file(tmp_path / "demo.btsdesk"), backup=False) as s:
        with pytest.raises(SessionFileError, match="statut « recteur » inconnu"):
            s.add_jury_member("M. X", "enseignant", status="recteur")
        s.add_jury_member("Pr Morel", "enseignant", president=True, status="IA-IPR")
        member = s.jury_members()[0]
        assert member["status"] == "IA-IPR"
        change = s.set_member_status(int(member["id"]), "enseignant-chercheur")
        assert change.kinds == {JURY}
        assert s.store.audit_log()[-1].new == "Pr Morel : enseignant-chercheur"
        assert s.roster()[0].status == "enseignant-chercheur"


def test_the_pv_says_what_the_jury_view_says(tmp_path):
    """One teacher (public) and one professional present, an absent professional, an
    IA-IPR presiding: the president is counted apart everywhere; the only warning is the
    missing enseignant-chercheur among the teachers."""
    with JurySession.open(create_demo_file(tmp_path / "demo.btsdesk"), backup=False) as s:
        s.add_jury_member("Mme Morel", "enseignant", president=True, status="IA-IPR")
        s.add_jury_member("M. Girard", "enseignant", status="public")
        s.add_jury_member("Mme Caron", "professionnel")
        s.add_jury_member("M. Vert", "professionnel", present=False)
        summary = roster_summary(s.roster())
        assert summary == (
            "4 membres, 3 présents : la présidence, 1 enseignant (1 du public, "
            "0 du privé), 1 professionnel."
        )
        assert s.jury_warnings() == [
            "Aucun enseignant-chercheur parmi les enseignants présents : D643-31 en demande un."
        ]
        warning = balance_warning(s.roster())
        produced = documents.produce(s, "pv_premier_groupe")
    text = " ".join(pages_text(produced.data))
    assert summary in text
    assert f"Attention : {warning}" in text
    assert "R25" not in text  # §5: no rule number on a document


def test_the_draft_pv_lists_what_to_check_before_signing(tmp_path):
    """R6 (décret 2024-788): a candidate graded at two facultative units besides the
    engagement étudiant in session 2026; §7: MCO 2018 does not serve 2026 and has lines
    « à vérifier ». Plain French on the document, no rule number (§5)."""
    from btsdesk.core.records import GradeChange

    with JurySession.open(create_demo_file(tmp_path / "demo.btsdesk"), backup=False) as s:
        first = s.candidates[0]
        s.set_grades(
            [
                GradeChange(first.number, "EF1", 1400),
                GradeChange(first.number, "EF2", 1200),
                GradeChange(first.number, "EE", 1500),
            ]
        )
        assert any(
            "2 épreuves facultatives notées (EF1, EF2)" in w
            for w in s.result(first.number).warnings
        )
        produced = documents.produce(s, "pv_premier_groupe")
    text = " ".join(pages_text(produced.data))
    assert "À vérifier avant de signer" in text
    assert (
        f"{first.number} {first.full_name} : 2 épreuves facultatives notées (EF1, EF2) : "
        "pour la session 2026, un candidat n'en présente qu'une en plus de l'engagement "
        "étudiant ; vérifiez son inscription."
    ) in text
    assert "sert les sessions jusqu'à 2024, pas la session 2026" in text
    assert "(R6)" not in text
