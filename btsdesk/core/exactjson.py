"""JSON read exactly (R4): decimals stay Decimal, NaN and duplicate keys are refused.

Whatever the text, reading it ends in a value or in one InvalidInput in French that says where
(line and column): nesting, number sizes and exponents are bounded before any arithmetic (a
grade ``1e-999999999`` would otherwise hang Fraction), and a lone surrogate (``\\ud800``),
which no file, database or terminal can hold, is refused."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from btsdesk.core.errors import InvalidInput
from btsdesk.core.numbers import ExponentDecimal

MAX_DEPTH = 64  # a session is 5 levels deep; a règlement's mode object 6
MAX_DIGITS = 40  # digits of a JSON number, before or after its point
MAX_EXPONENT = 100  # |exponent| of a JSON number written with one (1e2)

_NUMBER = re.compile(r"-?(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?")
# A lone surrogate written as an escape: a high one not followed by a low one, or a low one
# not preceded by a high one.
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<![89abAB][0-9a-fA-F]{2})(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_TOKEN = re.compile(
    r'\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|(NaN|-?Infinity|true|false|null)'
    r"|([\[\]{}:,]))",
    re.DOTALL,
)


class _Refused(Exception):
    """A refusal from a hook of the decoder, to be located in the text."""

    def __init__(self, message: str, find: Callable[[str], int | None]) -> None:
        super().__init__(message)
        self.message = message
        self.find = find


def json_text(data: bytes, where: str) -> str:
    """The text of a JSON file (UTF-8, with or without BOM); refused naming the line of the
    first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InvalidInput(
            f"{where} : ligne {line}, colonne {column} : octet 0x{data[exc.start]:02X} "
            "illisible, le texte n'est pas en UTF-8 (enregistrez-le en UTF-8)"
        ) from None


def load_json(text: str) -> Any:
    try:
        value = json.loads(
            text,
            parse_float=_exact_float,
            parse_int=_exact_int,
            parse_constant=_refuse_constant,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"JSON illisible, ligne {exc.lineno}, colonne {exc.colno} : "
            f"{_REASONS.get(exc.msg, exc.msg)}"
        ) from None
    except _Refused as exc:
        raise InvalidInput(_at(text, exc.find(text), exc.message)) from None
    except RecursionError:
        raise InvalidInput(_too_deep(text)) from None
    _check_depth_and_text(value, text)
    return value


def _at(text: str, offset: int | None, message: str) -> str:
    if offset is None:
        return message
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"ligne {line}, colonne {column} : {message}"


def _tokens(text: str) -> Iterator[tuple[int, str, int]]:
    """(kind, token, offset) of every JSON token, for locating a refusal (slow path only)."""
    position = 0
    while True:
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            return
        kind = match.lastindex or 0
        yield kind, match.group(kind), match.start(kind)
        position = match.end()


def _first_token(kind: int, token: str) -> Callable[[str], int | None]:
    def find(text: str) -> int | None:
        return next((o for k, t, o in _tokens(text) if k == kind and t == token), None)

    return find


def _exact_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(
            f"nombre de {len(text.lstrip('-'))} chiffres refusé ({MAX_DIGITS} au plus)",
            _first_token(2, text),
        )
    return int(text)


def _exact_float(text: str) -> Decimal:
    match = _NUMBER.fullmatch(text)
    whole, decimals, exponent = match.groups() if match else (text, "", None)
    if len(whole or "") > MAX_DIGITS or len(decimals or "") > MAX_DIGITS:
        raise _Refused(f"nombre « {text[:20]}… » trop long", _first_token(2, text))
    if exponent is not None and (
        len(exponent.lstrip("+-")) > 4 or abs(int(exponent)) > MAX_EXPONENT
    ):
        raise _Refused(
            f"nombre « {text} » refusé : exposant hors des limites (±{MAX_EXPONENT})",
            _first_token(2, text),
        )
    return ExponentDecimal(text) if exponent is not None else Decimal(text)


def _refuse_constant(name: str) -> None:
    raise _Refused(f"valeur « {name} » refusée : nombre JSON attendu", _first_token(3, name))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(f"clé « {key} » en double dans un objet JSON", _duplicate(key))
        result[key] = value
    return result


def _duplicate(key: str) -> Callable[[str], int | None]:
    """The offset of the second occurrence of ``key`` in one object."""

    def find(text: str) -> int | None:
        objects: list[set[str] | None] = []  # None: an array
        expecting_key = False
        for kind, token, offset in _tokens(text):
            if kind == 4:
                if token == "{":
                    objects.append(set())
                    expecting_key = True
                elif token == "[":
                    objects.append(None)
                elif token in "]}":
                    if objects:
                        objects.pop()
                elif token == ",":
                    expecting_key = bool(objects) and objects[-1] is not None
                continue
            if kind == 1 and expecting_key and objects and (keys := objects[-1]) is not None:
                expecting_key = False
                name = json.loads(token)
                if name == key and name in keys:
                    return offset
                keys.add(name)
        return None

    return find


def _too_deep(text: str) -> str:
    depth = 0
    for kind, token, offset in _tokens(text):
        if kind == 4 and token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _at(text, offset, f"JSON trop imbriqué (plus de {MAX_DEPTH} niveaux)")
        elif kind == 4 and token in "]}":
            depth -= 1
    return f"JSON trop imbriqué (plus de {MAX_DEPTH} niveaux)"


def _check_depth_and_text(value: Any, text: str) -> None:
    """Depth bounded, and no lone surrogate in any key or text."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth > MAX_DEPTH:
                raise InvalidInput(_too_deep(text))
            for key, child in item.items():
                _check_text(key, text)
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            if depth > MAX_DEPTH:
                raise InvalidInput(_too_deep(text))
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            _check_text(item, text)


def _check_text(value: str, text: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        match = _LONE_SURROGATE.search(text)
        raise InvalidInput(
            _at(
                text,
                None if match is None else match.start(),
                "caractère invalide (moitié de paire UTF-16, « \\ud800 » par exemple) "
                "dans un texte",
            )
        ) from None


_REASONS = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de clé entre guillemets attendu",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendu",
    "Extra data": "données en trop après l'objet",
    "Unterminated string starting at": "texte non terminé",
    "Invalid control character at": "caractère de contrôle dans un texte",
}
