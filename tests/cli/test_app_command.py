"""`btsdesk` without a command opens the window, or says clearly why it cannot."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, "-m", "btsdesk", *args],
        capture_output=True,
        text=True,
        env={**clean, **env},
        timeout=60,
        check=False,
    )


def test_without_a_display_prints_a_french_message_and_the_help():
    done = _run()
    assert done.returncode == 0
    assert "aucun affichage graphique trouvé" in done.stderr
    assert "evaluate" in done.stdout
    assert "utilisation : btsdesk" in done.stdout


def test_an_invalid_session_file_is_refused_before_any_window(tmp_path):
    broken = tmp_path / "session.json"
    broken.write_text('{"regime": "2030", "specialty": {}, "candidates": []}', encoding="utf-8")
    done = _run("gui", str(broken), QT_QPA_PLATFORM="offscreen")
    assert done.returncode == 2
    assert "régime « 2030 » inconnu" in done.stderr
