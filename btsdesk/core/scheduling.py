"""The timetable of the épreuves de contrôle: a proposal, the conflicts after manual moves, and
the R13b deadline (domain.md §3, §5).

Model (exact times, no floats): an oral is a preparation immediately followed by an
examination (R15: 20 + 20 min, languages 10 + 10). The preparation happens in a separate,
supervised preparation room, so only the *examination* occupies a room and an examiner; the
candidate is busy from the start of the preparation to the end of the examination.

Hours (product decision): the day's ``start`` is when the centre opens, so a preparation never
starts before it (the candidate arrives 15 minutes earlier, §5); examinations end by ``end``
and never overlap a break (the examiners' lunch). A preparation may run during the last
minutes of a break so that the examination starts right when the break ends.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from btsdesk.core.errors import InvalidInput
from btsdesk.core.french import clock, weekday_date
from btsdesk.core.reglement import Discipline, Domain

ARRIVAL_ADVANCE = timedelta(minutes=15)  # §5: arrive 15 minutes early

# Conflict kinds, in the order they are listed for one instant.
CANDIDATE = "candidat"
ROOM = "salle"
EXAMINER = "examinateur"
QUALIFICATION = "qualification"
HOURS = "horaire"
PREPARATION = "préparation"
_KIND_ORDER = (CANDIDATE, ROOM, EXAMINER, QUALIFICATION, HOURS, PREPARATION)


# ---------------------------------------------------------------------------------------------
# French formatting (the machine has only the C locale: no locale module)


def french_time(t: time | datetime) -> str:
    """``14 h 20``, ``8 h 05``, ``9 h``."""
    return clock(t)


def french_date(d: date, *, with_year: bool = True) -> str:
    """``lundi 6 juillet 2026``; the first of the month is ``1er``."""
    return weekday_date(d, with_year=with_year)


def _when(moment: datetime) -> str:
    """``le lundi 6 juillet à 14 h 20``."""
    return f"le {french_date(moment.date(), with_year=False)} à {french_time(moment)}"


def subject_label(subject: str) -> str:
    """What an examiner is qualified for, in French: a discipline code as it is, the regime
    2021 domain keys as ``le domaine général`` / ``le domaine professionnel``."""
    for domain in Domain:
        if subject == domain.value:
            return f"le domaine {domain.label}"
    return subject


# ---------------------------------------------------------------------------------------------
# Model


@dataclass(frozen=True)
class OralDay:
    """A day of orals: examinations within [start, end], outside the breaks."""

    day: date
    start: time
    end: time
    breaks: tuple[tuple[time, time], ...] = ((time(12), time(13, 30)),)

    def __post_init__(self) -> None:
        where = french_date(self.day)
        if self.start >= self.end:
            raise InvalidInput(
                f"journée du {where} : le début ({french_time(self.start)}) doit "
                f"précéder la fin ({french_time(self.end)})"
            )
        for begin, finish in self.breaks:
            if begin >= finish:
                raise InvalidInput(
                    f"journée du {where} : pause de {french_time(begin)} à "
                    f"{french_time(finish)} invalide"
                )

    def at(self, t: time) -> datetime:
        return datetime.combine(self.day, t)


@dataclass(frozen=True)
class Room:
    name: str


@dataclass(frozen=True)
class Examiner:
    """An examiner and the subjects (discipline codes, or the regime 2021 domain keys
    ``general``/``professional``) they may examine."""

    name: str
    disciplines: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class OralRequest:
    """One oral to schedule. ``subject`` is what the examiner must be qualified for,
    ``discipline`` what is printed on the convocation."""

    candidate: str
    subject: str
    discipline: str
    preparation_minutes: int = 20
    exam_minutes: int = 20

    def __post_init__(self) -> None:
        if self.preparation_minutes < 0 or self.exam_minutes <= 0:
            raise InvalidInput(
                f"oral de {self.candidate} en {self.discipline} : durées invalides "
                f"({self.preparation_minutes} + {self.exam_minutes} min)"
            )

    @classmethod
    def for_discipline(
        cls, candidate: str, discipline: Discipline, subject: str | None = None
    ) -> OralRequest:
        """The request for an oral in ``discipline`` with its règlement durations (R15);
        ``subject`` defaults to the discipline's code (regime 2021: pass the domain key)."""
        return cls(
            candidate,
            subject if subject is not None else discipline.code,
            discipline.code,
            discipline.oral.preparation,
            discipline.oral.exam,
        )


