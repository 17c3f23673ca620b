"""Long tables drawn straight on the canvas (the PV's results: one row per candidate).

A ReportLab ``Table`` of ``Paragraph`` cells re-wraps every remaining cell each time it is
split across a page: for 2,000 candidates that is some 150,000 wraps. Here each cell is laid
out once, as plain strings already broken into lines (no markup to parse), the row heights are
summed once, and a page takes the rows that fit (a bisection on those sums). The header is a
small ordinary ``Table`` (spans, styled paragraphs), laid out once and drawn again at the top
of every page, as ``repeatRows`` would."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Literal

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

Align = Literal["left", "center", "right"]
Run = tuple[str, str]  # (font, text)


@lru_cache(maxsize=8192)
def width_of(text: str, font: str, size: float) -> float:
    """A string's width, measured once per process (grades and decisions repeat)."""
    return float(stringWidth(text, font, size))


@dataclass(frozen=True, slots=True)
class Column:
    width: float
    align: Align = "left"
    pad: float = 2.0  # left and right padding


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's text already broken into lines, each line a few runs of (font, text)."""

    lines: tuple[tuple[Run, ...], ...]
    size: float
    leading: float
    color: colors.Color | None = None  # None: black

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading


def text_cell(
    text: str,
    font: str,
    size: float,
    leading: float,
    width: float,
    color: colors.Color | None = None,
) -> Cell:
    """`text` in one face, broken at its spaces to `width` (a non-breaking space holds words
    together); a single word wider than the width is left whole."""
    if width_of(text, font, size) <= width or " " not in text:
        return Cell((((font, text),),), size, leading, color)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not word:
            continue
        joined = f"{current} {word}" if current else word
        if not current or width_of(joined, font, size) <= width:
            current = joined
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return Cell(tuple(((font, line),) for line in lines), size, leading, color)


def runs_cell(
    runs: Sequence[Run],
    size: float,
    leading: float,
    width: float,
    color: colors.Color | None = None,
) -> Cell:
    """Text in several faces (« Intitulé » then an italic « (facultative) »), broken at its
    spaces to `width`, each word keeping its face."""
    words = [(font, word) for font, text in runs for word in text.split(" ") if word]
    lines: list[list[Run]] = []
    used = 0.0
    for font, word in words:
        wide = width_of(word, font, size)
        space = width_of(" ", font, size)
        if lines and used + space + wide <= width:
            last_font, last_text = lines[-1][-1]
            if last_font == font:
                lines[-1][-1] = (font, f"{last_text} {word}")
            else:
                lines[-1].append((font, f" {word}"))
            used += space + wide
        else:
            lines.append([(font, word)])
            used = wide
    return Cell(
        tuple(tuple(line) for line in lines) or (((runs[0][0], ""),),), size, leading, color
    )


def whole_cell(
    text: str, font: str, size: float, leading: float, width: float, smallest: float = 6.0
) -> Cell:
    """A name on one line, made smaller when it is too wide (never below `smallest`); still
    too wide, broken at its spaces only: never inside a word."""
    points = size
    while points > smallest and width_of(text, font, points) > width:
        points = max(smallest, points - 0.5)
    lead = leading * points / size
    if width_of(text, font, points) <= width:
        return Cell((((font, text),),), points, lead)
    return text_cell(text, font, points, lead, width)


def pair_cell(
    first: Run, second: Run, size: float, leading: float, width: float, smallest: float
) -> Cell:
    """Two runs (a bold surname, a given name) on one line when they fit, else one above the
    other; never broken inside either: a run wider than the cell makes the cell's text
    smaller, down to `smallest`."""
    (font1, text1), (font2, text2) = first, second
    points = size
    while points > smallest and (
        width_of(text1, font1, points) > width or width_of(text2, font2, points) > width
    ):
        points = max(smallest, points - 0.5)
    lead = leading * points / size
    if not text2:
        return Cell(((first,),), points, lead)
    if width_of(f"{text1} {text2}", font1, points) <= width:  # bold measures the wider
        return Cell(((first, (font2, " " + text2)),), points, lead)
    return Cell(((first,), (second,)), points, lead)


