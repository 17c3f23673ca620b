"""A picture of the deliberation: how the candidates' first-group averages spread from 0 to
20, by half-point, with the regime's thresholds (``Regime.thresholds``: 10 in regime 2021,
8 and 10 in regime 2022) and the count of each decision as the day stands (R13, R16, R24: a
candidate admitted after the orals counts as admis, one who declined them as ajourné).

Drawn with QPainter (no chart library). The classification is exact: a bin is
floor(2 × average) computed on the Fraction, never on a float; floats only place pixels.
Each bar is stacked by decision with the table's colours and, where there is room, its
symbol; the legend gives colour, symbol and count (never colour alone), and the accessible
description says it all in words."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from btsdesk.core.results import Decision
from btsdesk.gui.deliberation_model import DECISION_STYLE
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.widgets import INK, LazyRefresh, joined

BINS_PER_POINT = 2  # half-point bins
TOP = 20
BIN_COUNT = TOP * BINS_PER_POINT  # 40 bins: [0; 0,5[ … [19,5; 20]
STACK_ORDER = (Decision.AJOURNE, Decision.CONTROLE, Decision.ADMIS, Decision.INCOMPLET)
LEGEND_ORDER = (Decision.ADMIS, Decision.CONTROLE, Decision.AJOURNE, Decision.INCOMPLET)
# What the description says for each decision (singular, plural) and the legend (short, as
# in the status bar).
DECISION_WORDS = {
    Decision.ADMIS: ("admis", "admis"),
    Decision.CONTROLE: ("aux épreuves de contrôle", "aux épreuves de contrôle"),
    Decision.AJOURNE: ("ajourné", "ajournés"),
    Decision.INCOMPLET: ("incomplet", "incomplets"),
}
SHORT_WORDS = {**DECISION_WORDS, Decision.CONTROLE: ("en contrôle", "en contrôle")}
LEGEND_TITLE = "Décisions"
LEGEND_TITLE_AFTER_ORALS = "Décisions à ce jour"


class HasAverage(Protocol):
    @property
    def average(self) -> Fraction | None: ...

    @property
    def decision(self) -> Decision: ...


@dataclass(frozen=True)
class Standing:
    """One candidate in the chart: the first-group average, the decision as the day
    stands (``JurySession.outcome``)."""

    average: Fraction | None
    decision: Decision


def bin_of(average: Fraction) -> int:
    """The half-point bin of an exact average: [k/2; (k+1)/2[, 20 in the last bin."""
    index = math.floor(Fraction(average) * BINS_PER_POINT)
    return min(max(index, 0), BIN_COUNT - 1)


def bin_text(index: int) -> str:
    """ "de 9,5 à 10" (the upper bound excluded except for the last bin)."""

    def edge(k: int) -> str:
        whole, half = divmod(k, BINS_PER_POINT)
        return f"{whole},5" if half else str(whole)

    return f"de {edge(index)} à {edge(index + 1)}"


def distribute(results: Iterable[HasAverage]) -> tuple[list[Counter[Decision]], Counter[Decision]]:
    """Per bin, how many candidates of each decision; and the count of each decision (every
    candidate, those without an average included)."""
    stacks: list[Counter[Decision]] = [Counter() for _ in range(BIN_COUNT)]
    counts: Counter[Decision] = Counter({decision: 0 for decision in Decision})
    for result in results:
        counts[result.decision] += 1
        if result.average is not None:
            stacks[bin_of(result.average)][result.decision] += 1
    return stacks, counts


def _placement(result: HasAverage) -> tuple[int | None, Decision]:
    """Where one candidate stands in the chart: its bin (None without an average)."""
    return (None if result.average is None else bin_of(result.average)), result.decision


def nice_step(tallest: int) -> int:
    """A step of 1, 2 or 5 × 10ⁿ giving at most four lines up to ``tallest``."""
    step = 1
    while tallest / step > 4:
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    return step


def counted(
    number: int, decision: Decision, words: dict[Decision, tuple[str, str]] = DECISION_WORDS
) -> str:
    singular, plural = words[decision]
    return f"{number} {singular if number == 1 else plural}"


def candidates_text(number: int) -> str:
    return f"{number} candidat" + ("" if number == 1 else "s")


class AverageDistribution(LazyRefresh, QWidget):
    """The histogram of the averages; refreshed when a grade or a decision changes."""

    def __init__(self, hub: SessionHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._stacks: list[Counter[Decision]] = [Counter() for _ in range(BIN_COUNT)]
        self._counts: Counter[Decision] = Counter()
        self._placed: list[tuple[int | None, Decision]] = []
        self.setAccessibleName("Répartition des moyennes")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its description is read
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.watch(hub)
        self.refresh()

    # -- data (exact) ---------------------------------------------------------------------

    def watch(self, hub: SessionHub) -> None:
        # A grade edit moves one candidate: update that candidate only (not 2,000).
        hub.rowsChanged.connect(self._rows_changed)
        hub.reloaded.connect(lambda: self.changed())
        # The phase changes the day of a candidate who declined the orals (outcome, R24).
        hub.phaseChanged.connect(lambda _phase: self.changed())

    @property
    def thresholds(self) -> tuple[int, ...]:
        """The averages that matter in this session's regime (R9, R10, R14)."""
        return tuple(self.hub.service.regime.thresholds)

    def standing(self, row: int) -> Standing:
        service = self.hub.service
        return Standing(service.results[row].average, service.outcome(row))

    def after_orals(self) -> bool:
        """Whether a decision of the day differs from the first group's: the orals (or a
        renonciation) have decided someone."""
        return self.hub.service.decided_by_orals()

    def refresh(self) -> None:
        self._stale = False
        standings = [self.standing(row) for row in range(len(self.hub.service.results))]
        self._stacks, self._counts = distribute(standings)
        self._placed = [_placement(standing) for standing in standings]
        self.setAccessibleDescription(self.description())
        self.update()

    def _rows_changed(self, rows: list[int]) -> None:
        results = self.hub.service.results
        if self._stale or len(self._placed) != len(results):
            self.changed()
            return
        for row in rows:
            placed = _placement(self.standing(row))
            for sign, (index, decision) in ((-1, self._placed[row]), (1, placed)):
                self._counts[decision] += sign
                if index is not None:
                    self._stacks[index][decision] += sign
            self._placed[row] = placed
        self.setAccessibleDescription(self.description())
        self.update()

    def _fresh(self) -> None:
        if self._stale:
            self.refresh()

    def bins(self) -> list[int]:
        """How many candidates have their average in each half-point bin (40 bins)."""
        self._fresh()
        return [sum(stack.values()) for stack in self._stacks]

    def stacks(self) -> list[dict[Decision, int]]:
        """Per bin, the number of candidates of each decision found there."""
        self._fresh()
        return [{d: n for d, n in stack.items() if n} for stack in self._stacks]

    def counts(self) -> dict[Decision, int]:
        """The number of candidates of each decision as the day stands (the status bar's
        ``JurySession.counts()``), incomplets included."""
        self._fresh()
        return {decision: self._counts[decision] for decision in Decision}

    def description(self) -> str:
        """Everything the picture shows, in French words (the accessible description)."""
        counts = self.counts()
        bins = self.bins()
        placed = sum(bins)
        thresholds = [str(t) for t in self.thresholds]
        seuils = (
            f"les seuils {joined(thresholds)}"
            if len(thresholds) > 1
            else f"le seuil {joined(thresholds)}"
        )
        which = (
            "Décisions à ce jour, après les épreuves de contrôle : "
            if self.after_orals()
            else "Décisions du premier groupe : "
        )
        parts = [
            f"Répartition des moyennes de {candidates_text(placed)}, "
            f"par demi-point, avec {seuils}.",
            which + ", ".join(counted(counts[d], d) for d in LEGEND_ORDER) + ".",
        ]
        if placed:
            parts.append(
                "Par tranche : "
                + " ; ".join(f"{bin_text(i)} : {n}" for i, n in enumerate(bins) if n)
                + "."
            )
        return " ".join(parts)

    # -- drawing --------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(60 * self.fontMetrics().averageCharWidth(), max(160, 9 * line))

    def minimumSizeHint(self) -> QSize:
        return QSize(40 * self.fontMetrics().averageCharWidth(), self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def title(self, metrics: QFontMetrics, room: int) -> str:
        """The longest title that fits: what is shown, how many, who is left out."""
        placed = sum(self.bins())
        missing = self._counts[Decision.INCOMPLET]
        titles = [
            f"Répartition des moyennes du 1er groupe : {candidates_text(placed)}",
            f"Moyennes du 1er groupe : {candidates_text(placed)}",
        ]
        if missing:
            note = f" (+ {counted(missing, Decision.INCOMPLET)}, sans moyenne)"
            titles = [titles[0] + note, titles[1] + note, *titles]
        for title in titles:
            if metrics.horizontalAdvance(title) <= room:
                return title
        return metrics.elidedText(titles[-1], Qt.TextElideMode.ElideRight, room)

    def legend_title(self) -> str:
        return LEGEND_TITLE_AFTER_ORALS if self.after_orals() else LEGEND_TITLE

    def _legend_lines(self) -> list[tuple[Decision, str]]:
        counts = self.counts()
        return [(d, counted(counts[d], d, SHORT_WORDS)) for d in LEGEND_ORDER]

    def _geometry(self) -> tuple[QRectF, QRectF, float, bool]:
        """The plot area, the legend area, the width of one bin, and whether the count
        above each bar fits (if not, a scale on the left gives the counts)."""
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        line = metrics.height()
        pad = line * 0.6
        swatch = line * 1.2
        legend_width = max(
            [swatch + pad + metrics.horizontalAdvance(text) for _d, text in self._legend_lines()]
            + [QFontMetrics(bold).horizontalAdvance(self.legend_title())]
        )
        legend = QRectF(
            self.width() - legend_width - pad, pad, legend_width, self.height() - 2 * pad
        )
        left = pad + metrics.horizontalAdvance("0") / 2
        right = legend.left() - 2 * pad
        top = pad + line * 2.2  # the title, then room for the counts above the bars
        bottom = self.height() - pad - line * 1.2  # room for the axis labels
        widest = metrics.horizontalAdvance(str(max(*self.bins(), 1)))
        fits = widest <= (right - left) / BIN_COUNT
        if not fits:
            left += widest + pad
        plot = QRectF(left, top, max(right - left, 1.0), max(bottom - top, 1.0))
        return plot, legend, plot.width() / BIN_COUNT, fits

    def _symbol_font(self, symbol: str, box: QRectF) -> QFont | None:
        """The widget's font, or a smaller one, in which the symbol fits in the box."""
        for scale in (1.0, 0.8, 0.65):
            font = QFont(self.font())
            if scale != 1.0 and font.pointSizeF() > 0:
                font.setPointSizeF(font.pointSizeF() * scale)
            ink = QFontMetrics(font).tightBoundingRect(symbol)
            if ink.height() + 2 <= box.height() and ink.width() + 2 <= box.width():
                return font
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        self._fresh()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        text = palette.text().color()
        metrics = self.fontMetrics()
        line = metrics.height()
        plot, legend, width, labels_fit = self._geometry()
        bins = self.bins()
        placed = sum(bins)

        bold = QFont(self.font())
        bold.setBold(True)
        painter.setPen(text)
        painter.setFont(bold)
        room = legend.left() - plot.left() - line
        painter.drawText(
            QRectF(plot.left(), plot.top() - line * 2.2, room, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title(QFontMetrics(bold), int(room)),
        )
        painter.setFont(self.font())

        # The bars, stacked by decision, outlined so they stand out from the background.
        tallest = max(*bins, 1)
        unit = plot.height() / tallest
        if not labels_fit:  # many candidates: a scale instead of a count above each bar
            step = nice_step(tallest)
            grid = QColor(text)
            grid.setAlpha(60)
            for value in range(step, tallest + 1, step):
                y = plot.bottom() - value * unit
                painter.setPen(QPen(grid, 1.0))
                painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
                painter.setPen(text)
                painter.drawText(
                    QRectF(0, y - line / 2, plot.left() - line * 0.3, line),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    str(value),
                )
        outline = QPen(text)
        outline.setWidthF(1.0)
        for index, stack in enumerate(self._stacks):
            if not bins[index]:
                continue
            x = plot.left() + index * width + 1
            bar_width = max(width - 2, 1.0)
            y = plot.bottom()
            for decision in STACK_ORDER:
                number = stack[decision]
                if not number:
                    continue
                symbol, colour = DECISION_STYLE[decision]
                segment = QRectF(x, y - number * unit, bar_width, number * unit)
                painter.setPen(outline)
                painter.setBrush(QColor(colour))
                painter.drawRect(segment)
                symbol_font = self._symbol_font(symbol, segment)
                if symbol_font is not None:
                    painter.setFont(symbol_font)
                    painter.setPen(QColor(INK))
                    painter.drawText(segment, Qt.AlignmentFlag.AlignCenter, symbol)
                    painter.setFont(self.font())
                y -= number * unit
            if labels_fit:
                painter.setPen(text)
                painter.drawText(
                    QRectF(x - width, y - line, bar_width + 2 * width, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    str(bins[index]),
                )

        # The axis, its labels every two points, the thresholds dashed and in bold.
        thresholds = self.thresholds
        painter.setPen(QPen(text, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        for point in range(0, TOP + 1, 2):
            x = plot.left() + point * BINS_PER_POINT * width
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + line * 0.25))
            painter.setFont(bold if point in thresholds else self.font())
            painter.drawText(
                QRectF(x - line * 1.5, plot.bottom() + line * 0.2, line * 3, line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                str(point),
            )
        painter.setFont(self.font())
        dashed = QPen(text, 2.0, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        for point in thresholds:
            x = plot.left() + point * BINS_PER_POINT * width
            painter.drawLine(QPointF(x, plot.top() - line * 0.3), QPointF(x, plot.bottom()))
        if not placed:
            message = "Aucune moyenne pour l'instant : des notes manquent."
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            # On the chart's own background, not crossed by the dashed thresholds.
            box = painter.boundingRect(plot, flags, message).adjusted(-line / 2, 0, line / 2, 0)
            painter.fillRect(box, self.palette().color(self.backgroundRole()))
            painter.setPen(text)
            painter.drawText(plot, flags, message)

        # The legend: swatch with the symbol, words and count.
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(
            QRectF(legend.left(), legend.top(), legend.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.legend_title(),
        )
        painter.setFont(self.font())
        swatch = line * 1.2
        y = legend.top() + line * 1.4
        for decision, words in self._legend_lines():
            symbol, colour = DECISION_STYLE[decision]
            box = QRectF(legend.left(), y, swatch, swatch)
            painter.setPen(outline)
            painter.setBrush(QColor(colour))
            painter.drawRect(box)
            painter.setPen(QColor(INK))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, symbol)
            painter.setPen(text)
            painter.drawText(
                QRectF(box.right() + line * 0.6, y, legend.width(), swatch),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                words,
            )
            y += swatch + line * 0.35

        if self.hasFocus():
            painter.setPen(QPen(text, 1.0, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()

    # -- a tooltip per bar -------------------------------------------------------------

    def bin_at(self, x: float) -> int | None:
        plot, _legend, width, _fits = self._geometry()
        if not plot.left() <= x < plot.right():
            return None
        return min(int((x - plot.left()) / width), BIN_COUNT - 1)

    def bin_tooltip(self, index: int) -> str:
        stack = self.stacks()[index]
        total = sum(stack.values())
        words = ", ".join(
            f"{DECISION_STYLE[d][0]} {counted(stack[d], d)}" for d in LEGEND_ORDER if stack.get(d)
        )
        upper = "inclus" if index == BIN_COUNT - 1 else "exclu"
        return f"Moyenne {bin_text(index)} ({upper}) : {candidates_text(total)}" + (
            f"\n{words}" if words else ""
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bin_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.bin_tooltip(index), self)
            return True
        return super().event(event)
