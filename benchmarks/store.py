"""Session-file figures of issue 3, on this machine:

- one grade save (one transaction, one audit entry, full sync): median ms, target ≤ 10 ms;
- import of a 5,000-candidate grade sheet (preview + all-or-nothing write): target ≤ 3 s;
- opening a 5,000-candidate session and computing every result: target ≤ 1 s.

    .venv/bin/python benchmarks/store.py [--candidates N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from btsdesk.app.demo import LINES, demo_reglement, demo_session
from btsdesk.app.imports import apply_preview, preview_file
from btsdesk.store.session import Candidate, SessionDetails, SessionStore


def build_session(path: Path, count: int) -> list[dict]:
    demo = demo_session(count, seed=11)
    with SessionStore.create(
        path,
        reglement=demo_reglement(),
        details=SessionDetails(year=2026, specialty_code="MCO", regime="2022"),
        operator="bench",
    ) as store:
        store.add_candidates(
            [
                Candidate(c["number"], c["surname"], c["given_name"], category=c["category"])
                for c in demo["candidates"]
            ],
            source="bench",
        )
    return demo["candidates"]


def grade_sheet(path: Path, candidates: list[dict]) -> None:
    rows = ["N° candidat;Nom;" + ";".join(LINES)]
    for c in candidates:
        rows.append(
            f"{c['number']};{c['surname']};" + ";".join(c["grades"].get(line, "") for line in LINES)
        )
    path.write_text("\n".join(rows) + "\n", encoding="cp1252", errors="replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=5000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="btsdesk-bench-"))
    session = folder / "bench.btsdesk"
    candidates = build_session(session, args.candidates)
    sheet = folder / "notes.csv"
    grade_sheet(sheet, candidates)

    with SessionStore.open(session, backup=False, operator="bench") as store:
        start = time.perf_counter()
        preview = preview_file(store, sheet, "notes")
        summary = apply_preview(store, preview, source=sheet.name)
        imported = time.perf_counter() - start
    print(
        f"import d'un relevé de {args.candidates} candidats : {imported:.2f} s "
        f"(objectif ≤ 3 s) — {summary}"
    )

    with SessionStore.open(session, backup=False, operator="bench") as store:
        numbers = [c.number for c in store.candidates()[:200]]
        times = []
        for index, number in enumerate(numbers):
            start = time.perf_counter()
            store.set_grade(number, "E1", 500 + index)
            times.append((time.perf_counter() - start) * 1000)
    print(
        f"enregistrement d'une note : médiane {statistics.median(times):.2f} ms, "
        f"max {max(times):.2f} ms sur {len(times)} (objectif ≤ 10 ms)"
    )

    opening = []
    for _ in range(5):
        start = time.perf_counter()
        with SessionStore.open(session, operator="bench") as store:
            evaluator = store.evaluator()
            results = [evaluator.evaluate_recorded(c) for c in store.candidate_grades()]
        opening.append(time.perf_counter() - start)
    print(
        f"ouverture + calcul de {len(results)} résultats : médiane "
        f"{statistics.median(opening):.2f} s (objectif ≤ 1 s ; sans écriture, donc sans "
        "sauvegarde d'ouverture)"
    )

    first_writes = []
    for index in range(5):
        with SessionStore.open(session, operator="bench") as store:
            number = store.candidates()[0].number
            start = time.perf_counter()
            store.set_grade(number, "E1", 600 + index)  # the opening backup is taken here
            first_writes.append((time.perf_counter() - start) * 1000)
    print(
        "première note après l'ouverture (sauvegarde d'ouverture comprise) : médiane "
        f"{statistics.median(first_writes):.0f} ms"
    )


if __name__ == "__main__":
    main()
