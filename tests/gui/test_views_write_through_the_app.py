"""No view writes to a store (design.md: the application layer is the only code that writes
a file): the window's modules call ``btsdesk.app`` (through the hub for a session), never a
store's writing methods."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import btsdesk.gui

GUI = Path(btsdesk.gui.__file__).parent
VIEWS = (
    "deliberation_view",
    "deliberation_model",
    "main_window",
    "grade_grid",
    "distribution",
    "class_window",
    "assistant",
    "importing",
    "widgets",
)
WRITES = re.compile(
    r"\b\w*[sS]tore\w*\s*\.\s*(?:add_\w+|set_\w+|apply_\w+|record_\w+|"
    r"remove_\w+|examine_livret|authorise|restore|transaction|create)\s*\("
)


@pytest.mark.parametrize("name", VIEWS)
def test_the_view_does_not_write_to_a_store(name):
    source = (GUI / f"{name}.py").read_text(encoding="utf-8")
    found = [line.strip() for line in source.splitlines() if WRITES.search(line)]
    assert not found, found


FILE_WRITES = re.compile(
    r"\bshutil\.(?:copy\w*|move)\(|\.write_(?:bytes|text)\(|\bwrite_durably\(|"
    r"\bopen\([^)]*['\"][wax]b?['\"]"
)


def test_no_module_of_the_window_writes_a_file_itself():
    """Files are written by btsdesk.app (whole or not at all, owner-only); the window asks
    it. (Qt's own printing to a PDF file is Qt's, not ours; the first-paint probe of
    benchmarks/gui.py is not a user's file.)"""
    found = [
        f"{path.name}: {line.strip()}"
        for path in sorted(GUI.glob("*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if FILE_WRITES.search(line) and "# benchmark probe" not in line
    ]
    assert not found, found
