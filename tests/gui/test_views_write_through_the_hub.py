"""No view writes to a store: every write of btsdesk/gui goes through the hub to
btsdesk.app (JurySession, app.planning …), which checks the rules first and says what changed
(design.md: "app/ is the only code that writes a file")."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import btsdesk.gui
from btsdesk.store.class_file import ClassStore
from btsdesk.store.session import SessionStore

# The writing methods of SessionStore and ClassStore, by name (a view opening a write
# transaction is one too).
WRITES = re.compile(
    r"(set|add|apply|record|remove)_\w+|authorise|examine_livret|restore"
    r"|transaction|writing"
)
# What a view may call on a store to show it (where JurySession has no accessor yet).
READS = {
    "audit_head",
    "audit_log",
    "authorisations",
    "candidate",
    "candidate_grades",
    "candidates",
    "close",
    "create",
    "decision_basis",
    "decisions",
    "declined",
    "details",
    "documents",
    "evaluator",
    "follow_ups",
    "followed",
    "grade_origin_years",
    "grades",
    "grades_of",
    "history",
    "image",
    "jury_members",
    "migrations",
    "observations",
    "open",
    "oral_schedule",
    "oral_setup",
    "orals",
    "outcomes",
    "proposals",
    "recorded_operator",
    "reglement_data",
    "rules",
    "stale_decisions",
    "decision_records",
    "student",
    "students",
    "verify",
    "head_problems",
    "replay_problems",
    "uid",
}  # issue 13: readers
# Converted by the other GUI engineer, in parallel (branch gui-b): drop them from this set
# once class_window.py and assistant.py write through btsdesk.app too.
NOT_YET = {"class_window.py", "assistant.py"}


def _store_writes(source: str) -> list[tuple[int, str]]:
    """Calls ``<…>.store.write(…)`` or ``store.write(…)`` (a local alias) in a module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        named_store = (isinstance(owner, ast.Attribute) and owner.attr == "store") or (
            isinstance(owner, ast.Name) and owner.id == "store"
        )
        if named_store and WRITES.fullmatch(node.func.attr):
            found.append((node.lineno, ast.unparse(node.func)))
    return found


def test_every_store_method_is_a_known_reader_or_caught_as_a_write():
    for store in (SessionStore, ClassStore):
        methods = {
            name
            for name, member in inspect.getmembers(store)
            if not name.startswith("_") and callable(member)
        }
        unknown = {name for name in methods if name not in READS and not WRITES.fullmatch(name)}
        assert unknown == set(), f"{store.__name__}: say whether these write: {unknown}"
    assert WRITES.fullmatch("set_image")
    assert WRITES.fullmatch("record_document")
    assert not any(WRITES.fullmatch(name) for name in READS)


def test_the_scan_finds_a_store_write():
    assert _store_writes(
        "self.hub.service.store.set_image('logo', b'')\n"
        "store = x.store\nstore.set_schedule([])\n"
        "x.store.documents()\n"
    ) == [(1, "self.hub.service.store.set_image"), (3, "store.set_schedule")]


def test_no_view_writes_to_a_store():
    folder = Path(btsdesk.gui.__file__).parent
    found = {
        path.name: writes
        for path in sorted(folder.glob("*.py"))
        if path.name not in NOT_YET and (writes := _store_writes(path.read_text(encoding="utf-8")))
    }
    assert found == {}, f"écritures directes dans un store (passer par hub.act) : {found}"
