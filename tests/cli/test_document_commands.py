"""`btsdesk convocations | pv | releves | emargement | convoques FILE`."""

from __future__ import annotations

from pypdf import PdfReader

from btsdesk.app.demo import create_demo_file
from btsdesk.cli import main
from btsdesk.store.session import SessionStore


def test_pv_and_releves_from_the_command_line_r24b(tmp_path, capsys):
    session = create_demo_file(tmp_path / "jury.btsdesk")
    assert main(["pv", str(session), "--date", "2026-07-03"]) == 0
    out = capsys.readouterr().out
    pdf = tmp_path / "jury-pv_premier_groupe.pdf"
    assert str(pdf) in out
    assert "SHA-256" in out
    assert "« PROJET »" in out
    assert "PROJET" in PdfReader(pdf).pages[0].extract_text()
    # No relevé in saisie, no final PV before closing (R24b): refused, nothing recorded.
    assert main(["releves", str(session), "--out", str(tmp_path / "r.pdf")]) == 2
    assert "phase de saisie" in capsys.readouterr().err
    assert main(["pv", str(session), "--final"]) == 2
    assert "PV final refusé" in capsys.readouterr().err
    assert main(["phase", str(session), "deliberation"]) == 0
    assert main(["releves", str(session), "--out", str(tmp_path / "r.pdf")]) == 2
    assert "aucun relevé de notes à produire" in capsys.readouterr().err
    assert main(["decider", str(session), "--tous"]) == 0
    assert "en attente" in capsys.readouterr().out  # the demo's incomplet candidate
    assert main(["releves", str(session), "--out", str(tmp_path / "r.pdf")]) == 0
    out = capsys.readouterr().out
    # A relevé for every candidate whose decision is recorded and final (R24b): not for the
    # incomplet one, nor for those who wait for the orals; the others are named, on one line.
    assert len(out.splitlines()) == 1
    skipped = int(out.split("pas de relevé pour ")[1].split(" ")[0])
    assert len(PdfReader(tmp_path / "r.pdf").pages) == 40 - skipped
    assert ": incomplet" in out
    assert "décision finale pas encore enregistrée" in out
    with SessionStore.open(session, read_only=True) as store:
        kinds = [d["kind"] for d in store.documents()]
    assert kinds == ["pv_premier_groupe", "releves"]


def test_documents_are_refused_while_a_decision_is_stale_r23(tmp_path, capsys):
    session = create_demo_file(tmp_path / "jury.btsdesk")
    with SessionStore.open(session, backup=False) as store:
        store.set_phase("deliberation")
        store.record_decision("02620000002", "premier_groupe", "admis")
        store.set_grade("02620000002", "E1", 1100, reason="erreur de report")
    assert main(["pv", str(session)]) == 2
    assert "R23" in capsys.readouterr().err
    assert not (tmp_path / "jury-pv_premier_groupe.pdf").exists()


def test_a_bad_date_is_refused(tmp_path, capsys):
    session = create_demo_file(tmp_path / "jury.btsdesk")
    assert main(["convocations", str(session), "--date", "03/07/2026"]) == 2
    assert "AAAA-MM-JJ" in capsys.readouterr().err


def test_logo_and_signature_are_kept_in_the_session_and_printed(tmp_path, capsys):
    from pathlib import Path

    logo = Path(__file__).parent.parent / "data" / "logo.png"
    session = create_demo_file(tmp_path / "jury.btsdesk")
    not_an_image = tmp_path / "notes.txt"
    not_an_image.write_text("12,5", encoding="utf-8")
    assert main(["images", str(session), "--logo", str(not_an_image)]) == 2
    assert "PNG ou JPEG" in capsys.readouterr().err
    assert main(["images", str(session), "--logo", str(logo), "--signature", str(logo)]) == 0
    assert "Logo : oui ; signature : oui." in capsys.readouterr().out
    assert main(["pv", str(session), "--out", str(tmp_path / "pv.pdf")]) == 0
    assert len(PdfReader(tmp_path / "pv.pdf").pages[0].images) >= 1  # the logo
    with SessionStore.open(session, backup=False) as store:
        assert store.image("logo") == logo.read_bytes()
        assert [e.subject for e in store.audit_log() if e.action == "image"] == [
            "image/logo",
            "image/signature",
        ]


def test_fiches_de_choix_from_the_command_line(tmp_path, capsys):
    session = create_demo_file(tmp_path / "jury.btsdesk")
    assert main(["fiches-choix", str(session)]) == 2
    assert "phase de saisie" in capsys.readouterr().err
    assert not (tmp_path / "jury-fiche_choix.pdf").exists()
    assert main(["phase", str(session), "deliberation"]) == 0
    assert main(["fiches-choix", str(session), "--out", str(tmp_path / "f.pdf")]) == 0
    out = capsys.readouterr().out
    assert "SHA-256" in out
    text = PdfReader(tmp_path / "f.pdf").pages[0].extract_text()
    assert "Fiche de choix des épreuves de contrôle" in text
    with SessionStore.open(session, read_only=True) as store:
        assert [d["kind"] for d in store.documents()] == ["fiche_choix"]


def test_the_letters_signatory_and_results_notice_from_the_command_line(tmp_path, capsys):
    """§5: `btsdesk en-tete FILE [--signataire-delegue NOM] [--resultats TEXTE]`: shown
    without options (nothing written), set and logged, « aucun » back to the default;
    refused with exit 2 and the file byte-identical."""
    import hashlib

    session = create_demo_file(tmp_path / "jury.btsdesk")

    def digest() -> str:
        return hashlib.sha256(session.read_bytes()).hexdigest()

    before = digest()
    assert main(["en-tete", str(session)]) == 0
    assert capsys.readouterr().out == (
        "Signataire des lettres : la présidence du jury ; affichage des résultats : phrase "
        "tirée du centre et du dernier jour d'oral.\n"
    )
    assert digest() == before
    assert (
        main(
            [
                *("en-tete", str(session)),
                *("--signataire-delegue", "M. Jean Dupuis, IA-IPR"),
                *("--resultats", "Résultats affichés au lycée le 10 juillet 2026 à 17 h."),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == (
        "Signataire des lettres : M. Jean Dupuis, IA-IPR (pour le recteur et par "
        "délégation) ; affichage des résultats : Résultats affichés au lycée le 10 juillet "
        "2026 à 17 h.\n"
    )
    changed = digest()
    from btsdesk.store.backups import list_backups

    kept = list_backups(session)
    assert main(["en-tete", str(session), "--signataire-delegue", "M. " + "X" * 130]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "btsdesk : signataire délégué : 120 caractères au plus (nom et qualité)"
    assert digest() == changed
    assert list_backups(session) == kept  # refused before the file is opened: no backup
    assert main(["en-tete", str(session), "--signataire-delegue", "aucun"]) == 0
    assert "Signataire des lettres : la présidence du jury ;" in capsys.readouterr().out
    with SessionStore.open(session, read_only=True) as store:
        assert store.details().results_notice.endswith("à 17 h.")
        logged = [e.subject for e in store.audit_log() if e.action == "réglage"]
    assert logged == [
        "session/signatory_delegate",
        "session/results_notice",
        "session/signatory_delegate",
    ]
    assert main(["en-tete", str(tmp_path / "absent.btsdesk")]) == 2
    assert "introuvable" in capsys.readouterr().err
