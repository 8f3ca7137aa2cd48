"""Builds what the document template prints: requisites, the approval stamp and the filled-in clauses.

A draft is built from live data. An approved (later superseded or withdrawn) version is built from
the snapshot its approval wrote (`capture`): organisation, position, people and the clause texts as
they were, so a rename after the approval changes no copy of it, and the stored PDF, rendered from
that snapshot, agrees with every other rendering by construction.
"""

import hashlib
import logging
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from jobdesc.grammar import placeholders
from jobdesc.grammar.inflect import inflect
from jobdesc.grammar.people import initials_surname
from jobdesc.instructions.models import Decision, Status, Visa
from jobdesc.instructions.selectors import NumberedSection, outline, version_with_context
from jobdesc.orgs.models import Employee, Organisation, Position

from . import verification
from .edition import facts as edition_facts
from .edition import head_count as edition_head_count

logger = logging.getLogger(__name__)

# The cases a position's title is captured in: every case a placeholder or a heading may ask for.
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# What of the organisation a rendering prints (the letterhead, its requisites and the page setup).
ORGANISATION_FIELDS = (
    "full_name",
    "short_name",
    "inn",
    "kpp",
    "ogrn",
    "address",
    "city",
    "phone",
    "email",
    "head_position",
    "head_name",
    "font_size_pt",
    "margin_left_mm",
)
SNAPSHOT_SCHEMA = 1

# Fixed words of the printed form per document language; another language is another entry.
WORDING = {
    "ru": {
        "kind": "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
        "approve": "УТВЕРЖДАЮ",
        "agreed": "СОГЛАСОВАНО",
        "draft": "ПРОЕКТ",
        "city": "г. {city}",
        "acknowledged": "С инструкцией ознакомлен(а):",
        "signature": "подпись",
        "name": "И.О. Фамилия",
        "date": "дата",
        "blank_date": "«___» ____________ 20__ г.",
        "number": "№",
        "row": "№ п/п",
        "requisites": [("inn", "ИНН"), ("kpp", "КПП"), ("ogrn", "ОГРН")],
        "phone": "тел.",
        "email": "эл. почта",
        "ack_title": "ЛИСТ ОЗНАКОМЛЕНИЯ",
        "ack_of": "с должностной инструкцией {title}",
        "employee": "Ф.И.О. работника",
        "position": "Должность",
        "signature_mark": "Отметка о подписании",
        "signed_electronically": "Подписано простой электронной подписью",
        "fingerprint": "отпечаток документа",
        "not_signed": "Не подписано",
        "closed": "Не подписано: редакция заменена",
        "version_line": "редакция {number}",
        "registered": "рег. № {number} от {date}",
        "document_hash": "SHA-256 документа",
        "made_at": "Сформировано {date}",
        "verification": "Код проверки {code}",
        "verify_at": "Проверка подлинности: {url}",
    },
    "et": {
        "kind": "AMETIJUHEND",
        "approve": "KINNITAN",
        "agreed": "KOOSKÕLASTATUD",
        "draft": "PROJEKT",
        "city": "{city}",
        "acknowledged": "Ametijuhendiga tutvunud:",
        "signature": "allkiri",
        "name": "Nimi",
        "date": "kuupäev",
        "blank_date": "«___» ____________ 20__",
        "number": "nr",
        "row": "Jrk",
        "requisites": [("inn", "Registrikood")],
        "phone": "tel",
        "email": "e-post",
        "ack_title": "TUTVUMISLEHT",
        "ack_of": "Ametijuhend: {title}",
        "employee": "Töötaja nimi",
        "position": "Ametikoht",
        "signature_mark": "Allkirjastamise märge",
        "signed_electronically": "Allkirjastatud lihtsa e-allkirjaga",
        "fingerprint": "dokumendi sõrmejälg",
        "not_signed": "Allkirjastamata",
        "closed": "Allkirjastamata: versioon asendatud",
        "version_line": "versioon {number}",
        "registered": "reg nr {number}, {date}",
        "document_hash": "Dokumendi SHA-256",
        "made_at": "Koostatud {date}",
        "verification": "Kontrollkood {code}",
        "verify_at": "Ehtsuse kontroll: {url}",
    },
}


@dataclass
class PrintedItem:
    number: str
    text: str
    item_id: int
    problem: str = ""
    children: list["PrintedItem"] = field(default_factory=list)


@dataclass
class PrintedSection:
    number: int
    title: str
    code: str
    items: list[PrintedItem]


@dataclass
class Signatory:
    """One signature block: the person's position and «И.О. Фамилия», with the date once signed."""

    position: str
    name: str
    date: str = ""


