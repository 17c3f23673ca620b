"""The class-file subcommands (parcours de consolidation, domain.md §8)."""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

from btsdesk.core.errors import InvalidInput
from btsdesk.store.files import read_chosen, write_durably


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    new = commands.add_parser(
        "classe-nouvelle",
        help="crée le fichier d'une classe de 1re année (parcours de consolidation)",
    )
    new.add_argument("file", metavar="CLASSE.btsdesk-classe")
    new.add_argument("--annee", type=int, required=True, help="année de la rentrée")
    new.add_argument("--etablissement", required=True)
    new.add_argument("--division", required=True)
    new.add_argument("--specialite", required=True)
    new.add_argument("--operateur", required=True)

    imp = commands.add_parser(
        "classe-import", help="importe la liste des étudiants, ou le suivi (--suivi), tout ou rien"
    )
    imp.add_argument("file", metavar="CLASSE.btsdesk-classe")
    imp.add_argument("source", metavar="FICHIER.csv|.xlsx")
    imp.add_argument(
        "--suivi", action="store_true", help="le fichier est le suivi (N° ; Situation)"
    )
    imp.add_argument(
        "--feuille", metavar="NOM", help="la feuille à importer d'un classeur qui en a plusieurs"
    )

    link = commands.add_parser(
        "classe-vers-jury",
        help="donne aux candidats de la session leur bac d'origine et leur parcours",
    )
    link.add_argument("file", metavar="CLASSE.btsdesk-classe")
    link.add_argument("session", metavar="SESSION.btsdesk")

    ind = commands.add_parser(
        "classe-indicateurs", help="indicateurs par origine et par parcours (CSV, XLSX ou PDF)"
    )
    ind.add_argument("file", metavar="CLASSE.btsdesk-classe")
    ind.add_argument("out", metavar="SORTIE.csv|.xlsx|.pdf")
    ind.add_argument(
        "--jury",
        metavar="SESSION.btsdesk",
        help="une session de jury des mêmes étudiants : le BTS obtenu ou non",
    )


def run(args: argparse.Namespace) -> int | None:
    handler = {
        "classe-nouvelle": _new,
        "classe-import": _import,
        "classe-indicateurs": _indicators,
        "classe-vers-jury": _link,
    }.get(args.command)
    return None if handler is None else handler(args)


def _new(args: argparse.Namespace) -> int:
    # Through the app, like the window: a blank field is refused there (exit 2, one line).
    from btsdesk.app.classes import new_class

    with new_class(
        Path(args.file),
        year=args.annee,
        etablissement=args.etablissement,
        division=args.division,
        specialty_label=args.specialite,
        operator=args.operateur,
    ):
        pass
    print(f"Fichier de classe créé : {args.file}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from btsdesk.app.classes import apply_class_preview, apply_follow_up
    from btsdesk.cli.common import Refused, one_line
    from btsdesk.io.class_import import (
        read_class_list,
        read_follow_up,
    )
    from btsdesk.io.problems import ImportRefused
    from btsdesk.store.class_file import ClassStore

    source = Path(args.source)
    data = read_chosen(source)
    with ClassStore.open(Path(args.file)) as store:
        try:
            if args.suivi:
                numbers = [s.number for s in store.students()]
                changed = apply_follow_up(
                    store, read_follow_up(data, source.name, numbers, sheet=args.feuille)
                )
                print(f"Suivi importé : {changed} situation(s) enregistrée(s).")
            else:
                preview = read_class_list(data, source.name, sheet=args.feuille)
                added, updated = apply_class_preview(store, preview)
                print(f"{added} étudiant(s) ajouté(s), {updated} mis à jour.")
        except ImportRefused as refused:
            # One French line on stderr (exit 2), like every refusal of the command line.
            raise Refused(f"{source.name} : {one_line(refused)}") from refused
    return 0


def _link(args: argparse.Namespace) -> int:
    from btsdesk.app.consolidation import copy_to_session
    from btsdesk.store.class_file import ClassStore
    from btsdesk.store.session import SessionStore

    with (
        ClassStore.open(Path(args.file), read_only=True) as klass,
        SessionStore.open(Path(args.session)) as session,
    ):
        changed = copy_to_session(klass, session)
    print(f"{changed} candidat(s) de la session complété(s) (bac d'origine, parcours).")
    return 0


def _indicators(args: argparse.Namespace) -> int:
    from btsdesk.core.consolidation import indicators
    from btsdesk.store.class_file import ClassStore

    out = Path(args.out)
    kind = out.suffix.lower().lstrip(".")
    if kind not in ("csv", "xlsx", "pdf"):
        raise InvalidInput("sortie : .csv, .xlsx ou .pdf")
    with ClassStore.open(Path(args.file), read_only=True) as store:
        if args.jury:
            from btsdesk.app.consolidation import indicators_with_jury
            from btsdesk.store.session import SessionStore

            with SessionStore.open(Path(args.jury), read_only=True) as session:
                result = indicators_with_jury(store, session)
        else:
            result = indicators(store.followed())
        if kind == "pdf":
            from btsdesk.app.consolidation_documents import class_header
            from btsdesk.documents.consolidation import indicators_pdf

            data = indicators_pdf(
                class_header(store), result, "Indicateurs pour le comité de suivi"
            )
    rows = result.rows()
    if kind == "csv":
        text = io.StringIO()
        csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(rows)
        data = text.getvalue().encode("utf-8-sig")
    elif kind == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.create_sheet("Indicateurs", 0)
        book.remove(book.worksheets[1])  # the default empty sheet
        for row in rows:
            sheet.append(list(row))
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
    write_durably(out, data)
    print(f"Indicateurs écrits : {out}")
    return 0
