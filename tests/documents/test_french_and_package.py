"""French wording, the bundled fonts, and what the documents package may import."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

import btsdesk.documents
from btsdesk.documents import sha256_of
from btsdesk.documents.fonts import fonts_dir, register_fonts
from btsdesk.documents.french import clock, long_date, minutes, para, typography, weekday_date

PACKAGE = Path(btsdesk.documents.__file__).parent


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2005, 4, 9), "9 avril 2005"),
        (date(2026, 7, 1), "1er juillet 2026"),
        (date(2026, 8, 15), "15 août 2026"),
        (date(2026, 12, 31), "31 décembre 2026"),
        (date(2026, 2, 28), "28 février 2026"),
    ],
)
def test_long_dates(day: date, expected: str):
    assert long_date(day) == expected


def test_weekday_dates():
    assert weekday_date(date(2026, 7, 6)) == "lundi 6 juillet 2026"
    assert weekday_date(date(2026, 7, 12)) == "dimanche 12 juillet 2026"


def test_times_and_durations_keep_their_parts_together():
    assert clock(datetime(2026, 7, 6, 14, 20)) == "14\u00a0h\u00a020"
    assert clock(datetime(2026, 7, 6, 8, 5)) == "8\u00a0h\u00a005"
    assert clock(datetime(2026, 7, 6, 9, 0)) == "9\u00a0h"
    assert minutes(20) == "20\u00a0min"
    assert minutes(90) == "1\u00a0h\u00a030"
    assert minutes(120) == "2\u00a0h"


def test_paragraph_text_is_escaped_and_french_spacing_is_held():
    assert para("A & B <b>") == "A &amp; B &lt;b&gt;"
    assert para("ligne 1\nligne 2") == "ligne 1<br/>ligne 2"
    assert typography("la « note »") == "la «\u00a0note\u00a0»"
    assert typography("la «note»") == "la «\u00a0note\u00a0»"
    assert typography("E1 : 9,50 ; vrai ?") == "E1\u00a0: 9,50\u00a0; vrai\u00a0?"
    assert typography("https://exemple.fr") == "https://exemple.fr"


def test_sha256_of():
    assert sha256_of(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_the_fonts_are_bundled_with_their_licence():
    folder = fonts_dir()
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "LICENSE-DejaVu.txt",
    ):
        assert (folder / name).is_file(), name
    assert "Bitstream" in (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    register_fonts()
    register_fonts()  # idempotent


# design.md: data flows documents → core, never to the store or the window.
ALLOWED_PROJECT = ("btsdesk.documents", "btsdesk.paths", "btsdesk.core")


def _imports(source: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_the_package_imports_only_reportlab_the_standard_library_itself_and_core():
    for source in sorted(PACKAGE.glob("*.py")):
        for name in _imports(source):
            root = name.split(".")[0]
            if root == "btsdesk":
                assert name.startswith(ALLOWED_PROJECT), f"{source.name}: {name}"
            else:
                assert root == "reportlab" or root in sys.stdlib_module_names, (
                    f"{source.name}: {name}"
                )


BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'sqlite3', 'sqlite_utils') or \\
                name.startswith(('btsdesk.store', 'btsdesk.gui')):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import btsdesk.documents.model
assert 'reportlab' not in sys.modules, 'the model alone must not load ReportLab'
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
from btsdesk.documents import convocations_pdf, deliberation_pdf
print('ok')
"""


def test_the_package_loads_without_qt_or_the_store():
    modules = [f"btsdesk.documents.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"]
    done = subprocess.run(
        [sys.executable, "-c", BLOCKER, *modules], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
