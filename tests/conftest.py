"""Shared test set-up. Qt runs offscreen unless a display is explicitly chosen: without a
display and without the offscreen platform the interpreter aborts (machine.md)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worked_example_path() -> Path:
    return ROOT / "tests" / "data" / "worked_example.json"
