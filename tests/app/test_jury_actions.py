"""The jury's actions in the application layer (btsdesk.app.session): each one checks the
rules (R2, R12–R16, R13a, R20–R24), writes in one transaction, is logged, and says what
changed. Worked examples from the §6 MCO example (domain.md)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from btsdesk.app.session import DECISIONS, FINAL, FIRST, ORALS, JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Code
from btsdesk.core.records import Candidate, GradeChange, SessionDetails
from btsdesk.core.results import Decision
from btsdesk.paths import reglements_dir
from btsdesk.store.errors import ReadOnlyPhase, RuleRefused, SessionFileError
from tests.store.conftest import digest, make_session

# The §6 worked example: 191,5 / 21 = 9,11, professional 124,5 / 12 = 10,37 → contrôle (R14),
# and under R10 (regime 2021) too.
CONTROLE = {
    "E1": 850,
    "E21": Code.ABJ,
    "E22": 1100,
    "E3": 700,
    "E41": 1200,
    "E42": 1050,
    "E5": 600,
    "E6": 1300,
    "EF1": 1400,
}
# Every line at 5: 105 / 21 = 5 < 8 → ajourné (R14).
AJOURNE = dict.fromkeys(("E1", "E21", "E22", "E3", "E41", "E42", "E5", "E6"), 500)
ADMIS = dict.fromkeys(("E1", "E21", "E22", "E3", "E41", "E42", "E5", "E6"), 1200)


def _open(tmp_path: Path, regime: str = "2022") -> JurySession:
    path = tmp_path / f"jury-{regime}.btsdesk"
    make_session(path, regime).close()
    return JurySession.open(path, backup=False)


def _grade(session: JurySession, number: str, grades: dict) -> None:
    session.set_grades([GradeChange(number, line, entry) for line, entry in grades.items()])


def test_decisions_are_the_ones_the_grades_give_in_deliberation_r21_r24(tmp_path):
    with _open(tmp_path) as session:
        _grade(session, "0001", CONTROLE)
        with pytest.raises(ReadOnlyPhase, match="R24"):
            session.decide("0001")
        session.set_phase("deliberation")
        with pytest.raises(RuleRefused, match=r"incomplet.*R2"):  # N'Diaye has no grade
            session.decide("0002")
        with pytest.raises(SessionFileError, match="candidat 0404 inconnu"):
            session.decide("0404")
        change = session.decide("0001")
        assert change.kinds == {DECISIONS}
        assert change.candidates == {"0001"}
        assert session.recorded("0001", FIRST) == "controle"
        assert session.store.decisions() == {"0001": {FIRST: "controle"}}


def test_an_oral_for_a_candidate_not_in_controle_is_refused(tmp_path):
    with _open(tmp_path) as session:
        _grade(session, "0001", CONTROLE)
        _grade(session, "0002", ADMIS)
        session.set_phase("deliberation")
        with pytest.raises(InvalidInput, match="non proposée"):  # E41 is professional (R15)
            session.choose("0001", ["E41", "E1"])
        with pytest.raises(RuleRefused, match="admis"):
            session.choose("0002", ["E1", "E3"])
        with pytest.raises(RuleRefused, match="admis"):
            session.set_oral("0002", "E1", 1200)
        assert session.store.orals() == {}


def test_regime_2022_candidates_are_authorised_by_right_r22(tmp_path):
    with _open(tmp_path, "2022") as session:
        _grade(session, "0001", CONTROLE)
        session.set_phase("deliberation")
        assert session.is_authorised("0001")
        with pytest.raises(RuleRefused, match=r"de droit.*R22"):
            session.authorise("0001")
        session.choose("0001", ["E1", "E3"])  # no jury act needed before the choice
        assert session.regime.choice(session.orals("0001")) == ["E1", "E3"]


def test_regime_2021_authorisation_is_for_controle_candidates_and_logged_r22(tmp_path):
    with _open(tmp_path, "2021") as session:
        _grade(session, "0001", CONTROLE)
        _grade(session, "0002", ADMIS)
        session.set_phase("deliberation")
        assert not session.is_authorised("0001")
        with pytest.raises(RuleRefused, match="R22"):
            session.choose("0001", ["E1"])
        session.authorise("0001", True)
        session.authorise("0001", False)
        assert [
            (e.old, e.new) for e in session.store.history("0001") if e.action == "autorisation"
        ] == [(None, "autorisé"), ("autorisé", "non autorisé")]
        with pytest.raises(RuleRefused, match="R22"):
            session.authorise("0002", True)
        change = session.authorise_all()  # the jury's refusal stands
        assert change.candidates == set()
        assert "0 candidat autorisé" in change.message


def test_no_ajourne_before_the_livret_is_examined_r20(tmp_path):
    with _open(tmp_path) as session:
        _grade(session, "0001", AJOURNE)
        session.set_identity("0001", livret_provided=True)
        session.add_jury_member("Mme Présidente", "enseignant", president=True)
        session.set_phase("deliberation")
        with pytest.raises(RuleRefused, match="R20"):
            session.decide("0001")
        assert session.store.decisions() == {}
        session.examine_livret("0001")
        session.decide("0001")
        assert session.store.decisions() == {"0001": {FIRST: "ajourne"}}
        assert session.candidate("0001").livret_examined_by == "Mme Présidente"


def test_an_absent_oral_gives_the_final_decision_at_once_r13a(tmp_path):
    with _open(tmp_path, "2022") as session:
        _grade(session, "0001", CONTROLE)
        session.set_phase("deliberation")
        session.decide("0001")
        session.choose("0001", ["E1", "E3"])
        session.set_oral("0001", "E1", "13")
        # E3 not yet known: the final decision waits (R13a).
        assert session.oral_pending("0001")
        assert session.result("0001").final_decision is None
        with pytest.raises(RuleRefused, match="R13a"):
            session.decide("0001", final=True)
        session.set_oral("0001", "E3", "absent")
        # R16 with E1 only: 191,5 + 3 × (13 − 8,5) = 205 / 21 = 9,76 → ajourné.
        result = session.result("0001")
        assert str(result.final_average) == "205/21"
        assert result.final_decision is Decision.AJOURNE
        session.decide("0001", final=True)
        assert session.recorded("0001", FINAL) == "ajourne"
        assert [e.new for e in session.store.history("0001", "oral:E3")] == [
            "E3 : sans note",
            "E3 : absent",
        ]


def test_choosing_planning_or_grading_an_oral_never_makes_the_first_decision_stale_r23(tmp_path):
    with _open(tmp_path, "2022") as session:
        _grade(session, "0001", CONTROLE)
        session.set_phase("deliberation")
        session.decide("0001")
        session.choose("0001", ["E1", "E3"])
        session.set_oral("0001", "E1", "13")
        session.set_oral("0001", "E3", "9")
        assert not session.is_stale(session.row("0001"), FIRST)
        session.decide("0001", final=True)
        # Correcting an oral grade makes the final decision stale, not the first one.
        session.set_oral("0001", "E3", "15", reason="erreur de report")
        assert session.stale == {("0001", FINAL)}
        # A first-group grade change makes both stale.
        session.set_grades([GradeChange("0001", "E5", 700)], reason="erreur de report")
        assert session.stale == {("0001", FIRST), ("0001", FINAL)}


def test_closing_lists_every_candidate_left_to_settle_r24(tmp_path):
    with _open(tmp_path, "2022") as session:
        session.add_candidates([Candidate("0003", "Petit", "Jean")], source="essai")
        _grade(session, "0001", CONTROLE)
        _grade(session, "0003", ADMIS)
        session.set_phase("deliberation")
        before = digest(session.path)
        with pytest.raises(RuleRefused, match="R24") as refused:
            session.set_phase("clos")
        text = str(refused.value)
        assert "0002" in text
        assert "incomplet" in text
        assert "0001" in text
        assert "non enregistrée" in text
        assert "0003" in text
        assert digest(session.path) == before
        assert session.phase == "deliberation"
        # Settle them: N'Diaye ABJ everywhere (counts 0: ajourné), decisions recorded.
        _grade_with_reason(session, "0002", dict.fromkeys(AJOURNE, Code.ABJ))
        session.decide_all()
        with pytest.raises(RuleRefused, match=r"0001.*décision finale"):
            session.set_phase("clos")  # eligible, authorised by right, no final decision
        session.decline("0001")
        session.set_phase("clos")
        assert session.phase == "clos"
        assert session.outcome(session.row("0001")) is Decision.AJOURNE


def _grade_with_reason(session: JurySession, number: str, grades: dict) -> None:
    session.set_grades(
        [GradeChange(number, line, entry) for line, entry in grades.items()],
        reason="relevé du centre",
    )


def test_a_candidate_who_declines_takes_no_oral_r24(tmp_path):
    with _open(tmp_path, "2022") as session:
        _grade(session, "0001", CONTROLE)
        session.set_phase("deliberation")
        change = session.decline("0001")
        assert change.kinds == {ORALS}
        with pytest.raises(RuleRefused, match="renoncé"):
            session.choose("0001", ["E1", "E3"])
        assert session.store.history("0001")[-1].new == "renonce aux épreuves de contrôle"
        session.decline("0001", False)
        session.choose("0001", ["E1", "E3"])
        session.set_oral("0001", "E1", "absent")
        with pytest.raises(RuleRefused, match="déjà"):
            session.decline("0001")


def test_dis_on_every_obligatory_line_is_refused_and_nothing_written_r2(tmp_path):
    with _open(tmp_path) as session:
        before = digest(session.path)
        with pytest.raises(InvalidInput, match=r"DIS.*R2"):
            _grade(session, "0001", dict.fromkeys(AJOURNE, Code.DIS))
        assert digest(session.path) == before
        assert session.store.grades() == {}


def test_widening_the_r12_offer_is_a_logged_session_setting(tmp_path):
    reglement = json.loads((reglements_dir() / "cg-2014.json").read_text(encoding="utf-8"))
    session = JurySession.create(
        tmp_path / "cg.btsdesk",
        reglement=reglement,
        details=SessionDetails(year=2026, specialty_code="CG", regime="2021"),
        operator="Mme Durand",
    )
    with session:
        session.add_candidates([Candidate("0001", "Martin", "Léa")], source="essai")
        _grade(
            session,
            "0001",
            dict.fromkeys(("E11", "E12", "E2", "E3", "E41", "E42", "E5", "E6"), 800),
        )  # contrôle (R10)
        # §7: E1 = E11 4 + E12 3 is one discipline (7); E2 3, E3 6 → k = 1: E1;
        # k = 2: E1 and E3 (R12).
        assert session.result("0001").options == ("E1",)
        session.set_general_oral_levels(2)
        assert session.result("0001").options == ("E1", "E3")
        logged = session.store.audit_log()[-1]
        assert (logged.subject, logged.old, logged.new) == ("session/general_oral_levels", "1", "2")
        with pytest.raises(SessionFileError, match="entier"):
            session.set_general_oral_levels(0)


def test_identity_is_editable_and_logged(tmp_path):
    with _open(tmp_path) as session:
        assert session.address_missing("0001")
        change = session.set_identity(
            "0001", civility="Mme", address="3 rue des Lilas\n75011 PARIS", email="lea@example.org"
        )
        assert change.candidates == {"0001"}
        assert not session.address_missing("0001")
        assert session.store.candidate("0001") == replace(session.candidate("0001"))
        assert session.store.history("0001")[-1].action == "candidat"


def test_authorise_all_keeps_the_jurys_refusals_r22(tmp_path):
    with _open(tmp_path, "2021") as session:
        session.add_candidates([Candidate("0003", "Petit", "Jean")], source="essai")
        for number in ("0001", "0003"):
            _grade(session, number, CONTROLE)
        session.set_phase("deliberation")
        session.authorise("0003", False)
        change = session.authorise_all()
        assert change.candidates == {"0001"}
        assert session.authorisations == {"0001": True, "0003": False}


def test_closing_in_2021_waits_for_the_jurys_authorisation_r22_r24(tmp_path):
    with _open(tmp_path, "2021") as session:
        _grade(session, "0001", CONTROLE)
        _grade(session, "0002", ADMIS)
        session.set_phase("deliberation")
        session.decide_all()
        with pytest.raises(RuleRefused, match=r"0001.*autorisation.*R22"):
            session.set_phase("clos")
        session.authorise("0001", False)  # not authorised: ajourné, nothing more to wait
        session.set_phase("clos")
        assert session.outcome(session.row("0001")) is Decision.AJOURNE


def test_a_2021_final_result_waits_for_both_orals_r11_r13a(tmp_path):
    with _open(tmp_path, "2021") as session:
        _grade(session, "0001", CONTROLE)
        session.set_phase("deliberation")
        session.authorise("0001")
        session.set_oral("0001", "professionnel", "11")  # the general oral not yet chosen
        assert session.oral_pending("0001")
        assert session.result("0001").final_decision is None
        session.choose("0001", ["E1"])
        session.set_oral("0001", "general", "absent")
        # R13 with the professional oral only: E5 (ponctuel, coef 3) 6 → 11: 191,5 + 15
        # = 206,5 / 21 = 9,83 → ajourné.
        result = session.result("0001")
        assert str(result.final_average) == "59/6"
        assert result.final_decision is Decision.AJOURNE


def test_the_counts_kept_row_by_row_equal_a_full_recount(tmp_path):
    """counts() is kept up to date per action (no recount of the session per edit): after
    grades, authorisations, orals, a renonciation and phase changes it equals a recount."""
    with _open(tmp_path, "2021") as session:
        session.add_candidates(
            [Candidate(f"01{i:02d}", "Essai", str(i)) for i in range(6)], source="essai"
        )
        for number in ("0001", "0100", "0101", "0102"):
            _grade(session, number, CONTROLE)
        _grade(session, "0103", ADMIS)
        _grade(session, "0104", AJOURNE)
        session.set_phase("deliberation")
        session.authorise("0001")
        session.authorise("0100", False)
        session.authorise("0101")
        session.decline("0101")
        session.authorise("0102")
        session.choose("0102", ["E1"])
        session.set_oral("0102", "general", "20")
        session.set_oral("0102", "professionnel", "20")
        session.set_grades([GradeChange("0103", "E5", 0)], reason="erreur de report")

        def recount() -> tuple[Counter, Counter, bool]:
            fresh = JurySession(session.store)
            return fresh.counts(), fresh.first_group_counts(), fresh.decided_by_orals()

        assert (session.counts(), session.first_group_counts(), session.decided_by_orals()) == (
            recount()
        )
        assert session.counts()[Decision.ADMIS] == 2  # 0102 after the orals, 0103 still
        session.set_phase("saisie", reason="correction")
        assert (session.counts(), session.first_group_counts(), session.decided_by_orals()) == (
            recount()
        )
