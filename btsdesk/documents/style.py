"""What every document shares: page sizes and margins, paragraph styles (built once), the
letterhead (académie, centre, optional logo), the running band of later pages, the footer
« page N / M », scaled images and the document template."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from btsdesk.documents.fonts import (
    CONDENSED,
    CONDENSED_BOLD,
    SANS,
    SANS_BOLD,
    SANS_ITALIC,
    face,
    register_fonts,
)
from btsdesk.documents.french import NBSP, lines_of, para
from btsdesk.documents.grid import width_of
from btsdesk.documents.model import Header, Identity

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN = 20 * mm

ACCENT = colors.HexColor("#1F3A68")  # headings and rules: a sober administrative blue
SHADE = colors.HexColor("#E9EDF4")  # table headers
LIGHT = colors.HexColor("#F5F7FA")  # alternate rows
GRID = colors.HexColor("#9AA5B8")
MUTED = colors.HexColor("#4A4F59")
WARNING = colors.HexColor("#9C1C1C")
WATERMARK = colors.HexColor("#C9CED8")  # « PROJET » across a draft PV (R24b)

CREATOR = "btsdesk"

# Page streams deflated and kept binary, not also ASCII85-encoded: PDFs a fifth smaller and
# written faster (ASCII85 took a seventh of the time of 1,000 relevés, benchmarks/documents.py).
rl_config.useA85 = 0

# A flowable's horizontal alignment, as Platypus reads it.
HAlign = Literal["LEFT", "CENTER", "CENTRE", "RIGHT"]
# One TableStyle command: its name, the first and last cells, then its arguments.
TableCommand = tuple[str, tuple[int, int], tuple[int, int], *tuple[object, ...]]


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_bold: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    title: ParagraphStyle
    org: ParagraphStyle
    org_right: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    label: ParagraphStyle
    head: ParagraphStyle
    tiny: ParagraphStyle
    tiny_bold: ParagraphStyle
    tiny_center: ParagraphStyle
    tiny_head: ParagraphStyle
    warning: ParagraphStyle


class _StyleOptions(TypedDict, total=False):
    """The ParagraphStyle attributes that :func:`styles` sets beyond font, size and leading."""

    leftIndent: float
    bulletIndent: float
    bulletFontName: str
    spaceBefore: float
    spaceAfter: float
    textColor: colors.Color
    alignment: Literal[0, 1, 2, 4]
    borderColor: colors.Color | None
    borderWidth: float
    borderPadding: float


@lru_cache(maxsize=1)
def styles() -> Styles:
    """The paragraph styles, built once per process (after the fonts are registered)."""
    register_fonts()
    sans, bold, italic = face(SANS), face(SANS_BOLD), face(SANS_ITALIC)
    cond, cond_bold = face(CONDENSED), face(CONDENSED_BOLD)

    def style(
        name: str,
        font: str = sans,
        size: float = 10,
        leading: float | None = None,
        **extra: Unpack[_StyleOptions],
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading or round(size * 1.3, 1), **extra
        )

    return Styles(
        body=style("body", size=10, leading=13.5),
        body_bold=style("body_bold", bold, 10, 13.5),
        bullet=style(
            "bullet",
            size=10,
            leading=13.5,
            leftIndent=11,
            bulletIndent=0,
            bulletFontName=sans,
            spaceAfter=1.5,
        ),
        small=style("small", size=8.5, leading=11),
        note=style("note", italic, 8.5, 11, textColor=MUTED),
        title=style("title", bold, 16, 20, textColor=ACCENT, spaceAfter=2),
        subtitle=style("subtitle", sans, 11, 14.5, textColor=ACCENT),
        org=style("org", bold, 11, 14, textColor=ACCENT),
        org_right=style("org_right", bold, 11, 14, textColor=ACCENT, alignment=TA_RIGHT),
        heading=style("heading", bold, 10.5, 13.5, textColor=ACCENT, spaceBefore=7, spaceAfter=3),
        cell=style("cell", size=9, leading=11.5),
        cell_bold=style("cell_bold", bold, 9, 11.5),
        cell_right=style("cell_right", size=9, leading=11.5, alignment=TA_RIGHT),
        label=style("label", sans, 8.5, 11.5, textColor=MUTED),
        head=style("head", bold, 8.5, 10.5, textColor=ACCENT),
        tiny=style("tiny", cond, 7, 8.4),
        tiny_bold=style("tiny_bold", cond_bold, 7, 8.4),
        tiny_center=style("tiny_center", cond, 7, 8.4, alignment=TA_CENTER),
        tiny_head=style("tiny_head", cond_bold, 7, 8.2, alignment=TA_CENTER, textColor=ACCENT),
        warning=style(
            "warning",
            bold,
            9,
            12,
            textColor=WARNING,
            borderColor=WARNING,
            borderWidth=0.8,
            borderPadding=4,
            spaceBefore=6,
            spaceAfter=8,
        ),
    )


# ---------------------------------------------------------------------------------------------
# Images


@lru_cache(maxsize=16)
def _image(path: str, mtime: float) -> tuple[ImageReader, float, float] | None:
    try:
        reader = ImageReader(path)
        width, height = reader.getSize()
    except Exception:  # an unreadable logo or signature must not stop the printing
        return None
    if width <= 0 or height <= 0:
        return None
    return reader, float(width), float(height)


def image(path: Path | None) -> tuple[ImageReader, float, float] | None:
    """The image at `path` (reader, pixel width, pixel height), read once while unchanged;
    None when there is no path or the file cannot be read."""
    if path is None:
        return None
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        return None
    return _image(str(path), mtime)


def fit(width: float, height: float, box_width: float, box_height: float) -> tuple[float, float]:
    """The size of a width × height picture scaled into the box, proportions kept."""
    scale = min(box_width / width, box_height / height)
    return width * scale, height * scale


def draw_image(
    canvas: Canvas,
    path: Path | None,
    x: float,
    top: float,
    box_width: float,
    box_height: float,
    align: str = "left",
) -> float:
    """Draw the picture scaled into the box whose top-left corner is (x, top); return the
    height used (0 when there is no picture)."""
    found = image(path)
    if found is None:
        return 0.0
    reader, width, height = found
    w, h = fit(width, height, box_width, box_height)
    if align == "right":
        x += box_width - w
    elif align == "center":
        x += (box_width - w) / 2
    canvas.drawImage(reader, x, top - h, w, h, mask="auto")
    return h


class Picture(Flowable):
    """An image already read (the logo or the signature), drawn at a fixed size."""

    def __init__(
        self, reader: ImageReader, width: float, height: float, align: HAlign = "LEFT"
    ) -> None:
        super().__init__()
        self.reader = reader
        self.width, self.height = width, height
        self.hAlign = align

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")


def image_flowable(
    path: Path | None, box_width: float, box_height: float, align: HAlign = "LEFT"
) -> Flowable | None:
    """The picture at `path` scaled into the box, or None when there is none to show."""
    found = image(path)
    if found is None:
        return None
    reader, width, height = found
    return Picture(reader, *fit(width, height, box_width, box_height), align=align)


# ---------------------------------------------------------------------------------------------
# Text drawn straight on the canvas (fixed page furniture: fast, and placed to the millimetre)


def wrap_line(text: str, font: str, size: float, width: float) -> list[str]:
    """One line of text broken at its spaces to `width` (a non-breaking space holds words
    together); a word wider than the width breaks after its non-breaking spaces, hyphens
    and slashes (between words, never inside one), and failing that is cut. Each string is
    measured once per process (width_of)."""
    pieces: list[tuple[str, bool]] = []  # (piece, glued to the one before)
    for word in text.split(" "):
        if not word:
            continue
        if width_of(word, font, size) <= width:
            pieces.append((word, False))
            continue
        parts = re.findall(r"[^-/\u00a0]+[-/\u00a0]*|[-/\u00a0]+", word)
        pieces.extend((part, index > 0) for index, part in enumerate(parts))
    lines: list[str] = []
    current = ""
    for piece, glued in pieces:
        joined = f"{current}{piece}" if glued else (f"{current} {piece}" if current else piece)
        if not current or width_of(joined, font, size) <= width:
            current = joined
        else:
            lines.append(current.rstrip(NBSP))
            current = piece
    lines.append(current)
    out: list[str] = []
    for line in lines:
        while len(line) > 1 and width_of(line, font, size) > width:
            cut = len(line) - 1
            while cut > 1 and width_of(line[:cut], font, size) > width:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


def fit_block(
    lines: Sequence[str],
    font: str,
    width: float,
    height: float,
    size: float = 10,
    smallest: float = 7,
    leading: float = 1.2,
    first_font: str | None = None,
    readable: float = 8.5,
) -> tuple[list[str], float]:
    """Lay out `lines` in a width × height box: at `size` if they fit; else smaller, down to
    `readable`, each line kept whole; else broken to the width, at the largest size down to
    `smallest` that fits; else cut with « … ». Returns the lines to draw and their size. The
    first line may use another face (`first_font`)."""

    def fits(block: list[str], points: float) -> bool:
        return len(block) * points * leading <= height + 0.01 and all(
            stringWidth(line, first_font if i == 0 and first_font else font, points) <= width
            for i, line in enumerate(block)
        )

    def wrapped(points: float) -> list[str]:
        return [
            piece
            for i, line in enumerate(lines)
            for piece in wrap_line(
                line, first_font if i == 0 and first_font else font, points, width
            )
        ]

    points = size
    while points >= readable:
        if fits(list(lines), points):
            return list(lines), points
        points -= 0.5
    points = min(size, readable)
    while points >= smallest:
        block = wrapped(points)
        if fits(block, points):
            return block, points
        points -= 0.5
    points = smallest
    block = wrapped(points)
    room = max(1, int((height + 0.01) // (points * leading)))
    if len(block) > room:
        block = block[:room]
        last = block[-1]
        while last and stringWidth(last + "…", font, points) > width:
            last = last[:-1]
        block[-1] = last + "…"
    return block, points


def draw_lines(
    canvas: Canvas,
    lines: Sequence[str],
    x: float,
    top: float,
    font: str,
    size: float,
    leading: float = 1.2,
    first_font: str | None = None,
    color: colors.Color | None = None,
) -> float:
    """Draw `lines` with their first baseline one size below `top`; return the y under them."""
    y = top - size
    text = canvas.beginText()  # one text object for the block
    text.setFillColor(color or colors.black)
    for index, line in enumerate(lines):
        text.setFont(first_font if index == 0 and first_font else font, size)
        text.setTextOrigin(x, y)
        text._textOut(line)  # type: ignore[attr-defined]  # placed: no cursor to move
        y -= size * leading
    canvas.drawText(text)
    if color is not None:
        canvas.setFillColor(colors.black)  # the colour outlives the text object: as before
    return y + size * leading - size * 0.25


def draw_letterhead(
    canvas: Canvas,
    header: Header,
    x: float,
    top: float,
    width: float,
    logo_box: tuple[float, float] = (42 * mm, 20 * mm),
) -> float:
    """Académie and centre at the top left, under the logo when there is one; return the y
    under the block."""
    register_fonts()
    sans, bold = face(SANS), face(SANS_BOLD)
    used = draw_image(canvas, header.logo, x, top, *logo_box)
    y = top - used - (3 * mm if used else 0)
    academie = wrap_line(header.academie, bold, 11, width)
    y = draw_lines(canvas, academie, x, y, bold, 11, color=ACCENT) - 1.5 * mm
    centre = wrap_line(header.centre_name, bold, 9.5, width)
    y = draw_lines(canvas, centre, x, y, bold, 9.5) - 0.5 * mm
    address = [
        piece
        for line in lines_of(header.centre_address)
        for piece in wrap_line(line, sans, 8.5, width)
    ]
    return draw_lines(canvas, address, x, y, sans, 8.5, color=MUTED)


def draw_band(
    canvas: Canvas, header: Header, page: tuple[float, float], margin: float, right_text: str
) -> None:
    """The running header of later pages: académie · centre on the left, the document on the
    right, a thin rule under them."""
    width, height = page
    y = height - 12 * mm
    canvas.setFont(face(SANS), 7.5)
    canvas.setFillColor(MUTED)
    left = f"{header.academie} · {header.centre_name}"
    canvas.drawString(margin, y, _clip(left, face(SANS), 7.5, (width - 2 * margin) * 0.5))
    canvas.drawRightString(
        width - margin, y, _clip(right_text, face(SANS), 7.5, (width - 2 * margin) * 0.48)
    )
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.line(margin, y - 2 * mm, width - margin, y - 2 * mm)
    canvas.setFillColor(colors.black)


def _clip(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


# ---------------------------------------------------------------------------------------------
# Page numbering « page N / M »: the pages are kept until the total is known


class Label(Flowable):
    """An invisible mark: from the page where it is drawn on, the footer reads `text` (a
    feuille d'émargement names its room and day at the foot of each of its pages)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if isinstance(self.canv, LabelledCanvas):  # only a numbered canvas reads it
            self.canv._btsdesk_label = self.text


class LabelledCanvas(Canvas):
    """What a :class:`Label` writes on: the canvases of :func:`numbered_canvas`."""

    _btsdesk_label: str | None

    if TYPE_CHECKING:  # Canvas internals that types-reportlab leaves out
        _pagesize: tuple[float, float]

        def _startPage(self) -> None: ...


def numbered_canvas(left_text: str, margin: float, watermark: str = "") -> type[Canvas]:
    """A canvas class that writes `left_text` (or the text of the last Label drawn) and
    « page N / M » at the foot of every page, and `watermark` across every page when given
    (« PROJET » on a draft PV, R24b)."""

    class NumberedCanvas(LabelledCanvas):
        # ReportLab's canvasmaker call: Canvas's own arguments, passed through unchanged
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, object]] = []
            self._btsdesk_label: str | None = None

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            # pages are numbered within each labelled part (one feuille d'émargement), else
            # through the whole document
            labels = [state.get("_btsdesk_label") for state in self._pages]
            totals: dict[object, int] = {}
            for label in labels:
                totals[label] = totals.get(label, 0) + 1
            seen: dict[object, int] = {}
            for state, label in zip(self._pages, labels, strict=True):
                seen[label] = seen.get(label, 0) + 1
                self.__dict__.update(state)
                self._footer(seen[label], totals[label])
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, number: int, total: int) -> None:
            width, _height = self._pagesize
            y = 10 * mm
            self.saveState()
            self.setFont(face(SANS), 7.5)
            self.setFillColor(MUTED)
            self.setStrokeColor(GRID)
            self.setLineWidth(0.4)
            self.line(margin, y + 3.5 * mm, width - margin, y + 3.5 * mm)
            text = self._btsdesk_label or left_text
            self.drawString(margin, y, _clip(text, face(SANS), 7.5, width - 2 * margin - 30 * mm))
            self.drawRightString(width - margin, y, f"page{NBSP}{number} / {total}")
            if watermark:
                # Outlined letters (no fill, no transparency): the text under them stays
                # readable and no page needs rasterising when printed.
                _, height = self._pagesize
                self.translate(width / 2, height / 2)
                self.rotate(30)
                self.setStrokeColor(WATERMARK)
                self.setLineWidth(1.2)
                outline = self.beginText()
                outline.setTextRenderMode(1)
                outline.setFont(face(SANS_BOLD), 110)
                outline.setTextOrigin(-stringWidth(watermark, face(SANS_BOLD), 110) / 2, -38)
                outline.textOut(watermark)
                self.drawText(outline)
            self.restoreState()

    return NumberedCanvas


