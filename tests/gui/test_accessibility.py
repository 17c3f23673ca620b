"""Accessibility and habits: a shortcut for every action, listed in the help; an accessible
name on every input widget; the system font size honoured; readable decision colours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTextBrowser,
    QToolBar,
    QWidget,
)

import btsdesk.gui
from btsdesk.core.results import Decision
from btsdesk.gui.deliberation_model import DECISION_STYLE, STALE_COLOUR, DeliberationModel
from btsdesk.gui.distribution import AverageDistribution
from btsdesk.gui.grade_grid import DIS_COLOR, MISSING, GradeGridModel
from btsdesk.gui.jury_view import JuryView
from btsdesk.gui.main_window import MainWindow
from btsdesk.gui.reglement_view import TO_CHECK
from btsdesk.gui.widgets import INK, key_text
from btsdesk.store.session import SessionStore
from tests.gui.jury_day import Told

GUI = Path(btsdesk.gui.__file__).parent
NAMED = (
    QComboBox,
    QLineEdit,
    QTableView,
    QTableWidget,
    QCheckBox,
    QSpinBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextBrowser,
    QListWidget,
)


def _window(demo_path, answers, qtbot, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        SessionStore.open(demo_path, backup=False),
        settings=settings,
        ask_reason=answers,
        inform=Told(),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for index in range(window.tabs.count()):  # every view (each is built when first shown)
        window.view(index)
    return window


def _menu_actions(window: MainWindow):
    for top in window.menuBar().actions():
        for action in top.menu().actions():
            if action.isSeparator() or action.menu() is not None:  # "Sessions récentes"
                continue
            yield top.text().replace("&", ""), action


# -- shortcuts ------------------------------------------------------------------------------


def test_every_action_has_a_shortcut_listed_in_the_help(
    demo_path, answers, qtbot, tmp_path, monkeypatch
):
    window = _window(demo_path, answers, qtbot, tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text: shown.append(text)
    )
    window._show_shortcuts()
    help_text = shown[0]
    keys: dict[str, str] = {}
    actions = list(_menu_actions(window))
    assert len(actions) >= 15
    for menu, action in actions:
        label = action.text().replace("&", "")
        shortcut = action.shortcut().toString()
        assert shortcut, f"{menu} › {label} : pas de raccourci"
        line = next(line for line in help_text.splitlines() if line.endswith(f" : {label}"))
        assert line.startswith(key_text(action.shortcut())), label  # « Ctrl+Maj+D »
        assert shortcut not in keys, f"{shortcut} : {keys.get(shortcut)} et {label}"
        keys[shortcut] = label
    menu_actions = {action for _menu, action in actions}
    for action in window.findChild(QToolBar, "toolbar").actions():
        assert action in menu_actions  # so it is listed too
        assert action.shortcut().toString()
        assert key_text(action.shortcut()) in action.toolTip()
    window.close()


def test_phase_shortcuts_and_menu_mnemonics(demo_path, answers, qtbot, tmp_path):
    window = _window(demo_path, answers, qtbot, tmp_path)
    assert window.to_deliberation.shortcut() == QKeySequence("Ctrl+Shift+D")
    assert window.projection_action.shortcut() == QKeySequence("F11")
    # Letters reachable on a French keyboard: no Ctrl+Alt (AltGr), no punctuation.
    for _menu, action in _menu_actions(window):
        for sequence in action.shortcuts():
            text = sequence.toString()
            assert "Alt+" not in text or text.startswith("Alt+F"), text
            assert re.fullmatch(r"((Ctrl|Shift)\+)*([A-Z0-9]|F\d{1,2})", text), text
    # One mnemonic per top menu: Alt+letter opens exactly one.
    mnemonics = [re.search(r"&(\w)", a.text()).group(1).lower() for a in window.menuBar().actions()]
    assert len(set(mnemonics)) == len(mnemonics), mnemonics
    window.change_phase("deliberation")
    assert window.to_closed.isEnabled()
    assert not window.to_deliberation.isEnabled()
    window.close()


# -- accessible names -------------------------------------------------------------------------


def _inner(widget: QWidget) -> bool:
    """The line edit inside a spin box or an editable combo box: named by its owner."""
    parent = widget.parentWidget()
    return isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox)


def test_every_input_widget_has_an_accessible_name(demo_path, answers, qtbot, tmp_path):
    window = _window(demo_path, answers, qtbot, tmp_path)
    checked = 0
    for kind in NAMED:
        for widget in window.findChildren(kind):
            if _inner(widget):
                continue
            checked += 1
            assert widget.accessibleName().strip(), (
                f"{type(widget).__name__} sans nom accessible dans "
                f"{type(widget.window()).__name__} / {type(widget.parentWidget()).__name__}"
            )
    assert checked >= 20
    chart = window.deliberation.findChild(AverageDistribution)
    assert chart.accessibleName()
    assert "admis" in chart.accessibleDescription()
    window.close()


# -- the system font size ----------------------------------------------------------------------


def test_no_hard_coded_font_size_in_the_sources():
    problems = []
    sources = list(GUI.glob("*.py")) + list((GUI.parents[1] / "ui").glob("*.ui"))
    for path in sources:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}: {line.strip()}"
            if "setPixelSize(" in line or "<pointsize>" in line:
                problems.append(where)
            if re.search(r"font-size|font\s*:|\d\s*(px|pt)\s*;", line) and (
                "setStyleSheet" in line or "<string>" in line
            ):
                problems.append(where)
            if re.search(r"QFont\([^)]*,\s*\d", line):
                problems.append(where)
            for argument in re.findall(r"setPointSizeF?\((.*)\)", line):
                if "pointSize" not in argument:  # relative to the font in use (projection)
                    problems.append(where)
    assert not problems, "\n".join(problems)


def test_the_application_font_is_honoured(demo_path, answers, qtbot, tmp_path):
    app = QApplication.instance()
    before = app.font()
    large = QFont(before)
    large.setPointSizeF(max(before.pointSizeF(), 9.0) + 6)
    app.setFont(large)
    try:
        window = _window(demo_path, answers, qtbot, tmp_path)
        sizes = {
            type(w).__name__: w.font().pointSizeF()
            for w in window.findChildren(QWidget)
            if w.font().pointSizeF() != large.pointSizeF()
        }
        assert not sizes, sizes
        chart = window.deliberation.distribution
        small = AverageDistribution(window.hub)
        qtbot.addWidget(small)
        small.setFont(before)
        assert chart.sizeHint().height() > small.sizeHint().height()  # grows with the font
        window.close()
    finally:
        app.setFont(before)


# -- contrast (WCAG 2) ---------------------------------------------------------------------------


def luminance(colour: str | QColor) -> float:
    colour = QColor(colour)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: str | QColor, b: str | QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_wcag_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


BACKGROUNDS = {
    **{f"décision {d.label}": colour for d, (_s, colour) in DECISION_STYLE.items()},
    "décision à confirmer (R23)": STALE_COLOUR,
    "note manquante": MISSING.name(),
    "DIS": DIS_COLOR.name(),
    "ligne à vérifier": TO_CHECK,
}


@pytest.mark.parametrize("name", BACKGROUNDS)
def test_text_on_each_coloured_background_is_readable(name):
    """Table cells and the distribution's bars (same colours, symbols drawn in INK)."""
    ratio = contrast(INK, BACKGROUNDS[name])
    print(f"{name} {BACKGROUNDS[name]} : {ratio:.2f}:1")
    assert ratio >= 4.5