class Rows(Flowable):
    """Rows of cells under a header flowable (if any), split page by page without re-laying
    anything out; every other row shaded (`stripe`) or each row its own background
    (`backgrounds`), a grid or a box around, and thicker rules after some columns."""

    def __init__(
        self,
        head: Flowable | None,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        *,
        pad_y: float,
        grid: tuple[float, colors.Color] | None = None,
        box: tuple[float, colors.Color] | None = None,
        stripe: colors.Color | None = None,
        backgrounds: Sequence[colors.Color | None] | None = None,
        rules: Sequence[tuple[int, float, colors.Color]] = (),
        name: str = "",
        shared: int = 0,
    ) -> None:
        super().__init__()
        self.head = head
        self.name = name  # the header's form in the PDF: one name per header
        # The first `shared` cells of row i are the same in every table drawn under this
        # name, and so is row i's height: they are written once into the PDF as a form.
        self.shared = shared
        self.columns = tuple(columns)
        self.rows = rows
        self.pad_y = pad_y
        self.grid = grid
        self.box = box
        self.stripe = stripe
        self.backgrounds = backgrounds
        self.rules = tuple(rules)  # (column index the rule follows, width, colour)
        self.width = sum(c.width for c in self.columns)
        self.head_height = 0.0 if head is None else _height(head, self.width)
        heights = (max(cell.height for cell in row) + 2 * pad_y for row in rows)
        self.tops = [0.0, *accumulate(heights)]  # shared by every part: never copied
        self.start, self.stop = 0, len(rows)

    _SHARED = (
        *("head", "columns", "rows", "pad_y", "grid", "box", "stripe", "backgrounds"),
        *("rules", "width", "name", "shared"),
    )

    def _part(self, start: int, stop: int) -> Rows:
        """Rows start to stop of the same table (nothing laid out again; none of Platypus's
        marks on this flowable, such as « postponed », carried over)."""
        part = Rows.__new__(Rows)
        Flowable.__init__(part)
        for name in (*self._SHARED, "head_height", "tops"):
            setattr(part, name, getattr(self, name))
        part.start, part.stop = start, stop
        return part

    def _draw_shared(self, xs: list[float], ys: list[float]) -> None:
        """Row by row: the shared cells as a form (written into the PDF the first time), then
        the row's own cells; the text reads in row order."""
        canvas = self.canv
        shared = self.shared
        for offset, row_cells in enumerate(self.rows[self.start : self.stop]):
            index = self.start + offset
            bottom, height = ys[offset + 1], ys[offset] - ys[offset + 1]
            name = f"{self.name}-row{index}"
            if not canvas.hasForm(name):
                canvas.beginForm(name, 0, 0, self.width, height)
                text = canvas.beginText()
                state: list[object] = [None, None, False]
                for x, column, cell in zip(
                    xs[:shared], self.columns[:shared], row_cells[:shared], strict=True
                ):
                    _draw_cell(text, state, cell, column, x, height / 2)
                canvas.drawText(text)
                canvas.endForm()
            canvas.saveState()
            canvas.translate(0, bottom)
            canvas.doForm(name)
            canvas.restoreState()
            text = canvas.beginText()
            state = [None, None, False]
            own = zip(xs[shared:-1], self.columns[shared:], row_cells[shared:], strict=True)
            for x, column, cell in own:
                _draw_cell(text, state, cell, column, x, bottom + height / 2)
            canvas.drawText(text)

    @property
    def body_height(self) -> float:
        return self.tops[self.stop] - self.tops[self.start]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = self.head_height + self.body_height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self.head_height
        stop = bisect_right(self.tops, self.tops[self.start] + room + 1e-6, self.start) - 1
        stop = min(stop, self.stop)
        if stop <= self.start:
            return []  # not even one row here: the next page
        return [self._part(self.start, stop), self._part(stop, self.stop)]

    def draw(self) -> None:
        canvas = self.canv
        top = self.head_height + self.body_height
        body_top = top - self.head_height
        base = self.tops[self.start]
        ys = [body_top - (self.tops[i] - base) for i in range(self.start, self.stop + 1)]
        xs = [0.0, *accumulate(c.width for c in self.columns)]
        canvas.saveState()
        for index in range(self.start, self.stop):
            if self.backgrounds is not None:
                fill = self.backgrounds[index]
            else:  # the second, fourth … row of the whole table
                fill = self.stripe if index % 2 else None
            if fill is not None:
                row = index - self.start
                canvas.setFillColor(fill)
                canvas.rect(0, ys[row + 1], self.width, ys[row] - ys[row + 1], 0, 1)
        canvas.setFillColor(colors.black)
        if self.shared:
            self._draw_shared(xs, ys)
        else:
            text = canvas.beginText()  # one text object per page, the font set when it changes
            state: list[object] = [None, None, False]  # font, size, colour (False: not set yet)
            for offset, row_cells in enumerate(self.rows[self.start : self.stop]):
                middle = (ys[offset] + ys[offset + 1]) / 2
                for x, column, cell in zip(xs, self.columns, row_cells, strict=False):
                    _draw_cell(text, state, cell, column, x, middle)
            canvas.drawText(text)
        if self.grid is not None and len(ys) > 1:
            canvas.setStrokeColor(self.grid[1])
            canvas.setLineWidth(self.grid[0])
            canvas.grid(xs, ys)
        if self.box is not None and len(ys) > 1:
            canvas.setStrokeColor(self.box[1])
            canvas.setLineWidth(self.box[0])
            canvas.rect(0, ys[-1], self.width, ys[0] - ys[-1], 1, 0)
        for after, rule_width, rule_color in self.rules:
            canvas.setStrokeColor(rule_color)
            canvas.setLineWidth(rule_width)
            canvas.line(xs[after + 1], ys[0], xs[after + 1], ys[-1])
        if self.head is None:
            canvas.restoreState()
            return
        # the header is laid out and written once per PDF, then placed on each page
        if not canvas.hasForm(self.name):
            canvas.beginForm(self.name, 0, 0, self.width, self.head_height)
            self.head.drawOn(canvas, 0, 0)
            canvas.endForm()
        canvas.translate(0, body_top)
        canvas.doForm(self.name)
        canvas.restoreState()