@dataclass(frozen=True)
class Slot:
    """A scheduled oral. The preparation is [preparation_start, exam_start), the examination
    [exam_start, exam_end), in ``room`` with ``examiner``."""

    candidate: str
    subject: str
    discipline: str
    day: date
    preparation_start: datetime
    exam_start: datetime
    exam_end: datetime
    room: str
    examiner: str

    @property
    def arrival(self) -> datetime:
        """§5: the candidate arrives 15 minutes before the preparation."""
        return self.preparation_start - ARRIVAL_ADVANCE

    @property
    def preparation_minutes(self) -> int:
        return _minutes(self.exam_start - self.preparation_start)

    @property
    def exam_minutes(self) -> int:
        return _minutes(self.exam_end - self.exam_start)


_Getter = Callable[[Slot], datetime]
_KeyGetter = Callable[[Slot], str]


@dataclass(frozen=True)
class Conflict:
    kind: str  # one of candidat, salle, examinateur, qualification, horaire, préparation
    message: str  # French, names the people, rooms and times
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Proposal:
    slots: tuple[Slot, ...]
    unplaced: tuple[tuple[OralRequest, str], ...]  # each with a French reason


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds()) // 60


def move(
    slot: Slot, *, exam_start: datetime, room: str | None = None, examiner: str | None = None
) -> Slot:
    """The slot moved by hand: same durations, the preparation right before the new
    examination start; room and examiner kept unless given."""
    preparation = slot.exam_start - slot.preparation_start
    duration = slot.exam_end - slot.exam_start
    return replace(
        slot,
        day=exam_start.date(),
        preparation_start=exam_start - preparation,
        exam_start=exam_start,
        exam_end=exam_start + duration,
        room=slot.room if room is None else room,
        examiner=slot.examiner if examiner is None else examiner,
    )


# ---------------------------------------------------------------------------------------------
# Proposal


