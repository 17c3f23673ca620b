"""Convocations aux épreuves de contrôle (§5): one A4 page per candidate, to be folded in three
into a DL window envelope whose window is on the right.

Layout: a Platypus page template whose onPage draws the letterhead and, at millimetre
positions, the address shown in the window; the letter itself is a story in one frame, held
to one page (shrunk, never split, if a long name or rule would overflow it), then a PageBreak.

Speed (benchmarks/documents.py): what is the same on every letter — the letterhead, the
title, the instructions, the rule, the signature block for one date — is laid out once and
written once into the PDF as a form XObject that every page references; what changes from one
candidate to the next (identity, orals) is drawn by small flowables straight on the canvas
rather than through Paragraph parsing and Table layout."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    PageTemplate,
    Paragraph,
    Spacer,
)

from btsdesk.documents.fonts import SANS, SANS_BOLD, face
from btsdesk.documents.french import (
    clock,
    lines_of,
    long_date,
    minutes,
    para,
    room_label,
    unbroken,
    weekday_date,
)
from btsdesk.documents.grid import width_of
from btsdesk.documents.model import Convocation, Header, Identity, OralSlot
from btsdesk.documents.style import (
    ACCENT,
    GRID,
    MUTED,
    PORTRAIT,
    SHADE,
    Styles,
    document,
    draw_letterhead,
    draw_lines,
    fit_block,
    frame,
    one_per_page,
    signature_block,
    styles,
    wrap_line,
)

PAGE_WIDTH, PAGE_HEIGHT = PORTRAIT
LEFT = 20 * mm
RIGHT = 20 * mm
TOP = 15 * mm

# The window of a French DL envelope (220 × 110 mm), window on the right: about 100 × 45 mm,
# its top-left corner 110 mm from the left edge and 45 to 50 mm from the top of the sheet.
# The address is kept inside the part that every such window shows, with a margin.
WINDOW_LEFT = 110 * mm
WINDOW_TOP = 45 * mm  # from the top edge
WINDOW_WIDTH = 100 * mm
WINDOW_HEIGHT = 45 * mm
ADDRESS_LEFT = 118 * mm
ADDRESS_TOP = 54 * mm  # from the top edge: below the lowest window top (50 mm)
ADDRESS_WIDTH = 76 * mm  # to 194 mm: clear of the window's right edge and of the sheet's
ADDRESS_HEIGHT = 34 * mm  # to 88 mm: above the highest window bottom (90 mm)

BODY_TOP = 104 * mm  # from the top edge: under the window and clear of the first fold (99 mm)
BODY_BOTTOM = 12 * mm
BODY_WIDTH = PAGE_WIDTH - LEFT - RIGHT
BODY_HEIGHT = PAGE_HEIGHT - BODY_TOP - BODY_BOTTOM
LETTERHEAD_WIDTH = WINDOW_LEFT - LEFT - 6 * mm

LABEL_SIZE = 8.5
VALUE_SIZE = 9.0
LEADING = 11.5
PAD_X = 5.0
PAD_Y = 2.5


def convocations_pdf(header: Header, convocations: Sequence[Convocation]) -> bytes:
    """The convocations, one page each, in the order given, as one PDF."""
    buffer = io.BytesIO()
    letters = list(convocations)
    shared = _Shared(header, styles())

    def furniture(canvas: Canvas, doc: BaseDocTemplate) -> None:
        shared.letterhead(canvas)
        index = doc.page - 1
        if index < len(letters):
            draw_address(canvas, letters[index].identity)

    body = frame(LEFT, BODY_BOTTOM, BODY_WIDTH, BODY_HEIGHT)
    template = PageTemplate("convocation", [body], onPage=furniture, pagesize=PORTRAIT)
    doc = document(buffer, PORTRAIT, f"Convocations — {header.session_title}", header, [template])
    letters_pages = (_letter(letter, shared) for letter in letters)
    nothing = Paragraph("Aucune convocation.", shared.s.body)
    doc.build(one_per_page(letters_pages, BODY_WIDTH, BODY_HEIGHT, nothing))
    return buffer.getvalue()


def address_lines(identity: Identity) -> list[str]:
    """What the window shows: civility, given name and SURNAME, then the address lines."""
    return [identity.full_name, *lines_of(identity.address)]


def draw_address(canvas: Canvas, identity: Identity) -> None:
    font = face(SANS)
    lines, size = fit_block(
        address_lines(identity), font, ADDRESS_WIDTH, ADDRESS_HEIGHT, size=10.5, smallest=7
    )
    draw_lines(canvas, lines, ADDRESS_LEFT, PAGE_HEIGHT - ADDRESS_TOP, font, size)


# ---------------------------------------------------------------------------------------------
# What every letter shares


class Frozen(Flowable):
    """Flowables laid out once, written once per PDF as a form XObject, then placed on every
    page that uses them by reference."""

    def __init__(self, name: str, flowables: Sequence[Flowable], width: float) -> None:
        super().__init__()
        self.name = name
        self.width = width
        self._placed: list[tuple[Flowable, float, float]] = []  # flowable, x, y from bottom
        top = 0.0
        sized: list[tuple[Flowable, float, float]] = []
        for index, flowable in enumerate(flowables):
            w, h = flowable.wrap(width, 10_000)
            if index:
                top += flowable.getSpaceBefore()
            x = {"RIGHT": width - w, "CENTER": (width - w) / 2}.get(
                str(getattr(flowable, "hAlign", "LEFT")).upper(), 0.0
            )
            sized.append((flowable, x, top + h))
            top += h + (flowable.getSpaceAfter() if index < len(flowables) - 1 else 0)
        self.height = top
        self._placed = [(flowable, x, top - bottom) for flowable, x, bottom in sized]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.name):
            canvas.beginForm(self.name, 0, 0, self.width, max(self.height, 1))
            for flowable, x, y in self._placed:
                flowable.drawOn(canvas, x, y)
            canvas.endForm()
        canvas.doForm(self.name)


class _Shared:
    """What every letter of one run has in common, built once."""

    def __init__(self, header: Header, s: Styles) -> None:
        self.header = header
        self.s = s
        self.sans, self.bold = face(SANS), face(SANS_BOLD)
        self._forms: dict[object, Frozen] = {}
        self.title = self.frozen(
            "title",
            [
                Paragraph("Convocation aux épreuves de contrôle", s.title),
                Paragraph(f"{para(header.session_title)} · {para(header.specialty)}", s.subtitle),
            ],
        )
        self.place_text = ", ".join([header.centre_name, *lines_of(header.centre_address)])
        self.place = para(self.place_text)
        bring = (
            "Munissez-vous de <b>la présente convocation</b> et d'<b>une pièce d'identité "
            "en cours de validité avec photographie</b> : carte nationale d'identité, "
            "passeport, titre de séjour ou permis de conduire. Une pièce perdue ou volée est "
            "remplacée par le récépissé de déclaration de perte ou de vol délivré par la "
            "police ou la gendarmerie."
        )
        instructions: list[Flowable] = [
            Paragraph("Consignes", s.heading),
            Paragraph(
                "Présentez-vous <b>15 minutes avant le début de la préparation</b>, "
                "à l'heure d'arrivée indiquée pour chaque épreuve.",
                s.bullet,
                bulletText="•",
            ),
            Paragraph(bring, s.bullet, bulletText="•"),
            Paragraph("Prise en compte de la note", s.heading),
            Paragraph(para(header.regime_rule), s.body),
        ]
        if header.results_notice.strip():
            instructions += [
                Paragraph("Résultats", s.heading),
                Paragraph(para(header.results_notice), s.body),
            ]
        self.instructions = self.frozen("instructions", instructions)
        president = header.president.strip()
        self.president_title = (
            "La présidente du jury," if president.startswith("Mme") else "Le président du jury,"
        )
        self._letterhead_drawn = False

    def frozen(self, key: object, flowables: Sequence[Flowable]) -> Frozen:
        found = self._forms.get(key)
        if found is None:
            found = Frozen(f"btsdesk{len(self._forms)}", flowables, BODY_WIDTH)
            self._forms[key] = found
        return found

    def letterhead(self, canvas: Canvas) -> None:
        if not canvas.hasForm("btsdesk-letterhead"):
            canvas.beginForm("btsdesk-letterhead")
            draw_letterhead(canvas, self.header, LEFT, PAGE_HEIGHT - TOP, LETTERHEAD_WIDTH)
            canvas.endForm()
        canvas.doForm("btsdesk-letterhead")

    def intro(self, identity: Identity, count: int) -> Frozen:
        convoked = {"Mme": "convoquée", "M.": "convoqué"}.get(identity.civility, "convoqué(e)")
        orals = (
            "à l'épreuve orale de contrôle suivante"
            if count == 1
            else "aux épreuves orales de contrôle suivantes"
        )
        where = f", au centre d'examen : {self.place}" if self.place.strip() else ""
        text = f"Vous êtes {convoked} {orals}{where}."
        if key := self._forms.get(text):
            return key
        return self.frozen(text, [Paragraph(text, self.s.body)])

    def signature(self, issued_on: date) -> Frozen:
        key = ("signature", issued_on)
        if key in self._forms:
            return self._forms[key]
        table = signature_block(self.header, issued_on, self.s, line_gap=13 * mm)
        return self.frozen(key, [table])


def _letter(letter: Convocation, shared: _Shared) -> list[Flowable]:
    return [
        shared.title,
        Spacer(0, 3 * mm),
        _IdentityBox(letter.identity, shared),
        Spacer(0, 3 * mm),
        shared.intro(letter.identity, len(letter.orals)),
        Spacer(0, 2 * mm),
        _Orals(letter.orals, shared),
        shared.instructions,
        Spacer(0, 3 * mm),
        shared.signature(letter.issued_on),
    ]


# ---------------------------------------------------------------------------------------------
# What changes from one letter to the next, drawn straight on the canvas


class _Text:
    """Lines already broken to a width, in one face and size."""

    __slots__ = ("color", "font", "lines", "size")

    def __init__(
        self, text: str, font: str, size: float, width: float, color: colors.Color = colors.black
    ) -> None:
        self.font, self.size, self.color = font, size, color
        text = " ".join(text.split("\n")).strip()
        self.lines = (
            wrap_line(text, font, size, width) if width_of(text, font, size) > width else [text]
        )

    @property
    def height(self) -> float:
        return len(self.lines) * LEADING

    def draw(self, canvas: Canvas, x: float, top: float) -> None:
        text = canvas.beginText()
        text.setFont(self.font, self.size)
        text.setFillColor(self.color)
        y = top - VALUE_SIZE  # labels and values of a row share their baseline
        for line in self.lines:
            text.setTextOrigin(x, y)
            text._textOut(line)  # type: ignore[attr-defined]  # placed: no cursor to move
            y -= LEADING
        canvas.drawText(text)


class _IdentityBox(Flowable):
    """Nom, prénom, civilité, date de naissance, numéro de candidat, in a shaded box."""

    COLUMNS = (35 * mm, 50 * mm, 33 * mm, BODY_WIDTH - 118 * mm)

    def __init__(self, identity: Identity, shared: _Shared) -> None:
        super().__init__()
        sans, bold = shared.sans, shared.bold
        birth = long_date(identity.birth_date) if identity.birth_date else "—"
        cells = [
            [
                ("Nom", False, False),
                (identity.name, True, True),
                ("Prénom", False, False),
                (identity.given_name, True, True),
            ],
            [
                ("Civilité", False, False),
                (identity.civility, False, True),
                ("Date de naissance", False, False),
                (birth, False, True),
            ],
            [("Numéro de candidat", False, False), (identity.number, True, True)],
        ]
        if identity.birth_name:  # « MARTIN », then « Nom de naissance : DUPONT »
            cells[2] += [("Nom de naissance", False, False), (identity.birth_name, True, True)]
        self.rows: list[list[_Text]] = []
        for row in cells:
            texts = []
            for column, (text, strong, value) in enumerate(row):
                width = self.COLUMNS[column] - 2 * PAD_X
                if value:
                    texts.append(_Text(text, bold if strong else sans, VALUE_SIZE, width))
                else:
                    texts.append(_Text(text, sans, LABEL_SIZE, width, MUTED))
            self.rows.append(texts)
        self.heights = [max(t.height for t in row) + 2 * PAD_Y for row in self.rows]
        self.width = BODY_WIDTH
        self.height = sum(self.heights)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(SHADE)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        top = self.height
        for row, height in zip(self.rows, self.heights, strict=True):
            x = 0.0
            for column, text in enumerate(row):
                text.draw(canvas, x + PAD_X, top - PAD_Y)
                x += self.COLUMNS[column]
            top -= height
        canvas.setFillColor(colors.black)


class _OralBox:
    """One oral: discipline (code and title) in a header band, then date, heure d'arrivée,
    préparation and interrogation (duration and start), salle."""

    LABEL = 29 * mm

    def __init__(self, oral: OralSlot, width: float, shared: _Shared) -> None:
        sans, bold = shared.sans, shared.bold
        value_width = width - self.LABEL - 2 * PAD_X
        self.width = width
        heading = (
            f"{oral.discipline} — {oral.title}"
            if oral.discipline not in oral.title
            else oral.title[:1].upper() + oral.title[1:]
        )
        self.title = _Text(heading, bold, VALUE_SIZE, width - 2 * PAD_X)
        preparation = (
            f"{minutes(oral.preparation_minutes)}, à partir de {clock(oral.preparation_start)}"
        )
        examination = f"{minutes(oral.exam_minutes)}, à partir de {clock(oral.exam_start)}"
        rows = [
            ("Date", weekday_date(oral.exam_start.date()), True),
            ("Heure d'arrivée", clock(oral.arrival), True),
            ("Préparation", preparation, False),
            ("Interrogation", examination, False),
            ("Salle", unbroken(_room(oral.room)), True),
            ("Adresse", shared.place_text, False),
        ]
        self.rows = [
            (
                _Text(label, sans, LABEL_SIZE, self.LABEL - PAD_X, MUTED),
                _Text(value, bold if strong else sans, VALUE_SIZE, value_width),
            )
            for label, value, strong in rows
        ]
        self.band = self.title.height + 7.0
        self.rows_height = (
            sum(max(label.height, value.height) + 3.6 for label, value in self.rows) + 4.5
        )

    @property
    def height(self) -> float:
        return self.band + self.rows_height

    def draw(self, canvas: Canvas, x: float, top: float, height: float) -> None:
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.6)
        canvas.rect(x, top - height, self.width, height, stroke=1, fill=0)
        canvas.setFillColor(SHADE)
        canvas.rect(x, top - self.band, self.width, self.band, stroke=0, fill=1)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(x, top - self.band, x + self.width, top - self.band)
        self.title.draw(canvas, x + PAD_X, top - 3.5)
        y = top - self.band - 3.0
        for label, value in self.rows:
            label.draw(canvas, x + PAD_X, y)
            value.draw(canvas, x + self.LABEL, y)
            y -= max(label.height, value.height) + 3.6
        canvas.setFillColor(colors.black)


def _room(room: str) -> str:
    """The room under the label « Salle »: « B12 », and « Amphithéâtre A » as it is named,
    never « Salle Salle 100 »."""
    label = room_label(room)
    if label == f"salle {room.strip()}":
        return room.strip()
    if label.casefold().startswith("salle "):
        return label[6:].strip()
    return label


class _Orals(Flowable):
    """The orals two by two side by side, boxes of a pair of the same height; a single oral
    takes the whole width."""

    GAP = 5 * mm

    def __init__(self, orals: Sequence[OralSlot], shared: _Shared) -> None:
        super().__init__()
        ordered = sorted(orals, key=lambda oral: oral.exam_start)
        self.width = BODY_WIDTH
        self.empty = (
            _Text("Aucune épreuve n'est fixée à ce jour.", shared.sans, 10, BODY_WIDTH)
            if not ordered
            else None
        )
        box_width = BODY_WIDTH if len(ordered) == 1 else (BODY_WIDTH - self.GAP) / 2
        boxes = [_OralBox(oral, box_width, shared) for oral in ordered]
        self.pairs = [boxes[i : i + 2] for i in range(0, len(boxes), 2)]
        for pair in self.pairs:  # the bands of a pair as high as the higher: rows line up
            band = max(box.band for box in pair)
            for box in pair:
                box.band = band
        self.heights = [max(box.height for box in pair) for pair in self.pairs]
        self.height = sum(self.heights) + self.GAP * len(self.pairs) if self.pairs else LEADING

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if self.empty is not None:
            self.empty.draw(canvas, 0, self.height)
            return
        top = self.height
        for pair, height in zip(self.pairs, self.heights, strict=True):
            x = 0.0
            for box in pair:
                box.draw(canvas, x, top, height)
                x += box.width + self.GAP
            top -= height + self.GAP
