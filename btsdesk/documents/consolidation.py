"""The documents of the parcours de consolidation (domain.md §8): the letter proposing a parcours
to a first-year student from bac pro and their family, the one-page summary of the autumn
conseil de classe for the établissement, and the one-page indicators of the comité de suivi.

The letters follow the convocations: one A4 page each, folded in three into a DL window
envelope (the address at the same place), the letter in an upper frame held to it (shrunk,
never split), and a reply slip to cut out in a lower frame at the foot of the page. The summary
and the indicators are landscape lists opened by the usual title block, « page N / M » at the
foot. Rates stay exact (:class:`fractions.Fraction`) and are printed with
:func:`~btsdesk.core.consolidation.percent_text`; only the chart's bar heights are floats."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    FrameBreak,
    KeepInFrame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from btsdesk.core.consolidation import (
    Answer,
    BacOrigin,
    Cohort,
    Followed,
    Indicators,
    Level,
    Measure,
    Student,
    conseil_counts,
    count_words,
    percent_text,
)
from btsdesk.documents.convocation import (
    ADDRESS_HEIGHT,
    ADDRESS_LEFT,
    ADDRESS_TOP,
    ADDRESS_WIDTH,
    BODY_TOP,
    LEFT,
    LETTERHEAD_WIDTH,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    TOP,
)
from btsdesk.documents.fonts import CONDENSED, SANS, SANS_BOLD, face
from btsdesk.documents.french import NBSP, lines_of, long_date, para, short_date
from btsdesk.documents.model import ClassHeader, Header, ProposalLetter
from btsdesk.documents.style import (
    ACCENT,
    GRID,
    LANDSCAPE,
    LIGHT,
    MUTED,
    PORTRAIT,
    SHADE,
    Styles,
    TableCommand,
    document,
    draw_letterhead,
    draw_lines,
    fit_block,
    frame,
    image_flowable,
    listing,
    numbered_canvas,
    signed,
    sort_key,
    styles,
)

# The letter: the body under the window (as the convocation), the reply slip at the foot.
# The object of the letter (title, class, to whom) stands on the left, beside the window and
# under the letterhead (which ends about 60 mm from the top with a logo).
OBJECT_TOP = 64 * mm  # from the top edge
OBJECT_HEIGHT = BODY_TOP - 4 * mm - OBJECT_TOP
SLIP_BOTTOM = 11 * mm
SLIP_HEIGHT = 47 * mm
LETTER_BOTTOM = SLIP_BOTTOM + SLIP_HEIGHT + 2 * mm
LETTER_WIDTH = PAGE_WIDTH - LEFT - RIGHT
LETTER_HEIGHT = PAGE_HEIGHT - BODY_TOP - LETTER_BOTTOM

LIST_MARGIN = 12 * mm
LIST_WIDTH = LANDSCAPE[0] - 2 * LIST_MARGIN
LIST_FIRST_HEIGHT = LANDSCAPE[1] - 12 * mm - 17 * mm  # the first frame of style.listing
ONE_PAGE_CLASS = 40  # up to this many students, the summary is shrunk to hold on one page

# Short forms for the summary's table, explained in its legend.
MEASURE_CODES = {
    Measure.GROUPES_REDUITS: "GR",
    Measure.ACCOMPAGNEMENT_PERSONNALISE: "AP",
    Measure.METHODOLOGIE: "MÉ",
    Measure.AMENAGEMENT_STAGES: "ST",
    Measure.AUTRE: "autre",
}
ORIGIN_SHORT = {
    BacOrigin.PROFESSIONNEL: "bac pro",
    BacOrigin.TECHNOLOGIQUE: "bac techno",
    BacOrigin.GENERAL: "bac général",
    BacOrigin.AUTRE: "autre",
}

PARCOURS_TEXT = (
    "Le parcours de consolidation est une <b>organisation temporaire et personnalisée de "
    "votre formation</b>, décidée pour vous aider à réussir : elle renforce vos acquis, vos "
    "méthodes de travail et votre autonomie dans le travail personnel, en visant le BTS en "
    "deux ans si possible, en trois ans si nécessaire. Elle ne change aucune règle de "
    "l'examen : les épreuves, leurs coefficients et les conditions de délivrance du diplôme "
    "sont les mêmes pour tous les candidats."
)


def school_year(header: ClassHeader) -> str:
    """« Année scolaire 2026-2027 »."""
    return f"Année scolaire {header.year}-{header.year + 1}"


def _as_header(header: ClassHeader) -> Header:
    """The class named as the shared page furniture (letterhead, title block, metadata)
    expects it."""
    return Header(
        academie=header.academie,
        centre_name=header.etablissement,
        centre_address=header.address,
        year=header.year,
        session_title=school_year(header),
        specialty=header.specialty,
        president=header.head,
        place=header.place,
        regime_rule="",
        logo=header.logo,
        signature=header.signature,
    )


def head_title(header: ClassHeader) -> str:
    return (
        "La cheffe d'établissement"
        if header.head.strip().startswith("Mme")
        else "Le chef d'établissement"
    )


def head_signature_block(
    header: ClassHeader,
    day: date,
    s: Styles,
    *,
    line_gap: float = 12 * mm,
    picture_height: float = 14 * mm,
) -> Table:
    """The chef d'établissement's signature block."""
    return signed(
        header.place,
        head_title(header),
        header.head,
        header.signature,
        day,
        s,
        line_gap=line_gap,
        picture_height=picture_height,
    )


def _no_padding() -> TableStyle:
    return TableStyle(
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )


def full_name(student: Student) -> str:
    """« Émilie-Françoise N'DIAYE »."""
    return f"{student.given_name} {student.surname.upper()}".strip()


