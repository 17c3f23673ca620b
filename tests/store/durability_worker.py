"""Keeps saving grades into a session and prints the index of each save once it is
committed, until killed. Used by test_durability.py."""

from __future__ import annotations

import sys
from pathlib import Path

from btsdesk.store.session import SessionStore

KEYS = [("0001", "E1"), ("0001", "E21"), ("0002", "E3"), ("0002", "E5"), ("0001", "E6")]


def value(index: int) -> int:
    return (index * 37 + 11) % 2001


def main() -> None:
    path, start = Path(sys.argv[1]), int(sys.argv[2])
    store = SessionStore.open(path, operator="robot", backup=False)
    print("open", flush=True)
    index = start
    while True:
        number, line = KEYS[index % len(KEYS)]
        store.set_grade(number, line, value(index))
        print(index, flush=True)  # acknowledged: the transaction has committed
        index += 1


if __name__ == "__main__":
    main()
