"""R15: the disciplines a session opens to the regime-2022 orals are the règlement's
``controle_disciplines``; the jury corrects the list in saisie (JurySession, logged), with
the refusals of §6, and the offer follows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from btsdesk.app.session import REGLEMENT, JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.core.records import GradeChange
from btsdesk.core.results import Decision
from btsdesk.store.errors import ReadOnlyPhase, RuleRefused
from tests.app.test_jury_actions import CONTROLE
from tests.store.conftest import digest, make_session


def _open(tmp_path: Path, regime: str = "2022") -> JurySession:
    path = tmp_path / f"jury-{regime}.btsdesk"
    make_session(path, regime).close()
    session = JurySession.open(path, backup=False)
    session.set_grades([GradeChange("0001", line, entry) for line, entry in CONTROLE.items()])
    return session


def test_a_regime_2022_session_offers_only_the_listed_disciplines(tmp_path):
    """§6 worked example: contrôle (R14). MCO 2018's general disciplines are E1, E2, E3;
    with the list [E3, E1] only E1 and E3 are offered, in the règlement's order (§6)."""
    with _open(tmp_path) as session:
        assert session.result("0001").decision is Decision.CONTROLE
        assert session.result("0001").options == ("E1", "E2", "E3")
        change = session.set_controle_disciplines(["E3", "E1"])
        assert REGLEMENT in change.kinds
        assert session.specialty.controle_disciplines == ("E3", "E1")
        assert session.result("0001").options == ("E1", "E3")
        assert set(session.result("0001").needed) == {"E1", "E3"}
        logged = session.store.audit_log()[-1]
        assert (logged.subject, logged.old, logged.new) == (
            "règlement/controle_disciplines",
            None,
            "E3, E1",
        )
        # A discipline not on the list cannot be chosen (R15).
        session.set_phase("deliberation")
        with pytest.raises((InvalidInput, RuleRefused), match="E2"):
            session.choose("0001", ["E1", "E2"])
        session.choose("0001", ["E1", "E3"])
    # The list is the session's: it is read again with the file.
    with JurySession.open(session.path, backup=False) as again:
        assert again.result("0001").options == ("E1", "E3")


def test_back_to_every_general_discipline(tmp_path):
    with _open(tmp_path) as session:
        session.set_controle_disciplines(["E1", "E3"])
        session.set_controle_disciplines(None)
        assert session.specialty.controle_disciplines is None
        assert session.result("0001").options == ("E1", "E2", "E3")
        logged = session.store.audit_log()[-1]
        assert (logged.old, logged.new) == ("E1, E3", "toutes les disciplines du domaine général")


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ([], "liste vide"),
        (["E9"], "discipline « E9 » inconnue"),
        (["E21"], r"« E21 » inconnue dans la spécialité \(sous-épreuve de la discipline E2\)"),
        (["E41"], "domaine professionnel"),
        (["E1", "E1"], "« E1 » en double"),
    ],
)
def test_the_refusals_of_section_6_write_nothing(tmp_path, codes, message):
    with _open(tmp_path) as session:
        before = digest(session.path)
        with pytest.raises(InvalidInput, match=message):
            session.set_controle_disciplines(codes)
        assert digest(session.path) == before
        assert session.specialty.controle_disciplines is None


def test_the_list_is_corrected_in_saisie_only(tmp_path):
    with _open(tmp_path) as session:
        session.set_phase("deliberation")
        with pytest.raises(ReadOnlyPhase, match="saisie"):
            session.set_controle_disciplines(["E1", "E3"])


def test_regime_2021_keeps_the_list_but_does_not_use_it(tmp_path):
    """§6: checked in both regimes, used in regime 2022 only (R12 decides in 2021)."""
    with _open(tmp_path, "2021") as session:
        session.set_controle_disciplines(["E3"])
        assert session.specialty.controle_disciplines == ("E3",)
        assert session.result("0001").options == ("E1", "E2", "E3")  # R12: all at 3


def test_the_json_export_keeps_the_list_and_evaluate_uses_it(tmp_path):
    """§6: the exchange format carries ``specialty.controle_disciplines``; the exported
    session evaluates with the same offer."""
    import json

    from btsdesk.app.exports import exchange_json
    from btsdesk.io.exchange import evaluate_text

    with _open(tmp_path) as session:
        session.set_controle_disciplines(["E1", "E3"])
        exported = exchange_json(session.store)
    assert exported["specialty"]["controle_disciplines"] == ["E1", "E3"]
    output = evaluate_text(json.dumps(exported, ensure_ascii=False))
    first = next(c for c in output["candidates"] if c["number"] == "0001")
    assert first["general_oral_options"] == ["E1", "E3"]
