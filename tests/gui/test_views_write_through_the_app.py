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
