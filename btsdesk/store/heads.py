"""The audit log's head kept outside the session file: on each close (and around a restore),
btsdesk writes the last entry's number and SHA-256 under the session's identifier, in the
user's data folder (``$XDG_DATA_HOME/btsdesk/journaux.txt``, ``%APPDATA%\\btsdesk`` on
Windows). ``btsdesk verify`` and the window's opening then check that the file's log still
reaches that entry with that hash: rewriting the log inside the file — deleting its last
entries, or editing one and recomputing the chain — no longer goes unseen on this computer.

It protects against an edit of the file made after btsdesk closed it, on this computer's
account; not against an edit of this folder too, nor on another computer (the paper PV,
which prints the head, is the witness there)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from btsdesk.store.files import write_durably

NAME = "journaux.txt"
KEEP = 5000  # sessions remembered, the most recently closed (a line is about 110 bytes)
Head = tuple[int, str]


def data_dir() -> Path:
    base = os.environ.get("BTSDESK_DATA") or os.environ.get("XDG_DATA_HOME")
    if not base and sys.platform == "win32":  # pragma: no cover
        base = os.environ.get("APPDATA")
    return Path(base or Path.home() / ".local" / "share") / "btsdesk"


def heads_file() -> Path:
    return data_dir() / NAME


def _read() -> dict[str, list[Head]]:
    found: dict[str, list[Head]] = {}
    try:
        text = heads_file().read_text(encoding="utf-8")
    except OSError:
        return found
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3 or len(parts) % 2 == 0:
            continue
        uid, rest = parts[0], parts[1:]
        with contextlib.suppress(ValueError):
            found[uid] = [(int(rest[i]), rest[i + 1]) for i in range(0, len(rest), 2)]
    return found


def recorded(uid: str) -> list[Head]:
    """The heads seen last for this session (two only while a restore was in progress:
    the file may be at either)."""
    return _read().get(uid, []) if uid else []


def record(uid: str, heads: Sequence[Head]) -> None:
    """Keep ``heads`` as the last seen for ``uid`` (one line per session identifier)."""
    if not uid:
        return
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _exclusive(folder / (NAME + ".verrou")):
        table = _read()
        table.pop(uid, None)
        table[uid] = list(heads)  # last: the most recently closed session
        lines = [
            " ".join([key, *(f"{number} {digest}" for number, digest in value)])
            for key, value in list(table.items())[-KEEP:]
        ]
        write_durably(heads_file(), ("\n".join(lines) + "\n").encode("utf-8"))


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Two btsdesk closing at once do not lose each other's line."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
