"""Each verb's refusals: exit 2, nothing on stdout, one French line on stderr naming the
candidate and the rule, the session file byte-identical (Cli.refused checks all four)."""

from __future__ import annotations

import pytest

from btsdesk.cli import main
from tests.cli.support import Cli, digest
from tests.cli.test_day import (
    ALLARD,
    COURTOIS,
    FOUQUET,
    LABBE,
    LAROCHE,
    LE_GOFF,
    OTHERS,
    _session,
)


@pytest.fixture
def saisie(tmp_path, capsys) -> Cli:
    return _session(tmp_path, "2022", capsys)


@pytest.fixture
def deliberation(saisie: Cli) -> Cli:
    saisie.ok("jury", "ajouter", "Mme Perrin", "--qualite", "enseignant", "--president")
    saisie.ok("phase", "deliberation")
    return saisie


@pytest.fixture
def regime_2021(tmp_path, capsys) -> Cli:
    cli = _session(tmp_path, "2021", capsys)
    cli.ok("candidat", LE_GOFF, "--livret-fourni", "oui")
    return cli


def test_usage_errors_are_one_french_line(saisie):
    assert saisie.refused("jury", "ajouter", "M. Roux", "--qualite", "prof") == (
        "btsdesk : commande incorrecte (argument --qualite: choix invalide: 'prof' (au choix "
        "'enseignant', 'professionnel')). « btsdesk jury FICHIER ajouter --help » donne "
        "l'aide."
    )
    assert "choix invalide: 'fini'" in saisie.refused("phase", "fini")
    assert "arguments obligatoires manquants" in saisie.refused("note", ALLARD)


def test_jury_refusals_r25(saisie):
    saisie.ok("jury", "ajouter", "Mme Perrin", "--qualite", "enseignant", "--president")
    assert saisie.refused(
        "jury", "ajouter", "M. Noir", "--qualite", "professionnel", "--president"
    ) == ("btsdesk : le jury a déjà un président ou une présidente")
    assert saisie.refused("jury", "ajouter", "  ", "--qualite", "enseignant") == (
        "btsdesk : membre du jury : nom manquant"
    )


def test_candidate_refusals(saisie):
    assert saisie.refused("candidat", "0404") == ("btsdesk : candidat 0404 inconnu dans la session")
    assert saisie.refused("candidat", "0404", "--courriel", "x@example.org") == (
        "btsdesk : candidat 0404 inconnu dans la session"
    )
    assert "choix invalide: 'peut-être'" in saisie.refused(
        "candidat", ALLARD, "--livret-fourni", "peut-être"
    )


def test_note_refusals_r1_r2_r21(saisie):
    assert saisie.refused("note", ALLARD, "E9", "12") == (
        f"btsdesk : {ALLARD} ALLARD Victoire : épreuve « E9 » inconnue du règlement "
        "(épreuves : E1, E21, E22, E3, E41, E42, E5, E6, EF1, EF2, EF3, EE)"
    )
    assert saisie.refused("note", ALLARD, "E6", "21") == (
        f"btsdesk : {ALLARD} ALLARD Victoire : note « 21 » supérieure à 20"
    )
    assert "illisible" in saisie.refused("note", ALLARD, "E6", "12,555")
    assert "illisible" in saisie.refused("note", ALLARD, "E6", "-1")
    # "" clears a grade in saisie: no entry yet, incomplet (R2).
    assert saisie.ok("note", LABBE, "e1", "") == (
        f"{LABBE} LABBÉ Alice : E1 10,00 → (vide) ; décision proposée : incomplet"
    )
    assert saisie.ok("note", LABBE, "E1", "") == (
        f"{LABBE} LABBÉ Alice : E1 déjà à « vide » : rien à changer"
    )
    # R2: DIS on every obligatory line is refused when the last one is entered.
    other = OTHERS[0]
    for line in ("E1", "E21", "E22", "E3", "E41", "E42", "E5"):
        saisie.ok("note", other, line, "DIS")
    refusal = saisie.refused("note", other, "E6", "dis")
    assert other in refusal
    assert "DIS" in refusal
    assert "R2" in refusal
    # R21: in délibération, a reason.
    saisie.ok("phase", "deliberation")
    assert saisie.refused("note", ALLARD, "E6", "ABJ") == (
        f"btsdesk : {ALLARD} ALLARD Victoire : en délibération, changer une note exige un "
        "motif (R21)"
    )


