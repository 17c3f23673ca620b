"""The rattrapage regimes (§3). The rest of the app asks a :class:`Regime` and never
hard-codes either one."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from decimal import Decimal

from btsdesk.core.errors import InvalidInput
from btsdesk.core.grades import parse_oral_grade
from btsdesk.core.numbers import EIGHT_CENTS, TEN_CENTS, fr, type_name
from btsdesk.core.reglement import Discipline, Domain, Line, Specialty
from btsdesk.core.results import Decision, OralChoice
from btsdesk.core.sheet import Sheet


class Regime(ABC):
    code: str
    title: str
    final_rule: str  # the rule an oral grade follows, cited on convocations
    first_group_rule: str  # the rule deciding below 10 without ABS (R10, R14)
    options_rule: str  # the rule of the disciplines offered for the orals (R12, R15)

    def key_label(self, key: str) -> str:
        """An oral's key for people: a discipline code, or "domaine général" (2021)."""
        return key

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
    def check_orals(self, orals: Mapping[str, OralChoice],
                    options: tuple[Discipline, ...]) -> None:
        """Refuse orals that the candidate cannot take (R12, R15)."""


class Regime2021(Regime):
    """Exceptional session 2021: two orals, one per domain, replacing the ponctuel lines."""

    code = "2021"
    title = "session 2021 (décret 2021-417 modifié)"
    final_rule = "R13"
    first_group_rule = "R10"
    options_rule = "R12"
    keys = ("general", "professional")

    def key_label(self, key: str) -> str:
        return f"domaine {Domain(key).label}"

    def first_group(self, sheet: Sheet) -> tuple[Decision, list[str]]:
        # R10: no lower bound.
        return Decision.CONTROLE, [f"moyenne {fr(sheet.average())} < 10",
                                   "aucune absence injustifiée → épreuves de contrôle (R10)"]

    def options(self, sheet: Sheet, general_oral_levels: int) -> tuple[Discipline, ...]:
        return highest_general_disciplines(sheet.specialty, general_oral_levels)

    def needed_keys(self, options: tuple[Discipline, ...]) -> tuple[str, ...]:
        return self.keys

    def group(self, sheet: Sheet, key: str) -> tuple[Line, ...]:
        domain = Domain(key)
        return sheet.ponctuel(line for line in sheet.specialty.obligatory
                              if line.domain is domain)

    def parse_orals(self, raw: Mapping[str, object]) -> dict[str, OralChoice]:
        orals: dict[str, OralChoice] = {}
        for key, value in raw.items():
            if key not in self.keys:
                raise InvalidInput(f"épreuves de contrôle : clé « {key} » inconnue "
                                   "(attendu : general, professional)")
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

    def check_orals(self, orals: Mapping[str, OralChoice],
                    options: tuple[Discipline, ...]) -> None:
        for key in orals.keys() - set(self.keys):  # R11, §6: unknown keys are invalid
            raise InvalidInput(f"épreuves de contrôle : clé « {key} » inconnue "
                               "(attendu : general, professional)")
        general = orals.get("general")
        if general is not None and general.discipline not in {d.code for d in options}:
            offered = ", ".join(d.code for d in options)
            raise InvalidInput(f"oral général en « {general.discipline} » : discipline non "
                               f"proposée (R12 : {offered})")


class Regime2022(Regime):
    """Permanent épreuves de contrôle since 2022: two general orals, best of (R14–R16)."""

    code = "2022"
    title = "épreuves de contrôle (décret 2022-850)"
    final_rule = "R16"
    first_group_rule = "R14"
    options_rule = "R15"

    def first_group(self, sheet: Sheet) -> tuple[Decision, list[str]]:
        average = fr(sheet.average())
        if sheet.points + sheet.bonus < EIGHT_CENTS * sheet.divisor:
            return Decision.AJOURNE, [f"moyenne {average} < 8 → ajourné (R14)"]
        reasons = [f"moyenne {average} ≥ 8"]
        points, weight = sheet.group_points(
            line for line in sheet.specialty.obligatory if line.domain is Domain.PROFESSIONAL)
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
        return tuple(d for d in spec.general_disciplines
                     if (opened is None or d.code in opened) and sheet.present(d.lines))

    def needed_keys(self, options: tuple[Discipline, ...]) -> tuple[str, ...]:
        return tuple(d.code for d in options)

    def group(self, sheet: Sheet, key: str) -> tuple[Line, ...]:
        return sheet.present(sheet.specialty.discipline_by_code[key].lines)

    def parse_orals(self, raw: Mapping[str, object]) -> dict[str, OralChoice]:
        for key in raw.keys() - {"disciplines"}:
            raise InvalidInput(f"épreuves de contrôle : clé « {key} » inconnue "
                               "(attendu : disciplines)")
        chosen = raw.get("disciplines", {})
        if not isinstance(chosen, Mapping):
            raise InvalidInput("épreuves de contrôle : « disciplines » doit être un objet")
        if len(chosen) > 2:
            raise InvalidInput(f"épreuves de contrôle : {len(chosen)} disciplines, deux au "
                               "plus (R15)")
        return {code: OralChoice(code, _oral_grade(grade, f"oral en {code}"))
                for code, grade in chosen.items()}

    def check_orals(self, orals: Mapping[str, OralChoice],
                    options: tuple[Discipline, ...]) -> None:
        if len(orals) > 2:  # R15, §6: two orals at most
            raise InvalidInput(f"épreuves de contrôle : {len(orals)} disciplines, deux au "
                               "plus (R15)")
        offered = {d.code for d in options}
        for code in orals:
            if code not in offered:
                raise InvalidInput(f"oral en « {code} » : discipline non proposée (R15 : "
                                   f"{', '.join(d.code for d in options)})")


def highest_general_disciplines(specialty: Specialty, levels: int) -> tuple[Discipline, ...]:
    """R12: the general disciplines whose coefficient is among the ``levels`` highest
    distinct coefficients of the general disciplines, ties included, in règlement order."""
    general = specialty.general_disciplines
    top: set[Decimal] = set(sorted({d.coefficient for d in general}, reverse=True)[:levels])
    return tuple(d for d in general if d.coefficient in top)


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
        raise InvalidInput(f"« regime » de type {type_name(raw)} invalide "
                           "(attendu : \"2021\" ou \"2022\")")
    try:
        return REGIMES[str(raw)]
    except KeyError:
        raise InvalidInput(f"régime « {raw} » inconnu (attendu : 2021 ou 2022)") from None