# ---------------------------------------------------------------------------------------------
# The document


def document(
    buffer: io.BytesIO,
    page: tuple[float, float],
    title: str,
    header: Header,
    templates: Sequence[PageTemplate],
) -> BaseDocTemplate:
    """A document template with fixed metadata, written invariantly: the same data gives the
    same bytes, so a PDF's SHA-256 identifies what was printed."""
    register_fonts()
    return BaseDocTemplate(
        buffer,
        pagesize=page,
        pageTemplates=list(templates),
        title=title,
        author=f"{header.academie} — {header.centre_name}",
        subject=header.specialty,
        creator=CREATOR,
        invariant=1,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )


def frame(x: float, y: float, width: float, height: float, name: str = "body") -> Frame:
    return Frame(
        x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name
    )


LIST_MARGIN = 15 * mm


def listing(
    buffer: io.BytesIO,
    page: tuple[float, float],
    header: Header,
    title: str,
    margin: float = LIST_MARGIN,
) -> BaseDocTemplate:
    """A document of tables (lists, sheets, PV): the first page of each part opens with its
    title block (template "first"), the pages after it carry the running band ("later")."""
    width, height = page
    inner = width - 2 * margin
    band_text = f"{title} · {header.session_title}"

    def band(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_band(canvas, header, page, margin, band_text)

    first = PageTemplate(
        "first",
        [frame(margin, 17 * mm, inner, height - 12 * mm - 17 * mm)],
        autoNextPageTemplate="later",
        pagesize=page,
    )
    later = PageTemplate(
        "later",
        [frame(margin, 17 * mm, inner, height - 19 * mm - 17 * mm)],
        onPage=band,
        pagesize=page,
    )
    return document(buffer, page, title, header, [first, later])


def title_block(header: Header, title: str, details: Sequence[str], width: float) -> list[Flowable]:
    """The opening of a list, sheet or PV: académie and centre (under the logo, if any) on the
    left, session and specialty on the right, a rule, then the title and its detail lines
    (already made safe for a Paragraph)."""
    s = styles()
    left: list[Flowable] = []
    logo = image_flowable(header.logo, 36 * mm, 16 * mm)
    if logo is not None:
        left += [logo, Spacer(0, 1.5 * mm)]
    left += [
        Paragraph(para(header.academie), s.org),
        Paragraph(para(header.centre_name), s.cell_bold),
        Paragraph(para(", ".join(lines_of(header.centre_address))), s.label),
    ]
    right = [
        Paragraph(para(header.session_title), s.org_right),
        Paragraph(para(header.specialty), s.cell_right),
    ]
    top = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ]
        )
    )
    out: list[Flowable] = [top, Spacer(0, 4 * mm), Paragraph(title, s.title)]
    out += [Paragraph(line, s.subtitle) for line in details]
    out.append(Spacer(0, 4 * mm))
    return out


