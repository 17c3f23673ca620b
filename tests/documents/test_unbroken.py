"""§5 (issue 11): names and room labels are never broken inside a word — in the lists, the
feuilles d'émargement, the relevés and the PV — however long; the cell's text gets smaller
instead."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import datetime

from pypdf import PdfReader

from btsdesk import documents
from tests.documents.support import LINES, NDIAYE, header, result, rows_for

LONG = replace(
    NDIAYE,
    surname="de La Rochefoucauld-Montmorency",
    given_name="Marie-Charlotte Éléonore",
)
ROOM = "laboratoire/oratoire"
# a line may end after a hyphen or a slash, never inside a word
WORDS = ("ROCHEFOUCAULD", "MONTMORENCY", "Marie-Charlotte", "Éléonore", "laboratoire", "oratoire")


def _lines(data: bytes) -> str:
    """The text, each line as drawn (a word broken across two lines would show cut)."""
    return "\n".join(
        re.sub(r"[ \t\u00a0]+", " ", page.extract_text() or "")
        for page in PdfReader(io.BytesIO(data)).pages
    )


def test_lists_and_sheets_keep_names_and_rooms_whole():
    rows = rows_for([LONG], datetime(2026, 7, 6, 8, 0), ROOM)
    for data in (
        documents.convoked_list_pdf(header(), rows),
        documents.attendance_sheets_pdf(header(), rows),
    ):
        text = _lines(data)
        for word in WORDS:
            assert re.search(rf"(^|[\s/-]){word}($|[\s/-])", text, re.M), (word, text)


def test_releves_and_pv_keep_names_whole():
    from datetime import date

    from btsdesk.documents.model import Deliberation

    row = result(LONG, "9,50", "ajourné")
    text = _lines(documents.transcripts_pdf(header(), LINES, [row], date(2026, 7, 8)))
    for word in WORDS[:4]:
        assert re.search(rf"(^|[\s/-]){word}($|[\s/-])", text, re.M), (word, text)
    pv = Deliberation(
        header=header(),
        stage="premier groupe",
        held_on=date(2026, 7, 8),
        members=(),
        lines=LINES,
        rows=(row,),
        changes=(),
        counts={"ajourné": 1},
    )
    text = _lines(documents.deliberation_pdf(pv))
    for word in WORDS[:4]:
        assert re.search(rf"(^|[\s/-]){word}($|[\s/-])", text, re.M), (word, text)


def test_a_long_room_label_on_a_convocation_breaks_between_its_words():
    """« Laboratoire de langues B204 » does not fit the oral's box: it goes on two lines
    between words, never « B20 » then « 4 »."""
    from datetime import date

    from btsdesk.documents.model import Convocation
    from tests.documents.support import NDIAYE, oral

    room = "Laboratoire de langues B204"
    orals = (
        oral("E4", "Culture économique, juridique et managériale", datetime(2026, 7, 6, 8), room),
        oral("LVE", "Langue vivante étrangère", datetime(2026, 7, 6, 9), "Salle polyvalente 12"),
    )
    letter = Convocation(identity=NDIAYE, orals=orals, issued_on=date(2026, 7, 3))
    text = _lines(documents.convocations_pdf(header(), [letter]))
    for word in ("Laboratoire", "langues", "B204", "polyvalente"):
        assert re.search(rf"(^|\s){word}($|\s)", text, re.M), (word, text)
