"""Issue 12: the JSON export is the whole session, and opening it gives the same session
(§6 plus keys §6 lets through, so ``btsdesk evaluate`` still reads it)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Literal

import pytest

from btsdesk.app.exchange_import import import_exchange, session_from_exchange
from btsdesk.app.exports import exchange_json
from btsdesk.app.session import FINAL, FIRST, JurySession
from btsdesk.app.session_json import record_json, record_values
from btsdesk.cli import main
from btsdesk.core.errors import InvalidInput
from btsdesk.core.exactjson import load_json
from btsdesk.core.grades import Code
from btsdesk.core.records import Candidate, GradeChange, SessionDetails
from btsdesk.io.exchange import evaluate_text
from btsdesk.store.session import SessionStore
from tests.app.played import to_the_end
from tests.store.conftest import make_session

IDENTITY = Candidate(
    "0123",
    "=1+1",
    "Zoé-Françoise",
    civility="Mme",
    birth_date="2005-04-09",
    category="C",
    address="12, rue de l'Église\n99000 Villefictive",
    email="zoe@example.org",
    bac_origin="BAC PRO MCV",
    livret_provided=True,
    livret_examined_by="Mme Morel",
    livret_examined_on="2026-07-01",
    consolidation=True,
)


def _export(store: SessionStore, path: Path) -> dict:
    data = exchange_json(store)
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return data


def _reopened(path: Path) -> dict:
    # made beside the export, not in a temporary folder nobody removes
    made = session_from_exchange(path, path.with_name(f"{path.stem}-copie.btsdesk"))
    with SessionStore.open(made, read_only=True) as store:
        assert store.verify() == []  # a new log that tells the same story as the data
        return exchange_json(store)


@pytest.mark.parametrize("regime", ["2021", "2022"])
def test_a_session_played_to_the_end_opens_back_the_same(tmp_path, regime):
    # The jury, decisions of both stages, authorisations (2021), choices, planning, oral
    # grades with one absent (R13a), renonciations, closing: all of it comes back.
    session = to_the_end(tmp_path / "jury.btsdesk", regime, count=16)
    store = session.store
    store.set_image("logo", b"\x89PNG fake logo")
    exported = _export(store, tmp_path / "session.json")
    session.close()
    assert exported["session"]["phase"] == "clos"
    assert exported["jury"][0] == {
        "name": "Mme Anne Morel",
        "quality": "enseignant",
        "role": "président",
        "status": "",
        "present": True,
    }
    stages = {record["stage"] for record in exported["decisions"]}
    assert {FIRST, FINAL} <= stages
    assert any(p.get("declined") for p in exported["candidates"])
    assert any(r["absent"] for p in exported["candidates"] for r in p.get("oral_records", []))
    assert any(r["slot"] for p in exported["candidates"] for r in p.get("oral_records", []))
    assert _reopened(tmp_path / "session.json") == exported


def test_every_field_of_the_records_is_carried(tmp_path):
    # Written generically: a field added to Candidate or SessionDetails (« nom d'usage »,
    # a session setting) is carried with no change to the export.
    with make_session(tmp_path / "jury.btsdesk") as store:
        store.add_candidates([IDENTITY], source="essai")
        exported = _export(store, tmp_path / "session.json")
    person = next(p for p in exported["candidates"] if p["number"] == "0123")
    assert {f.name for f in fields(Candidate)} <= set(person)
    assert {f.name for f in fields(SessionDetails)} <= set(exported["session"])
    assert person["address"] == IDENTITY.address
    with SessionStore.open(
        session_from_exchange(tmp_path / "session.json", tmp_path / "copie.btsdesk")
    ) as copy:
        assert copy.candidate("0123") == IDENTITY
        assert copy.details() == SessionDetails(
            year=2026,
            specialty_code="MCO",
            regime="2022",
            reglement_version="2018",
            operator="Mme Durand",
        )


def _decided(store: SessionStore) -> JurySession:
    """0001 at 12 on every obligatory line, admis recorded in délibération."""
    for line in store.specialty.lines:
        if not line.facultative:
            store.set_grade("0001", line.code, 1200)
    session = JurySession(store)
    session.set_phase("deliberation")
    session.decide("0001")
    return session


def test_a_stale_decision_stays_stale(tmp_path):
    # R23: the basis travels with the decision; a decision recorded before a change of
    # grade is not made up to date by an export and an import.
    with make_session(tmp_path / "jury.btsdesk") as store:
        _decided(store)
        store.set_grade("0001", "E1", 1300, reason="erreur de report")
        assert store.stale_decisions() == [("0001", FIRST)]
        _export(store, tmp_path / "session.json")
    with SessionStore.open(
        session_from_exchange(tmp_path / "session.json", tmp_path / "copie.btsdesk")
    ) as copy:
        assert copy.stale_decisions() == [("0001", FIRST)]
        assert copy.decisions() == {"0001": {FIRST: "admis"}}


def test_a_session_brought_back_to_saisie_keeps_its_decisions(tmp_path):
    with make_session(tmp_path / "jury.btsdesk") as store:
        session = _decided(store)
        session.set_phase("saisie", reason="note oubliée")
        exported = _export(store, tmp_path / "session.json")
    assert exported["session"]["phase"] == "saisie"
    assert _reopened(tmp_path / "session.json") == exported


def test_the_export_is_still_an_evaluate_input(tmp_path):
    # §6 ignores the keys it does not name: the whole session is a valid evaluate input.
    session = to_the_end(tmp_path / "jury.btsdesk", "2022", count=16)
    exported = exchange_json(session.store)
    results = session.results
    session.close()
    output = evaluate_text(json.dumps(exported, default=str))["candidates"]
    assert [entry["decision"] for entry in output] == [r.decision.value for r in results]


def test_importing_into_a_session_takes_identities_and_absences(tmp_path):
    session = to_the_end(tmp_path / "jury.btsdesk", "2022", count=16)
    exported = exchange_json(session.store)
    session.close()
    with_absent = next(
        p for p in exported["candidates"] if any(r["absent"] for r in p.get("oral_records", []))
    )
    with make_session(tmp_path / "autre.btsdesk") as store:
        (tmp_path / "un.json").write_text(
            json.dumps({**exported, "candidates": [with_absent]}, default=str), encoding="utf-8"
        )
        import_exchange(store, tmp_path / "un.json")
        mine = store.orals()[with_absent["number"]]
        assert any(choice.absent for choice in mine.values())
        assert store.candidate(with_absent["number"]).address == with_absent["address"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda data: data["candidates"][0].update(birth_date=20050409),
            "session.json : candidat 0001 : « birth_date » doit être un texte ou null, "
            "nombre trouvé",
        ),
        (
            lambda data: data["candidates"][0].update(livret_provided="oui"),
            "« livret_provided » doit être un booléen, texte trouvé",
        ),
        (
            lambda data: data["session"].update(phase="finie"),
            "session.json : session : phase « finie » inconnue",
        ),
        (
            lambda data: data["jury"].append({"name": "X", "quality": "parent"}),
            "jury, membre n°1 : « quality » enseignant ou professionnel",
        ),
        (
            lambda data: data["decisions"].append(
                {"number": "0001", "stage": "final", "decision": "recalé"}
            ),
            "décision de 0001 : décision « recalé » inconnue",
        ),
        (  # R24: a hand-edited « clos » does not skip what closing requires
            lambda data: data["session"].update(phase="clos"),
            "la session se dit close, mais sa clôture serait refusée (R24) : 0001 ",
        ),
    ],
)
def test_a_bad_whole_session_file_is_refused_in_french(tmp_path, change, message):
    with make_session(tmp_path / "jury.btsdesk") as store:
        data = exchange_json(store)
    change(data)
    path = tmp_path / "session.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    target = tmp_path / "copie.btsdesk"
    with pytest.raises(InvalidInput) as refused:
        session_from_exchange(path, target)
    assert message in str(refused.value)
    assert not target.exists()


def test_export_help_says_the_audit_log_is_not_in_it(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Le journal des modifications n'y est pas" in out


def test_codes_and_leading_zeros_survive(tmp_path):
    with make_session(tmp_path / "jury.btsdesk") as store:
        store.add_candidates([Candidate("000042", "O'Neil", "Ève")], source="essai")
        store.set_grade("000042", "E1", Code.ABS)
        store.set_grade("000042", "E3", 1275)
        exported = _export(store, tmp_path / "session.json")
    assert _reopened(tmp_path / "session.json") == exported


def test_new_depuis_recreates_the_session_from_the_command_line(tmp_path, capsys):
    session = to_the_end(tmp_path / "jury.btsdesk", "2021", count=16)
    session.close()
    exported, copy, again = (tmp_path / n for n in ("a.json", "copie.btsdesk", "b.json"))
    assert main(["export", str(tmp_path / "jury.btsdesk"), str(exported)]) == 0
    assert main(["new", str(copy), "--depuis", str(exported)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"Session recréée depuis a.json : {copy} (16 candidat(s), phase clos)."
    assert main(["export", str(copy), str(again)]) == 0
    assert json.loads(again.read_text(encoding="utf-8")) == json.loads(
        exported.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    ("args", "saying"),
    [
        (["--depuis", "a.json", "--regime", "2022"], "--depuis reprend tout de l'export"),
        (["--regime", "2022"], "arguments obligatoires manquants : --reglement, --year"),
        (["--depuis", "absent.json"], "« absent.json » : fichier introuvable"),
        (["--depuis", "a.json"], "« existe.btsdesk » existe déjà"),
    ],
)
def test_new_depuis_refusals(tmp_path, capsys, monkeypatch, args, saying):
    monkeypatch.chdir(tmp_path)
    with make_session(tmp_path / "existe.btsdesk") as store:
        _export(store, tmp_path / "a.json")
    target = "existe.btsdesk" if "a.json" in args and len(args) == 2 else "neuve.btsdesk"
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["new", target, *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert saying in captured.err
    assert len(captured.err.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_orals_that_no_longer_apply_are_kept_and_evaluate_still_reads_the_file(tmp_path):
    # A candidate chose an oral, then a corrected grade made them admis: the session keeps
    # the oral (left out of the result with a warning); §6 would refuse it, so it is only
    # in ``oral_records``.
    with make_session(tmp_path / "jury.btsdesk") as store:
        obligatory = [line for line in store.specialty.lines if not line.facultative]
        for line in obligatory:  # R14: the professional domain at 10, the general one below
            store.set_grade("0001", line.code, 1000 if line.domain.value == "professional" else 800)
        result = store.evaluator().evaluate_recorded(store.candidate_grades()[0])
        regime = store.rules().regime
        for key, choice in regime.orals_for_choice(list(result.options)[:2], {}).items():
            store.set_oral("0001", key, discipline=choice.discipline, grade=1500)
        for line in obligatory:
            store.set_grade("0001", line.code, 1200)
        exported = _export(store, tmp_path / "session.json")
    martin = exported["candidates"][0]
    assert "orals" not in martin
    assert martin["oral_records"][0]["grade"] == "15.00"
    output = evaluate_text(json.dumps(exported, default=str))["candidates"][0]
    assert output["decision"] == "admis"
    assert _reopened(tmp_path / "session.json") == exported


@dataclass(frozen=True)
class Later:
    """A record as a later version may have it (« nom d'usage », a session setting)."""

    number: str
    usage_name: str = ""
    threshold: Decimal = Decimal("10")
    mode: Literal["ponctuel", "ccf"] = "ponctuel"
    rooms: tuple[str, ...] = ()
    examined: bool | None = None


def test_fields_of_any_plain_type_go_out_and_come_back():
    later = Later("0123", "Dupont-Laïné", Decimal("9.995"), "ccf", ("A1", "B2"), True)
    text = json.dumps(record_json(later), ensure_ascii=False)
    assert Later(**record_values(Later, load_json(text), "candidat 0123")) == later
    assert record_values(Later, {"number": "1", "other": 3}, "x") == {"number": "1"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"mode": "oral"}, "« mode » doit être une valeur permise, texte trouvé"),
        ({"threshold": True}, "« threshold » doit être un nombre décimal, booléen trouvé"),
        ({"examined": 1}, "« examined » doit être un booléen ou null, nombre trouvé"),
    ],
)
def test_a_field_of_the_wrong_type_is_refused_by_name(raw, message):
    with pytest.raises(InvalidInput) as refused:
        record_values(Later, {"number": "0123", **raw}, "candidat 0123")
    assert str(refused.value) == f"candidat 0123 : {message}"


