"""Imports into a first-year class file (issue 7): the class list from Cyclades or a
spreadsheet, the follow-up; every bad cell named by line and column, all or nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from btsdesk.app.classes import apply_class_preview, apply_follow_up
from btsdesk.core.consolidation import BacOrigin, Outcome, Status, Student
from btsdesk.io.class_import import (
    read_class_list,
    read_follow_up,
)
from btsdesk.io.problems import ImportRefused
from btsdesk.store.class_file import ClassStore

DATA = Path(__file__).parents[1] / "data" / "imports"

CLASS_CSV = """N°;Nom;Prénom;Origine;Spécialité bac pro;Statut
0001;Martin;Léa;Bac Professionnel;Métiers de l'accueil;étudiant
0002;N'Diaye;Émilie;BAC TECHNOLOGIQUE;;Apprentie
0003;Benali;Yanis;bac général;;
0004;Dubois;Inès;autre;;ETUDIANT
""".encode()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path):
    with ClassStore.create(
        tmp_path / "classe.btsdesk",
        year=2024,
        etablissement="Lycée",
        division="1MCO",
        specialty_label="MCO",
        operator="Mme Durand",
    ) as created:
        yield created


def test_the_cyclades_sample_reads_scolaire_bacpro_as_bac_pro(store):
    """Issue 15: the Cyclades « Liste simple » of the lycée's bac pro students (category
    « SCOLAIRE BACPRO 3 ANS (132) », no « Origine » column) gives bac pro origins (§8),
    the bac pro's specialty from the « Spécialité » column; 16 bac pro counted, not 0."""
    preview = read_class_list(
        (DATA / "cyclades-liste-simple.csv").read_bytes(), "cyclades-liste-simple.csv"
    )
    assert preview.problems == []
    assert len(preview.students) == 16  # 25 lines: 8 of preamble, the header
    assert preview.students[0] == Student(
        "2011557741",
        "ALLARD",
        "Victoire",
        BacOrigin.PROFESSIONNEL,
        "Métiers de l'accueil",
        Status.ETUDIANT,
    )
    assert {s.origin for s in preview.students} == {BacOrigin.PROFESSIONNEL}
    assert preview.warnings[-1] == (
        "colonne « Origine » absente : origine lue dans la catégorie Cyclades pour 16 "
        "étudiant(s) (« SCOLAIRE BACPRO … » : bac professionnel)"
    )
    assert apply_class_preview(store, preview) == (16, 0)
    assert [s.number for s in store.students()][:2] == ["2011557741", "2113557743"]
    assert store.verify() == []


def test_a_cyclades_category_without_a_bac_leaves_the_origin_to_correct():
    data = (DATA / "cyclades-liste-simple.csv").read_bytes().decode("utf-8")
    lines = data.splitlines()
    lines[10] = lines[10].replace("SCOLAIRE BACPRO 3 ANS (132)", "SCOLAIRE (101)")
    preview = read_class_list("\n".join(lines).encode(), "liste.csv")
    assert preview.problems == []
    assert preview.students[1].origin is BacOrigin.AUTRE
    assert preview.students[1].bac_pro_specialty == ""
    assert preview.warnings[-1].endswith(
        "pour 15 étudiant(s) (« SCOLAIRE BACPRO … » : bac professionnel) ; 1 étudiant(s) "
        "mis en « autre origine », à corriger étudiant par étudiant (champ « Origine » de "
        "la fiche de l'étudiant)"
    )


def test_a_cyclades_list_with_an_origin_column_reads_it():
    data = (DATA / "cyclades-liste-simple.csv").read_bytes().decode("utf-8")
    lines = data.splitlines()
    header = next(i for i, line in enumerate(lines) if "N° Candidat" in line)
    lines[header] += ";Origine"
    lines[header + 1] += ";bac pro"
    for i in range(header + 2, len(lines)):
        lines[i] += ";Général"
    preview = read_class_list("\n".join(lines).encode(), "liste.csv")
    assert preview.problems == []
    assert preview.students[0].origin is BacOrigin.PROFESSIONNEL
    assert {s.origin for s in preview.students[1:]} == {BacOrigin.GENERAL}
    assert not any("Origine" in w for w in preview.warnings)


