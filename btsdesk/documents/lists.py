"""The liste des candidats convoqués and the feuilles d'émargement (§5), as ReportLab tables
whose header row repeats on every page, with « page N / M » at the foot."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from btsdesk.documents.french import clock, para, room_label, unbroken, weekday_date
from btsdesk.documents.model import ConvokedRow, Header
from btsdesk.documents.style import (
    ACCENT,
    GRID,
    LANDSCAPE,
    LIGHT,
    LIST_MARGIN,
    PORTRAIT,
    SHADE,
    Label,
    TableCommand,
    listing,
    natural_key,
    numbered_canvas,
    sort_key,
    styles,
    title_block,
    whole,
)

WIDTH = PORTRAIT[0] - 2 * LIST_MARGIN
WIDE = LANDSCAPE[0] - 2 * LIST_MARGIN
# room left for the rows of a feuille d'émargement on its first page: the frame less the title
# block, the instruction, the header row and the tally and signature box
SHEET_ROWS_HEIGHT = PORTRAIT[1] - 29 * mm - 118 * mm
ROW_MIN, ROW_MAX = 9 * mm, 14 * mm


def _table_style(extra: Sequence[TableCommand] = ()) -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
            *extra,
        ]
    )


def _name_key(row: ConvokedRow) -> tuple[object, ...]:
    who = row.identity
    return (sort_key(who.surname), sort_key(who.given_name), who.number, row.oral.exam_start)


def convoked_list_pdf(header: Header, rows: Sequence[ConvokedRow]) -> bytes:
    """Every convoked candidate and oral, in alphabetical order of the candidates (a candidate
    with two orals has two consecutive lines, in time order)."""
    s = styles()
    ordered = sorted(rows, key=_name_key)
    candidates = len({row.identity.number for row in ordered})
    count = (
        f"{candidates} candidat{'s' if candidates > 1 else ''} · {len(ordered)} "
        f"épreuve{'s' if len(ordered) > 1 else ''}"
    )
    story: list[Flowable] = title_block(
        header, "Liste des candidats convoqués", [f"Épreuves de contrôle · {count}"], WIDE
    )
    head = [
        "N° candidat",
        "Nom",
        "Prénom",
        "Épreuve",
        "Date",
        "Arrivée",
        "Prépa.",
        "Interro.",
        "Salle",
    ]
    data: list[list[object]] = [[Paragraph(text, s.head) for text in head]]
    widths = [26 * mm, 34 * mm, 30 * mm, 0.0, 32 * mm, 15 * mm, 16 * mm, 16 * mm, 28 * mm]
    widths[3] = WIDE - sum(widths)
    inner = [width - 7 for width in widths]  # less the cells' padding
    previous = None
    shade: list[TableCommand] = []
    band = False
    for row in ordered:
        who, oral = row.identity, row.oral
        if who.number != previous:
            band = not band
            previous = who.number
        index = len(data)
        if band:
            shade.append(("BACKGROUND", (0, index), (-1, index), LIGHT))
        data.append(
            [
                Paragraph(para(who.number), s.small),
                whole(who.name, s.cell_bold, inner[1]),
                whole(who.given_name, s.cell, inner[2]),
                Paragraph(f"<b>{para(oral.discipline)}</b> {para(oral.title)}", s.small),
                Paragraph(f"{weekday_date(oral.exam_start.date())}", s.small),
                Paragraph(clock(oral.arrival), s.small),
                Paragraph(clock(oral.preparation_start), s.small),
                Paragraph(clock(oral.exam_start), s.small),
                whole(oral.room, s.cell_bold, inner[8]),
            ]
        )
    if not ordered:
        story.append(Paragraph("Aucun candidat convoqué.", s.body))
    else:
        # the explanation before the table: never a last page holding only it
        story.append(
            Paragraph(
                "Arrivée : heure à laquelle le candidat est convoqué, 15 minutes "
                "avant le début de la préparation ; Prépa. et Interro. : heures de "
                "début de la préparation et de l'interrogation. Chaque candidat se "
                "présente muni de sa convocation et d'une pièce d'identité avec "
                "photographie.",
                s.note,
            )
        )
        story.append(Spacer(0, 2 * mm))
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(_table_style(shade))
        story.append(table)
    return _build(header, "Liste des candidats convoqués", story, LANDSCAPE)


def attendance_sheets_pdf(header: Header, rows: Sequence[ConvokedRow]) -> bytes:
    """One feuille d'émargement per (day, room), days in order then rooms (B2 before B12);
    on each, the candidates in the order of their interrogation, with a column to sign."""
    s = styles()
    groups: dict[tuple[date, str], list[ConvokedRow]] = {}
    for row in rows:
        groups.setdefault((row.oral.exam_start.date(), row.oral.room), []).append(row)
    story: list[Flowable] = []
    keys = sorted(groups, key=lambda key: (key[0], natural_key(key[1])))
    for number, key in enumerate(keys):
        day, room = key
        sheet = sorted(groups[key], key=lambda row: (row.oral.exam_start, *_name_key(row)))
        if number:
            story += [NextPageTemplate("first"), PageBreak()]
        label = f"Feuille d'émargement · {room_label(room)} · {weekday_date(day)}"
        story.append(Label(label))
        story += _sheet(header, day, room, sheet)
    if not story:
        story = title_block(header, "Feuille d'émargement", [], WIDTH)
        story.append(Paragraph("Aucun candidat convoqué.", s.body))
    return _build(header, "Feuilles d'émargement", story)


def _sheet(header: Header, day: date, room: str, rows: list[ConvokedRow]) -> list[Flowable]:
    st = styles()
    examiners = sorted({row.oral.examiner for row in rows if row.oral.examiner}, key=sort_key)
    where = room_label(room)
    details = [f"<b>{para(unbroken(where[:1].upper() + where[1:]))}</b> · {weekday_date(day)}"]
    story = title_block(header, "Feuille d'émargement", details, WIDTH)
    intro = (
        "Épreuves de contrôle. Chaque candidat signe à son arrivée, après vérification "
        "de sa convocation et de sa pièce d'identité."
    )
    story.append(Paragraph(intro, st.small))
    story.append(Spacer(0, 3 * mm))
    head = [
        "Prépa\u00adration",
        "Interro\u00adgation",
        "N° candidat",
        "Nom",
        "Prénom",
        "Épr.",
        "Identité vérifiée",
        "Signature du candidat",
    ]
    data: list[list[object]] = [[Paragraph(text, st.head) for text in head]]
    widths = [15 * mm, 16 * mm, 25 * mm, 30 * mm, 33 * mm, 11 * mm, 18 * mm, 0.0]
    widths[-1] = WIDTH - sum(widths)
    for row in rows:
        who, oral = row.identity, row.oral
        data.append(
            [
                Paragraph(clock(oral.preparation_start), st.small),
                Paragraph(f"<b>{clock(oral.exam_start)}</b>", st.small),
                Paragraph(para(who.number), st.small),
                whole(who.name, st.cell_bold, widths[3] - 7),
                whole(who.given_name, st.cell, widths[4] - 7),
                Paragraph(f"<b>{para(oral.discipline)}</b>", st.small),
                "\u2610",
                "",
            ]
        )
    row_height = min(ROW_MAX, max(ROW_MIN, SHEET_ROWS_HEIGHT / max(1, len(rows))))
    heights: list[float | None] = [None, *[row_height] * len(rows)]
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(
        _table_style(
            [
                ("FONTNAME", (6, 1), (6, -1), st.cell.fontName),
                ("FONTSIZE", (6, 1), (6, -1), 13),
                ("ALIGN", (6, 1), (6, -1), "CENTER"),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(0, 5 * mm))
    count = len(rows)
    tally = Paragraph(
        f"Candidats convoqués : <b>{count}</b>"
        "\u2003·\u2003Présents : ..........\u2003·\u2003Absents : ..........",
        st.body,
    )
    names = ", ".join(para(name) for name in examiners) if examiners else ""
    title = "Examinateur" if len(examiners) <= 1 else "Examinateurs"
    sign = Table(
        [
            [
                Paragraph(f"{title} : <b>{names}</b>" if names else f"{title} (nom) :", st.cell),
                Paragraph("Signature :", st.cell),
            ]
        ],
        colWidths=[WIDTH * 0.6, WIDTH * 0.4],
        rowHeights=[22 * mm],
    )
    sign.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("LINEBEFORE", (1, 0), (1, 0), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    story.append(KeepTogether([tally, Spacer(0, 3 * mm), sign]))
    return story


def _build(
    header: Header, title: str, story: list[Flowable], page: tuple[float, float] = PORTRAIT
) -> bytes:
    buffer = io.BytesIO()
    doc = listing(buffer, page, header, title)
    footer = f"{title} · {header.specialty} · {header.session_title}"
    doc.build(story, canvasmaker=numbered_canvas(footer, LIST_MARGIN))
    return buffer.getvalue()
