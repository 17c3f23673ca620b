"""The whole jury day from the command line, in both regimes: a session made from a Cyclades
list and a grade sheet, the roster, délibération, an R21 change, the decisions, the
authorisations (regime 2021), the choices, the orals (one absent), one renonciation, the
final decisions, the livrets, closing, the final PV and ``verify``; every refusal on the way
exits 2 with one French line and the file byte-identical.

MCO 2018 (resources/reglements/mco-2018.json), every candidate in category A (Cyclades
« SCOLAIRE »): E1 3, E21 1,5, E22 1,5, E3 3 (domaine général, 9) ; E41 3, E42 3, E5 3,
E6 3 (professionnel, 12) ; Σcoef = 21 ; EF1 facultative (points above 10, R6). Ponctuel for
category A: E1, E21, E3 (général), E5 (professionnel); E22, E41, E42, E6 are CCF."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from btsdesk.cli import main
from tests.cli.support import CYCLADES, Cli, btsdesk, digest

ALLARD, COURTOIS, LABBE, MALLET = "2011557741", "2113557743", "2070557748", "2073557812"
FOUQUET, GILLET, LAROCHE, LE_GOFF = "2009557736", "2185615231", "2068557737", "2040557739"
OTHERS = (
    "2095557742",
    "2079557744",
    "2020557747",
    "2164557752",
    "2154557755",
    "2031557758",
    "2021557811",
    "2119599321",
)

# The grade sheet, « ; » separated like the grade sheets of tests/io. By hand (R5, R6, R7):
SHEET = (
    "\n".join(
        [
            "Notes BTS MCO - session 2026;;;;;;;;;;;",
            "N° candidat;Nom;Prénom;E1;E21;E22;E3;E41;E42;E5;E6;EF1",
            # E6 missing → incomplet (R2). With E6 ABJ (0): 3×12 + 1,5×12 + 1,5×12 + 3×12 = 108,
            # + 3×14 + 3×14 + 3×12 + 0 = 120 → 228 / 21 = 10,857… → 10.85 admis.
            f"{ALLARD};ALLARD;Victoire;12;12;12;12;14;14;12;;",
            # ABS at E3 → ajourné whatever the average (R2, R9); shown: 14 × 18 = 252 / 21 = 12.00.
            f"{COURTOIS};COURTOIS;Louis;14;14;14;ABS;14;14;14;14;",
            # 30 + 13,5 + 15 + 30 + 30 + 27 + 30 + 30 = 205,5 (9,78 : contrôle without EF1);
            # EF1 16 → bonus 6 (R6) → 211,5 / 21 = 10,071… → 10.07 admis.
            f"{LABBE};LABBÉ;Alice;10;9;10;10;10;9;10;10;16",
            # 81 + 33 + 33 + 33 + 29,79 = 209,79 / 21 = 9,99 exactly → contrôle (R10; R14: ≥ 8,
            # professional 128,79 / 12 = 10,73 ≥ 10). R21: E6 9,93 → 10 gives 210 / 21 = 10 → admis
            # (R4: compared exactly).
            f"{MALLET};MALLET;Vincent;9;9;9;9;11;11;11;9,93;",
            # 15 + 7,5 + 9 + 16,5 = 48 ; professional 120 (10,00 ≥ 10) → 168 / 21 = 8,00 → contrôle
            # in both regimes (R14: 8 ≤ 8,00).
            f"{FOUQUET};FOUQUET;Antoine;5;5;6;5,5;10;10;10;10;",
            # E3 5,43: 47,79 + 120 = 167,79 / 21 = 7,99 → regime 2022 ajourné (R14: < 8), regime
            # 2021 contrôle (R10: no lower bound).
            f"{GILLET};GILLET;Agathe;5;5;6;5,43;10;10;10;10;",
            # The §6 worked example without EF1: 187,5 / 21 = 8,928… → 8.92 ; professional
            # 124,5 / 12 = 10,37 → contrôle.
            f"{LAROCHE};LAROCHE;Benoît;8,5;ABJ;11;7;12;10,5;6;13;",
            # The §6 worked example: 191,5 / 21 = 9,119… → 9.11 → contrôle.
            f"{LE_GOFF};LE GOFF;Anouk;8,5;ABJ;11;7;12;10,5;6;13;14",
            # 12 everywhere: 252 / 21 = 12.00 admis.
            *(f"{number};;;12;12;12;12;12;12;12;12;" for number in OTHERS),
        ]
    )
    + "\n"
)


@pytest.fixture(params=["2021", "2022"])
def regime(request: pytest.FixtureRequest) -> str:
    return request.param


def _session(tmp_path, regime: str, capsys) -> Cli:
    session = tmp_path / f"jury-{regime}.btsdesk"
    assert (
        main(
            [
                "new",
                str(session),
                "--reglement",
                "mco-2018",
                "--regime",
                regime,
                "--year",
                "2026",
                "--operator",
                "Mme Durand",
                "--centre",
                "Lycée Jean Moulin, 1 rue de la Paix, 92000 NANTERRE",
            ]
        )
        == 0
    )
    cli = Cli(session, capsys)
    assert cli.ok("import", str(CYCLADES)).endswith("16 candidats ajoutés, 0 mis à jour")
    sheet = tmp_path / "notes.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    assert cli.ok("import", str(sheet)) == "notes.csv : 129 notes importées"
    return cli


def test_the_whole_day_from_the_command_line(tmp_path, capsys, regime):
    cli = _session(tmp_path, regime, capsys)
    by_right = regime == "2022"

    # -- saisie: the first results (§6 words, R7 strings) --------------------------------
    day = cli.results()
    assert (day["phase"], day["regime"]) == ("saisie", regime)
    got = day["by_number"]
    assert [c["number"] for c in day["candidates"]][:3] == [ALLARD, COURTOIS, LABBE]
    assert got[ALLARD] == {
        "number": ALLARD,
        "decision": "incomplet",
        "average": None,
        "final_average": None,
        "final_decision": None,
        "recorded": {"first": None, "final": None},
        "stale": False,
        "authorised": None,
        "choice": [],
        "orals": None,
        "declined": False,
    }
    assert (got[COURTOIS]["decision"], got[COURTOIS]["average"]) == ("ajourne", "12.00")
    assert (got[LABBE]["decision"], got[LABBE]["average"]) == ("admis", "10.07")
    assert (got[MALLET]["decision"], got[MALLET]["average"]) == ("controle", "9.99")
    assert (got[FOUQUET]["decision"], got[FOUQUET]["average"]) == ("controle", "8.00")
    assert (got[GILLET]["decision"], got[GILLET]["average"]) == (
        "ajourne" if by_right else "controle",
        "7.99",
    )
    assert (got[LAROCHE]["decision"], got[LAROCHE]["average"]) == ("controle", "8.92")
    assert (got[LE_GOFF]["decision"], got[LE_GOFF]["average"]) == ("controle", "9.11")
    assert all(got[n]["decision"] == "admis" and got[n]["average"] == "12.00" for n in OTHERS)
    # R22: authorised by right in regime 2022; the jury's act in regime 2021.
    assert got[FOUQUET]["authorised"] is by_right
    assert got[FOUQUET]["orals"] == ({} if by_right else {"general": None, "professional": None})

    # Two livrets (R20), an address for the window envelope.
    assert cli.ok(
        "candidat",
        COURTOIS,
        "--livret-fourni",
        "oui",
        "--civilite",
        "M.",
        "--adresse",
        "3 rue des Lilas|75011 PARIS",
    ) == (f"{COURTOIS} COURTOIS Louis : fiche mise à jour")
    cli.ok("candidat", LE_GOFF, "--livret-fourni", "oui")
    code, out, _err = cli.run("candidat", COURTOIS)
    assert code == 0
    assert "adresse : 3 rue des Lilas | 75011 PARIS" in out
    assert "livret fourni, pas encore examiné (R20)" in out

    # Refused in saisie: a relevé (R24b), an authorisation or a decision (R24).
    assert "phase de saisie" in cli.refused("releves")
    assert "R24" in cli.refused("decider", "--tous")

    # -- the roster (R25) ----------------------------------------------------------------
    assert cli.ok(
        "jury", "ajouter", "Mme Perrin", "--qualite", "enseignant", "--president"
    ).startswith("Mme Perrin ajouté(e) au jury ; attention")
    assert "D643-31 confie la présidence" in cli.ok(
        "jury", "ajouter", "M. Roux", "--qualite", "enseignant", "--statut", "public"
    )
    assert cli.ok("jury", "statut", "1", "enseignant-chercheur").startswith(
        "Mme Perrin : enseignant-chercheur ; attention : AUCUN MEMBRE DE LA PROFESSION"
    )
    said = cli.ok("jury", "ajouter", "Mme Blanc", "--qualite", "professionnel")
    assert said == (
        "Mme Blanc ajouté(e) au jury ; attention : Aucun enseignant-chercheur "
        "parmi les enseignants présents : D643-31 en demande un."
    )
    assert cli.ok("jury", "statut", "2", "enseignant-chercheur") == (
        "M. Roux : enseignant-chercheur"
    )  # D643-31 met: no warning
    cli.ok("jury", "ajouter", "M. Vert", "--qualite", "professionnel", "--absent")
    code, out, _err = cli.run("jury")
    assert code == 0
    assert out.splitlines() == [
        " 1. Mme Perrin — enseignant (enseignant-chercheur), présidence, présent(e)",
        " 2. M. Roux — enseignant (enseignant-chercheur), membre, présent(e)",
        " 3. Mme Blanc — professionnel, membre, présent(e)",
        " 4. M. Vert — professionnel, membre, absent(e)",
        "4 membres, 3 présents : la présidence, 1 enseignant (1 du public, 0 du privé, dont "
        "1 enseignant-chercheur), 1 professionnel.",
    ]
    assert "membre n°9 inconnu" in cli.refused("jury", "statut", "9", "public")

    # -- délibération ---------------------------------------------------------------------
    said = cli.ok("phase", "deliberation")
    assert said.startswith(f"phase : délibération ; attention : 1 candidat incomplet : {ALLARD}")
    # Closing too early: every candidate left to settle is named (R24).
    refusal = cli.refused("phase", "clos")
    assert "clôture refusée (R24), 16 candidats à régler" in refusal
    assert f"{ALLARD} ALLARD Victoire : incomplet" in refusal
    # A grade without a reason in délibération (R21).
    assert cli.refused("note", MALLET, "E6", "10") == (
        f"btsdesk : {MALLET} MALLET Vincent : en délibération, changer une note exige un "
        "motif (R21)"
    )
    # R21: the jury raises E6 with a reason: 210 / 21 = 10,00 → admis.
    assert cli.ok("note", MALLET, "E6", "10", "--motif", "erreur de report") == (
        f"{MALLET} MALLET Vincent : E6 9,93 → 10,00 ; décision proposée : admis (moyenne 10,00)"
    )
    assert "admis" in cli.refused("oral", MALLET, "E1", "12")  # no oral for an admis (R10, R14)

    # The first-group decisions: ALLARD is incomplet, COURTOIS's livret is unexamined (R20).
    assert cli.ok("decider", "--tous") == (
        "décisions du premier groupe : 14 décisions enregistrées ; en attente : "
        f"{ALLARD}, {COURTOIS}"
    )
    assert "R20" in cli.refused("decider", COURTOIS)
    assert cli.ok("livret", COURTOIS).startswith(
        f"{COURTOIS} COURTOIS Louis : livret examiné par Mme Perrin le "
    )
    cli.ok("decider", COURTOIS)
    # ALLARD's missing grade, completed with ABJ in délibération with a reason (R2, R21).
    assert "R21" in cli.refused("note", ALLARD, "E6", "ABJ")
    assert cli.ok("note", ALLARD, "E6", "abj", "--motif", "certificat médical") == (
        f"{ALLARD} ALLARD Victoire : E6 — → ABJ ; décision proposée : admis (moyenne 10,85)"
    )
    cli.ok("decider", ALLARD)

    # R23: a grade changed after the decision makes it stale; documents wait for it.
    cli.ok("note", COURTOIS, "E1", "15", "--motif", "erreur de report")  # 255 / 21 = 12,14
    got = cli.results()["by_number"]
    assert got[COURTOIS]["stale"] is True
    assert (got[COURTOIS]["average"], got[COURTOIS]["recorded"]["first"]) == ("12.14", "ajourne")
    assert "R23" in cli.refused("pv")
    assert cli.ok("decider", "--tous") == "décisions du premier groupe : 1 décision enregistrée"
    assert cli.results()["by_number"][COURTOIS]["stale"] is False
    said = cli.ok("pv", "--date", "2026-07-03")  # the draft (R24b)
    assert "projet marqué « PROJET »" in said
    assert "R24b" in cli.refused("pv", "--final")

    # -- the authorisations (R22) ---------------------------------------------------------
    if by_right:
        assert "R22" in cli.refused("autoriser", FOUQUET)
        assert "R22" in cli.refused("autoriser", "--tous")
    else:
        assert "R22" in cli.refused("autoriser", LABBE)  # admis: nothing to authorise
        # LE GOFF's livret first (R22 after R20); the others at once.
        assert cli.ok("autoriser", "--tous") == (
            f"3 candidats autorisés ; livret à examiner d'abord (R20) : {LE_GOFF}"
        )
        cli.ok("livret", LE_GOFF)
        assert cli.ok("autoriser", LE_GOFF) == (
            f"{LE_GOFF} LE GOFF Anouk : autorisé(e) aux épreuves de contrôle"
        )
        # GILLET (7,99) is not authorised: ajourné without orals.
        assert cli.ok("autoriser", GILLET, "--non") == (
            f"{GILLET} GILLET Agathe : non autorisé(e) aux épreuves de contrôle"
        )

    # -- the choices (R12, R15) -----------------------------------------------------------
    if by_right:
        assert "R15" in cli.refused("choix", FOUQUET, "E1")  # two disciplines
        assert "R15" in cli.refused("choix", FOUQUET, "E41", "E1")  # professional
        assert cli.ok("choix", FOUQUET, "e1", "E3") == f"{FOUQUET} FOUQUET Antoine : choix E1, E3"
        cli.ok("choix", LE_GOFF, "E1", "E2")
        general, professional = "E1", "E3"
    else:
        assert "R12" in cli.refused("choix", FOUQUET, "E41")  # professional
        assert "R12" in cli.refused("choix", FOUQUET, "E1", "E3")  # one discipline
        assert cli.ok("choix", FOUQUET, "E1") == f"{FOUQUET} FOUQUET Antoine : choix E1"
        cli.ok("choix", LE_GOFF, "E1")
        general, professional = "general", "professionnel"
    assert cli.ok("renoncer", LAROCHE) == (
        f"{LAROCHE} LAROCHE Benoît renonce aux épreuves de contrôle"
    )  # R24
    assert "renoncé" in cli.refused("choix", LAROCHE, "E1")

    # -- the planning des oraux -----------------------------------------------------------
    # Examiners by discipline; regime 2021's professional oral has none (R11).
    subjects = "E1, E2, E3" if by_right else "E1, professionnel"
    cli.ok(
        "planning",
        "organiser",
        "--jours",
        "06/07/2026 08:00 12:00",
        "07/07/2026 08:00 12:00",
        "--salles",
        "B12",
        "B14",
        "--examinateurs",
        f"Mme Martin : {subjects}",
        "M. Petit : E3",
    )
    assert cli.ok("planning", "proposer").startswith("4 oral(aux) placé(s)")
    assert cli.ok(
        "planning", "deplacer", FOUQUET, professional, "07/07/2026 10:00", "--salle", "B14"
    ).startswith(f"{FOUQUET} FOUQUET Antoine : oral déplacé")
    code, out, _err = cli.run("planning", "liste")
    assert code == 0
    assert "07/07/2026 10:00" in out
    assert "4 oral(aux) placé(s)" in out
    said = cli.ok("convocations", "--date", "2026-07-01")
    pdf = tmp_path / f"jury-{regime}-convocations.pdf"
    assert said.startswith(f"{pdf} : 2 page(s)")
    assert len(PdfReader(pdf).pages) == 2

    # -- the orals (R13, R16, R13a) -------------------------------------------------------
    assert cli.ok("oral", FOUQUET, general, "14" if by_right else "12").endswith(
        "décision finale en attente des autres oraux (R13a)"
    )
    if by_right:
        # R16: E1 5 → 14, E3 5,5 → 12: 42 + 7,5 + 9 + 36 + 120 = 214,5 / 21 = 10,21.
        assert cli.ok("oral", FOUQUET, "e3", "12") == (
            f"{FOUQUET} FOUQUET Antoine : oral E3 12,00 ; moyenne finale 10,21 : admis"
        )
    else:
        # R13: general ponctuel lines E1, E21, E3 (m = 39 / 7,5 = 5,2) at 12: 90, + E22 9;
        # professional ponctuel E5 (10) at 11: 33 + 90 → 99 + 123 = 222 / 21 = 10,57.
        assert cli.ok("oral", FOUQUET, "professionnel", "11") == (
            f"{FOUQUET} FOUQUET Antoine : oral domaine professionnel 11,00 ; moyenne "
            "finale 10,57 : admis"
        )
    cli.ok("oral", LE_GOFF, general, "13")
    said = cli.ok("oral", LE_GOFF, "E2" if by_right else professional, "absent")
    if by_right:
        # R16 with E1 only: 191,5 + 3 × (13 − 8,5) = 205 / 21 = 9,76 → ajourné.
        assert said.endswith("oral E2 absent(e) ; moyenne finale 9,76 : ajourné")
    else:
        # R13 general only: E1, E21, E3 (m = 46,5 / 7,5 = 6,2) at 13: 97,5 + E22 16,5 = 114;
        # professional 124,5; bonus 4 → 242,5 / 21 = 11,547… → 11,54 admis.
        assert said.endswith("oral domaine professionnel absent(e) ; moyenne finale 11,54 : admis")
    # Changing an oral grade in délibération needs a reason (R21).
    assert "R21" in cli.refused("oral", LE_GOFF, general, "13,5")
    assert "déjà" in cli.refused("renoncer", LE_GOFF)  # an oral already taken

    # -- the final decisions (R13a, R20, R23) ---------------------------------------------
    if by_right:
        # LE GOFF is ajourné after the orals: her livret first (R20).
        assert cli.ok("decider", "--tous", "--final") == (
            f"décisions finales : 1 décision enregistrée ; en attente : {LE_GOFF}"
        )
        cli.ok("livret", LE_GOFF)
        assert cli.ok("decider", LE_GOFF, "--final") == (
            f"{LE_GOFF} LE GOFF Anouk : décision finale « ajourné » enregistrée"
        )
    else:
        assert cli.ok("decider", "--tous", "--final") == (
            "décisions finales : 2 décisions enregistrées"
        )
    got = cli.results()["by_number"]
    assert {
        k: got[FOUQUET][k]
        for k in (
            "final_average",
            "final_decision",
            "recorded",
            "authorised",
            "choice",
            "orals",
            "stale",
        )
    } == {
        "final_average": "10.21" if by_right else "10.57",
        "final_decision": "admis",
        "recorded": {"first": "controle", "final": "admis"},
        "authorised": True,
        "choice": ["E1", "E3"] if by_right else ["E1"],
        "orals": {"E1": "14.00", "E3": "12.00"}
        if by_right
        else {"general": "12.00", "professional": "11.00"},
        "stale": False,
    }
    assert (got[LE_GOFF]["final_average"], got[LE_GOFF]["final_decision"]) == (
        ("9.76", "ajourne") if by_right else ("11.54", "admis")
    )
    assert got[LE_GOFF]["orals"] == (
        {"E1": "13.00", "E2": "absent"}
        if by_right
        else {"general": "13.00", "professional": "absent"}
    )
    assert got[LAROCHE]["declined"] is True
    assert got[LAROCHE]["final_decision"] is None
    assert got[MALLET]["decision"] == "admis"
    assert got[MALLET]["average"] == "10.00"
    if not by_right:
        assert got[GILLET]["authorised"] is False
        assert got[GILLET]["final_decision"] is None

    # -- closing, the final PV, verify ------------------------------------------------------
    assert cli.ok("phase", "clos") == "phase : clos"
    assert cli.refused("note", MALLET, "E1", "12", "--motif", "trop tard").endswith(
        "session close : une note ne peut plus changer (R24)"
    )
    said = cli.ok("pv", "--final", "--date", "2026-07-08")
    assert "PROJET" not in said
    text = "".join(
        page.extract_text() for page in PdfReader(tmp_path / f"jury-{regime}-pv_final.pdf").pages
    )
    assert "journal arrêté à l'entrée n°" in text
    assert cli.ok("releves").startswith(f"{tmp_path / f'jury-{regime}-releves.pdf'} : 16 page(s)")
    # issue 13: verify also prints the head, to compare with the signed PV's.
    assert (
        f"fichier intact, journal des modifications vérifié ({_entries(cli)} entrées ; "
        "dernière entrée n° "
    ) in cli.ok("verify")
    code, out, _err = cli.run("resultats")
    assert code == 0
    table = out.splitlines()
    assert table[0] == f"BTS MCO 2026 — régime {regime} — phase : clos — 16 candidat(s)"
    assert table[-1] == (
        "Bilan : admis 12 ; ajourné 4" if by_right else "Bilan : admis 13 ; ajourné 3"
    )

    # The same record from a child process (python -m btsdesk).
    record = cli.results()
    del record["by_number"]
    done = btsdesk("resultats", str(cli.session), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == record
    assert record["phase"] == "clos"


def _entries(cli: Cli) -> int:
    from btsdesk.store.session import SessionStore

    with SessionStore.open(cli.session, read_only=True) as store:
        return len(store.audit_log())


def test_a_refusal_from_a_child_process_is_one_french_line(tmp_path, capsys):
    cli = _session(tmp_path, "2022", capsys)
    before = digest(cli.session)
    done = btsdesk("phase", str(cli.session), "clos")
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("btsdesk : clôture refusée (R24), 16 candidats à régler")
    assert digest(cli.session) == before
    done = btsdesk("note", str(cli.session), ALLARD, "E6", "ABJ")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"{ALLARD} ALLARD Victoire : E6 — → ABJ ; décision proposée : admis (moyenne 10,85)\n"
    )
