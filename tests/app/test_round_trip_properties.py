"""Issue 12, the round trip as a property: over generated sessions (names with accents,
apostrophes and « = + - @ » in front, numbers with leading zeros, grades with two decimals,
the codes ABS, ABJ, DIS of R2, facultative lines, orals with absences R13a, grades kept from an
earlier session with its year), export then
import gives the same session — the whole-session JSON (still an ``evaluate`` input), the
CSV grade sheet and the XLSX grade sheet. Few examples each: every one builds real session
files."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from btsdesk.app.demo import demo_reglement
from btsdesk.app.exchange_import import session_from_exchange
from btsdesk.app.grade_sheets import grade_sheet_csv, grade_sheet_xlsx
from btsdesk.app.imports import apply_preview, preview_file
from btsdesk.app.session_json import session_json
from btsdesk.core.grades import Code
from btsdesk.core.records import Candidate, GradeChange, SessionDetails
from btsdesk.core.results import Decision
from btsdesk.io.exchange import evaluate_text
from btsdesk.store.session import SessionStore

FEW = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
REGLEMENT = demo_reglement()
LINES = [line["code"] for line in REGLEMENT["epreuves"]]
FACULTATIVE = {line["code"] for line in REGLEMENT["epreuves"] if line.get("facultative")}

LETTERS = "abcdefghijklmnopqrstuvwxyzéèêëàâçîïôöùûüÿœæÉÈÊÀÇÎÔŒ"
names = st.one_of(
    st.text(LETTERS + " '-", min_size=1, max_size=14),
    st.sampled_from(["=1+1", "+33", "-Durand", "@SOMME(A1)", "21/2", "0123", "N'Diaye"]),
    st.builds(str.__add__, st.sampled_from("=+-@"), st.text(LETTERS + "'", max_size=8)),
)
# Mostly grades near the thresholds (so that orals come up), some codes, some gaps.
entries = st.sampled_from(["near"] * 5 + ["any", "whole", "code", "none"]).flatmap(
    lambda kind: {
        "near": st.integers(700, 1200),
        "any": st.integers(0, 2000),
        "whole": st.integers(0, 20).map(lambda grade: grade * 100),
        "code": st.sampled_from(list(Code)),
        "none": st.none(),
    }[kind]
)


@st.composite
def candidates(draw: st.DrawFn) -> list[tuple[Candidate, dict[str, int | Code]]]:
    number = st.from_regex(r"0?[0-9]{3,9}", fullmatch=True)  # leading zeros (Cyclades)
    numbers = draw(st.lists(number, min_size=1, max_size=5, unique=True))
    drawn = []
    for number in numbers:
        person = Candidate(
            number,
            draw(names),
            draw(names),
            civility=draw(st.sampled_from(["", "M.", "Mme"])),
            birth_date=draw(st.none() | st.dates().map(lambda day: day.isoformat())),
            category=draw(st.sampled_from("ABC")),
            address=draw(st.text(LETTERS + " ,'\n0123456789", max_size=30)),
            email=draw(st.sampled_from(["", "léa.martin@example.org"])),
            livret_provided=draw(st.booleans()),
        )
        complete = draw(st.booleans())  # else some lines have no entry yet (incomplet)
        grades = {}
        for code in LINES:
            entry = draw(entries)
            if entry is None and complete and code not in FACULTATIVE:
                entry = draw(st.integers(700, 1200))
            if entry is not None:
                grades[code] = entry
        if all(grades.get(code) is Code.DIS for code in LINES if code not in FACULTATIVE):
            grades[LINES[0]] = 1000  # every obligatory line DIS is invalid input (R2)
        drawn.append((person, grades))
    return drawn


def _kept_years(drawn, data: st.DataObject) -> dict[tuple[str, str], int]:
    """Some grades kept from an earlier session (bénéfice, domain.md R2), with its year."""
    years = {}
    for person, grades in drawn:
        for code, entry in grades.items():
            year = data.draw(st.sampled_from([None, None, None, 2021, 2024, 2025]))
            if year is not None and not isinstance(entry, Code):
                years[person.number, code] = year
    return years


def _session(folder: Path, regime: str, drawn, years=None) -> SessionStore:
    store = SessionStore.create(
        folder / "jury.btsdesk",
        reglement=REGLEMENT,
        details=SessionDetails(year=2026, specialty_code="MCO", regime=regime, centre="Lycée"),
        operator="Mme Durand",
    )
    store.add_candidates([person for person, _grades in drawn], source="essai")
    for person, grades in drawn:
        for code, entry in grades.items():
            store.apply_grades(
                [GradeChange(person.number, code, entry)],
                origin="saisie",
                origin_year=(years or {}).get((person.number, code)),
            )
    return store


def _orals(store: SessionStore, data: st.DataObject) -> None:
    """Orals for candidates sent to them: the disciplines offered, a grade, an absence
    (R13a) or nothing yet."""
    evaluator = store.evaluator()
    regime = store.rules().regime
    for graded in store.candidate_grades():
        result = evaluator.evaluate_recorded(graded)
        if result.decision is not Decision.CONTROLE:
            continue
        count = 2 if regime.code == "2022" else 1
        chosen = regime.orals_for_choice(list(result.options)[:count], {})
        for key, choice in chosen.items():
            outcome = data.draw(st.sampled_from(["none", "absent", "grade"]))
            store.set_oral(
                graded.number,
                key,
                discipline=choice.discipline,
                grade=data.draw(st.integers(0, 2000)) if outcome == "grade" else None,
                absent=outcome == "absent",
            )


@FEW
@given(regime=st.sampled_from(["2021", "2022"]), drawn=candidates(), data=st.data())
def test_the_whole_session_json_opens_back_the_same(regime, drawn, data):
    years = _kept_years(drawn, data)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with _session(folder, regime, drawn, years) as store:
            _orals(store, data)
            exported = session_json(store)
        path = folder / "session.json"
        text = json.dumps(exported, ensure_ascii=False, default=str)
        path.write_text(text, encoding="utf-8")
        assert len(evaluate_text(text)["candidates"]) == len(drawn)  # still a §6 input
        with SessionStore.open(session_from_exchange(path, folder / "copie.btsdesk")) as copy:
            assert session_json(copy) == exported
            kept = {
                (number, line): year
                for number, lines in copy.grade_origin_years().items()
                for line, year in lines.items()
            }
            assert kept == years  # each kept grade still says the session it comes from


@FEW
@given(drawn=candidates(), blank=st.booleans(), suffix=st.sampled_from(["csv", "xlsx"]))
def test_a_grade_sheet_imports_back_the_same_grades(drawn, blank, suffix):
    maker = grade_sheet_csv if suffix == "csv" else grade_sheet_xlsx
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with _session(folder, "2022", drawn) as store:
            sheet = folder / f"notes.{suffix}"
            sheet.write_bytes(maker(store, blank=blank))
            preview = preview_file(store, sheet)  # into the session it came from: no change
            assert (preview.problems, preview.changes) == ([], [])
            grades = store.grades()
        target = folder / "vide"
        target.mkdir(exist_ok=True)
        with _session(target, "2022", [(person, {}) for person, _g in drawn]) as empty:
            preview = preview_file(empty, sheet)
            assert preview.problems == []
            apply_preview(empty, preview, source=sheet.name)
            assert empty.grades() == ({} if blank else grades)