def test_phase_refusals_r24(deliberation):
    assert deliberation.refused("phase", "saisie") == (
        "btsdesk : revenir de « délibération » à « saisie des notes » exige un motif (R24)"
    )
    refusal = deliberation.refused("phase", "clos")
    assert refusal.startswith(
        "btsdesk : clôture refusée (R24), 16 candidats à régler : "
        f"{ALLARD} ALLARD Victoire : incomplet"
    )
    assert deliberation.ok("phase", "saisie", "--motif", "notes de E6 à reprendre") == (
        "phase : saisie des notes"
    )
    assert deliberation.ok("phase", "saisie") == (
        "rien à changer : la session est déjà en phase saisie des notes"
    )


def test_livret_refusals_r20(saisie):
    assert saisie.refused("livret", ALLARD) == (
        f"btsdesk : {ALLARD} ALLARD Victoire n'a pas fourni de livret (R20)"
    )
    saisie.ok("candidat", ALLARD, "--livret-fourni", "oui")
    assert saisie.refused("livret", ALLARD) == (
        f"btsdesk : {ALLARD} ALLARD Victoire : le livret est examiné par la présidente ou le "
        "président du jury : ajoutez-le au jury d'abord (R20)"
    )


def test_autoriser_refusals_r22(regime_2021, deliberation):
    assert deliberation.refused("autoriser", FOUQUET) == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : dans ce régime, un candidat admis aux épreuves "
        "de contrôle y est autorisé de droit (R22)"
    )
    assert deliberation.refused("autoriser") == (
        "btsdesk : autoriser : indiquez un numéro de candidat, ou --tous"
    )
    assert deliberation.refused("autoriser", FOUQUET, "--tous") == (
        "btsdesk : autoriser : un numéro de candidat ou --tous, pas les deux"
    )
    assert "--non" in deliberation.refused("autoriser", "--tous", "--non")

    cli = regime_2021
    assert cli.refused("autoriser", FOUQUET) == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : les autorisations se prennent en "
        "délibération : passez d'abord en délibération (R24)"
    )
    cli.ok("phase", "deliberation")
    assert cli.refused("autoriser", LABBE) == (
        f"btsdesk : {LABBE} LABBÉ Alice : seul un candidat admis aux épreuves de contrôle "
        "peut y être autorisé (R22)"
    )
    assert cli.refused("autoriser", LE_GOFF) == (
        f"btsdesk : {LE_GOFF} LE GOFF Anouk : le jury autorise après avoir examiné le livret "
        "(R22, R20)"
    )


def test_decider_refusals_r2_r13a_r20_r23_r24(saisie):
    assert saisie.refused("decider", LABBE) == (
        f"btsdesk : {LABBE} LABBÉ Alice : les décisions se prennent en délibération : passez "
        "d'abord en délibération (R24)"
    )
    saisie.ok("candidat", COURTOIS, "--livret-fourni", "oui")
    saisie.ok("phase", "deliberation")
    assert saisie.refused("decider", ALLARD) == (
        f"btsdesk : {ALLARD} ALLARD Victoire est incomplet : saisir d'abord chaque note, ABS "
        "ou ABJ (R2)"
    )
    assert saisie.refused("decider", COURTOIS) == (
        f"btsdesk : {COURTOIS} COURTOIS Louis a fourni un livret : le jury doit l'examiner "
        "avant de l'ajourner (R20)"
    )
    assert saisie.refused("decider", LABBE, "--final") == (
        f"btsdesk : {LABBE} LABBÉ Alice n'est pas aux épreuves de contrôle : sa décision est "
        "celle du premier groupe"
    )
    saisie.ok("choix", FOUQUET, "E1", "E3")
    saisie.ok("oral", FOUQUET, "E1", "14")
    assert "R13a" in saisie.refused("decider", FOUQUET, "--final")
    saisie.ok("oral", FOUQUET, "E3", "12")
    assert saisie.refused("decider", FOUQUET, "--final") == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : enregistrez d'abord la décision du premier "
        "groupe (R23)"
    )
    assert saisie.refused("decider", "0404") == ("btsdesk : candidat 0404 inconnu dans la session")


