"""An uploaded staff file kept for its preview, and the downloadable templates of both kinds of file."""

import hashlib

from django.utils.translation import gettext as _

from jobdesc import exports

from ..models import StaffImport
from .planning import Plan, plan
from .reading import MAX_BYTES, TEMPLATE_COLUMNS, FileError, read

TEMPLATE_EXAMPLES = {
    "staff_list": [
        ["Администрация", "", "Генеральный директор", "Руководители", "1"],
        ["Отдел продаж", "Администрация", "Начальник отдела продаж", "Руководители", "1"],
        ["Отдел продаж", "Администрация", "Менеджер по работе с клиентами", "Специалисты", "4"],
    ],
    "employees": [
        [
            "0000-00001",
            "Петров Сергей Николаевич",
            "Администрация",
            "Генеральный директор",
            "Основное место работы",
            "1",
            "01.03.2020",
            "petrov@example.org",
        ],
        [
            "0000-00002",
            "Иванова Анна Сергеевна",
            "Отдел продаж",
            "Менеджер по работе с клиентами",
            "Основное место работы",
            "1",
            "15.01.2024",
            "ivanova@example.org",
        ],
        [
            "0000-00003",
            "Иванова Анна Сергеевна",
            "Отдел продаж",
            "Начальник отдела продаж",
            "Внутреннее совместительство",
            "0,5",
            "01.06.2024",
            "ivanova@example.org",
        ],
    ],
}


def upload(*, organisation, file_name: str, content: bytes, by) -> tuple[StaffImport, Plan]:
    """Read and check a file; keep it for the preview. Nothing of the organisation's staff is written here."""
    if not by.is_hr or by.organisation_id != organisation.pk:
        raise FileError(_("Only an HR officer imports staff."))
    if len(content) > MAX_BYTES:
        raise FileError(_("The file is larger than 5 MB."))
    result = plan(organisation, read(content, file_name))
    staff_import = StaffImport.objects.create(
        organisation=organisation,
        kind=result.kind,
        file_name=file_name[:255],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        plan_digest=result.digest,
        summary=result.counts,
        uploaded_by=by,
    )
    return staff_import, result


def template(kind: str, file_format: str) -> bytes:
    """A file of the kind with 1С:ЗУП's column names and three example rows to replace."""
    header, rows = TEMPLATE_COLUMNS[kind], TEMPLATE_EXAMPLES[kind]
    if file_format == "csv":
        return exports.csv_file(header, rows)
    title = "staff" if kind == "staff_list" else "employees"
    return exports.xlsx_file(header, rows, title=title, widths=exports.fit(14))
