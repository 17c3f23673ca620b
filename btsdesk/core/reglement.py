"""The règlement d'examen of a specialty: its lines, coefficients, domains and modes (§1, §7).

A specialty is parsed from plain data (a shipped file under ``resources/reglements`` or the
``specialty`` object of the exchange format, §6) and validated with French messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import MAX_PREC, Decimal, localcontext
from enum import Enum
from fractions import Fraction
from functools import cached_property

from btsdesk.core.errors import InvalidInput
from btsdesk.core.numbers import parse_positive_decimal, type_name


class Domain(Enum):
    GENERAL = "general"
    PROFESSIONAL = "professional"

    @property
    def label(self) -> str:
        return "général" if self is Domain.GENERAL else "professionnel"


class Mode(Enum):
    PONCTUEL = "ponctuel"
    CCF = "ccf"


@dataclass(frozen=True)
class OralDurations:
    """Preparation and examination minutes of an épreuve de contrôle (R15)."""

    preparation: int = 20
    exam: int = 20


@dataclass(frozen=True)
class Line:
    """One graded line of the règlement: an épreuve or a sous-épreuve."""

    code: str
    title: str
    coefficient: Decimal
    domain: Domain | None  # None for a facultative line
    discipline: str | None  # None for a facultative line
    facultative: bool
    mode: Mode | Mapping[str, Mode]  # once for all categories, or per category (R3)
    unit: str = ""
    oral: OralDurations = field(default_factory=OralDurations)
    verified: bool = True
    to_check: str = ""  # what is still "à vérifier" on this line
    # §7: the fields not read in an official text ("coefficient", "domain", "mode",
    # "mode:B", "discipline", "existence"); empty once the line is verified.
    unverified: tuple[str, ...] = ()
    engagement: bool = False  # the engagement étudiant unit (D643-15-1), outside the limit
    coefficient_given: bool = True  # False: no coefficient in the file (R6: 1)

    def is_unverified(self, field: str) -> bool:
        """§7: this field is still "à vérifier". ``"mode"`` is when any category's mode
        is; ``"mode:B"`` when B's is, or every category's (``"mode"``)."""
        if self.verified:
            return False
        if not self.unverified:
            return True  # a line flagged without saying which field: all of it
        base, _, category = field.partition(":")
        for name in self.unverified:
            flagged, _, flagged_category = name.partition(":")
            if flagged == base and (
                not category or not flagged_category or category == flagged_category
            ):
                return True
        return False

    def mode_for(self, category: str) -> Mode:
        """R3: the mode of this line for a candidate of ``category``."""
        if isinstance(self.mode, Mode):
            return self.mode
        try:
            return self.mode[category]
        except KeyError:
            raise InvalidInput(
                f"catégorie « {category} » absente du mode de l'épreuve {self.code} "
                f"(catégories prévues : {', '.join(self.mode) or 'aucune'})"
            ) from None


@dataclass(frozen=True)
class Discipline:
    """What an oral can be chosen in: one épreuve, or a parent épreuve with its
    sous-épreuves (§1). Its coefficient is the sum of its lines' coefficients."""

    code: str
    domain: Domain
    lines: tuple[Line, ...]

    @property
    def coefficient(self) -> Decimal:
        return exact_sum(line.coefficient for line in self.lines)

    @property
    def title(self) -> str:
        """One title: the épreuve's, or the sous-épreuves' common title ("Communication en
        langue vivante étrangère" for "… (écrit)" and "… (oral)"), else all joined."""
        if len(self.lines) == 1:
            return self.lines[0].title
        stems = {line.title.split(" (")[0].strip() for line in self.lines}
        if len(stems) == 1 and stems != {""}:
            return stems.pop()
        return " + ".join(line.title or line.code for line in self.lines)

    @property
    def label(self) -> str:
        """The code and its lines' titles: « E2 LVE écrit + LVE oral »."""
        titles = " + ".join(line.title for line in self.lines if line.title)
        return f"{self.code} {titles}" if titles else self.code

    @property
    def oral(self) -> OralDurations:
        return self.lines[0].oral


