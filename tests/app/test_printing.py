"""Printing through CUPS (issue 11): the PDF itself goes to the queue — text kept, each page
in its own orientation at full size, the job titled — with what the print dialog chose.
A private cupsd with a cups-pdf queue stands for the printer (tests/cups_sandbox.py)."""

from __future__ import annotations

import re
import statistics
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from btsdesk.app import documents, printing
from btsdesk.app.printing import PrintingError, PrintOptions
from btsdesk.documents.convocation import convocations_pdf
from btsdesk.documents.sample import sample_convocations, sample_header
from tests.app.played import to_orals

# -- the lp command line, from the options record (no CUPS needed) ------------------------------


def test_the_job_title_names_the_document_and_its_pages():
    assert printing.job_title("Convocations", 12) == "btsdesk — Convocations (12 pages)"
    assert printing.job_title("Relevés de notes", 1) == "btsdesk — Relevés de notes (1 page)"


def test_page_indexes_become_cups_ranges_counted_from_one():
    assert printing.page_ranges([0, 1, 2, 4]) == "1-3,5"
    assert printing.page_ranges([7]) == "8"
    assert printing.page_ranges([5, 3, 4, 9, 10]) == "4-6,10-11"


def test_the_dialogs_choices_become_lp_options():
    options = PrintOptions(
        title="btsdesk — PV de délibération (final) (3 pages)",
        printer="salle-jury",
        copies=2,
        pages=(1, 2, 3),
        sides="two-sided-long-edge",
        collate=False,
    )
    assert printing.lp_arguments(options) == [
        "lp",
        *("-d", "salle-jury"),
        *("-t", "btsdesk — PV de délibération (final) (3 pages)"),
        *("-n", "2"),
        *("-P", "2-4"),
        *("-o", "sides=two-sided-long-edge"),
        *("-o", "collate=false"),
        "-",
    ]


def test_all_pages_on_the_default_printer_as_drawn():
    arguments = printing.lp_arguments(PrintOptions(title="btsdesk — Convocations (1 page)"))
    assert arguments == [
        "lp",
        *("-t", "btsdesk — Convocations (1 page)"),
        *("-n", "1"),
        *("-o", "collate=true"),
        "-",
    ]
    # Each page keeps the orientation it is drawn in: no orientation, no scaling.
    assert not any("landscape" in a or "orientation" in a or "fit" in a for a in arguments)


def test_impossible_choices_are_refused_in_french():
    with pytest.raises(PrintingError, match="exemplaires"):
        printing.lp_arguments(PrintOptions(title="t", copies=0))
    with pytest.raises(PrintingError, match="aucune page"):
        printing.lp_arguments(PrintOptions(title="t", pages=()))


def test_the_pdfium_fallback_can_be_forced():
    assert printing.forced_pdfium({"BTSDESK_IMPRESSION": "pdfium"})
    assert not printing.cups_ready({"BTSDESK_IMPRESSION": "PDFium", "PATH": "/usr/bin"})
    assert not printing.forced_pdfium({})


def test_a_print_server_that_does_not_answer_is_said_in_french(tmp_path: Path):
    if not printing.shutil.which("lp"):
        pytest.skip("CUPS absent : pas de commande lp")
    environ = {"PATH": "/usr/bin:/bin", "CUPS_SERVER": str(tmp_path / "absent.sock")}
    assert not printing.cups_ready(environ)
    with pytest.raises(PrintingError) as refused:
        printing.send_pdf(b"%PDF-1.4", PrintOptions(title="t", printer="pdf"), environ=environ)
    assert str(refused.value).startswith("impression impossible : le service d'impression")


# -- a real queue --------------------------------------------------------------------------


def _orientation(path: Path) -> list[str]:
    """How each page reads, as printed: « paysage » when its lines run along the long side
    of the page as shown (pypdf: media box turned by /Rotate). A PostScript queue either
    turns a landscape page with /Rotate (shown wide, lines across) or draws it turned on a
    portrait sheet (shown tall, lines running down): both read as landscape, at full size."""
    shown = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if page.rotation % 180:
            width, height = height, width
        across = sum(1 if w > h else -1 for w, h in _word_boxes(path, number))
        shown.append("paysage" if (width > height) == (across > 0) else "portrait")
    return shown