def _of(name: str) -> str:
    """« de » before a name, elided before a vowel: « d'Émilie », « de Hugo »."""
    first = sort_key(name[:1])
    return f"d'{name}" if first and first in "aeiouy" else f"de {name}"


# ---------------------------------------------------------------------------------------------
# The proposal letters


def proposal_letters_pdf(header: ClassHeader, letters: Sequence[ProposalLetter]) -> bytes:
    """The letters proposing a parcours de consolidation, one A4 page each, in the order
    given, as one PDF."""
    s = styles()
    shared = _as_header(header)
    letters = list(letters)
    buffer = io.BytesIO()

    def furniture(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if not canvas.hasForm("btsdesk-letterhead"):
            canvas.beginForm("btsdesk-letterhead")
            draw_letterhead(canvas, shared, LEFT, PAGE_HEIGHT - TOP, LETTERHEAD_WIDTH)
            canvas.endForm()
        canvas.doForm("btsdesk-letterhead")
        index = doc.page - 1
        if index < len(letters):
            _draw_address(canvas, letters[index])

    subject = frame(
        LEFT, PAGE_HEIGHT - OBJECT_TOP - OBJECT_HEIGHT, LETTERHEAD_WIDTH, OBJECT_HEIGHT, "object"
    )
    body = frame(LEFT, LETTER_BOTTOM, LETTER_WIDTH, LETTER_HEIGHT, "letter")
    slip = frame(LEFT, SLIP_BOTTOM, LETTER_WIDTH, SLIP_HEIGHT, "slip")
    template = PageTemplate("proposal", [subject, body, slip], onPage=furniture, pagesize=PORTRAIT)
    doc = document(
        buffer,
        PORTRAIT,
        f"Propositions de parcours de consolidation — {school_year(header)}",
        shared,
        [template],
    )
    story: list[Flowable] = []
    for letter in letters:
        story += [
            KeepInFrame(LETTERHEAD_WIDTH, OBJECT_HEIGHT, _object(header, letter, s), mode="shrink"),
            FrameBreak(),
            KeepInFrame(LETTER_WIDTH, LETTER_HEIGHT, _letter(header, letter, s), mode="shrink"),
            FrameBreak(),
            KeepInFrame(LETTER_WIDTH, SLIP_HEIGHT, _slip(header, letter, s), mode="shrink"),
            PageBreak(),
        ]
    if story:
        story.pop()  # no blank page after the last letter
    else:
        story.append(Paragraph("Aucune proposition.", s.body))
    doc.build(story)
    return buffer.getvalue()


def _draw_address(canvas: Canvas, letter: ProposalLetter) -> None:
    font = face(SANS)
    lines, size = fit_block(
        [full_name(letter.student), *lines_of(letter.address)],
        font,
        ADDRESS_WIDTH,
        ADDRESS_HEIGHT,
        size=10.5,
        smallest=7,
    )
    draw_lines(canvas, lines, ADDRESS_LEFT, PAGE_HEIGHT - ADDRESS_TOP, font, size)


def _measure_text(letter: ProposalLetter, measure: Measure) -> str:
    if measure is Measure.AUTRE:
        return f"autre mesure{NBSP}: {para(letter.proposal.other_measure.strip())}"
    return para(measure.label)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _letter(header: ClassHeader, letter: ProposalLetter, s: Styles) -> list[Flowable]:
    proposal = letter.proposal
    years = proposal.planned_years
    if years == 3:
        length = (
            f"<b>BTS en 3{NBSP}ans</b> : votre formation est organisée sur trois années "
            "au lieu de deux, pour vous laisser le temps de consolider vos acquis."
        )
    else:
        length = (
            f"<b>BTS en 2{NBSP}ans</b> : le parcours s'inscrit dans la durée habituelle "
            "de la formation."
        )
    story: list[Flowable] = [
        Paragraph(
            f"Réuni le {long_date(letter.conseil_date)}, le conseil de classe a "
            "examiné les observations de l'équipe pédagogique sur vos premières "
            "semaines de formation. Il vous propose de suivre un "
            "<b>parcours de consolidation</b> en première année de "
            f"{para(header.specialty)}.",
            s.body,
        ),
        Paragraph("Le parcours de consolidation", s.heading),
        Paragraph(PARCOURS_TEXT, s.body),
        Paragraph("Les mesures proposées", s.heading),
    ]
    story += [
        Paragraph(_capitalised(_measure_text(letter, measure)), s.bullet, bulletText="•")
        for measure in proposal.sorted_measures()
    ]
    story += [
        Paragraph("Durée prévue de la formation", s.heading),
        Paragraph(length, s.body),
        Spacer(0, 2 * mm),
        Paragraph(
            "Ce parcours vous est proposé, il ne vous est pas imposé : merci de remettre "
            "votre réponse, sur le coupon ci-dessous, à votre professeur principal.",
            s.body,
        ),
        Spacer(0, 2 * mm),
        head_signature_block(header, letter.issued_on, s, line_gap=9 * mm),
    ]
    return story


@lru_cache(maxsize=1)
def _object_title() -> ParagraphStyle:
    return ParagraphStyle("object_title", parent=styles().title, fontSize=14, leading=17)


def _object(header: ClassHeader, letter: ProposalLetter, s: Styles) -> list[Flowable]:
    """What the letter is about and to whom, beside the window."""
    return [
        Paragraph("Proposition d'un parcours de consolidation", _object_title()),
        Paragraph(f"{para(school_year(header))}<br/>{para(header.division)}", s.subtitle),
        Spacer(0, 2.5 * mm),
        Paragraph(
            f"<b>À l'attention {para(_of(full_name(letter.student)))} et de sa famille</b>", s.body
        ),
    ]


class _CutLine(Flowable):
    """A dashed line across the page with scissors and what to do with the slip."""

    def __init__(self, width: float, text: str) -> None:
        super().__init__()
        self.width, self.height, self.text = width, 5 * mm, text

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        y = self.height - 1.5 * mm
        font, size = face(SANS), 7.5
        text_width = stringWidth(self.text, font, size)
        gap_left = (self.width - text_width) / 2 - 2 * mm
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.5)
        canvas.setDash(3, 2)
        canvas.line(5 * mm, y, gap_left, y)
        canvas.line(self.width - gap_left, y, self.width, y)
        canvas.setDash()
        canvas.setFillColor(MUTED)
        canvas.setFont(font, 10)
        canvas.drawString(0, y - 3.5, "\u2702")
        canvas.setFont(font, size)
        canvas.drawCentredString(self.width / 2, y - 2.5, self.text)
        canvas.setFillColor(colors.black)


