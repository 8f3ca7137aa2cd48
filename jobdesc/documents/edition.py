"""The edition and its dates, the original's mode and the marks of electronic signatures on the document.

What `instruction.html` prints around the text: «редакция N», the edition it replaces, the date it
comes into force, the registration number and date from the journal, the drafter's line with its
date; and, per original mode, either a clean form for ink (empty signature and date lines, a paper
acknowledgement sheet with rows for the position's head count) or each approval, visa and
signature as the mark of an electronic signature (ГОСТ Р 7.0.97-2025: a framed block with
«Документ подписан электронной подписью», the signer, the kind of signature with its identifier and
the time).

Two kinds of rendering: the record, made once on approval and stored (what employees sign, so it
can never list their signatures), and a copy made today (`copy_at`), which also says whether the
edition is still in force and lists the electronic acknowledgements given since.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobdesc.grammar.people import initials_surname
from jobdesc.instructions.models import Acknowledgement, AckStatus, Decision, Status, Version, Visa
from jobdesc.instructions.record import head_count
from jobdesc.orgs.models import OriginalMode

from .errors import OriginalModeError
from .models import ExternalSignature, SignerRole

# The paper sheet always has a page of rows; a large post gets its head count and this many more.
MIN_BLANK_ROWS = 16
SPARE_ROWS = 10
# Rows of the blank sheet per page: the first page also carries the sheet's title.
FIRST_PAGE_ROWS = 16
NEXT_PAGE_ROWS = 20

WORDING = {
    "ru": {
        "edition": "Редакция {number}",
        "replaces": "Взамен редакции {number} от {date}",
        "effective": "Вводится в действие с {date}",
        "superseded": "Не действует: заменена редакцией {number} от {date}, введённой в действие с {effective}",
        "superseded_plain": "Не действует: заменена редакцией {number} от {date}",
        "withdrawn": "Не действует: инструкция отменена {date}",
        "copy_paper": "Копия на {date}. Подлинник — на бумаге, подписан собственноручно.",
        "copy_electronic": "Копия на {date}. Подлинник — электронный документ, подписан электронными подписями.",
        "mark_title": "ДОКУМЕНТ ПОДПИСАН\nЭЛЕКТРОННОЙ ПОДПИСЬЮ",
        "signer": "Подписант: {name}",
        "simple": "Простая электронная подпись",
        "simple_id": "Идентификатор: учётная запись {login}",
        "certificate": "Электронная подпись с сертификатом",
        "certificate_id": "Сертификат: {serial}",
        "valid": "Действителен с {start} по {end}",
        "fingerprint": "Отпечаток документа: {fingerprint}",
        "time": "Время подписания: {time}",
        "drafted": "Проект подготовил(а)",
        "ack_electronic": "Работники знакомятся с инструкцией, подписывая её электронной подписью.",
        "ack_record": "Подписи ставятся после утверждения этой редакции: их перечень печатается в копии "
        "на дату печати и входит в пакет электронного документа.",
        "ack_none": "Электронных подписей об ознакомлении пока нет.",
        "ack_mark": "Отметка об электронной подписи",
    },
    "et": {
        "edition": "Versioon {number}",
        "replaces": "Asendab versiooni {number}, {date}",
        "effective": "Jõustub {date}",
        "superseded": "Ei kehti: asendatud versiooniga {number}, {date}, jõustunud {effective}",
        "superseded_plain": "Ei kehti: asendatud versiooniga {number}, {date}",
        "withdrawn": "Ei kehti: ametijuhend tühistatud {date}",
        "copy_paper": "Koopia seisuga {date}. Originaal on paberil, omakäeliselt allkirjastatud.",
        "copy_electronic": "Koopia seisuga {date}. Originaal on e-dokument, allkirjastatud e-allkirjadega.",
        "mark_title": "DOKUMENT ON ALLKIRJASTATUD\nELEKTROONILISELT",
        "signer": "Allkirjastaja: {name}",
        "simple": "Lihtne e-allkiri",
        "simple_id": "Tunnus: kasutajakonto {login}",
        "certificate": "Sertifikaadiga e-allkiri",
        "certificate_id": "Sertifikaat: {serial}",
        "valid": "Kehtib {start} – {end}",
        "fingerprint": "Dokumendi sõrmejälg: {fingerprint}",
        "time": "Allkirjastamise aeg: {time}",
        "drafted": "Koostas",
        "ack_electronic": "Töötajad tutvuvad ametijuhendiga, allkirjastades selle elektrooniliselt.",
        "ack_record": "Allkirjad antakse pärast selle versiooni kinnitamist: nende loetelu trükitakse "
        "koopiale ja kuulub e-dokumendi paketti.",
        "ack_none": "Tutvumise e-allkirju veel ei ole.",
        "ack_mark": "E-allkirja märge",
    },
}


@dataclass
class SignatureMark:
    """One mark of an electronic signature, as printed in its frame: each line is one requisite."""

    title: str
    lines: list[str]


@dataclass
class VisaLine:
    position: str
    name: str
    date: str
    mark: SignatureMark | None = None


@dataclass
class AcknowledgementLine:
    number: int
    name: str
    position: str
    mark: SignatureMark


@dataclass
class Edition:
    mode: str
    electronic: bool
    edition_line: str
    replaces_line: str = ""
    effective_line: str = ""
    registration_number: str = ""
    registration_date: str = ""
    registered_line: str = ""
    drafter_date: str = ""
    approval_mark: SignatureMark | None = None
    # A copy also shows the approver's signatures with a certificate, made of the stored PDF afterwards.
    approval_certificate_marks: list[SignatureMark] = field(default_factory=list)
    visas: list[VisaLine] = field(default_factory=list)
    # A copy made today: whether the edition is still in force, and the date of the copy.
    status_note: str = ""
    copy_line: str = ""
    is_copy: bool = False
    # The electronic acknowledgement sheet (a copy lists the signatures given so far).
    acknowledgements: list[AcknowledgementLine] = field(default_factory=list)
    ack_note: str = ""
    # The paper acknowledgement sheet: row numbers, split into the pages they fill.
    blank_row_pages: list[list[int]] = field(default_factory=list)
    words: dict = field(default_factory=dict)


def original_mode(version) -> str:
    """The version's own mode once chosen (always, once approved), else its organisation's default.

    A version approved before the modes existed has none recorded: its stored PDF is a paper form.
    """
    if version.original_mode:
        return version.original_mode
    return OriginalMode.PAPER if version.is_frozen else version.instruction.organisation.original_mode


@transaction.atomic
def choose_original_mode(*, version, mode: str) -> Version:
    """Set a version's original to paper or electronic; an approved version keeps the one it was approved in."""
    if mode not in OriginalMode.values:
        raise OriginalModeError(_("Choose a paper or an electronic original."))
    locked = Version.objects.select_for_update().get(pk=version.pk)
    if locked.is_frozen:
        raise OriginalModeError(
            _("The original of an approved version is fixed with its approval; start a new version to change it.")
        )
    locked.original_mode = mode
    locked.save(update_fields=["original_mode"])
    return locked


