"""Cancelling a print while `lp` runs (issue 11, btsdesk.app.printing.send_pdf): `lp` is
stopped, and a job CUPS had already accepted is withdrawn with `cancel`. A fake `lp` first
on PATH stands for a slow or blocked CUPS (no cupsd needed): it says when it has started,
then never finishes by itself; a fake `cancel` writes down the job it is asked to
withdraw. The test cancels once the fake `lp` has said it started: no timing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from btsdesk.app import printing
from btsdesk.app.printing import PrintOptions

# `lp` as CUPS runs it, but stuck: « spooled » (the PDF read, the job id given) or
# « blocked » (the PDF never read); its pid goes into the marker once it is running. Or
# « late »: the PDF read whole only after btsdesk has waited once, then the job accepted.
FAKE_LP = """#!{python}
import os, sys, time
mode, marker = os.environ["FAKE_LP_MODE"], os.environ["FAKE_LP_MARKER"]
if mode == "late":  # a busy CUPS: reads the PDF only once btsdesk has waited once
    while not os.path.exists(marker + ".go"):
        time.sleep(0.05)
    with open(marker + ".pdf", "wb") as kept:
        kept.write(sys.stdin.buffer.read())
    print("request id is bureau-43 (1 file(s))", flush=True)
    sys.exit(0)
if mode == "spooled":
    received = sys.stdin.buffer.read()
    with open(marker + ".pdf", "wb") as kept:
        kept.write(received)
    print("request id is bureau-42 (1 file(s))", flush=True)
with open(marker + ".tmp", "w") as note:
    note.write(str(os.getpid()))
os.replace(marker + ".tmp", marker)
time.sleep(600)
"""
FAKE_CANCEL = """#!/bin/sh
echo "$@" >> "$FAKE_CANCEL_LOG"
"""


@pytest.fixture
def fake_cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, text in (("lp", FAKE_LP.format(python=sys.executable)), ("cancel", FAKE_CANCEL)):
        script = folder / name
        script.write_text(text, encoding="utf-8")
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LP_MARKER", str(tmp_path / "lp-started"))
    monkeypatch.setenv("FAKE_CANCEL_LOG", str(tmp_path / "cancelled"))
    return tmp_path


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


# A PDF larger than a pipe's buffer (64 KiB): it is still being written when `lp` stalls.
DATA = b"%PDF-1.4\n" + b"0" * 300_000


def test_cancelling_after_cups_took_the_job_withdraws_it(fake_cups, monkeypatch):
    monkeypatch.setenv("FAKE_LP_MODE", "spooled")
    marker = fake_cups / "lp-started"
    options = PrintOptions(title="btsdesk — Convocations (40 pages)", printer="bureau")
    # The user presses « Annuler » once `lp` has handed the job to CUPS and hangs.
    job = printing.send_pdf(DATA, options, cancelled=marker.exists)
    assert job is None  # cancelled: no job to report
    assert (fake_cups / "lp-started.pdf").read_bytes() == DATA  # CUPS had it all…
    assert (fake_cups / "cancelled").read_text().split() == ["bureau-42"]  # …and withdrew it
    assert _gone(int(marker.read_text()))  # `lp` stopped, not left hanging


def test_cancelling_before_cups_answered_stops_lp_and_withdraws_nothing(fake_cups, monkeypatch):
    monkeypatch.setenv("FAKE_LP_MODE", "blocked")
    marker = fake_cups / "lp-started"
    options = PrintOptions(title="btsdesk — PV (3 pages)", printer="bureau")
    assert printing.send_pdf(DATA, options, cancelled=marker.exists) is None
    assert not (fake_cups / "cancelled").exists()  # no job id: nothing to withdraw
    assert _gone(int(marker.read_text()))


def test_a_pdf_that_lp_reads_late_is_still_sent_whole(fake_cups, monkeypatch):
    # `lp` starts reading only after the first wait (a busy CUPS): the rest of the PDF is
    # still sent, then `lp` sees its end and CUPS accepts the job. (Before the fix, only
    # the first 64 KiB went, and `lp` waited for the rest until the time limit.)
    monkeypatch.setenv("FAKE_LP_MODE", "late")
    monkeypatch.setattr(printing, "LP_TIMEOUT", 30.0)  # a failure says so sooner
    go = fake_cups / "lp-started.go"

    asked = []

    def not_cancelled() -> bool:
        asked.append(True)
        if len(asked) > 1:  # asked once before `lp` starts, then after each wait
            go.touch()  # from now on `lp` reads
        return False

    job = printing.send_pdf(
        DATA, PrintOptions(title="btsdesk — PV", printer="bureau"), cancelled=not_cancelled
    )
    assert job == printing.PrintJob("bureau-43", "bureau")
    assert (fake_cups / "lp-started.pdf").read_bytes() == DATA  # all of it
