"""Printing 500 convocations through the app's print path (app/printing.send_pdf, what the
window calls after the print dialog) into a cups-pdf queue of a private cupsd
(tests/cups_sandbox.py, root needed): time until the job is spooled (`lp` returned, CUPS
accepted it; target ≤ 10 s) and until cups-pdf has written its PDF. Prints both, with the
sizes sent and written.

    .venv/bin/python benchmarks/printing.py [--pages N] [--repeat R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.cups_sandbox

from btsdesk.app import printing
from btsdesk.documents.convocation import convocations_pdf
from btsdesk.documents.sample import sample_convocations, sample_header
from tests import cups_sandbox


def print_convocations(pages: int = 500, repeat: int = 3) -> None:
    data = convocations_pdf(sample_header(), sample_convocations(pages))
    try:
        sandbox = cups_sandbox.start()
    except cups_sandbox.SandboxUnavailable as exc:
        print(f"impression : pas de CUPS privé ({exc})")
        return
    spooled, written, sizes = [], [], []
    try:
        environ = sandbox.env()
        options = printing.PrintOptions(
            title=printing.job_title("Convocations", pages), printer=sandbox.queue
        )
        for _ in range(repeat):
            start = time.perf_counter()
            job = printing.send_pdf(data, options, environ=environ)
            spooled.append(time.perf_counter() - start)
            assert job is not None
            output = sandbox.output_of(job.job_id, timeout=900)
            written.append(time.perf_counter() - start)
            sizes.append(output.stat().st_size)
    finally:
        sandbox.stop()
    print(
        f"impression       : {pages} convocations ({len(data) / 1e6:.1f} Mo) confiées à CUPS "
        f"en {statistics.median(spooled):.2f} s  [cible ≤ 10 s] ; PDF écrit par cups-pdf "
        f"en {statistics.median(written):.1f} s ({statistics.median(sizes) / 1e6:.1f} Mo)"
    )
    print(f"médianes de {repeat} passages" if repeat > 1 else "un seul passage")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print_convocations(args.pages, args.repeat)


if __name__ == "__main__":
    main()