def sort_key(text: str) -> str:
    """Alphabetical order as a French reader expects it: case and accents ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe")


def natural_key(text: str) -> tuple[object, ...]:
    """« B2 » before « B12 »."""
    return tuple(
        int(part) if part.isdigit() else sort_key(part) for part in re.split(r"(\d+)", text)
    )


def president_title(header: Header) -> str:
    return (
        "La présidente du jury"
        if header.president.strip().startswith("Mme")
        else "Le président du jury"
    )


DELEGATION = "Pour le recteur et par délégation"


def signatory(header: Header) -> tuple[str, str, Path | None]:
    """Who signs the letters to candidates (§5): the recteur's delegate when the session
    names one — with a line to sign, the scanned signature being the president's — else the
    president of the jury. Returns the title, the name and the scanned signature."""
    delegate = header.delegate.strip()
    if delegate:
        return DELEGATION, delegate, None
    return president_title(header), header.president, header.signature


def signature_block(header: Header, day: date, s: Styles, *, line_gap: float = 12 * mm) -> Table:
    """The signatory's block (convocations, relevés): the president, or the delegate."""
    title, name, signature = signatory(header)
    return signed(header.place, title, name, signature, day, s, line_gap=line_gap)


def signed(
    place: str,
    title: str,
    name: str,
    signature: Path | None,
    day: date,
    s: Styles,
    *,
    line_gap: float = 12 * mm,
    picture_height: float = 16 * mm,
) -> Table:
    """« Fait à …, le … » (« Fait le … » without a place), the signer's title, the scanned
    signature or a line to sign, and the name when known: on the right of the page."""
    from btsdesk.documents.french import long_date

    where = f"Fait à {para(place)}, le" if place.strip() else "Fait le"
    block: list[Flowable] = [
        Paragraph(f"{where} {long_date(day)}", s.body),
        Paragraph(title + ",", s.body),
    ]
    picture = image_flowable(signature, 55 * mm, picture_height)
    if picture is not None:
        block += [Spacer(0, 1 * mm), picture, Spacer(0, 1 * mm)]
    else:
        block += [
            Spacer(0, line_gap),
            HRFlowable(width="90%", thickness=0.5, color=GRID, hAlign="LEFT", spaceAfter=2),
        ]
    if name.strip():
        block.append(Paragraph(para(name), s.body_bold))
    table = Table([[block]], colWidths=[86 * mm], hAlign="RIGHT")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def whole(text: str, style: ParagraphStyle, width: float, smallest: float = 6.0) -> Paragraph:
    """A name or a room label in a cell `width` wide, never broken inside a word: on one line
    (spaces held), in a smaller size when needed; at `smallest` and still too wide, broken at
    its spaces only."""
    from btsdesk.documents.french import unbroken

    text = " ".join(text.split())
    wide = float(stringWidth(text, style.fontName, style.fontSize))
    if wide <= width:
        return Paragraph(para(unbroken(text)), style)
    size = max(smallest, int(style.fontSize * width / wide * 10) / 10)
    smaller = ParagraphStyle(
        f"{style.name}-{size}", parent=style, fontSize=size, leading=round(size * 1.25, 1)
    )
    if stringWidth(text, style.fontName, size) <= width:
        return Paragraph(para(unbroken(text)), smaller)
    # broken at its spaces, then after its hyphens and slashes (never inside a word)
    lines = wrap_line(text, style.fontName, size, width)
    return Paragraph("<br/>".join(para(line) for line in lines), smaller)


def birth_name_row(who: Identity, s: Styles, width: float) -> list[list[Flowable]]:
    """The identity box's row « Nom de naissance » under a nom d'usage; none without one."""
    if not who.birth_name:
        return []
    return [
        [
            Paragraph("Nom de naissance", s.label),
            whole(who.birth_name, s.cell_bold, width),
            Paragraph("", s.label),
            Paragraph("", s.label),
        ]
    ]


def identity_box(rows: Sequence[Sequence[Flowable]], widths: Sequence[float]) -> Table:
    """The shaded box of a candidate's identity at the top of a letter (relevé, fiche de
    choix): rows of label, value, label, value."""
    table = Table([list(row) for row in rows], colWidths=list(widths), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def one_per_page(
    pages: Iterable[list[Flowable]], width: float, height: float, nothing: Flowable
) -> list[Flowable]:
    """The story of a run of letters, one page each (shrunk to its frame when too long), no
    blank page after the last; ``nothing`` alone when there is no letter."""
    story: list[Flowable] = []
    for page in pages:
        story += [KeepInFrame(width, height, page, mode="shrink"), PageBreak()]
    return story[:-1] if story else [nothing]
