"""The rattrapage regimes (§3). The rest of the app asks a :class:`Regime` and never
hard-codes either one."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from decimal import Decimal

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import parse_oral_grade
from btsdesk.core.numbers import EIGHT_CENTS, TEN_CENTS, cents_text, fr, type_name
from btsdesk.core.reglement import Discipline, Domain, Line, Specialty
from btsdesk.core.results import Decision, OralChoice
from btsdesk.core.sheet import Sheet


class Regime(ABC):
    """Everything that differs between the regimes. Nothing outside this module compares a
    regime's ``code``: the other layers ask these attributes and methods.

    An oral is recorded under a *key*: regime 2021 ``general`` / ``professional`` (one per
    domain, R11), regime 2022 the discipline code (R15)."""

    code: str
    title: str
    final_rule: str  # the rule an oral grade follows, cited on convocations
    first_group_rule: str  # the rule deciding below 10 without ABS (R10, R14)
    options_rule: str  # the rule of the disciplines offered for the orals (R12, R15)
    thresholds: tuple[int, ...]  # the averages that matter on a chart (R9, R10, R14)
    authorised_by_right: bool  # R22: no jury act needed to go to the orals
    choices_count: int  # how many disciplines the candidate chooses (R12: 1, R15: 2)
    widens_offer: bool  # whether the session's ``general_oral_levels`` applies (R12 k)
    uses_controle_list: bool  # whether the règlement's ``controle_disciplines`` apply (R15)

    def key_label(self, key: str) -> str:
        """An oral's key for people: a discipline code, or "domaine général" (2021)."""
        return key

    def oral_at(self, key: str) -> str:
        """« à l'oral de E2 », « à l'oral du domaine général »."""
        return f"à l'oral de {key}"

    def oral_names(self, specialty: Specialty, key: str) -> tuple[str, str, str]:
        """(label, « à l'oral … », « Oral … ») of an oral key, for explanations: the
        discipline with its titles (« E2 LVE écrit + LVE oral »), or the domain (2021)."""
        discipline = specialty.discipline_by_code.get(key)
        label = discipline.label if discipline is not None else key
        return label, self.oral_at(key), f"Oral de {label}"

    @abstractmethod
    def scope(self, specialty: Specialty, key: str) -> tuple[Line, ...]:
        """Every line an oral with this key concerns (its domain or its discipline), the
        ones it cannot replace included; :meth:`group` is the candidate's part of it."""

    @abstractmethod
    def single_oral(
        self,
        key: str,
        grade: int,
        orals: Mapping[str, OralChoice] | None,
        options: tuple[Discipline, ...],
    ) -> OralChoice:
        """The choice the engine needs to evaluate this oral alone at ``grade`` (the rest
        unchanged): the discipline already chosen for it, else the first offered one."""

    @abstractmethod
    def orals_for_choice(
        self, disciplines: Sequence[str], current: Mapping[str, OralChoice]
    ) -> dict[str, OralChoice]:
        """The orals recorded when the candidate chooses ``disciplines`` (exactly
        :attr:`choices_count` of them, else InvalidInput naming R12 / R15), keeping the
        grade (or absence) already entered for an oral that stays the same. Whether the
        disciplines are offered is :meth:`check_orals`' job."""

    @abstractmethod
    def oral_key_for(self, target: str, orals: Mapping[str, OralChoice] | None = None) -> str:
        """The key of the oral a user names with ``target`` (spaces and case ignored), given
        the candidate's current ``orals``. Raises InvalidInput (French) when it names none."""

    def orals_complete(self, orals: Mapping[str, OralChoice], offered: int) -> bool:
        """R11, R15, R13a: whether every oral the candidate has to take is graded or recorded
        absent (``offered``: how many disciplines the candidate could choose)."""
        wanted = min(self.choices_count, offered)
        return len(orals) >= wanted and all(choice.final for choice in orals.values())

    def needs_choice(self, key: str) -> bool:
        """Whether the oral of this key exists only once the candidate chose a discipline
        for it (R12, R15): every oral but the regime-2021 professional one."""
        return True

    @abstractmethod
    def choice(self, orals: Mapping[str, OralChoice]) -> list[str]:
        """The disciplines the candidate chose, in the order recorded."""

    @abstractmethod
    def exchange_orals(self, orals: Mapping[str, OralChoice]) -> dict[str, object]:
        """The orals as JSON for scripts: one key per oral, valued by its grade ("12.50"),
        "absent" (R13a) or None (not yet known)."""

    @abstractmethod
    def format_orals(self, orals: Mapping[str, OralChoice]) -> dict[str, object]:
        """The §6 ``orals`` object (what :meth:`parse_orals` reads back). §6 has no absent
        code: an absent oral is written ``null``, like a grade not yet known (R13a)."""

    @abstractmethod
    def first_group(self, sheet: Sheet) -> tuple[Decision, list[str]]:
        """The decision for an average below 10 without ABS (R10, R14), with reasons."""

    @abstractmethod
    def options(self, sheet: Sheet, general_oral_levels: int) -> tuple[Discipline, ...]:
        """The disciplines the candidate may choose for the general oral(s) (R12, R15)."""

    @abstractmethod
    def needed_keys(self, options: tuple[Discipline, ...]) -> tuple[str, ...]:
        """The keys of R17's needed grades (domains, or disciplines)."""

    @abstractmethod
    def group(self, sheet: Sheet, key: str) -> tuple[Line, ...]:
        """The lines an oral with this key replaces (R13, R16)."""

    @abstractmethod
    def parse_orals(self, raw: Mapping[str, object]) -> dict[str, OralChoice]:
        """The §6 ``orals`` object of this regime, read into oral choices."""

    @abstractmethod
    def check_orals(self, orals: Mapping[str, OralChoice], options: tuple[Discipline, ...]) -> None:
        """Refuse orals that the candidate cannot take (R12, R15)."""


