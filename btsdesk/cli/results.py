"""``btsdesk resultats FICHIER [--json]``: every candidate's result as the day stands.

``--json`` prints btsdesk.app.results' record (§6's words and number format); without it, a
French table: averages with a comma (R7), the decision the grades give, what the jury
recorded (R23: « à confirmer » when stale), the authorisation (R22), the orals (R13a) and
the final result."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from btsdesk.app.results import results_record
from btsdesk.app.session import JurySession
from btsdesk.cli.common import add_file, opened
from btsdesk.core.results import Decision
from btsdesk.store.session import PHASE_LABELS

WORDS = {d.value: d.label for d in Decision}
ORDER = (Decision.ADMIS, Decision.CONTROLE, Decision.AJOURNE, Decision.INCOMPLET)


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    results = commands.add_parser(
        "resultats",
        help="les résultats de la session (tableau, ou JSON avec --json)",
        description="Les résultats de chaque candidat : moyenne, décision proposée, décisions "
        "enregistrées, oraux, résultat final. --json : un objet JSON pour les "
        "scripts (mots et nombres du format JSON d'échange).",
    )
    add_file(results)
    results.add_argument("--json", action="store_true", help="sortie JSON")


def run(args: argparse.Namespace) -> int | None:
    if args.command != "resultats":
        return None
    with opened(args, read_only=True) as session:
        record = results_record(session)
        lines = None if args.json else table(session, record)
    if lines is None:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    else:
        print("\n".join(lines))
    return 0


def _fr(value: str | None) -> str:
    return "—" if value is None else value.replace(".", ",")


def table(session: JurySession, record: dict[str, Any]) -> list[str]:
    details = session.details
    head = (
        f"BTS {session.specialty.code} {details.year} — régime {session.regime.code} — "
        f"phase : {PHASE_LABELS[session.phase]} — {len(session.candidates)} candidat(s)"
    )
    rows = [("N°", "Candidat", "Moy.", "Proposée", "Enregistrée", "Oraux", "Finale")]
    counts: Counter[str] = Counter()
    for row, entry in enumerate(record["candidates"]):
        candidate = session.candidates[row]
        recorded = entry["recorded"]
        kept = (
            " ; ".join(
                f"{WORDS[value]}" for value in (recorded["first"], recorded["final"]) if value
            )
            or "—"
        )
        if entry["stale"]:
            kept += " (à confirmer, R23)"
        rows.append(
            (
                entry["number"],
                candidate.full_name[:28],
                _fr(entry["average"]),
                WORDS[entry["decision"]],
                kept,
                _orals(session, entry),
                _final(session, row, entry),
            )
        )
        counts[session.outcome(row).label] += 1
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [head, ""]
    for cells in rows:
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        )
    lines.append("")
    lines.append(
        "Bilan : " + " ; ".join(f"{d.label} {counts[d.label]}" for d in ORDER if counts[d.label])
    )
    return lines


def _orals(session: JurySession, entry: dict[str, Any]) -> str:
    if entry["declined"]:
        return "renonce (R24)"
    if entry["authorised"] is False:
        return "non autorisé(e) (R22)"
    if not entry["orals"]:
        return "—"
    regime = session.regime
    shown = []
    for key, value in entry["orals"].items():
        label = (
            key
            if key not in ("general", "professional")
            else (
                entry["choice"][0]
                if key == "general" and entry["choice"]
                else regime.key_label(key)
            )
        )
        shown.append(f"{label} {_fr(value) if value else 'à venir'}")
    return ", ".join(shown)


def _final(session: JurySession, row: int, entry: dict[str, Any]) -> str:
    if entry["final_decision"] is not None:
        return f"{_fr(entry['final_average'])} {WORDS[entry['final_decision']]}"
    if entry["decision"] == Decision.CONTROLE.value and session.phase != "saisie":
        outcome = session.outcome(row)
        if outcome is not Decision.CONTROLE:
            return outcome.label
    return ""
