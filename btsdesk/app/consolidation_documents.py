"""The letters and summaries of a class file (parcours de consolidation, domain.md §8): the
class file's data turned into the documents' plain data, then PDF bytes."""

from __future__ import annotations

from datetime import date

from btsdesk.core.consolidation import indicators
from btsdesk.documents.model import ClassHeader, ProposalLetter
from btsdesk.store.class_file import ClassStore
from btsdesk.store.errors import SessionFileError


def class_header(store: ClassStore) -> ClassHeader:
    details = store.details()
    return ClassHeader(
        etablissement=details.etablissement,
        address="",
        academie="",
        year=details.year,
        division=details.division,
        specialty=details.specialty_label,
        head="",
        place="",
    )  # not in the class file yet: signed by hand


def proposal_letter(
    store: ClassStore, number: str, *, issued_on: date, conseil_date: date | None = None
) -> bytes:
    """The letter proposing the parcours to one student (and family)."""
    from btsdesk.documents.consolidation import proposal_letters_pdf

    followed = {f.student.number: f for f in store.followed()}
    item = followed.get(number)
    if item is None:
        raise SessionFileError(f"étudiant {number} inconnu dans la classe")
    if item.proposal is None or not item.proposal.proposed:
        raise SessionFileError(f"étudiant {number} : pas de parcours proposé, pas de lettre")
    letter = ProposalLetter(
        student=item.student,
        address="",
        conseil_date=conseil_date or issued_on,
        proposal=item.proposal,
        issued_on=issued_on,
    )
    return proposal_letters_pdf(class_header(store), [letter])


def conseil_summary(store: ClassStore, conseil_date: date) -> bytes:
    from btsdesk.documents.consolidation import conseil_summary_pdf

    return conseil_summary_pdf(class_header(store), conseil_date, store.followed())


def indicators_document(store: ClassStore) -> bytes:
    from btsdesk.documents.consolidation import indicators_pdf

    return indicators_pdf(
        class_header(store), indicators(store.followed()), "Indicateurs pour le comité de suivi"
    )