def test_choix_refusals_r12_r15_r22(regime_2021, deliberation):
    assert deliberation.refused("choix", LABBE, "E1", "E3") == (
        f"btsdesk : {LABBE} LABBÉ Alice : décision « admis », pas d'épreuves de contrôle (R10, R14)"
    )
    assert deliberation.refused("choix", FOUQUET, "E1", "E9") == (
        f"btsdesk : candidat {FOUQUET} : oral en « E9 » : discipline non proposée (R15 : E1, "
        "E2, E3)"
    )
    assert "deux disciplines différentes (R15)" in deliberation.refused(
        "choix", FOUQUET, "E1", "e1"
    )
    deliberation.ok("renoncer", LAROCHE)
    assert deliberation.refused("choix", LAROCHE, "E1", "E3") == (
        f"btsdesk : {LAROCHE} LAROCHE Benoît a renoncé aux épreuves de contrôle (R24)"
    )

    cli = regime_2021
    cli.ok("phase", "deliberation")
    assert cli.refused("choix", FOUQUET, "E1") == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine n'est pas autorisé(e) aux épreuves de contrôle (R22)"
    )
    cli.ok("autoriser", FOUQUET)
    assert cli.refused("choix", FOUQUET, "E41") == (
        f"btsdesk : candidat {FOUQUET} : oral général en « E41 » : discipline non proposée "
        "(R12 : E1, E2, E3)"
    )


def test_oral_refusals_r13_r13a_r21(regime_2021, deliberation):
    assert deliberation.refused("oral", FOUQUET, "E1", "12") == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : choisir d'abord la discipline de l'oral (R15)"
    )
    deliberation.ok("choix", FOUQUET, "E1", "E3")
    assert deliberation.refused("oral", FOUQUET, "E2", "12") == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : choisir d'abord la discipline de l'oral (R15)"
    )
    assert deliberation.refused("oral", FOUQUET, "E1", "21") == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : note d'oral « 21 » invalide : note « 21 » "
        "supérieure à 20"
    )
    assert "illisible" in deliberation.refused("oral", FOUQUET, "E1", "douze")
    deliberation.ok("oral", FOUQUET, "E1", "absent")
    assert deliberation.refused("oral", FOUQUET, "E1", "12") == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : en délibération, changer une note d'épreuve "
        "de contrôle exige un motif (R21)"
    )
    assert deliberation.ok("oral", FOUQUET, "E1", "12", "--motif", "arrivé en retard, entendu") == (
        f"{FOUQUET} FOUQUET Antoine : oral E1 12,00 ; décision finale en attente des autres "
        "oraux (R13a)"
    )

    cli = regime_2021
    cli.ok("phase", "deliberation")
    cli.ok("autoriser", FOUQUET)
    assert cli.refused("oral", FOUQUET, "general", "12") == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : choisir d'abord la discipline de l'oral (R12)"
    )
    assert cli.refused("oral", FOUQUET, "E41", "12") == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : oral « E41 » inconnu (attendu : général ou "
        "professionnel ; R11)"
    )
    # The professional oral needs no choice (R11).
    cli.ok("choix", FOUQUET, "E1")
    assert cli.ok("oral", FOUQUET, "pro", "11") == (
        f"{FOUQUET} FOUQUET Antoine : oral domaine professionnel 11,00 ; décision finale en "
        "attente des autres oraux (R13a)"
    )


