"""R25: the D643-31 balance warning, worked by hand."""

from __future__ import annotations

from btsdesk.core.jury import Member, balance_warning


def _jury(teachers: int, professionals: int, *, absent_professionals: int = 0) -> list[Member]:
    members = [Member("Présidente", "enseignant", "président")]
    members += [Member(f"P{i}", "enseignant") for i in range(teachers)]
    members += [Member(f"Pro{i}", "professionnel") for i in range(professionals)]
    members += [Member(f"Abs{i}", "professionnel", present=False)
                for i in range(absent_professionals)]
    return members


def test_equal_parts_give_no_warning_and_the_president_is_apart():
    assert balance_warning(_jury(3, 3)) is None


def test_unequal_parts_warn_with_the_counts():
    warning = balance_warning(_jury(4, 2))
    assert warning is not None
    assert "4 enseignant(s) pour 2 professionnel(s)" in warning


def test_absent_members_do_not_count():
    warning = balance_warning(_jury(2, 1, absent_professionals=1))
    assert warning is not None
    assert "2 enseignant(s) pour 1 professionnel(s)" in warning


def test_no_professional_at_all():
    warning = balance_warning(_jury(3, 0))
    assert warning is not None
    assert "Aucun membre de la profession" in warning
