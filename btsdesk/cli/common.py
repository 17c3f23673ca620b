"""What every verb of the command line shares: opening the session through the application
layer (btsdesk.app, the only code that writes a session file), saying what was done in one
French line on stdout, and turning a refusal into one French line on stderr (exit 2) that
names the candidate and the rule, the file left as it was."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from btsdesk.app.session import JurySession
from btsdesk.core.errors import InvalidInput
from btsdesk.io.problems import ImportRefused
from btsdesk.store.errors import SessionFileError

EXIT_REFUSED = 2
REFUSALS = (InvalidInput, SessionFileError, ImportRefused)


class Refused(Exception):
    """A refusal already worded for the command line (one French line)."""


def one_line(text: object) -> str:
    """A message on one line: the lines of a multi-line refusal joined by « ; »."""
    parts = [part.strip() for part in str(text).splitlines()]
    return " ; ".join(part.removeprefix("- ") for part in parts if part)


def add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER", help="le fichier de session (.btsdesk)")


def add_operator(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--operator",
        metavar="NOM",
        help="nom de l'opérateur pour le journal (défaut : celui de la session)",
    )


@contextmanager
def opened(
    args: argparse.Namespace, *, read_only: bool = False, backup: bool = True
) -> Iterator[JurySession]:
    """The session of ``args.file``, closed afterwards. A write verb backs the session up
    just before its first change (the command line's undo, like the window's); a refused
    verb, checked before it writes, and a read-only one write nothing, not even a backup."""
    session = JurySession.open(
        Path(args.file),
        operator=getattr(args, "operator", None),
        backup=backup and not read_only,
        read_only=read_only,
    )
    with session:
        yield session


def who(session: JurySession, number: str) -> str:
    """« 2011557741 ALLARD Victoire » (the number alone when the candidate is unknown)."""
    found = session.row_of.get(number)
    if found is None:
        return number
    name = session.candidates[found].full_name
    return f"{number} {name}" if name else number


def naming(session: JurySession, number: str, message: str) -> str:
    """The message with the candidate's number and name in front, unless it already names
    the candidate by number; a message that starts with the name gets the number before."""
    message = one_line(message)
    if number in message:
        return message
    found = session.row_of.get(number)
    name = session.candidates[found].full_name if found is not None else ""
    if name and message.startswith(name):
        return f"{number} {message}"
    return f"{who(session, number)} : {message}"


@contextmanager
def about(session: JurySession, number: str) -> Iterator[None]:
    """Refusals raised inside name the candidate (``naming``)."""
    try:
        yield
    except (*REFUSALS, Refused) as exc:
        raise Refused(naming(session, number, str(exc))) from exc


def say(message: str) -> int:
    print(one_line(message))
    return 0


# argparse's usage errors, in French (the rest of the message names arguments and values).
ARGPARSE_FRENCH = (
    ("the following arguments are required", "arguments obligatoires manquants"),
    ("unrecognized arguments", "arguments inconnus"),
    ("invalid choice", "choix invalide"),
    ("choose from", "au choix"),
    ("expected one argument", "une valeur attendue"),
    ("expected at least one argument", "au moins une valeur attendue"),
    ("not allowed with argument", "incompatible avec l'argument"),
    ("invalid int value", "nombre entier attendu"),
)


class _FrenchHelp(argparse.HelpFormatter):
    """argparse's help with its own words in French (« utilisation : »)."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse with its help headings and usage errors in French, errors on one line
    (exit 2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _FrenchHelp)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "affiche cette aide et s'arrête"

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", "affiche la version et s'arrête")
        return super().add_argument(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        for english, french in ARGPARSE_FRENCH:
            message = message.replace(english, french)
        command = self.prog.removeprefix("btsdesk").strip()
        help_hint = f"btsdesk {command} --help" if command else "btsdesk --help"
        self.exit(
            EXIT_REFUSED,
            f"btsdesk : commande incorrecte ({one_line(message)}). « {help_hint} » donne l'aide.\n",
        )
