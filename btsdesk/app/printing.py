"""Printing a produced PDF through the system's printing (CUPS, with its `lp` command): the
PDF itself is sent, vector pages with their text, each page in its own orientation as drawn
(a landscape PV page stays landscape at full size; CUPS turns it on the sheet). What the
user chose in the print dialog arrives here as a plain ``PrintOptions`` record.

Where CUPS is absent (Windows) or ``BTSDESK_IMPRESSION=pdfium`` is set, the window renders
the pages itself instead (gui/pdf_pages.py). `lp` rather than pycups: pycups needs a
compiler to install, `lp` comes with every CUPS client."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from btsdesk.store.files import write_durably

FORCE_VARIABLE = "BTSDESK_IMPRESSION"
FORCE_PDFIUM = "pdfium"
SIDES = ("one-sided", "two-sided-long-edge", "two-sided-short-edge")
LP_TIMEOUT = 120.0  # seconds: spooling a few MB over a local socket takes well under one


class PrintingError(Exception):
    """Printing refused or failed; the message is French and says what to do."""


@dataclass(frozen=True)
class PrintOptions:
    """What the print dialog asked for. ``pages``: 0-based page indexes, None for all;
    ``sides``: one of SIDES, None for the printer's own setting; ``printer`` None: the
    system's default printer."""

    title: str
    printer: str | None = None
    copies: int = 1
    pages: tuple[int, ...] | None = None
    sides: str | None = None
    collate: bool = True


@dataclass(frozen=True)
class PrintJob:
    job_id: str  # as CUPS names it, e.g. « pdf-12 »
    printer: str | None


def job_title(name: str, pages: int) -> str:
    """« btsdesk — Convocations (12 pages) »: what the printer's queue and its banner show."""
    return f"btsdesk — {name} ({pages} page{'s' if pages > 1 else ''})"


