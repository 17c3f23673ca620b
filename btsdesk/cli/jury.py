"""The jury's verbs, each a thin call into btsdesk.app.session.JurySession:

``jury`` (roster, R25), ``candidat`` (identity and livret, R20), ``note`` (grades R1, R2;
a reason in délibération, R21), ``phase`` (R24), ``livret`` (R20), ``autoriser`` (R22),
``decider`` (R21, R23), ``choix`` (R12, R15), ``oral`` (R13, R13a, R16), ``renoncer`` (R24).

Each one prints one French line saying what was done (exit 0), or is refused with one French
line on stderr naming the candidate and the rule (exit 2), the file unchanged."""

from __future__ import annotations

import argparse
from dataclasses import replace

from btsdesk.app.session import FINAL, FIRST, JurySession, parse_oral_value
from btsdesk.cli.common import (
    Refused,
    about,
    add_file,
    add_operator,
    naming,
    opened,
    say,
    who,
)
from btsdesk.core.grades import entry_text, parse_entry
from btsdesk.core.jury import STATUS_LABELS, STATUSES, roster_summary
from btsdesk.core.numbers import cents_text, fr
from btsdesk.core.records import GradeChange
from btsdesk.core.reglement import Domain
from btsdesk.core.results import Decision
from btsdesk.store.errors import SessionFileError
from btsdesk.store.session import PHASE_LABELS, PHASES

