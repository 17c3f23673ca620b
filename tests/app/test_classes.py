"""The class file's actions in the application layer (§8): the conseil de classe's record
in one transaction, the follow-up, the imports all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from btsdesk.app.classes import (
    add_follow_up,
    apply_class_preview,
    open_class,
    record_conseil,
)
from btsdesk.core.consolidation import Answer, Level, Measure, Observations, Proposal
from btsdesk.core.errors import InvalidInput
from btsdesk.io.class_import import read_class_list
from btsdesk.store.class_file import ClassStore
from btsdesk.store.errors import SessionFileError

CLASS_LIST = (
    "\n".join(
        [
            "N°;Nom;Prénom;Origine;Spécialité bac pro;Statut",
            "E001;N'Diaye;Émilie-Françoise;bac professionnel;Métiers du commerce et de la vente;"
            "étudiant",
            "E002;Martin;Léa;bac général;;étudiant",
        ]
    )
    + "\n"
)
OBSERVATIONS = Observations(
    Level.INSUFFISANT,
    Level.FRAGILE,
    Level.SATISFAISANT,
    Level.SATISFAISANT,
    note="méthode à consolider",
)
PROPOSAL = Proposal(
    proposed=True,
    measures=frozenset({Measure.METHODOLOGIE}),
    planned_years=3,
    answer=Answer.EN_ATTENTE,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "1bts.btsdesk-classe"
    with ClassStore.create(
        target,
        year=2026,
        etablissement="Lycée Jean-Moulin",
        division="1 BTS MCO A",
        specialty_label="BTS MCO",
        operator="M. Leroy",
    ) as store:
        assert apply_class_preview(
            store, read_class_list(CLASS_LIST.encode("cp1252"), "classe.csv")
        ) == (2, 0)
    return target


def test_observations_and_proposal_in_one_transaction(path: Path):
    with open_class(path, operator="M. Leroy") as store:
        before = len(store.audit_log())
        assert "enregistrées" in record_conseil(store, "E001", OBSERVATIONS, PROPOSAL)
        assert store.observations()["E001"] == OBSERVATIONS
        assert store.proposals()["E001"] == PROPOSAL
        assert len(store.audit_log()) == before + 2  # one entry each


def test_a_refused_proposal_leaves_the_observations_unwritten(path: Path, monkeypatch):
    with open_class(path) as store:

        def refuse(number: str, proposal: Proposal) -> None:
            raise SessionFileError("proposition refusée")

        monkeypatch.setattr(store, "set_proposal", refuse)
        with pytest.raises(SessionFileError):
            record_conseil(store, "E001", OBSERVATIONS, PROPOSAL)
        assert store.observations() == {}  # both or neither


def test_follow_up_dated_and_logged(path: Path):
    with open_class(path) as store:
        add_follow_up(store, "E002", date(2026, 12, 1), "  entretien avec l'étudiante ")
        assert [(f.date, f.note) for f in store.follow_ups("E002")] == [
            ("2026-12-01", "entretien avec l'étudiante")
        ]
        with pytest.raises(InvalidInput, match="vide"):
            add_follow_up(store, "E002", "2026-12-02", "   ")
        with pytest.raises(SessionFileError, match="inconnu"):
            add_follow_up(store, "E999", "2026-12-02", "point")
        assert len(store.follow_ups("E002")) == 1
