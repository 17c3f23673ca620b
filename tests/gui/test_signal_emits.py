"""A jury day emits hundreds of thousands of Qt signals (every grade repaints rows). PySide6
6.12.0 dropped a reference to True on each emit from Python and aborted the interpreter after
about 20,000 emits; this guards the pinned version against that."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal(list)

app = QCoreApplication([])
source = Source()
received = []
source.changed.connect(lambda rows: received.append(rows[0]))
for row in range(60_000):
    source.changed.emit([row])
assert len(received) == 60_000
print("ok")
"""


def test_sixty_thousand_emits_do_not_crash_the_interpreter():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"