YES_NO = {"oui": True, "non": False}


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    jury = commands.add_parser(
        "jury",
        help="le jury (R25) : sans action, la liste des membres ; « ajouter » en "
        "ajoute un ; « statut » précise le statut d'un membre",
        description="Sans action : liste les membres du jury et signale ce que D643-31 "
        "demande et qui manque (R25) : présidence par un enseignant-chercheur ou "
        "un IA-IPR, enseignants et professionnels à parts égales, un "
        "enseignant-chercheur, une majorité d'enseignants du public.",
    )
    add_file(jury)
    actions = jury.add_subparsers(dest="jury_action", metavar="ACTION")
    add = actions.add_parser("ajouter", help="ajoute un membre au jury")
    add.add_argument("name", metavar="NOM")
    add.add_argument("--qualite", required=True, choices=["enseignant", "professionnel"])
    add.add_argument(
        "--president", action="store_true", help="la présidente ou le président du jury"
    )
    add.add_argument("--absent", action="store_true", help="membre absent")
    add.add_argument(
        "--statut",
        choices=[s for s in STATUSES if s],
        default="",
        help="secteur d'un enseignant (public, privé), enseignant-chercheur ou IA-IPR (D643-31)",
    )
    add_operator(add)
    status = actions.add_parser("statut", help="précise le statut d'un membre (D643-31)")
    status.add_argument("rank", metavar="N", type=int, help="le rang du membre dans la liste")
    status.add_argument(
        "status",
        metavar="STATUT",
        choices=[*(s for s in STATUSES if s), "non-precise"],
        help="public, privé, enseignant-chercheur, IA-IPR ou non-precise",
    )
    add_operator(status)

    candidate = commands.add_parser(
        "candidat",
        help="la fiche d'un candidat ; avec des options, la corrige",
        description="Sans option : montre le candidat (identité, notes, moyennes, décision). "
        "Avec des options : corrige son identité ou note le livret fourni (R20).",
    )
    add_file(candidate)
    candidate.add_argument("number", metavar="NUMERO")
    candidate.add_argument("--civilite", help="« Mme » ou « M. »")
    candidate.add_argument(
        "--adresse", help="lignes séparées par « | » : « 3 rue des Lilas|75011 PARIS »"
    )
    candidate.add_argument("--courriel")
    candidate.add_argument(
        "--nom-usage", help="nom d'usage, gardé à part du nom de famille (« » : aucun)"
    )
    candidate.add_argument(
        "--livret-fourni",
        dest="livret",
        choices=list(YES_NO),
        help="le candidat a fourni un livret scolaire (R20)",
    )
    add_operator(candidate)

    note = commands.add_parser(
        "note",
        help="saisit une note, ABS, ABJ ou DIS (R1, R2) ; « » efface",
        description="Saisit la note d'une épreuve (de 0 à 20, deux décimales au plus) ou un "
        "code ABS, ABJ, DIS. En délibération, tout changement exige un motif, "
        "porté au PV (R21).",
    )
    add_file(note)
    note.add_argument("number", metavar="NUMERO")
    note.add_argument("line", metavar="EPREUVE")
    note.add_argument(
        "value", metavar="VALEUR", help="« 12,5 », « ABS », « ABJ », « DIS », ou « » pour effacer"
    )
    note.add_argument("--motif", help="obligatoire en délibération (R21)")
    add_operator(note)

    phase = commands.add_parser(
        "phase",
        help="change de phase : saisie, deliberation, clos (R24)",
        description="saisie → délibération → clos. Revenir en arrière exige un motif. La "
        "clôture est refusée, avec la liste des candidats concernés, tant qu'il "
        "reste à faire (R24).",
    )
    add_file(phase)
    phase.add_argument(
        "phase",
        metavar="PHASE",
        type=_phase_word,
        choices=list(PHASES),
        help="saisie | deliberation | clos",
    )
    phase.add_argument("--motif", help="obligatoire pour revenir en arrière (R24)")
    add_operator(phase)

    livret = commands.add_parser(
        "livret", help="note que la présidence du jury a examiné le livret (R20)"
    )
    add_file(livret)
    livret.add_argument("number", metavar="NUMERO")
    add_operator(livret)

    authorise = commands.add_parser(
        "autoriser",
        help="régime 2021 : autorise aux épreuves de contrôle (R22)",
        description="Régime 2021 : le jury autorise un candidat admis aux épreuves de contrôle, "
        "après examen du livret (R22, R20). Régime 2022 : autorisé de droit, "
        "rien à faire.",
    )
    add_file(authorise)
    authorise.add_argument("number", metavar="NUMERO", nargs="?")
    authorise.add_argument(
        "--tous", action="store_true", help="tous les candidats qui peuvent l'être"
    )
    authorise.add_argument(
        "--non", action="store_true", help="n'autorise pas ce candidat (il est ajourné)"
    )
    add_operator(authorise)

    decide = commands.add_parser(
        "decider",
        help="enregistre la décision que donnent les notes (R21, R23)",
        description="Enregistre la décision proposée par les notes : le jury agit sur les "
        "notes et les autorisations, jamais sur la décision elle-même (R21).",
    )
    add_file(decide)
    decide.add_argument("number", metavar="NUMERO", nargs="?")
    decide.add_argument(
        "--tous", action="store_true", help="toutes les décisions à enregistrer ou à confirmer"
    )
    decide.add_argument(
        "--final", action="store_true", help="la décision finale, après les épreuves de contrôle"
    )
    add_operator(decide)

    choose = commands.add_parser(
        "choix", help="le choix de discipline pour l'oral (R12 : une ; R15 : deux)"
    )
    add_file(choose)
    choose.add_argument("number", metavar="NUMERO")
    choose.add_argument("disciplines", metavar="DISCIPLINE", nargs="+")
    choose.add_argument(
        "--motif", help="obligatoire pour retirer un oral déjà noté, en délibération (R21)"
    )
    add_operator(choose)

    oral = commands.add_parser(
        "oral",
        help="la note d'un oral de contrôle, ou « absent » (R13, R13a, R16)",
        description="ORAL : la discipline choisie, ou « general » / « professionnel » en "
        "régime 2021. NOTE : de 0 à 20, « absent » (définitif, R13a), ou « » "
        "(pas encore connue). Changer une note en délibération exige un motif "
        "(R21).",
    )
    add_file(oral)
    oral.add_argument("number", metavar="NUMERO")
    oral.add_argument("target", metavar="ORAL")
    oral.add_argument("value", metavar="NOTE")
    oral.add_argument("--motif", help="obligatoire pour changer une note déjà saisie (R21)")
    add_operator(oral)

    decline = commands.add_parser(
        "renoncer", help="le candidat renonce aux épreuves de contrôle (R24)"
    )
    add_file(decline)
    decline.add_argument("number", metavar="NUMERO")
    decline.add_argument("--annuler", action="store_true", help="retire la renonciation")
    decline.add_argument("--motif")
    add_operator(decline)


