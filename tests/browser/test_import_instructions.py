"""HR uploads a zip of instructions, watches the worker read it, corrects one match, confirms, and has the drafts."""

import zipfile
from pathlib import Path

import pytest

from jobdesc.instructions.models import Version
from jobdesc.library.models import ImportBatch, ImportStatus
from jobdesc.orgs.models import Position
from tests.conftest import PASSWORD
from tests.outbox.worker import run_tasks

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

EVAL = Path(__file__).resolve().parent.parent / "fixtures_import" / "eval"
FILES = {
    "Инженер-технолог.docx": "process_engineer_multilevel.docx",
    "Медсестра.rtf": "ward_nurse.rtf",
    "Водитель.html": "driver_lists.html",
}


def test_hr_imports_a_zip_of_instructions_correcting_one_match(open_page, organisation, hr, tmp_path):
    engineer = Position.objects.create(organisation=organisation, title="Инженер-технолог")
    nurse = Position.objects.create(organisation=organisation, title="Медицинская сестра палатная")
    driver = Position.objects.create(organisation=organisation, title="Водитель автомобиля")
    senior_driver = Position.objects.create(organisation=organisation, title="Старший водитель")
    archive = tmp_path / "инструкции.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, source in FILES.items():
            bundle.writestr(name, (EVAL / source).read_bytes())

    page = open_page()
    log_in(page, "hr", PASSWORD)
    page.goto("/library/")
    page.click("#import-link")
    page.set_input_files("#import-form input[type=file]", str(archive))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-progress")
    assert ImportBatch.objects.get().status == ImportStatus.QUEUED and not Version.objects.exists()
    screenshot(page, "import-progress")

    run_tasks()  # the background worker reads the upload; the page notices on its next poll
    page.wait_for_selector("#confirm-form", timeout=15_000)
    rows = page.locator("#import-report tr.import-file")
    assert rows.count() == 3
    driver_row = page.locator('tr.import-file[data-file="Водитель.html"]')
    assert driver_row.locator("select.import-position").input_value() == str(driver.pk)
    assert page.locator('tr.import-file[data-file="Медсестра.rtf"] select.import-position').input_value() == str(
        nurse.pk
    )
    # HR knows better: this file is the senior driver's instruction.
    driver_row.locator("select.import-position").select_option(str(senior_driver.pk))
    screenshot(page, "import-report")
    assert not Version.objects.exists(), "nothing is written before the confirmation"

    page.click("#confirm-import")
    page.wait_for_selector(".alert-success")
    assert page.locator("a.import-draft").count() == 3
    screenshot(page, "import-done")
    drafted = set(Version.objects.values_list("instruction__position", flat=True))
    assert drafted == {engineer.pk, nurse.pk, senior_driver.pk}
    assert not Version.objects.filter(instruction__position=driver).exists()
    page.locator("a.import-draft").first.click()
    page.wait_for_url("**/edit/")