def test_a_spreadsheet_with_origins_is_imported(store):
    preview = read_class_list(CLASS_CSV, "classe.csv")
    assert preview.problems == []
    assert preview.warnings == []
    assert preview.students == [
        Student(
            "0001",
            "Martin",
            "Léa",
            BacOrigin.PROFESSIONNEL,
            "Métiers de l'accueil",
            Status.ETUDIANT,
        ),
        Student("0002", "N'Diaye", "Émilie", BacOrigin.TECHNOLOGIQUE, "", Status.APPRENTI),
        Student("0003", "Benali", "Yanis", BacOrigin.GENERAL, "", Status.ETUDIANT),
        Student("0004", "Dubois", "Inès", BacOrigin.AUTRE, "", Status.ETUDIANT),
    ]
    assert apply_class_preview(store, preview) == (4, 0)
    assert store.students() == preview.students
    assert store.history("0001")[0].new == (
        "MARTIN Léa (bac professionnel, Métiers de l'accueil, étudiant) (import classe.csv)"
    )


def test_every_bad_cell_is_named_and_nothing_is_written(store):
    bad = """N°;Nom;Prénom;Origine;Spécialité bac pro;Statut
0001;Martin;Léa;bac pro;;stagiaire
;Sans;Numéro;général;;
0003;;Yanis;général;;
0004;Dubois;Inès;lycée;;
0005;Roux;Jade;général;Commerce;
0001;Martin;Léa;bac pro;;
""".encode()
    preview = read_class_list(bad, "classe.csv")
    assert [str(p) for p in preview.problems] == [
        "ligne 2, colonne « Statut » (F) : statut « stagiaire » inconnu (attendu : étudiant ou "
        "apprenti)",
        "ligne 3, colonne « N° » (A) : numéro d'étudiant manquant",
        "ligne 4, colonne « Nom » (B) : nom manquant",
        "ligne 5, colonne « Origine » (D) : origine « lycée » inconnue (attendu : bac "
        "professionnel, bac technologique, bac général ou autre)",
        "ligne 6, colonne « Spécialité bac pro » (E) : spécialité de bac pro « Commerce » pour un "
        "bac général",
        "ligne 7, colonne « N° » (A) : étudiant 0001 en double (déjà à la ligne 2)",
    ]
    before = digest(store.path)
    with pytest.raises(ImportRefused, match="rien n'a été modifié"):
        apply_class_preview(store, preview)
    assert store.students() == []
    assert digest(store.path) == before


def test_a_follow_up_is_imported_in_one_go(store):
    apply_class_preview(store, read_class_list(CLASS_CSV, "classe.csv"))
    data = """N°;Situation
0001;Passage en 2e année
0002;abandon
0003;BTS obtenu en 2 ans
0004;échec au BTS
""".encode()
    preview = read_follow_up(data, "suivi.csv", {s.number for s in store.students()})
    assert preview.problems == []
    assert apply_follow_up(store, preview) == 4
    assert store.outcomes() == {
        "0001": Outcome.PASSAGE_2E_ANNEE,
        "0002": Outcome.ABANDON,
        "0003": Outcome.BTS_2_ANS,
        "0004": Outcome.ECHEC_BTS,
    }
    assert store.history("0002")[-1].new == "abandon (import suivi.csv)"
    assert store.verify() == []


def test_an_unknown_student_in_a_follow_up_is_refused_with_its_line(store):
    apply_class_preview(store, read_class_list(CLASS_CSV, "classe.csv"))
    store.set_outcome("0001", Outcome.REDOUBLEMENT)
    data = """N°;Situation
0001;passage en 2e annee
0999;abandon
0002;perdu de vue
""".encode()
    preview = read_follow_up(data, "suivi.csv", {s.number for s in store.students()})
    assert [str(p) for p in preview.problems] == [
        "ligne 3, colonne « N° » (A) : étudiant 0999 inconnu dans la classe",
        "ligne 4, colonne « Situation » (B) : situation « perdu de vue » inconnue (attendu : en "
        "cours, passage en 2e année, redoublement, abandon, BTS obtenu en 2 ans, BTS obtenu "
        "en 3 ans, échec au BTS)",
    ]
    before = digest(store.path)
    entries = len(store.audit_log())
    with pytest.raises(ImportRefused) as refused:
        apply_follow_up(store, preview)
    assert "ligne 3, colonne « N° » (A) : étudiant 0999 inconnu dans la classe" in str(
        refused.value
    )
    assert store.outcomes() == {"0001": Outcome.REDOUBLEMENT}  # 0001 not changed either
    assert len(store.audit_log()) == entries
    assert digest(store.path) == before


def test_a_file_without_the_expected_columns_is_refused():
    assert "en-tête introuvable" in str(read_class_list(b"a;b\n1;2\n", "x.csv").problems[0])
    assert "en-tête introuvable" in str(read_follow_up(b"N;Nom\n1;2\n", "x.csv", set()).problems[0])
    assert str(read_class_list(b"", "x.csv").problems[0]) == "fichier vide"