def moment(value: datetime | None) -> str:
    """«05.06.2026 14:32 (UTC+03:00)»: the local time with its offset, as a signature's time is printed."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    offset = local.strftime("%z")
    return f"{local:%d.%m.%Y %H:%M} (UTC{offset[:3]}:{offset[3:]})"


def _date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return value.strftime("%d.%m.%Y")


def blank_row_pages(rows: int) -> list[list[int]]:
    pages, start = [], 1
    size = FIRST_PAGE_ROWS
    while start <= rows:
        end = min(rows, start + size - 1)
        pages.append(list(range(start, end + 1)))
        start, size = end + 1, NEXT_PAGE_ROWS
    return pages


def _simple_mark(words, name: str, login: str, when, fingerprint: str = "") -> SignatureMark:
    lines = [
        words["signer"].format(name=name),
        words["simple"],
        words["simple_id"].format(login=login),
    ]
    if fingerprint:
        lines.append(words["fingerprint"].format(fingerprint=fingerprint))
    lines.append(words["time"].format(time=moment(when)))
    return SignatureMark(words["mark_title"], lines)


def _certificate_mark(words, signature: ExternalSignature, name: str) -> SignatureMark:
    return SignatureMark(
        words["mark_title"],
        [
            words["signer"].format(name=signature.subject_name or name),
            words["certificate"],
            words["certificate_id"].format(serial=signature.serial),
            words["valid"].format(start=_date(signature.valid_from), end=_date(signature.valid_until)),
            words["time"].format(time=moment(signature.signing_time or signature.uploaded_at)),
        ],
    )


def _neighbours(version):
    """The edition this one replaces (the last approved before it) and the one that replaced it."""
    # One read of the instruction's approved editions, a handful: the nearest below and above this one.
    frozen = (
        Version.objects.frozen()
        .filter(instruction_id=version.instruction_id)
        .exclude(pk=version.pk)
        .select_related("journal_entry")
        .order_by("number")
    )
    editions = list(frozen)
    previous = next((edition for edition in reversed(editions) if edition.number < version.number), None)
    following = next((edition for edition in editions if edition.number > version.number), None)
    return previous, following


def _registration(entry) -> tuple[str, str]:
    return (str(entry.number), _date(entry.registered_on)) if entry is not None else ("", "")


def _document_date(version) -> str:
    """An edition's date as other documents cite it: its registration date, else its approval date."""
    entry = getattr(version, "journal_entry", None)
    return _date(entry.registered_on) if entry is not None else _date(version.approved_at)


