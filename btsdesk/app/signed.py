"""The signed PV against the session file (§5): the final PV prints the audit log's head
(« journal arrêté à l'entrée n° N, empreinte SHA-256 H »); since every entry's hash chains all
the entries before it, the file still holds what was signed when one of its entries carries
H. Then its log either ends there or extends it (entries added since, listed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from btsdesk.core.errors import InvalidInput
from btsdesk.core.french import local_stamp
from btsdesk.store.audit import AuditEntry
from btsdesk.store.session import SessionStore

_HEAD = re.compile(r"journalarrêtéàl'entrée(?:n°)?(\d+),empreinteSHA-256([0-9a-fA-F]{64})")


@dataclass(frozen=True)
class Comparison:
    signed_id: int | None  # the entry carrying the signed hash; None: no entry carries it
    last_id: int
    later: tuple[AuditEntry, ...]  # the entries added after the signed one

    @property
    def holds(self) -> bool:
        return self.signed_id is not None


def parse_hash(text: str) -> str:
    digest = "".join(text.split()).lower()
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise InvalidInput(
            f"--tete « {text} » : empreinte SHA-256 attendue (64 caractères hexadécimaux, "
            "telle qu'imprimée sur le PV final)"
        )
    return digest


def head_of_pv(data: bytes) -> tuple[int, str]:
    """The entry number and hash a final PV prints (read from its text, spaces and line
    breaks ignored)."""
    import pypdfium2 as pdfium  # no type information: see [tool.mypy] in pyproject.toml

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InvalidInput(f"--pv : PDF illisible ({exc})") from None
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    found = _HEAD.search("".join(text.replace("\u00a0", " ").split()))
    if found is None:
        raise InvalidInput(
            "--pv : ce PDF n'imprime pas d'empreinte du journal (seul le PV final, "
            "session close, en porte une)"
        )
    return int(found.group(1)), found.group(2).lower()


def compare(store: SessionStore, digest: str) -> Comparison:
    entries = store.audit_log()
    last_id = entries[-1].id if entries else 0
    for index, entry in enumerate(entries):
        if entry.hash == digest:
            return Comparison(entry.id, last_id, tuple(entries[index + 1 :]))
    return Comparison(None, last_id, ())


def describe(comparison: Comparison, signed_number: int | None = None) -> list[str]:
    """The comparison in French, one line each."""
    if not comparison.holds:
        where = f" (entrée n° {signed_number})" if signed_number else ""
        return [
            f"ALTÉRÉ : aucune entrée du journal ne porte l'empreinte du PV signé{where} : "
            "le journal a été réécrit depuis la signature, ou ce fichier n'est pas celui "
            "du PV."
        ]
    assert comparison.signed_id is not None
    lines = []
    if signed_number is not None and signed_number != comparison.signed_id:
        lines.append(
            f"ALTÉRÉ : l'empreinte signée est celle de l'entrée n° {comparison.signed_id}, "
            f"le PV dit n° {signed_number}."
        )
    produced = [entry for entry in comparison.later if entry.action == "document"]
    if len(produced) == len(comparison.later):
        lines.append(
            f"Le journal s'arrête à ce qui a été signé : entrée n° {comparison.signed_id}, "
            "empreinte identique à celle du PV."
            + (
                f" Depuis, seulement la production de {len(produced)} document(s) (le PV "
                "lui-même compris) : aucune donnée modifiée."
                if produced
                else ""
            )
        )
        return lines
    count = len(comparison.later)
    lines.append(
        f"Le journal prolonge ce qui a été signé : l'entrée n° {comparison.signed_id} porte "
        f"l'empreinte du PV, puis {count} entrée(s) ajoutée(s) depuis :"
    )
    for entry in comparison.later[:20]:
        what = " ".join(part for part in (entry.action, entry.subject) if part)
        change = f" : {entry.old or '—'} → {entry.new or '—'}" if entry.old or entry.new else ""
        reason = f" (motif : {entry.reason})" if entry.reason else ""
        lines.append(
            f"  n° {entry.id}, {local_stamp(entry.at)}, {entry.operator} : {what}{change}{reason}"
        )
    if count > 20:
        lines.append(f"  … et {count - 20} autre(s).")
    return lines
