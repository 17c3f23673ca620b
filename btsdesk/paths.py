"""Where btsdesk's resource files are, from a checkout or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def ui_dir() -> Path:
    """Qt Designer layouts (ui/ at the top of the project, or in the bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "ui"
    return Path(__file__).resolve().parent.parent / "ui"


def reglements_dir() -> Path:
    return resources_dir() / "reglements"


def user_reglements_dir() -> Path:
    """Règlements the user added (specialties not shipped), beside the user's settings."""
    import os

    base = (
        os.environ.get("BTSDESK_DATA")
        or os.environ.get("XDG_DATA_HOME")
        or str(Path.home() / ".local" / "share")
    )
    return Path(base) / "btsdesk" / "reglements"
