"""The window is painted before anything it does not show is loaded (issue 15: launch within
2× a bare PySide6 window, benchmarks/gui.py). Guards the laziness: the documents' and the
spreadsheets' libraries, PDFium, Pillow, the verbs of the command line and the other views
are loaded when first used, not at launch. Checked in a fresh interpreter (sys.modules)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from btsdesk.app.demo import create_demo_file

# Loaded only by what the first window does not show: a document, a spreadsheet, an image,
# the sqlite-utils plugins' hooks, a command-line verb, another view.
NOT_AT_LAUNCH = (
    "reportlab",
    "pypdfium2",
    "openpyxl",
    "PIL",
    "hypothesis",
    "btsdesk.documents.style",
    "btsdesk.app.documents",
    "btsdesk.io.tabular",
    "sqlite_utils",
    "btsdesk.cli.jury",
    "btsdesk.gui.deliberation_view",
    "btsdesk.gui.orals_view",
    "btsdesk.gui.jury_view",
    "btsdesk.gui.reglement_view",
    "btsdesk.gui.documents_tab",
    "btsdesk.gui.assistant",
)

SCRIPT = """
import json, sys
from pathlib import Path

NOT_AT_LAUNCH = {names!r}

def loaded():
    return sorted(n for n in NOT_AT_LAUNCH if n in sys.modules)

from btsdesk.gui import app, main_window  # the launch module and the window's
stages = {{"imported": loaded()}}

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from btsdesk.store.session import SessionStore

application = QApplication([])
settings = QSettings(str(Path(sys.argv[1]).with_suffix(".ini")), QSettings.Format.IniFormat)
window = main_window.MainWindow(SessionStore.open(Path(sys.argv[1])), settings=settings)
window.show()
application.processEvents()  # painted
stages["shown"] = loaded()
window.tabs.setCurrentIndex(1)  # the Délibération, now shown: built now
stages["deliberation"] = loaded()
window.close()
print(json.dumps(stages))
"""


def test_the_first_window_loads_nothing_it_does_not_show(tmp_path: Path):
    session = create_demo_file(tmp_path / "demo.btsdesk")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(names=NOT_AT_LAUNCH), str(session)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-800:]
    stages = json.loads(done.stdout.splitlines()[-1])
    assert stages["imported"] == []
    assert stages["shown"] == []
    assert stages["deliberation"] == ["btsdesk.gui.deliberation_view"]  # and nothing more
