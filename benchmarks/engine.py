"""Rules-engine throughput (issue 2: at least 10,000 candidates/s on this 2-core machine).

A generated 10,000-candidate MCO 2018 session under regime 2021, where every eligible
candidate has both orals, so each evaluation computes the average, the domain averages, the
R12 options, the R17 needed grades and the final result. Prints candidates per second for the
engine alone and for the whole `btsdesk evaluate` path (JSON in, JSON out).

    .venv/bin/python benchmarks/engine.py [--candidates N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from btsdesk.app.demo import demo_session
from btsdesk.core.results import CandidateGrades, Decision, OralChoice
from btsdesk.io.exchange import evaluate_text, read_session


def session_with_orals(count: int) -> dict:
    data = demo_session(count, regime="2021", seed=7)
    session = read_session(data)
    evaluator = session.evaluator()
    rng = random.Random(7)
    eligible = 0
    for raw, candidate in zip(data["candidates"], session.candidates, strict=True):
        result = evaluator.evaluate(candidate)
        if result.decision is Decision.CONTROLE:
            eligible += 1
            raw["orals"] = {
                "general": {"discipline": result.options[0], "grade": str(rng.randint(0, 20))},
                "professional": {"grade": f"{rng.randint(0, 19)},5"},
            }
    print(f"session: {count} candidats, dont {eligible} aux épreuves de contrôle (régime 2021)")
    return data


def best_rate(run, count: int, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return count / min(times), count / statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    data = session_with_orals(args.candidates)
    session = read_session(data)
    candidates: tuple[CandidateGrades, ...] = session.candidates
    assert any(isinstance(c.orals, dict) and c.orals for c in candidates)
    assert all(isinstance(o, OralChoice) for c in candidates if c.orals for o in c.orals.values())

    def engine_only() -> None:
        evaluator = session.evaluator()
        for candidate in candidates:
            evaluator.evaluate(candidate)

    text = json.dumps(data)

    def whole_command() -> None:
        evaluate_text(text)

    for label, run in (("moteur seul", engine_only), ("btsdesk evaluate entier", whole_command)):
        best, median = best_rate(run, len(candidates), args.repeat)
        print(f"{label:24}: {median:10,.0f} candidats/s (médiane), {best:,.0f} (meilleur)")


if __name__ == "__main__":
    main()