@dataclass(frozen=True, eq=False)
class Specialty:
    code: str
    name: str
    lines: tuple[Line, ...]
    version: str = ""
    source: str = ""
    categories: tuple[str, ...] = ()
    # R15: the general disciplines opened to the regime-2022 orals; None: every one (§6).
    controle_disciplines: tuple[str, ...] | None = None
    # §7: the first and last sessions the file serves (None: not bounded / not known).
    first_session: int | None = None
    last_session: int | None = None
    to_check: str = ""  # what is still "à vérifier" about the file as a whole (§7)

    @cached_property
    def obligatory(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if not line.facultative)

    @cached_property
    def facultatives(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.facultative)

    @cached_property
    def disciplines(self) -> tuple[Discipline, ...]:
        """In the order in which each discipline's first line appears (§6)."""
        grouped: dict[str, list[Line]] = {}
        domains: dict[str, Domain] = {}  # each discipline's, from its first line
        for line in self.obligatory:
            assert line.discipline is not None
            assert line.domain is not None
            grouped.setdefault(line.discipline, []).append(line)
            domains.setdefault(line.discipline, line.domain)
        return tuple(
            Discipline(code, domains[code], tuple(lines)) for code, lines in grouped.items()
        )

    @cached_property
    def discipline_by_code(self) -> dict[str, Discipline]:
        return {d.code: d for d in self.disciplines}

    @cached_property
    def general_disciplines(self) -> tuple[Discipline, ...]:
        return tuple(d for d in self.disciplines if d.domain is Domain.GENERAL)

    @cached_property
    def line_by_code(self) -> dict[str, Line]:
        return {line.code: line for line in self.lines}

    @cached_property
    def scale(self) -> int:
        """A power of ten that makes every coefficient an integer weight (R4)."""
        places = max(_decimal_places(line.coefficient) for line in self.lines)
        return int(10**places)

    def weight(self, line: Line) -> int:
        """The line's coefficient times :attr:`scale`: an exact integer."""
        return int(Fraction(line.coefficient) * self.scale)  # exact (R4), no 28-digit rounding

    def coefficient_total(self) -> Decimal:
        return exact_sum(line.coefficient for line in self.obligatory)

    @property
    def unverified(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if not line.verified)

    @property
    def sessions_label(self) -> str:
        """« sessions 2021 à 2024 », « sessions 2025 et suivantes », or "" (§7)."""
        first, last = self.first_session, self.last_session
        if first is not None and last is not None:
            return f"session {first}" if first == last else f"sessions {first} à {last}"
        if first is not None:
            return f"sessions {first} et suivantes"
        if last is not None:
            return f"sessions jusqu'à {last}"
        return ""

    def serves(self, year: int) -> bool:
        """§7: whether this règlement serves the session of ``year``."""
        return (self.first_session is None or year >= self.first_session) and (
            self.last_session is None or year <= self.last_session
        )

    def session_warning(self, year: int) -> str | None:
        """A French warning when this file does not serve the session of ``year`` (§7)."""
        if self.serves(year):
            return None
        return (
            f"le règlement {self.label} sert les {self.sessions_label}, pas la session "
            f"{year} : vérifiez la version du règlement d'examen"
        )

    def load_warnings(self) -> tuple[str, ...]:
        """What a user's file holds that the rules do not use as written: a facultative
        line given a coefficient (R6, D643-22: only the points above 10 count, with no
        multiplier). The exchange format of §6 keeps accepting it; the jury is told."""
        given = [line.code for line in self.facultatives if line.coefficient_given]
        if not given:
            return ()
        return (
            f"épreuve(s) facultative(s) {', '.join(given)} avec un coefficient : le "
            "décret (D643-22) ne compte que les points au-dessus de 10, sans "
            "coefficient ; le coefficient du fichier sera pourtant appliqué (R6)",
        )

    @property
    def label(self) -> str:
        version = f" ({self.version})" if self.version else ""
        return f"{self.code} — {self.name}{version}" if self.name else f"{self.code}{version}"


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """A sum of coefficients without the 28-digit rounding of the default context (R4, R12:
    coefficients are compared exactly)."""
    with localcontext() as context:
        context.prec = MAX_PREC
        return sum(values, Decimal(0))


