"""Convocation throughput (issue 5): 500 convocations into one PDF with convocations_pdf
(target ≤ 3 s), against a bare ReportLab canvas drawing the same text strings on each page with
drawString (no Platypus, no layout) in the same fonts. Prints pages per second for both and
the ratio (target: convocations_pdf at least half the bare canvas's pages per second).

    .venv/bin/python benchmarks/documents.py [--pages N] [--repeat R]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from btsdesk.documents import sha256_of
from btsdesk.documents.convocation import address_lines, convocations_pdf
from btsdesk.documents.fonts import SANS, SANS_BOLD, register_fonts
from btsdesk.documents.french import clock, lines_of, long_date, minutes, weekday_date
from btsdesk.documents.model import Convocation, Header
from btsdesk.documents.sample import sample_convocations, sample_header


def page_strings(header: Header, letter: Convocation) -> list[tuple[bool, str]]:
    """The text a convocation page carries, as (bold, string) pairs."""
    who = letter.identity
    texts = [
        (True, header.academie),
        (True, header.centre_name),
        *((False, line) for line in lines_of(header.centre_address)),
        *((False, line) for line in address_lines(who)),
        (True, "Convocation aux épreuves de contrôle"),
        (False, f"{header.session_title} · {header.specialty}"),
        (False, "Nom"),
        (True, who.surname.upper()),
        (False, "Prénom"),
        (True, who.given_name),
        (False, "Civilité"),
        (False, who.civility),
        (False, "Date de naissance"),
        (False, long_date(who.birth_date) if who.birth_date else "—"),
        (False, "Numéro de candidat"),
        (True, who.number),
        (False, "Vous êtes convoquée aux épreuves orales de contrôle suivantes, au centre "),
        (False, f"d'examen : {header.centre_name}, {header.centre_address}."),
    ]
    for oral in letter.orals:
        texts += [
            (True, f"{oral.discipline} — {oral.title}"),
            (False, "Date"),
            (True, weekday_date(oral.exam_start.date())),
            (False, "Heure d'arrivée"),
            (True, clock(oral.arrival)),
            (False, "Préparation"),
            (
                False,
                f"{minutes(oral.preparation_minutes)}, à partir de {clock(oral.preparation_start)}",
            ),
            (False, "Interrogation"),
            (False, f"{minutes(oral.exam_minutes)}, à partir de {clock(oral.exam_start)}"),
            (False, "Salle"),
            (True, oral.room),
        ]
    rule = header.regime_rule
    texts += [
        (True, "Consignes"),
        (False, "• Présentez-vous 15 minutes avant le début de la préparation, à l'heure"),
        (False, "d'arrivée indiquée pour chaque épreuve."),
        (False, "• Munissez-vous de la présente convocation et d'une pièce d'identité"),
        (False, "officielle avec photographie (carte nationale d'identité, passeport ou"),
        (False, "titre de séjour)."),
        (True, "Prise en compte de la note"),
        *((False, rule[i : i + 95]) for i in range(0, len(rule), 95)),
        (False, f"Fait à {header.place}, le {long_date(letter.issued_on)}"),
        (False, "La présidente du jury,"),
        (True, header.president),
    ]
    return texts


def bare_canvas_pdf(header: Header, letters: list[Convocation]) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for letter in letters:
        y = A4[1] - 20 * mm
        for bold, text in page_strings(header, letter):
            canvas.setFont(SANS_BOLD if bold else SANS, 9.5)
            canvas.drawString(20 * mm, y, text)
            y -= 4.5 * mm
            if y < 15 * mm:
                y = A4[1] - 20 * mm
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(run, repeat: int) -> tuple[float, bytes]:
    times = []
    data = b""
    for _ in range(repeat):
        start = time.perf_counter()
        data = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    header = sample_header()
    letters = sample_convocations(args.pages)
    register_fonts()
    convocations_pdf(header, letters[:2])  # warm-up: fonts parsed, styles built
    bare_canvas_pdf(header, letters[:2])

    ours, pdf = timed(lambda: convocations_pdf(header, letters), args.repeat)
    bare, _raw = timed(lambda: bare_canvas_pdf(header, letters), args.repeat)
    ours_rate, bare_rate = args.pages / ours, args.pages / bare
    ratio = ours_rate / bare_rate
    print(
        f"convocations_pdf : {args.pages} pages en {ours:.2f} s, {ours_rate:.0f} pages/s "
        f"({len(pdf) / 1e6:.1f} Mo, sha256 {sha256_of(pdf)[:12]}…)  [cible ≤ 3 s]"
    )
    print(f"canevas nu       : {args.pages} pages en {bare:.2f} s, {bare_rate:.0f} pages/s")
    print(f"rapport          : {ratio:.2f}  [cible ≥ 0,50]")
    print("médianes de", args.repeat, "passages")


def printing_row() -> None:
    """500 convocations printed through the app's print path into a private cups-pdf queue
    (benchmarks/printing.py; target: spooled in ≤ 10 s)."""
    from printing import print_convocations  # benchmarks/printing.py, beside this file

    print_convocations(500, repeat=1)


if __name__ == "__main__":
    main()
    printing_row()