def _word_boxes(path: Path, page: int) -> list[tuple[float, float]]:
    """Width and height (points, as shown) of the page's words of four letters or more."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
        capture_output=True,
        text=True,
    ).stdout
    return [
        (float(x1) - float(x0), float(y1) - float(y0))
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
            out,
        )
        if len(word) >= 4
    ]


def _words(path: Path, page: int) -> Counter[str]:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
        capture_output=True,
        text=True,
    ).stdout
    return Counter(w for w in re.findall(r"<word [^>]*>([^<]*)<", out) if len(w) > 1)


def _letter_height(path: Path, page: int = 1) -> float:
    """The median height of the lines' letters (the short side of the words' boxes)."""
    return statistics.median(min(w, h) for w, h in _word_boxes(path, page))


def _text(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return [" ".join(page.split()) for page in out.stdout.split("\f")[:-1]]


@pytest.fixture(scope="module")
def forty_convocations() -> bytes:
    return convocations_pdf(sample_header(), sample_convocations(40))


@pytest.fixture(scope="module")
def landscape_pv(tmp_path_factory) -> bytes:
    """The draft PV of a played session (at the orals), landscape A4."""
    folder = tmp_path_factory.mktemp("pv")
    with to_orals(folder / "s.btsdesk", "2022") as session:
        return documents.prepare(session, "pv_premier_groupe", issued_on=date(2026, 7, 3))()


def test_forty_convocations_reach_the_queue_as_text_in_portrait(cups_queue, forty_convocations):
    options = PrintOptions(title=printing.job_title("Convocations", 40), printer=cups_queue.queue)
    job = printing.send_pdf(forty_convocations, options)
    assert job is not None
    assert job.job_id.startswith(f"{cups_queue.queue}-")
    written = cups_queue.output_of(job.job_id)
    assert len(PdfReader(written).pages) == 40
    assert _orientation(written) == ["portrait"] * 40
    pages = _text(written)
    assert len(pages) == 40
    letters = sample_convocations(40)
    for page, letter in zip(pages, letters, strict=True):
        assert "Convocation aux épreuves de contrôle" in page  # text, accents kept
        assert letter.identity.number in page
        assert letter.identity.surname.upper() in page
    original = len(forty_convocations)
    assert written.stat().st_size <= 3 * original, (written.stat().st_size, original)
    assert cups_queue.logged(job.job_id)["title"] == "btsdesk — Convocations (40 pages)"


def test_the_landscape_pv_stays_landscape_at_full_size(cups_queue, landscape_pv):
    sent = _write(cups_queue.folder / "pv-envoye.pdf", landscape_pv)
    count = len(PdfReader(sent).pages)
    assert count >= 2
    assert _orientation(sent) == ["paysage"] * count
    title = printing.job_title("PV de délibération (premier groupe)", count)
    job = printing.send_pdf(landscape_pv, PrintOptions(title=title, printer=cups_queue.queue))
    assert job is not None
    written = cups_queue.output_of(job.job_id)
    assert len(PdfReader(written).pages) == count
    assert _orientation(written) == ["paysage"] * count
    # Full size: its letters as tall as drawn (a landscape page fitted to a portrait sheet
    # would print them at 71 %).
    assert _letter_height(written) == pytest.approx(_letter_height(sent), rel=0.03)
    # Every word of every page is there as text, accents included (the outlined « PROJET »
    # of the draft, R24b, may come as drawn letters: single letters are left out).
    for number in range(1, count + 1):
        assert _words(written, number) == _words(sent, number), number
    assert "Projet de procès-verbal de délibération" in _text(written)[0]
    assert written.stat().st_size <= 3 * len(landscape_pv)
    assert cups_queue.logged(job.job_id)["title"] == title


def test_copies_range_and_duplex_as_chosen(cups_queue, landscape_pv):
    options = PrintOptions(
        title=printing.job_title("PV de délibération (premier groupe)", 2),
        printer=cups_queue.queue,
        copies=2,
        pages=(0, 1),
        sides="two-sided-short-edge",
    )
    job = printing.send_pdf(landscape_pv, options)
    assert job is not None
    reader = PdfReader(cups_queue.output_of(job.job_id))
    assert len(reader.pages) == 4  # pages 1-2, twice
    logged = cups_queue.logged(job.job_id)
    assert logged["copies"] == "2"
    assert logged["sides"] == "two-sided-short-edge"


def test_an_unknown_printer_is_named_in_french(cups_queue, forty_convocations):
    with pytest.raises(PrintingError) as refused:
        printing.send_pdf(forty_convocations, PrintOptions(title="t", printer="salle-B12"))
    assert str(refused.value) == (
        "impression impossible : l'imprimante « salle-B12 » n'existe pas (ou plus) — "
        "choisissez-en une autre dans la fenêtre d'impression"
    )


def test_cancelled_before_spooling_leaves_nothing_queued(cups_queue, forty_convocations):
    def jobs() -> list[str]:
        listed = subprocess.run(
            ["lpstat", "-W", "all", "-o", cups_queue.queue], capture_output=True, text=True
        )
        return listed.stdout.splitlines()

    before = jobs()
    options = PrintOptions(title="annulé", printer=cups_queue.queue)
    assert printing.send_pdf(forty_convocations, options, cancelled=lambda: True) is None
    assert jobs() == before


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
