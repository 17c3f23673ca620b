"""``btsdesk evaluate`` on invalid input (domain.md §6 "Invalid input (exit 2)", R1, R2):
exit code 2, nothing on stdout, one French line on stderr that says what is wrong and where.

Every case is one change away from ``base()``, a session that is valid in both regimes
(checked by ``test_base_session_is_valid``), so that each case fails for its own reason."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from btsdesk.cli import main

ROOT = Path(__file__).resolve().parents[2]
NUMBER = "N-417"

Json = dict[str, Any]
Edit = Callable[[Json], None]


def base(regime: str = "2021") -> Json:
    """Σcoef 3 + 1 + 1 + 4 = 9; points 21 + 8 + 8 + 44 = 81, bonus FX 2 → 83/9 = 9,22;
    professional 11: controle in both regimes. R12 (2021): GA (3) beats GB (1 + 1 = 2)."""
    return {
        "regime": regime,
        "specialty": {
            "code": "TST",
            "name": "Spécialité de test",
            "epreuves": [
                {"code": "GA", "coefficient": "3", "domain": "general"},
                {"code": "GB1", "coefficient": "1", "domain": "general", "discipline": "GB"},
                {
                    "code": "GB2",
                    "coefficient": "1",
                    "domain": "general",
                    "discipline": "GB",
                    "mode": {"A": "ccf", "B": "ccf", "C": "ponctuel"},
                },
                {"code": "PA", "coefficient": "4", "domain": "professional"},
                {
                    "code": "FX",
                    "facultative": True,
                    "mode": {"A": "ponctuel", "B": "ponctuel", "C": "ponctuel"},
                },
            ],
        },
        "candidates": [
            {
                "number": NUMBER,
                "category": "A",
                "grades": {"GA": "7", "GB1": "8", "GB2": "8", "PA": "11", "FX": "12"},
            }
        ],
    }


VALID_ORALS = {
    "2021": {"general": {"discipline": "GA", "grade": "12"}, "professional": {"grade": "12"}},
    "2022": {"disciplines": {"GA": "12", "GB": "9"}},
}


# ---------------------------------------------------------------------------------------
# Edits of base(); DELETE removes a key; Raw puts JSON text as is (1e1, NaN, duplicate keys).

DELETE = object()


@dataclass(frozen=True)
class Raw:
    text: str


def _put(target: Json, key: str, value: object) -> None:
    if value is DELETE:
        del target[key]
    else:
        target[key] = value


def _line(data: Json, code: str) -> Json:
    return next(x for x in data["specialty"]["epreuves"] if x["code"] == code)


def top(key: str, value: object) -> Edit:
    return lambda data: _put(data, key, value)


def spec(key: str, value: object) -> Edit:
    return lambda data: _put(data["specialty"], key, value)


def line(code: str, key: str, value: object) -> Edit:
    return lambda data: _put(_line(data, code), key, value)


def add_line(new: Json) -> Edit:
    return lambda data: data["specialty"]["epreuves"].append(new)


def cand(key: str, value: object) -> Edit:
    return lambda data: _put(data["candidates"][0], key, value)


def grade(code: str, value: object) -> Edit:
    return lambda data: _put(data["candidates"][0]["grades"], code, value)


def orals(value: object) -> Edit:
    return cand("orals", value)


def duplicate_candidate(data: Json) -> None:
    data["candidates"].append(copy.deepcopy(data["candidates"][0]))


def to_text(data: Json) -> bytes:
    raws: list[str] = []

    def placeholder(value: object) -> str:
        assert isinstance(value, Raw)
        raws.append(value.text)
        return f"@@raw{len(raws) - 1}@@"

    text = json.dumps(data, ensure_ascii=False, default=placeholder)
    for index, raw in enumerate(raws):
        text = text.replace(f'"@@raw{index}@@"', raw)
    return text.encode("utf-8")


@dataclass(frozen=True)
class Case:
    needles: Sequence[str]  # what the message must contain: the place, and what is wrong
    edits: Sequence[Edit] = ()
    regime: str = "2021"
    raw: bytes | None = None  # the whole file, instead of an edited base()

    def content(self) -> bytes:
        if self.raw is not None:
            return self.raw
        data = base(self.regime)
        for edit in self.edits:
            edit(data)
        return to_text(data)


def case(*edits: Edit, needles: Sequence[str], regime: str = "2021", id: str) -> Any:
    return pytest.param(Case(needles, edits, regime), id=id)


def raw_case(raw: bytes, *, needles: Sequence[str], id: str) -> Any:
    return pytest.param(Case(needles, raw=raw), id=id)


# ---------------------------------------------------------------------------------------
# The cases

ALL_15 = {"GA": "15", "GB1": "15", "GB2": "15", "PA": "15"}
ONLY_FACULTATIVE = [{"code": "FX", "facultative": True, "coefficient": "1"}]

FILE_CASES = [
    raw_case(b'{"regime": "2021", "specialty": ', needles=["JSON", "ligne"], id="not-json"),
    raw_case(b'[{"regime": "2021"}]', needles=["objet"], id="json-not-an-object"),
    raw_case('{"regime": "2021", "nom": "Lé"}'.encode("latin-1"), needles=["UTF-8"], id="not-utf8"),
    case(grade("GA", Raw("NaN")), needles=["NaN"], id="nan"),
    case(
        cand("grades", Raw('{"GA": "7", "GB1": "8", "GB2": "8", "PA": "11", "GA": "9"}')),
        needles=["GA", "double"],
        id="duplicate-json-key",
    ),
]

STRUCTURE_CASES = [
    case(top("regime", DELETE), needles=["regime"], id="missing-regime"),
    case(top("specialty", DELETE), needles=["specialty"], id="missing-specialty"),
    case(top("candidates", DELETE), needles=["candidates"], id="missing-candidates"),
    case(spec("epreuves", DELETE), needles=["epreuves"], id="missing-epreuves"),
    case(cand("number", DELETE), needles=["number", "n°1"], id="missing-number"),
    case(top("regime", None), needles=["regime"], id="regime-null"),
    case(top("regime", 2021.0), needles=["regime"], id="regime-decimal-number"),
    case(top("specialty", "TST"), needles=["spécialité"], id="specialty-not-object"),
    case(
        spec("epreuves", {"GA": {"domain": "general"}}),
        needles=["epreuves", "liste"],
        id="epreuves-not-list",
    ),
    case(
        top("candidates", {NUMBER: {"grades": {}}}),
        needles=["candidates", "liste"],
        id="candidates-not-list",
    ),
    case(cand("grades", [["GA", "7"]]), needles=[NUMBER, "grades"], id="grades-not-object"),
    case(cand("number", 417), needles=["number", "n°1"], id="number-not-string"),
    case(cand("category", 1), needles=[NUMBER, "category"], id="category-not-string"),
    case(orals("GA"), needles=[NUMBER, "orals"], id="orals-not-object"),
    case(top("regime", "2023"), needles=["2023", "régime"], id="unknown-regime"),
    case(grade("ZZ9", "10"), needles=[NUMBER, "ZZ9"], id="unknown-epreuve-in-grades"),
    case(
        add_line({"code": "GA", "coefficient": "1", "domain": "general"}),
        needles=["GA", "double"],
        id="duplicate-line-code",
    ),
    case(duplicate_candidate, needles=[NUMBER, "double"], id="duplicate-candidate-number"),
    case(
        line("GB2", "domain", "professional"),
        needles=["GB", "domaines"],
        id="discipline-in-two-domains",
    ),
    case(
        line("GA", "domain", "generale"), needles=["GA", "domaine", "generale"], id="unknown-domain"
    ),
    case(
        line("PA", "domain", DELETE),
        needles=["PA", "domain"],
        id="missing-domain-on-obligatory-line",
    ),
    case(line("GA", "mode", "oral"), needles=["GA", "mode", "oral"], id="unknown-mode"),
    case(
        line("GB2", "mode", {"A": "oral", "B": "ccf", "C": "ponctuel"}),
        needles=["GB2", "mode", "oral"],
        id="unknown-mode-for-a-category",
    ),
    case(
        line("GB2", "mode", {"B": "ccf", "C": "ponctuel"}),
        needles=[NUMBER, "GB2", "catégorie"],
        id="category-missing-from-obligatory-mode",
    ),
    case(
        line("FX", "mode", {"B": "ponctuel", "C": "ponctuel"}),
        needles=[NUMBER, "FX", "catégorie"],
        id="category-missing-from-facultative-mode",
    ),
    case(
        spec("epreuves", ONLY_FACULTATIVE),
        cand("grades", {"FX": "12"}),
        needles=["obligatoire"],
        id="only-facultative-lines",
    ),
]

COEFFICIENTS = ["0", "-1", "abc", "3/2", "1e1", Raw("1e1"), Raw("2E0"), True, None, "", 0, "0,0"]
COEFFICIENT_CASES = [
    case(
        line("GA", "coefficient", value),
        needles=["GA", "coefficient"],
        id=f"coefficient-{value.text + '-number' if isinstance(value, Raw) else value!r}",
    )
    for value in COEFFICIENTS
] + [
    case(
        line("FX", "coefficient", "-2"),
        needles=["FX", "coefficient"],
        id="coefficient-negative-on-facultative",
    )
]

LEVELS_CASES = [
    case(
        top("general_oral_levels", value),
        needles=["general_oral_levels"],
        id=f"general_oral_levels-{value!r}",
    )
    for value in [0, -1, "1", 1.5, True, None]
]

# the last one has more than two decimals beyond Python's default 28-digit decimal context
GRADES = [
    21,
    "20,01",
    "-1",
    "1e1",
    "020",
    "12,345",
    "",
    "12.",
    "abc",
    None,
    True,
    12.345,
    [],
    {},
    "+5",
    "ABX",
    "12 5",
    -0.5,
    Raw("19.999999999999999999999999999999"),
]
GRADE_CASES = [
    case(
        grade("GA", value),
        needles=[NUMBER, "GA", "note"],
        id=f"grade-{value.text + '-number' if isinstance(value, Raw) else value!r}",
    )
    for value in GRADES
] + [
    case(grade("FX", "21"), needles=[NUMBER, "FX", "note"], id="grade-21-on-facultative"),
    case(
        cand("grades", {"GA": "DIS", "GB1": "dis", "GB2": " DIS ", "PA": "DIS", "FX": "12"}),
        needles=[NUMBER, "DIS"],
        id="every-obligatory-line-dis",
    ),
]

ORAL_CASES = [
    # regime 2021 (R11, R12)
    case(
        orals({"general": {"grade": "12"}}),
        needles=[NUMBER, "discipline"],
        id="2021-general-oral-without-discipline",
    ),
    case(
        orals({"general": {"discipline": "GB", "grade": "12"}}),
        needles=[NUMBER, "GB"],
        id="2021-general-oral-in-lower-coefficient-discipline",
    ),
    case(
        orals({"general": {"discipline": "PA", "grade": "12"}}),
        needles=[NUMBER, "PA"],
        id="2021-general-oral-in-professional-discipline",
    ),
    case(
        orals({"general": {"discipline": "ZZ9", "grade": "12"}}),
        needles=[NUMBER, "ZZ9"],
        id="2021-general-oral-in-unknown-discipline",
    ),
    case(
        orals({"general": {"discipline": "GA"}, "ecrit": {"grade": "12"}}),
        needles=[NUMBER, "ecrit"],
        id="2021-unknown-key-in-orals",
    ),
    case(
        orals({"professional": {"grade": "12", "discipline": "PA"}}),
        needles=[NUMBER, "discipline"],
        id="2021-unknown-key-in-professional-oral",
    ),
    case(
        orals({"disciplines": {"GA": "12"}}),
        needles=[NUMBER, "disciplines"],
        id="2021-orals-in-the-2022-shape",
    ),
    case(
        orals({"professional": {"grade": "ABS"}}),
        needles=[NUMBER, "ABS"],
        id="2021-code-as-oral-grade",
    ),
    case(
        orals({"professional": {"grade": "21"}}),
        needles=[NUMBER, "21"],
        id="2021-oral-grade-above-20",
    ),
    case(
        orals({"professional": {"grade": Raw("12.0000000000000000000000000000001")}}),
        needles=[NUMBER, "décimales"],
        id="2021-oral-grade-with-31-decimals",
    ),
    # regime 2022 (R15)
    case(
        orals({"disciplines": {"ZZ9": "12"}}),
        needles=[NUMBER, "ZZ9"],
        regime="2022",
        id="2022-oral-in-unknown-discipline",
    ),
    case(
        orals({"disciplines": {"GB1": "12"}}),
        needles=[NUMBER, "GB1"],
        regime="2022",
        id="2022-oral-in-sous-epreuve-code",
    ),
    case(
        orals({"disciplines": {"PA": "12"}}),
        needles=[NUMBER, "PA"],
        regime="2022",
        id="2022-oral-in-professional-discipline",
    ),
    # GB1, GB2 DIS: (21 + 44 + 2) / 7 = 9,57, professional 11: controle, GB not offered
    case(
        grade("GB1", "DIS"),
        grade("GB2", "DIS"),
        orals({"disciplines": {"GB": "12"}}),
        needles=[NUMBER, "GB"],
        regime="2022",
        id="2022-oral-in-discipline-all-dis",
    ),
    # GC 8 (coef 1): (81 + 8 + 2) / 10 = 9,1: controle, GA, GB, GC all offered
    case(
        add_line({"code": "GC", "coefficient": "1", "domain": "general"}),
        grade("GC", "8"),
        orals({"disciplines": {"GA": "12", "GB": "12", "GC": "12"}}),
        needles=[NUMBER, "disciplines"],
        regime="2022",
        id="2022-three-disciplines",
    ),
    case(
        orals({"disciplines": {"GA": "12"}, "general": {"discipline": "GA"}}),
        needles=[NUMBER, "general"],
        regime="2022",
        id="2022-unknown-key-in-orals",
    ),
    case(
        orals({"disciplines": {"GA": " abj "}}),
        needles=[NUMBER, "GA", "abj"],
        regime="2022",
        id="2022-code-as-oral-grade",
    ),
    case(
        orals({"disciplines": ["GA"]}),
        needles=[NUMBER, "disciplines"],
        regime="2022",
        id="2022-disciplines-not-object",
    ),
    # orals for a candidate whose decision is not controle
    case(
        cand("grades", ALL_15),
        orals({"professional": {"grade": "12"}}),
        needles=[NUMBER, "admis"],
        id="2021-orals-for-admis",
    ),
    case(
        grade("GA", "ABS"),
        orals(VALID_ORALS["2021"]),
        needles=[NUMBER, "ajourné"],
        id="2021-orals-for-ajourne",
    ),
    case(
        grade("PA", DELETE),
        orals(VALID_ORALS["2021"]),
        needles=[NUMBER, "incomplet"],
        id="2021-orals-for-incomplet",
    ),
    case(
        cand("grades", ALL_15),
        orals({"disciplines": {}}),
        needles=[NUMBER, "admis"],
        regime="2022",
        id="2022-empty-disciplines-for-admis",
    ),
    # all 5: 5 < 8 → ajourne (R14)
    case(
        cand("grades", dict.fromkeys(ALL_15, "5")),
        orals(VALID_ORALS["2022"]),
        needles=[NUMBER, "ajourné"],
        regime="2022",
        id="2022-orals-for-ajourne",
    ),
    case(
        grade("GB2", DELETE),
        orals(VALID_ORALS["2022"]),
        needles=[NUMBER, "incomplet"],
        regime="2022",
        id="2022-orals-for-incomplet",
    ),
]

# R15, §6: controle_disciplines is checked in both regimes (used in 2022 only).
CONTROLE_DISCIPLINES = [
    ("GA", ["controle_disciplines", "liste"], "not-a-list"),
    (None, ["controle_disciplines", "liste"], "null"),
    ([], ["controle_disciplines", "vide"], "empty"),
    (["GA", 3], ["controle_disciplines", "texte"], "not-strings"),
    (["ZZ9"], ["controle_disciplines", "ZZ9", "inconnue"], "unknown-discipline"),
    (["GB1"], ["controle_disciplines", "GB1", "sous-épreuve"], "sous-epreuve-code"),
    (["FX"], ["controle_disciplines", "FX", "inconnue"], "facultative"),
    (["PA"], ["controle_disciplines", "PA", "professionnel"], "professional-discipline"),
    (["GA", "GB", "GA"], ["controle_disciplines", "GA", "double"], "duplicate"),
]
CONTROLE_CASES = [
    case(
        spec("controle_disciplines", value),
        needles=[*needles, "R15"],
        regime=regime,
        id=f"{regime}-r15-controle_disciplines-{name}",
    )
    for regime in ("2021", "2022")
    for value, needles, name in CONTROLE_DISCIPLINES
] + [
    # R15: GA only is opened; an oral in GB is not offered
    case(
        spec("controle_disciplines", ["GA"]),
        orals(VALID_ORALS["2022"]),
        needles=[NUMBER, "GB", "R15"],
        regime="2022",
        id="2022-oral-in-discipline-not-in-controle_disciplines",
    ),
]

ALL_CASES = (
    FILE_CASES
    + STRUCTURE_CASES
    + COEFFICIENT_CASES
    + LEVELS_CASES
    + GRADE_CASES
    + ORAL_CASES
    + CONTROLE_CASES
)


# ---------------------------------------------------------------------------------------
# Checks


def assert_refused(code: int, out: str, err: str, needles: Sequence[str]) -> None:
    assert code == 2, err
    assert out == ""
    assert err.endswith("\n"), err
    assert err.count("\n") == 1, err
    message = err.rstrip("\n")
    assert "\r" not in message
    assert message.startswith("btsdesk : "), message
    for needle in needles:
        assert needle in message, (needle, message)


def evaluate_in_process(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["evaluate", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("regime", ["2021", "2022"])
@pytest.mark.parametrize("with_orals", [False, True], ids=["first-group", "with-orals"])
def test_base_session_is_valid(
    regime: str, with_orals: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = base(regime)
    if with_orals:
        data["candidates"][0]["orals"] = VALID_ORALS[regime]
    path = tmp_path / "base.json"
    path.write_bytes(to_text(data))
    code, out, err = evaluate_in_process(path, capsys)
    assert (code, err) == (0, "")
    (entry,) = json.loads(out)["candidates"]
    assert (entry["number"], entry["average_exact"], entry["decision"]) == (
        NUMBER,
        "83/9",
        "controle",
    )
    assert entry["general_oral_options"] == (["GA"] if regime == "2021" else ["GA", "GB"])
    assert ("final_decision" in entry) is with_orals


@pytest.mark.parametrize("case", ALL_CASES)
def test_invalid_input_exits_2(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "session.json"
    path.write_bytes(case.content())
    assert_refused(*evaluate_in_process(path, capsys), case.needles)


def test_file_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "absent-7731.json"
    assert_refused(*evaluate_in_process(missing, capsys), ["absent-7731.json", "introuvable"])


def test_directory_instead_of_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "dossier-7731"
    folder.mkdir()
    assert_refused(*evaluate_in_process(folder, capsys), ["dossier-7731"])


# ---------------------------------------------------------------------------------------
# A few cases through a real process: the real exit code, and stdout really empty.


def run_process(argument: str, stdin: bytes = b"") -> tuple[int, str, str]:
    completed = subprocess.run(
        [sys.executable, "-m", "btsdesk", "evaluate", argument],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert completed.stdout == b""
    return (
        completed.returncode,
        completed.stdout.decode("utf-8"),
        completed.stderr.decode("utf-8"),
    )


def test_process_not_json_on_stdin() -> None:
    assert_refused(*run_process("-", b'{"regime": 2021,'), ["JSON"])


def test_process_grade_above_20_on_stdin() -> None:
    data = base()
    data["candidates"][0]["grades"]["GA"] = "21"
    assert_refused(*run_process("-", to_text(data)), [NUMBER, "GA", "note"])


def test_process_orals_for_admis_candidate(tmp_path: Path) -> None:
    data = base("2022")
    data["candidates"][0].update(grades=ALL_15, orals=VALID_ORALS["2022"])
    path = tmp_path / "admis.json"
    path.write_bytes(to_text(data))
    assert_refused(*run_process(str(path)), [NUMBER, "admis"])


def test_process_file_that_does_not_exist(tmp_path: Path) -> None:
    assert_refused(
        *run_process(str(tmp_path / "absent-7731.json")), ["absent-7731.json", "introuvable"]
    )