def test_colours_stay_recognisable():
    hue = {d: QColor(colour).hsvHue() for d, (_s, colour) in DECISION_STYLE.items()}
    assert 90 <= hue[Decision.ADMIS] <= 150  # green
    assert 25 <= hue[Decision.CONTROLE] <= 50  # orange
    assert hue[Decision.AJOURNE] <= 10 or hue[Decision.AJOURNE] >= 340  # red
    assert QColor(DECISION_STYLE[Decision.INCOMPLET][1]).hsvSaturation() < 20  # grey
    assert len({symbol for symbol, _c in DECISION_STYLE.values()}) == 4  # never colour alone


def test_the_table_draws_ink_on_its_colours(hub, qtbot):
    model = DeliberationModel(hub)
    grid = GradeGridModel(hub)
    column = model.column["Décision"]
    for row in range(model.rowCount()):
        index = model.index(row, column)
        assert index.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(INK)
        assert (
            index.data(Qt.ItemDataRole.DisplayRole)[0]
            == DECISION_STYLE[hub.service.results[row].decision][0]
        )
    for row in range(grid.rowCount()):
        for column in range(grid.columnCount()):
            index = grid.index(row, column)
            if index.data(Qt.ItemDataRole.BackgroundRole) is not None:
                assert index.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(INK)


def test_the_bars_stand_out_from_the_background(hub, qtbot):
    """WCAG 1.4.11: the bars are outlined in the text colour, ≥ 3:1 on the background and
    on each fill (a pastel fill alone is about 1,3:1 on white)."""
    chart = AverageDistribution(hub)
    qtbot.addWidget(chart)
    outline = chart.palette().color(QPalette.ColorRole.Text)
    base = chart.palette().color(QPalette.ColorRole.Base)
    print(f"contour {outline.name()} sur fond {base.name()} : {contrast(outline, base):.2f}:1")
    assert contrast(outline, base) >= 4.5  # also the axis and count labels
    for _symbol, colour in DECISION_STYLE.values():
        assert contrast(outline, colour) >= 3


def test_jury_balance_message_is_readable(hub, qtbot):
    view = JuryView(hub)
    qtbot.addWidget(view)
    window = view.palette().color(QPalette.ColorRole.Window)
    for colour in ("#8a4b00", "#1d5e20"):
        assert contrast(colour, window) >= 4.5
