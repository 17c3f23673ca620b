"""Issue 12: a grade sheet's columns found by the épreuve's code, unit or title words, on the
shipped règlements (§7); never a guess: two épreuves for one title is a refusal naming both,
an unknown title is answered with the closest known one."""

from __future__ import annotations

from pathlib import Path

import pytest

from btsdesk.core.catalog import load_catalog
from btsdesk.core.grades import Code
from btsdesk.io.grade_sheet import read_grade_sheet
from btsdesk.io.headers import line_keys, match_header

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "reglements"
CATALOG = load_catalog(RESOURCES)


def codes(reglement: str, title: str) -> tuple[str, ...]:
    specialty = CATALOG[reglement]
    return match_header(title, specialty, line_keys(specialty)).codes


@pytest.mark.parametrize(
    ("reglement", "title", "expected"),
    [
        # MCO 2018: E1 « Culture générale et expression », E21/E22 « Communication en langue
        # vivante étrangère (écrit / oral) », E3 « Culture économique, juridique et
        # managériale », EF1 « Communication en langue vivante étrangère 2 ».
        ("mco-2018", "E1", ("E1",)),
        ("mco-2018", "u41", ("E41",)),
        ("mco-2018", "Culture generale et expression", ("E1",)),
        ("mco-2018", "CULTURE GÉNÉRALE ET EXPRESSION", ("E1",)),
        ("mco-2018", "Culture générale", ("E1",)),  # shortened
        ("mco-2018", "Expression et culture générale", ("E1",)),  # word order
        ("mco-2018", "Note de culture générale et expression /20", ("E1",)),  # filler words
        ("mco-2018", "E1 - Culture générale", ("E1",)),  # code then title words
        ("mco-2018", "Anglais écrit", ("E21",)),  # a language for « langue vivante étrangère »
        ("mco-2018", "Anglais oral", ("E22",)),
        ("mco-2018", "LV2", ("EF1",)),
        ("mco-2018", "CEJM", ("E3",)),  # the title's initials
        ("mco-2018", "Gestion", ("E5",)),  # one word: the title's first
        ("mco-2018", "Relation client", ("E41",)),
        # ambiguous: every épreuve that fits is named, none is chosen
        ("mco-2018", "Culture", ("E1", "E3")),
        ("mco-2018", "Anglais", ("E21", "E22", "EF1")),
        ("ndrc-2018", "Relation client", ("E4", "E5A", "E5B", "E6")),
        # nothing: an adjective alone is no title
        ("mco-2018", "Générale", ()),
        ("mco-2018", "Moyenne générale", ()),
        ("mco-2018", "Observations", ()),
        ("sio-2019", "Option", ()),  # the first of E5's ten words: too little
        ("metiers-eau-2020", "Projet", ()),
        ("metiers-eau-2020", "Langue", ("E2",)),  # « Langue vivante étrangère »
        # other règlements
        ("cg-2014", "Anglais", ("E12",)),  # « Langue vivante étrangère : anglais »
        ("cg-2014", "Culture générale", ("E11",)),
        ("sio-2019", "Anglais", ("E12",)),  # « … en langue anglaise »
        ("sio-2019", "Mathématiques", ("E2",)),
        ("sio-2019", "Culture économique", ("E3",)),
        ("ndrc-2018", "LVE", ("E2",)),
    ],
)
def test_a_column_title_names_the_epreuves_it_fits(reglement, title, expected):
    assert codes(reglement, title) == expected


def test_a_misspelt_title_gets_the_closest_known_one():
    specialty = CATALOG["mco-2018"]
    match = match_header("Culture génrale", specialty, line_keys(specialty))
    assert match.codes == ()
    assert match.suggestion is not None
    assert match.suggestion.code == "E1"


def sheet(text: str, reglement: str = "mco-2018"):
    return read_grade_sheet(text.encode(), "notes.csv", CATALOG[reglement], {"0262000001"}, {})


def test_a_sheet_with_titles_imports_by_title_words():
    preview = sheet(
        "N° candidat;Nom;Culture générale;Anglais écrit;Anglais oral;CEJM\n"
        "0262000001;GARNIER;12;9,5;ABJ;14\n"
    )
    assert preview.problems == []
    assert [(c.line_code, c.entry) for c in preview.changes] == [
        ("E1", 1200),
        ("E21", 950),
        ("E22", Code.ABJ),
        ("E3", 1400),
    ]


def test_ambiguous_and_unknown_titles_are_refused_saying_why():
    preview = sheet("N° candidat;Culture génrale;Culture\n0262000001;12;13\n")
    assert [str(p) for p in preview.problems] == [
        "ligne 1, colonne « Culture génrale » (B) : colonne inconnue : vouliez-vous dire "
        "« Culture générale et expression » (E1) ?",
        "ligne 1, colonne « Culture » (C) : intitulé ambigu : « Culture générale et "
        "expression » (E1) ou « Culture économique, juridique et managériale » (E3) ; "
        "écrivez le code de l'épreuve",
    ]
    assert preview.changes == []


def test_two_columns_for_one_epreuve_are_refused():
    preview = sheet("N° candidat;E1;Culture générale\n0262000001;12;13\n")
    assert [str(p) for p in preview.problems] == [
        "ligne 1, colonne « Culture générale » (C) : épreuve E1 déjà donnée par la colonne « E1 »"
    ]


def test_a_candidate_list_with_a_language_column_is_still_a_candidate_list():
    from btsdesk.io.importing import detect_kind

    listing = (
        "N° Candidat;Nom de famille;Prénom(s);Catégorie Candidat;Langue;Option\n"
        "0262000001;GARNIER;Léa;SCOLAIRE;Anglais;SISR\n"
    ).encode()
    for reglement in ("metiers-eau-2020", "sio-2019"):
        assert detect_kind(listing, "liste.csv", CATALOG[reglement]) == "candidats"
    sheet_with_codes = "N° Candidat;Nom de famille;Catégorie Candidat;E2\n1;A;SCOLAIRE;12\n"
    assert detect_kind(sheet_with_codes.encode(), "n.csv", CATALOG["sio-2019"]) == "notes"