def _decimal_places(value: Decimal) -> int:
    """Digits after the point of a finite decimal (a coefficient, parse_positive_decimal)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # "n", "N" or "F" only for NaN and infinity
    return max(0, -exponent)


# ---------------------------------------------------------------------------------------
# Parsing and validation (French messages)


def parse_specialty(data: object) -> Specialty:
    """A specialty from plain data, validated (§6 "specialty", §7 data files)."""
    if not isinstance(data, Mapping):
        raise InvalidInput(f"spécialité : objet attendu, {type_name(data)} trouvé")
    code = _optional_text(data, "code", "spécialité")
    name = _optional_text(data, "name", "spécialité")
    categories = _categories(data.get("categories"))
    raw_lines = data.get("epreuves")
    if raw_lines is None:
        raise InvalidInput("spécialité : la clé « epreuves » manque")
    if not isinstance(raw_lines, list):
        raise InvalidInput(
            f"spécialité : « epreuves » doit être une liste, {type_name(raw_lines)} trouvé"
        )
    lines: list[Line] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_lines, start=1):
        line = _parse_line(raw, index, categories)
        if line.code in seen:
            raise InvalidInput(f"épreuve {line.code} : code en double dans la spécialité")
        seen.add(line.code)
        lines.append(line)
    if not any(not line.facultative for line in lines):
        raise InvalidInput("spécialité : aucune épreuve obligatoire")
    _check_discipline_domains(lines)
    first, last = _sessions(data.get("sessions"))
    return Specialty(
        code=code,
        name=name,
        lines=tuple(lines),
        version=_optional_text(data, "version", "spécialité"),
        source=_optional_text(data, "source", "spécialité"),
        categories=categories,
        controle_disciplines=_controle_disciplines(data, lines),
        first_session=first,
        last_session=last,
        to_check=_optional_text(data, "to_check", "spécialité"),
    )


def _parse_line(raw: object, index: int, categories: Sequence[str]) -> Line:
    where = f"épreuve n°{index}"
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"{where} : objet attendu, {type_name(raw)} trouvé")
    code = raw.get("code")
    if not isinstance(code, str) or not code.strip():
        raise InvalidInput(f"{where} : « code » manquant ou invalide (texte attendu)")
    where = f"épreuve {code}"
    try:
        facultative = raw.get("facultative", False)
        if not isinstance(facultative, bool):
            raise InvalidInput(
                f"« facultative » doit être true ou false, {type_name(facultative)} trouvé"
            )
        coefficient = (
            parse_positive_decimal(raw["coefficient"]) if "coefficient" in raw else Decimal(1)
        )
        domain: Domain | None = None
        discipline: str | None = None
        if not facultative:
            domain = _domain(raw.get("domain"))
            discipline = raw.get("discipline", code)
            if not isinstance(discipline, str) or not discipline.strip():
                raise InvalidInput("« discipline » doit être un texte non vide")
        mode = _mode(raw.get("mode", "ponctuel"), categories)
        title = raw.get("title", "")
        unit = raw.get("unit", "")
        verified = raw.get("verified", True)
        if not isinstance(verified, bool):
            raise InvalidInput("« verified » doit être true ou false")
        to_check = raw.get("to_check", "")
        engagement = raw.get("engagement_etudiant", False)
        if not isinstance(engagement, bool):
            raise InvalidInput("« engagement_etudiant » doit être true ou false")
        if engagement and not facultative:
            raise InvalidInput(
                "l'engagement étudiant est une unité facultative "
                "(D643-15-1) : « facultative » doit être true"
            )
        return Line(
            code=code,
            title=title if isinstance(title, str) else "",
            coefficient=coefficient,
            domain=domain,
            discipline=discipline,
            facultative=facultative,
            mode=mode,
            unit=unit if isinstance(unit, str) else "",
            oral=_oral(raw.get("oral")),
            verified=verified,
            to_check=to_check if isinstance(to_check, str) else "",
            unverified=() if verified else _unverified(raw.get("unverified"), categories),
            engagement=engagement,
            coefficient_given="coefficient" in raw,
        )
    except InvalidInput as exc:
        raise exc.within(where) from None


UNVERIFIABLE_FIELDS = ("existence", "coefficient", "domain", "discipline", "mode")


def _unverified(raw: object, categories: Sequence[str]) -> tuple[str, ...]:
    """§7: which fields of a line flagged "à vérifier" were not read in an official text:
    ``["coefficient", "domain", "mode:C"]`` (``"mode"``: every category's)."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(f, str) for f in raw):
        raise InvalidInput(
            "« unverified » doit être une liste de champs (coefficient, domain, mode, mode:B …)"
        )
    for name in raw:
        field, _, category = name.partition(":")
        if field not in UNVERIFIABLE_FIELDS or (category and field != "mode"):
            raise InvalidInput(
                f"« unverified » : champ « {name} » inconnu (attendu : "
                f"{', '.join(UNVERIFIABLE_FIELDS)} ou mode:CATÉGORIE)"
            )
        if category and categories and category not in categories:
            raise InvalidInput(
                f"« unverified » : catégorie « {category} » inconnue "
                f"(catégories du règlement : {', '.join(categories)})"
            )
    return tuple(raw)


def _sessions(raw: object) -> tuple[int | None, int | None]:
    """§7: ``{"first": 2021, "last": 2024}``, either bound optional or null."""
    if raw is None:
        return None, None
    if not isinstance(raw, Mapping):
        raise InvalidInput("spécialité : « sessions » doit être un objet {first, last}")
    bounds: list[int | None] = []
    for key in ("first", "last"):
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidInput(
                f"spécialité : « sessions.{key} » doit être une année (nombre entier) ou null"
            )
        bounds.append(value)
    first, last = bounds
    if first is not None and last is not None and first > last:
        raise InvalidInput(
            f"spécialité : sessions de {first} à {last} : la première est après la dernière"
        )
    return first, last


_FIELD_WORDS = {
    "existence": "existence de l'unité",
    "coefficient": "coefficient",
    "domain": "domaine",
    "discipline": "discipline",
    "mode": "mode",
}


def unverified_words(line: Line) -> str:
    """§7: what is still "à vérifier" on a line, in French: « coefficient, mode
    (catégorie B) »; « toute la ligne » when the file does not say which field; "" when
    the line is verified."""
    if line.verified:
        return ""
    if not line.unverified:
        return "toute la ligne"
    words = []
    for name in line.unverified:
        field, _, category = name.partition(":")
        words.append(
            f"{_FIELD_WORDS[field]} (catégorie {category})" if category else _FIELD_WORDS[field]
        )
    return ", ".join(words)


def mode_words(line: Line) -> str:
    """« ponctuel » or « A ponctuel / B ccf / C ponctuel » (R3)."""
    if isinstance(line.mode, Mode):
        return line.mode.value
    return " / ".join(f"{category} {mode.value}" for category, mode in line.mode.items())


def facultatives_allowed(year: int) -> int:
    """How many facultative units a candidate may present besides the engagement étudiant
    (D643-13): two until session 2024, one since décret 2024-788 (sessions 2025 onward)."""
    return 2 if year <= 2024 else 1


def _domain(raw: object) -> Domain:
    if raw is None:
        raise InvalidInput("« domain » manquant (general ou professional)")
    try:
        return Domain(raw)
    except ValueError:
        raise InvalidInput(
            f"domaine {_shown(raw)} inconnu (attendu : general ou professional)"
        ) from None


def _mode(raw: object, categories: Sequence[str]) -> Mode | Mapping[str, Mode]:
    if isinstance(raw, str):
        return _one_mode(raw, "")
    if isinstance(raw, Mapping):
        modes: dict[str, Mode] = {}
        for category, value in raw.items():
            if categories and category not in categories:
                raise InvalidInput(
                    f"mode : catégorie « {category} » inconnue "
                    f"(catégories du règlement : {', '.join(categories)})"
                )
            modes[category] = _one_mode(value, f" (catégorie {category})")
        missing = [c for c in categories if c not in modes]
        if missing:
            raise InvalidInput(f"mode : catégorie(s) {', '.join(missing)} sans mode")
        return modes
    raise InvalidInput(
        f"mode de type {type_name(raw)} invalide "
        "(attendu : ponctuel, ccf ou un objet par catégorie)"
    )


def _one_mode(raw: object, where: str) -> Mode:
    try:
        return Mode(raw)
    except ValueError:
        raise InvalidInput(
            f"mode {_shown(raw)} inconnu{where} (attendu : ponctuel ou ccf)"
        ) from None


def _oral(raw: object) -> OralDurations:
    if raw is None:
        return OralDurations()
    if not isinstance(raw, Mapping):
        raise InvalidInput("« oral » doit être un objet {preparation, exam} en minutes")
    values = []
    for key in ("preparation", "exam"):
        value = raw.get(key, 20)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(f"oral : « {key} » doit être un nombre entier de minutes")
        values.append(value)
    return OralDurations(*values)


def _categories(raw: object) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(c, str) and c for c in raw):
        raise InvalidInput("spécialité : « categories » doit être une liste de textes")
    return tuple(raw)


