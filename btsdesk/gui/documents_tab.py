"""Documents: each document of the session generated, previewed, printed or saved. Printing
and saving are blocked while a decision waits to be confirmed (R23). Every write (the
production noted with its SHA-256, the logo, the signature) goes through the hub."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from btsdesk.app.documents import KINDS, Produced, page_count, prepare, printing_blocked
from btsdesk.app.session import DOCUMENTS, Change
from btsdesk.core.errors import InvalidInput
from btsdesk.core.french import local_stamp
from btsdesk.gui.hub import SessionHub
from btsdesk.gui.pdf_pages import PreviewDialog
from btsdesk.gui.progress import Cancelled, run_in_background
from btsdesk.store.errors import SessionFileError
from btsdesk.store.files import read_chosen

# Shows a produced document (the preview dialog by default). Tests replace it.
ShowPreview = Callable[[str, Produced, Callable[[], str | None]], None]


class DocumentsTab(QWidget):
    def __init__(
        self,
        hub: SessionHub,
        show: ShowPreview | None = None,
        selected: Callable[[], str | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self.selected = selected  # the candidate chosen in the Candidats tab, if any
        self.show_preview = show or self._preview_dialog
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for index, (kind, title) in enumerate(KINDS.items()):
            button = QPushButton(f"{title}…")
            button.clicked.connect(lambda _=False, k=kind: self.generate(k))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[kind] = button
        row = len(KINDS) // 2 + 1
        for column, kind in enumerate(("convocations", "releves")):
            button = QPushButton(f"{KINDS[kind]} du candidat choisi…")
            button.clicked.connect(lambda _=False, k=kind: self.generate(k, only_selected=True))
            grid.addWidget(button, row, column)
        for column, (kind, title) in enumerate(
            (("logo", "Logo de l'académie…"), ("signature", "Signature numérisée…"))
        ):
            button = QPushButton(title)
            button.clicked.connect(lambda _=False, k=kind: self.choose_image(k))
            grid.addWidget(button, row + 1, column)
        # §5: who signs the letters, where and when the results are posted
        self.delegate = QLineEdit()
        self.delegate.setAccessibleName("Signataire délégué du recteur")
        self.delegate.setPlaceholderText("vide : la présidence du jury signe")
        self.results = QLineEdit()
        self.results.setAccessibleName("Affichage des résultats")
        self.results.setPlaceholderText(
            "vide : « Les résultats définitifs sont affichés au centre … »"
        )
        save_header = QPushButton("Enregistrer le signataire et l'affichage")
        save_header.clicked.connect(self.save_header)
        header_form = QFormLayout()
        header_form.addRow("Signataire (pour le recteur et par délégation) :", self.delegate)
        header_form.addRow("Affichage des résultats :", self.results)
        header_form.addRow("", save_header)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.history = QListWidget()
        self.history.setAccessibleName("Documents produits")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(header_form)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("Documents produits (date, empreinte SHA-256) :"))
        layout.addWidget(self.history)
        hub.reloaded.connect(self.refresh)
        hub.changed.connect(self._changed)
        self.refresh()

    def generate(self, kind: str, *, only_selected: bool = False) -> Produced | None:
        service = self.hub.service
        numbers = None
        if only_selected:
            number = self.selected()
            if number is None:
                self.message.setText("Choisissez d'abord un candidat dans l'onglet Candidats.")
                return None
            numbers = {number}
        try:
            build = prepare(service, kind, numbers=numbers)
            # The PDF is built off the window's thread; cancelling writes nothing anywhere.
            data = run_in_background(
                self, f"{KINDS[kind]} en cours…", lambda _report, _cancelled: build()
            )
            produced = _record(self.hub, kind, data)
        except Cancelled:
            self.message.setText(f"{KINDS[kind]} : annulé, rien n'a été produit.")
            return None
        except (InvalidInput, SessionFileError, ValueError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return None
        blocked = printing_blocked(service, kind)
        self.message.setText(
            f"{KINDS[kind]} : {produced.pages} page(s)." + (f" {blocked}" if blocked else "")
        )
        self.show_preview(KINDS[kind], produced, lambda: printing_blocked(service, kind))
        return produced

    def choose_image(self, kind: str, path: Path | None = None) -> bool:
        """The logo or the scanned signature, kept in the session file (PNG or JPEG)."""
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            name, _ = QFileDialog.getOpenFileName(self, "Image", "", "Image (*.png *.jpg *.jpeg)")
            if not name:
                return False
            path = Path(name)
        try:
            data = read_chosen(path, "utiliser comme image")
            self.hub.act(lambda s: s.set_image(kind, data))
        except (OSError, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        self.message.setText(
            f"{'Logo' if kind == 'logo' else 'Signature'} enregistré(e) dans "
            "la session ; il figurera sur les prochains documents."
        )
        return True

    def save_header(self) -> bool:
        """The signatory and the results notice (§5), kept in the session file (logged)."""
        delegate, results = self.delegate.text(), self.results.text()
        try:
            self.hub.act(
                lambda s: s.set_document_settings(
                    signatory_delegate=delegate, results_notice=results
                )
            )
        except (InvalidInput, SessionFileError) as exc:
            self.message.setText(f"Refusé : {exc}")
            return False
        who = delegate.strip() or "la présidence du jury"
        self.message.setText(
            f"Les prochaines lettres seront signées par {who} (convocations, fiches de "
            "choix, relevés)."
        )
        return True

    def refresh(self) -> None:
        details = self.hub.service.details
        self.delegate.setText(details.signatory_delegate)
        self.results.setText(details.results_notice)
        self.history.clear()
        for document in reversed(self.hub.service.documents()):
            self.history.addItem(
                f"{local_stamp(document['produced_at'])} — "
                f"{KINDS.get(document['kind'], document['kind'])} — "
                f"{document['pages']} p. — {document['sha256'][:16]}…"
            )

    def _changed(self, change: Change) -> None:
        if DOCUMENTS in change.kinds:
            self.refresh()

    def _preview_dialog(
        self, title: str, produced: Produced, can_print: Callable[[], str | None]
    ) -> None:
        PreviewDialog(title, produced.data, self, can_print=can_print).exec()


def _record(hub: SessionHub, kind: str, data: bytes) -> Produced:
    """Note the production in the session file (when, SHA-256) through the hub."""
    pages = page_count(data)
    hub.act(lambda s: s.record_document(kind, data, pages=pages))
    return Produced(kind, data, pages, hashlib.sha256(data).hexdigest())