def _height(head: Flowable, width: float) -> float:
    """A header's height, laid out once however many tables it heads (one per relevé)."""
    known: tuple[float, float] | None = getattr(head, "_btsdesk_height", None)
    if known is None or known[0] != width:
        known = (width, head.wrap(width, 10_000)[1])
        head._btsdesk_height = known  # type: ignore[attr-defined]
    return known[1]


def _draw_cell(
    text: PDFTextObject, state: list[object], cell: Cell, column: Column, x: float, middle: float
) -> None:
    """The cell's lines, the block centred vertically in its row (as VALIGN MIDDLE), the
    first baseline one size under the block's top (as a Paragraph draws it)."""
    y = middle + cell.height / 2 - cell.size
    size = cell.size
    if state[2] is not cell.color:
        text.setFillColor(cell.color or colors.black)
        state[2] = cell.color
    for line in cell.lines:
        if column.align == "left":
            left = x + column.pad
        else:
            used = sum(width_of(run, font, size) for font, run in line)
            if column.align == "center":
                left = x + (column.width - used) / 2
            else:
                left = x + column.width - column.pad - used
        for font, run in line:
            if state[0] != font or state[1] != size:
                text.setFont(font, size)
                state[0], state[1] = font, size
            text.setTextOrigin(left, y)
            # textOut would measure the run again to move a cursor nobody reads: each run
            # is placed by setTextOrigin
            text._textOut(run)  # type: ignore[attr-defined]
            left += width_of(run, font, size)
        y -= cell.leading
