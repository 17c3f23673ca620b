"""Command line: ``btsdesk`` opens the window; subcommands work without it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from btsdesk import __version__
from btsdesk.cli.common import EXIT_REFUSED, REFUSALS, Parser, Refused, one_line
from btsdesk.core.errors import InvalidInput
from btsdesk.core.regimes import REGIMES
from btsdesk.store.files import read_chosen

EXIT_INVALID = EXIT_REFUSED


def families() -> tuple[ModuleType, ...]:
    """The verbs, each family in its module (design.md: one module per family of verbs),
    loaded to read a command line: the window alone opens without them."""
    from btsdesk.cli import classes, jury, planning, results, session

    return (session, jury, planning, results, classes)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="btsdesk",
        description="Salle de jury du BTS : notes, délibération, épreuves de contrôle. "
        "Sans commande, ouvre la fenêtre sur la dernière session "
        "(la démonstration la première fois).",
    )
    parser.add_argument("--version", action="version", version=f"btsdesk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="vérifie l'installation sans fenêtre ni réseau : session de "
        "démonstration temporaire, tous les résultats, une convocation "
        "PDF ; code de sortie 0 si tout va bien",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=Parser)

    evaluate = commands.add_parser(
        "evaluate",
        help="calcule les résultats d'un fichier JSON d'échange",
        description="Lit un fichier JSON d'échange et écrit les résultats en JSON. "
        "Code de sortie 0 si tout va bien, 2 (message sur la sortie d'erreur) "
        "si l'entrée est invalide.",
    )
    evaluate.add_argument(
        "file", metavar="FICHIER.json", help="le fichier, ou - pour l'entrée standard"
    )

    demo = commands.add_parser("demo", help="écrit une session de démonstration (JSON d'échange)")
    demo.add_argument(
        "--out", metavar="FICHIER.json", help="fichier de sortie (défaut : sortie standard)"
    )
    demo.add_argument("--candidates", type=int, default=40, help="nombre de candidats (40)")
    demo.add_argument("--regime", choices=sorted(REGIMES), default=max(REGIMES))
    demo.add_argument("--seed", type=int, default=2026, help="graine du tirage (2026)")

    reglements = commands.add_parser(
        "reglements",
        help="liste les règlements d'examen livrés, ou vérifie des fichiers",
        description="Sans fichier, liste les règlements livrés : sessions servies et nombre de "
        "lignes « à vérifier ». Avec des noms de règlements livrés (ex. mco-2018) "
        "ou des fichiers (même format que resources/reglements), les vérifie et "
        "détaille chaque ligne : ce qui est vérifié dans un texte officiel et ce "
        "qui reste à vérifier ; code de sortie 2 et message en cas d'erreur.",
    )
    reglements.add_argument("files", metavar="FICHIER.json", nargs="*")
    reglements.add_argument(
        "--lignes", action="store_true", help="détaille les lignes de chaque règlement listé"
    )
    reglements.add_argument(
        "--annee",
        type=int,
        metavar="ANNÉE",
        help="signale les règlements qui ne servent pas cette session",
    )

    for family in families():
        family.add_commands(commands)

    gui = commands.add_parser(
        "gui", help="ouvre la fenêtre (sans fichier : la dernière session, ou la démonstration)"
    )
    gui.add_argument(
        "file",
        metavar="SESSION.btsdesk",
        nargs="?",
        help="un fichier de session, ou une session au format JSON d'échange",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments:  # the window, as most launch it: painted before any verb is loaded
        return _said(lambda: _gui(None, build_parser))
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.self_test:
        return _self_test()
    return _said(lambda: _command(args, parser))


def _command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.command == "evaluate":
        return _evaluate(args.file)
    if args.command == "demo":
        return _demo(args)
    if args.command == "reglements":
        return _reglements(args.files, details=args.lignes, year=args.annee)
    for family in families():
        done: int | None = family.run(args)
        if done is not None:
            return done
    return _gui(getattr(args, "file", None), lambda: parser)


def _said(command: Callable[[], int]) -> int:
    """The command's exit code; a refusal said in one French line on stderr (exit 2)."""
    try:
        return command()
    except (*REFUSALS, Refused) as exc:
        # One French line on stderr; the command changed nothing (exit 2).
        print(f"btsdesk : {one_line(exc)}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:  # a disk's refusal not met on a known path: said, not a traceback
        from btsdesk.store.files import storage_error

        where = f"« {Path(exc.filename).name} »" if exc.filename else "fichier"
        error = storage_error(exc, where, kept="rien de plus n'a été écrit")
        print(f"btsdesk : {one_line(error or exc)}", file=sys.stderr)
        return EXIT_INVALID


def _read_input(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
        where = "entrée standard"
    else:
        path = Path(name)
        where = path.name
        data = read_chosen(path, "lire")  # refused in French: missing, a folder, unreadable
    from btsdesk.core.exactjson import json_text

    return json_text(data, where)


def _evaluate(name: str) -> int:
    from btsdesk.io.exchange import dumps, evaluate_text

    output = evaluate_text(_read_input(name))
    sys.stdout.write(dumps(output) + "\n")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from btsdesk.app.demo import demo_session

    if not 1 <= args.candidates <= 100_000:
        raise InvalidInput("--candidates : de 1 à 100 000 candidats")
    text = json.dumps(
        demo_session(args.candidates, regime=args.regime, seed=args.seed),
        ensure_ascii=False,
        indent=1,
    )
    if args.out:
        from btsdesk.store.files import write_durably

        write_durably(Path(args.out), (text + "\n").encode("utf-8"), mode=0o644)
        print(f"Session de démonstration écrite dans {args.out} ({args.candidates} candidats).")
    else:
        sys.stdout.write(text + "\n")
    return 0


def _reglements(files: list[str], *, details: bool = False, year: int | None = None) -> int:
    """§7: per file its sessions and how many lines are "à vérifier"; per line (with
    names or ``--lignes``) what is verified and what is not."""
    from btsdesk.core.catalog import load_catalog, load_reglement
    from btsdesk.core.numbers import decimal_fr
    from btsdesk.core.reglement import mode_words, unverified_words
    from btsdesk.paths import reglements_dir

    if files:
        catalog = {name: load_reglement(_reglement_path(name)) for name in files}
    else:
        catalog = load_catalog(reglements_dir())
    for key, specialty in catalog.items():
        flagged = len(specialty.unverified)
        check = f", {flagged} ligne(s) à vérifier" if flagged else ", toutes les lignes vérifiées"
        sessions = f", {specialty.sessions_label}" if specialty.sessions_label else ""
        print(f"{key:18} {specialty.label}{sessions}{check}")
        notes = list(specialty.load_warnings())
        if year is not None and (warning := specialty.session_warning(year)):
            notes.append(warning)
        for note in notes:
            print(f"{'':18} attention : {note}")
        if not (files or details):
            continue
        print(f"{'':18} source : {specialty.source}")
        if specialty.to_check:
            print(f"{'':18} à vérifier (fichier) : {specialty.to_check}")
        for line in specialty.lines:
            what = "facultative" if line.facultative or line.domain is None else line.domain.label
            coefficient = (
                ""
                if line.facultative and not line.coefficient_given
                else (f"coef {decimal_fr(line.coefficient)}, ")
            )
            state = (
                "vérifiée"
                if line.verified
                else f"À VÉRIFIER : {unverified_words(line)}"
                + (f" — {line.to_check}" if line.to_check else "")
            )
            print(f"{'':18}   {line.code:5} {coefficient}{what}, {mode_words(line)} : {state}")
    return 0


def _reglement_path(name: str) -> Path:
    """A file, or the name of a shipped règlement (« mco-2018 »)."""
    from btsdesk.paths import reglements_dir

    path = Path(name)
    if path.suffix != ".json" and not path.exists():
        shipped = reglements_dir() / f"{name}.json"
        if shipped.exists():
            return shipped
    return path


def _self_test() -> int:
    """``--self-test``: the installed (or bundled) app's main path on a temporary demo
    session, without Qt and without network. Exit 0, or 1 with a French message."""
    import tempfile
    import time
    import traceback

    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="btsdesk-autotest-") as folder:
            lines = _self_test_steps(Path(folder))
    except Exception as exc:
        print(
            f"btsdesk --self-test : ÉCHEC — {type(exc).__name__} : {exc}\n"
            "L'installation est incomplète ou abîmée ; détails techniques ci-dessous.",
            file=sys.stderr,
        )
        traceback.print_exc(file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    print(f"Autotest réussi en {seconds} s : btsdesk est prêt.")
    return 0


def _self_test_steps(folder: Path) -> list[str]:
    """The jury's main path through the application layer, as the window and the command
    line take it: open the session (JurySession), deliberate (R24), authorise where the
    regime asks it (R22), choose (R12/R15), plan (btsdesk.app.planning), print."""
    from xml.etree import ElementTree

    from btsdesk.app import documents, planning
    from btsdesk.app.demo import create_demo_file
    from btsdesk.app.session import JurySession
    from btsdesk.core.catalog import load_catalog
    from btsdesk.core.results import Decision
    from btsdesk.paths import reglements_dir, resources_dir, ui_dir

    lines = [f"btsdesk {__version__} — autotest (session de démonstration temporaire)"]
    catalog = load_catalog(reglements_dir())
    fonts = sorted(p.name for p in (resources_dir() / "fonts").glob("*.ttf"))
    if not fonts:
        raise RuntimeError(f"aucune police dans {resources_dir() / 'fonts'}")
    layouts = sorted(ui_dir().glob("*.ui"))
    if not layouts:
        raise RuntimeError(f"aucun fichier d'interface (.ui) dans {ui_dir()}")
    for layout in layouts:
        ElementTree.parse(layout)  # a damaged file raises here, not when its window opens
    lines.append(
        f"- ressources : {len(catalog)} règlement(s), {len(fonts)} police(s), "
        f"{len(layouts)} fichier(s) d'interface"
    )

    path = create_demo_file(folder / "autotest.btsdesk")
    with JurySession.open(path, operator="autotest", backup=False) as session:
        counts = session.first_group_counts()
        shown = ", ".join(f"{d.label} : {counts[d]}" for d in Decision if counts[d])
        lines.append(f"- résultats : {len(session.results)} candidat(s) calculé(s) ({shown})")

        # One contrôle candidate, authorised, with its choice, planned: its convocation.
        wanted = session.regime.choices_count
        chosen = next(
            (
                r
                for r in session.results
                if r.decision is Decision.CONTROLE and len(r.options) >= wanted
            ),
            None,
        )
        if chosen is None:
            raise RuntimeError(
                "la session de démonstration n'a aucun candidat aux épreuves de contrôle"
            )
        number = chosen.number
        session.set_phase("deliberation")  # the jury acts in délibération (R24)
        if not session.regime.authorised_by_right:
            session.authorise(number)
        disciplines = list(chosen.options[:wanted])
        session.choose(number, disciplines)
        subjects = sorted({request.subject for request, _key in planning.requests(session)})
        planning.save_setup(
            session,
            planning.parse_setup(
                "06/07/2026 08:00 18:00", "B12", f"Mme Durand : {', '.join(subjects)}"
            ),
        )
        planning.propose_schedule(session)
        placed = planning.slots(session)
        if len(placed) != len(planning.requests(session)):
            raise RuntimeError(
                f"oral non placé : {len(placed)} placé(s) sur {len(planning.requests(session))}"
            )
        produced = documents.produce(session, "convocations")
        if not produced.data.startswith(b"%PDF") or produced.pages < 1:
            raise RuntimeError("la convocation produite n'est pas un PDF valide")
        lines.append(
            f"- convocation : candidat {number}, oral(s) de "
            f"{', '.join(disciplines)}, PDF de {produced.pages} page(s), "
            f"{len(produced.data) // 1024} Kio, SHA-256 {produced.sha256[:16]}…"
        )
        problems = session.store.verify()
        if problems:
            raise RuntimeError("journal de la session incohérent : " + " ; ".join(problems))
        lines.append("- fichier de session et journal vérifiés")
    return lines


def _gui(file: str | None, parser: Callable[[], argparse.ArgumentParser]) -> int:
    if not _display_available():
        print(
            "btsdesk : aucun affichage graphique trouvé (ni DISPLAY, ni WAYLAND_DISPLAY, ni "
            "QT_QPA_PLATFORM). La fenêtre ne peut pas s'ouvrir ; voici les commandes qui "
            "marchent sans elle.\n",
            file=sys.stderr,
        )
        parser().print_help()
        return 0
    from btsdesk.gui.app import run

    return run(Path(file) if file else None)


def _display_available() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