def _check_discipline_domains(lines: Sequence[Line]) -> None:
    domains: dict[str, Domain] = {}
    for line in lines:
        if line.discipline is None or line.domain is None:
            continue
        known = domains.setdefault(line.discipline, line.domain)
        if known is not line.domain:
            raise InvalidInput(
                f"discipline {line.discipline} : ses épreuves sont dans deux domaines "
                f"(général et professionnel), épreuve {line.code}"
            )


def _controle_disciplines(
    data: Mapping[str, object], lines: Sequence[Line]
) -> tuple[str, ...] | None:
    """R15, §6: the key is optional (None: every general discipline); when given, a
    non-empty list naming general-domain disciplines, each once (``null`` is refused: it is
    not a list). Checked in both regimes, used in regime 2022 only."""
    if "controle_disciplines" not in data:
        return None
    raw = data["controle_disciplines"]
    where = "spécialité : « controle_disciplines »"
    if not isinstance(raw, list):
        raise InvalidInput(
            f"{where} doit être une liste de disciplines, {type_name(raw)} trouvé (R15)"
        )
    if not raw:
        raise InvalidInput(f"{where} : liste vide, au moins une discipline attendue (R15)")
    domains = {line.discipline: line.domain for line in lines if line.discipline is not None}
    seen: list[str] = []
    for code in raw:
        if not isinstance(code, str):
            raise InvalidInput(
                f"{where} : {type_name(code)} trouvé, code de discipline (texte) attendu (R15)"
            )
        if code not in domains:
            parent = next(
                (
                    line.discipline
                    for line in lines
                    if line.code == code and line.discipline is not None
                ),
                None,
            )
            part = (
                f" (sous-épreuve de la discipline {parent})"
                if parent is not None and parent != code
                else ""
            )
            raise InvalidInput(
                f"{where} : discipline « {code} » inconnue dans la spécialité{part} (R15)"
            )
        if domains[code] is not Domain.GENERAL:
            raise InvalidInput(
                f"{where} : « {code} » est une discipline du domaine "
                "professionnel ; seules celles du domaine général sont "
                "ouvertes aux épreuves de contrôle (R15)"
            )
        if code in seen:
            raise InvalidInput(f"{where} : discipline « {code} » en double (R15)")
        seen.append(code)
    return tuple(seen)


def _optional_text(data: Mapping[str, object], key: str, where: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"{where} : « {key} » doit être un texte")
    return value


def _shown(raw: object) -> str:
    return f"« {raw} »" if isinstance(raw, str) else f"de type {type_name(raw)}"
