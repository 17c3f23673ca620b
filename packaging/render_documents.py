"""A sample of every printed document, from fictional data, for people to look at: writes the
PDFs and page 1 of each as a PNG (pdftoppm -r 80).

    .venv/bin/python packaging/render_documents.py [OUT_DIR]     (default out/documents)

The samples: three convocations (Mme Émilie-Françoise N'Diaye of L'Haÿ-les-Roses, a candidate
with a very long name and address, and one with a single oral), with a logo and a scanned
signature; the same without them; the liste des candidats convoqués and the feuilles
d'émargement of 40 candidates; five relevés de notes; the PV de délibération of 40 candidates
on 9 lines, first group and final; for the parcours de consolidation (§8), three proposal letters
(N'Diaye in 3 years, a very long name and « autre » measure, a student in 2 years), the summary
of the conseil de classe of a class of 32 and the indicators of the comité de suivi."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from btsdesk.core.consolidation import (
    Answer,
    BacOrigin,
    Followed,
    Level,
    Measure,
    Observations,
    Outcome,
    Proposal,
    Status,
    Student,
    indicators,
)
from btsdesk.documents import (
    attendance_sheets_pdf,
    convocations_pdf,
    convoked_list_pdf,
    deliberation_pdf,
    sha256_of,
    transcripts_pdf,
)
from btsdesk.documents.consolidation import (
    conseil_summary_pdf,
    indicators_pdf,
    proposal_letters_pdf,
)
from btsdesk.documents.fonts import fonts_dir
from btsdesk.documents.model import (
    ClassHeader,
    Convocation,
    Identity,
    OralSlot,
    ProposalLetter,
)
from btsdesk.documents.sample import (
    LINES,
    sample_convocations,
    sample_convoked_rows,
    sample_deliberation,
    sample_header,
    sample_result_rows,
)


def fictional_logo(path: Path) -> Path:
    """A made-up académie logo (not an official one): a tricolour bar and the name."""
    image = Image.new("RGB", (600, 260), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 30, 260), fill="#002395")
    draw.rectangle((30, 0, 60, 260), fill="white")
    draw.rectangle((60, 0, 90, 260), fill="#ED2939")
    bold = ImageFont.truetype(str(fonts_dir() / "DejaVuSans-Bold.ttf"), 58)
    regular = ImageFont.truetype(str(fonts_dir() / "DejaVuSans.ttf"), 40)
    draw.text((120, 40), "ACADÉMIE", font=bold, fill="#1F3A68")
    draw.text((120, 110), "DE LYON", font=bold, fill="#1F3A68")
    draw.text((120, 190), "exemple fictif", font=regular, fill="#777777")
    image.save(path)
    return path


def fictional_signature(path: Path) -> Path:
    image = Image.new("RGBA", (500, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = [
        (20, 110),
        (60, 40),
        (90, 120),
        (130, 50),
        (170, 115),
        (210, 60),
        (260, 100),
        (320, 70),
        (380, 95),
        (470, 60),
    ]
    draw.line(points, fill=(20, 30, 90, 255), width=6, joint="curve")
    draw.line([(60, 130), (420, 125)], fill=(20, 30, 90, 255), width=4)
    image.save(path)
    return path


def convocation_samples() -> list[Convocation]:
    letters = sample_convocations(3)
    long_one = replace(
        letters[1],
        identity=Identity(
            number="02629999999",
            civility="M.",
            surname="de La Rochefoucauld-Montmorency d'Aubigné-Saint-Exupéry",
            given_name="Jean-Baptiste Marie-Emmanuel Athanase",
            birth_date=date(2004, 2, 29),
            address=(
                "Appartement 1204, escalier B, résidence « Les Jardins de l'Observatoire »\n"
                "Lieu-dit La Grande Combe du Haut-Vivarais\n"
                "2 bis chemin vicinal n° 18 de la Croix-Rousse à Saint-Just-Saint-Rambert\n"
                "Boîte postale 42\n"
                "42170 SAINT-JUST-SAINT-RAMBERT CEDEX 01\nFRANCE"
            ),
        ),
    )
    single = replace(
        letters[2],
        orals=(
            OralSlot(
                "E2",
                "Communication en langue vivante étrangère (anglais)",
                arrival=datetime(2026, 7, 7, 8, 45),
                preparation_start=datetime(2026, 7, 7, 9, 0),
                exam_start=datetime(2026, 7, 7, 9, 10),
                preparation_minutes=10,
                exam_minutes=10,
                room="Laboratoire de langues C-204",
            ),
        ),
    )
    return [letters[0], long_one, single]


def class_header(logo: Path | None = None, signature: Path | None = None) -> ClassHeader:
    return ClassHeader(
        etablissement="Lycée Jean-Moulin",
        address="1 place des Minimes\n69005 Lyon",
        academie="Académie de Lyon",
        year=2026,
        division="1re année BTS MCO A",
        specialty="BTS Management commercial opérationnel (MCO, 2018)",
        head="Mme Claire Fontaine",
        place="Lyon",
        logo=logo,
        signature=signature,
    )


CONSEIL = date(2026, 11, 12)


def proposal_samples() -> list[ProposalLetter]:
    ndiaye = Student(
        "C2026-001",
        "N'Diaye",
        "Émilie-Françoise",
        BacOrigin.PROFESSIONNEL,
        "Métiers du commerce et de la vente",
        Status.ETUDIANT,
    )
    long_one = Student(
        "C2026-002",
        "de La Rochefoucauld-Montmorency d'Aubigné-Saint-Exupéry",
        "Jean-Baptiste Marie-Emmanuel Athanase",
        BacOrigin.PROFESSIONNEL,
        "Métiers de l'accueil",
        Status.APPRENTI,
    )
    hugo = Student("C2026-003", "Lefèvre", "Hugo", BacOrigin.PROFESSIONNEL, "", Status.ETUDIANT)
    every = frozenset(Measure)
    return [
        ProposalLetter(
            ndiaye,
            "Résidence Les Tilleuls, bât. C\n14 avenue de la "
            "Division-Leclerc\n94240 L'HAŸ-LES-ROSES",
            CONSEIL,
            Proposal(
                True,
                frozenset(
                    {
                        Measure.GROUPES_REDUITS,
                        Measure.ACCOMPAGNEMENT_PERSONNALISE,
                        Measure.METHODOLOGIE,
                    }
                ),
                3,
                Answer.EN_ATTENTE,
            ),
            date(2026, 11, 16),
        ),
        ProposalLetter(
            long_one,
            "Appartement 1204, escalier B, résidence « Les Jardins de "
            "l'Observatoire »\nLieu-dit La Grande Combe du Haut-Vivarais\n"
            "2 bis chemin vicinal n° 18 de la Croix-Rousse\n"
            "42170 SAINT-JUST-SAINT-RAMBERT CEDEX 01",
            CONSEIL,
            Proposal(
                True,
                every,
                3,
                Answer.EN_ATTENTE,
                other_measure="tutorat par un étudiant de deuxième année et "
                "entretien mensuel avec le professeur principal",
            ),
            date(2026, 11, 16),
        ),
        ProposalLetter(
            hugo,
            "3 rue Victor-Hugo\n69003 LYON",
            CONSEIL,
            Proposal(True, frozenset({Measure.AMENAGEMENT_STAGES}), 2, Answer.EN_ATTENTE),
            date(2026, 11, 16),
        ),
    ]


def class_sample(count: int = 32, seed: int = 2026) -> list[Followed]:
    """A fictional first-year class: about half from bac pro, observations, proposals and
    outcomes drawn at random (fixed seed)."""
    rng = random.Random(seed)
    surnames = (
        "N'Diaye",
        "Lefèvre",
        "Rousseau",
        "Benali",
        "Dubois",
        "Martin",
        "Petit",
        "Durand",
        "Garcia",
        "Fournier",
        "Girard",
        "André",
        "Mercier",
        "Lambert",
        "Chevalier",
        "Nguyen",
        "Boyer",
        "Hoarau",
        "Kouassi",
        "Traoré",
        "Da Silva",
        "Le Gall",
        "Ménard",
        "Perrin",
        "Benoît",
        "Œuvray",
        "Collin",
        "Roux",
        "Morel",
        "Gérard",
        "Leroy",
        "Bernard",
    )
    given = (
        "Émilie-Françoise",
        "Hugo",
        "Chloé",
        "Yanis",
        "Inès",
        "Camille",
        "Mathis",
        "Anaïs",
        "Raphaël",
        "Maëlys",
        "Loïc",
        "Océane",
        "Jérémy",
        "Héloïse",
        "Étienne",
    )
    specialties = ("Métiers du commerce et de la vente", "Métiers de l'accueil", "Logistique", "")
    out = []
    for index in range(count):
        origin = (
            BacOrigin.PROFESSIONNEL
            if index % 2 == 0
            else rng.choice(
                [
                    BacOrigin.TECHNOLOGIQUE,
                    BacOrigin.GENERAL,
                    BacOrigin.TECHNOLOGIQUE,
                    BacOrigin.AUTRE,
                ]
            )
        )
        student = Student(
            f"C2026-{index + 1:03d}",
            surnames[index % len(surnames)],
            given[index % len(given)],
            origin,
            rng.choice(specialties) if origin is BacOrigin.PROFESSIONNEL else "",
            rng.choice([Status.ETUDIANT, Status.ETUDIANT, Status.APPRENTI]),
        )
        weights = [3, 3, 2] if origin is BacOrigin.PROFESSIONNEL else [6, 2, 1]
        levels = rng.choices(list(Level), weights=weights, k=4)
        observations = Observations(*levels)
        followed = Followed(student, observations, None, Outcome.EN_COURS)
        proposal = None
        if followed.at_risk:
            measures = frozenset(
                rng.sample([m for m in Measure if m is not Measure.AUTRE], rng.randint(1, 3))
            )
            proposal = Proposal(True, measures, rng.choice([2, 3, 3]), rng.choice(list(Answer)))
        elif index % 5 == 0:
            proposal = Proposal(False, frozenset(), 2, Answer.EN_ATTENTE)
        outcome = rng.choice(
            [
                Outcome.BTS_2_ANS,
                Outcome.BTS_3_ANS,
                Outcome.ECHEC_BTS,
                Outcome.ABANDON,
                Outcome.PASSAGE_2E_ANNEE,
                Outcome.REDOUBLEMENT,
            ]
        )
        out.append(Followed(student, observations, proposal, outcome))
    return out


def render(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    pictures = Path(tempfile.mkdtemp(prefix="btsdesk-documents-"))
    header = sample_header(
        logo=fictional_logo(pictures / "logo.png"),
        signature=fictional_signature(pictures / "signature.png"),
    )
    plain = sample_header()
    rows = sample_convoked_rows(40)
    documents = {
        "convocations": convocations_pdf(header, convocation_samples()),
        "convocations-sans-logo": convocations_pdf(plain, convocation_samples()),
        "candidats-convoques": convoked_list_pdf(header, rows),
        "emargement": attendance_sheets_pdf(header, rows),
        "releves-de-notes": transcripts_pdf(
            header, LINES, sample_result_rows(5, final=True), issued_on=date(2026, 7, 10)
        ),
        "pv-premier-groupe": deliberation_pdf(sample_deliberation(40, header=header)),
        "pv-final": deliberation_pdf(sample_deliberation(40, final=True, header=plain)),
        "propositions-parcours": proposal_letters_pdf(
            class_header(header.logo, header.signature), proposal_samples()
        ),
        "propositions-parcours-sans-logo": proposal_letters_pdf(class_header(), proposal_samples()),
        "conseil-de-classe": conseil_summary_pdf(
            class_header(header.logo, header.signature), CONSEIL, class_sample()
        ),
        "indicateurs": indicators_pdf(
            class_header(header.logo),
            indicators(class_sample()),
            "Indicateurs du parcours de consolidation — cohorte 2026",
        ),
    }
    written = []
    for name, data in documents.items():
        pdf = out / f"{name}.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(out / name),
            ],
            check=True,
        )
        written.append(pdf)
        print(
            f"{pdf}  {len(data) / 1024:.0f} Kio  sha256 {sha256_of(data)[:16]}…  → {out / name}.png"
        )
    shutil.rmtree(pictures, ignore_errors=True)
    return written


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) est introuvable", file=sys.stderr)
        return 1
    render(Path(sys.argv[1] if len(sys.argv) > 1 else "out/documents"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