def _visa_lines(doc, words, electronic: bool) -> list[VisaLine]:
    lines = [VisaLine(visa.position, visa.name, visa.date) for visa in doc.visas]
    if not electronic or not lines:
        return lines
    # The same visas the document prints (context._People): the last round's, in their order.
    visas = list(
        Visa.objects.filter(version=doc.version, round=doc.version.agreement_round, decision=Decision.AGREED)
        .select_related("official")
        .order_by("order", "id")
    )
    if len(visas) == len(lines):
        for line, visa in zip(lines, visas, strict=True):
            line.mark = _simple_mark(words, line.name, visa.official.get_username(), visa.decided_at)
    return lines


def _acknowledgement_lines(version, words) -> list[AcknowledgementLine]:
    """The electronic acknowledgements given so far, oldest first; a certificate signature shows its certificate."""
    signed = list(
        Acknowledgement.objects.filter(version=version, status=AckStatus.SIGNED)
        .select_related("employee__position", "signed_by")
        .order_by("signed_at", "pk")
    )
    by_certificate = {
        signature.acknowledgement_id: signature
        for signature in ExternalSignature.objects.filter(version=version, role=SignerRole.EMPLOYEE).order_by(
            "uploaded_at"
        )
    }
    lines = []
    for number, ack in enumerate(signed, start=1):
        employee = ack.employee
        # The signer as they were when they signed (the acknowledgement keeps it), not as renamed since.
        full_name = ack.signer_name or employee.full_name
        short_name = initials_surname(full_name) if ack.signer_name else employee.signature_name
        signature = by_certificate.get(ack.pk)
        if signature is not None:
            mark = _certificate_mark(words, signature, short_name)
        else:
            mark = _simple_mark(words, short_name, ack.signed_by.get_username(), ack.signed_at, ack.fingerprint)
        position = ack.signer_position if ack.signer_name else (employee.position.title if employee.position_id else "")
        lines.append(AcknowledgementLine(number, full_name, position, mark))
    return lines


def _status_note(version, words, following) -> str:
    if version.status == Status.WITHDRAWN:
        return words["withdrawn"].format(date=_date(version.withdrawn_at))
    if version.status != Status.SUPERSEDED or following is None:
        return ""
    if following.effective_date:
        return words["superseded"].format(
            number=following.number, date=_document_date(following), effective=_date(following.effective_date)
        )
    return words["superseded_plain"].format(number=following.number, date=_document_date(following))


def facts(doc, *, copy_at: datetime | None = None) -> Edition:
    """What the document prints about its edition, dates and signatures; `copy_at` makes a copy of today."""
    version = doc.version
    words = WORDING.get(doc.language, WORDING["ru"])
    mode = original_mode(version)
    # A version in work prints as a paper form with the «ПРОЕКТ» watermark, whatever its mode.
    signed = version.is_frozen
    electronic = mode == OriginalMode.ELECTRONIC and signed
    previous, following = _neighbours(version)
    number, date = _registration(getattr(version, "journal_entry", None) if signed else None)
    drafted = version.submitted_at or version.created_at
    edition = Edition(
        mode=mode,
        electronic=electronic,
        edition_line=words["edition"].format(number=version.number),
        replaces_line=(
            words["replaces"].format(number=previous.number, date=_document_date(previous)) if previous else ""
        ),
        effective_line=words["effective"].format(date=_date(version.effective_date)) if version.effective_date else "",
        registration_number=number,
        registration_date=date,
        registered_line=doc.words["registered"].format(number=number, date=date) if number else "",
        drafter_date=_date(drafted) if doc.drafter else "",
        visas=_visa_lines(doc, words, electronic),
        words=words,
    )
    if electronic and version.approved_by_id:
        edition.approval_mark = _simple_mark(
            words, doc.approver_name, version.approved_by.get_username(), version.approved_at
        )
    if copy_at is not None and signed:
        edition.is_copy = True
        edition.status_note = _status_note(version, words, following)
        edition.copy_line = words["copy_electronic" if electronic else "copy_paper"].format(date=moment(copy_at))
        if electronic:
            edition.approval_certificate_marks = [
                _certificate_mark(words, signature, doc.approver_name)
                for signature in ExternalSignature.objects.filter(version=version, role=SignerRole.APPROVER).order_by(
                    "uploaded_at"
                )
            ]
    if electronic:
        if edition.is_copy:
            edition.acknowledgements = _acknowledgement_lines(version, words)
            edition.ack_note = "" if edition.acknowledgements else words["ack_none"]
        else:
            edition.ack_note = words["ack_record"]
    else:
        edition.blank_row_pages = blank_row_pages(max(MIN_BLANK_ROWS, head_count(doc.position) + SPARE_ROWS))
    return edition
