"""Time from launch to the first painted main window, of the bundle or of any command.

    python3 packaging/first_paint.py [--cold] [--runs N] [COMMAND ...]

Without a command, measures dist/btsdesk/btsdesk (the bundle of packaging/build.sh). The window
is offscreen unless QT_QPA_PLATFORM says otherwise. btsdesk/gui/app.py writes the time of its
first paint into the file named by BTSDESK_FIRST_PAINT_FILE, then quits. ``--cold`` empties
the kernel's page cache before each launch (Linux, as root), so that every file of the bundle
is read from the disk again: the start of the day on the school laptop.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def drop_caches() -> None:
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n", encoding="ascii")
    except OSError as exc:
        sys.exit(f"first_paint : --cold demande Linux et les droits root ({exc})")


def launch(command: list[str], probe: Path, *, cold: bool) -> float:
    probe.unlink(missing_ok=True)
    if cold:
        drop_caches()
    env = {**os.environ, "BTSDESK_FIRST_PAINT_FILE": str(probe)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.time()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0 or not probe.exists():
        sys.exit(
            f"first_paint : la fenêtre n'a pas été peinte (code {done.returncode})\n{done.stderr}"
        )
    return float(probe.read_text(encoding="utf-8")) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cold", action="store_true", help="vider le cache disque avant chaque lancement (root)"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("command", nargs="*", default=[str(ROOT / "dist/btsdesk/btsdesk")])
    args = parser.parse_args()
    probe = Path(tempfile.mkdtemp(prefix="btsdesk-first-paint-")) / "first-paint.txt"
    times = sorted(launch(args.command, probe, cold=args.cold) for _ in range(args.runs))
    kind = "à froid (cache disque vidé)" if args.cold else "à chaud"
    shown = ", ".join(f"{t:.2f}" for t in times)
    print(
        f"lancement → première fenêtre peinte, {kind}, {args.runs} lancements : médiane "
        f"{statistics.median(times):.2f} s (min {times[0]:.2f} s, max {times[-1]:.2f} s ; "
        f"{shown})"
    )


if __name__ == "__main__":
    main()
