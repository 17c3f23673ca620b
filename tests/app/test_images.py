"""The logo and the signature are stored without transparency (issue 11): an alpha channel
would make CUPS rasterise whole pages; laid on white they print as they look."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from btsdesk.app.session import JurySession
from btsdesk.store.errors import SessionFileError
from tests.store.conftest import make_session


def _png(mode: str, colour: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    Image.new(mode, (4, 2), colour).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def session(tmp_path: Path):
    path = tmp_path / "jury.btsdesk"
    make_session(path).close()
    with JurySession.open(path, backup=False) as opened:
        yield opened


def test_a_transparent_signature_is_laid_on_white(session):
    # Half-transparent black ink: on white it becomes mid-grey, with no alpha left.
    session.set_image("signature", _png("RGBA", (0, 0, 0, 128)))
    stored = session.store.image("signature")
    assert stored is not None
    with Image.open(io.BytesIO(stored)) as image:
        assert image.mode == "RGB"
        assert image.getpixel((0, 0)) == (127, 127, 127)


def test_an_opaque_logo_is_kept_byte_for_byte(session):
    logo = _png("RGB", (31, 58, 104))
    session.set_image("logo", logo)
    assert session.store.image("logo") == logo


def test_a_damaged_png_is_refused_in_french(session):
    with pytest.raises(SessionFileError, match="image illisible"):
        session.set_image("logo", b"\x89PNG\r\n\x1a\n" + b"pas une image")
    assert session.store.image("logo") is None
