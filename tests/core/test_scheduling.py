"""The timetable of the épreuves de contrôle: proposal, conflicts after manual moves, the R13b
deadline (domain.md §3) and the durations of R15 (20 + 20 min, languages 10 + 10).

Every expected slot, time and message is worked by hand in the comment next to it. Monday
6 July 2026 is the first day of orals (6 July 2026 is a Monday)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from btsdesk.core.errors import InvalidInput
from btsdesk.core.scheduling import (
    Conflict,
    Examiner,
    OralDay,
    OralRequest,
    Proposal,
    Room,
    Slot,
    conflicts,
    deadline_warnings,
    french_date,
    french_time,
    move,
    propose,
)
from tests.core.support import gen, pro, specialty

ROOT = Path(__file__).resolve().parents[2]
MONDAY, TUESDAY = date(2026, 7, 6), date(2026, 7, 7)
C1, C2, C3 = "0262000001", "0262000002", "0262000003"


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time(hour, minute))


# ---------------------------------------------------------------------------------------------
# French formatting


def test_french_date_and_time_without_locale() -> None:
    # 6 July 2026 is a Monday; 31 July is then a Friday and 1 August a Saturday ("1er").
    assert french_date(date(2026, 7, 6)) == "lundi 6 juillet 2026"
    assert french_date(date(2026, 8, 1)) == "samedi 1er août 2026"
    assert french_date(date(2026, 7, 6), with_year=False) == "lundi 6 juillet"
    assert french_time(time(14, 20)) == "14 h 20"
    assert french_time(at(8, 5)) == "8 h 05"
    assert french_time(time(9)) == "9 h"  # as the documents write it


# ---------------------------------------------------------------------------------------------
# A small proposal worked by hand, then moved by hand

SMALL_DAY = OralDay(MONDAY, time(8), time(18))  # default break 12 h – 13 h 30
SMALL_ROOMS = (Room("B12"), Room("B14"))
DUPONT, BERNARD = "Mme Dupont", "M. Bernard"
SMALL_EXAMINERS = (Examiner(DUPONT, frozenset({"E1"})), Examiner(BERNARD, frozenset({"E2"})))
SMALL_REQUESTS = (
    OralRequest(C1, "E1", "E1", 20, 20),
    OralRequest(C1, "E2", "E2", 10, 10),
    OralRequest(C2, "E1", "E1", 20, 20),
)


def small() -> tuple[Slot, Slot, Slot]:
    proposal = propose(SMALL_REQUESTS, [SMALL_DAY], SMALL_ROOMS, SMALL_EXAMINERS)
    assert proposal.unplaced == ()
    first, second, third = proposal.slots
    return first, second, third


def test_small_proposal_worked_by_hand() -> None:
    # C1 E1: the first exam start whose preparation starts at the opening is 8 h 20 (prep
    #   8 h); both rooms free, Dupont the only E1 examiner → B12 (order given).
    # C1 E2: C1 busy 8 h – 8 h 40 plus 10 min → preparation from 8 h 50, exam 9 h –
    #   9 h 10; Bernard has no room yet, B12 already has Dupont → B14.
    # C2 E1: Dupont busy 8 h 20 – 8 h 40 → exam 8 h 40 – 9 h (prep 8 h 20), in B12 where
    #   Dupont already examines.
    first, second, third = small()
    assert first == Slot(C1, "E1", "E1", MONDAY, at(8), at(8, 20), at(8, 40), "B12", DUPONT)
    assert second == Slot(C1, "E2", "E2", MONDAY, at(8, 50), at(9), at(9, 10), "B14", BERNARD)
    assert third == Slot(C2, "E1", "E1", MONDAY, at(8, 20), at(8, 40), at(9), "B12", DUPONT)
    assert first.arrival == at(7, 45)  # §5: 15 minutes before the preparation
    assert (third.preparation_minutes, third.exam_minutes) == (20, 20)
    assert conflicts([first, second, third], SMALL_EXAMINERS, [SMALL_DAY], gap_minutes=10) == []


def test_move_keeps_the_preparation_right_before_the_exam() -> None:
    _, second, _ = small()
    moved = move(second, exam_start=at(14, 20, TUESDAY), room="B16")
    # 10 min preparation before 14 h 20 → 14 h 10; 10 min exam → 14 h 30; examiner kept.
    assert moved == Slot(
        C1,
        "E2",
        "E2",
        TUESDAY,
        at(14, 10, TUESDAY),
        at(14, 20, TUESDAY),
        at(14, 30, TUESDAY),
        "B16",
        BERNARD,
    )
    assert move(second, exam_start=at(9), examiner=DUPONT).examiner == DUPONT


def test_two_exams_in_one_room_at_once_is_a_room_conflict() -> None:
    first, second, third = small()
    # C2's E1 moved to B14 at 9 h: 9 h – 9 h 20 against C1's E2 9 h – 9 h 10 in B14.
    # Different candidates and examiners (Dupont / Bernard): only the room conflict.
    moved = move(third, exam_start=at(9), room="B14")
    assert conflicts([first, second, moved], SMALL_EXAMINERS, [SMALL_DAY]) == [
        Conflict(
            "salle",
            "Salle B14 : 0262000001 et 0262000002 en interrogation en même temps "
            "le lundi 6 juillet à 9 h",
            (second, moved),
        )
    ]


def test_a_candidate_in_two_places_at_once() -> None:
    first, second, third = small()
    # C1's E2 moved to 8 h 30: preparation 8 h 20, exam until 8 h 40, while C1's E1 runs
    # 8 h – 8 h 40 (B12). B14 and Bernard are otherwise free: only the candidate
    # conflict, from 8 h 20.
    moved = move(second, exam_start=at(8, 30))
    found = conflicts([first, moved, third], SMALL_EXAMINERS, [SMALL_DAY])
    assert [c.kind for c in found] == ["candidat"]
    assert found[0].slots == (first, moved)
    assert found[0].message.startswith(
        "0262000001 est à deux endroits à la fois le lundi 6 juillet à 8 h 20 : "
        "E1 en salle B12 (8 h – 8 h 40) et E2 en salle B14 (8 h 20 – 8 h 40)"
    )


def test_the_gap_between_two_orals_is_checked_only_when_asked() -> None:
    first, second, third = small()
    # C1's E2 at 8 h 50: preparation 8 h 40, right when E1 ends (8 h 40): no overlap, but
    # 0 min < 10 min of gap.
    moved = move(second, exam_start=at(8, 50))
    assert conflicts([first, moved, third]) == []
    found = conflicts([first, moved, third], gap_minutes=10)
    assert [c.kind for c in found] == ["candidat"]
    assert "0262000001 : moins de 10 min entre E1 (fin à 8 h 40) et E2" in found[0].message


def test_one_examiner_with_two_candidates_at_once() -> None:
    first, second, third = small()
    # C2's E1 moved to 8 h 30 in B14: Dupont examines C1 8 h 20 – 8 h 40 (B12) and C2
    # 8 h 30 – 8 h 50 (B14); B14's other exam is 9 h: only the examiner conflict, 8 h 30.
    moved = move(third, exam_start=at(8, 30), room="B14")
    found = conflicts([first, second, moved], SMALL_EXAMINERS, [SMALL_DAY])
    assert found == [
        Conflict(
            "examinateur",
            "Mme Dupont interroge 0262000001 (salle B12) et 0262000002 (salle B14) "
            "en même temps le lundi 6 juillet à 8 h 30",
            (first, moved),
        )
    ]


def test_an_examiner_not_qualified() -> None:
    first, second, third = small()
    # Dupont examines E1 only; moved onto C1's E2 at 9 h – 9 h 10 she is free (C2 ends 9 h).
    moved = move(second, exam_start=at(9), examiner=DUPONT)
    assert conflicts([first, moved, third]) == []  # without examiners: not checked
    found = conflicts([first, moved, third], SMALL_EXAMINERS)
    assert found == [
        Conflict(
            "qualification",
            "Mme Dupont n'est pas désigné(e) pour interroger en E2 : 0262000001 "
            "le lundi 6 juillet à 9 h",
            (moved,),
        )
    ]
    unknown = conflicts([replace(first, examiner="M. Inconnu")], SMALL_EXAMINERS)
    assert [c.kind for c in unknown] == ["qualification"]
    assert "« M. Inconnu » inconnu" in unknown[0].message


def test_exams_during_the_lunch_break_or_outside_the_hours() -> None:
    first, second, third = small()
    # 12 h 10 – 12 h 30 lies inside 12 h – 13 h 30.
    lunch = move(third, exam_start=at(12, 10))
    assert conflicts([first, second, lunch]) == []  # without days: not checked
    found = conflicts([first, second, lunch], days=[SMALL_DAY])
    assert [(c.kind, c.slots) for c in found] == [("horaire", (lunch,))]
    assert found[0].message == (
        "0262000002 (E1) : interrogation le lundi 6 juillet à 12 h 10 "
        "pendant la pause de 12 h à 13 h 30"
    )
    # 11 h 50 – 12 h 10 straddles the start of the break: still inside it.
    assert [c.kind for c in conflicts([move(third, exam_start=at(11, 50))], days=[SMALL_DAY])] == [
        "horaire"
    ]
    # 13 h 30 – 13 h 50 with its preparation 13 h 10 – 13 h 30 in the break: allowed.
    assert conflicts([move(third, exam_start=at(13, 30))], days=[SMALL_DAY]) == []
    # 17 h 50 – 18 h 10 ends after 18 h; 8 h 10 means a preparation from 7 h 50.
    for start in (at(17, 50), at(8, 10)):
        assert [c.kind for c in conflicts([move(third, exam_start=start)], days=[SMALL_DAY])] == [
            "horaire"
        ]
    # No day of orals on Tuesday.
    tuesday = conflicts([move(third, exam_start=at(9, 0, TUESDAY))], days=[SMALL_DAY])
    assert [c.kind for c in tuesday] == ["horaire"]
    assert "aucune journée d'oraux prévue le mardi 7 juillet" in tuesday[0].message


def test_a_preparation_that_does_not_come_right_before_the_exam() -> None:
    first, _, _ = small()
    late = replace(first, preparation_start=at(8, 30))  # after the 8 h 20 exam start
    found = conflicts([late])
    assert [c.kind for c in found] == ["préparation"]
    assert "la préparation (8 h 30) commence après l'interrogation (8 h 20)" in found[0].message
    other_day = replace(first, preparation_start=at(8, 0, TUESDAY))  # prep the next day
    assert [c.kind for c in conflicts([other_day])] == ["préparation"]


# ---------------------------------------------------------------------------------------------
# 60 candidates, 2 orals each (regime 2022, R15), over 2 days and 3 rooms

# E1 CGE 20 + 20 min (default), E2 LVE 10 + 10 min (a language).
SPEC = specialty(
    gen("E1", "3"), {**gen("E2", "2"), "oral": {"preparation": 10, "exam": 10}}, pro("P1", "3")
)
DAYS = (OralDay(MONDAY, time(8), time(18)), OralDay(TUESDAY, time(8), time(18)))
ROOMS = (Room("B12"), Room("B14"), Room("B16"))
EXAMINERS = (
    Examiner("Mme Dupont", frozenset({"E1"})),
    Examiner("M. Martin", frozenset({"E1"})),
    Examiner("Mme Leroy", frozenset({"E1", "E2"})),
    Examiner("M. Bernard", frozenset({"E2"})),
    Examiner("Mme Petit", frozenset({"E2"})),
)
NUMBERS = [f"02620000{i:02d}" for i in range(1, 61)]
# Capacity by hand: a day has 8 h – 12 h (240 min) + 13 h 30 – 18 h (270 min) = 510
# exam minutes per room; 3 rooms × 2 days × 510 = 3,060 ≥ 60 × (20 + 10) = 1,800 needed.
# E1 needs 60 × 20 = 1,200 min among 3 examiners (≤ 3 × 1,020 available).
REQUESTS = [
    OralRequest.for_discipline(number, SPEC.discipline_by_code[code])
    for number in NUMBERS
    for code in ("E1", "E2")
]


def _minutes(start: datetime, end: datetime) -> list[datetime]:
    """Every minute of [start, end), one by one."""
    return [start + timedelta(minutes=m) for m in range(int((end - start).total_seconds()) // 60)]


def test_sixty_candidates_two_orals_each_are_all_placed_without_conflict() -> None:
    assert (REQUESTS[0].preparation_minutes, REQUESTS[0].exam_minutes) == (20, 20)
    assert (REQUESTS[1].preparation_minutes, REQUESTS[1].exam_minutes) == (10, 10)
    proposal = propose(REQUESTS, DAYS, ROOMS, EXAMINERS, gap_minutes=10)
    assert proposal.unplaced == ()
    assert len(proposal.slots) == 120
    assert conflicts(proposal.slots, EXAMINERS, DAYS, gap_minutes=10) == []

    # Brute force, independent of the module's interval logic: every request exactly once with
    # its durations; then minute by minute, no minute used twice by one room, one examiner,
    # or one candidate (whose minutes run from the preparation to 10 min after the exam).
    placed = Counter(
        (s.candidate, s.subject, s.preparation_minutes, s.exam_minutes) for s in proposal.slots
    )
    assert placed == Counter(
        (r.candidate, r.subject, r.preparation_minutes, r.exam_minutes) for r in REQUESTS
    )
    qualified = {e.name: e.disciplines for e in EXAMINERS}
    allowed = set()  # the exam minutes of both days: 8 h – 12 h and 13 h 30 – 18 h
    for day in (MONDAY, TUESDAY):
        allowed |= set(_minutes(at(8, 0, day), at(12, 0, day)))
        allowed |= set(_minutes(at(13, 30, day), at(18, 0, day)))
    used: dict[str, Counter[datetime]] = {}
    for s in proposal.slots:
        assert s.subject in qualified[s.examiner]
        assert s.exam_start.date() == s.preparation_start.date() == s.day
        assert s.preparation_start >= at(8, 0, s.day)
        assert s.exam_end - s.preparation_start == timedelta(
            minutes=s.preparation_minutes + s.exam_minutes
        )
        exam = _minutes(s.exam_start, s.exam_end)
        assert set(exam) <= allowed
        for key in ("room " + s.room, "examiner " + s.examiner):
            used.setdefault(key, Counter()).update(exam)
        used.setdefault("candidate " + s.candidate, Counter()).update(
            _minutes(s.preparation_start, s.exam_end + timedelta(minutes=10))
        )
    clashes = {key: [m for m, n in counter.items() if n > 1] for key, counter in used.items()}
    assert {key: minutes for key, minutes in clashes.items() if minutes} == {}
    # Every room, every examiner and both days are used: the load is spread.
    assert {s.room for s in proposal.slots} == {"B12", "B14", "B16"}
    assert {s.examiner for s in proposal.slots} == set(qualified)


def test_the_proposal_is_deterministic() -> None:
    first = propose(REQUESTS, DAYS, ROOMS, EXAMINERS)
    assert propose(REQUESTS, list(reversed(DAYS)), ROOMS, EXAMINERS) == first  # days sorted
    # Another string hash seed changes the iteration order of sets and frozensets (the
    # examiners' disciplines): the timetable must not change.
    script = (
        "from tests.core.test_scheduling import *\n"
        "p = propose(REQUESTS, DAYS, ROOMS, EXAMINERS)\n"
        "print([(s.candidate, s.subject, s.exam_start.isoformat(), s.room, s.examiner)"
        " for s in p.slots])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    expected = str(
        [
            (s.candidate, s.subject, s.exam_start.isoformat(), s.room, s.examiner)
            for s in first.slots
        ]
    )
    assert outputs == {expected + "\n"}


def test_unplaceable_requests_come_back_with_their_reason() -> None:
    requests = [*SMALL_REQUESTS, OralRequest(C3, "E3", "E3"), OralRequest(C3, "professional", "E5")]
    proposal = propose(requests, [SMALL_DAY], SMALL_ROOMS, SMALL_EXAMINERS)
    assert len(proposal.slots) == 3  # the three of the small proposal, unchanged
    assert proposal.slots == small()
    assert proposal.unplaced == (
        (OralRequest(C3, "E3", "E3"), "aucun examinateur pour E3"),
        (OralRequest(C3, "professional", "E5"), "aucun examinateur pour le domaine professionnel"),
    )


def test_no_free_slot_left() -> None:
    # One room, one E1 examiner, 8 h – 9 h without a break: exams 8 h 20 – 8 h 40 and
    # 8 h 40 – 9 h; the third E1 oral has no room left (a 9 h exam would end at 9 h 20).
    day = OralDay(MONDAY, time(8), time(9), breaks=())
    requests = [OralRequest(n, "E1", "E1") for n in (C1, C2, C3)]
    proposal = propose(requests, [day], [Room("B12")], SMALL_EXAMINERS[:1])
    assert [(s.candidate, s.exam_start) for s in proposal.slots] == [
        (C1, at(8, 20)),
        (C2, at(8, 40)),
    ]
    assert proposal.unplaced == (
        (
            requests[2],
            "plus aucun créneau libre pour E1 : ajoutez une journée, une salle ou un examinateur",
        ),
    )
    # A 50 + 20 min oral does not fit in one hour at all.
    too_long = OralRequest(C1, "E1", "E1", 50, 20)
    assert propose([too_long], [day], [Room("B12")], SMALL_EXAMINERS[:1]) == Proposal(
        (), ((too_long, "l'oral de 50 + 20 min ne tient dans aucune journée"),)
    )


def test_a_candidate_comes_once_when_possible() -> None:
    # Monday 8 h – 9 h (no break), Tuesday 8 h – 18 h. C2 and C3 take Dupont's
    # two Monday E1 exams (8 h 20, 8 h 40), so C1's E1 goes to Tuesday 8 h 20 (prep 8 h).
    # C1's E2 could fit on Monday (Bernard free, exam 8 h 10 with prep 8 h) but C1 already
    # comes on Tuesday: busy 8 h – 8 h 40 + 10 min → prep 8 h 50, exam 9 h on Tuesday.
    monday = OralDay(MONDAY, time(8), time(9), breaks=())
    tuesday = OralDay(TUESDAY, time(8), time(18))
    requests = [
        OralRequest(C2, "E1", "E1"),
        OralRequest(C3, "E1", "E1"),
        OralRequest(C1, "E1", "E1"),
        OralRequest(C1, "E2", "E2", 10, 10),
    ]
    proposal = propose(requests, [monday, tuesday], SMALL_ROOMS, SMALL_EXAMINERS)
    assert [(s.candidate, s.subject, s.exam_start) for s in proposal.slots] == [
        (C2, "E1", at(8, 20)),
        (C3, "E1", at(8, 40)),
        (C1, "E1", at(8, 20, TUESDAY)),
        (C1, "E2", at(9, 0, TUESDAY)),
    ]


def test_invalid_set_up_is_refused_in_french() -> None:
    with pytest.raises(InvalidInput, match="salle « B12 » en double"):
        propose([], [SMALL_DAY], [Room("B12"), Room("B12")], SMALL_EXAMINERS)
    with pytest.raises(InvalidInput, match="doit précéder la fin"):
        OralDay(MONDAY, time(18), time(8))
    with pytest.raises(InvalidInput, match="durées invalides"):
        OralRequest(C1, "E1", "E1", 20, 0)


# ---------------------------------------------------------------------------------------------
# R13b: convocations at the latest 8 days after the proclamation


def _slot_on(day: date) -> Slot:
    return Slot(C1, "E1", "E1", day, at(8, 0, day), at(8, 20, day), at(8, 40, day), "B12", DUPONT)


def test_r13b_late_convocation_and_late_oral_are_warned() -> None:
    # Proclamation Monday 6 July: + 8 days = Tuesday 14 July (last day on time);
    # convocations on Wednesday 15 July = 9 days after; an oral on Thursday 16 July = 10 days.
    warnings = deadline_warnings(
        MONDAY, slots=[_slot_on(date(2026, 7, 16))], convocation_date=date(2026, 7, 15)
    )
    assert warnings == [
        "Convocations datées du mercredi 15 juillet 2026, 9 jours après la proclamation du "
        "lundi 6 juillet 2026 : au plus tard 8 jours après, soit le mardi 14 juillet 2026 "
        "(R13b).",
        "1 oral prévu le jeudi 16 juillet 2026, 10 jours après la proclamation du lundi "
        "6 juillet 2026 : au-delà de 8 jours (R13b).",
    ]


def test_r13b_exactly_eight_days_is_on_time() -> None:
    # 6 + 8 = 14 July for both the convocations and two orals: no warning.
    day = date(2026, 7, 14)
    assert (
        deadline_warnings(MONDAY, slots=[_slot_on(day), _slot_on(day)], convocation_date=day) == []
    )
    assert deadline_warnings(MONDAY) == []


def test_r13b_orals_grouped_per_day_and_orals_before_the_results() -> None:
    # Two orals on 16 July (10 days) are one warning; an oral on Friday 3 July precedes the
    # proclamation; with convocations on 10 July an oral on 9 July precedes them.
    late = date(2026, 7, 16)
    warnings = deadline_warnings(
        MONDAY,
        slots=[
            _slot_on(late),
            _slot_on(date(2026, 7, 3)),
            _slot_on(late),
            _slot_on(date(2026, 7, 9)),
        ],
        convocation_date=date(2026, 7, 10),
    )
    assert len(warnings) == 3
    assert warnings[0].startswith("1 oral prévu le vendredi 3 juillet 2026, avant les résultats")
    assert warnings[1].startswith(
        "1 oral prévu le jeudi 9 juillet 2026, avant la date des "
        "convocations (vendredi 10 juillet 2026)"
    )
    assert warnings[2].startswith("2 oraux prévus le jeudi 16 juillet 2026, 10 jours après")
    assert deadline_warnings(MONDAY, slots=[_slot_on(late)], days=10) == []  # 10 days allowed