class PrintedOrganisation:
    """The organisation as an approved version prints it: the captured values, and the logo if unchanged."""

    def __init__(self, values: dict):
        self.pk = values.get("id")
        for name in ORGANISATION_FIELDS:
            setattr(self, name, values.get(name, ""))
        self._logo = values.get("logo", ""), values.get("logo_sha256", "")

    @cached_property
    def logo(self):
        return _captured_logo(*self._logo)

    def __str__(self):
        return self.short_name or self.full_name


class PrintedPosition:
    """The position as an approved version prints it: its title, its case forms and its department."""

    def __init__(self, values: dict):
        self.title = values.get("title", "")
        self.department = values.get("department", "")
        self.forms = values.get("forms", {})
        # The head count the paper sheet of this edition is ruled for (0 in a snapshot from before it was kept).
        self.head_count = values.get("head_count") or 0

    def form(self, case: str = "nomn") -> str:
        return self.forms.get(case) or self.title

    def __str__(self):
        return self.title


def _captured_logo(name: str, sha256: str):
    """The logo file the approval printed, if it is still stored with the same bytes; else no logo."""
    if not name:
        return None
    stored = Organisation._meta.get_field("logo").attr_class(None, Organisation._meta.get_field("logo"), name)
    try:
        with stored.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as error:
        logger.warning("The logo %r of an approved version cannot be read: %s", name, error)
        return None
    if hashlib.sha256(data).hexdigest() != sha256:
        logger.warning("The logo %r changed since the approval; the copy prints none", name)
        return None
    return stored


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


def placeholder_values(position, organisation):
    """What each placeholder name stands for, as a function of the grammatical case."""
    values = {
        "position": position.form,
        "organisation": lambda case: organisation.short_name,
    }
    if position.reports_to_id:
        values["manager"] = position.reports_to.form
    if organisation.head_position:
        values["head_position"] = lambda case: inflect(organisation.head_position, case)
    if position.department_id:
        values["department"] = lambda case: inflect(position.department.name, case)
    return values


def title_genitive(position, language: str = "ru") -> str:
    """The position as the title names it: «кладовщика», or «кладовщика склада» when the organisation has
    another post of the same name in another department.

    Estonian has no declension service here: the title is printed as written, the department in brackets.
    """
    title = position.form("gent") if language == "ru" else position.title
    if not position.department_id:
        return title
    namesakes = Position.objects.filter(organisation_id=position.organisation_id, title=position.title)
    if not namesakes.exclude(pk=position.pk).exists():
        return title
    department = position.department.name
    return f"{title} {inflect(department, 'gent')}" if language == "ru" else f"{title} ({department})"


def build(version, sections: list[NumberedSection] | None = None) -> Document:
    """Everything the template needs, from a version loaded with `version_with_context()`.

    An approved version reads its snapshot only; `sections=[]` asks for the document without clauses
    (the signature sheet, the audit certificate).
    """
    if version.is_frozen and version.snapshot:
        return _from_snapshot(version, version.snapshot, with_sections=sections is None or bool(sections))
    return _build_live(version, sections)


def _build_live(version, sections: list[NumberedSection] | None = None) -> Document:
    instruction = version.instruction
    position, organisation = instruction.position, instruction.organisation
    sections = outline(version) if sections is None else sections
    values = placeholder_values(position, organisation)
    problems = []

    def printed(section, entry):
        try:
            text = placeholders.fill(entry.item.text, values)
            problem = ""
        except placeholders.UnfilledPlaceholder as error:
            text, problem = entry.item.text, str(error)
            problems.append((section.section.kind.code, entry.item.pk, problem))
        return PrintedItem(entry.number, text, entry.item.pk, problem)

    printed_sections = []
    for section in sections:
        items = []
        for entry in section.items:
            parent = printed(section, entry)
            parent.children = [printed(section, child) for child in entry.children]
            items.append(parent)
        printed_sections.append(PrintedSection(section.number, section.title, section.section.kind.code, items))

    language = version.language
    words = WORDING.get(language, WORDING["ru"])
    is_draft = not version.is_frozen
    people = _People(version)
    approver_name = initials_surname(organisation.head_name)
    if not is_draft and version.approved_by_id:
        approver_name = people.name(version.approved_by)
    journal_entry = getattr(version, "journal_entry", None) if not is_draft else None
    code = verification.code_for(version)
    return Document(
        version=version,
        organisation=organisation,
        position=position,
        language=language,
        words=words,
        title_genitive=title_genitive(position, language),
        sections=printed_sections,
        is_draft=is_draft,
        approver_position=organisation.head_position,
        approver_name=approver_name,
        approval_date=local_date(version.approved_at) if not is_draft else "",
        place=words["city"].format(city=organisation.city) if organisation.city else "",
        problems=problems,
        registration_number=str(journal_entry.number) if journal_entry else "",
        requisites=requisite_lines(organisation, words),
        drafter=people.signatory(version.created_by) if version.created_by_id else None,
        visas=people.visas,
        verification_code=code,
        verification_url=verification_url(code),
        logo_url=organisation.logo.url if organisation.logo else "",
        created_iso=_iso(version.created_at),
        modified_iso=_iso(version.approved_at if not is_draft else version.created_at),
    )


