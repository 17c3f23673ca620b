"""The picture of the deliberation: the averages by half-point, the counts per decision."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from btsdesk.app.session import CellChange
from btsdesk.core.results import Decision
from btsdesk.gui.deliberation_view import DeliberationView
from btsdesk.gui.distribution import (
    BIN_COUNT,
    AverageDistribution,
    bin_of,
    bin_text,
    distribute,
)

NDIAYE = 0  # the demo's first candidate: 208,5 / 21 = 9,928… (contrôle); E1 = 11 → 10,14


@dataclass
class Row:
    average: Fraction | None
    decision: Decision


SMALL = [
    Row(Fraction(0), Decision.AJOURNE),
    Row(Fraction(799, 100), Decision.AJOURNE),  # 7,99 → [7,5; 8[
    Row(Fraction(8), Decision.CONTROLE),  # 8 → [8; 8,5[
    Row(Fraction(19, 2), Decision.CONTROLE),  # 9,5 → [9,5; 10[
    Row(Fraction(2085, 210), Decision.CONTROLE),  # 9,928… → [9,5; 10[
    Row(Fraction(10), Decision.ADMIS),  # 10 → [10; 10,5[
    Row(Fraction(21, 2), Decision.AJOURNE),  # 10,5 but ajourné (a domain below 10)
    Row(Fraction(79, 4), Decision.ADMIS),  # 19,75 → [19,5; 20]
    Row(Fraction(20), Decision.ADMIS),  # 20 → the last bin too
    Row(None, Decision.INCOMPLET),  # no average: counted, not placed
]


def test_bins_and_counts_of_a_small_set_by_hand():
    stacks, counts = distribute(SMALL)
    assert len(stacks) == BIN_COUNT == 40
    expected = {
        0: {Decision.AJOURNE: 1},
        15: {Decision.AJOURNE: 1},
        16: {Decision.CONTROLE: 1},
        19: {Decision.CONTROLE: 2},
        20: {Decision.ADMIS: 1},
        21: {Decision.AJOURNE: 1},
        39: {Decision.ADMIS: 2},
    }
    assert {i: dict(+stack) for i, stack in enumerate(stacks) if +stack} == expected
    assert dict(counts) == {
        Decision.ADMIS: 3,
        Decision.CONTROLE: 3,
        Decision.AJOURNE: 3,
        Decision.INCOMPLET: 1,
    }
    assert bin_text(19) == "de 9,5 à 10"
    assert bin_text(16) == "de 8 à 8,5"


def test_the_bin_is_exact_not_a_float():
    just_below_two = Fraction(2) - Fraction(1, 10**30)
    assert float(just_below_two) * 2 == 4.0  # a float would put it in [2; 2,5[
    assert bin_of(just_below_two) == 3  # [1,5; 2[
    assert bin_of(Fraction(8) - Fraction(1, 10**30)) == 15  # below the threshold: not 8
    assert bin_of(Fraction(8)) == 16


def _by_hand(results) -> tuple[list[int], dict[Decision, int]]:
    """Integer arithmetic only: bin = (2·p) // q, 20 in the last bin."""
    bins = [0] * 40
    counts = dict.fromkeys(Decision, 0)
    for result in results:
        counts[result.decision] += 1
        if result.average is not None:
            a = result.average
            bins[min(2 * a.numerator // a.denominator, 39)] += 1
    return bins, counts


def test_widget_follows_a_grade_edit(hub, qtbot):
    chart = AverageDistribution(hub)
    qtbot.addWidget(chart)
    results = hub.service.results
    bins, counts = _by_hand(results)
    assert chart.bins() == bins
    assert chart.counts() == counts == {d: hub.service.counts()[d] for d in Decision}
    assert sum(chart.counts().values()) == 40
    assert results[NDIAYE].decision is Decision.CONTROLE
    assert chart.stacks()[19].get(Decision.CONTROLE, 0) >= 1  # N'Diaye, 9,92

    hub.edit_grades([CellChange(NDIAYE, "E1", 1100)], "x")  # 9,50 → 11: 10,14, admis
    after, after_counts = _by_hand(hub.service.results)
    assert chart.bins() == after
    assert after[19] == bins[19] - 1
    assert after[20] == bins[20] + 1
    assert chart.counts() == after_counts
    assert after_counts[Decision.ADMIS] == counts[Decision.ADMIS] + 1
    assert after_counts[Decision.CONTROLE] == counts[Decision.CONTROLE] - 1


def test_shown_in_the_deliberation_view_and_updated_live(hub, qtbot):
    view = DeliberationView(hub)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    chart = view.distribution
    assert chart.isVisible()
    assert 150 <= chart.height() <= 260  # a modest picture above the table
    admitted = chart.counts()[Decision.ADMIS]
    assert f"{admitted} admis" in chart.accessibleDescription()

    hub.edit_grades([CellChange(NDIAYE, "E1", 1100)], "x")
    # Refreshed at once (not only when asked): the accessible description says so.
    assert f"{admitted + 1} admis" in chart.accessibleDescription()
    hub.undo_stack.undo()
    assert f"{admitted} admis" in chart.accessibleDescription()

    view.set_projection(True)  # kept in projection, a little larger
    assert chart.isVisible()
    assert not chart.grab().isNull()


def test_accessible_name_and_french_description(hub, qtbot):
    chart = AverageDistribution(hub)
    qtbot.addWidget(chart)
    counts = chart.counts()
    assert chart.accessibleName() == "Répartition des moyennes"
    text = chart.accessibleDescription()
    placed = sum(chart.bins())
    assert text.startswith(
        f"Répartition des moyennes de {placed} candidats, par demi-point, avec les seuils 8 et 10."
    )
    ajournes = "ajourné" if counts[Decision.AJOURNE] == 1 else "ajournés"
    incomplets = "incomplet" if counts[Decision.INCOMPLET] == 1 else "incomplets"
    assert (
        f"Décisions du premier groupe : {counts[Decision.ADMIS]} admis, "
        f"{counts[Decision.CONTROLE]} aux épreuves de contrôle, "
        f"{counts[Decision.AJOURNE]} {ajournes}, "
        f"{counts[Decision.INCOMPLET]} {incomplets}."
    ) in text
    assert f"de 9,5 à 10 : {chart.bins()[19]}" in text
    assert chart.bin_tooltip(19).startswith(f"Moyenne de 9,5 à 10 (exclu) : {chart.bins()[19]}")
    assert chart.bin_tooltip(39).startswith("Moyenne de 19,5 à 20 (inclus)")


def test_paints_small_and_large(hub, qtbot):
    chart = AverageDistribution(hub)
    qtbot.addWidget(chart)
    for width in (400, 880, 1600):
        chart.resize(width, chart.sizeHint().height())
        assert not chart.grab().isNull()


def test_the_title_shortens_rather_than_cut(hub, qtbot):
    chart = AverageDistribution(hub)
    qtbot.addWidget(chart)
    metrics = chart.fontMetrics()
    placed = sum(chart.bins())
    full = chart.title(metrics, 10_000)
    assert full == (
        f"Répartition des moyennes du 1er groupe : {placed} candidats (+ 1 incomplet, sans moyenne)"
    )
    short = f"Moyennes du 1er groupe : {placed} candidats"
    assert chart.title(metrics, metrics.horizontalAdvance(short)) == short


def test_live_updates_move_only_the_edited_candidate_and_match_a_full_count(hub, qtbot):
    from btsdesk.app.session import CellChange
    from btsdesk.gui.distribution import AverageDistribution, distribute

    chart = AverageDistribution(hub)
    qtbot.addWidget(chart)
    chart.show()
    for row, line, grade in ((0, "E1", 2000), (3, "E5", 0), (9, "E6", 1000), (0, "E1", 500)):
        hub.edit_grades([CellChange(row, line, grade)], "essai")
        stacks, counts = distribute(hub.service.results)
        assert chart.stacks() == [{d: n for d, n in s.items() if n} for s in stacks]
        assert chart.counts() == {decision: counts[decision] for decision in counts}


def test_the_thresholds_are_the_regimes(hub, tmp_path, answers, qtbot):
    """Regime.thresholds: 8 and 10 in regime 2022 (R14), 10 alone in regime 2021 (R10)."""
    from btsdesk.app.demo import create_demo_file
    from btsdesk.app.session import JurySession
    from btsdesk.gui.hub import SessionHub
    from btsdesk.store.session import SessionStore

    chart = AverageDistribution(hub)
    qtbot.addWidget(chart)
    assert chart.thresholds == (8, 10)
    store = SessionStore.open(
        create_demo_file(tmp_path / "d2021.btsdesk", regime="2021"), backup=False
    )
    try:
        chart_2021 = AverageDistribution(SessionHub(JurySession(store), answers))
        qtbot.addWidget(chart_2021)
        assert chart_2021.thresholds == (10,)
        assert "par demi-point, avec le seuil 10." in chart_2021.accessibleDescription()
        chart_2021.resize(880, chart_2021.sizeHint().height())
        assert not chart_2021.grab().isNull()
    finally:
        store.close()


def test_the_legend_counts_the_day_as_it_stands_after_the_orals(hub, qtbot):
    """R13a, R16, R24: N'Diaye admitted after her orals, Benali declining them (ajourné):
    the bars stay at the first-group averages, coloured and counted as the day stands."""
    chart = AverageDistribution(hub)
    qtbot.addWidget(chart)
    chart.show()
    before = chart.counts()
    assert chart.legend_title() == "Décisions"
    hub.set_phase("deliberation")
    ndiaye, benali = (hub.service.candidates[row].number for row in (NDIAYE, 3))
    hub.act(lambda s: s.choose(ndiaye, ["E1", "E3"]))
    hub.act(lambda s: s.set_oral(ndiaye, "E1", "12"))
    hub.act(lambda s: s.set_oral(ndiaye, "E3", "11"))
    hub.act(lambda s: s.decline(benali))
    counts = chart.counts()
    assert counts == {d: hub.service.counts()[d] for d in Decision}
    assert counts[Decision.ADMIS] == before[Decision.ADMIS] + 1
    assert counts[Decision.AJOURNE] == before[Decision.AJOURNE] + 1
    assert counts[Decision.CONTROLE] == before[Decision.CONTROLE] - 2
    assert chart.stacks()[19].get(Decision.ADMIS, 0) >= 1  # N'Diaye still at 9,92
    assert chart.bins() == _by_hand(hub.service.results)[0]  # the same bars
    assert chart.legend_title() == "Décisions à ce jour"
    assert (
        f"Décisions à ce jour, après les épreuves de contrôle : {counts[Decision.ADMIS]} admis,"
    ) in chart.accessibleDescription()
    # A full recount gives the same picture as the live updates.
    live = chart.stacks()
    chart.refresh()
    assert chart.stacks() == live
    assert not chart.grab().isNull()