class Regime2021(Regime):
    """Exceptional session 2021: two orals, one per domain, replacing the ponctuel lines."""

    code = "2021"
    title = "session 2021 (décret 2021-417 modifié)"
    final_rule = "R13"
    first_group_rule = "R10"
    options_rule = "R12"
    thresholds = (10,)  # R10: no lower bound
    authorised_by_right = False  # R22: the jury authorises each eligible candidate
    choices_count = 1  # R12: the general discipline; the professional oral has none
    widens_offer = True  # R12 k
    uses_controle_list = False  # R15's list is checked but not used (§6)
    keys = ("general", "professional")

    def orals_complete(self, orals: Mapping[str, OralChoice], offered: int) -> bool:
        # R11: one oral per domain, both to take; the general one once its discipline is
        # chosen (R12).
        return all(key in orals and orals[key].final for key in self.keys)

    def needs_choice(self, key: str) -> bool:
        return key == "general"  # R11: the professional oral has no discipline to choose

    def key_label(self, key: str) -> str:
        return f"domaine {Domain(key).label}"

    def oral_at(self, key: str) -> str:
        return f"à l'oral du {self.key_label(key)}"

    def oral_names(self, specialty: Specialty, key: str) -> tuple[str, str, str]:
        label = self.key_label(key)
        return label, self.oral_at(key), f"Oral du {label}"

    def scope(self, specialty: Specialty, key: str) -> tuple[Line, ...]:
        domain = Domain(key)
        return tuple(line for line in specialty.obligatory if line.domain is domain)

    def single_oral(
        self,
        key: str,
        grade: int,
        orals: Mapping[str, OralChoice] | None,
        options: tuple[Discipline, ...],
    ) -> OralChoice:
        if key != "general" or not options:
            return OralChoice(None, grade)
        given = (orals or {}).get(key)
        chosen = given.discipline if given is not None and given.discipline else None
        return OralChoice(chosen or options[0].code, grade)

    def orals_for_choice(
        self, disciplines: Sequence[str], current: Mapping[str, OralChoice]
    ) -> dict[str, OralChoice]:
        if len(disciplines) != 1:
            raise InvalidInput(
                f"oral général : choisissez une seule discipline (R12) ; "
                f"choix reçu : {_listed(disciplines)}"
            )
        (discipline,) = disciplines
        general = current.get("general")
        if general is None or general.discipline != discipline:
            # A grade entered for another discipline is not this oral's.
            general = OralChoice(discipline, None)
        professional = current.get("professional", OralChoice(None, None))
        return {"general": general, "professional": professional}

    def oral_key_for(self, target: str, orals: Mapping[str, OralChoice] | None = None) -> str:
        typed = " ".join(target.split()).casefold()
        key = _ORAL_WORDS_2021.get(typed)
        if key is not None:
            return key
        general = (orals or {}).get("general")
        if (
            general is not None
            and general.discipline is not None
            and general.discipline.casefold() == typed
        ):
            return "general"
        chosen = (
            f", ou {general.discipline}, la discipline de l'oral général"
            if general is not None and general.discipline
            else ""
        )
        raise InvalidInput(
            f"oral « {target.strip()} » inconnu (attendu : général ou professionnel{chosen} ; R11)"
        )

    def choice(self, orals: Mapping[str, OralChoice]) -> list[str]:
        general = orals.get("general")
        return [general.discipline] if general is not None and general.discipline else []

    def exchange_orals(self, orals: Mapping[str, OralChoice]) -> dict[str, object]:
        # R11: always both orals, like §6's ``needed``.
        return {key: _grade_json(orals.get(key)) for key in self.keys}

    def format_orals(self, orals: Mapping[str, OralChoice]) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, choice in orals.items():
            grade = None if choice.grade is None else cents_text(choice.grade)
            out[key] = (
                {"discipline": choice.discipline, "grade": grade}
                if key == "general"
                else {"grade": grade}
            )
        return out

    def first_group(self, sheet: Sheet) -> tuple[Decision, list[str]]:
        # R10: no lower bound.
        return Decision.CONTROLE, [
            f"moyenne {fr(sheet.average())} < 10",
            "aucune absence injustifiée → épreuves de contrôle (R10)",
        ]

    def options(self, sheet: Sheet, general_oral_levels: int) -> tuple[Discipline, ...]:
        return highest_general_disciplines(sheet.specialty, general_oral_levels)

    def needed_keys(self, options: tuple[Discipline, ...]) -> tuple[str, ...]:
        return self.keys

    def group(self, sheet: Sheet, key: str) -> tuple[Line, ...]:
        domain = Domain(key)
        return sheet.ponctuel(line for line in sheet.specialty.obligatory if line.domain is domain)

    def parse_orals(self, raw: Mapping[str, object]) -> dict[str, OralChoice]:
        orals: dict[str, OralChoice] = {}
        for key, value in raw.items():
            if key not in self.keys:
                raise InvalidInput(
                    f"épreuves de contrôle : clé « {key} » inconnue "
                    "(attendu : general, professional)"
                )
            where = "oral du domaine " + Domain(key).label
            if not isinstance(value, Mapping):
                raise InvalidInput(f"{where} : objet attendu, {type_name(value)} trouvé")
            allowed = {"discipline", "grade"} if key == "general" else {"grade"}
            for extra in value.keys() - allowed:
                raise InvalidInput(f"{where} : clé « {extra} » inconnue")
            discipline = None
            if key == "general":
                discipline = value.get("discipline")
                if not isinstance(discipline, str):
                    raise InvalidInput(f"{where} : « discipline » manquante ou invalide")
            orals[key] = OralChoice(discipline, _oral_grade(value.get("grade"), where))
        return orals

    def check_orals(self, orals: Mapping[str, OralChoice], options: tuple[Discipline, ...]) -> None:
        for key in orals.keys() - set(self.keys):  # R11, §6: unknown keys are invalid
            raise InvalidInput(
                f"épreuves de contrôle : clé « {key} » inconnue (attendu : general, professional)"
            )
        general = orals.get("general")
        if general is not None and general.discipline not in {d.code for d in options}:
            offered = ", ".join(d.code for d in options)
            raise InvalidInput(
                f"oral général en « {general.discipline} » : discipline non "
                f"proposée (R12 : {offered})"
            )


