"""Session templates: what carries over to next year's session (the règlement as corrected,
the regime and its settings, académie, centre, jury roster, rooms and examiners), without
any candidate or grade."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from btsdesk.core.errors import InvalidInput
from btsdesk.core.exactjson import load_json
from btsdesk.core.reglement import parse_specialty
from btsdesk.store.files import read_chosen, write_durably
from btsdesk.store.session import SessionStore

KIND = "btsdesk-modele-de-session"


def template_of(store: SessionStore) -> dict[str, Any]:
    details = store.details()
    _days, rooms, examiners = store.oral_setup()
    return {
        "kind": KIND,
        "version": 1,
        "reglement": store.reglement_data(),
        "regime": details.regime,
        "general_oral_levels": details.general_oral_levels,
        "academie": details.academie,
        "centre": details.centre,
        "jury": [
            {"name": m["name"], "quality": m["quality"], "role": m["role"], "status": m["status"]}
            for m in store.jury_members()
        ],
        "rooms": rooms,
        "examiners": examiners,
    }


def save_template(store: SessionStore, path: Path) -> Path:
    text = json.dumps(template_of(store), ensure_ascii=False, indent=1, default=str)
    return write_durably(path, (text + "\n").encode("utf-8"))


def load_template(path: Path) -> dict[str, Any]:
    """A template, checked (its règlement too). Raises InvalidInput in French."""
    try:
        data = load_json(read_chosen(path, "utiliser comme modèle").decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path.name} : illisible ({exc})") from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise InvalidInput(f"{path.name} n'est pas un modèle de session btsdesk")
    try:
        parse_specialty(data.get("reglement"))
    except InvalidInput as exc:
        raise exc.within(path.name) from None
    return data
