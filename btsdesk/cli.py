"""Command line: ``btsdesk`` opens the window; subcommands work without it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

from btsdesk import __version__, cli_session
from btsdesk.core.errors import InvalidInput
from btsdesk.store.errors import SessionFileError

EXIT_INVALID = 2


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in French, on one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INVALID, f"btsdesk : commande incorrecte ({message}). "
                                "« btsdesk --help » donne l'aide.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="btsdesk",
        description="Salle de jury du BTS : notes, délibération, épreuves de contrôle. "
                    "Sans commande, ouvre la fenêtre sur la session de démonstration.")
    parser.add_argument("--version", action="version", version=f"btsdesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser)

    evaluate = commands.add_parser(
        "evaluate", help="calcule les résultats d'un fichier JSON d'échange (domain.md §6)",
        description="Lit un fichier JSON d'échange et écrit les résultats en JSON. "
                    "Code de sortie 0 si tout va bien, 2 (message sur la sortie d'erreur) "
                    "si l'entrée est invalide.")
    evaluate.add_argument("file", metavar="FICHIER.json", help="le fichier, ou - pour l'entrée "
                                                              "standard")

    demo = commands.add_parser("demo", help="écrit une session de démonstration (JSON d'échange)")
    demo.add_argument("--out", metavar="FICHIER.json", help="fichier de sortie (défaut : "
                                                            "sortie standard)")
    demo.add_argument("--candidates", type=int, default=40, help="nombre de candidats (40)")
    demo.add_argument("--regime", choices=["2021", "2022"], default="2022")
    demo.add_argument("--seed", type=int, default=2026, help="graine du tirage (2026)")

    reglements = commands.add_parser(
        "reglements", help="liste les règlements d'examen livrés, ou vérifie des fichiers",
        description="Sans fichier, liste les règlements livrés. Avec des fichiers (même format "
                    "que resources/reglements), les vérifie : code de sortie 2 et message "
                    "en cas d'erreur.")
    reglements.add_argument("files", metavar="FICHIER.json", nargs="*")

    cli_session.add_commands(commands)

    gui = commands.add_parser("gui", help="ouvre la fenêtre (session de démonstration par "
                                          "défaut)")
    gui.add_argument("file", metavar="SESSION.btsdesk", nargs="?",
                     help="un fichier de session, ou une session au format JSON d'échange")
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "evaluate":
            return _evaluate(args.file)
        if args.command == "demo":
            return _demo(args)
        if args.command == "reglements":
            return _reglements(args.files)
        done = cli_session.run(args)
        if done is not None:
            return done
        return _gui(getattr(args, "file", None), parser)
    except (InvalidInput, SessionFileError) as exc:
        print(f"btsdesk : {exc}", file=sys.stderr)
        return EXIT_INVALID


def _read_input(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
        where = "entrée standard"
    else:
        path = Path(name)
        where = path.name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InvalidInput(f"fichier « {name} » introuvable") from None
        except IsADirectoryError:
            raise InvalidInput(f"« {name} » est un dossier, pas un fichier") from None
        except OSError as exc:
            raise InvalidInput(f"fichier « {name} » illisible ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{where} : le texte n'est pas en UTF-8 (octet {exc.start + 1})"
                           ) from None


def _evaluate(name: str) -> int:
    from btsdesk.io.exchange import dumps, evaluate_text

    output = evaluate_text(_read_input(name))
    sys.stdout.write(dumps(output) + "\n")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from btsdesk.demo import demo_session

    if not 1 <= args.candidates <= 100_000:
        raise InvalidInput("--candidates : de 1 à 100 000 candidats")
    text = json.dumps(demo_session(args.candidates, regime=args.regime, seed=args.seed),
                      ensure_ascii=False, indent=1)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"Session de démonstration écrite dans {args.out} ({args.candidates} candidats).")
    else:
        sys.stdout.write(text + "\n")
    return 0


def _reglements(files: list[str]) -> int:
    from btsdesk.core.catalog import load_catalog, load_reglement
    from btsdesk.paths import reglements_dir

    if files:
        catalog = {name: load_reglement(Path(name)) for name in files}
    else:
        catalog = load_catalog(reglements_dir())
    for key, specialty in catalog.items():
        flagged = len(specialty.unverified)
        check = f", {flagged} ligne(s) à vérifier" if flagged else ""
        print(f"{key:18} {specialty.label}{check}")
    return 0


def _gui(file: str | None, parser: argparse.ArgumentParser) -> int:
    if not _display_available():
        print("btsdesk : aucun affichage graphique trouvé (ni DISPLAY, ni WAYLAND_DISPLAY, ni "
              "QT_QPA_PLATFORM). La fenêtre ne peut pas s'ouvrir ; voici les commandes qui "
              "marchent sans elle.\n", file=sys.stderr)
        parser.print_help()
        return 0
    from btsdesk.gui.app import run

    return run(Path(file) if file else None)


def _display_available() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