class Regime2022(Regime):
    """Permanent épreuves de contrôle since 2022: two general orals, best of (R14–R16)."""

    code = "2022"
    title = "épreuves de contrôle (décret 2022-850)"
    final_rule = "R16"
    first_group_rule = "R14"
    options_rule = "R15"
    thresholds = (8, 10)  # R14
    authorised_by_right = True  # R22: D643-22 « sont autorisés »
    choices_count = 2  # R15
    widens_offer = False  # R12 k is a regime-2021 setting
    uses_controle_list = True  # R15

    def first_group(self, sheet: Sheet) -> tuple[Decision, list[str]]:
        average = fr(sheet.average())
        if sheet.points + sheet.bonus < EIGHT_CENTS * sheet.divisor:
            return Decision.AJOURNE, [f"moyenne {average} < 8 → ajourné (R14)"]
        reasons = [f"moyenne {average} ≥ 8"]
        points, weight = sheet.group_points(
            line for line in sheet.specialty.obligatory if line.domain is Domain.PROFESSIONAL
        )
        if weight == 0:
            reasons.append("aucune note dans le domaine professionnel → ajourné (R14)")
            return Decision.AJOURNE, reasons
        professional = fr(sheet.average_of(points, weight))
        if points < TEN_CENTS * weight:
            reasons.append(f"domaine professionnel {professional} < 10 → ajourné (R14)")
            return Decision.AJOURNE, reasons
        reasons.append(f"domaine professionnel {professional} ≥ 10 → épreuves de contrôle (R14)")
        return Decision.CONTROLE, reasons

    def options(self, sheet: Sheet, general_oral_levels: int) -> tuple[Discipline, ...]:
        # R15: the règlement's controle_disciplines, or every general discipline, except one
        # where the candidate is DIS on every line; in règlement order (§6).
        spec = sheet.specialty
        opened = spec.controle_disciplines
        return tuple(
            d
            for d in spec.general_disciplines
            if (opened is None or d.code in opened) and sheet.present(d.lines)
        )

    def needed_keys(self, options: tuple[Discipline, ...]) -> tuple[str, ...]:
        return tuple(d.code for d in options)

    def group(self, sheet: Sheet, key: str) -> tuple[Line, ...]:
        return sheet.present(sheet.specialty.discipline_by_code[key].lines)

    def scope(self, specialty: Specialty, key: str) -> tuple[Line, ...]:
        discipline = specialty.discipline_by_code.get(key)
        return discipline.lines if discipline is not None else ()

    def single_oral(
        self,
        key: str,
        grade: int,
        orals: Mapping[str, OralChoice] | None,
        options: tuple[Discipline, ...],
    ) -> OralChoice:
        return OralChoice(key, grade)

    def orals_for_choice(
        self, disciplines: Sequence[str], current: Mapping[str, OralChoice]
    ) -> dict[str, OralChoice]:
        if len(disciplines) != 2 or disciplines[0] == disciplines[1]:
            raise InvalidInput(
                f"épreuves de contrôle : choisissez deux disciplines "
                f"différentes (R15) ; choix reçu : {_listed(disciplines)}"
            )
        return {code: current.get(code, OralChoice(code, None)) for code in disciplines}

    def oral_key_for(self, target: str, orals: Mapping[str, OralChoice] | None = None) -> str:
        code = target.strip()
        if not code:
            raise InvalidInput("oral : discipline manquante (R15)")
        for key in orals or {}:
            if key.casefold() == code.casefold():
                return key
        return code

    def choice(self, orals: Mapping[str, OralChoice]) -> list[str]:
        return list(orals)

    def exchange_orals(self, orals: Mapping[str, OralChoice]) -> dict[str, object]:
        return {key: _grade_json(choice) for key, choice in orals.items()}

    def format_orals(self, orals: Mapping[str, OralChoice]) -> dict[str, object]:
        return {
            "disciplines": {
                key: None if choice.grade is None else cents_text(choice.grade)
                for key, choice in orals.items()
            }
        }

    def parse_orals(self, raw: Mapping[str, object]) -> dict[str, OralChoice]:
        for key in raw.keys() - {"disciplines"}:
            raise InvalidInput(
                f"épreuves de contrôle : clé « {key} » inconnue (attendu : disciplines)"
            )
        chosen = raw.get("disciplines", {})
        if not isinstance(chosen, Mapping):
            raise InvalidInput("épreuves de contrôle : « disciplines » doit être un objet")
        if len(chosen) > 2:
            raise InvalidInput(
                f"épreuves de contrôle : {len(chosen)} disciplines, deux au plus (R15)"
            )
        return {
            code: OralChoice(code, _oral_grade(grade, f"oral en {code}"))
            for code, grade in chosen.items()
        }

    def check_orals(self, orals: Mapping[str, OralChoice], options: tuple[Discipline, ...]) -> None:
        if len(orals) > 2:  # R15, §6: two orals at most
            raise InvalidInput(
                f"épreuves de contrôle : {len(orals)} disciplines, deux au plus (R15)"
            )
        offered = {d.code for d in options}
        for code in orals:
            if code not in offered:
                raise InvalidInput(
                    f"oral en « {code} » : discipline non proposée (R15 : "
                    f"{', '.join(d.code for d in options)})"
                )


