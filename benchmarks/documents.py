"""Document throughput, in one run (issues 5 and 11):

- 500 convocations into one PDF with convocations_pdf (target ≤ 3 s), against a bare ReportLab
  canvas drawing the same text strings on each page with drawString (no Platypus, no layout) in
  the same fonts: pages per second for both and the ratio (target ≥ 0.50);
- 2,000 relevés de notes with transcripts_pdf (target ≥ 300 pages/s), against a bare canvas
  drawing the relevés' strings the same way (target: ratio ≥ 0.50);
- the PV de délibération of 2,000 candidates with deliberation_pdf (target ≤ 2 s).

    .venv/bin/python benchmarks/documents.py [--pages N] [--releves N] [--pv N] [--repeat R]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from btsdesk.documents import sha256_of
from btsdesk.documents.convocation import address_lines, convocations_pdf
from btsdesk.documents.fonts import SANS, SANS_BOLD, register_fonts
from btsdesk.documents.french import clock, lines_of, long_date, minutes, weekday_date
from btsdesk.documents.model import Convocation, Header, Line, ResultRow
from btsdesk.documents.results import APPEAL, LEGEND, deliberation_pdf, transcripts_pdf
from btsdesk.documents.sample import (
    LINES,
    sample_convocations,
    sample_deliberation,
    sample_header,
    sample_result_rows,
)


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


def releve_strings(header: Header, lines: list[Line], row: ResultRow) -> list[tuple[bool, str]]:
    """The text a relevé page carries, as (bold, string) pairs."""
    who = row.identity
    texts = [
        (True, header.academie),
        (True, header.centre_name),
        *((False, line) for line in lines_of(header.centre_address)),
        *((False, line) for line in address_lines(who)),
        (True, "Relevé de notes"),
        (False, f"{header.session_title} · {header.specialty}"),
        (False, "Nom"),
        (True, who.surname.upper()),
        (False, "Prénom"),
        (True, who.given_name),
        (False, "Date de naissance"),
        (False, long_date(who.birth_date) if who.birth_date else "—"),
        (False, "Numéro de candidat"),
        (True, who.number),
        *((True, text) for text in ("Épreuve", "Intitulé", "Coef.", "Note / 20")),
    ]
    for line in lines:
        texts += [
            (True, line.code),
            (False, line.title + (" (facultative)" if line.facultative else "")),
            (False, line.coefficient),
            (True, row.grades.get(line.code, "") or "—"),
        ]
    texts += [
        (False, "Moyenne du domaine général"),
        (False, row.general),
        (False, "Moyenne du domaine professionnel"),
        (False, row.professional),
        (True, "Moyenne générale"),
        (True, row.average),
        (True, "Décision du jury (premier groupe)"),
        (True, row.decision),
    ]
    for key, grade in row.orals.items():
        texts += [(False, f"Épreuve de contrôle : {key}"), (False, grade)]
    if row.final_decision:
        texts += [
            (True, "Moyenne après les épreuves de contrôle"),
            (True, row.final_average),
            (True, "Décision finale du jury"),
            (True, row.final_decision),
        ]
    notes = [row.reason, LEGEND, APPEAL]
    for note in notes:
        texts += [(False, note[i : i + 110]) for i in range(0, len(note), 110)]
    texts += [
        (False, f"Fait à {header.place}, le {long_date(date(2026, 7, 10))}"),
        (False, "La présidente du jury,"),
        (True, header.president),
    ]
    return texts


def bare_canvas_pdf(pages: list[list[tuple[bool, str]]]) -> bytes:
    """Each page's strings drawn one under the other with drawString: no layout at all."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for strings in pages:
        y = A4[1] - 20 * mm
        for bold, text in strings:
            canvas.setFont(SANS_BOLD if bold else SANS, 9.5)
            canvas.drawString(20 * mm, y, text)
            y -= 4.5 * mm
            if y < 15 * mm:
                y = A4[1] - 20 * mm
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def convocation_pages(header: Header, letters: list[Convocation]) -> list[list[tuple[bool, str]]]:
    return [page_strings(header, letter) for letter in letters]


