"""One open jury session and every jury action on it, Qt-free: the window (through
``btsdesk.gui.hub``) and the command line call the same functions.

Each action checks the rules first (``btsdesk.app.gate``: R2, R12/R15, R20–R24), then writes in
one transaction with its audit entries, and returns a :class:`Change` saying which candidates
and which kinds of data changed, so that a view refreshes only that (design.md: "one change
record, one signal"). Every candidate's live result is kept here and recomputed only for the
candidates an action touches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from btsdesk.app import gate
from btsdesk.app.images import flattened
from btsdesk.core.engine import Evaluator
from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import Entry, parse_oral_grade
from btsdesk.core.jury import STATUSES, Member, roster_warnings
from btsdesk.core.records import Candidate, GradeChange, SessionDetails
from btsdesk.core.regimes import Regime
from btsdesk.core.reglement import Specialty
from btsdesk.core.results import CandidateGrades, Decision, OralChoice, Result
from btsdesk.store.audit import AuditEntry
from btsdesk.store.errors import ReadOnlyPhase, RuleRefused, SessionFileError
from btsdesk.store.files import write_durably
from btsdesk.store.session import PHASE_LABELS, PHASES, SessionStore

if TYPE_CHECKING:  # the readers of files: loaded by an import, not by every opening
    from btsdesk.app.exchange_import import ExchangePreview
    from btsdesk.io.importing import Preview

FIRST = "premier_groupe"
FINAL = "final"
STAGES = (FIRST, FINAL)
ABSENT = "absent"  # what an oral grade is when the candidate did not come (R13a)

# The kinds of change an action reports; a view refreshes what it shows of them.
GRADES = "grades"
ORALS = "orals"
DECISIONS = "decisions"
AUTHORISATIONS = "authorisations"
IDENTITY = "identity"  # civilité, address, e-mail, livret
CANDIDATES = "candidates"  # the list itself (added candidates)
PHASE = "phase"
JURY = "jury"
PLANNING = "planning"
REGLEMENT = "reglement"  # règlement lines or settings: every result may change
IMAGES = "images"
HEADER = "header"  # what the letters print of the session: signatory, results notice (§5)
DOCUMENTS = "documents"
EVERYTHING = "everything"  # an import, a restore: read everything again


def checked_delegate(name: str) -> str:
    """§5: the recteur's delegate's name as the letters print it (one line), or refused."""
    name = " ".join(name.split())
    if len(name) > 120:
        raise InvalidInput("signataire délégué : 120 caractères au plus (nom et qualité)")
    return name


def checked_notice(text: str) -> str:
    """§5: where and when the results are posted, one paragraph, or refused."""
    text = " ".join(text.split())
    if len(text) > 600:
        raise InvalidInput("affichage des résultats : 600 caractères au plus")
    return text


@dataclass(frozen=True)
class Change:
    """What an action changed: which candidates (by number) and which kinds of data, and a
    French summary for the command line."""

    kinds: frozenset[str] = frozenset()
    candidates: frozenset[str] = frozenset()
    message: str = ""

    @property
    def nothing(self) -> bool:
        return not self.kinds


@dataclass(frozen=True)
class CellChange:
    """One grade to write, by row of the candidate list (the grid's view of a change)."""

    row: int
    line_code: str
    entry: Entry | None


def _change(kinds: Iterable[str], numbers: Iterable[str] = (), message: str = "") -> Change:
    return Change(frozenset(kinds), frozenset(numbers), message)


def _s(count: int) -> str:
    return "" if count <= 1 else "s"  # French: 0 and 1 take the singular


class JurySession:
    """An open session file and every candidate's result, kept up to date."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.reload()

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        operator: str | None = None,
        backup: bool = True,
        read_only: bool = False,
    ) -> JurySession:
        return cls(SessionStore.open(path, operator=operator, backup=backup, read_only=read_only))

    @classmethod
    def create(
        cls, path: Path, *, reglement: Mapping[str, Any], details: SessionDetails, operator: str
    ) -> JurySession:
        return cls(
            SessionStore.create(path, reglement=reglement, details=details, operator=operator)
        )

    def move_to(self, target: Path) -> JurySession:
        """This session (built in a working folder: the assistant's) closed, copied whole to
        ``target`` — another disk included: never half a file there — and reopened there;
        the working copy is removed once the copy is safe."""
        if target.exists():
            raise SessionFileError(f"« {target.name} » existe déjà : choisissez un autre nom")
        work_file = self.path
        self.close()
        write_durably(target, work_file.read_bytes())
        work_file.unlink()
        return JurySession.open(target)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> JurySession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.store.path

    def log_warning(self) -> str | None:
        """On opening: a French warning when the file's audit log no longer reaches the head
        this computer kept when it last closed the session (entries removed or rewritten
        since, or an older copy); None when it does."""
        problems = self.store.head_problems()
        if not problems:
            return None
        return (
            f"Attention : {'; '.join(problems)}. Vérifiez le fichier (« btsdesk verify ») "
            "et comparez avec l'empreinte imprimée sur le PV signé."
        )

    def reload(self) -> None:
        """Read everything again (after opening, an import, a restore, a règlement edit)."""
        store = self.store
        self.details: SessionDetails = store.details()
        self.specialty: Specialty = store.specialty
        self.evaluator: Evaluator = store.evaluator()
        self.candidates: list[Candidate] = store.candidates()
        self.row_of = {c.number: row for row, c in enumerate(self.candidates)}
        graded = store.candidate_grades()
        self.grades: list[dict[str, Entry]] = [dict(c.grades) for c in graded]
        self.inputs: list[CandidateGrades] = graded
        self.results: list[Result] = [self.evaluator.evaluate_recorded(c) for c in graded]
        self.evaluations = len(graded)  # how many candidates were computed (benchmarks, tests)
        self.decisions: dict[str, dict[str, str]] = store.decisions()
        self.authorisations: dict[str, bool] = store.authorisations()
        self.declined: set[str] = store.declined()
        self.stale: set[tuple[str, str]] = set(store.stale_decisions())
        self._tally = _Tally()
        self._recount()

    # -- reading ------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        return self.details.phase

    @property
    def regime(self) -> Regime:
        return self.evaluator.rules.regime

    def row(self, number: str) -> int:
        try:
            return self.row_of[number]
        except KeyError:
            raise SessionFileError(f"candidat {number} inconnu dans la session") from None

    def candidate(self, number: str) -> Candidate:
        return self.candidates[self.row(number)]

    def result(self, number: str) -> Result:
        return self.results[self.row(number)]

    def entry(self, row: int, line_code: str) -> Entry | None:
        return self.grades[row].get(line_code)

    def orals(self, number: str) -> dict[str, OralChoice]:
        return dict(self.inputs[self.row(number)].orals or {})

    def orals_of(self, row: int) -> dict[str, OralChoice]:
        return dict(self.inputs[row].orals or {})

    def history(self, row: int, line_code: str) -> list[AuditEntry]:
        return self.store.history(self.candidates[row].number, line_code)

    def recorded(self, number: str, stage: str) -> str | None:
        return self.decisions.get(number, {}).get(stage)

    def is_stale(self, row: int, stage: str | None = None) -> bool:
        """R23: a recorded decision of this candidate (of ``stage``) no longer rests on the
        data it was computed from."""
        number = self.candidates[row].number
        stages = (stage,) if stage else tuple(self.decisions.get(number, {}))
        return any((number, s) in self.stale for s in stages)

    def is_authorised(self, number: str) -> bool:
        """R22: in contrôle and, where the regime asks it, authorised by the jury."""
        if self.result(number).decision is not Decision.CONTROLE:
            return False
        return self.regime.authorised_by_right or self.authorisations.get(number, False)

    def takes_orals(self, number: str) -> bool:
        """Authorised (R22) and not declined (R24): the orals decide the final result."""
        return self.is_authorised(number) and number not in self.declined

    def outcome(self, row: int) -> Decision:
        """The candidate's decision as the day stands: the final decision once the orals
        decide it, ajourné for an eligible candidate who does not take them (not authorised,
        R22, or declined, R24), else the first-group decision."""
        result = self.results[row]
        if result.final_decision is not None:
            return result.final_decision
        if result.decision is Decision.CONTROLE and self.phase != "saisie":
            number = self.candidates[row].number
            if number in self.declined or (
                not self.regime.authorised_by_right
                and number in self.authorisations
                and not self.authorisations[number]
            ):
                return Decision.AJOURNE
        return result.decision

    def counts(self) -> Counter[Decision]:
        """Decisions as the day stands: final results after the orals (see :meth:`outcome`).
        Kept up to date row by row: a grade edit does not recount the whole session."""
        return Counter(self._tally.day)

    def first_group_counts(self) -> Counter[Decision]:
        return Counter(self._tally.first)

    def decided_by_orals(self) -> bool:
        """Whether the day's decision differs from the first group's for someone: the orals,
        an absence, a refusal or a renonciation has decided a candidate."""
        return self._tally.moved > 0

    def _recount(self, row: int | None = None) -> None:
        """Bring the counts up to date for one row (None: every row)."""
        if row is None:
            self._tally = _Tally.of(
                [(r.decision, self.outcome(i)) for i, r in enumerate(self.results)]
            )
        else:
            self._tally.update(row, self.results[row].decision, self.outcome(row))

    def oral_pending(self, number: str) -> bool:
        """Orals chosen but not all graded or recorded absent: the final decision waits
        (R11, R15, R13a)."""
        result = self.result(number)
        return (
            result.decision is Decision.CONTROLE
            and bool(self.orals(number))
            and result.final_decision is None
        )

    def jury_members(self) -> list[dict[str, Any]]:
        return self.store.jury_members()

    def closing_blockers(self) -> list[str]:
        """R24: what stops the session from closing, one French line per candidate."""
        blockers = []
        for row, candidate in enumerate(self.candidates):
            problems = self._closing_problems(row)
            if problems:
                blockers.append(
                    f"{candidate.number} {candidate.full_name} : " + ", ".join(problems)
                )
        return blockers

    def _closing_problems(self, row: int) -> list[str]:
        candidate = self.candidates[row]
        number = candidate.number
        result = self.results[row]
        if result.decision is Decision.INCOMPLET:
            return ["incomplet (saisir une note, ABS ou ABJ, R2)"]
        problems = []
        problems += self._decision_problems(number, FIRST, "du premier groupe")
        if (
            result.decision is Decision.CONTROLE
            and not self.regime.authorised_by_right
            and number not in self.authorisations
            and number not in self.declined
        ):
            problems.append("autorisation aux épreuves de contrôle à donner ou à refuser (R22)")
        elif result.decision is Decision.CONTROLE and self.takes_orals(number):
            if result.final_decision is None:
                problems.append(
                    "pas encore de décision finale (notes ou absence aux "
                    "épreuves de contrôle, R13a)"
                )
            else:
                problems += self._decision_problems(number, FINAL, "finale")
        elif self.recorded(number, FINAL) and (number, FINAL) in self.stale:
            problems.append("décision finale à confirmer (R23)")
        if (
            self.outcome(row) is Decision.AJOURNE
            and candidate.livret_provided
            and not candidate.livret_examined_by
        ):
            problems.append("ajourné(e), livret non examiné (R20)")
        return problems

    def _decision_problems(self, number: str, stage: str, label: str) -> list[str]:
        if self.recorded(number, stage) is None:
            return [f"décision {label} non enregistrée"]
        if (number, stage) in self.stale:
            return [f"décision {label} à confirmer (R23)"]
        return []

    # -- grades -------------------------------------------------------------------------

    def set_grades(
        self,
        changes: Sequence[GradeChange],
        *,
        reason: str | None = None,
        origin: str = "saisie",
        source: str | None = None,
    ) -> Change:
        """Write grades in one transaction (one audit entry each) and recompute the
        candidates they touch, only them. The gate checks every touched candidate first
        (R2: DIS everywhere; R24 phase; R21 reason): a refusal raises and nothing is saved."""
        touched: dict[str, dict[str, Entry]] = {}
        for change in changes:
            grades = touched.setdefault(change.number, dict(self.grades[self.row(change.number)]))
            if change.entry is None:
                grades.pop(change.line_code, None)
            else:
                grades[change.line_code] = change.entry
        gate.check_writable(self.phase, reason, "une note")
        inputs = {
            number: replace(self.inputs[self.row(number)], grades=grades)
            for number, grades in touched.items()
        }
        results = gate.check_candidates(self.evaluator, inputs.values())
        self.evaluations += len(results)
        count = self.store.apply_grades(changes, origin=origin, reason=reason, source=source)
        for number, graded in inputs.items():
            row = self.row(number)
            self.grades[row] = dict(graded.grades)
            self.inputs[row] = graded
            self.results[row] = results[number]
            self._recount(row)
            self._refresh_stale(number)
        return _change(
            [GRADES] if count else [],
            touched if count else (),
            f"{count} note{_s(count)} enregistrée{_s(count)}",
        )

    def set_cells(self, changes: Sequence[CellChange], *, reason: str | None = None) -> Change:
        return self.set_grades(
            [GradeChange(self.candidates[c.row].number, c.line_code, c.entry) for c in changes],
            reason=reason,
        )

    # -- phase (R24) --------------------------------------------------------------------

    def set_phase(self, phase: str, *, reason: str | None = None) -> Change:
        """saisie → délibération → clos; going back needs a reason; closing is refused, with
        the candidates concerned, while anything of R24 is left to do."""
        if phase not in PHASES:
            raise SessionFileError(f"phase « {phase} » inconnue (saisie, deliberation ou clos)")
        if phase == self.phase:
            return _change([], message=f"la session est déjà en phase {PHASE_LABELS[phase]}")
        if phase == "clos":
            blockers = self.closing_blockers()
            if blockers:
                raise RuleRefused(
                    f"clôture refusée (R24), {len(blockers)} candidat"
                    f"{_s(len(blockers))} à régler : " + " ; ".join(blockers)
                )
        self.store.set_phase(phase, reason=reason)
        self.details = self.store.details()
        self._recount()  # the day's decisions depend on the phase
        return _change([PHASE], message=f"phase : {PHASE_LABELS[phase]}")

    def deliberation_warnings(self) -> list[str]:
        """What the president should know when passing to délibération: incomplet
        candidates, règlement lines still to check, a règlement for other sessions (§7), a
        facultative coefficient (R6), the jury's composition (R25)."""
        warnings = []
        incomplete = [
            c.number
            for c, r in zip(self.candidates, self.results, strict=True)
            if r.decision is Decision.INCOMPLET
        ]
        if incomplete:
            warnings.append(
                f"{len(incomplete)} candidat{_s(len(incomplete))} incomplet"
                f"{_s(len(incomplete))} : {', '.join(incomplete[:20])}"
                + (" …" if len(incomplete) > 20 else "")
            )
        unchecked = [line.code for line in self.specialty.lines if not line.verified]
        if unchecked:
            warnings.append(f"épreuves « à vérifier » dans le règlement : {', '.join(unchecked)}")
        served = self.specialty.session_warning(self.details.year)  # §7
        if served:
            warnings.append(served)
        warnings += self.specialty.load_warnings()  # R6
        warnings += self.jury_warnings()  # R25
        return warnings

    # -- the jury (R25) and the candidates ---------------------------------------------

    def add_jury_member(
        self,
        name: str,
        quality: str,
        *,
        president: bool = False,
        present: bool = True,
        status: str = "",
    ) -> Change:
        name = name.strip()
        if not name:
            raise SessionFileError("membre du jury : nom manquant")
        if quality not in ("enseignant", "professionnel"):
            raise SessionFileError(f"qualité « {quality} » inconnue (enseignant ou professionnel)")
        self._check_status(status)
        if self.phase == "clos":
            raise ReadOnlyPhase("session close : le jury ne peut plus changer (R24)")
        if president and any(m["role"] == "président" for m in self.jury_members()):
            raise RuleRefused("le jury a déjà un président ou une présidente")
        self.store.add_jury_member(
            name, quality, "président" if president else "membre", present, status
        )
        return _change([JURY], message=f"{name} ajouté(e) au jury")

    def set_presence(self, member_id: int, present: bool) -> Change:
        if self.phase == "clos":
            raise ReadOnlyPhase("session close : le jury ne peut plus changer (R24)")
        self.store.set_presence(member_id, present)
        return _change([JURY])

    def set_member_status(self, member_id: int, status: str) -> Change:
        """R25: a member's status (sector, enseignant-chercheur, IA-IPR), logged."""
        self._check_status(status)
        if self.phase == "clos":
            raise ReadOnlyPhase("session close : le jury ne peut plus changer (R24)")
        self.store.set_member_status(member_id, status)
        return _change([JURY], message=f"statut : {status or 'non précisé'}")

    @staticmethod
    def _check_status(status: str) -> None:
        if status not in STATUSES:
            raise SessionFileError(
                f"statut « {status} » inconnu (" + ", ".join(s for s in STATUSES if s) + " ou rien)"
            )

    def roster(self) -> list[Member]:
        """The jury as R25 sees it: the window, the command line and the PV count and warn
        from the same list (btsdesk.core.jury)."""
        return [
            Member(m["name"], m["quality"], m["role"], bool(m["present"]), m["status"])
            for m in self.jury_members()
        ]

    def jury_warnings(self) -> list[str]:
        """R25 (D643-31): warnings, never blocks."""
        return roster_warnings(self.roster())

    def add_candidates(self, candidates: Sequence[Candidate], *, source: str) -> Change:
        added, updated = self.store.add_candidates(candidates, source=source)
        self.reload()
        return _change(
            [EVERYTHING],
            message=f"{added} candidat{_s(added)} ajouté{_s(added)}, {updated} mis à jour",
        )

    def set_identity(
        self,
        number: str,
        *,
        civility: str | None = None,
        address: str | None = None,
        email: str | None = None,
        livret_provided: bool | None = None,
        usage_name: str | None = None,
    ) -> Change:
        """A candidate's civilité, address (lines separated by new lines), e-mail, whether a
        livret was provided (R20) and nom d'usage ("" for none), logged."""
        old = self.candidate(number)
        usage = old.usage_name if usage_name is None else " ".join(usage_name.split())
        new = replace(
            old,
            usage_name="" if usage.casefold() == old.surname.casefold() else usage,
            civility=old.civility if civility is None else civility.strip(),
            address=old.address if address is None else address.strip(),
            email=old.email if email is None else email.strip(),
            livret_provided=old.livret_provided if livret_provided is None else livret_provided,
        )
        if new == old:
            return _change([], message="rien à changer")
        if new.livret_provided != old.livret_provided and self.phase == "clos":
            raise ReadOnlyPhase("session close : le livret ne peut plus changer (R24)")
        self.store.add_candidates([new], source="saisie")
        self.candidates[self.row(number)] = new
        return _change([IDENTITY], [number], f"{new.full_name} : fiche mise à jour")

    def import_preview(self, preview: Preview, *, source: str, reason: str | None = None) -> Change:
        """Write a checked import preview (candidates or grades) all or nothing through the
        write gate (``app.imports``), then read the session again. Raises ImportRefused."""
        from btsdesk.app.imports import apply_preview

        summary = apply_preview(self.store, preview, source, reason=reason)
        self.reload()
        return _change([EVERYTHING], message=summary)

    def import_exchange(self, preview: ExchangePreview) -> Change:
        """Write a checked JSON exchange preview (``app.exchange_import``, as ``btsdesk
        import S.btsdesk x.json`` does) all or nothing, then read the session again."""
        from btsdesk.app.exchange_import import apply_exchange

        summary = apply_exchange(self.store, preview)
        self.reload()
        return _change([EVERYTHING], message=summary)

    def convoked(self, number: str) -> bool:
        """Whether the candidate is to be convoked to the orals: takes them (R22, R24) and
        has no final result yet."""
        return self.takes_orals(number) and self.result(number).final_decision is None

    def address_missing(self, number: str) -> bool:
        """A convocation needs an address for the window envelope (§5)."""
        return not self.candidate(number).address.strip()

    def examine_livret(
        self, number: str, examiner: str | None = None, on: date | None = None
    ) -> Change:
        """R20: the president's examination of the livret, dated."""
        candidate = self.candidate(number)
        if not candidate.livret_provided:
            raise RuleRefused(f"{candidate.full_name} n'a pas fourni de livret (R20)")
        if examiner is None:
            examiner = next(
                (m["name"] for m in self.jury_members() if m["role"] == "président"), ""
            )
            if not examiner:
                raise RuleRefused(
                    "le livret est examiné par la présidente ou le président du "
                    "jury : ajoutez-le au jury d'abord (R20)"
                )
        day = (on or date.today()).isoformat()
        self.store.examine_livret(number, examiner, day)
        self.candidates[self.row(number)] = replace(
            candidate, livret_examined_by=examiner, livret_examined_on=day
        )
        return _change(
            [IDENTITY], [number], f"{candidate.full_name} : livret examiné par {examiner} le {day}"
        )

    # -- decisions (R20, R21, R23) and authorisations (R22) -----------------------------

    def authorise(self, number: str, authorised: bool = True) -> Change:
        """R22, regime 2021: the jury authorises an eligible candidate to the orals after
        examining the livret. Regime 2022: authorised by right, nothing to record."""
        candidate = self.candidate(number)
        gate.check_deliberating(self.phase, "les autorisations")
        if self.regime.authorised_by_right:
            raise RuleRefused(
                f"{candidate.full_name} : dans ce régime, un candidat admis aux "
                "épreuves de contrôle y est autorisé de droit (R22)"
            )
        if authorised and self.result(number).decision is not Decision.CONTROLE:
            raise RuleRefused(
                f"{candidate.full_name} : seul un candidat admis aux épreuves de "
                "contrôle peut y être autorisé (R22)"
            )
        if authorised and candidate.livret_provided and not candidate.livret_examined_by:
            raise RuleRefused(
                f"{candidate.full_name} : le jury autorise après avoir examiné le livret (R22, R20)"
            )
        if self.authorisations.get(number) == authorised:
            return _change([], message=f"{candidate.full_name} : rien à changer")
        self.store.authorise(number, authorised)
        self.authorisations[number] = authorised
        self._recount(self.row(number))
        word = "autorisé(e)" if authorised else "non autorisé(e)"
        return _change(
            [AUTHORISATIONS], [number], f"{candidate.full_name} : {word} aux épreuves de contrôle"
        )

    def authorise_all(self) -> Change:
        """Every candidate in contrôle not yet authorised whose livret allows it (R22)."""
        done: list[str] = []
        waiting: list[str] = []
        for candidate, result in zip(self.candidates, self.results, strict=True):
            if (
                result.decision is not Decision.CONTROLE
                or candidate.number in self.authorisations
                or candidate.number in self.declined
            ):
                continue  # the jury already decided (authorised or not)
            if candidate.livret_provided and not candidate.livret_examined_by:
                waiting.append(candidate.number)
                continue
            done.append(candidate.number)
        if self.regime.authorised_by_right:
            raise RuleRefused(
                "dans ce régime, les candidats admis aux épreuves de contrôle y "
                "sont autorisés de droit (R22)"
            )
        gate.check_deliberating(self.phase, "les autorisations")
        with self.store.transaction():
            for number in done:
                self.store.authorise(number, True)
        for number in done:
            self.authorisations[number] = True
            self._recount(self.row(number))
        message = f"{len(done)} candidat{_s(len(done))} autorisé{_s(len(done))}"
        if waiting:
            message += f" ; livret à examiner d'abord (R20) : {', '.join(waiting)}"
        return _change([AUTHORISATIONS] if done else [], done, message)

    def proposed(self, number: str, stage: str) -> Decision:
        """The decision the grades give for ``stage``, or a French refusal saying why there
        is none to record (R2, R13a, R20, R22, R24)."""
        candidate = self.candidate(number)
        result = self.result(number)
        decision: Decision
        if stage == FIRST:
            if result.decision is Decision.INCOMPLET:
                raise RuleRefused(
                    f"{candidate.full_name} est incomplet : saisir d'abord chaque "
                    "note, ABS ou ABJ (R2)"
                )
            decision = result.decision
        elif stage == FINAL:
            if result.decision is not Decision.CONTROLE:
                raise RuleRefused(
                    f"{candidate.full_name} n'est pas aux épreuves de contrôle : "
                    "sa décision est celle du premier groupe"
                )
            if not self.takes_orals(number):
                why = (
                    "a renoncé aux épreuves de contrôle"
                    if number in self.declined
                    else "n'est pas autorisé(e) aux épreuves de contrôle (R22)"
                )
                raise RuleRefused(
                    f"{candidate.full_name} {why} : ajourné(e) sans décision finale à enregistrer"
                )
            if result.final_decision is None:
                raise RuleRefused(
                    f"{candidate.full_name} : notes d'oral pas encore toutes "
                    "saisies (note ou absence, R13a)"
                )
            decision = result.final_decision
        else:
            raise SessionFileError(f"étape « {stage} » inconnue")
        if (
            decision is Decision.AJOURNE
            and candidate.livret_provided
            and not candidate.livret_examined_by
        ):
            raise RuleRefused(
                f"{candidate.full_name} a fourni un livret : le jury doit "
                "l'examiner avant de l'ajourner (R20)"
            )
        return decision

    def decide(self, number: str, *, final: bool = False) -> Change:
        """Record the decision the grades give (R21: the jury acts on grades and
        authorisations, never on the decision itself), with what it rests on (R23)."""
        stage = FINAL if final else FIRST
        gate.check_deliberating(self.phase, "les décisions")
        decision = self.proposed(number, stage)
        candidate = self.candidate(number)
        if final and (self.recorded(number, FIRST) is None or (number, FIRST) in self.stale):
            raise RuleRefused(
                f"{candidate.full_name} : enregistrez d'abord la décision du premier groupe (R23)"
            )
        if self.recorded(number, stage) == decision.value and (number, stage) not in self.stale:
            return _change([], message=f"{candidate.full_name} : décision déjà enregistrée")
        with self.store.transaction():
            self.store.record_decision(number, stage, decision.value)
            self._drop_final_if_moot(number, stage, decision)
        self.decisions.setdefault(number, {})[stage] = decision.value
        self._refresh_stale(number)
        what = "décision finale" if final else "décision du premier groupe"
        return _change(
            [DECISIONS],
            [number],
            f"{candidate.full_name} : {what} « {decision.label} » enregistrée",
        )

    def decide_all(self, *, final: bool = False) -> Change:
        """Every decision that can be recorded and is not yet (or is stale), in one
        transaction; says how many and who waits, and why."""
        stage = FINAL if final else FIRST
        gate.check_deliberating(self.phase, "les décisions")
        to_record: list[tuple[str, Decision]] = []
        waiting: list[str] = []
        for candidate, result in zip(self.candidates, self.results, strict=True):
            number = candidate.number
            if final and (result.decision is not Decision.CONTROLE or not self.takes_orals(number)):
                continue
            try:
                decision = self.proposed(number, stage)
                if final and (
                    self.recorded(number, FIRST) is None or (number, FIRST) in self.stale
                ):
                    raise RuleRefused("premier groupe d'abord")
            except RuleRefused:
                waiting.append(number)
                continue
            if self.recorded(number, stage) != decision.value or (number, stage) in self.stale:
                to_record.append((number, decision))
        with self.store.transaction():
            for number, decision in to_record:
                self.store.record_decision(number, stage, decision.value)
                self._drop_final_if_moot(number, stage, decision)
        for number, decision in to_record:
            self.decisions.setdefault(number, {})[stage] = decision.value
            self._refresh_stale(number)
        count = len(to_record)
        message = f"{count} décision{_s(count)} enregistrée{_s(count)}"
        if waiting:
            message += f" ; en attente : {', '.join(waiting)}"
        return _change([DECISIONS] if to_record else [], [n for n, _ in to_record], message)

    def _drop_final_if_moot(self, number: str, stage: str, decision: Decision) -> None:
        """A first-group decision other than contrôle (a grade corrected since): a final
        decision recorded earlier no longer applies; it is withdrawn, logged (R23)."""
        if stage == FIRST and decision is not Decision.CONTROLE and self.recorded(number, FINAL):
            self.store.remove_decision(number, FINAL)
            self.decisions[number].pop(FINAL, None)
            self.stale.discard((number, FINAL))

    # -- the orals: choice, grades, absence, renonciation (R12–R16, R13a, R24) --------

    def _check_oral_candidate(self, number: str) -> Candidate:
        candidate = self.candidate(number)
        result = self.result(number)
        if result.decision is not Decision.CONTROLE:
            raise RuleRefused(
                f"{candidate.full_name} : décision « {result.decision.label} », "
                "pas d'épreuves de contrôle (R10, R14)"
            )
        if not self.is_authorised(number):
            raise RuleRefused(
                f"{candidate.full_name} n'est pas autorisé(e) aux épreuves de contrôle (R22)"
            )
        if number in self.declined:
            raise RuleRefused(f"{candidate.full_name} a renoncé aux épreuves de contrôle (R24)")
        return candidate

    def choose(
        self, number: str, disciplines: Sequence[str], *, reason: str | None = None
    ) -> Change:
        """The candidate's choice of discipline(s): one general discipline in regime 2021
        (R12), two in regime 2022 (R15). Grades already entered for an oral that stays are
        kept; choosing never makes a first-group decision stale (R23)."""
        candidate = self._check_oral_candidate(number)
        if self.phase == "clos":
            raise ReadOnlyPhase("session close : les choix ne peuvent plus changer (R24)")
        current = self.orals(number)
        orals = self.regime.orals_for_choice(list(disciplines), current)
        gate.check_orals(self.evaluator, self.inputs[self.row(number)], orals)
        removed = [key for key in current if key not in orals]
        with self.store.transaction():
            for key in removed:
                self.store.remove_oral(number, key, reason=reason)
            for key, choice in orals.items():
                self.store.set_oral(
                    number,
                    key,
                    discipline=choice.discipline,
                    grade=choice.grade,
                    absent=choice.absent,
                    reason=reason,
                )
        self._refresh_orals(number)
        chosen = ", ".join(self.regime.choice(orals))
        return _change([ORALS], [number], f"{candidate.full_name} : choix {chosen}")

    def oral_key(self, number: str, target: str) -> str:
        return self.regime.oral_key_for(target, self.orals(number))

    def set_oral(
        self, number: str, target: str, value: int | str | None, *, reason: str | None = None
    ) -> Change:
        """An oral's grade (R13, R16), ``"absent"`` (R13a: final, changes nothing) or None
        (not yet known). ``target`` names the oral: a chosen discipline, or a domain in
        regime 2021. Changing a grade already given needs a reason in délibération (R21)."""
        candidate = self._check_oral_candidate(number)
        current = self.orals(number)
        key = self.regime.oral_key_for(target, current)
        absent = isinstance(value, str) and value.strip().lower() == ABSENT
        grade: int | None
        if absent or value is None or (isinstance(value, str) and not value.strip()):
            grade = None
        elif isinstance(value, str):
            grade = parse_oral_grade(value)
        else:
            grade = value
        previous = current.get(key)
        if previous is None:
            if self.regime.needs_choice(key):
                raise RuleRefused(
                    f"{candidate.full_name} : choisir d'abord la discipline de "
                    f"l'oral ({self.regime.options_rule})"
                )
            previous = OralChoice(None, None)
        orals = {**current, key: OralChoice(previous.discipline, grade, absent)}
        gate.check_orals(self.evaluator, self.inputs[self.row(number)], orals)
        self.store.set_oral(
            number, key, discipline=previous.discipline, grade=grade, absent=absent, reason=reason
        )
        self._refresh_orals(number)
        shown = (
            "absent(e)"
            if absent
            else ("—" if grade is None else f"{grade // 100},{grade % 100:02d}")
        )
        return _change(
            [ORALS], [number], f"{candidate.full_name} : oral {self.regime.key_label(key)} {shown}"
        )

    def decline(self, number: str, declined: bool = True, *, reason: str | None = None) -> Change:
        """R24: the candidate declines the orals (recorded, logged): ajourné without a
        final decision to wait for."""
        candidate = self.candidate(number)
        if declined:
            self._check_oral_candidate(number)
            taken = [
                key
                for key, choice in self.orals(number).items()
                if choice.grade is not None or choice.absent
            ]
            if taken:
                raise RuleRefused(
                    f"{candidate.full_name} a déjà une note ou une absence "
                    "d'oral : renonciation impossible"
                )
        if not self.store.set_declined(number, declined, reason=reason):
            return _change([], message=f"{candidate.full_name} : rien à changer")
        if declined:
            self.declined.add(number)
        else:
            self.declined.discard(number)
        self._recount(self.row(number))
        self._refresh_stale(number)
        word = "renonce aux" if declined else "ne renonce plus aux"
        return _change([ORALS], [number], f"{candidate.full_name} {word} épreuves de contrôle")

    def _refresh_orals(self, number: str) -> None:
        row = self.row(number)
        self.inputs[row] = replace(self.inputs[row], orals=self.store.orals().get(number))
        self.results[row] = self.evaluator.evaluate_recorded(self.inputs[row])
        self._recount(row)
        self.evaluations += 1
        self._refresh_stale(number)

    def _refresh_stale(self, number: str) -> None:
        stages = self.decisions.get(number)
        if not stages:
            return
        stale = set(self.store.stale_decisions(number))
        for stage in stages:
            if (number, stage) in stale:
                self.stale.add((number, stage))
            else:
                self.stale.discard((number, stage))

    # -- settings ------------------------------------------------------------------------

    def set_general_oral_levels(self, levels: int, *, reason: str | None = None) -> Change:
        """R12 widening (regime 2021), logged; every result may change."""
        if not self.regime.widens_offer:
            raise RuleRefused("ce régime ne prévoit pas d'élargir le choix de l'oral (R12)")
        self.store.set_general_oral_levels(levels, reason=reason)
        self.reload()
        return _change(
            [REGLEMENT, EVERYTHING],
            message=f"choix élargi à {levels} niveau{_s(levels)} de coefficient",
        )

    def set_reglement_line(self, code: str, field: str, value: object) -> Change:
        """Correct a règlement line in saisie (logged); every result is recomputed."""
        self.store.set_reglement_line(code, field, value)
        self.reload()
        return _change([REGLEMENT, EVERYTHING], message=f"règlement : {code}.{field} corrigé")

    def set_controle_disciplines(self, codes: Sequence[str] | None) -> Change:
        """R15: the disciplines the session opens to the regime-2022 orals (None: every
        general discipline), corrected in saisie like a règlement line, logged; checked as
        §6 says (a non-empty list of general disciplines, each once); every result is
        recomputed."""
        if codes is not None:
            codes = [code.strip() for code in codes]
        self.store.set_controle_disciplines(codes)
        self.reload()
        shown = "toutes les disciplines générales" if codes is None else ", ".join(codes)
        return _change(
            [REGLEMENT, EVERYTHING],
            message=f"règlement : disciplines des épreuves de contrôle : {shown}",
        )

    def set_image(self, kind: str, data: bytes | None) -> Change:
        """The logo or the scanned signature (PNG or JPEG), flattened onto white when it has
        transparency (printed as vectors, issue 11); None removes it. Logged."""
        self.store.set_image(kind, None if data is None else flattened(data))
        return _change([IMAGES])

    def set_document_settings(
        self, *, signatory_delegate: str | None = None, results_notice: str | None = None
    ) -> Change:
        """§5: the recteur's delegate who signs convocations, fiches de choix and relevés
        ('' : the president of the jury signs), and where and when the final results are
        posted ('' : the sentence btsdesk derives); None leaves a setting as it is. Each
        change is logged. Spaces and line breaks are made single spaces (one line on the
        letters). Refused (nothing written): a name longer than 120 characters, a notice
        longer than 600."""
        if signatory_delegate is not None:
            signatory_delegate = checked_delegate(signatory_delegate)
        if results_notice is not None:
            results_notice = checked_notice(results_notice)
        self.store.set_document_settings(
            signatory_delegate=signatory_delegate, results_notice=results_notice
        )
        self.details = self.store.details()
        who = self.details.signatory_delegate or "la présidence du jury"
        return _change([HEADER], message=f"documents signés par {who}")

    @property
    def general_oral_levels(self) -> int:
        return self.details.general_oral_levels

    def export(self, target: Path, kind: str | None = None, *, sheet: str | None = None) -> Change:
        """Write the results, the whole session (JSON) or a grade sheet (``sheet``
        "remplie" or "vierge") to ``target`` (btsdesk.app.exports): the session itself is
        not changed. A refusal (format, disk) raises in French; nothing is written."""
        from btsdesk.app.exports import export_message, write_export

        kind = write_export(self.store, target, kind, sheet=sheet)
        return _change((), (), export_message(kind, sheet, target))

    def record_document(self, kind: str, data: bytes, *, pages: int) -> Change:
        """Note that a document was produced: when, its pages and SHA-256 (logged)."""
        digest = self.store.record_document(kind, data, pages=pages)
        return _change([DOCUMENTS], message=f"{kind} : {pages} page{_s(pages)}, SHA-256 {digest}")

    def documents(self) -> list[dict[str, Any]]:
        """The documents produced so far, oldest first."""
        return self.store.documents()

    def restore(self, backup: Path) -> Path:
        """Put a backup back in place (after a safety copy), once the gate has checked every
        candidate it holds (R2); returns the safety copy."""
        with SessionStore.open(backup, backup=False, read_only=True) as old:
            gate.check_candidates(old.evaluator(), old.candidate_grades())
        safety = self.store.restore(backup)
        self.reload()
        return safety


def parse_oral_value(text: str) -> int | Literal["absent"] | None:
    """What a user types for an oral: a grade (R1), « absent » (R13a), or nothing."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if cleaned.lower() in (ABSENT, "abs"):
        return "absent"
    try:
        return parse_oral_grade(cleaned)
    except InvalidInput as exc:
        raise InvalidInput(f"note d'oral « {cleaned} » invalide : {exc}") from None


class _Tally:
    """The counts of first-group and day decisions, kept row by row (design.md: an edit
    recomputes one candidate, not the session)."""

    def __init__(self) -> None:
        self.rows: list[tuple[Decision, Decision]] = []
        self.first: Counter[Decision] = Counter()
        self.day: Counter[Decision] = Counter()
        self.moved = 0  # rows whose day decision differs from the first group's

    @classmethod
    def of(cls, rows: list[tuple[Decision, Decision]]) -> _Tally:
        tally = cls()
        for first, day in rows:
            tally.rows.append((first, day))
            tally._add(first, day, 1)
        return tally

    def update(self, row: int, first: Decision, day: Decision) -> None:
        old_first, old_day = self.rows[row]
        self._add(old_first, old_day, -1)
        self.rows[row] = (first, day)
        self._add(first, day, 1)

    def _add(self, first: Decision, day: Decision, sign: int) -> None:
        self.first[first] += sign
        self.day[day] += sign
        self.moved += sign * (first is not day)
