"""Relevés de notes (one page per candidate) and the procès-verbal de délibération (§5, R21,
R25): a landscape table of every candidate's grades per line, averages and decisions whose
header repeats on each page, the grade changes with their reasons, the counts per decision and
the signatures."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from btsdesk.documents.convocation import (
    BODY_BOTTOM,
    BODY_HEIGHT,
    BODY_WIDTH,
    LEFT,
    LETTERHEAD_WIDTH,
    TOP,
    Frozen,
    draw_address,
)
from btsdesk.documents.fonts import CONDENSED, SANS, SANS_BOLD, SANS_ITALIC, face, register_fonts
from btsdesk.documents.french import NBSP, long_date, para, typography, unbroken, weekday_date
from btsdesk.documents.grid import (
    Cell,
    Column,
    Rows,
    pair_cell,
    runs_cell,
    text_cell,
    whole_cell,
)
from btsdesk.documents.model import Deliberation, Header, Line, Member, ResultRow
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
    frame,
    image_flowable,
    listing,
    numbered_canvas,
    one_per_page,
    president_title,
    signature_block,
    sort_key,
    styles,
    title_block,
    wrap_line,
)

PV_MARGIN = 12 * mm
# the PV's results table abbreviates the longest decision (explained under the table)
SHORT_DECISIONS = {"epreuves de controle": "contrôle"}
PV_WIDTH = LANDSCAPE[0] - 2 * PV_MARGIN
LEGEND = (
    "ABJ : absence justifiée (compte 0) · ABS : absence non justifiée · DIS : dispense · "
    "— : pas de note"
)

# §5: the relevé's mentions
KEPT = (
    "Conservée : note égale ou supérieure à 10 sur 20, dont le bénéfice est gardé, à votre "
    "demande, pendant cinq ans à compter de son obtention pour une nouvelle présentation à "
    "l'examen (article D643-15 du code de l'éducation)."
)
APPEAL = (
    "Voies et délais de recours : la décision du jury peut être contestée devant le tribunal "
    "administratif dans un délai de deux mois à compter de sa notification."
)


def _grid_style(extra: Sequence[TableCommand] = (), header_rows: int = 1) -> TableStyle:
    last = header_rows - 1
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, last), SHADE),
            ("LINEBELOW", (0, last), (-1, last), 0.8, ACCENT),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
            *extra,
        ]
    )


def _shown(value: str) -> str:
    return para(value) if value.strip() else "—"


# ---------------------------------------------------------------------------------------------
# Relevés de notes


def transcripts_pdf(
    header: Header, lines: Sequence[Line], rows: Sequence[ResultRow], issued_on: date | None = None
) -> bytes:
    """One relevé de notes per candidate, one page each, in the order given; the address shows
    in the window of a DL envelope like the convocation's. `issued_on` (default: today) is the
    date of « Fait à … ».

    Speed (benchmarks/documents.py): as for the convocations, what every relevé shares — the
    title, the grid of the règlement's lines with their titles and coefficients, the
    mentions and the signature block — is laid out once and written once into the PDF as a
    form; each candidate's identity, grades and averages are drawn as plain strings straight
    on the canvas."""
    s = styles()
    day = issued_on or date.today()
    buffer = io.BytesIO()
    candidates = list(rows)
    shared = _TranscriptShared(header, tuple(lines), day, s)

    def furniture(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if not canvas.hasForm("btsdesk-letterhead"):
            canvas.beginForm("btsdesk-letterhead")
            draw_letterhead(canvas, header, LEFT, PORTRAIT[1] - TOP, LETTERHEAD_WIDTH)
            canvas.endForm()
        canvas.doForm("btsdesk-letterhead")
        index = doc.page - 1
        if index < len(candidates):
            draw_address(canvas, candidates[index].identity)

    template = PageTemplate(
        "releve",
        [frame(LEFT, BODY_BOTTOM, BODY_WIDTH, BODY_HEIGHT)],
        onPage=furniture,
        pagesize=PORTRAIT,
    )
    doc = document(
        buffer, PORTRAIT, f"Relevés de notes — {header.session_title}", header, [template]
    )
    pages = (shared.page(row) for row in candidates)
    nothing = Paragraph("Aucun relevé.", s.body)
    doc.build(one_per_page(pages, BODY_WIDTH, BODY_HEIGHT, nothing))
    return buffer.getvalue()


_IDENTITY_WIDTHS = (33 * mm, 52 * mm, 35 * mm, BODY_WIDTH - 120 * mm)
_SUMMARY_WIDTHS = (BODY_WIDTH - 44 * mm, 44 * mm)


class _Note(Flowable):
    """A note in the relevé's small italic, broken to the width as plain strings."""

    def __init__(self, text: str, width: float) -> None:
        super().__init__()
        font = face(SANS_ITALIC)
        self.lines = wrap_line(typography(" ".join(text.split())), font, 8.5, width)
        self.width, self.height = width, len(self.lines) * 11.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_lines(
            self.canv, self.lines, 0, self.height, face(SANS_ITALIC), 8.5, 11 / 8.5, color=MUTED
        )


