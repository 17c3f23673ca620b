from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from btsdesk.app.demo import demo_reglement
from btsdesk.store.session import Candidate, SessionDetails, SessionStore


def make_session(path: Path, regime: str = "2022") -> SessionStore:
    store = SessionStore.create(
        path,
        reglement=demo_reglement(),
        details=SessionDetails(year=2026, specialty_code="MCO", regime=regime),
        operator="Mme Durand",
    )
    store.add_candidates(
        [
            Candidate("0001", "Martin", "Léa"),
            Candidate("0002", "N'Diaye", "Émilie-Françoise", category="C"),
        ],
        source="essai",
    )
    return store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    path = tmp_path / "jury.btsdesk"
    make_session(path).close()
    return path
