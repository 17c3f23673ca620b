"""The first-year class file (issue 7): a second kind of btsdesk file with the session's
habits: whole or absent on creation, refused by name when it is the other kind, every write
one transaction with its audit entry."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from btsdesk.core.consolidation import (
    Answer,
    BacOrigin,
    Level,
    Measure,
    Observations,
    Outcome,
    Proposal,
    Status,
    Student,
)
from btsdesk.core.errors import InvalidInput
from btsdesk.store import backups
from btsdesk.store.class_file import ClassDetails, ClassStore, FollowUp
from btsdesk.store.errors import NotASession, SessionFileError
from btsdesk.store.schema import CLASS_APPLICATION_ID, CLASS_SCHEMA_VERSION
from btsdesk.store.session import SessionStore
from tests.store.conftest import digest

S, F, N = Level.SATISFAISANT, Level.FRAGILE, Level.INSUFFISANT
STUDENTS = [
    Student(
        "0001", "Martin", "Léa", BacOrigin.PROFESSIONNEL, "Métiers de l'accueil", Status.ETUDIANT
    ),
    Student("0002", "N'Diaye", "Émilie", BacOrigin.TECHNOLOGIQUE, "", Status.APPRENTI),
    Student("0003", "Benali", "Yanis", BacOrigin.GENERAL, "", Status.ETUDIANT),
]
PARCOURS = Proposal(
    True,
    frozenset({Measure.GROUPES_REDUITS, Measure.AUTRE}),
    3,
    Answer.ACCEPTE,
    other_measure="tutorat",
)


def make_class(path) -> ClassStore:
    store = ClassStore.create(
        path,
        year=2024,
        etablissement="Lycée Jean Moulin",
        division="1MCO",
        specialty_label="MCO",
        operator="Mme Durand",
    )
    store.add_students(STUDENTS, source="essai")
    return store


@pytest.fixture
def class_path(tmp_path):
    path = tmp_path / "classe.btsdesk"
    make_class(path).close()
    return path


def test_create_then_open_keeps_everything(class_path):
    assert sorted(p.name for p in class_path.parent.iterdir()) == ["classe.btsdesk"]
    with ClassStore.open(class_path) as store:
        assert store.details() == ClassDetails(
            2024, "Lycée Jean Moulin", "1MCO", "MCO", "Mme Durand"
        )
        assert store.students() == STUDENTS
        assert store.operator == "Mme Durand"
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        kind = store.conn.execute("PRAGMA application_id").fetchone()[0]
        assert (kind, version) == (CLASS_APPLICATION_ID, CLASS_SCHEMA_VERSION)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert backups.list_backups(class_path) == []  # opened and read: nothing written
    with ClassStore.open(class_path) as store:
        store.add_follow_up(STUDENTS[0].number, "2024-10-01", "entretien")
    # The state as opened, backed up before the first change.
    (opening,) = backups.list_backups(class_path)
    assert opening.reason == backups.OPENING
    with ClassStore.open(opening.path, read_only=True) as copy:
        assert copy.follow_ups() == []


def test_creating_over_an_existing_file_is_refused(class_path):
    before = digest(class_path)
    with pytest.raises(SessionFileError, match="existe déjà"):
        ClassStore.create(
            class_path, year=2024, etablissement="", division="", specialty_label="", operator="x"
        )
    assert digest(class_path) == before


def test_a_jury_session_opened_as_a_class_file_is_refused_and_untouched(session_path):
    before = digest(session_path)
    with pytest.raises(NotASession) as refused:
        ClassStore.open(session_path)
    assert str(refused.value) == (
        "« jury.btsdesk » est une session de jury, pas un fichier de classe : rien n'a été modifié"
    )
    assert digest(session_path) == before
    assert sorted(p.name for p in session_path.parent.iterdir()) == ["jury.btsdesk"]


def test_a_class_file_opened_as_a_jury_session_is_refused_and_untouched(class_path):
    before = digest(class_path)
    files = sorted(p.name for p in class_path.parent.iterdir())
    with pytest.raises(NotASession) as refused:
        SessionStore.open(class_path)
    assert str(refused.value) == (
        "« classe.btsdesk » est un fichier de classe, pas une "
        "session de jury : rien n'a été modifié"
    )
    assert digest(class_path) == before
    assert sorted(p.name for p in class_path.parent.iterdir()) == files


def test_other_files_are_refused_as_class_files(tmp_path):
    text = tmp_path / "notes.btsdesk"
    text.write_text("N°;Nom\n", encoding="utf-8")
    with pytest.raises(NotASession, match="n'est pas un fichier de classe btsdesk"):
        ClassStore.open(text)
    other = tmp_path / "autre.btsdesk"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(other)
    with pytest.raises(NotASession, match="pas un fichier de classe btsdesk"):
        ClassStore.open(other)
    assert digest(other) == before


def test_edits_are_logged_old_to_new_and_the_log_verifies(class_path):
    with ClassStore.open(class_path, operator="M. Petit", backup=False) as store:
        store.set_observations("0001", Observations(F, N, F, S, "absences en octobre"))
        store.set_observations("0001", Observations(F, F, F, S))
        store.set_proposal("0001", PARCOURS)
        store.add_follow_up("0001", date(2024, 11, 20), "premier entretien")
        store.add_follow_up("0001", "2025-01-15", "progrès en méthode")
        store.set_outcome("0001", Outcome.PASSAGE_2E_ANNEE)
        store.set_outcome("0002", Outcome.ABANDON)
        assert store.verify() == []
        history = [(e.operator, e.action, e.old, e.new) for e in store.history("0001")]
        assert store.follow_ups("0001") == [
            FollowUp("0001", "2024-11-20", "premier entretien"),
            FollowUp("0001", "2025-01-15", "progrès en méthode"),
        ]
        followed = {f.student.number: f for f in store.followed()}
    assert history[0][:2] == ("Mme Durand", "étudiant")
    assert history[1:] == [
        (
            "M. Petit",
            "observations",
            None,
            "acquis académiques : fragile, méthodologie : insuffisant, autonomie dans le travail "
            "personnel : fragile, assiduité : satisfaisant ; absences en octobre",
        ),
        (
            "M. Petit",
            "observations",
            "acquis académiques : fragile, méthodologie : insuffisant, autonomie dans le travail "
            "personnel : fragile, assiduité : satisfaisant ; absences en octobre",
            "acquis académiques : fragile, méthodologie : fragile, autonomie dans le travail "
            "personnel : fragile, assiduité : satisfaisant",
        ),
        (
            "M. Petit",
            "proposition",
            None,
            "parcours proposé (groupes à effectifs réduits, tutorat), BTS en 3 ans, réponse : "
            "accepté",
        ),
        ("M. Petit", "suivi", None, "2024-11-20 : premier entretien"),
        ("M. Petit", "suivi", None, "2025-01-15 : progrès en méthode"),
        ("M. Petit", "situation", None, "passage en 2e année"),
    ]
    assert followed["0001"].proposal == PARCOURS
    assert followed["0001"].parcours
    assert followed["0001"].at_risk
    assert followed["0002"].outcome is Outcome.ABANDON
    assert followed["0003"].outcome is Outcome.EN_COURS
    assert followed["0003"].proposal is None
    # Reopened, everything reads back the same.
    with ClassStore.open(class_path, read_only=True) as store:
        assert store.proposals() == {"0001": PARCOURS}
        assert store.verify() == []


def test_a_tampered_log_is_detected(class_path):
    with ClassStore.open(class_path, backup=False) as store:
        store.set_outcome("0003", Outcome.REDOUBLEMENT)
        store.conn.execute("DROP TRIGGER audit_log_no_update")
        store.conn.execute("UPDATE audit_log SET new = 'falsifié' WHERE id = 2")
        problems = store.verify()
    assert any("modifiée après coup" in p for p in problems)
    assert any("audit_log_no_update" in p for p in problems)


def test_a_length_of_four_years_is_refused_and_nothing_is_written(class_path):
    before = digest(class_path)
    with pytest.raises(InvalidInput, match="durée prévue : 2 ou 3 ans, pas 4"):
        Proposal(True, frozenset({Measure.METHODOLOGIE}), 4, Answer.EN_ATTENTE)
    assert digest(class_path) == before
    with ClassStore.open(class_path, backup=False) as store:  # the database refuses it too
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute(
                "INSERT INTO proposals (number, proposed, planned_years, "
                "answer) VALUES ('0001', 1, 4, 'accepte')"
            )
        assert store.proposals() == {}


def test_an_unknown_student_is_refused_in_french_and_nothing_is_written(class_path):
    with ClassStore.open(class_path, backup=False) as store:
        entries = len(store.audit_log())
        for write in (
            lambda: store.set_observations("0999", Observations(S, S, S, S)),
            lambda: store.set_proposal("0999", PARCOURS),
            lambda: store.add_follow_up("0999", "2024-11-20", "x"),
            lambda: store.set_outcome("0999", Outcome.ABANDON),
            lambda: store.set_outcomes(
                {"0001": Outcome.ABANDON, "0999": Outcome.ABANDON}, source="x"
            ),
        ):
            with pytest.raises(SessionFileError, match="étudiant 0999 inconnu dans la classe"):
                write()
        with pytest.raises(SessionFileError, match="date de suivi « 20/11/2024 » invalide"):
            store.add_follow_up("0001", "20/11/2024", "x")
        assert store.outcomes() == {}
        assert store.follow_ups() == []
        assert len(store.audit_log()) == entries


def test_students_are_updated_by_number_and_unchanged_ones_not_logged(class_path):
    changed = Student("0002", "N'Diaye", "Émilie", BacOrigin.PROFESSIONNEL, "", Status.APPRENTI)
    with ClassStore.open(class_path, backup=False) as store:
        assert store.add_students([STUDENTS[0], changed], source="essai 2") == (0, 1)
        assert store.student("0002") == changed
        assert [e.old for e in store.history("0002")][-1] == (
            "N'DIAYE Émilie (bac technologique, apprenti)"
        )
        with pytest.raises(SessionFileError, match="0001 présent deux fois"):
            store.add_students([STUDENTS[0], STUDENTS[0]], source="x")
