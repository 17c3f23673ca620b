"""The core is pure: it imports neither Qt nor SQL (design.md), checked in a fresh interpreter
where PySide6 and sqlite3 cannot be imported at all."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import btsdesk
import btsdesk.core

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'sqlite3', '_sqlite3', 'sqlite_utils'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlite3', 'sqlite_utils')]
assert not loaded, loaded
print('ok')
"""


def core_modules() -> list[str]:
    return [f"btsdesk.core.{m.name}" for m in pkgutil.iter_modules(btsdesk.core.__path__)]


def test_core_imports_neither_qt_nor_sql():
    modules = core_modules()
    assert "btsdesk.core.engine" in modules
    done = subprocess.run(
        [sys.executable, "-c", BLOCKER, *modules], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_core_imports_nothing_else_of_the_project():
    for source in Path(btsdesk.core.__file__).parent.glob("*.py"):
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.startswith(("import btsdesk", "from btsdesk")):
                assert line.startswith("from btsdesk.core"), f"{source.name}: {line}"


REGIME_BRANCH = re.compile(
    r"""(==|!=|\bin)\s*[(\[{]?\s*["']20(21|22)["']|["']20(21|22)["']\s*(==|!=)"""
)


def test_no_regime_branch_outside_regimes_py():
    """§3: the rest of the app asks a Regime and never hard-codes either one."""
    package = Path(btsdesk.__file__).parent
    found = []
    for source in package.rglob("*.py"):
        if source.name == "regimes.py" and source.parent.name == "core":
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if REGIME_BRANCH.search(line):
                found.append(f"{source.relative_to(package)}:{number}: {line.strip()}")
    assert found == []
