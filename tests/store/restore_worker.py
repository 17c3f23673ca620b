"""Keeps restoring one backup and saving a grade after it, printing each step once it is
committed, until killed. Used by test_restore.py (issue 13: a restore and its log entry are
one transaction)."""

from __future__ import annotations

import sys
from pathlib import Path

from btsdesk.store.session import SessionStore


def main() -> None:
    path, backup, start = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    store = SessionStore.open(path, operator="robot", backup=False)
    print("open", flush=True)
    index = start
    while True:
        safety = store.restore(backup)
        print("restored", flush=True)
        safety.unlink()  # keep the folder small: the test restores hundreds of times
        store.set_grade("0002", "E3", index % 2001)
        print(index, flush=True)
        index += 1


if __name__ == "__main__":
    main()
