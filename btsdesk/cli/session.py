"""The session-file subcommands: new, import, export, verify, backups, and the documents."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from btsdesk.app.session import JurySession, checked_delegate, checked_notice
from btsdesk.cli.common import Refused, add_operator, one_line, opened, say
from btsdesk.core.catalog import load_reglement
from btsdesk.core.errors import InvalidInput
from btsdesk.core.records import SessionDetails
from btsdesk.core.regimes import REGIMES
from btsdesk.io.grade_sheet import COMPUTED_WARNING
from btsdesk.io.problems import ImportRefused
from btsdesk.paths import reglements_dir
from btsdesk.store.backups import list_backups
from btsdesk.store.errors import PermissionDenied, ReadOnlyMedium, SessionFileError
from btsdesk.store.files import read_chosen
from btsdesk.store.session import PHASE_LABELS, SessionStore

EXIT_PROBLEMS = 1
NEW_OPTIONS = ("reglement", "regime", "year", "operator")  # all but the last come from --depuis


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    new = commands.add_parser(
        "new",
        help="crée un fichier de session (ou la recrée depuis un export JSON : --depuis)",
    )
    new.add_argument("file", metavar="SESSION.btsdesk")
    new.add_argument(
        "--depuis",
        metavar="EXPORT.json",
        help="recrée la session entière d'un export JSON (« btsdesk export … .json ») ; "
        "son journal des modifications repart de zéro",
    )
    new.add_argument(
        "--reglement",
        help="règlement livré (ex. mco-2018, voir « btsdesk reglements ») ou "
        "fichier JSON de règlement (obligatoire sans --depuis)",
    )
    new.add_argument("--regime", choices=sorted(REGIMES), help="(obligatoire sans --depuis)")
    new.add_argument("--year", type=int, help="année de la session (obligatoire sans --depuis)")
    new.add_argument(
        "--operator",
        help="nom de l'opérateur (journal ; obligatoire sans --depuis ; avec --depuis, "
        "celui qui recrée la session, à défaut celui de l'export)",
    )
    new.add_argument("--academie", default="")
    new.add_argument("--centre", default="")
    new.add_argument("--title", default="")
    new.add_argument("--proclamation", help="date de proclamation (AAAA-MM-JJ)")

    imp = commands.add_parser(
        "import",
        help="importe candidats (Cyclades), notes (CSV, XLSX) "
        "ou une session JSON d'échange, tout ou rien",
    )
    imp.add_argument("file", metavar="SESSION.btsdesk")
    imp.add_argument("source", metavar="FICHIER")
    imp.add_argument(
        "--kind",
        choices=["candidats", "notes", "json"],
        help="nature du fichier (devinée par défaut)",
    )
    imp.add_argument(
        "--preview",
        action="store_true",
        help="montre seulement ce qui serait importé, n'écrit rien",
    )
    imp.add_argument(
        "--feuille",
        metavar="NOM",
        help="la feuille à importer d'un classeur qui en a plusieurs",
    )
    imp.add_argument("--motif", help="obligatoire pour des notes en délibération (R21)")
    add_operator(imp)

    exp = commands.add_parser(
        "export",
        help="exporte les résultats (CSV, XLSX), la session entière (JSON d'échange, sans "
        "le journal des modifications) ou une feuille de notes à remplir",
        description="Le JSON est la session entière (en-tête, règlement, jury, candidats, "
        "notes, oraux, renonciations, décisions) ; il se rouvre comme une session. Le "
        "journal des modifications n'y est pas : il reste dans le fichier de session et "
        "ses sauvegardes.",
    )
    exp.add_argument("file", metavar="SESSION.btsdesk")
    exp.add_argument("out", metavar="SORTIE.csv|.xlsx|.json")
    exp.add_argument("--format", choices=["csv", "xlsx", "json"])
    sheet = exp.add_mutually_exclusive_group()
    sheet.add_argument(
        "--feuille-notes",
        action="store_true",
        help="une feuille de notes (CSV, XLSX) : une colonne par épreuve du règlement, "
        "remplie des notes déjà saisies ; elle se réimporte telle quelle",
    )
    sheet.add_argument(
        "--vierge",
        action="store_true",
        help="une feuille de notes vierge à remplir (numéros et noms seulement)",
    )

    verify = commands.add_parser(
        "verify", help="vérifie le fichier et le journal des modifications (code 1 si altéré)"
    )
    verify.add_argument("file", metavar="SESSION.btsdesk")
    signed = verify.add_mutually_exclusive_group()
    signed.add_argument(
        "--tete",
        metavar="EMPREINTE",
        help="empreinte SHA-256 imprimée sur le PV final signé : dit si le journal s'arrête "
        "à ce qui a été signé ou le prolonge (code 1 s'il a été réécrit)",
    )
    signed.add_argument(
        "--pv", metavar="PV.pdf", help="le PV final (PDF) dont l'empreinte est lue, comme --tete"
    )

    for name, helptext in (
        ("convocations", "convocations aux épreuves de contrôle (PDF)"),
        ("pv", "PV de délibération (PDF ; --final après les oraux)"),
        ("releves", "relevés de notes (PDF)"),
        ("emargement", "feuilles d'émargement par salle et par jour (PDF)"),
        ("convoques", "liste des candidats convoqués (PDF)"),
        (
            "fiches-choix",
            "fiches de choix des épreuves de contrôle, avec la note à obtenir (PDF)",
        ),
    ):
        document = commands.add_parser(name, help=helptext)
        document.add_argument("file", metavar="SESSION.btsdesk")
        document.add_argument(
            "--out", metavar="SORTIE.pdf", help="fichier PDF (défaut : à côté de la session)"
        )
        document.add_argument("--date", help="date du document, AAAA-MM-JJ (défaut : aujourd'hui)")
        if name == "pv":
            document.add_argument(
                "--final", action="store_true", help="PV final, après les épreuves de contrôle"
            )

    images = commands.add_parser(
        "images",
        help="logo de l'académie et signature numérisée du président, gardés dans la session",
    )
    images.add_argument("file", metavar="SESSION.btsdesk")
    images.add_argument("--logo", metavar="IMAGE.png", help="PNG ou JPEG ; « aucun » retire")
    images.add_argument("--signature", metavar="IMAGE.png", help="PNG ou JPEG ; « aucun » retire")

    header = commands.add_parser(
        "en-tete",
        help="ce que les lettres aux candidats impriment de la session (§5) : signataire et "
        "affichage des résultats ; sans option, montre les réglages",
    )
    header.add_argument("file", metavar="SESSION.btsdesk")
    header.add_argument(
        "--signataire-delegue",
        metavar="NOM",
        dest="delegate",
        help="délégué du recteur qui signe convocations, fiches de choix et relevés "
        "(« Pour le recteur et par délégation ») ; « aucun » : la présidence du jury signe",
    )
    header.add_argument(
        "--resultats",
        metavar="TEXTE",
        dest="results",
        help="où et quand les résultats définitifs sont affichés (convocation) ; « aucun » : "
        "la phrase tirée du centre et du dernier jour d'oral",
    )
    add_operator(header)

    back = commands.add_parser("backups", help="liste les sauvegardes, ou en restaure une")
    back.add_argument("file", metavar="SESSION.btsdesk")
    back.add_argument(
        "--restore",
        type=int,
        metavar="N",
        help="restaure la sauvegarde n°N de la liste (après avoir sauvegardé l'état actuel)",
    )


def run(args: argparse.Namespace) -> int | None:
    """Runs a session subcommand; None when ``args.command`` is not one of them."""
    handler = {
        "new": _new,
        "import": _import,
        "export": _export,
        "verify": _verify,
        "backups": _backups,
        "convocations": _document,
        "pv": _document,
        "releves": _document,
        "emargement": _document,
        "convoques": _document,
        "fiches-choix": _document,
        "images": _images,
        "en-tete": _header,
    }.get(args.command)
    return None if handler is None else handler(args)


def _new(args: argparse.Namespace) -> int:
    if args.operator is not None and not args.operator.strip():
        raise InvalidInput("--operator : nom de l'opérateur manquant (il signe le journal)")
    # --operator goes with --depuis too: the new log is by whoever recreates the session.
    given = [f"--{name}" for name in NEW_OPTIONS[:-1] if getattr(args, name) is not None]
    if args.depuis is not None:
        if given:
            raise InvalidInput(f"--depuis reprend tout de l'export : sans {', '.join(given)}")
        from btsdesk.app.exchange_import import session_from_exchange

        made = session_from_exchange(Path(args.depuis), Path(args.file), operator=args.operator)
        with SessionStore.open(made, read_only=True) as store:
            details = store.details()
            count = len(store.candidates())
        return say(
            f"Session recréée depuis {Path(args.depuis).name} : {args.file} ({count} "
            f"candidat(s), phase {PHASE_LABELS[details.phase]})."
        )
    missing = [f"--{name}" for name in NEW_OPTIONS if getattr(args, name) is None]
    if missing:
        raise InvalidInput(
            f"commande incorrecte (arguments obligatoires manquants : {', '.join(missing)}). "
            "« btsdesk new --help » donne l'aide."
        )
    candidate = Path(args.reglement)
    path = candidate if candidate.suffix == ".json" else reglements_dir() / f"{args.reglement}.json"
    if not path.exists():
        raise InvalidInput(
            f"règlement « {args.reglement} » introuvable (voir « btsdesk reglements »)"
        )
    specialty = load_reglement(path)
    reglement = json.loads(path.read_text(encoding="utf-8-sig"))
    details = SessionDetails(
        year=args.year,
        specialty_code=specialty.code,
        regime=args.regime,
        academie=args.academie,
        centre=args.centre,
        title=args.title,
        proclamation=args.proclamation,
    )
    with JurySession.create(
        Path(args.file), reglement=reglement, details=details, operator=args.operator.strip()
    ):
        pass
    flagged = len(specialty.unverified)
    print(
        f"Session créée : {args.file} ({specialty.label}, régime {args.regime})."
        + (f" {flagged} ligne(s) du règlement à vérifier." if flagged else "")
    )
    # §7: a file for another session, a facultative coefficient (R6): warned, not refused.
    warnings = [*specialty.load_warnings()]
    if (served := specialty.session_warning(args.year)) is not None:
        warnings.append(served)
    for warning in warnings:
        print(f"Attention : {warning}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    """All or nothing through the write gate (btsdesk.app.imports: R2, R21, R24): a refusal
    is one French line on stderr listing every problem, and nothing is written."""
    source = Path(args.source)
    with opened(args, read_only=args.preview) as session:
        store = session.store
        if args.kind == "json" or (args.kind is None and source.suffix.lower() == ".json"):
            from btsdesk.app.exchange_import import import_exchange

            if args.preview:
                print("Aperçu non disponible pour le JSON d'échange : il est tout ou rien.")
                return 0
            return say(import_exchange(store, source, reason=args.motif))
        from btsdesk.app.imports import apply_preview, preview_file
        from btsdesk.io.importing import describe

        kind = {"candidats": "candidats", "notes": "notes"}.get(args.kind or "")
        preview = preview_file(store, source, kind, sheet=args.feuille)
        if args.preview:
            if preview.problems:  # the import would be refused: said as the import says it
                refused = ImportRefused(preview.problems)
                raise Refused(f"{source.name} : {one_line(refused)}")
            print(describe(preview))
            return 0
        try:
            summary = apply_preview(store, preview, source=source.name, reason=args.motif)
        except ImportRefused as refused:
            raise Refused(f"{source.name} : {one_line(refused)}") from refused
    # A results export imported back: its moyenne, décision… columns are said read past.
    ignored = [w for w in preview.warnings if w.startswith(COMPUTED_WARNING)]
    return say(" ; ".join([f"{source.name} : {summary}", *ignored]))


def _export(args: argparse.Namespace) -> int:
    from btsdesk.app.exports import export_message, write_export

    sheet = "vierge" if args.vierge else "remplie" if args.feuille_notes else None
    with SessionStore.open(Path(args.file), read_only=True) as store:
        kind = write_export(store, Path(args.out), args.format, sheet=sheet)
    print(export_message(kind, sheet, args.out))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from btsdesk.app import signed

    number: int | None = None
    digest: str | None = None
    if args.tete is not None:
        digest = signed.parse_hash(args.tete)
    elif args.pv is not None:
        try:
            data = read_chosen(Path(args.pv), "vérifier")
        except SessionFileError as exc:
            raise InvalidInput(str(exc)) from None
        number, digest = signed.head_of_pv(data)
    with SessionStore.open(Path(args.file), read_only=True) as store:
        problems = store.verify()
        count = len(store.audit_log())
        last_id, last_hash = store.audit_head()
        comparison = None if digest is None else signed.compare(store, digest)
    if comparison is not None:
        lines = signed.describe(comparison, number)
        if not comparison.holds or any(line.startswith("ALTÉRÉ") for line in lines):
            problems = [*problems, *(line.removeprefix("ALTÉRÉ : ") for line in lines[:1])]
        elif not problems:
            for line in lines:
                print(line)
    if problems:
        print(f"{args.file} : ALTÉRÉ ({len(problems)} problème(s)) :")
        for problem in problems:
            print(f"  - {problem}")
        return EXIT_PROBLEMS
    # The head, to compare with the one printed on the signed final PV.
    print(
        f"{args.file} : fichier intact, journal des modifications vérifié ({count} entrées ; "
        f"dernière entrée n° {last_id}, empreinte SHA-256 {last_hash})."
    )
    return 0


DOCUMENT_KINDS = {
    "convocations": "convocations",
    "releves": "releves",
    "emargement": "emargement",
    "convoques": "liste_convoques",
    "fiches-choix": "fiche_choix",
}


def _document(args: argparse.Namespace) -> int:
    """A document of the session through btsdesk.app.documents (R24b): the PV is a draft
    marked « PROJET » until the session is closed, and its final version (after the orals)
    only once closed; the relevés state recorded, up-to-date decisions only, never in
    saisie; no document that states decisions while one waits to be confirmed (R23)."""
    from datetime import date

    from btsdesk.app import documents

    kind = DOCUMENT_KINDS.get(args.command) or ("pv_final" if args.final else "pv_premier_groupe")
    session_path = Path(args.file)
    try:
        day = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise InvalidInput(f"--date « {args.date} » : format AAAA-MM-JJ attendu") from None
    skipped: list[str] = []
    out = Path(args.out) if args.out else session_path.with_name(f"{session_path.stem}-{kind}.pdf")
    try:
        session = JurySession.open(
            session_path, operator=getattr(args, "operator", None), backup=False
        )
        recorded = True
    except (ReadOnlyMedium, PermissionDenied):
        # A read-only medium: the document is produced all the same, its production not
        # recorded in the session (nothing can be written there).
        session = JurySession.open(session_path, read_only=True)
        recorded = False
    with session:
        if kind == "pv_final" and session.phase != "clos":
            raise Refused(
                "PV final refusé : il se produit une fois la session close, après "
                "les épreuves de contrôle (R24, R24b) ; « btsdesk pv FICHIER » "
                "donne le projet du PV, marqué « PROJET »"
            )
        if kind == "releves":
            if session.phase == "saisie":
                raise Refused(
                    "relevés de notes refusés en phase de saisie : un relevé énonce "
                    "une décision du jury enregistrée en délibération (R24, R24b)"
                )
            _ready, skipped = documents.transcripts_for(session)
        # Written and synced first, recorded in the session only then.
        produced = documents.save(session, kind, out, issued_on=day, record_it=recorded)
        draft = kind.startswith("pv_") and session.phase != "clos"
    message = f"{out} : {produced.pages} page(s), SHA-256 {produced.sha256}"
    if not recorded:
        message += (
            " ; production non notée dans la session : elle est en lecture seule "
            "(support ou droits)"
        )
    if draft:
        message += " ; projet marqué « PROJET » : la session n'est pas close (R24b)"
    if skipped:
        message += f" ; pas de relevé pour {len(skipped)} candidat(s) (R24b) : " + " ; ".join(
            skipped
        )
    return say(message)


def _images(args: argparse.Namespace) -> int:
    with opened(args) as session:
        for kind in ("logo", "signature"):
            name = getattr(args, kind)
            if name is None:
                continue
            try:
                data = None if name == "aucun" else read_chosen(Path(name), "utiliser comme image")
            except SessionFileError as exc:
                raise InvalidInput(str(exc)) from None
            session.set_image(kind, data)
        shown = {
            kind: "oui" if session.store.image(kind) else "non" for kind in ("logo", "signature")
        }
    return say(f"Logo : {shown['logo']} ; signature : {shown['signature']}.")


def _header(args: argparse.Namespace) -> int:
    """§5: the letters' signatory and results notice, set (logged) or shown."""

    def given(value: str | None) -> str | None:
        return None if value is None else ("" if value.strip() == "aucun" else value)

    delegate, results = given(args.delegate), given(args.results)
    changing = delegate is not None or results is not None
    # Checked before the file is opened: a refusal takes no opening backup either.
    if delegate is not None:
        checked_delegate(delegate)
    if results is not None:
        checked_notice(results)
    with opened(args, read_only=not changing) as session:
        if changing:
            session.set_document_settings(signatory_delegate=delegate, results_notice=results)
        details = session.details
    who = (
        f"{details.signatory_delegate} (pour le recteur et par délégation)"
        if details.signatory_delegate
        else "la présidence du jury"
    )
    notice = (
        details.results_notice.rstrip(".") or "phrase tirée du centre et du dernier jour d'oral"
    )
    return say(f"Signataire des lettres : {who} ; affichage des résultats : {notice}.")


def _backups(args: argparse.Namespace) -> int:
    session_path = Path(args.file)
    found = list_backups(session_path)
    if args.restore is not None:
        if not 1 <= args.restore <= len(found):
            raise InvalidInput(
                f"sauvegarde n°{args.restore} inexistante ({len(found)} sauvegarde(s))"
            )
        chosen = found[args.restore - 1]
        # Through the application: the gate checks every candidate the backup holds (R2).
        with opened(args, backup=False) as session:
            safety = session.restore(chosen.path)
        return say(
            f"Sauvegarde du {chosen.label} restaurée ; l'état précédent est gardé dans "
            f"{safety.name}."
        )
    if not found:
        print("Aucune sauvegarde.")
    for number, backup in enumerate(found, start=1):
        print(f"{number:3}. {backup.label}  ({backup.path.name})")
    return 0
