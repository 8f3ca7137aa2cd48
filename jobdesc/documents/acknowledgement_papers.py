"""The printed papers of a campaign: a department's sheet to sign in ink, the act of refusal, the inspection export.

They are rendered like the instruction itself (WeasyPrint, the print stylesheet), from templates of their
own; the fixed words come from WORDING, one entry per document language. The pages that hand them out are
in acknowledgement_views.py; the act's PDF is stored when the refusal is recorded (`store_refusal_act`).
"""

import hashlib

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from jobdesc.grammar.people import initials_surname

from .pdf import _write

WORDING = {
    "ru": {
        "sheet_title": "ЛИСТ ОЗНАКОМЛЕНИЯ",
        "sheet_of": "с должностной инструкцией «{position}», редакция {number}",
        "department": "Подразделение: {name}",
        "no_department": "Подразделение не указано",
        "due": "Срок ознакомления: до {date}",
        "row": "№ п/п",
        "employee": "Ф.И.О. работника",
        "position": "Должность",
        "acquainted": "С инструкцией ознакомлен(а)",
        "signature": "Подпись",
        "date": "Дата",
        "already": "подписано {how} {date}",
        "electronically": "электронно",
        "on_paper": "на бумаге",
        "act_title": "АКТ",
        "act_subtitle": "об отказе работника от ознакомления с должностной инструкцией",
        "act_place_date": "{place}{date}",
        # The employee's name stays in the nominative: a full name is not inflected reliably.
        "act_body": (
            "Мы, нижеподписавшиеся, составили настоящий акт о том, что {date} работник {employee}, "
            "{holding} должность «{position}», {refused} ознакомиться под подпись с должностной инструкцией "
            "«{instruction}» (редакция {number}, утверждена {approved}) и поставить подпись в листе ознакомления."
        ),
        "holding": {"m": "занимающий", "f": "занимающая", None: "занимающий(ая)"},
        "refused_word": {"m": "отказался", "f": "отказалась", None: "отказался(ась)"},
        "act_reason": "Объяснение работника: {note}",
        "act_no_reason": "Причину отказа работник не сообщил.",
        "act_drawn_by": "Акт составил",
        "act_witnesses": "Свидетели",
        "act_read": "С актом ознакомлен(а) / от подписи отказался(ась)",
        "signature_line": "__________________",
        "export_title": "СВЕДЕНИЯ ОБ ОЗНАКОМЛЕНИИ",
        "export_of": "с должностной инструкцией «{position}», редакция {number}, утверждена {approved}",
        "status": "Статус",
        "method": "Способ",
        "time": "Время",
        "method_electronic": "простая электронная подпись, SHA-256 документа {fingerprint}",
        "method_paper": "собственноручная подпись на листе ознакомления{scan}",
        "method_scan": ", скан SHA-256 {sha}",
        "method_refused": "отказ, акт от {date}",
        "made_at": "Сформировано {date}",
    },
}


def words(language: str) -> dict:
    return WORDING.get(language, WORDING["ru"])


def _organisation(version):
    return version.instruction.organisation


def _page(template, context) -> bytes:
    return _write(render_to_string(template, {"for_print": True, **context}))


def _made_at(w):
    return w["made_at"].format(date=timezone.localtime().strftime("%d.%m.%Y %H:%M"))


def render_department_sheet(campaign, acks, department) -> bytes:
    """The sheet HR prints for a department: one row per requested employee, blank where they sign."""
    version = campaign.version
    w = words(version.language)
    rows = []
    for ack in acks:
        done = ""
        if ack.status == "signed":
            done = w["already"].format(
                how=w["electronically"], date=timezone.localtime(ack.signed_at).strftime("%d.%m.%Y")
            )
        elif ack.status == "paper":
            done = w["already"].format(how=w["on_paper"], date=ack.paper_signed_on.strftime("%d.%m.%Y"))
        rows.append({"ack": ack, "done": done})
    return _page(
        "instructions/acknowledgements/department_sheet.html",
        {
            "w": w,
            "organisation": _organisation(version),
            "heading": w["sheet_of"].format(position=version.instruction.position.title, number=version.number),
            "department": w["department"].format(name=department.name) if department else w["no_department"],
            "due": w["due"].format(date=campaign.due_date.strftime("%d.%m.%Y")),
            "rows": rows,
            "made_at": _made_at(w),
            "language": version.language,
        },
    )


