"""R25: what D643-31 asks of the roster, as warnings (never blocks), worked by hand: the
president's quality, equal parts (the president apart), an enseignant-chercheur, a
public-sector majority among teachers, and « no professional at all »."""

from __future__ import annotations

from btsdesk.core.jury import (
    INSPECTOR,
    PRIVATE,
    PUBLIC,
    RESEARCHER,
    Member,
    balance_warning,
    roster_counts,
    roster_summary,
    roster_warnings,
)


def _jury(
    teachers: int,
    professionals: int,
    *,
    absent_professionals: int = 0,
    president: str = RESEARCHER,
    sector: str = PUBLIC,
    researcher: bool = True,
) -> list[Member]:
    """A president of the given status, ``teachers`` teachers of ``sector`` (the first an
    enseignant-chercheur when ``researcher``), professionals present and absent."""
    members = [Member("Présidente", "enseignant", "président", status=president)]
    members += [
        Member(f"P{i}", "enseignant", status=RESEARCHER if researcher and i == 0 else sector)
        for i in range(teachers)
    ]
    members += [Member(f"Pro{i}", "professionnel") for i in range(professionals)]
    members += [
        Member(f"Abs{i}", "professionnel", present=False) for i in range(absent_professionals)
    ]
    return members


def test_a_jury_as_d643_31_asks_gives_no_warning_and_the_president_is_apart():
    assert roster_warnings(_jury(3, 3)) == []
    assert balance_warning(_jury(3, 3)) is None
    counts = roster_counts(_jury(3, 3))
    assert (counts.teachers, counts.professionals, counts.researchers, counts.public) == (
        3,
        3,
        1,
        3,
    )
    assert roster_summary(_jury(3, 3)) == (
        "7 membres, 7 présents : la présidence, 3 enseignants (3 du public, 0 du privé, "
        "dont 1 enseignant-chercheur), 3 professionnels."
    )


def test_unequal_parts_warn_with_the_counts():
    warning = balance_warning(_jury(4, 2))
    assert warning is not None
    assert "4 enseignants pour 2 professionnels présents" in warning


def test_absent_members_do_not_count():
    warning = balance_warning(_jury(2, 1, absent_professionals=1))
    assert warning is not None
    assert "2 enseignants pour 1 professionnel présents" in warning
    assert roster_summary(_jury(2, 1, absent_professionals=1)).startswith(
        "5 membres, 4 présents : la présidence, 2 enseignants"
    )


def test_no_professional_at_all_is_the_loudest_warning():
    (warning,) = roster_warnings(_jury(3, 0))
    assert warning.startswith("AUCUN MEMBRE DE LA PROFESSION dans le jury (3 enseignants)")
    assert "annulée" in warning
    # Appointed but all absent: another wording, still a warning.
    (warning,) = roster_warnings(_jury(3, 0, absent_professionals=2))
    assert warning.startswith("Aucun membre de la profession présent (3 enseignants)")


def test_the_presidents_quality():
    """D643-31: an enseignant-chercheur or an IA-IPR of the specialty presides."""
    assert roster_warnings(_jury(2, 2, president=INSPECTOR)) == []
    (warning,) = roster_warnings(_jury(2, 2, president=PUBLIC))
    assert warning.startswith("Présidence : Présidente (enseignement public)")
    (warning,) = roster_warnings(_jury(2, 2, president=""))
    assert "qualité non précisée" in warning
    members = [m for m in _jury(2, 2) if m.role != "président"]
    (warning,) = roster_warnings(members)
    assert warning.startswith("Aucune présidence désignée")


def test_an_enseignant_chercheur_among_the_teachers():
    """The president does not count twice: an enseignant-chercheur presiding is not the
    one D643-31 asks among the teachers."""
    (warning,) = roster_warnings(_jury(2, 2, researcher=False))
    assert warning == (
        "Aucun enseignant-chercheur parmi les enseignants présents : D643-31 en demande un."
    )


def test_a_public_sector_majority_among_teachers():
    """Teachers: 1 enseignant-chercheur (public) + 1 privé → 1 of 2, not a majority."""
    (warning,) = roster_warnings(_jury(2, 2, sector=PRIVATE))
    assert warning.startswith("1 enseignant du public sur 2")
    # 1 enseignant-chercheur + 2 public + 0 privé of 3; 2 of 3 with one privé: majority.
    members = _jury(3, 3)
    members[3] = Member("P2", "enseignant", status=PRIVATE)
    assert roster_warnings(members) == []


def test_an_unknown_sector_is_said_not_guessed():
    """Sectors not given: one warning; the majority is warned only when even every unknown
    teacher in the public would not make it."""
    members = [
        Member("Présidente", "enseignant", "président", status=RESEARCHER),
        Member("A", "enseignant"),
        Member("B", "enseignant", status=PRIVATE),
        Member("C", "professionnel"),
        Member("D", "professionnel"),
    ]
    warnings = roster_warnings(members)
    assert warnings[0].startswith("Secteur non précisé pour 1 enseignant ")
    assert warnings[1].startswith("0 enseignant du public sur 2")
    assert len(warnings) == 2


def test_nobody_but_the_president():
    assert roster_warnings([Member("Présidente", "enseignant", "président", status=INSPECTOR)]) == [
        "Aucun membre présent en dehors de la présidence."
    ]
    assert roster_warnings([]) == ["Aucun membre du jury enregistré."]
