"""A person logs in, lands on the positions of their organisation and can switch the language."""

import pytest

from tests.conftest import PASSWORD

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_an_hr_officer_logs_in_and_sees_the_positions_in_russian(page, hr, position):
    log_in(page, "hr", PASSWORD)
    page.wait_for_selector("text=Менеджер по работе с клиентами")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "ООО «Ромашка»"
    assert "Должности и их инструкции" in page.inner_text("main")
    screenshot(page, "home")


def test_the_language_switch_turns_the_interface_english(page, hr, position):
    log_in(page, "hr", PASSWORD)
    page.select_option("#language-switch", "en")
    page.click("form[action='/i18n/setlang/'] button")
    page.wait_for_selector("text=Positions and their instructions")
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_wrong_password_keeps_the_user_on_the_login_page(page, hr):
    log_in(page, "hr", "wrong-password")
    assert "/accounts/login/" in page.url
    assert page.locator("input[name=username]").input_value() == "hr"
