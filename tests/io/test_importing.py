"""Imports through the session store: all-or-nothing (a refused import leaves the session file
byte for byte as it was), one store call per import, every replaced grade in the audit log."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from btsdesk.app.demo import demo_reglement
from btsdesk.app.imports import apply_preview, preview_file
from btsdesk.core.grades import Code
from btsdesk.core.reglement import parse_specialty
from btsdesk.io.cyclades import CandidatePreview
from btsdesk.io.grade_sheet import GradePreview
from btsdesk.io.importing import detect_kind
from btsdesk.io.problems import ImportRefused, Problem
from btsdesk.store.session import Candidate, GradeChange, SessionDetails, SessionStore

IMPORTS = Path(__file__).resolve().parents[1] / "data" / "imports"
CYCLADES = IMPORTS / "cyclades-liste-simple.csv"
NOTES = IMPORTS / "notes-virgules.csv"
CANDIDATES = [
    Candidate("0262000001", "Garnier", "Léa"),
    Candidate("0262000002", "Faure", "Nathan"),
    Candidate("0262000003", "Lambert", "Zoé", category="C"),
]


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    """A closed session with three candidates and one grade (E1 = 12 for 0262000001)."""
    path = tmp_path / "s.btsdesk"
    store = SessionStore.create(
        path,
        reglement=demo_reglement(),
        details=SessionDetails(year=2026, specialty_code="MCO", regime="2022"),
        operator="test",
    )
    store.add_candidates(CANDIDATES, source="test")
    store.set_grade("0262000001", "E1", 1200)
    store.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_cyclades_sample_into_a_session(session_path: Path):
    with SessionStore.open(session_path, backup=False) as store:
        preview = preview_file(store, CYCLADES)
        assert isinstance(preview, CandidatePreview)
        assert preview.problems == []
        assert apply_preview(store, preview, "Cyclades") == "16 candidats ajoutés, 0 mis à jour"
        imported = {c.number: c for c in store.candidates()}
    assert len(imported) == 3 + 16
    assert imported["2070557748"].full_name == "LABBÉ Alice"
    assert imported["2070557748"].birth_date == "2002-08-10"
    assert imported["2119599321"].category == "A"


def test_reimporting_a_list_updates_identity_and_keeps_the_rest(session_path: Path, tmp_path):
    with SessionStore.open(session_path, backup=False) as store:
        apply_preview(store, preview_file(store, CYCLADES, kind="candidats"), "Cyclades")
        allard = store.candidate("2011557741")
        assert allard is not None
        store.add_candidates(
            [
                Candidate(
                    **{**allard.__dict__, "email": "v.allard@example.fr", "livret_provided": True}
                )
            ],
            source="saisie",
        )
        changed = CYCLADES.read_text(encoding="utf-8").replace(
            "ALLARD; -;Victoire;09/04/2005;'TMA';528777848GG;SCOLAIRE BACPRO 3 ANS (132)",
            "ALLARD; -;Victoire;09/04/2005;'TMA';528777848GG;CNED",
        )
        preview = preview_file(store, write(tmp_path, "v2.csv", changed.encode("cp1252")))
        assert "candidat 2011557741 (ALLARD Victoire) : catégorie A → C (R3)" in preview.warnings
        assert apply_preview(store, preview, "Cyclades") == "0 candidat ajouté, 1 mis à jour"
        allard = store.candidate("2011557741")
    assert allard is not None
    assert (allard.category, allard.email, allard.livret_provided) == (
        "C",
        "v.allard@example.fr",
        True,
    )


def test_grade_sheet_into_a_session(session_path: Path):
    with SessionStore.open(session_path, backup=False) as store:
        preview = preview_file(store, NOTES)
        assert isinstance(preview, GradePreview)
        assert preview.problems == []
        assert apply_preview(store, preview, NOTES.name) == "16 notes importées, dont 1 remplacée"
        grades = store.grades()
    assert grades["0262000001"]["E1"] == 850
    assert grades["0262000001"]["E21"] is Code.ABJ
    assert grades["0262000003"]["EF1"] == 1250


def test_reimport_that_changes_a_grade_is_shown_and_audited(session_path: Path, tmp_path):
    with SessionStore.open(session_path, backup=False) as store:
        apply_preview(store, preview_file(store, NOTES), NOTES.name)
        sheet = write(
            tmp_path,
            "corrigé.csv",
            "N° candidat;Nom;E1;E21\n0262000001;GARNIER;9,5;abj\n".encode("cp1252"),
        )
        preview = preview_file(store, sheet)
        assert preview.replaced == [(GradeChange("0262000001", "E1", 950), 850)]
        assert apply_preview(store, preview, sheet.name) == "1 note importée, dont 1 remplacée"
        history = store.history("0262000001", "E1")
        assert store.grades()["0262000001"]["E1"] == 950
    assert [(entry.old, entry.new) for entry in history] == [
        (None, "12,00"),
        ("12,00", "8,50 [import notes-virgules.csv]"),
        ("8,50", "9,50 [import corrigé.csv]"),
    ]


def test_detect_kind():
    assert detect_kind(CYCLADES.read_bytes(), CYCLADES.name) == "candidats"
    assert detect_kind(NOTES.read_bytes(), NOTES.name) == "notes"
    # A grade sheet may call its number column "N° Candidat" too: still grades.
    assert detect_kind(b"N\xc2\xb0 Candidat;Nom;E1\n1;A;12\n", "n.csv") == "notes"
    full = "N° Candidat;Nom de famille;Prénom(s);Catégorie Candidat;E1\n1;A;B;SCOLAIRE;12\n"
    assert detect_kind(full.encode(), "n.csv") == "candidats"  # without a specialty
    specialty = parse_specialty(demo_reglement())
    assert detect_kind(full.encode(), "n.csv", specialty) == "notes"
    assert detect_kind(CYCLADES.read_bytes(), CYCLADES.name, specialty) == "candidats"


GOOD_ROW = "0262000002;FAURE;13"
REFUSALS = [
    (
        "21",
        "notes.csv",
        f"N° candidat;Nom;E1\n{GOOD_ROW}\n0262000001;GARNIER;21\n",
        "ligne 3, colonne « E1 » (C) : note « 21 » supérieure à 20",
    ),
    (
        "letter",
        "notes.csv",
        f"N° candidat;Nom;E1\n0262000001;GARNIER;1O\n{GOOD_ROW}\n",
        "ligne 2, colonne « E1 » (C) : note « 1O » illisible (attendu : un nombre de 0 à 20, deux "
        "décimales au plus, ou ABS, ABJ, DIS)",
    ),
    (
        "duplicate",
        "notes.csv",
        f"N° candidat;Nom;E1\n{GOOD_ROW}\n0262000002;FAURE;14\n",
        "ligne 3, colonne « N° candidat » (A) : candidat 0262000002 en double (déjà à la ligne 2)",
    ),
    (
        "unknown-epreuve",
        "notes.csv",
        f"N° candidat;Nom;E1;E9\n{GOOD_ROW};12\n",
        "ligne 1, colonne « E9 » (D) : colonne inconnue : ni une épreuve de la spécialité "
        "(E1, E21, E22, E3, E41, E42, E5, E6, EF1, EF2, EF3, EE), ni une colonne d'identité "
        "(Nom, Prénom…)",
    ),
    (
        "unknown-candidate",
        "notes.csv",
        f"N° candidat;Nom;E1\n{GOOD_ROW}\n0262000099;X;12\n",
        "ligne 3, colonne « N° candidat » (A) : candidat « 0262000099 » inconnu dans la session",
    ),
    ("empty", "notes.csv", "", "fichier vide"),
    (
        "binary",
        "notes.csv",
        bytes(range(256)) * 8,
        "« notes.csv » n'est ni un fichier CSV ni un classeur Excel (.xlsx) (contenu binaire "
        "illisible)",
    ),
    (
        "cyclades-duplicate",
        "liste.csv",
        CYCLADES.read_text(encoding="utf-8")
        + CYCLADES.read_text(encoding="utf-8").splitlines()[-1],
        "ligne 26, colonne « N° Candidat » (B) : candidat 2119599321 en double (déjà à la "
        "ligne 25)",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [case[1:] for case in REFUSALS],
    ids=[case[0] for case in REFUSALS],
)
def test_refused_import_leaves_the_file_byte_for_byte(
    session_path: Path, tmp_path, name, content, message
):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    source = write(tmp_path, name, data)
    before = digest(session_path)
    store = SessionStore.open(session_path, backup=False)
    try:
        preview = preview_file(store, source)
        assert [str(problem) for problem in preview.problems] == [message]
        with pytest.raises(ImportRefused) as refused:
            apply_preview(store, preview, source.name)
        assert refused.value.problems == preview.problems
        assert str(refused.value).splitlines() == [
            "import refusé, rien n'a été modifié (1 problème)",
            f"- {message}",
        ]
    finally:
        store.close()
    assert digest(session_path) == before


def test_an_accepted_import_does_change_the_file(session_path: Path):
    """The byte-for-byte check above can fail: a write shows in the digest."""
    before = digest(session_path)
    with SessionStore.open(session_path, backup=False) as store:
        apply_preview(store, preview_file(store, NOTES), NOTES.name)
    assert digest(session_path) != before


def test_a_closed_session_refuses_imports(session_path: Path):
    with SessionStore.open(session_path, backup=False) as store:
        store.set_phase("deliberation")
        store.set_phase("clos")
        for path in (NOTES, CYCLADES):
            preview = preview_file(store, path)
            assert str(preview.problems[0]) == "session close : aucun import possible (R24)"
            with pytest.raises(ImportRefused):
                apply_preview(store, preview, path.name)
        assert len(store.candidates()) == 3


def test_deliberation_needs_a_reason_for_imported_grades(session_path: Path):
    with SessionStore.open(session_path, backup=False) as store:
        store.set_phase("deliberation")
        preview = preview_file(store, NOTES)
        assert preview.warnings == [
            "session en délibération : un motif est exigé pour ces changements de notes (R21)"
        ]
        with pytest.raises(ImportRefused, match="exige un motif"):
            apply_preview(store, preview, NOTES.name)
        assert store.grades() == {"0262000001": {"E1": 1200}}
        apply_preview(store, preview, NOTES.name, reason="relevé corrigé du centre")
        assert store.history("0262000001", "E1")[-1].reason == "relevé corrigé du centre"


def test_problem_text():
    assert str(Problem(12, "E1", "note « 21 » supérieure à 20")) == (
        "ligne 12, colonne « E1 » : note « 21 » supérieure à 20"
    )
    assert str(Problem(3, None, "x")) == "ligne 3 : x"
    assert str(Problem(None, "E1", "x")) == "colonne « E1 » : x"
    assert str(Problem(None, None, "fichier vide")) == "fichier vide"
    refused = ImportRefused([Problem(1, None, "a"), Problem(2, None, "b")])
    assert (
        str(refused) == "import refusé, rien n'a été modifié (2 problèmes)\n- ligne 1 : a\n"
        "- ligne 2 : b"
    )
