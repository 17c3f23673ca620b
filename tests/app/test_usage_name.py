"""Issue 12: the « nom d'usage » kept apart from the « nom de famille »: read from a Cyclades
list, stored (migration 009), kept by a list without that column, edited from the command
line, and printed on the convocation as « MARTIN », then « Nom de naissance : DUPONT »."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from btsdesk.app import documents
from btsdesk.app.demo import demo_reglement
from btsdesk.app.imports import apply_preview, preview_file
from btsdesk.cli import main
from btsdesk.store.session import SessionDetails, SessionStore
from tests.app.played import to_orals

CYCLADES = Path(__file__).resolve().parents[1] / "data" / "imports" / "cyclades-categories.csv"


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() or "" for page in pages))


def new_session(path: Path) -> Path:
    SessionStore.create(
        path,
        reglement=demo_reglement(),
        details=SessionDetails(year=2026, specialty_code="MCO", regime="2022"),
        operator="test",
    ).close()
    return path


def test_a_cyclades_usage_name_is_stored_apart_and_kept(tmp_path):
    # cyclades-categories.csv: 0261000002 « Nom de famille » MARTIN, « Nom d'usage » DURAND.
    session = new_session(tmp_path / "s.btsdesk")
    with SessionStore.open(session, backup=False, operator="test") as store:
        apply_preview(store, preview_file(store, CYCLADES, "candidats"), CYCLADES.name)
    with SessionStore.open(session, backup=False, operator="test") as store:
        paul = store.candidate("0261000002")
        assert (paul.surname, paul.usage_name, paul.given_name) == ("MARTIN", "DURAND", "Paul")
        assert store.candidate("0261000001").usage_name == ""
        logged = [e.new for e in store.audit_log() if e.subject == "0261000002"]
        assert logged == ["MARTIN Paul (nom d'usage DURAND) (cyclades-categories.csv)"]
        # The same list without its « Nom d'usage » column keeps the name already known.
        text = CYCLADES.read_text(encoding="utf-8").replace("Nom d'usage", "Autre")
        shorter = tmp_path / "liste.csv"
        shorter.write_text(text, encoding="utf-8")
        apply_preview(store, preview_file(store, shorter, "candidats"), shorter.name)
        assert store.candidate("0261000002").usage_name == "DURAND"


def test_the_usage_name_is_set_from_the_command_line_and_shown(tmp_path, capsys):
    session = new_session(tmp_path / "s.btsdesk")
    with SessionStore.open(session, backup=False, operator="test") as store:
        apply_preview(store, preview_file(store, CYCLADES, "candidats"), CYCLADES.name)
    assert main(["candidat", str(session), "0261000001", "--nom-usage", "Lefèvre"]) == 0
    capsys.readouterr()
    assert main(["candidat", str(session), "0261000001"]) == 0
    assert "nom d'usage : LEFÈVRE" in capsys.readouterr().out
    # The family name given as usage name is no usage name.
    assert main(["candidat", str(session), "0261000001", "--nom-usage", "dupont"]) == 0
    with SessionStore.open(session, backup=False, read_only=True) as store:
        assert store.candidate("0261000001").usage_name == ""


def test_the_convocation_prints_the_usage_name_then_the_name_of_birth(tmp_path):
    with to_orals(tmp_path / "orals.btsdesk", "2022") as session:
        number = next(c.number for c in session.candidates if session.convoked(c.number))
        before = session.candidate(number)
        session.set_identity(number, usage_name="Martin-Lefèvre")
        letters = documents.prepare(session, "convocations", issued_on=date(2026, 7, 3))()
    text = _text(letters)
    ours = next(
        part for part in text.split("Convocation aux épreuves de contrôle") if number in part
    )
    surname = before.surname.upper()
    assert f"Nom MARTIN-LEFÈVRE Prénom {before.given_name}" in ours
    assert f"Nom de naissance {surname}" in ours
    # the window envelope's name line, printed above the letter's title
    assert f"{before.civility} {before.given_name} MARTIN-LEFÈVRE" in text


def test_the_pv_and_the_lists_print_the_usage_name(tmp_path):
    # documents/results.py and documents/lists.py print Identity.name: the nom d'usage when
    # there is one, the name of birth otherwise. One convoked candidate is given the usage
    # name « Martin-Lefèvre »: the PV of the first group, the list of the convoked and the
    # attendance sheet of their room print it, and not the name of birth.
    with to_orals(tmp_path / "orals.btsdesk", "2022") as session:
        number = next(c.number for c in session.candidates if session.convoked(c.number))
        before = session.candidate(number)
        session.set_identity(number, usage_name="Martin-Lefèvre")
        printed = {
            kind: _text(documents.prepare(session, kind, issued_on=date(2026, 7, 3))())
            for kind in ("pv_premier_groupe", "liste_convoques", "emargement")
        }
    surname = before.surname.upper()
    for kind, text in printed.items():
        assert f"MARTIN-LEFÈVRE {before.given_name}" in text, kind
        # the name of birth is not printed for this candidate (no one else shares it here)
        assert f"{surname} {before.given_name}" not in text, kind
