"""The session the window shows: identities, grades and live results (no Qt here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from btsdesk.core.engine import Evaluator
from btsdesk.core.exactjson import load_json
from btsdesk.core.results import CandidateGrades, Decision, Result
from btsdesk.io.exchange import ExchangeSession, read_session


@dataclass(frozen=True)
class Person:
    civility: str
    surname: str
    given_name: str

    @property
    def full_name(self) -> str:
        return f"{self.surname.upper()} {self.given_name}".strip()


class SessionData:
    """A session loaded from the exchange format, with every candidate's result."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.exchange: ExchangeSession = read_session(raw)
        self.evaluator: Evaluator = self.exchange.evaluator()
        self.details: Mapping[str, Any] = raw.get("session") or {}
        self.people = [_person(c) for c in raw["candidates"]]
        self.candidates: list[CandidateGrades] = list(self.exchange.candidates)
        self.results: list[Result] = [self.evaluator.evaluate(c) for c in self.candidates]

    @classmethod
    def from_text(cls, text: str) -> SessionData:
        return cls(load_json(text))

    @property
    def title(self) -> str:
        return str(self.details.get("title") or "Session")

    def counts(self) -> Counter[Decision]:
        return Counter(result.decision for result in self.results)


def _person(raw: Mapping[str, Any]) -> Person:
    def text(key: str) -> str:
        value = raw.get(key, "")
        return value if isinstance(value, str) else ""
    return Person(text("civility"), text("surname"), text("given_name"))