def run(args: argparse.Namespace) -> int | None:
    handler = {
        "jury": _jury,
        "candidat": _candidate,
        "note": _note,
        "phase": _phase,
        "livret": _livret,
        "autoriser": _authorise,
        "decider": _decide,
        "choix": _choose,
        "oral": _oral,
        "renoncer": _decline,
    }.get(args.command)
    return None if handler is None else handler(args)


def _phase_word(text: str) -> str:
    """« délibération » as well as « deliberation »."""
    return text.strip().lower().replace("é", "e")


# -- the jury (R25) ------------------------------------------------------------------------


def _jury(args: argparse.Namespace) -> int:
    if args.jury_action in ("ajouter", "statut"):
        with opened(args) as session:
            if args.jury_action == "ajouter":
                change = session.add_jury_member(
                    args.name,
                    args.qualite,
                    president=args.president,
                    present=not args.absent,
                    status=args.statut,
                )
            else:
                members = session.jury_members()
                if not 1 <= args.rank <= len(members):
                    raise SessionFileError(
                        f"membre n°{args.rank} inconnu (le jury compte {len(members)} membre(s))"
                    )
                status = "" if args.status == "non-precise" else args.status
                member = members[args.rank - 1]
                change = session.set_member_status(int(member["id"]), status)
                change = replace(change, message=f"{member['name']} : {STATUS_LABELS[status]}")
            warnings = session.jury_warnings()
        return say(change.message + "".join(f" ; attention : {w}" for w in warnings))
    with opened(args, read_only=True) as session:
        members = session.jury_members()
        roster = session.roster()
        warnings = session.jury_warnings()
    if not members:
        print(
            "Aucun membre du jury enregistré (R25) : « btsdesk jury FICHIER ajouter "
            '"NOM" --qualite enseignant --president --statut enseignant-chercheur ».'
        )
        return 0
    for rank, member in enumerate(members, start=1):
        role = "présidence" if member["role"] == "président" else "membre"
        present = "présent(e)" if member["present"] else "absent(e)"
        status = f" ({member['status']})" if member["status"] else ""
        print(f"{rank:2}. {member['name']} — {member['quality']}{status}, {role}, {present}")
    print(roster_summary(roster))
    for warning in warnings:
        print(f"Attention : {warning}")
    return 0


# -- a candidate -----------------------------------------------------------------------------


def _candidate(args: argparse.Namespace) -> int:
    number = args.number.strip()
    changes = {
        "civility": args.civilite,
        "address": _address(args.adresse),
        "email": args.courriel,
        "usage_name": args.nom_usage,
        "livret_provided": None if args.livret is None else YES_NO[args.livret],
    }
    if all(value is None for value in changes.values()):
        with opened(args, read_only=True) as session, about(session, number):
            lines = _card(session, number)
        print("\n".join(lines))
        return 0
    with opened(args) as session, about(session, number):
        change = session.set_identity(number, **changes)
        return say(naming(session, number, change.message))


def _address(text: str | None) -> str | None:
    if text is None:
        return None
    return "\n".join(part.strip() for part in text.split("|") if part.strip())


