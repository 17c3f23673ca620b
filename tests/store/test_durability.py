"""Nothing is lost: a process that keeps saving grades is killed (SIGKILL) at random moments,
50 times; after each kill the file is intact, every acknowledged grade is there, and the
audit log verifies (issue 3, "Done when")."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from btsdesk.store.session import SessionStore
from tests.store.durability_worker import KEYS, value

KILLS = 50
WORKER = Path(__file__).with_name("durability_worker.py")


def _run_and_kill(path: Path, start: int, delay: float, after_open: bool) -> list[str]:
    """Kills the worker ``delay`` seconds after its start, or after it opened the file
    (``after_open``: a loaded machine can take longer than any fixed delay to start it)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(path), str(start)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: list[str] = []
    opened = threading.Event()

    def read() -> None:
        for line in worker.stdout:
            lines.append(line)
            if line.strip() == "open":
                opened.set()
        opened.set()  # the worker ended: nothing more to wait for

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if after_open:
        opened.wait(timeout=60)
    time.sleep(delay)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    reader.join(timeout=30)
    worker.stdout.close()
    return [line.strip() for line in lines]


def _expected(acknowledged: list[int]) -> dict[tuple[str, str], set[int | None]]:
    """For each key: the value of its last acknowledged save, or the one in flight."""
    last_values: dict[tuple[str, str], int | None] = {key: None for key in KEYS}
    for index in acknowledged:
        last_values[KEYS[index % len(KEYS)]] = value(index)
    return {key: {v} for key, v in last_values.items()}


def test_sigkill_at_random_moments_loses_nothing_acknowledged(session_path):
    rng = random.Random(20261122)
    acknowledged: list[int] = []
    next_index = 0
    kills_in_loop = 0
    for kill in range(KILLS):
        # Every other kill from the process start ("while starting up" included), the others
        # once the file is open ("inside the saving loop"), whatever the machine's load.
        after_open = kill % 2 == 1
        delay = rng.uniform(0.02, 0.3) if after_open else rng.uniform(0.05, 0.7)
        lines = _run_and_kill(session_path, next_index, delay, after_open)
        done = [int(line) for line in lines if line.isdigit()]
        kills_in_loop += bool(done)
        acknowledged += done
        in_flight = next_index + len(done)  # may have committed without its ack

        with SessionStore.open(session_path, backup=False) as store:
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert store.verify() == []
            grades = store.grades()
            allowed = _expected(acknowledged)
            key = KEYS[in_flight % len(KEYS)]
            allowed[key] = allowed[key] | {value(in_flight)}
            for (number, line), values in allowed.items():
                assert grades.get(number, {}).get(line) in values, (number, line)
            saves = sum(1 for e in store.audit_log() if e.operator == "robot")
            assert saves in (len(acknowledged), len(acknowledged) + 1)
            next_index = in_flight + (saves - len(acknowledged))
            if saves > len(acknowledged):  # the in-flight save did commit
                acknowledged.append(in_flight)
    assert kills_in_loop >= KILLS // 2  # most kills hit the saving loop, not the start-up
    assert len(acknowledged) > KILLS
