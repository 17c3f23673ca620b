"""The logo and the scanned signature as the documents need them: flattened onto white when
they carry transparency, so that no page needs rasterising when it is printed (a PNG with
an alpha channel makes CUPS rasterise whole pages, issue 11)."""

from __future__ import annotations

import io

from btsdesk.store.errors import SessionFileError


def flattened(data: bytes) -> bytes:
    """PNG or JPEG bytes without transparency: an image with alpha (or a transparent
    palette colour) is laid on white and written again as PNG; any other is kept as is."""
    from PIL import Image, UnidentifiedImageError  # Pillow: loaded when an image is given

    try:
        with Image.open(io.BytesIO(data)) as image:
            transparent = image.mode in ("RGBA", "LA", "PA") or (
                image.mode == "P" and "transparency" in image.info
            )
            if not transparent:
                return data
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError):
        raise SessionFileError("image illisible : PNG ou JPEG attendu") from None
    white = Image.new("RGB", rgba.size, (255, 255, 255))
    white.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    white.save(out, format="PNG", optimize=True)
    return out.getvalue()