def forced_pdfium(environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    return environ.get(FORCE_VARIABLE, "").strip().lower() == FORCE_PDFIUM


def cups_ready(environ: Mapping[str, str] | None = None) -> bool:
    """True where the PDF can go to CUPS: `lp` installed, a CUPS scheduler answering, and
    the PDFium fallback not forced."""
    if forced_pdfium(environ) or shutil.which("lp") is None or shutil.which("lpstat") is None:
        return False
    try:
        answer = subprocess.run(
            ["lpstat", "-r"],
            capture_output=True,
            text=True,
            timeout=10,
            env=_c_locale(environ),
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return answer.stdout.strip() == "scheduler is running"


def page_ranges(pages: Sequence[int]) -> str:
    """0-based indexes as CUPS page ranges, 1-based: [0, 1, 2, 4] → « 1-3,5 »."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ",".join(
        f"{first + 1}" if first == last else f"{first + 1}-{last + 1}" for first, last in runs
    )


def lp_arguments(options: PrintOptions) -> list[str]:
    """The `lp` command line for ``options``; the PDF comes on its standard input. No
    orientation option: each page is printed as drawn (CUPS turns landscape pages)."""
    if options.copies < 1:
        raise PrintingError("nombre d'exemplaires invalide : 1 au moins")
    if options.sides is not None and options.sides not in SIDES:
        raise PrintingError(f"recto verso « {options.sides} » inconnu")
    arguments = ["lp"]
    if options.printer:
        arguments += ["-d", options.printer]
    arguments += ["-t", options.title, "-n", str(options.copies)]
    if options.pages is not None:
        if not options.pages:
            raise PrintingError("aucune page à imprimer")
        arguments += ["-P", page_ranges(options.pages)]
    if options.sides is not None:
        arguments += ["-o", f"sides={options.sides}"]
    arguments += ["-o", f"collate={'true' if options.collate else 'false'}"]
    arguments.append("-")  # the PDF on stdin: no temporary copy of names and grades on disk
    return arguments


def send_pdf(
    data: bytes,
    options: PrintOptions,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    environ: Mapping[str, str] | None = None,
) -> PrintJob | None:
    """Hand the PDF to CUPS; returns once CUPS has accepted the job (spooled). Cancelling
    while `lp` runs stops it and withdraws the job if CUPS had already taken it: then
    None, nothing left in the queue."""
    arguments = lp_arguments(options)
    if cancelled():
        return None
    try:
        process = subprocess.Popen(
            arguments,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_c_locale(environ),
        )
    except OSError as exc:
        raise PrintingError(
            f"impression impossible : la commande « lp » de CUPS ne démarre pas ({exc})"
        ) from None
    try:
        out, err = _communicate(process, data, cancelled)
    except InterruptedError:
        _withdraw(process, environ)
        return None
    job = re.search(r"request id is (\S+)", out.decode("utf-8", "replace"))
    if process.returncode != 0 or job is None:
        raise PrintingError(_french(err.decode("utf-8", "replace"), options, environ))
    return PrintJob(job.group(1), options.printer)


def save_pdf(data: bytes, path: Path) -> Path:
    """« Enregistrer en PDF » : the document written whole, never half (owner-only: it holds
    names and grades)."""
    return write_durably(path, data)


def save_pages(data: bytes, pages: Sequence[int], path: Path) -> Path:
    """« Imprimer dans un fichier » : the chosen pages of the PDF itself, written whole
    (owner-only: it holds names and grades)."""
    import pypdfium2 as pdfium  # no type information: see [tool.mypy] in pyproject.toml

    source = pdfium.PdfDocument(data)
    extract = pdfium.PdfDocument.new()
    try:
        if list(pages) == list(range(len(source))):
            return write_durably(path, data)
        extract.import_pages(source, list(pages))
        buffer = io.BytesIO()
        extract.save(buffer)
    finally:
        extract.close()
        source.close()
    return write_durably(path, buffer.getvalue())


def _communicate(
    process: subprocess.Popen[bytes], data: bytes, cancelled: Callable[[], bool]
) -> tuple[bytes, bytes]:
    """Feed the PDF from a thread while reading `lp`'s answer, checking for a cancel every
    fraction of a second. Not through ``communicate``'s input: a retry resumes its reading,
    not its writing, so a PDF larger than the pipe that `lp` had not read within the first
    wait stayed half-sent, and `lp` waited for the rest until the time limit."""
    pipe, process.stdin = process.stdin, None  # ours to write and close; communicate reads
    feeder = threading.Thread(target=_feed, args=(pipe, data), daemon=True)
    feeder.start()
    deadline = time.monotonic() + LP_TIMEOUT
    while True:
        try:
            out, err = process.communicate(timeout=0.2)
            feeder.join()  # `lp` has ended: its input is closed, the thread done
            return out, err
        except subprocess.TimeoutExpired:
            if cancelled():
                raise InterruptedError from None  # `lp` killed: the thread ends
            if time.monotonic() > deadline:
                process.kill()
                process.communicate()
                raise PrintingError(
                    "impression impossible : CUPS n'a pas accepté le travail en "
                    f"{LP_TIMEOUT:.0f} secondes ; vérifiez le service d'impression"
                ) from None


def _feed(pipe: IO[bytes] | None, data: bytes) -> None:
    """The whole PDF written to `lp`, then its input closed (the end of the document)."""
    if pipe is None:
        return
    try:
        with pipe:
            pipe.write(data)
    except OSError:  # BrokenPipeError: `lp` stopped (refused, cancelled): it says why
        pass


def _withdraw(process: subprocess.Popen[bytes], environ: Mapping[str, str] | None) -> None:
    """Stop `lp`; a job CUPS already accepted is cancelled."""
    process.kill()
    out, _err = process.communicate()
    job = re.search(r"request id is (\S+)", out.decode("utf-8", "replace"))
    if job is not None and shutil.which("cancel") is not None:
        subprocess.run(
            ["cancel", job.group(1)],
            capture_output=True,
            timeout=10,
            env=_c_locale(environ),
            check=False,
        )


def _french(error: str, options: PrintOptions, environ: Mapping[str, str] | None) -> str:
    """`lp`'s English complaint (run in the C locale, so it can be read) said in French."""
    printer = f"« {options.printer} »" if options.printer else "par défaut"
    if "does not exist" in error or "No default destination" in error:
        if not cups_ready(environ):
            return (
                "impression impossible : le service d'impression (CUPS) ne répond pas — "
                "démarrez-le (ou redémarrez l'ordinateur) puis recommencez"
            )
        if not options.printer:
            return (
                "impression impossible : aucune imprimante par défaut — choisissez une "
                "imprimante dans la fenêtre d'impression"
            )
        return (
            f"impression impossible : l'imprimante {printer} n'existe pas (ou plus) — "
            "choisissez-en une autre dans la fenêtre d'impression"
        )
    if "not accepting jobs" in error:
        return (
            f"impression impossible : l'imprimante {printer} refuse les travaux "
            "(mise hors service) — choisissez-en une autre ou faites-la remettre en service"
        )
    if "Unable to connect" in error or "scheduler" in error.lower():
        return (
            "impression impossible : le service d'impression (CUPS) ne répond pas — "
            "démarrez-le (ou redémarrez l'ordinateur) puis recommencez"
        )
    detail = error.strip().removeprefix("lp:").strip() or "sans explication"
    return f"impression impossible : CUPS a refusé le travail ({detail})"


def _c_locale(environ: Mapping[str, str] | None) -> dict[str, str]:
    """The environment for CUPS's commands, in the C locale so their messages can be
    recognised (the user reads them in French from _french)."""
    env = dict(os.environ if environ is None else environ)
    env["LC_ALL"] = "C"
    env["LANG"] = "C"
    env.pop("LANGUAGE", None)
    return env
