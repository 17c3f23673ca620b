"""``btsdesk planning FICHIER [organiser | proposer | liste | deplacer]``: the planning des
oraux through btsdesk.app.planning (the window's Oraux view calls the same functions).

- ``organiser --jours "06/07/2026 08:00 18:00" … --salles B12 … --examinateurs "Mme X : E1, E3" …``
  records the days, rooms and examiners (an option left out keeps what is recorded);
- ``proposer`` places every oral to place (candidates who take the orals, R22, R24);
- ``liste`` (the default) shows the placed orals, the conflicts and the warnings (R13: an
  oral that can change nothing; R13b: the 8-day deadline);
- ``deplacer NUMERO ORAL "06/07/2026 10:00" [--salle B14]`` moves one oral; the conflicts it
  makes are shown, not refused (the president decides)."""

from __future__ import annotations

import argparse

from btsdesk.app import planning
from btsdesk.app.session import JurySession
from btsdesk.cli.common import about, add_file, add_operator, naming, opened, say, who


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    plan = commands.add_parser(
        "planning",
        help="le planning des oraux : organiser, proposer, liste, deplacer",
        description="Sans action : la liste des oraux placés, les conflits et les "
        "avertissements (R13, R13b).",
    )
    add_file(plan)
    actions = plan.add_subparsers(dest="planning_action", metavar="ACTION")
    organise = actions.add_parser(
        "organiser",
        help="jours, salles et examinateurs des oraux",
        description="Chaque option prend une ou plusieurs valeurs ; une option omise garde "
        "ce qui est enregistré.",
    )
    organise.add_argument(
        "--jours",
        nargs="+",
        action="extend",
        metavar="JOUR",
        help="« 06/07/2026 08:00 18:00 » (date, début, fin)",
    )
    organise.add_argument("--salles", nargs="+", action="extend", metavar="SALLE")
    organise.add_argument(
        "--examinateurs",
        nargs="+",
        action="extend",
        metavar="EXAMINATEUR",
        help="« Mme Dupont : E1, E3 » : les disciplines qu'il examine ; "
        "en régime 2021, « professionnel » pour l'oral du domaine "
        "professionnel",
    )
    add_operator(organise)
    propose = actions.add_parser("proposer", help="place automatiquement chaque oral à placer")
    add_operator(propose)
    actions.add_parser("liste", help="les oraux placés, les conflits et les avertissements")
    move = actions.add_parser("deplacer", help="déplace un oral (et change de salle)")
    move.add_argument("number", metavar="NUMERO")
    move.add_argument(
        "target",
        metavar="ORAL",
        help="la discipline, ou « general » / « professionnel » (régime 2021)",
    )
    move.add_argument("moment", metavar="DATE_HEURE", help="« 06/07/2026 10:00 »")
    move.add_argument("--salle")
    add_operator(move)


def run(args: argparse.Namespace) -> int | None:
    if args.command != "planning":
        return None
    action = args.planning_action or "liste"
    if action == "liste":
        with opened(args, read_only=True) as session:
            print("\n".join(_listing(session)))
        return 0
    with opened(args) as session:
        if action == "organiser":
            days, rooms, examiners = planning.setup_text(session)
            setup = planning.parse_setup(
                days if args.jours is None else "\n".join(args.jours),
                rooms if args.salles is None else "\n".join(args.salles),
                examiners if args.examinateurs is None else "\n".join(args.examinateurs),
            )
            return say(planning.save_setup(session, setup).message)
        if action == "proposer":
            message = planning.propose_schedule(session).message
            return say(message + _notes(session))
        number = args.number.strip()
        with about(session, number):
            target = _discipline_code(session, args.target)
            change = planning.move_oral(
                session, number, target, planning.parse_moment(args.moment), args.salle
            )
            return say(naming(session, number, change.message + _notes(session)))


def _discipline_code(session: JurySession, typed: str) -> str:
    codes = {code.casefold(): code for code in session.specialty.discipline_by_code}
    return codes.get(typed.strip().casefold(), typed.strip())


def _notes(session: JurySession) -> str:
    found = planning.conflicts_of(session) + planning.warnings_of(session)
    return (" ; " + " ; ".join(found)) if found else ""


def _listing(session: JurySession) -> list[str]:
    days, rooms, examiners = planning.setup_text(session)
    lines = [
        f"Jours : {', '.join(days.splitlines()) or 'aucun'}",
        f"Salles : {', '.join(rooms.splitlines()) or 'aucune'}",
        f"Examinateurs : {' ; '.join(examiners.splitlines()) or 'aucun'}",
    ]
    placed = planning.slots(session)
    placed_keys = {(slot.candidate, key) for slot, key in placed}
    lines.append(f"{len(placed)} oral(aux) placé(s) :" if placed else "Aucun oral placé.")
    for slot, _key in placed:
        lines.append(
            f"  {slot.exam_start:%d/%m/%Y %H:%M}–{slot.exam_end:%H:%M} "
            f"(préparation {slot.preparation_start:%H:%M})  {slot.room}  "
            f"{slot.examiner}  {who(session, slot.candidate)}  {slot.discipline}"
        )
    waiting = [
        f"{who(session, request.candidate)} ({request.discipline})"
        for request, key in planning.requests(session)
        if (request.candidate, key) not in placed_keys
    ]
    if waiting:
        lines.append(f"À placer : {' ; '.join(waiting)}")
    lines += [f"Conflit : {text}" for text in planning.conflicts_of(session)]
    lines += [f"Attention : {text}" for text in planning.warnings_of(session)]
    return lines