class _Busy:
    """Disjoint half-open intervals kept sorted: an overlap test in O(log n)."""

    def __init__(self) -> None:
        self.starts: list[datetime] = []
        self.ends: list[datetime] = []

    def free(self, start: datetime, end: datetime) -> bool:
        index = bisect.bisect_left(self.starts, end)  # intervals before index start before end
        return index == 0 or self.ends[index - 1] <= start

    def add(self, start: datetime, end: datetime) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def _unique(names: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InvalidInput(f"{what} « {name} » en double")
        seen.add(name)


def _exam_starts(day: OralDay, request: OralRequest, step: timedelta) -> list[datetime]:
    """Every examination start on the step grid of ``day`` (from its start) where the
    preparation starts after the opening and the examination ends by the end, off breaks."""
    preparation = timedelta(minutes=request.preparation_minutes)
    duration = timedelta(minutes=request.exam_minutes)
    opening, closing = day.at(day.start), day.at(day.end)
    breaks = [(day.at(b), day.at(e)) for b, e in day.breaks]
    starts = []
    moment = opening
    while moment + duration <= closing:
        end = moment + duration
        if moment - preparation >= opening and all(end <= b or moment >= e for b, e in breaks):
            starts.append(moment)
        moment += step
    return starts


def propose(
    requests: Iterable[OralRequest],
    days: Iterable[OralDay],
    rooms: Iterable[Room],
    examiners: Iterable[Examiner],
    *,
    step_minutes: int = 10,
    gap_minutes: int = 10,
) -> Proposal:
    """A timetable for ``requests`` that breaks none of the rules :func:`conflicts` checks,
    with at least ``gap_minutes`` between two orals of one candidate.

    Greedy and deterministic: the requests are taken candidate by candidate (in the order of
    each candidate's first request, then their requests in order); each one gets the earliest
    examination start on the ``step_minutes`` grid (days in date order, a candidate's
    already-used days first so they come once) where the candidate, a room and a qualified
    examiner are free. Among the free rooms and examiners it prefers the examiner staying in
    the room they already examine in that day, then a room no other examiner uses that day,
    then the examiner with the fewest orals, then the order given."""
    if step_minutes <= 0 or gap_minutes < 0:
        raise InvalidInput("le pas et l'écart entre deux oraux doivent être positifs")
    day_list = sorted(days, key=lambda d: d.day)
    room_list = list(rooms)
    examiner_list = list(examiners)
    _unique((french_date(d.day) for d in day_list), "journée")
    _unique((r.name for r in room_list), "salle")
    _unique((e.name for e in examiner_list), "examinateur")
    step, gap = timedelta(minutes=step_minutes), timedelta(minutes=gap_minutes)

    by_candidate: dict[str, list[OralRequest]] = {}
    for request in requests:
        by_candidate.setdefault(request.candidate, []).append(request)

    room_busy = {r.name: _Busy() for r in room_list}
    examiner_busy = {e.name: _Busy() for e in examiner_list}
    candidate_busy: dict[str, list[tuple[datetime, datetime]]] = {}
    candidate_days: dict[str, list[date]] = {}
    load = {e.name: 0 for e in examiner_list}
    examiner_room: dict[tuple[str, date], str] = {}  # the room an examiner last used that day
    room_examiners: dict[tuple[str, date], set[str]] = {}
    grid_cache: dict[tuple[date, int, int], list[datetime]] = {}

    slots: list[Slot] = []
    unplaced: list[tuple[OralRequest, str]] = []
    for candidate, own in by_candidate.items():
        for request in own:
            qualified = [
                (i, e) for i, e in enumerate(examiner_list) if request.subject in e.disciplines
            ]
            reason = None
            if not day_list:
                reason = "aucune journée d'oraux"
            elif not room_list:
                reason = "aucune salle"
            elif not qualified:
                reason = f"aucun examinateur pour {subject_label(request.subject)}"
            if reason is not None:
                unplaced.append((request, reason))
                continue
            used = candidate_days.get(candidate, [])
            ordered = [d for d in day_list if d.day in used] + [
                d for d in day_list if d.day not in used
            ]
            preparation = timedelta(minutes=request.preparation_minutes)
            duration = timedelta(minutes=request.exam_minutes)
            placed: Slot | None = None
            fits_somewhere = False
            for day in ordered:
                key = (day.day, request.preparation_minutes, request.exam_minutes)
                if key not in grid_cache:
                    grid_cache[key] = _exam_starts(day, request, step)
                for start in grid_cache[key]:
                    fits_somewhere = True
                    end = start + duration
                    begin = start - preparation
                    if any(
                        begin < e + gap and b < end + gap
                        for b, e in candidate_busy.get(candidate, ())
                    ):
                        continue
                    choices = [
                        (
                            (
                                0
                                if examiner_room.get((e.name, day.day)) == r.name
                                else 1
                                if (e.name, day.day) not in examiner_room
                                else 2,
                                len(room_examiners.get((r.name, day.day), set()) - {e.name}),
                                load[e.name],
                                ri,
                                ei,
                            ),
                            r.name,
                            e.name,
                        )
                        for ri, r in enumerate(room_list)
                        if room_busy[r.name].free(start, end)
                        for ei, e in qualified
                        if examiner_busy[e.name].free(start, end)
                    ]
                    if not choices:
                        continue
                    _, room, examiner = min(choices)
                    placed = Slot(
                        candidate,
                        request.subject,
                        request.discipline,
                        day.day,
                        begin,
                        start,
                        end,
                        room,
                        examiner,
                    )
                    break
                if placed is not None:
                    break
            if placed is None:
                if not fits_somewhere:
                    reason = (
                        f"l'oral de {request.preparation_minutes} + "
                        f"{request.exam_minutes} min ne tient dans aucune journée"
                    )
                else:
                    reason = (
                        "plus aucun créneau libre pour "
                        f"{subject_label(request.subject)} : ajoutez une journée, une "
                        "salle ou un examinateur"
                    )
                unplaced.append((request, reason))
                continue
            slots.append(placed)
            room_busy[placed.room].add(placed.exam_start, placed.exam_end)
            examiner_busy[placed.examiner].add(placed.exam_start, placed.exam_end)
            candidate_busy.setdefault(candidate, []).append(
                (placed.preparation_start, placed.exam_end)
            )
            if placed.day not in used:
                candidate_days.setdefault(candidate, []).append(placed.day)
            load[placed.examiner] += 1
            examiner_room[(placed.examiner, placed.day)] = placed.room
            room_examiners.setdefault((placed.room, placed.day), set()).add(placed.examiner)
    return Proposal(tuple(slots), tuple(unplaced))


# ---------------------------------------------------------------------------------------------
# Conflicts


def _label(slot: Slot) -> str:
    return f"{slot.candidate} ({slot.discipline})"


def _overlapping(
    group: Sequence[Slot], start_of: _Getter, end_of: _Getter, margin: timedelta = timedelta(0)
) -> list[tuple[Slot, Slot]]:
    """Every pair of ``group`` whose [start, end + margin) intervals overlap."""
    ordered = sorted(group, key=start_of)
    pairs = []
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if start_of(second) >= end_of(first) + margin:
                break
            if start_of(first) < end_of(second) + margin:
                pairs.append((first, second))
    return pairs


def _grouped(slots: Sequence[Slot], key: _KeyGetter) -> dict[str, list[Slot]]:
    groups: dict[str, list[Slot]] = {}
    for slot in slots:
        groups.setdefault(key(slot), []).append(slot)
    return groups


def _structure(slot: Slot) -> str | None:
    """What is wrong with the preparation → examination sequence of one slot, if anything."""
    if slot.preparation_start > slot.exam_start:
        return (
            f"{_label(slot)} : la préparation ({french_time(slot.preparation_start)}) "
            f"commence après l'interrogation ({french_time(slot.exam_start)}) "
            f"le {french_date(slot.exam_start.date(), with_year=False)}"
        )
    if slot.exam_end <= slot.exam_start:
        return (
            f"{_label(slot)} : l'interrogation {_when(slot.exam_start)} finit à "
            f"{french_time(slot.exam_end)}, avant d'avoir commencé"
        )
    dates = {slot.preparation_start.date(), slot.exam_start.date(), slot.exam_end.date()}
    if dates != {slot.day}:
        return (
            f"{_label(slot)} : préparation et interrogation ne tombent pas le jour du "
            f"créneau ({french_date(slot.day, with_year=False)})"
        )
    return None


def _hours(slot: Slot, day: OralDay | None) -> str | None:
    """Why ``slot`` is outside the hours of its day, if it is (see the module docstring)."""
    if day is None:
        return (
            f"{_label(slot)} : aucune journée d'oraux prévue le "
            f"{french_date(slot.day, with_year=False)}"
        )
    opening, closing = day.at(day.start), day.at(day.end)
    if slot.preparation_start < opening or slot.exam_end > closing:
        return (
            f"{_label(slot)} : préparation {_when(slot.preparation_start)} et interrogation "
            f"jusqu'à {french_time(slot.exam_end)}, hors des horaires de la journée "
            f"({french_time(day.start)} – {french_time(day.end)})"
        )
    for begin, finish in day.breaks:
        if slot.exam_start < day.at(finish) and day.at(begin) < slot.exam_end:
            return (
                f"{_label(slot)} : interrogation {_when(slot.exam_start)} pendant la pause "
                f"de {french_time(begin)} à {french_time(finish)}"
            )
    return None


def conflicts(
    slots: Iterable[Slot],
    examiners: Iterable[Examiner] | None = None,
    days: Iterable[OralDay] | None = None,
    *,
    gap_minutes: int = 0,
) -> list[Conflict]:
    """Every rule broken among ``slots`` (e.g. after manual moves), ordered by time.

    - ``candidat``: one candidate's preparation + examination intervals overlap (or are less
      than ``gap_minutes`` apart, when given);
    - ``salle`` / ``examinateur``: two examinations at once in one room / with one examiner;
    - ``qualification`` (only with ``examiners``): examiner unknown or not qualified for the
      subject;
    - ``horaire`` (only with ``days``): no such day, preparation before the opening,
      examination after the end or during a break;
    - ``préparation``: the preparation does not come right before the examination on the
      slot's day (starts after it, another date, an examination that ends before it starts).
    """
    slot_list = list(slots)
    found: list[tuple[datetime, Conflict]] = []

    def add(moment: datetime, kind: str, message: str, *involved: Slot) -> None:
        found.append((moment, Conflict(kind, message, involved)))

    gap = timedelta(minutes=gap_minutes)
    for candidate, group in _grouped(slot_list, lambda s: s.candidate).items():
        for a, b in _overlapping(group, _preparation_start, _exam_end, gap):
            moment = max(a.preparation_start, b.preparation_start)
            if a.preparation_start < b.exam_end and b.preparation_start < a.exam_end:
                message = (
                    f"{candidate} est à deux endroits à la fois {_when(moment)} : "
                    f"{a.discipline} en salle {a.room} "
                    f"({french_time(a.preparation_start)} – {french_time(a.exam_end)}) "
                    f"et {b.discipline} en salle {b.room} "
                    f"({french_time(b.preparation_start)} – {french_time(b.exam_end)})"
                )
            else:
                message = (
                    f"{candidate} : moins de {gap_minutes} min entre {a.discipline} "
                    f"(fin à {french_time(a.exam_end)}) et {b.discipline} "
                    f"(préparation {_when(b.preparation_start)})"
                )
            add(moment, CANDIDATE, message, a, b)
    for room, group in _grouped(slot_list, lambda s: s.room).items():
        for a, b in _overlapping(group, _exam_start, _exam_end):
            moment = max(a.exam_start, b.exam_start)
            add(
                moment,
                ROOM,
                f"Salle {room} : {a.candidate} et {b.candidate} en interrogation "
                f"en même temps {_when(moment)}",
                a,
                b,
            )
    for examiner, group in _grouped(slot_list, lambda s: s.examiner).items():
        for a, b in _overlapping(group, _exam_start, _exam_end):
            moment = max(a.exam_start, b.exam_start)
            add(
                moment,
                EXAMINER,
                f"{examiner} interroge {a.candidate} (salle {a.room}) et "
                f"{b.candidate} (salle {b.room}) en même temps {_when(moment)}",
                a,
                b,
            )
    by_name = None if examiners is None else {e.name: e for e in examiners}
    by_day = None if days is None else {d.day: d for d in days}
    for slot in slot_list:
        if by_name is not None:
            known = by_name.get(slot.examiner)
            if known is None:
                add(
                    slot.exam_start,
                    QUALIFICATION,
                    f"{_label(slot)} {_when(slot.exam_start)} : examinateur « {slot.examiner} » "
                    "inconnu",
                    slot,
                )
            elif slot.subject not in known.disciplines:
                add(
                    slot.exam_start,
                    QUALIFICATION,
                    f"{slot.examiner} n'est pas désigné(e) pour interroger en "
                    f"{subject_label(slot.subject)} : {slot.candidate} "
                    f"{_when(slot.exam_start)}",
                    slot,
                )
        if by_day is not None:
            problem = _hours(slot, by_day.get(slot.day))
            if problem is not None:
                add(slot.exam_start, HOURS, problem, slot)
        problem = _structure(slot)
        if problem is not None:
            add(slot.exam_start, PREPARATION, problem, slot)
    found.sort(key=lambda item: (item[0], _KIND_ORDER.index(item[1].kind)))
    return [conflict for _, conflict in found]


def _preparation_start(slot: Slot) -> datetime:
    return slot.preparation_start


def _exam_start(slot: Slot) -> datetime:
    return slot.exam_start


def _exam_end(slot: Slot) -> datetime:
    return slot.exam_end


# ---------------------------------------------------------------------------------------------
# R13b


def deadline_warnings(
    proclamation: date,
    *,
    slots: Iterable[Slot] = (),
    convocation_date: date | None = None,
    days: int = 8,
) -> list[str]:
    """R13b: French warnings when the convocation date, or a planned oral, is more than
    ``days`` days after the proclamation of the first results.

    Interpretation: "at the latest 8 days after the proclamation" counts calendar days, so
    proclamation + 8 is still on time and proclamation + 9 is late. The text bounds the
    sending of the convocations; the rule book also asks for a warning on an oral planned
    beyond it, read the same way (the oral day itself more than 8 days after). A convocation
    dated before the proclamation, and an oral on or before the proclamation or the
    convocation date, are warned about too: nobody can be convoked before the results.
    Oral warnings are grouped per day, in date order."""
    limit = proclamation + timedelta(days=days)
    said = f"la proclamation du {french_date(proclamation)}"
    warnings: list[str] = []
    if convocation_date is not None:
        late = (convocation_date - proclamation).days
        if convocation_date > limit:
            warnings.append(
                f"Convocations datées du {french_date(convocation_date)}, {late} jours après "
                f"{said} : au plus tard {days} jours après, soit le {french_date(limit)} "
                "(R13b)."
            )
        elif convocation_date < proclamation:
            warnings.append(
                f"Convocations datées du {french_date(convocation_date)}, avant {said} (R13b)."
            )
    per_day: dict[date, int] = {}
    for slot in slots:
        per_day[slot.day] = per_day.get(slot.day, 0) + 1
    for day in sorted(per_day):
        count = per_day[day]
        orals = f"{count} oral prévu" if count == 1 else f"{count} oraux prévus"
        if day > limit:
            warnings.append(
                f"{orals} le {french_date(day)}, {(day - proclamation).days} jours après "
                f"{said} : au-delà de {days} jours (R13b)."
            )
        elif day < proclamation:
            warnings.append(
                f"{orals} le {french_date(day)}, avant les résultats : "
                f"{said} doit précéder les oraux (R13b)."
            )
        elif convocation_date is not None and day < convocation_date:
            warnings.append(
                f"{orals} le {french_date(day)}, avant la date des "
                f"convocations ({french_date(convocation_date)}) (R13b)."
            )
    return warnings
