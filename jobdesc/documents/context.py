"""Builds what the document template prints: requisites, the approval stamp and the filled-in clauses."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from jobdesc.grammar import placeholders
from jobdesc.grammar.inflect import inflect
from jobdesc.grammar.people import initials_surname
from jobdesc.instructions.models import Decision, Status, Visa
from jobdesc.instructions.selectors import NumberedSection, outline
from jobdesc.orgs.models import Employee

from . import verification
from .edition import facts as edition_facts

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


def build(version, sections: list[NumberedSection] | None = None) -> Document:
    """Everything the template needs, from a version loaded with `version_with_context()`."""
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
        # Estonian has no declension service here: the title is printed as written.
        title_genitive=position.form("gent") if language == "ru" else position.title,
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