def test_a_kept_grade_keeps_its_year_and_the_printed_documents_are_listed(tmp_path):
    # Bénéfice (domain.md R2): Léa's E1 comes from the 2024 session; it says so after the
    # round trip. The documents printed are listed in the export, as a record only.
    with make_session(tmp_path / "jury.btsdesk") as store:
        store.apply_grades([GradeChange("0001", "E1", 1450)], origin="saisie", origin_year=2024)
        store.set_grade("0001", "E21", 900)
        digest = store.record_document("pv", b"%PDF-1.4 fake", pages=2)
        exported = _export(store, tmp_path / "session.json")
    lea = next(p for p in exported["candidates"] if p["number"] == "0001")
    assert lea["grades"] == {"E1": "14.50", "E21": "9.00"}
    assert lea["grade_origin_years"] == {"E1": 2024}
    assert [(d["kind"], d["sha256"], d["pages"]) for d in exported["documents"]] == [
        ("pv", digest, 2)
    ]
    with SessionStore.open(session_from_exchange(tmp_path / "session.json")) as copy:
        assert copy.grade_origin_years() == {"0001": {"E1": 2024}}
        assert copy.grades()["0001"] == {"E1": 1450, "E21": 900}
        assert copy.verify() == []
        assert copy.documents() == []  # not forged into the new file's record


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ({"E2": 2024}, "candidat 0001 : épreuve E2 gardée d'une session antérieure sans note"),
        ({"E1": "2024"}, "candidat 0001 : épreuve E1 : année d'origine invalide ('2024')"),
        ([2024], "candidat 0001 : « grade_origin_years » doit être un objet"),
    ],
)
def test_a_bad_origin_year_is_refused_by_candidate_and_line(tmp_path, years, message):
    with make_session(tmp_path / "jury.btsdesk") as store:
        store.set_grade("0001", "E1", 1450)
        data = exchange_json(store)
    next(p for p in data["candidates"] if p["number"] == "0001")["grade_origin_years"] = years
    path = tmp_path / "session.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        session_from_exchange(path, tmp_path / "copie.btsdesk")
    assert message in str(refused.value)
    assert not (tmp_path / "copie.btsdesk").exists()
