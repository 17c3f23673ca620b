"""``btsdesk --self-test`` (issue 6): a temporary demo session, every result, one convocation
PDF, a French summary and exit 0; a French message and a non-zero exit on any failure; no Qt
needed, nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from btsdesk.app import documents as jury_documents
from btsdesk.cli import main

NO_QT = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
from btsdesk.cli import main
code = main(['--self-test'])
loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]
assert not loaded, loaded
sys.exit(code)
"""


def test_the_self_test_passes_and_says_what_it_did(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["--self-test"]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert "40 candidat(s) calculé(s)" in out.out
    assert "épreuves de contrôle : " in out.out
    assert "convocation : candidat 02620000001" in out.out
    assert "PDF de 1 page(s)" in out.out
    assert out.out.rstrip().endswith("btsdesk est prêt.")
    assert list(tmp_path.iterdir()) == []  # the temporary session is gone


def test_the_self_test_is_listed_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--self-test" in capsys.readouterr().out


def test_a_missing_resource_fails_with_a_french_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("btsdesk.paths.ui_dir", lambda: tmp_path)  # no .ui file in it
    assert main(["--self-test"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "btsdesk --self-test : ÉCHEC — RuntimeError : aucun fichier d'interface (.ui)"
    )
    assert "L'installation est incomplète ou abîmée" in err


def test_a_broken_document_fails_with_a_french_message(monkeypatch, capsys):
    def broken(store: object, kind: str, **_: object) -> jury_documents.Produced:
        return jury_documents.Produced(kind, b"pas un PDF", 1, "0" * 64)

    monkeypatch.setattr(jury_documents, "produce", broken)
    assert main(["--self-test"]) == 1
    assert "la convocation produite n'est pas un PDF valide" in capsys.readouterr().err


def test_the_self_test_needs_no_qt_and_no_display():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-c", NO_QT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Autotest réussi" in done.stdout


def test_the_command_line_exit_code():
    done = subprocess.run(
        [sys.executable, "-m", "btsdesk", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "convocation" in done.stdout