def capture(version) -> dict:
    """What every rendering of `version` prints, as it is now: written once, by the approval.

    The version must already carry its approval (status, approver, date) and its journal entry.
    """
    doc = _build_live(version)
    organisation, position = doc.organisation, doc.position
    values = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
    values["id"] = organisation.pk
    values["logo"], values["logo_sha256"] = "", ""
    if organisation.logo:
        try:
            with organisation.logo.open("rb") as handle:
                values["logo_sha256"] = hashlib.sha256(handle.read()).hexdigest()
            values["logo"] = organisation.logo.name
        except OSError as error:
            logger.warning("The logo of organisation %s cannot be read: %s", organisation.pk, error)
    return {
        "schema": SNAPSHOT_SCHEMA,
        "organisation": values,
        "position": {
            "title": position.title,
            "department": position.department.name if position.department_id else "",
            "forms": {case: position.form(case) for case in CASES},
            "head_count": edition_head_count(position),
        },
        "language": doc.language,
        "title_genitive": doc.title_genitive,
        "sections": [asdict(section) for section in doc.sections],
        "approver_position": doc.approver_position,
        "approver_name": doc.approver_name,
        "approval_date": doc.approval_date,
        "place": doc.place,
        "registration_number": doc.registration_number,
        "requisites": doc.requisites,
        "drafter": asdict(doc.drafter) if doc.drafter else None,
        "visas": [asdict(visa) for visa in doc.visas],
        "created_iso": doc.created_iso,
        "modified_iso": doc.modified_iso,
    }


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


def printed_names(version) -> tuple[object, object]:
    """(organisation, position) as the pages about a version print them: captured once it is approved."""
    if version.is_frozen and version.snapshot:
        return PrintedOrganisation(version.snapshot["organisation"]), PrintedPosition(version.snapshot["position"])
    return version.instruction.organisation, version.instruction.position


def local_date(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y") if moment else ""


def _iso(moment) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else ""


def verification_url(code: str) -> str:
    if not code:
        return ""
    return settings.SITE_URL.rstrip("/") + reverse("documents:verify", args=[code])


def requisite_lines(organisation, words) -> list[str]:
    """The letterhead's small print under the organisation's name: codes, address, phone and e-mail."""
    codes = ", ".join(
        f"{label}\u00a0{value}" for name, label in words["requisites"] if (value := getattr(organisation, name))
    )
    contacts = ", ".join(
        f"{label}\u00a0{value}"
        for label, value in ((words["phone"], organisation.phone), (words["email"], organisation.email))
        if value
    )
    return [line for line in (codes, organisation.address, contacts) if line]


class _People:
    """Signature blocks of the people a version names, with their Employee records fetched in one query."""

    def __init__(self, version):
        visas = []
        if version.status != Status.DRAFT:
            # The visas of the round that sent the version on; a returned round's visas are history.
            visas = list(
                Visa.objects.filter(version=version, round=version.agreement_round, decision=Decision.AGREED)
                .select_related("official")
                .order_by("order", "id")
            )
        users = [visa.official for visa in visas] + [version.created_by, version.approved_by]
        user_ids = {user.pk for user in users if user is not None}
        self.employees = {
            employee.user_id: employee
            # A person's main post wins over their part-time ones: it is the last one written.
            for employee in Employee.objects.filter(user_id__in=user_ids)
            .select_related("position")
            .order_by("-employment", "-pk")
        }
        self.visas = [replace(self.signatory(visa.official), date=local_date(visa.decided_at)) for visa in visas]

    def name(self, user) -> str:
        employee = self.employees.get(user.pk)
        if employee is not None:
            return employee.signature_name
        return initials_surname(f"{user.last_name} {user.first_name}".strip()) or user.username

    def signatory(self, user) -> Signatory:
        employee = self.employees.get(user.pk)
        position = employee.position.title if employee is not None and employee.position_id else ""
        return Signatory(position=position, name=self.name(user))


def fill_missing_snapshots(version_ids) -> int:
    """Capture the snapshot of approved versions that have none (approved before snapshots existed).

    Best available: today's data, which may already differ from what was approved; the stored PDF
    remains the record of that. Returns how many versions were filled.
    """

    filled = 0
    for version in version_with_context().select_related("journal_entry").filter(pk__in=list(version_ids)):
        if version.snapshot or not version.is_frozen:
            continue
        version.snapshot = capture(version)
        version.save(update_fields=["snapshot"])
        filled += 1
    return filled
