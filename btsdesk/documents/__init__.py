"""The printed documents (§5), made with ReportLab: convocations, fiches de
choix, lists, relevés de notes and the PV de délibération, each returned as PDF bytes.

This package imports only ReportLab, the standard library, btsdesk.documents.* and
btsdesk.paths: never Qt, never the store. Importing it (or its model) does not load ReportLab;
the functions below are loaded on first use."""

from __future__ import annotations

import hashlib
from typing import Any

_PUBLIC = {
    "convocations_pdf": "btsdesk.documents.convocation",
    "convoked_list_pdf": "btsdesk.documents.lists",
    "attendance_sheets_pdf": "btsdesk.documents.lists",
    "transcripts_pdf": "btsdesk.documents.results",
    "deliberation_pdf": "btsdesk.documents.results",
    "choice_forms_pdf": "btsdesk.documents.choice",
}

__all__ = ["sha256_of", *_PUBLIC]


def sha256_of(data: bytes) -> str:
    """The SHA-256 of a document, in hexadecimal (the PDFs are written invariantly: the same
    data always gives the same bytes)."""
    return hashlib.sha256(data).hexdigest()


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
