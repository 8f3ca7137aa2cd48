"""A draft goes through two agreeing officials, a return with a comment, a fix, approval, and a second version."""

import pytest

from jobdesc.accounts.roles import Role
from jobdesc.instructions.models import JournalEntry, Status, Version
from tests.conftest import PASSWORD, make_user

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def as_user(open_page, username):
    page = open_page()
    log_in(page, username, PASSWORD)
    page.wait_for_url("**/")
    return page


def test_a_draft_is_agreed_returned_fixed_approved_and_revised(
    open_page, complete_draft, hr, lawyer, approver, organisation
):
    head = make_user(organisation, "sales-head", Role.AGREEING, "Волкова Марина")
    version_url = f"/instructions/version/{complete_draft.pk}/"

    hr_page = as_user(open_page, "hr")
    hr_page.goto(version_url)
    hr_page.check(f"input[name=officials][value='{lawyer.pk}']")
    hr_page.check(f"input[name=officials][value='{head.pk}']")
    hr_page.click("form[action$='/submit/'] [type=submit]")
    hr_page.wait_for_selector("#status:has-text('agreement'), #status:has-text('согласовании')")

    lawyer_page = as_user(open_page, "lawyer")
    lawyer_page.goto("/instructions/inbox/")
    lawyer_page.click("#to-agree a")
    lawyer_page.fill("#decision-form textarea[name=comment]", "Уточните, какие отчёты готовит менеджер.")
    lawyer_page.click("#decision-form button[formaction$='/return/']")
    lawyer_page.wait_for_selector("#status:has-text('draft'), #status:has-text('проект')")

    hr_page.goto(version_url)
    assert "Уточните, какие отчёты готовит менеджер." in hr_page.inner_text("#comments")
    hr_page.goto(f"/instructions/version/{complete_draft.pk}/edit/")
    item = hr_page.locator("li.item", has_text="Готовит отчёты.")
    item.locator("a[title]").first.click()
    hr_page.fill("li.item textarea[name=text]", "Готовит еженедельные отчёты о продажах.")
    hr_page.click("li.item form.edit-form button[type=submit]")
    hr_page.wait_for_selector("text=Готовит еженедельные отчёты о продажах.")
    hr_page.goto(version_url)
    # The officials of the returned round are proposed again.
    assert hr_page.is_checked(f"input[name=officials][value='{lawyer.pk}']")
    assert hr_page.is_checked(f"input[name=officials][value='{head.pk}']")
    hr_page.click("form[action$='/submit/'] [type=submit]")
    hr_page.wait_for_selector("#status:has-text('agreement'), #status:has-text('согласовании')")

    for page in (lawyer_page, as_user(open_page, "sales-head")):
        page.goto(version_url)
        page.click("#decision-form button:not([formaction])")
        page.wait_for_selector(".alert-success")

    director = as_user(open_page, "director")
    director.goto("/instructions/inbox/")
    director.click("#to-approve a")
    director.fill("#approve-form input[name=password]", PASSWORD)
    director.click("#approve-form [type=submit]")
    director.wait_for_selector("#status:has-text('approved'), #status:has-text('утвержден')")
    screenshot(director, "approved-version")
    assert Version.objects.get(pk=complete_draft.pk).status == Status.APPROVED
    assert JournalEntry.objects.get().number == 1

    hr_page.goto(version_url)
    hr_page.click("form[action$='/new-version/'] [type=submit]")
    hr_page.wait_for_url("**/edit/")
    item = hr_page.locator("li.item", has_text="Консультирует клиентов.")
    item.locator("a[title]").first.click()
    hr_page.fill("li.item textarea[name=text]", "Консультирует клиентов по телефону и почте.")
    hr_page.click("li.item form.edit-form button[type=submit]")
    hr_page.wait_for_selector("text=Консультирует клиентов по телефону и почте.")
    second = Version.objects.get(instruction=complete_draft.instruction, number=2)
    hr_page.goto(f"/instructions/version/{second.pk}/")
    hr_page.click(f"a[href='/instructions/version/{second.pk}/diff/{complete_draft.pk}/']")
    hr_page.wait_for_selector("ins.diff-added")
    assert hr_page.inner_text("#diff-duties ins.diff-added").strip() == "по телефону и почте"
    screenshot(hr_page, "diff")
