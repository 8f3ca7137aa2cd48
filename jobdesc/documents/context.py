"""Builds what the document template prints: requisites, the approval stamp and the filled-in clauses.

A draft is built from live data (`jobdesc.instructions.record`). An approved (later superseded or withdrawn)
version is built from the snapshot its approval wrote (`record.capture`): organisation, position, people and
the clause texts as they were, so a rename after the approval changes no copy of it, and the stored PDF,
rendered from that snapshot, agrees with every other rendering by construction.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.urls import reverse

from jobdesc.instructions.record import (
    WORDING,
    PrintedItem,
    PrintedOrganisation,
    PrintedPosition,
    PrintedSection,
    Signatory,
    live_values,
)
from jobdesc.instructions.selectors import NumberedSection

from . import verification
from .edition import facts as edition_facts


@dataclass
class Document:
    version: object
    organisation: object
    position: object
    language: str
    words: dict
    title_genitive: str
    sections: list[PrintedSection]
    is_draft: bool
    approver_position: str
    approver_name: str
    approval_date: str
    place: str
    problems: list[tuple[str, int, str]]
    registration_number: str = ""
    requisites: list[str] = field(default_factory=list)
    drafter: Signatory | None = None
    visas: list[Signatory] = field(default_factory=list)
    verification_code: str = ""
    verification_url: str = ""
    # The browser's address of the logo; the PDF renderer replaces it with the file's own URL.
    logo_url: str = ""
    blank_rows: range = range(16)
    # Fixed dates for the PDF's metadata, so that rendering the same version twice gives the same bytes.
    created_iso: str = ""
    modified_iso: str = ""
    # Set for a copy made today (edition.py): the note whether the edition is in force, the signatures so far.
    copy_at: datetime | None = None

    @cached_property
    def edition(self):
        """The edition, its dates and the signatures as the original's mode prints them (edition.py)."""
        return edition_facts(self, copy_at=self.copy_at)

    @property
    def title(self) -> str:
        """«Должностная инструкция менеджера …», for the PDF's metadata and file names."""
        return f"{self.words['kind'].capitalize()} {self.title_genitive}"

    @property
    def acknowledgement_of(self) -> str:
        return self.words["ack_of"].format(title=self.title_genitive)

    @property
    def verification_line(self) -> str:
        return self.words["verification"].format(code=self.verification_code)

    @property
    def qr_data_uri(self) -> str:
        return verification.qr_data_uri(self.verification_url) if self.verification_url else ""

    @property
    def version_line(self) -> str:
        """«редакция 2, рег. № 12 от 05.06.2026»."""
        parts = [self.words["version_line"].format(number=self.version.number)]
        if self.registration_number:
            parts.append(self.words["registered"].format(number=self.registration_number, date=self.approval_date))
        return ", ".join(parts)

    @property
    def subject(self) -> str:
        return f"{self.title}, {self.version_line}"


def build(version, sections: list[NumberedSection] | None = None) -> Document:
    """Everything the template needs, from a version loaded with `version_with_context()`.

    An approved version reads its snapshot only; `sections=[]` asks for the document without clauses
    (the signature sheet, the audit certificate).
    """
    if version.is_frozen and version.snapshot:
        return _from_snapshot(version, version.snapshot, with_sections=sections is None or bool(sections))
    return _build_live(version, sections)


def _build_live(version, sections: list[NumberedSection] | None = None) -> Document:
    code = verification.code_for(version)
    return Document(**live_values(version, sections), verification_code=code, verification_url=verification_url(code))


def _printed_item(values: dict) -> PrintedItem:
    children = [_printed_item(child) for child in values.get("children", [])]
    return PrintedItem(values["number"], values["text"], values["item_id"], values.get("problem", ""), children)


def _from_snapshot(version, snapshot: dict, *, with_sections: bool = True) -> Document:
    organisation = PrintedOrganisation(snapshot["organisation"])
    language = snapshot.get("language", version.language)
    code = verification.code_for(version)
    sections = []
    if with_sections:
        sections = [
            PrintedSection(s["number"], s["title"], s["code"], [_printed_item(item) for item in s["items"]])
            for s in snapshot.get("sections", [])
        ]
    drafter = snapshot.get("drafter")
    return Document(
        version=version,
        organisation=organisation,
        position=PrintedPosition(snapshot["position"]),
        language=language,
        words=WORDING.get(language, WORDING["ru"]),
        title_genitive=snapshot["title_genitive"],
        sections=sections,
        is_draft=False,
        approver_position=snapshot["approver_position"],
        approver_name=snapshot["approver_name"],
        approval_date=snapshot["approval_date"],
        place=snapshot["place"],
        problems=[],
        registration_number=snapshot["registration_number"],
        requisites=list(snapshot["requisites"]),
        drafter=Signatory(**drafter) if drafter else None,
        visas=[Signatory(**visa) for visa in snapshot.get("visas", [])],
        verification_code=code,
        verification_url=verification_url(code),
        logo_url=organisation.logo.url if organisation.logo else "",
        created_iso=snapshot["created_iso"],
        modified_iso=snapshot["modified_iso"],
    )


def verification_url(code: str) -> str:
    if not code:
        return ""
    return settings.SITE_URL.rstrip("/") + reverse("documents:verify", args=[code])