def _card(session: JurySession, number: str) -> list[str]:
    """A candidate as the jury sees it: identity, livret, grades, averages, decisions,
    orals."""
    candidate = session.candidate(number)
    row = session.row(number)
    result = session.results[row]
    lines = [f"{who(session, number)} — catégorie {candidate.category}"]
    if candidate.usage_name:
        lines.append(f"  nom d'usage : {candidate.usage_name.upper()}")
    if candidate.civility or candidate.birth_date:
        lines.append(f"  {candidate.civility or '—'}, né(e) le {candidate.birth_date or '—'}")
    if candidate.address:
        lines.append("  adresse : " + " | ".join(candidate.address.splitlines()))
    if candidate.email:
        lines.append(f"  courriel : {candidate.email}")
    if candidate.livret_provided:
        examined = (
            f"examiné par {candidate.livret_examined_by} le {candidate.livret_examined_on}"
            if candidate.livret_examined_by
            else "pas encore examiné (R20)"
        )
        lines.append(f"  livret fourni, {examined}")
    grades = session.grades[row]
    lines.append(
        "  notes : "
        + ", ".join(
            f"{line.code} {entry_text(grades.get(line.code)) or '—'}"
            for line in session.specialty.lines
        )
    )
    general = result.domain_averages.get(Domain.GENERAL)
    professional = result.domain_averages.get(Domain.PROFESSIONAL)
    if result.average is not None:
        lines.append(
            f"  moyenne {fr(result.average)} (domaine général "
            f"{fr(general) if general is not None else '—'}, professionnel "
            f"{fr(professional) if professional is not None else '—'})"
        )
    lines.append(
        f"  décision proposée : {result.decision.label}"
        + (f" — {result.sentence}" if result.sentence else "")
    )
    for warning in result.warnings:
        lines.append(f"  attention : {warning}")
    for stage, label in ((FIRST, "premier groupe"), (FINAL, "finale")):
        recorded = session.recorded(number, stage)
        if recorded:
            stale = " — à confirmer (R23)" if session.is_stale(row, stage) else ""
            lines.append(f"  décision {label} enregistrée : {Decision(recorded).label}{stale}")
    if result.decision is Decision.CONTROLE:
        lines += _orals_card(session, number, row)
    return lines


def _orals_card(session: JurySession, number: str, row: int) -> list[str]:
    result = session.results[row]
    regime = session.regime
    lines = []
    if number in session.declined:
        lines.append("  renonce aux épreuves de contrôle (R24)")
    elif not regime.authorised_by_right:
        authorised = session.authorisations.get(number)
        lines.append(
            "  "
            + {
                True: "autorisé(e) aux épreuves de contrôle (R22)",
                False: "non autorisé(e) aux épreuves de contrôle (R22)",
                None: "autorisation du jury pas encore donnée (R22)",
            }[authorised]
        )
    lines.append(
        f"  disciplines proposées ({regime.options_rule}) : "
        + (", ".join(result.options) or "aucune")
    )
    needed = ", ".join(
        f"{regime.key_label(key)} "
        f"{'impossible' if cents is None else cents_text(cents, comma=True)}"
        for key, cents in result.needed.items()
    )
    if needed:
        lines.append(f"  note nécessaire seule pour atteindre 10 (R17) : {needed}")
    orals = session.orals_of(row)
    if orals:
        lines.append(
            "  oraux : "
            + ", ".join(
                f"{choice.discipline or regime.key_label(key)} "
                + ("absent(e)" if choice.absent else (entry_text(choice.grade) or "note à venir"))
                for key, choice in orals.items()
            )
        )
    if result.final_average is not None and result.final_decision is not None:
        lines.append(f"  moyenne finale {fr(result.final_average)} : {result.final_decision.label}")
    return lines


# -- grades (R1, R2, R21) -------------------------------------------------------------------


def _note(args: argparse.Namespace) -> int:
    number = args.number.strip()
    with opened(args) as session, about(session, number):
        row = session.row(number)
        code = _line_code(session, args.line)
        entry = None if not args.value.strip() else parse_entry(args.value)
        old = session.grades[row].get(code)
        if old == entry:
            return say(
                naming(
                    session,
                    number,
                    f"{code} déjà à « {entry_text(old) or 'vide'} » : rien à changer",
                )
            )
        session.set_grades([GradeChange(number, code, entry)], reason=args.motif)
        result = session.results[row]
        shown = f"décision proposée : {result.decision.label}"
        if result.average is not None:
            shown += f" (moyenne {fr(result.average)})"
        if session.is_stale(row):
            shown += " ; décision enregistrée à confirmer (R23)"
        return say(
            naming(
                session,
                number,
                f"{code} {entry_text(old) or '—'} → {entry_text(entry) or '(vide)'} ; {shown}",
            )
        )