class _TranscriptShared:
    """What every relevé of one run has in common, laid out once."""

    def __init__(self, header: Header, lines: tuple[Line, ...], day: date, s: Styles) -> None:
        self.header, self.lines, self.day, self.s = header, lines, day, s
        self.sans, self.bold = face(SANS), face(SANS_BOLD)
        self.title = Frozen(
            "btsdesk-releve-title",
            [
                Paragraph("Relevé de notes", s.title),
                Paragraph(f"{para(header.session_title)} · {para(header.specialty)}", s.subtitle),
            ],
            BODY_WIDTH,
        )
        self._grids: dict[bool, tuple[Table, list[Column], list[list[Cell]]]] = {}
        self._grades: dict[str, Cell] = {}  # « 12,50 » → its cell: grades repeat
        self._ends: dict[bool, Frozen] = {}

    def grades(self, kept: bool) -> tuple[Table, list[Column], list[list[Cell]]]:
        """The header of the grid of lines (with a « Conservée » column when some grade is
        kept), its columns and, per line, the cells every relevé shares (code, title,
        coefficient)."""
        if kept in self._grids:
            return self._grids[kept]
        s = self.s
        sans, bold, italic = self.sans, self.bold, face(SANS_ITALIC)
        titles = ("Épreuve", "Intitulé", "Coef.", "Note / 20") + (("Conservée",) if kept else ())
        widths = [20 * mm, BODY_WIDTH - 62 * mm, 18 * mm, 24 * mm]
        if kept:
            widths[1] -= 23 * mm
            widths.append(23 * mm)
        head = Table([[Paragraph(text, s.head) for text in titles]], colWidths=widths)
        head.setStyle(
            _grid_style(
                [("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6)]
            )
        )
        columns = [Column(widths[0], pad=3.5), Column(widths[1], pad=3.5)]
        columns += [Column(w, "right", 3.5) for w in widths[2:]]
        cells = []
        for line in self.lines:
            runs = [(sans, typography(line.title))]
            if line.facultative:
                runs.append((italic, " (facultative)"))
            cells.append(
                [
                    text_cell(typography(line.code), bold, 9, 11.5, widths[0] - 7),
                    runs_cell(runs, 9, 11.5, widths[1] - 7),
                    text_cell(typography(line.coefficient), sans, 9, 11.5, widths[2] - 7),
                ]
            )
        found = (head, columns, cells)
        self._grids[kept] = found
        return found

    def end(self, kept: bool) -> Frozen:
        """The legend, the mentions and the signature block, under the figures."""
        if kept in self._ends:
            return self._ends[kept]
        s = self.s
        flowables: list[Flowable] = [Spacer(0, 1 * mm), Paragraph(LEGEND, s.note)]
        if kept:
            flowables.append(Paragraph(KEPT, s.note))
        flowables += [
            Spacer(0, 1 * mm),
            Paragraph(APPEAL, s.note),
            Spacer(0, 3 * mm),
            signature_block(self.header, self.day, s),
        ]
        found = Frozen(f"btsdesk-releve-end-{int(kept)}", flowables, BODY_WIDTH)
        self._ends[kept] = found
        return found

    def identity(self, row: ResultRow) -> Rows:
        who = row.identity
        sans, bold = self.sans, self.bold
        label_width = [w - 5 - 6 for w in _IDENTITY_WIDTHS]

        def label(text: str, column: int) -> Cell:
            return text_cell(text, sans, 8.5, 11.5, label_width[column], MUTED)

        birth = long_date(who.birth_date) if who.birth_date else "—"
        cells = [
            [
                label("Nom", 0),
                whole_cell(unbroken(who.name), bold, 9, 11.5, label_width[1]),
                label("Prénom", 2),
                whole_cell(unbroken(who.given_name), bold, 9, 11.5, label_width[3]),
            ],
            [
                label("Date de naissance", 0),
                text_cell(birth, sans, 9, 11.5, label_width[1]),
                label("Numéro de candidat", 2),
                text_cell(who.number, bold, 9, 11.5, label_width[3]),
            ],
        ]
        if who.birth_name:  # under a nom d'usage, the name of birth on a row of its own
            cells.append(
                [
                    label("Nom de naissance", 0),
                    whole_cell(unbroken(who.birth_name), bold, 9, 11.5, label_width[1]),
                    label("", 2),
                    label("", 3),
                ]
            )
        return Rows(
            None,
            [Column(width, pad=5) for width in _IDENTITY_WIDTHS],
            cells,
            pad_y=3,
            box=(0.6, GRID),
            backgrounds=[SHADE] * len(cells),
        )

    def summary(self, row: ResultRow) -> Rows:
        sans, bold = self.sans, self.bold
        summary_rows = [
            ("Moyenne du domaine général", row.general, False),
            ("Moyenne du domaine professionnel", row.professional, False),
            ("Moyenne générale", row.average, True),
            ("Décision du jury (premier groupe)", row.decision, True),
        ]
        if row.orals or row.final_average or row.final_decision:
            for key, grade in row.orals.items():
                summary_rows.append((f"Épreuve de contrôle : {key}", grade, False))
            summary_rows += [
                ("Moyenne après les épreuves de contrôle", row.final_average, True),
                ("Décision finale du jury", row.final_decision, True),
            ]
        widths = (_SUMMARY_WIDTHS[0] - 5 - 3.5, _SUMMARY_WIDTHS[1] - 5 - 3.5)
        cells = [
            [
                text_cell(typography(text), bold if strong else sans, 9, 11.5, widths[0]),
                text_cell(_dash(typography(value)), bold if strong else sans, 9, 11.5, widths[1]),
            ]
            for text, value, strong in summary_rows
        ]
        return Rows(
            None,
            [Column(_SUMMARY_WIDTHS[0], pad=5), Column(_SUMMARY_WIDTHS[1], "right", 3.5)],
            cells,
            pad_y=1.6,
            grid=(0.4, GRID),
            backgrounds=[LIGHT if strong else None for _t, _v, strong in summary_rows],
        )

    def _grade(self, text: str, font: str) -> Cell:
        found = self._grades.get(text + font)
        if found is None:
            found = self._grades[text + font] = Cell((((font, text),),), 9, 11.5)
        return found

    def page(self, row: ResultRow) -> list[Flowable]:
        kept = set(row.kept)
        head, columns, shared = self.grades(bool(kept))
        cells = []
        for line, line_cells in zip(self.lines, shared, strict=True):
            more = [self._grade(_dash(row.grades.get(line.code, "")), self.bold)]
            if kept:
                more.append(self._grade("oui" if line.code in kept else "", self.sans))
            cells.append(line_cells + more)
        grades = Rows(
            head,
            columns,
            cells,
            pad_y=1.6,
            grid=(0.4, GRID),
            name=f"btsdesk-releve-head-{int(bool(kept))}",
            shared=3,  # code, title and coefficient: the same on every relevé
        )
        story: list[Flowable] = [
            self.title,
            Spacer(0, 3 * mm),
            self.identity(row),
            Spacer(0, 3 * mm),
            grades,
            Spacer(0, 2 * mm),
            self.summary(row),
        ]
        if row.reason.strip():
            story += [Spacer(0, 1.5 * mm), _Note(row.reason, BODY_WIDTH)]
        story.append(self.end(bool(kept)))
        return story


# ---------------------------------------------------------------------------------------------
# Procès-verbal de délibération


def deliberation_pdf(deliberation: Deliberation) -> bytes:
    """The PV de délibération, landscape A4, « page N / M » at the foot of every page."""
    d = deliberation
    s = styles()
    header = d.header
    stage = d.stage.strip()
    title = (
        "Projet de procès-verbal de délibération" if d.draft else "Procès-verbal de délibération"
    )
    details = [f"Délibération du jury · {para(stage)} · {weekday_date(d.held_on)}"]
    if d.draft:
        details.append("PROJET : la session n'est pas close, ce document ne vaut pas procès-verbal")
    story: list[Flowable] = title_block(header, title, details, PV_WIDTH)
    story += _roster(d, s)
    story += [
        Paragraph("Résultats des candidats", s.heading),
        _results_table(d, s),
        Spacer(0, 1.5 * mm),
        _line_legend(d.lines, s),
    ]
    story += _changes(d, s)
    if d.checks:
        story += [Paragraph("À vérifier avant de signer", s.heading)]
        story += [Paragraph(f"Attention : {para(check)}", s.warning) for check in d.checks]
    story += _counts(d, s)
    story += _signatures(d, s)
    buffer = io.BytesIO()
    doc = listing(buffer, LANDSCAPE, header, title, margin=PV_MARGIN)
    footer = (
        f"{title} · {header.specialty} · {header.session_title} · {stage} · {long_date(d.held_on)}"
    )
    doc.build(story, canvasmaker=numbered_canvas(footer, PV_MARGIN, "PROJET" if d.draft else ""))
    return buffer.getvalue()


def _presence(member: Member) -> str:
    ending = "e" if member.name.strip().startswith("Mme") else ""
    return f"présent{ending}" if member.present else f"<b>absent{ending}</b>"


def _is_professional(member: Member) -> bool:
    return "profession" in sort_key(member.quality)


def _summary(members: tuple[Member, ...]) -> str:
    """R25's counts: present members, the president apart (as the warnings count them)."""
    present = [m for m in members if m.present]
    president = [m for m in present if "presid" in sort_key(m.role)]
    others = [m for m in present if m not in president]
    pros = sum(1 for m in others if _is_professional(m))
    teachers = len(others) - pros
    parts = (["la présidence"] if president else []) + [
        f"{teachers} enseignant{'s' if teachers > 1 else ''}",
        f"{pros} professionnel{'s' if pros > 1 else ''}",
    ]
    return (
        f"{len(members)} membre{'s' if len(members) > 1 else ''}, "
        f"{len(present)} présent{'s' if len(present) > 1 else ''} : {', '.join(parts)}."
    )


def _roster(d: Deliberation, s: Styles) -> list[Flowable]:
    data: list[list[object]] = [
        [Paragraph(text, s.head) for text in ("Membre du jury", "Qualité", "Rôle", "Présence")]
    ]
    for member in d.members:
        data.append(
            [
                Paragraph(para(member.name), s.cell_bold),
                Paragraph(para(member.quality), s.cell),
                Paragraph(para(member.role), s.cell),
                Paragraph(_presence(member), s.cell),
            ]
        )
    summary = d.roster_summary or _summary(d.members)
    table = Table(data, colWidths=[70 * mm, 60 * mm, 40 * mm, 26 * mm], hAlign="LEFT", repeatRows=1)
    table.setStyle(_grid_style())
    out: list[Flowable] = [
        Paragraph("Composition du jury", s.heading),
        table,
        Spacer(0, 1.5 * mm),
        Paragraph(summary, s.small),
    ]
    if d.balance_warning:
        out.append(Paragraph(f"Attention : {para(d.balance_warning)}", s.warning))
    return out


def _oral_columns(d: Deliberation) -> bool:
    return d.stage.strip().casefold() == "final" or any(
        row.orals or row.final_average or row.final_decision for row in d.rows
    )


def _results_table(d: Deliberation, s: Styles) -> Rows:
    """One row per candidate, drawn straight on the canvas (documents/grid.py: 2,000
    candidates in well under a second); the two header rows repeat on every page."""
    finals = _oral_columns(d)
    lines = list(d.lines)
    widths_before, widths_after, line_width, size = _columns(len(lines), finals)
    cell, head = s.tiny, s.tiny_head
    code = (
        head
        if size == head.fontSize
        else ParagraphStyle(f"code{size}", parent=head, fontSize=size, leading=size * 1.2)
    )
    grade_style = (
        s.tiny_center
        if size == s.tiny_center.fontSize
        else ParagraphStyle(f"grade{size}", parent=s.tiny_center, fontSize=size, leading=size * 1.2)
    )

    first: list[object] = [Paragraph("N°", head), Paragraph("Candidat", head)]
    second: list[object] = ["", ""]
    for line in lines:
        first.append(Paragraph(para(line.code), code))
        coefficient = "fac." if line.facultative else f"×{NBSP}{para(line.coefficient)}"
        second.append(Paragraph(coefficient, grade_style))
    first += [
        Paragraph(text, head) for text in ("Moy. gén.", "Moy. pro.", "Moy. générale", "Décision")
    ]
    second += ["", "", "", ""]
    if finals:
        first += [Paragraph(text, head) for text in ("Contrôle", "Moy. finale", "Décision finale")]
        second += ["", "", ""]

    widths = [*widths_before, *([line_width] * len(lines)), *widths_after]
    last_line = 1 + len(lines)
    line_cells = ((2, 0), (last_line, -1))
    header = Table([first, second], colWidths=widths)
    header.setStyle(
        _grid_style(
            [
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (1, 1)),
                *(("SPAN", (c, 0), (c, 1)) for c in range(last_line + 1, len(widths))),
                ("LINEBELOW", (0, 0), (-1, 0), 0.3, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 1.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", *line_cells, 1),
                ("RIGHTPADDING", *line_cells, 1),
                ("LINEAFTER", (1, 0), (1, -1), 0.8, ACCENT),
                ("LINEAFTER", (last_line, 0), (last_line, -1), 0.8, ACCENT),
            ],
            header_rows=2,
        )
    )

    columns = [Column(widths_before[0]), Column(widths_before[1])]
    columns += [Column(line_width, "center", 1) for _line in lines]
    columns += [Column(w, "center") for w in widths_after[:3]] + [Column(widths_after[3])]
    if finals:
        columns += [Column(widths_after[4]), Column(widths_after[5], "center")]
        columns += [Column(widths_after[6])]
    font, bold, leading = cell.fontName, s.tiny_bold.fontName, cell.leading
    small = cell.fontSize

    def plain(text: str, face_: str = font, points: float = small) -> Cell:
        return Cell((((face_, text),),), points, leading * points / small)

    def wrapped(text: str, face_: str, column: int) -> Cell:
        return text_cell(text, face_, small, leading, columns[column].width - 2 * 2)

    name_width = widths_before[1] - 2 * 2
    decision_column = 2 + len(lines) + 3
    rows: list[list[Cell]] = []
    for row in d.rows:
        who = row.identity
        cells = [
            plain(who.number),
            # names broken between surname and given name only, never inside either
            pair_cell(
                (bold, unbroken(who.name)),
                (font, unbroken(who.given_name)),
                small,
                leading,
                name_width,
                smallest=5.0,
            ),
        ]
        cells += [plain(_dash(row.grades.get(line.code, "")), font, size) for line in lines]
        cells += [
            plain(_dash(row.general)),
            plain(_dash(row.professional)),
            plain(_dash(row.average), bold),
            wrapped(_short(row.decision), bold, decision_column),
        ]
        if finals:
            orals = " · ".join(
                f"{typography(key)}{NBSP}:{NBSP}{typography(value)}"
                for key, value in row.orals.items()
            )
            cells += [
                wrapped(orals or "—", font, decision_column + 1),
                plain(_dash(row.final_average), bold),
                wrapped(_short(row.final_decision), bold, decision_column + 3),
            ]
        rows.append(cells)
    return Rows(
        header,
        columns,
        rows,
        pad_y=1.6,
        grid=(0.4, GRID),
        stripe=LIGHT,
        rules=((1, 0.8, ACCENT), (last_line, 0.8, ACCENT)),
        name="btsdesk-pv-results-head",
    )


def _dash(value: str) -> str:
    return value.strip() or "—"


def _short(decision: str) -> str:
    return typography(SHORT_DECISIONS.get(sort_key(decision.strip()), decision.strip()) or "—")


def _columns(count: int, finals: bool) -> tuple[list[float], list[float], float, float]:
    """Widths of the results table: number and name, then one column per line, then the
    averages and decisions; and the font size of the grades. Few lines: the names get the
    spare width; many lines: the names and the orals' column narrow and the grades get smaller,
    so that a grade never breaks."""
    register_fonts()
    before = [18 * mm, 44 * mm]  # number, name
    after = [11 * mm, 11 * mm, 13 * mm, 17 * mm]  # moy. gén., moy. pro., moyenne, décision
    if finals:
        after += [30 * mm, 12 * mm, 17 * mm]  # contrôle, moyenne finale, décision finale
    count = max(1, count)
    width = (PV_WIDTH - sum(before) - sum(after)) / count
    if width > 16 * mm:
        before[1] += (width - 16 * mm) * count
        return before, after, 16 * mm, 7.0

    def needed(points: float) -> float:
        return float(stringWidth("20,00", face(CONDENSED), points)) + 2.5  # 1 pt padding a side

    if width >= needed(7.0):
        return before, after, width, 7.0
    before[1] = 34 * mm
    if finals:
        after[4] = 22 * mm
    width = (PV_WIDTH - sum(before) - sum(after)) / count
    for points in (7.0, 6.5, 6.0, 5.5, 5.0):
        if width >= needed(points):
            return before, after, width, points
    return before, after, width, 5.0


def _line_legend(lines: Sequence[Line], s: Styles) -> Paragraph:
    parts = [
        f"<b>{para(line.code)}</b> {para(line.title)} "
        f"({'facultative' if line.facultative else 'coef. ' + para(line.coefficient)})"
        for line in lines
    ]
    return Paragraph(
        " · ".join(parts) + ". " + LEGEND + " · contrôle : épreuves de contrôle.", s.tiny
    )


def _changes(d: Deliberation, s: Styles) -> list[Flowable]:
    out: list[Flowable] = [
        CondPageBreak(30 * mm),
        Paragraph("Modifications de notes décidées par le jury", s.heading),
    ]
    if not d.changes:
        out.append(Paragraph("Aucune note n'a été modifiée pendant la délibération.", s.body))
        return out
    data: list[list[object]] = [
        [
            Paragraph(text, s.head)
            for text in ("Date et heure", "Candidat", "Modification", "Motif", "Saisie par")
        ]
    ]
    for change in sorted(d.changes, key=lambda c: c.when):
        when = (
            f"{change.when.day:02d}/{change.when.month:02d}/{change.when.year} "
            f"{change.when.hour:02d}:{change.when.minute:02d}"
        )
        data.append(
            [
                Paragraph(when, s.small),
                Paragraph(para(change.candidate), s.small),
                Paragraph(f"<b>{para(change.what)}</b>", s.small),
                Paragraph(para(change.reason), s.small),
                Paragraph(para(change.who), s.small),
            ]
        )
    widths = [28 * mm, 62 * mm, 38 * mm, 0.0, 42 * mm]
    widths[3] = PV_WIDTH - sum(widths)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(_grid_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out.append(table)
    return out


def _counts(d: Deliberation, s: Styles) -> list[Flowable]:
    data: list[list[object]] = [[Paragraph("Décision", s.head), Paragraph("Candidats", s.head)]]
    for label, count in d.counts.items():
        data.append([Paragraph(para(label), s.cell), Paragraph(str(count), s.cell_right)])
    total = sum(d.counts.values())
    data.append([Paragraph("Total", s.cell_bold), Paragraph(f"<b>{total}</b>", s.cell_right)])
    table = Table(data, colWidths=[60 * mm, 26 * mm], hAlign="LEFT")
    table.setStyle(_grid_style([("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), LIGHT)]))
    story: list[Flowable] = [KeepTogether([Paragraph("Décompte des décisions", s.heading), table])]
    if d.by_origin:
        rows: list[list[object]] = [
            [Paragraph(text, s.head) for text in ("Origine et parcours", "Admis", "Candidats")]
        ]
        for group, admitted, total in d.by_origin:
            rows.append(
                [
                    Paragraph(para(group), s.cell),
                    Paragraph(str(admitted), s.cell_right),
                    Paragraph(str(total), s.cell_right),
                ]
            )
        origins = Table(rows, colWidths=[80 * mm, 22 * mm, 26 * mm], hAlign="LEFT")
        origins.setStyle(_grid_style([]))
        story.append(
            KeepTogether(
                [
                    Paragraph(
                        "Résultats par bac d'origine et par parcours de consolidation", s.heading
                    ),
                    origins,
                ]
            )
        )
    return story


def _signatures(d: Deliberation, s: Styles) -> list[Flowable]:
    header = d.header
    present = [m for m in d.members if m.present]
    president_box: list[Flowable] = [
        Paragraph(president_title(header), s.head),
        Paragraph(para(header.president), s.cell_bold),
    ]
    picture = image_flowable(header.signature, 50 * mm, 14 * mm)
    if picture is not None:
        president_box.append(picture)
    boxes: list[list[Flowable]] = [president_box]
    for member in present:
        if sort_key(member.role).startswith("president"):
            continue  # signs in the president's box
        boxes.append(
            [
                Paragraph(para(member.role.capitalize() or "Membre"), s.head),
                Paragraph(para(member.name), s.cell_bold),
                Paragraph(para(member.quality), s.label),
            ]
        )
    per_row = 4
    width = PV_WIDTH / per_row
    rows = [boxes[i : i + per_row] for i in range(0, len(boxes), per_row)]
    for row in rows:
        row.extend([[]] * (per_row - len(row)))
    grid = Table(rows, colWidths=[width] * per_row, rowHeights=[30 * mm] * len(rows))
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    place = Paragraph(
        f"Fait à {para(header.place)}, le {long_date(d.held_on)}, "
        "par les membres du jury présents, qui signent ci-dessous.",
        s.body,
    )
    block: list[Flowable] = [Paragraph("Signatures", s.heading), place, Spacer(0, 2 * mm), grid]
    if d.audit_head:
        block += [
            Spacer(0, 2 * mm),
            Paragraph(
                f"Empreinte du fichier de session à la signature : {para(d.audit_head)}. "
                "«\u00a0btsdesk verify\u00a0» permet de vérifier plus tard que le fichier "
                "n'a pas été modifié depuis.",
                s.label,
            ),
        ]
    return [KeepTogether(block)]