def test_a_2021_final_decision_waits_for_the_general_oral_r11_r13a(regime_2021):
    cli = regime_2021
    cli.ok("phase", "deliberation")
    cli.ok("decider", "--tous")
    cli.ok("autoriser", FOUQUET)
    # R11: two orals; the general one is not even chosen: the final decision waits (R13a).
    assert cli.ok("oral", FOUQUET, "professionnel", "11").endswith(
        "décision finale en attente des autres oraux (R13a)"
    )
    assert "R13a" in cli.refused("decider", FOUQUET, "--final")


def test_renoncer_refusals_r24(deliberation):
    assert deliberation.refused("renoncer", LABBE) == (
        f"btsdesk : {LABBE} LABBÉ Alice : décision « admis », pas d'épreuves de contrôle (R10, R14)"
    )
    deliberation.ok("choix", FOUQUET, "E1", "E3")
    deliberation.ok("oral", FOUQUET, "E1", "absent")
    assert deliberation.refused("renoncer", FOUQUET) == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine a déjà une note ou une absence d'oral : "
        "renonciation impossible"
    )
    assert deliberation.ok("renoncer", LAROCHE, "--annuler") == (
        f"{LAROCHE} LAROCHE Benoît : rien à changer"
    )


def test_planning_refusals(deliberation):
    assert deliberation.refused("planning", "proposer") == (
        "btsdesk : organisation des oraux incomplète : jours, salles et examinateurs d'abord"
    )
    assert deliberation.refused("planning", "organiser", "--jours", "32/07/2026 08:00 12:00") == (
        "btsdesk : jours, ligne 1 : « 32/07/2026 08:00 12:00 » — attendu « JJ/MM/AAAA HH:MM HH:MM »"
    )
    assert "« Nom : E1, E2 »" in deliberation.refused(
        "planning", "organiser", "--examinateurs", "Mme Martin"
    )
    deliberation.ok(
        "planning",
        "organiser",
        "--jours",
        "06/07/2026 08:00 12:00",
        "--salles",
        "B12",
        "--examinateurs",
        "Mme Martin : E1, E3",
    )
    assert deliberation.refused("planning", "proposer") == (
        "btsdesk : aucun oral à placer : choix de discipline à enregistrer d'abord"
    )
    deliberation.ok("choix", FOUQUET, "E1", "E3")
    assert deliberation.refused("planning", "deplacer", FOUQUET, "E1", "06/07/2026 10:00") == (
        f"btsdesk : candidat {FOUQUET} : oral « E1 » pas encore placé"
    )
    deliberation.ok("planning", "proposer")
    assert deliberation.refused("planning", "deplacer", FOUQUET, "E1", "demain 10h") == (
        f"btsdesk : {FOUQUET} FOUQUET Antoine : « demain 10h » : date et heure attendues, par "
        "exemple « 06/07/2026 08:30 »"
    )


def test_results_and_backups_refusals(tmp_path, saisie, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("12,5", encoding="utf-8")
    assert main(["resultats", str(text)]) == 2
    assert capsys.readouterr().err == (
        "btsdesk : « notes.txt » n'est pas une session btsdesk (ni même une base SQLite) : "
        "rien n'a été modifié\n"
    )
    assert main(["resultats", str(tmp_path / "absent.btsdesk")]) == 2
    assert "introuvable" in capsys.readouterr().err
    assert saisie.refused("backups", "--restore", "99").startswith(
        "btsdesk : sauvegarde n°99 inexistante"
    )


def test_a_restored_backup_goes_through_the_application(saisie):
    saisie.ok("note", ALLARD, "E6", "ABJ")
    code, out, _err = saisie.run("backups")
    assert code == 0
    assert "ouverture" in out.splitlines()[0]
    before = digest(saisie.session)
    said = saisie.ok("backups", "--restore", "1")  # the state before ABJ was entered
    assert said.startswith("Sauvegarde du ")
    assert "l'état précédent est gardé dans" in said
    assert digest(saisie.session) != before
    assert saisie.results()["by_number"][ALLARD]["decision"] == "incomplet"