def _slip(header: ClassHeader, letter: ProposalLetter, s: Styles) -> list[Flowable]:
    student = letter.student
    box = "\u2610"
    who = (
        f"Étudiant(e){NBSP}: <b>{para(full_name(student))}</b> · n°{NBSP}"
        f"{para(student.number)} · {para(header.division)}"
    )
    signatures = Table(
        [
            [
                Paragraph("Date et signature de l'étudiant(e)", s.label),
                Paragraph(
                    "Date et signature du représentant légal (pour un étudiant mineur)", s.label
                ),
            ]
        ],
        colWidths=[LETTER_WIDTH / 2] * 2,
        rowHeights=[15 * mm],
    )
    signatures.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    choices = Table(
        [
            [
                Paragraph(f"{box}{NBSP} <b>J'accepte</b> le parcours de consolidation", s.body),
                Paragraph(f"{box}{NBSP} <b>Je refuse</b> le parcours de consolidation", s.body),
            ]
        ],
        colWidths=[LETTER_WIDTH / 2] * 2,
    )
    choices.setStyle(_no_padding())
    return [
        _CutLine(LETTER_WIDTH, "Coupon-réponse à découper et à remettre au professeur principal"),
        Spacer(0, 1 * mm),
        Paragraph("Réponse à la proposition d'un parcours de consolidation", s.body_bold),
        Paragraph(f"{who} · conseil de classe du {short_date(letter.conseil_date)}", s.small),
        Spacer(0, 2 * mm),
        choices,
        Spacer(0, 2 * mm),
        signatures,
    ]


