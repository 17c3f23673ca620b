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
    KeepInFrame,
    KeepTogether,
    PageBreak,
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
    draw_address,
)
from btsdesk.documents.fonts import CONDENSED, face, register_fonts
from btsdesk.documents.french import NBSP, long_date, para, unbroken, weekday_date
from btsdesk.documents.model import Deliberation, Header, Line, Member, ResultRow
from btsdesk.documents.style import (
    ACCENT,
    GRID,
    LANDSCAPE,
    LIGHT,
    PORTRAIT,
    SHADE,
    Styles,
    TableCommand,
    birth_name_row,
    document,
    draw_letterhead,
    frame,
    identity_box,
    image_flowable,
    listing,
    numbered_canvas,
    president_title,
    signature_block,
    sort_key,
    styles,
    title_block,
    whole,
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
    date of « Fait à … »."""
    s = styles()
    day = issued_on or date.today()
    buffer = io.BytesIO()
    candidates = list(rows)

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
    story: list[Flowable] = []
    for row in candidates:
        story.append(
            KeepInFrame(
                BODY_WIDTH, BODY_HEIGHT, _transcript(header, lines, row, day, s), mode="shrink"
            )
        )
        story.append(PageBreak())
    if story:
        story.pop()
    else:
        story.append(Paragraph("Aucun relevé.", s.body))
    doc.build(story)
    return buffer.getvalue()


def _transcript(
    header: Header, lines: Sequence[Line], row: ResultRow, day: date, s: Styles
) -> list[Flowable]:
    who = row.identity
    birth = long_date(who.birth_date) if who.birth_date else "—"
    identity = identity_box(
        [
            [
                Paragraph("Nom", s.label),
                whole(who.name, s.cell_bold, 52 * mm - 12),
                Paragraph("Prénom", s.label),
                whole(who.given_name, s.cell_bold, BODY_WIDTH - 120 * mm - 12),
            ],
            [
                Paragraph("Date de naissance", s.label),
                Paragraph(birth, s.cell),
                Paragraph("Numéro de candidat", s.label),
                Paragraph(para(who.number), s.cell_bold),
            ],
            *birth_name_row(who, s, 52 * mm - 12),
        ],
        [33 * mm, 52 * mm, 35 * mm, BODY_WIDTH - 120 * mm],
    )

    kept = set(row.kept)
    titles = ("Épreuve", "Intitulé", "Coef.", "Note / 20") + (("Conservée",) if kept else ())
    head: list[object] = [Paragraph(text, s.head) for text in titles]
    data: list[list[object]] = [head]
    for line in lines:
        title = para(line.title) + (" <i>(facultative)</i>" if line.facultative else "")
        grade = row.grades.get(line.code, "")
        cells: list[object] = [
            Paragraph(f"<b>{para(line.code)}</b>", s.cell),
            Paragraph(title, s.cell),
            Paragraph(para(line.coefficient), s.cell_right),
            Paragraph(f"<b>{_shown(grade)}</b>", s.cell_right),
        ]
        if kept:
            cells.append(Paragraph("oui" if line.code in kept else "", s.cell_right))
        data.append(cells)
    widths = [20 * mm, BODY_WIDTH - 62 * mm, 18 * mm, 24 * mm]
    if kept:
        widths[1] -= 23 * mm
        widths.append(23 * mm)
    grades = Table(
        data,
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
    )
    grades.setStyle(
        _grid_style(
            [("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6)]
        )
    )

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
    summary = Table(
        [
            [
                Paragraph(para(label), s.cell_bold if strong else s.cell),
                Paragraph(f"<b>{_shown(value)}</b>" if strong else _shown(value), s.cell_right),
            ]
            for label, value, strong in summary_rows
        ],
        colWidths=[BODY_WIDTH - 44 * mm, 44 * mm],
        hAlign="LEFT",
    )
    strong_rows = [i for i, (_l, _v, strong) in enumerate(summary_rows) if strong]
    summary.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 1.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
                *(("BACKGROUND", (0, i), (-1, i), LIGHT) for i in strong_rows),
            ]
        )
    )

    story: list[Flowable] = [
        Paragraph("Relevé de notes", s.title),
        Paragraph(f"{para(header.session_title)} · {para(header.specialty)}", s.subtitle),
        Spacer(0, 3 * mm),
        identity,
        Spacer(0, 3 * mm),
        grades,
        Spacer(0, 2 * mm),
        summary,
    ]
    if row.reason.strip():
        story += [Spacer(0, 1.5 * mm), Paragraph(para(row.reason), s.note)]
    story += [Spacer(0, 1 * mm), Paragraph(LEGEND, s.note)]
    if kept:
        story.append(Paragraph(KEPT, s.note))
    story += [
        Spacer(0, 1 * mm),
        Paragraph(APPEAL, s.note),
        Spacer(0, 3 * mm),
        signature_block(header, day, s),
    ]
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


def _results_table(d: Deliberation, s: Styles) -> Table:
    finals = _oral_columns(d)
    lines = list(d.lines)
    widths_before, widths_after, line_width, size = _columns(len(lines), finals)
    cell, bold, center, head = s.tiny, s.tiny_bold, s.tiny_center, s.tiny_head
    grade = (
        center
        if size == center.fontSize
        else ParagraphStyle(f"grade{size}", parent=center, fontSize=size, leading=size * 1.2)
    )
    code = (
        head
        if size == head.fontSize
        else ParagraphStyle(f"code{size}", parent=head, fontSize=size, leading=size * 1.2)
    )

    first: list[object] = [Paragraph("N°", head), Paragraph("Candidat", head)]
    second: list[object] = ["", ""]
    for line in lines:
        first.append(Paragraph(para(line.code), code))
        coefficient = "fac." if line.facultative else f"×{NBSP}{para(line.coefficient)}"
        second.append(Paragraph(coefficient, grade))
    first += [
        Paragraph(text, head) for text in ("Moy. gén.", "Moy. pro.", "Moy. générale", "Décision")
    ]
    second += ["", "", "", ""]
    if finals:
        first += [Paragraph(text, head) for text in ("Contrôle", "Moy. finale", "Décision finale")]
        second += ["", "", ""]

    data: list[list[object]] = [first, second]
    for row in d.rows:
        who = row.identity
        cells: list[object] = [
            Paragraph(para(who.number), cell),
            # names broken between surname and given name only, never inside either
            Paragraph(
                f"<b>{para(unbroken(who.surname.upper()))}</b> {para(unbroken(who.given_name))}",
                cell,
            ),
        ]
        cells += [Paragraph(_shown(row.grades.get(line.code, "")), grade) for line in lines]
        cells += [
            Paragraph(_shown(row.general), center),
            Paragraph(_shown(row.professional), center),
            Paragraph(f"<b>{_shown(row.average)}</b>", center),
            Paragraph(_short(row.decision), bold),
        ]
        if finals:
            orals = " · ".join(
                f"{para(key)}{NBSP}:{NBSP}{para(value)}" for key, value in row.orals.items()
            )
            cells += [
                Paragraph(orals or "—", cell),
                Paragraph(f"<b>{_shown(row.final_average)}</b>", center),
                Paragraph(_short(row.final_decision), bold),
            ]
        data.append(cells)

    widths = [*widths_before, *([line_width] * len(lines)), *widths_after]
    last_line = 1 + len(lines)
    line_cells = ((2, 0), (last_line, -1))
    stripes = [("BACKGROUND", (0, i), (-1, i), LIGHT) for i in range(3, len(data), 2)]
    table = Table(data, colWidths=widths, repeatRows=2)
    table.setStyle(
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
                *stripes,
            ],
            header_rows=2,
        )
    )
    return table


def _short(decision: str) -> str:
    return para(SHORT_DECISIONS.get(sort_key(decision.strip()), decision.strip()) or "—")


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
