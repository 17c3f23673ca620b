"""JSON read exactly (R4): decimals stay Decimal, NaN and duplicate keys are refused."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from btsdesk.core.errors import InvalidInput
from btsdesk.core.numbers import ExponentDecimal


def load_json(text: str) -> Any:
    try:
        return json.loads(
            text,
            parse_float=_exact_float,
            parse_constant=_refuse_constant,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"JSON illisible, ligne {exc.lineno}, colonne {exc.colno} : "
            f"{_REASONS.get(exc.msg, exc.msg)}"
        ) from None


def _exact_float(text: str) -> Decimal:
    return ExponentDecimal(text) if "e" in text.lower() else Decimal(text)


def _refuse_constant(name: str) -> None:
    raise InvalidInput(f"valeur « {name} » refusée : nombre JSON attendu")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidInput(f"clé « {key} » en double dans un objet JSON")
        result[key] = value
    return result


_REASONS = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de clé entre guillemets attendu",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendu",
    "Extra data": "données en trop après l'objet",
    "Unterminated string starting at": "texte non terminé",
    "Invalid control character at": "caractère de contrôle dans un texte",
}
