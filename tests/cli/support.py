"""Running the command line in-process for the tests: exit code, stdout, stderr; a refusal
checked to be exit 2 with one French line on stderr and the session file byte-identical."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from btsdesk.cli import main
from btsdesk.store.backups import backup_dir

ROOT = Path(__file__).resolve().parents[2]
CYCLADES = ROOT / "tests" / "data" / "imports" / "cyclades-liste-simple.csv"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backup_names(session: Path) -> list[str] | None:
    """The files of the session's backups folder (None: no folder)."""
    folder = backup_dir(session)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else None


class Cli:
    """``btsdesk`` on one session file, through ``btsdesk.cli.main`` in-process."""

    def __init__(self, session: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.session = session
        self.capsys = capsys

    def run(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main([args[0], str(self.session), *args[1:]])
        except SystemExit as exit_:  # argparse: a usage error (2) or --help (0)
            code = exit_.code if isinstance(exit_.code, int) else 2
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        """Exit 0 and one French line on stdout saying what was done; returns it."""
        code, out, err = self.run(*args)
        assert (code, err) == (0, ""), f"{args}: {code} {err}"
        lines = out.splitlines()
        assert len(lines) == 1, f"{args}: {out!r}"
        return lines[0]

    def refused(self, *args: str) -> str:
        """Exit 2, nothing on stdout, one French line on stderr, the file unchanged and
        no backup taken (nothing written); returns the line."""
        before = digest(self.session)
        kept = backup_names(self.session)
        code, out, err = self.run(*args)
        assert code == 2, f"{args}: {code} {out} {err}"
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1, f"{args}: {err!r}"
        assert lines[0].startswith("btsdesk : ")
        assert digest(self.session) == before, f"{args}: the file changed"
        assert backup_names(self.session) == kept, f"{args}: a backup was taken"
        return lines[0]

    def results(self) -> dict[str, Any]:
        """``resultats --json``, candidates by number."""
        code, out, err = self.run("resultats", "--json")
        assert (code, err) == (0, "")
        record = json.loads(out)
        record["by_number"] = {c["number"]: c for c in record["candidates"]}
        return record


def subprocess_env() -> dict[str, str]:
    """This checkout's code in a child ``python -m btsdesk`` (the venv's editable install
    may point at another one)."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else "")}


def btsdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "btsdesk", *args],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
        check=False,
    )