def render_refusal_act(act) -> bytes:
    ack = act.acknowledgement
    version = ack.version
    organisation = _organisation(version)
    w = words(version.language)
    place = f"г. {organisation.city}, " if organisation.city else ""
    gender = ack.employee.resolved_gender
    body = w["act_body"].format(
        date=act.refused_on.strftime("%d.%m.%Y"),
        employee=ack.employee.full_name,
        position=ack.employee.position.title if ack.employee.position else version.instruction.position.title,
        instruction=version.instruction.position.title,
        number=version.number,
        approved=timezone.localtime(version.approved_at).strftime("%d.%m.%Y"),
        holding=w["holding"].get(gender, w["holding"][None]),
        refused=w["refused_word"].get(gender, w["refused_word"][None]),
    )
    return _page(
        "instructions/acknowledgements/refusal_act.html",
        {
            "w": w,
            "organisation": organisation,
            "place_date": w["act_place_date"].format(place=place, date=act.refused_on.strftime("%d.%m.%Y")),
            "body": body,
            "reason": w["act_reason"].format(note=act.note) if act.note else w["act_no_reason"],
            "drawn_by": act.recorded_by.display_name,
            "drawn_by_short": initials_surname(act.recorded_by.last_name + " " + act.recorded_by.first_name)
            if act.recorded_by.last_name
            else act.recorded_by.username,
            # As typed: «Фамилия Имя Отчество, должность».
            "witnesses": [act.witness_one, act.witness_two],
            "employee_short": initials_surname(ack.employee.full_name) or ack.employee.full_name,
            "language": version.language,
        },
    )


def store_refusal_act(sender=None, *, act, **kwargs) -> None:
    """Render the act of a refusal just recorded and store its PDF on it, in the recording's transaction
    (`instructions.signals.refusal_recorded`, connected in apps.py): a failed rendering records no refusal."""
    data = render_refusal_act(act)
    act.pdf_sha256 = hashlib.sha256(data).hexdigest()
    act.pdf.save(f"{act.acknowledgement.version_id}/{act.pdf_sha256}.pdf", ContentFile(data), save=False)
    act.save(update_fields=["pdf", "pdf_sha256"])


def method_of(ack, w, scans) -> str:
    if ack.status == "signed":
        return w["method_electronic"].format(fingerprint=ack.pdf_sha256)
    if ack.status == "paper":
        scan = scans.get(ack.pk)
        return w["method_paper"].format(scan=w["method_scan"].format(sha=scan.sha256) if scan else "")
    if ack.status == "refused" and hasattr(ack, "refusal_act"):
        return w["method_refused"].format(date=ack.refusal_act.refused_on.strftime("%d.%m.%Y"))
    return ""


def time_of(ack) -> str:
    if ack.status == "signed":
        return timezone.localtime(ack.signed_at).strftime("%d.%m.%Y %H:%M:%S")
    if ack.status == "paper":
        return ack.paper_signed_on.strftime("%d.%m.%Y")
    if ack.status == "refused":
        return timezone.localtime(ack.refused_at).strftime("%d.%m.%Y %H:%M")
    return ""


def render_inspection_export(campaign, acks, scans) -> bytes:
    """For the labour inspection: each employee of the campaign, how and when they signed."""
    version = campaign.version
    w = words(version.language)
    rows = [{"ack": ack, "time": time_of(ack), "method": method_of(ack, w, scans)} for ack in acks]
    return _page(
        "instructions/acknowledgements/inspection_export.html",
        {
            "w": w,
            "organisation": _organisation(version),
            "heading": w["export_of"].format(
                position=version.instruction.position.title,
                number=version.number,
                approved=timezone.localtime(version.approved_at).strftime("%d.%m.%Y"),
            ),
            "hash": version.pdf_sha256,
            "rows": rows,
            "made_at": _made_at(w),
            "language": version.language,
        },
    )