# What a user may type to name a regime-2021 oral (Regime2021.oral_key_for), casefolded.
_ORAL_WORDS_2021 = {
    "general": "general",
    "général": "general",
    "generale": "general",
    "générale": "general",
    "domaine general": "general",
    "domaine général": "general",
    "professional": "professional",
    "professionnel": "professional",
    "professionnelle": "professional",
    "pro": "professional",
    "domaine professionnel": "professional",
}


def highest_general_disciplines(specialty: Specialty, levels: int) -> tuple[Discipline, ...]:
    """R12: the general disciplines whose coefficient is among the ``levels`` highest
    distinct coefficients of the general disciplines, ties included, in règlement order."""
    general = specialty.general_disciplines
    top: set[Decimal] = set(sorted({d.coefficient for d in general}, reverse=True)[:levels])
    return tuple(d for d in general if d.coefficient in top)


def _grade_json(choice: OralChoice | None) -> str | None:
    """An oral for scripts: "12.50", "absent" (R13a) or None (not yet known)."""
    if choice is None or (choice.grade is None and not choice.absent):
        return None
    return "absent" if choice.grade is None else cents_text(choice.grade)


def _listed(disciplines: Sequence[str]) -> str:
    return ", ".join(disciplines) if disciplines else "aucune"


def _oral_grade(raw: object, where: str) -> int | None:
    if raw is None:
        return None
    try:
        return parse_oral_grade(raw)
    except InvalidInput as exc:
        raise exc.within(where) from None


REGIMES: dict[str, Regime] = {regime.code: regime for regime in (Regime2021(), Regime2022())}


def regime_for(raw: object) -> Regime:
    """A regime from its code, given as a string or an integer (§6)."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise InvalidInput(
            f'« regime » de type {type_name(raw)} invalide (attendu : "2021" ou "2022")'
        )
    try:
        return REGIMES[str(raw)]
    except KeyError:
        raise InvalidInput(f"régime « {raw} » inconnu (attendu : 2021 ou 2022)") from None
