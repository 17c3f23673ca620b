"""Règlements the user adds beside the shipped ones (domain.md §7): checked, then copied
whole into the user's règlements folder, where session creation offers them."""

from __future__ import annotations

from pathlib import Path

from btsdesk.core.catalog import load_reglement
from btsdesk.core.reglement import Specialty
from btsdesk.paths import user_reglements_dir
from btsdesk.store.files import read_chosen, write_durably


def add_reglement(path: Path) -> Specialty:
    """The règlement of ``path``, once copied (refused in French, nothing copied, when it
    is not a valid règlement; the copy is whole or absent)."""
    specialty = load_reglement(path)
    data = read_chosen(path, "ajouter comme règlement")
    target = user_reglements_dir() / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    write_durably(target, data, mode=0o644)  # a règlement holds no personal data
    return specialty