# ---------------------------------------------------------------------------------------------
# The conseil de classe's summary


def conseil_summary_pdf(
    header: ClassHeader, conseil_date: date, followed: Sequence[Followed]
) -> bytes:
    """The conseil de classe's decisions on one landscape page (more if the class is very
    large): the counts, then every student, those from bac pro first."""
    s = styles()
    shared = _as_header(header)
    students = list(followed)
    counts = conseil_counts(students)  # also refuses a student listed twice
    title = "Décisions du conseil de classe"
    details = [
        f"Parcours de consolidation · {para(header.division)} · conseil du "
        f"{long_date(conseil_date)}"
    ]
    story: list[Flowable] = _compact_title(header, title, details)
    closing = Table(
        [
            [
                Paragraph(_summary_legend(), s.tiny),
                head_signature_block(
                    header, conseil_date, s, line_gap=8 * mm, picture_height=9 * mm
                ),
            ]
        ],
        colWidths=[LIST_WIDTH - 96 * mm, 96 * mm],
    )
    closing.setStyle(
        TableStyle([*_no_padding().getCommands(), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story += [
        _counts_table(counts, s),
        Spacer(0, 2.5 * mm),
        _students_table(students, s),
        Spacer(0, 1.5 * mm),
        closing,
    ]
    if len(students) <= ONE_PAGE_CLASS:  # a little smaller rather than a second page
        story = [KeepInFrame(LIST_WIDTH, LIST_FIRST_HEIGHT, story, mode="shrink")]
    buffer = io.BytesIO()
    doc = listing(buffer, LANDSCAPE, shared, "Conseil de classe", margin=LIST_MARGIN)
    footer = (
        f"Parcours de consolidation · {header.division} · conseil de classe du "
        f"{long_date(conseil_date)}"
    )
    doc.build(story, canvasmaker=numbered_canvas(footer, LIST_MARGIN))
    return buffer.getvalue()


def _compact_title(header: ClassHeader, title: str, details: Sequence[str]) -> list[Flowable]:
    """The opening of the one-page summary and indicators, shorter than the lists' title
    block so that a class of 35 holds on the page: the logo, académie and établissement on
    the left; the title (already safe for a Paragraph), its details, the school year and the
    specialty on the right; a rule under them."""
    s = styles()
    left: list[Flowable] = []
    logo = image_flowable(header.logo, 32 * mm, 13 * mm)
    if logo is not None:
        left += [logo, Spacer(0, 1.5 * mm)]
    left += [
        Paragraph(para(header.academie), s.org),
        Paragraph(para(header.etablissement), s.cell_bold),
    ]
    right_title = ParagraphStyle(
        "title_right", parent=s.title, alignment=TA_RIGHT, fontSize=14, leading=17.5, spaceAfter=1
    )
    right_details = ParagraphStyle("subtitle_right", parent=s.subtitle, alignment=TA_RIGHT)
    right: list[Flowable] = [Paragraph(title, right_title)]
    right += [Paragraph(line, right_details) for line in details]
    right.append(Paragraph(f"{para(school_year(header))} · {para(header.specialty)}", s.cell_right))
    top = Table([[left, right]], colWidths=[LIST_WIDTH * 0.3, LIST_WIDTH * 0.7])
    top.setStyle(
        TableStyle(
            [
                *_no_padding().getCommands(),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ]
        )
    )
    return [top, Spacer(0, 3.5 * mm)]


def _counts_table(counts: dict[str, int], s: Styles) -> Table:
    """The live counts of the conseil on one shaded row: the number, then what it counts."""
    words = {label: count_words(label, count) for label, count in counts.items()}  # 0, 1: singular
    cells = [
        Paragraph(f'<font size="12">{count}</font>{NBSP} {para(words[label])}', _count_style())
        for label, count in counts.items()
    ]
    # each cell as wide as its words need, so that none breaks on a landscape page
    bold = face(SANS_BOLD)
    needs = [
        stringWidth(str(count), bold, 12) + stringWidth(f" {words[label]}", bold, 8.5) + 12
        for label, count in counts.items()
    ]
    table = Table([cells], colWidths=[LIST_WIDTH * need / sum(needs) for need in needs])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


@lru_cache(maxsize=1)
def _count_style() -> ParagraphStyle:
    return ParagraphStyle(
        "count", parent=styles().head, fontSize=8.5, leading=14, alignment=TA_CENTER
    )


def _level(level: Level | None, s: Styles) -> Paragraph:
    if level is None:
        return Paragraph("—", s.tiny_center)
    if level is Level.INSUFFISANT:
        return Paragraph(f"<b>{level.label}</b>", s.tiny_center)
    return Paragraph(level.label, s.tiny_center)


def _ordered(students: Sequence[Followed]) -> list[Followed]:
    """Bac pro first, then the other origins in their order; by name within each."""
    order = list(BacOrigin)
    return sorted(
        students,
        key=lambda f: (
            order.index(f.student.origin),
            sort_key(f.student.surname),
            sort_key(f.student.given_name),
            f.student.number,
        ),
    )


def _students_table(students: Sequence[Followed], s: Styles) -> Table:
    cell, center, head = s.tiny, s.tiny_center, s.tiny_head
    columns = (
        "N°",
        "Étudiant(e)",
        "Bac d'origine",
        "Acquis académiques",
        "Méthodologie",
        "Autonomie",
        "Assiduité",
        "Repéré à risque",
        "Parcours proposé",
        "Mesures",
        "Durée prévue",
        "Réponse",
    )
    data: list[list[object]] = [[Paragraph(text, head) for text in columns]]
    for one in _ordered(students):
        student, observations, proposal = one.student, one.observations, one.proposal
        origin = ORIGIN_SHORT[student.origin]
        if student.bac_pro_specialty.strip():
            origin += f" · {student.bac_pro_specialty.strip()}"
        levels = (
            (
                observations.academic,
                observations.method,
                observations.autonomy,
                observations.attendance,
            )
            if observations is not None
            else (None,) * 4
        )
        decided = "—" if proposal is None else "<b>oui</b>" if proposal.proposed else "non"
        measures = length = answer = "—"
        if proposal is not None and proposal.proposed:
            codes = [MEASURE_CODES[m] for m in proposal.sorted_measures()]
            if Measure.AUTRE in proposal.measures:
                codes[-1] = f"autre{NBSP}: {proposal.other_measure.strip()}"
            measures = para(", ".join(codes))
            length = f"{proposal.planned_years}{NBSP}ans"
            answer = proposal.answer.label
            if proposal.answer is not Answer.EN_ATTENTE:
                answer = f"<b>{answer}</b>"
        data.append(
            [
                Paragraph(para(student.number), cell),
                Paragraph(
                    f"<b>{para(student.surname.upper())}</b> {para(student.given_name)}", cell
                ),
                Paragraph(para(origin), cell),
                *(_level(level, s) for level in levels),
                Paragraph("oui" if one.at_risk else "—", center),
                Paragraph(decided, center),
                Paragraph(measures, cell),
                Paragraph(length, center),
                Paragraph(answer, center),
            ]
        )
    widths = [
        17 * mm,
        44 * mm,
        52 * mm,
        19.5 * mm,
        19.5 * mm,
        19.5 * mm,
        19.5 * mm,
        13 * mm,
        14 * mm,
        0.0,
        12 * mm,
        16 * mm,
    ]
    widths[9] = LIST_WIDTH - sum(widths)
    pro = sum(1 for f in students if f.student.origin is BacOrigin.PROFESSIONNEL)
    table = Table(data, colWidths=widths, repeatRows=1)
    commands: list[TableCommand] = [
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 0.45),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.45),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("LINEAFTER", (2, 0), (2, -1), 0.8, ACCENT),
        ("LINEAFTER", (7, 0), (7, -1), 0.8, ACCENT),
        *(("BACKGROUND", (0, i), (-1, i), LIGHT) for i in range(2, len(data), 2)),
    ]
    if 0 < pro < len(students):
        commands.append(("LINEBELOW", (0, pro), (-1, pro), 1.2, ACCENT))
    table.setStyle(TableStyle(commands))
    return table


def _summary_legend() -> str:
    codes = " · ".join(
        f"{MEASURE_CODES[m]}{NBSP}: {m.label}" for m in Measure if m is not Measure.AUTRE
    )
    return (
        f"Mesures{NBSP}: {codes}. Repéré à risque : au moins une dimension insuffisante ou "
        "deux fragiles parmi les acquis académiques, la méthodologie et l'autonomie "
        "(l'assiduité est indiquée sans compter) ; le conseil de classe décide."
    )


# ---------------------------------------------------------------------------------------------
# The comité de suivi's indicators


SERIES = (
    ("Taux de passage en 2e année", ACCENT),
    ("Taux de BTS obtenu (en 2 ou 3 ans)", colors.HexColor("#C8822B")),
)


def _bts_rate(cohort: Cohort) -> Fraction | None:
    if not cohort.total:
        return None
    return Fraction(cohort.bts_in_2_years + cohort.bts_in_3_years, cohort.total)


def indicators_pdf(header: ClassHeader, indicators: Indicators, title: str) -> bytes:
    """The indicators on one landscape page: the table of :meth:`Indicators.rows` and a bar
    chart of the passage and BTS rates per origin, with and without parcours."""
    s = styles()
    shared = _as_header(header)
    details = [f"{para(header.division)} · comité de suivi du parcours de consolidation"]
    story: list[Flowable] = _compact_title(header, para(title), details)
    story += [
        _indicators_table(indicators, s),
        Spacer(0, 1.5 * mm),
        Paragraph(
            "Taux calculés sur l'effectif entré en première année, étudiants en "
            "cours compris, tronqués au dixième. Avec parcours : parcours proposé "
            "et accepté ; un parcours refusé ou sans réponse compte sans parcours.",
            s.note,
        ),
        Spacer(0, 3 * mm),
        KeepTogether(
            [
                Paragraph("Passage en 2e année et BTS obtenu, par origine", s.heading),
                _Chart(indicators),
            ]
        ),
    ]
    buffer = io.BytesIO()
    doc = listing(buffer, LANDSCAPE, shared, "Indicateurs", margin=LIST_MARGIN)
    footer = f"{title} · {header.division} · {school_year(header)}"
    doc.build(story, canvasmaker=numbered_canvas(footer, LIST_MARGIN))
    return buffer.getvalue()


def _indicators_table(indicators: Indicators, s: Styles) -> Table:
    rows = indicators.rows()
    head: list[object] = [Paragraph(para(text), s.head) for text in rows[0]]
    data: list[list[object]] = [head]
    for index, row in enumerate(rows[1:], start=1):
        last = index == len(rows) - 1
        text = [f"<b>{para(value)}</b>" if last else para(value) for value in row]
        data.append(
            [
                Paragraph(text[0], s.cell),
                Paragraph(text[1], s.cell),
                *(Paragraph(value.replace(" %", f"{NBSP}%"), s.cell_right) for value in text[2:]),
            ]
        )
    widths = [38 * mm, 30 * mm] + [0.0] * 9
    rest = (LIST_WIDTH - 68 * mm) / 9
    widths[2:] = [rest] * 9
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.3, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
                ("BACKGROUND", (0, -1), (-1, -1), LIGHT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


class _Chart(Flowable):
    """The chart, as tall as the room left on the page allows (between the two bounds): the
    table above it has one to nine rows."""

    LOWEST, HIGHEST = 42 * mm, 80 * mm

    def __init__(self, indicators: Indicators) -> None:
        super().__init__()
        self.indicators = indicators
        self.width, self.height = LIST_WIDTH, self.LOWEST
        self.drawing: Drawing | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = max(self.LOWEST, min(self.HIGHEST, availHeight - 1))
        self.drawing = _chart(self.indicators, self.height)
        return self.width, self.height

    def draw(self) -> None:
        if self.drawing is None:  # pragma: no cover - Platypus wraps before drawing
            self.drawing = _chart(self.indicators, self.height)
        self.drawing.drawOn(self.canv, 0, 0)


def _filled_rect(x: float, y: float, width: float, height: float, colour: colors.Color) -> Rect:
    """A rectangle filled with `colour`, without outline. Its colours are set after it is
    made: the Rect stub of types-reportlab types its keywords without Unpack."""
    rect = Rect(x, y, width, height)
    rect.fillColor = colour
    rect.strokeColor = None
    return rect


def _chart(indicators: Indicators, height: float) -> Drawing:
    """Two bars per group (passage, BTS), the groups of each origin side by side (with, then
    without parcours), the whole class last; each bar labelled with its exact French
    percentage. Empty groups are left out."""
    sans, bold, cond = face(SANS), face(SANS_BOLD), face(CONDENSED)
    groups = [c for c in indicators.groups if c.total] + [indicators.overall]
    width = LIST_WIDTH
    drawing = Drawing(width, height)
    legend_height = 9 * mm
    axis_left, label_height = 14 * mm, 14 * mm
    plot_bottom = label_height
    plot_top = height - legend_height - 2 * mm
    plot_height = plot_top - plot_bottom
    plot_width = width - axis_left - 2 * mm

    # legend, top left
    x = axis_left
    for name, colour in SERIES:
        drawing.add(_filled_rect(x, height - 4.5 * mm, 4 * mm, 3 * mm, colour))
        drawing.add(String(x + 5.5 * mm, height - 4.3 * mm, name, fontName=sans, fontSize=8))
        x += 7 * mm + stringWidth(name, sans, 8) + 8 * mm

    # axis and grid: 0 to 100 %
    for tenth in range(0, 11, 2):
        y = plot_bottom + plot_height * tenth / 10
        drawing.add(
            Line(
                axis_left,
                y,
                axis_left + plot_width,
                y,
                strokeColor=GRID if tenth else colors.black,
                strokeWidth=0.3 if tenth else 0.6,
            )
        )
        drawing.add(
            String(
                axis_left - 1.5 * mm,
                y - 2.5,
                f"{tenth * 10}{NBSP}%",
                fontName=sans,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="end",
            )
        )

    slot = plot_width / max(1, len(groups))
    bar = min(14 * mm, slot * 0.34)
    for index, cohort in enumerate(groups):
        left = axis_left + index * slot
        centre = left + slot / 2
        rates = (cohort.passage_rate, _bts_rate(cohort))
        for which, ((_name, colour), rate) in enumerate(zip(SERIES, rates, strict=True)):
            x = centre - bar - 0.5 * mm if which == 0 else centre + 0.5 * mm
            value = rate if rate is not None else Fraction(0)
            top = plot_bottom + plot_height * float(value)
            if value:
                drawing.add(_filled_rect(x, plot_bottom, bar, top - plot_bottom, colour))
            text = percent_text(value, NBSP) if rate is not None else "—"
            size = 7 if stringWidth(text, cond, 7) <= bar + 2 * mm else 6
            drawing.add(
                String(
                    x + bar / 2,
                    top + 1.2 * mm,
                    text,
                    fontName=cond,
                    fontSize=size,
                    textAnchor="middle",
                )
            )
        origin = "Ensemble" if cohort.origin is None else ORIGIN_SHORT[cohort.origin]
        parcours = (
            ""
            if cohort.parcours is None
            else "avec parcours"
            if cohort.parcours
            else "sans parcours"
        )
        effectif = f"{cohort.total}{NBSP}étudiant{'s' if cohort.total > 1 else ''}"
        drawing.add(
            String(
                centre,
                plot_bottom - 3.5 * mm,
                origin,
                fontName=bold,
                fontSize=7.5,
                textAnchor="middle",
            )
        )
        for line, text in enumerate(t for t in (parcours, effectif) if t):
            drawing.add(
                String(
                    centre,
                    plot_bottom - (7 + 3 * line) * mm,
                    text,
                    fontName=sans,
                    fontSize=7,
                    fillColor=MUTED,
                    textAnchor="middle",
                )
            )
        if index == len(groups) - 2:
            edge = left + slot
            drawing.add(
                Line(
                    edge,
                    plot_bottom - label_height + 1 * mm,
                    edge,
                    plot_top,
                    strokeColor=GRID,
                    strokeWidth=0.6,
                    strokeDashArray=[2, 2],
                )
            )
    return drawing
