"""The règlements shipped as data files (§7), read and validated on load."""

from __future__ import annotations

from pathlib import Path

from btsdesk.core.errors import InvalidInput
from btsdesk.core.exactjson import load_json
from btsdesk.core.reglement import Specialty, parse_specialty


def load_reglement(path: Path) -> Specialty:
    """One règlement file. Raises InvalidInput naming the file and what is wrong."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput(f"{path.name} : lecture impossible ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path.name} : le fichier n'est pas en UTF-8") from None
    try:
        return parse_specialty(load_json(text))
    except InvalidInput as exc:
        raise exc.within(path.name) from None


def load_catalog(directory: Path) -> dict[str, Specialty]:
    """Every règlement of a folder, keyed by file stem ("mco-2018")."""
    return {path.stem: load_reglement(path) for path in sorted(directory.glob("*.json"))}
