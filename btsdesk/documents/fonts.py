"""The bundled TTF fonts (DejaVu, resources/fonts, licence in LICENSE-DejaVu.txt), registered
once per process with ReportLab.

ReportLab's built-in Helvetica covers Latin-1 only and is not embedded; DejaVu is embedded
(subset) so « Émilie-Françoise N'Diaye », « L'Haÿ-les-Roses », « Œuvre » and the guillemets print
the same everywhere."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from btsdesk.paths import resources_dir

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
SANS_BOLD_ITALIC = "DejaVuSans-BoldOblique"
CONDENSED = "DejaVuSansCondensed"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold"

# face name → (file, family, bold, italic); the regular and bold faces are required.
_FACES: dict[str, tuple[str, str, Literal[0, 1], Literal[0, 1]]] = {
    SANS: ("DejaVuSans.ttf", SANS, 0, 0),
    SANS_BOLD: ("DejaVuSans-Bold.ttf", SANS, 1, 0),
    SANS_ITALIC: ("DejaVuSans-Oblique.ttf", SANS, 0, 1),
    SANS_BOLD_ITALIC: ("DejaVuSans-BoldOblique.ttf", SANS, 1, 1),
    CONDENSED: ("DejaVuSansCondensed.ttf", CONDENSED, 0, 0),
    CONDENSED_BOLD: ("DejaVuSansCondensed-Bold.ttf", CONDENSED, 1, 0),
}
_REQUIRED = (SANS, SANS_BOLD)

_lock = threading.Lock()
_registered = threading.Event()  # set once every face is registered
_aliases: dict[str, str] = {}  # face not bundled → the face standing in for it


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> None:
    """Register every bundled face and its family mapping (so <b> and <i> work inside a
    Paragraph). Cheap after the first call. A missing optional face falls back to the nearest
    one present; a missing required face raises FileNotFoundError."""
    if _registered.is_set():
        return
    with _lock:
        if _registered.is_set():
            return
        folder = fonts_dir()
        present: dict[str, str] = {}
        for name, (filename, _family, _bold, _italic) in _FACES.items():
            path = folder / filename
            if path.is_file():
                pdfmetrics.registerFont(TTFont(name, str(path)))
                present[name] = name
            elif name in _REQUIRED:
                raise FileNotFoundError(f"police manquante : {path}")
        fallback = {
            SANS_ITALIC: SANS,
            SANS_BOLD_ITALIC: SANS_BOLD,
            CONDENSED: SANS,
            CONDENSED_BOLD: SANS_BOLD,
        }
        for name, (_filename, family, bold, italic) in _FACES.items():
            actual = present.get(name) or present.get(fallback.get(name, SANS), SANS)
            addMapping(family, bold, italic, actual)
            if name not in present:
                _aliases[name] = actual
        # no condensed oblique is bundled: <i> in a condensed paragraph stays upright
        addMapping(CONDENSED, 0, 1, _aliases.get(CONDENSED, CONDENSED))
        addMapping(CONDENSED, 1, 1, _aliases.get(CONDENSED_BOLD, CONDENSED_BOLD))
        _registered.set()


def face(name: str) -> str:
    """The registered face to use for `name` (itself, or its fallback when not bundled)."""
    register_fonts()
    return _aliases.get(name, name)
