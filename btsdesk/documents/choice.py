"""Fiches de choix (§5, R12, R15, R17): one A4 page per candidate who takes the épreuves de
contrôle, listing the disciplines the candidate may choose, each with the grade that oral
alone must reach for the average to reach 10, then the dated choice and the signatures."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from btsdesk.documents.convocation import LEFT, LETTERHEAD_WIDTH, TOP
from btsdesk.documents.french import NBSP, long_date, para
from btsdesk.documents.model import ChoiceForm, ChoiceOption, Header
from btsdesk.documents.style import (
    ACCENT,
    DELEGATION,
    GRID,
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
    one_per_page,
    styles,
    whole,
)

WIDTH = PORTRAIT[0] - 2 * LEFT
BODY_TOP = 45 * mm  # under the letterhead
BODY_BOTTOM = 14 * mm
HEIGHT = PORTRAIT[1] - BODY_TOP - BODY_BOTTOM
NUMBERS = {1: "une discipline", 2: "deux disciplines différentes"}


def choice_forms_pdf(header: Header, forms: Sequence[ChoiceForm]) -> bytes:
    """The fiches de choix, one page each, in the order given, as one PDF."""
    s = styles()
    buffer = io.BytesIO()

    def furniture(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if not canvas.hasForm("btsdesk-letterhead"):
            canvas.beginForm("btsdesk-letterhead")
            draw_letterhead(canvas, header, LEFT, PORTRAIT[1] - TOP, LETTERHEAD_WIDTH)
            canvas.endForm()
        canvas.doForm("btsdesk-letterhead")

    template = PageTemplate(
        "fiche", [frame(LEFT, BODY_BOTTOM, WIDTH, HEIGHT)], onPage=furniture, pagesize=PORTRAIT
    )
    doc = document(
        buffer, PORTRAIT, f"Fiches de choix — {header.session_title}", header, [template]
    )
    nothing = Paragraph("Aucun candidat ne passe les épreuves de contrôle.", s.body)
    doc.build(one_per_page((_form(header, form, s) for form in forms), WIDTH, HEIGHT, nothing))
    return buffer.getvalue()


def _grid(extra: Sequence[TableCommand] = ()) -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            *extra,
        ]
    )


def _identity(form: ChoiceForm, s: Styles) -> Table:
    who = form.identity
    birth = long_date(who.birth_date) if who.birth_date else "—"
    widths = [30 * mm, 55 * mm, 33 * mm, WIDTH - 118 * mm]
    return identity_box(
        [
            [
                Paragraph("Nom", s.label),
                whole(who.name, s.cell_bold, widths[1] - 8),
                Paragraph("Prénom", s.label),
                whole(who.given_name, s.cell_bold, widths[3] - 8),
            ],
            [
                Paragraph("Civilité", s.label),
                Paragraph(para(who.civility or "—"), s.cell),
                Paragraph("Date de naissance", s.label),
                Paragraph(birth, s.cell),
            ],
            [
                Paragraph("Numéro de candidat", s.label),
                Paragraph(para(who.number), s.cell_bold),
                Paragraph("Moyenne au premier groupe", s.label),
                Paragraph(f"<b>{para(form.average)}</b> / 20", s.cell),
            ],
            *birth_name_row(who, s, widths[1] - 8),
        ],
        widths,
    )


def _options(options: Sequence[ChoiceOption], s: Styles, *, boxes: bool) -> Table:
    head = ["Choix" if boxes else "", "Épreuve", "Intitulé", "Coef.", "Note à obtenir"]
    data: list[list[object]] = [[Paragraph(text, s.head) for text in head]]
    for option in options:
        impossible = option.needed == "impossible"
        data.append(
            [
                "\u2610" if boxes else "",
                Paragraph(f"<b>{para(option.code)}</b>", s.cell),
                Paragraph(para(option.title), s.cell),
                Paragraph(para(option.coefficient), s.cell_right),
                Paragraph(
                    para(option.needed)
                    if impossible
                    else f"<b>{para(option.needed)}</b>{NBSP}/ 20",
                    s.cell_right,
                ),
            ]
        )
    widths = [14 * mm, 22 * mm, 0.0, 16 * mm, 32 * mm]
    widths[2] = WIDTH - sum(widths)
    table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        _grid(
            [
                ("FONTNAME", (0, 1), (0, -1), s.cell.fontName),
                ("FONTSIZE", (0, 1), (0, -1), 14),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                *(("BACKGROUND", (0, i), (-1, i), LIGHT) for i in range(2, len(data), 2)),
            ]
        )
    )
    return table


def _form(header: Header, form: ChoiceForm, s: Styles) -> list[Flowable]:
    who = form.identity
    admitted = {"Mme": "admise", "M.": "admis"}.get(who.civility, "admis(e)")
    count = NUMBERS.get(form.choose, f"{form.choose} disciplines")
    story: list[Flowable] = [
        Paragraph("Fiche de choix des épreuves de contrôle", s.title),
        Paragraph(f"{para(header.session_title)} · {para(header.specialty)}", s.subtitle),
        *(
            [Paragraph(f"Fiche remise le {long_date(form.issued_on)}", s.label)]
            if form.issued_on
            else []
        ),
        Spacer(0, 3 * mm),
        _identity(form, s),
        Spacer(0, 3 * mm),
        Paragraph(
            f"Vous êtes {admitted} à vous présenter aux épreuves de contrôle. "
            f"Choisissez <b>{count}</b> parmi les suivantes, en cochant la case "
            f"{'correspondante' if form.choose == 1 else 'de chacune'}.",
            s.body,
        ),
        Spacer(0, 2 * mm),
        _options(form.options, s, boxes=True),
    ]
    if form.fixed:
        story += [
            Spacer(0, 3 * mm),
            Paragraph("Vous passez aussi, sans avoir à choisir :", s.body),
            Spacer(0, 1 * mm),
            _options(form.fixed, s, boxes=False),
        ]
    story += [
        Spacer(0, 2 * mm),
        Paragraph(
            "Note à obtenir : la note que cet oral doit atteindre, à lui seul, pour que la "
            "moyenne générale atteigne 10 sur 20, toutes les autres notes restant "
            "inchangées. « impossible » : même 20 ne suffirait pas, ou cet oral ne peut "
            "rien changer à la moyenne.",
            s.note,
        ),
        Paragraph("Prise en compte de la note", s.heading),
        Paragraph(para(header.regime_rule), s.body),
        Paragraph("Votre choix", s.heading),
    ]
    lines = [
        [Paragraph(f"Discipline choisie{'' if form.choose == 1 else f' n° {i + 1}'} :", s.body), ""]
        for i in range(form.choose)
    ]
    chosen = Table(lines, colWidths=[45 * mm, WIDTH - 45 * mm], rowHeights=[9 * mm] * form.choose)
    chosen.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    # §5: the choice is received for the jury, or by the recteur's delegate named
    delegate = header.delegate.strip()
    receipt: list[Flowable] = [
        Paragraph(
            f"{DELEGATION} (choix reçu)" if delegate else "Pour le jury (choix reçu)", s.head
        ),
        Paragraph("Le ....../....../............ à ......h......", s.cell),
    ]
    if delegate:
        receipt += [Paragraph(para(delegate), s.cell_bold), Paragraph("Signature :", s.label)]
    else:
        receipt.append(Paragraph("Nom et signature :", s.label))
    signatures = Table(
        [
            [
                [
                    Paragraph("Le candidat ou la candidate", s.head),
                    Paragraph(
                        "Fait à ................................, le ....../....../............",
                        s.cell,
                    ),
                    Paragraph("Signature :", s.label),
                ],
                receipt,
            ]
        ],
        colWidths=[WIDTH / 2, WIDTH / 2],
        rowHeights=[34 * mm],
    )
    signatures.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    story += [
        chosen,
        Spacer(0, 3 * mm),
        Paragraph(
            "Le choix est définitif une fois la fiche remise au jury. Il est daté et enregistré.",
            s.small,
        ),
        Spacer(0, 3 * mm),
        signatures,
    ]
    return story