def paired(ours, bare, repeat: int) -> tuple[float, float, bytes]:
    """Both runs in turn, `repeat` times (ours, bare, ours, bare …): a burst of load from
    elsewhere on the machine falls on both, not on one. Medians, and our last PDF."""
    mine, theirs = [], []
    data = b""
    for _ in range(repeat):
        start = time.perf_counter()
        data = ours()
        mine.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare()
        theirs.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(theirs), data


def timed(run, repeat: int) -> tuple[float, bytes]:
    times = []
    data = b""
    for _ in range(repeat):
        start = time.perf_counter()
        data = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), data


def convocations(pages: int, repeat: int) -> None:
    header = sample_header()
    letters = sample_convocations(pages)
    convocations_pdf(header, letters[:2])  # warm-up: fonts parsed, styles built
    strings = convocation_pages(header, letters)
    bare_canvas_pdf(strings[:2])

    ours, bare, pdf = paired(
        lambda: convocations_pdf(header, letters), lambda: bare_canvas_pdf(strings), repeat
    )
    ours_rate, bare_rate = pages / ours, pages / bare
    ratio = ours_rate / bare_rate
    print(
        f"convocations_pdf : {pages} pages en {ours:.2f} s, {ours_rate:.0f} pages/s "
        f"({len(pdf) / 1e6:.1f} Mo, sha256 {sha256_of(pdf)[:12]}…)  [cible ≤ 3 s]"
    )
    print(f"canevas nu       : {pages} pages en {bare:.2f} s, {bare_rate:.0f} pages/s")
    print(f"rapport          : {ratio:.2f}  [cible ≥ 0,50]")


def transcripts(count: int, repeat: int) -> None:
    header = sample_header()
    rows = sample_result_rows(count, final=True)
    lines = list(LINES)
    day = date(2026, 7, 10)
    transcripts_pdf(header, lines, rows[:2], day)  # warm-up
    strings = [releve_strings(header, lines, row) for row in rows]
    bare_canvas_pdf(strings[:2])

    ours, bare, pdf = paired(
        lambda: transcripts_pdf(header, lines, rows, day), lambda: bare_canvas_pdf(strings), repeat
    )
    ours_rate, bare_rate = count / ours, count / bare
    print(
        f"transcripts_pdf  : {count} relevés en {ours:.2f} s, {ours_rate:.0f} pages/s "
        f"({len(pdf) / 1e6:.1f} Mo)  [cible ≥ 300 pages/s]"
    )
    print(f"canevas nu       : {count} pages en {bare:.2f} s, {bare_rate:.0f} pages/s")
    print(f"rapport          : {ours_rate / bare_rate:.2f}  [cible ≥ 0,50]")


def deliberation(count: int, repeat: int) -> None:
    data = sample_deliberation(count, final=True)
    deliberation_pdf(sample_deliberation(5, final=True))  # warm-up
    ours, pdf = timed(lambda: deliberation_pdf(data), repeat)
    print(
        f"deliberation_pdf : PV de {count} candidats en {ours:.2f} s "
        f"({len(pdf) / 1e6:.1f} Mo)  [cible ≤ 2 s]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=500, help="convocations")
    parser.add_argument("--releves", type=int, default=2000)
    parser.add_argument("--pv", type=int, default=2000, help="candidats du PV")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    register_fonts()
    convocations(args.pages, args.repeat)
    transcripts(args.releves, args.repeat)
    deliberation(args.pv, args.repeat)
    print("médianes de", args.repeat, "passages")


def printing_row() -> None:
    """500 convocations printed through the app's print path into a private cups-pdf queue
    (benchmarks/printing.py; target: spooled in ≤ 10 s)."""
    from printing import print_convocations  # benchmarks/printing.py, beside this file

    print_convocations(500, repeat=1)


if __name__ == "__main__":
    main()
    printing_row()