def _line_code(session: JurySession, typed: str) -> str:
    codes = {line.code.casefold(): line.code for line in session.specialty.lines}
    code = codes.get(typed.strip().casefold())
    if code is None:
        raise Refused(
            f"épreuve « {typed.strip()} » inconnue du règlement (épreuves : "
            f"{', '.join(line.code for line in session.specialty.lines)})"
        )
    return code


def _discipline_code(session: JurySession, typed: str) -> str:
    """A discipline as the user types it (« e2 » → E2); an unknown one is left to the
    rules, which name it and the disciplines offered (R12, R15)."""
    codes = {code.casefold(): code for code in session.specialty.discipline_by_code}
    return codes.get(typed.strip().casefold(), typed.strip())


# -- phase (R24) ----------------------------------------------------------------------------


def _phase(args: argparse.Namespace) -> int:
    with opened(args) as session:
        change = session.set_phase(args.phase, reason=args.motif)
        warnings = (
            session.deliberation_warnings()
            if (not change.nothing and args.phase == "deliberation")
            else []
        )
    message = change.message
    if change.nothing:
        message = f"rien à changer : la session est déjà en phase {PHASE_LABELS[args.phase]}"
    if warnings:
        message += " ; attention : " + " ; ".join(warnings)
    return say(message)


# -- the jury's acts (R20, R22, R21, R23) -------------------------------------------------


def _livret(args: argparse.Namespace) -> int:
    number = args.number.strip()
    with opened(args) as session, about(session, number):
        return say(naming(session, number, session.examine_livret(number).message))


def _one_or_all(args: argparse.Namespace, verb: str) -> str | None:
    if args.tous and args.number:
        raise Refused(f"{verb} : un numéro de candidat ou --tous, pas les deux")
    if not args.tous and not args.number:
        raise Refused(f"{verb} : indiquez un numéro de candidat, ou --tous")
    return None if args.tous else args.number.strip()


def _authorise(args: argparse.Namespace) -> int:
    number = _one_or_all(args, "autoriser")
    if number is None and args.non:
        raise Refused("autoriser : --non s'applique à un candidat, pas à --tous (R22)")
    with opened(args) as session:
        if number is None:
            return say(session.authorise_all().message)
        with about(session, number):
            change = session.authorise(number, not args.non)
            return say(naming(session, number, change.message))


def _decide(args: argparse.Namespace) -> int:
    number = _one_or_all(args, "decider")
    with opened(args) as session:
        if number is None:
            change = session.decide_all(final=args.final)
            what = "décisions finales" if args.final else "décisions du premier groupe"
            return say(f"{what} : {change.message}")
        with about(session, number):
            return say(naming(session, number, session.decide(number, final=args.final).message))


# -- the orals (R12–R16, R13a, R24) ----------------------------------------------------------


def _choose(args: argparse.Namespace) -> int:
    number = args.number.strip()
    with opened(args) as session, about(session, number):
        disciplines = [_discipline_code(session, typed) for typed in args.disciplines]
        change = session.choose(number, disciplines, reason=args.motif)
        return say(naming(session, number, change.message))


def _oral(args: argparse.Namespace) -> int:
    number = args.number.strip()
    with opened(args) as session, about(session, number):
        value = parse_oral_value(args.value)
        target = _discipline_code(session, args.target)
        change = session.set_oral(number, target, value, reason=args.motif)
        result = session.result(number)
        message = change.message
        if result.final_decision is not None and result.final_average is not None:
            message += (
                f" ; moyenne finale {fr(result.final_average)} : {result.final_decision.label}"
            )
        elif session.oral_pending(number):
            message += " ; décision finale en attente des autres oraux (R13a)"
        return say(naming(session, number, message))


def _decline(args: argparse.Namespace) -> int:
    number = args.number.strip()
    with opened(args) as session, about(session, number):
        change = session.decline(number, not args.annuler, reason=args.motif)
        return say(naming(session, number, change.message))
