"""A sample of every printed document, from fictional data, for people to look at: writes the
PDFs and page 1 of each as a PNG (pdftoppm -r 80).

    .venv/bin/python packaging/render_documents.py [OUT_DIR]     (default out/documents)

The samples: three convocations (Mme Émilie-Françoise N'Diaye of L'Haÿ-les-Roses, a candidate
with a very long name and address, and one with a single oral), with a logo and a scanned
signature; the same without them; the liste des candidats convoqués and the feuilles
d'émargement of 40 candidates; five relevés de notes; the PV de délibération of 40 candidates
on 9 lines, first group and final."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from btsdesk.documents import (
    attendance_sheets_pdf,
    convocations_pdf,
    convoked_list_pdf,
    deliberation_pdf,
    sha256_of,
    transcripts_pdf,
)
from btsdesk.documents.fonts import fonts_dir
from btsdesk.documents.model import Convocation, Identity, OralSlot
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
    points = [(20, 110), (60, 40), (90, 120), (130, 50), (170, 115), (210, 60), (260, 100),
              (320, 70), (380, 95), (470, 60)]
    draw.line(points, fill=(20, 30, 90, 255), width=6, joint="curve")
    draw.line([(60, 130), (420, 125)], fill=(20, 30, 90, 255), width=4)
    image.save(path)
    return path


def convocation_samples() -> list[Convocation]:
    letters = sample_convocations(3)
    long_one = replace(letters[1], identity=Identity(
        number="02629999999", civility="M.",
        surname="de La Rochefoucauld-Montmorency d'Aubigné-Saint-Exupéry",
        given_name="Jean-Baptiste Marie-Emmanuel Athanase",
        birth_date=date(2004, 2, 29),
        address=("Appartement 1204, escalier B, résidence « Les Jardins de l'Observatoire »\n"
                 "Lieu-dit La Grande Combe du Haut-Vivarais\n"
                 "2 bis chemin vicinal n° 18 de la Croix-Rousse à Saint-Just-Saint-Rambert\n"
                 "Boîte postale 42\n"
                 "42170 SAINT-JUST-SAINT-RAMBERT CEDEX 01\nFRANCE")))
    single = replace(letters[2], orals=(OralSlot(
        "E2", "Communication en langue vivante étrangère (anglais)",
        arrival=datetime(2026, 7, 7, 8, 45), preparation_start=datetime(2026, 7, 7, 9, 0),
        exam_start=datetime(2026, 7, 7, 9, 10), preparation_minutes=10, exam_minutes=10,
        room="Laboratoire de langues C-204"),))
    return [letters[0], long_one, single]


def render(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    pictures = Path(tempfile.mkdtemp(prefix="btsdesk-documents-"))
    header = sample_header(logo=fictional_logo(pictures / "logo.png"),
                           signature=fictional_signature(pictures / "signature.png"))
    plain = sample_header()
    rows = sample_convoked_rows(40)
    documents = {
        "convocations": convocations_pdf(header, convocation_samples()),
        "convocations-sans-logo": convocations_pdf(plain, convocation_samples()),
        "candidats-convoques": convoked_list_pdf(header, rows),
        "emargement": attendance_sheets_pdf(header, rows),
        "releves-de-notes": transcripts_pdf(header, LINES, sample_result_rows(5, final=True),
                                            issued_on=date(2026, 7, 10)),
        "pv-premier-groupe": deliberation_pdf(sample_deliberation(40, header=header)),
        "pv-final": deliberation_pdf(sample_deliberation(40, final=True, header=plain)),
    }
    written = []
    for name, data in documents.items():
        pdf = out / f"{name}.pdf"
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(out / name)], check=True)
        written.append(pdf)
        print(f"{pdf}  {len(data) / 1024:.0f} Kio  sha256 {sha256_of(data)[:16]}…  "
              f"→ {out / name}.png")
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
