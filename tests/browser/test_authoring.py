"""An HR officer goes from login to a complete draft of «Менеджер по работе с клиентами» built from the library."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from jobdesc.instructions.models import Item, Version
from tests.conftest import PASSWORD

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def duties_texts(version):
    items = Item.objects.filter(section__version=version, section__kind__code="duties", parent=None)
    return list(items.order_by("order").values_list("text", flat=True))


def drag(page, source, target):
    """Drag with real mouse moves in small steps, as a person does (SortableJS reacts to the moves)."""
    source.scroll_into_view_if_needed()
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(start["x"] + 5, start["y"] - 10, steps=5)
    page.mouse.move(end["x"] + 5, end["y"] + 2, steps=20)
    page.mouse.up()


def test_an_hr_officer_builds_a_complete_draft_from_the_library(page, hr, position, lawyer):
    call_command("loaddata", "clauses", verbosity=0)
    # As `make run` does: the library's similarity vectors are computed once, before anyone starts a draft.
    call_command("index_clauses", verbosity=0)
    log_in(page, "hr", PASSWORD)
    page.click(f"a[href='/instructions/position/{position.pk}/start/']")
    page.check("input[name=method][value=library]")
    page.click("main form [type=submit]")
    page.wait_for_url("**/edit/")
    version = Version.objects.get(instruction__position=position)
    assert len(duties_texts(version)) >= 3

    # Pick one more clause from the library, searching as you type.
    rights = page.locator("#section-rights")
    rights.locator("summary").click()
    rights.locator("input[type=search]").fill("документ")
    rights.locator(".library-result").first.wait_for()
    before = version.sections.get(kind__code="rights").items.count()
    rights.locator(".library-result button").first.click()
    # Waits use locators, not wait_for_function: the page's policy forbids the eval that a string predicate needs.
    expect(rights.locator("li.item")).to_have_count(before + 1)
    # The panel stays open with its search, so the next clause is one click away.
    expect(rights.locator("input[type=search]")).to_have_value("документ")
    rights.locator(".library-result button").nth(1).click()
    expect(rights.locator("li.item")).to_have_count(before + 2)

    # Reorder by drag and drop: the third duty goes to the top.
    duties = page.locator("#section-duties")
    first_text, last_text = duties_texts(version)[0], duties_texts(version)[2]
    handles = duties.locator("li.item:not(.sub-item) .handle")
    with page.expect_response("**/items/reorder/"):
        drag(page, handles.nth(2), handles.first)
    expect(duties.locator("li.item .text").first).to_have_text(last_text)
    assert duties_texts(version)[0] == last_text
    assert duties_texts(version)[1] == first_text

    # Move up and down with the buttons as well.
    with page.expect_response("**/up/"):
        page.locator("#section-duties li.item").nth(1).locator("button[title]").first.click()
    expect(duties.locator("li.item .text").first).to_have_text(first_text)

    # The third duty becomes a sub-item of the second: numbered under it, indented, without a drag handle.
    with page.expect_response("**/indent/"):
        duties.locator("li.item").nth(2).locator("form[action$='/indent/'] button").click()
    sub_item = duties.locator("li.item.sub-item")
    expect(sub_item).to_have_count(1)
    expect(sub_item.locator(".num")).to_have_text(re.compile(r"^\d+\.2\.1\.$"))
    assert sub_item.locator(".handle").count() == 0

    # Edit a clause in place.
    target = page.locator("#section-duties li.item").first
    target.locator("a[title]").first.click()
    page.fill("li.item textarea[name=text]", "Консультирует клиентов по продукции компании.")
    page.click("li.item form.edit-form button[type=submit]")
    page.wait_for_selector("#section-duties >> text=Консультирует клиентов по продукции компании.")

    # A custom clause with a placeholder.
    page.fill("#section-duties textarea[name=text]", "Ежемесячно отчитывается перед {manager:ablt}.")
    page.click("#section-duties form[action$='/items/add/'] button[type=submit]")
    # The editor shows it as it will print; the switch shows the placeholder codes instead.
    page.wait_for_selector("#section-duties >> text=Ежемесячно отчитывается перед начальником отдела продаж.")
    assert duties_texts(version)[-1] == "Ежемесячно отчитывается перед {manager:ablt}."
    page.check("#show-codes")
    page.wait_for_selector("#section-duties >> text=Ежемесячно отчитывается перед {manager:ablt}.")
    page.uncheck("#show-codes")

    # The checks pass and the preview prints the genitive title, the filled placeholder and the numbering.
    # The save's answer carries the checks; the preview reloads once the edits pause.
    page.wait_for_selector("#checks .alert-success")
    preview = page.frame_locator("#preview")
    last_clause = preview.locator("#section-duties p.clause").last
    expect(last_clause).to_contain_text("Ежемесячно отчитывается перед начальником отдела продаж.")
    assert preview.locator("h1.title").inner_text().strip() == "Менеджера по работе с клиентами"
    duties_number = preview.locator("#section-duties h2").inner_text().split(".")[0]
    first_clause = preview.locator("#section-duties p.clause").first.inner_text()
    assert first_clause.startswith(f"{duties_number}.1. Консультирует клиентов по продукции компании.")
    screenshot(page, "editor")
    page.goto(f"/instructions/version/{version.pk}/preview/")
    screenshot(page, "preview")


def test_leaving_with_unsaved_text_warns_and_keeps_it(page, hr, position):
    from jobdesc.instructions.drafting.services import start_draft

    version = start_draft(position=position, user=hr)
    log_in(page, "hr", PASSWORD)
    page.goto(f"/instructions/version/{version.pk}/edit/")
    page.fill("#section-duties textarea[name=text]", "Несохранённый пункт.")
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.click("nav a.navbar-brand", no_wait_after=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.input_value("#section-duties textarea[name=text]") == "Несохранённый пункт."


def test_a_failed_save_says_so_in_the_page_and_keeps_the_typed_text(page, hr, position):
    from jobdesc.instructions.drafting.services import start_draft

    version = start_draft(position=position, user=hr)
    log_in(page, "hr", PASSWORD)
    page.goto(f"/instructions/version/{version.pk}/edit/")
    # The server answers with an error page, as it would if it failed: nothing of it is put into the editor.
    page.route(
        "**/items/add/",
        lambda route: route.fulfill(status=500, content_type="text/html", body="<h1>Server Error (500)</h1>"),
    )
    page.fill("#section-duties textarea[name=text]", "Пункт, который не сохранился.")
    page.click("#section-duties form[action$='/items/add/'] button[type=submit]")
    expect(page.locator("#editor-alerts .alert-danger")).to_contain_text("500")
    assert page.locator("h1", has_text="Server Error").count() == 0
    assert page.input_value("#section-duties textarea[name=text]") == "Пункт, который не сохранился."
    assert not Item.objects.filter(section__version=version).exists()
    # A library panel answering in the background (a search, the panel loading as it comes into view) leaves the
    # message where it is.
    with page.expect_response(lambda response: "section=duties" in response.url and "q=" in response.url):
        page.fill("#section-duties input[type=search][name=q]", "клиент")
    page.wait_for_timeout(300)
    expect(page.locator("#editor-alerts .alert-danger")).to_contain_text("500")
    # The next action that works clears the message.
    page.unroute("**/items/add/")
    page.click("#section-duties form[action$='/items/add/'] button[type=submit]")
    expect(page.locator("#section-duties li.item .text")).to_have_text("Пункт, который не сохранился.")
    expect(page.locator("#editor-alerts .alert-danger")).to_have_count(0)
