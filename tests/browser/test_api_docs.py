"""The API's documentation page in a real browser: Swagger UI from the app's own static files, under its CSP,
authorised with a personal token made on the tokens page, calling an operation of the API."""

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_a_person_makes_a_token_and_tries_the_api_from_its_documentation(page, hr):
    log_in(page, hr.username, PASSWORD)
    page.goto("/accounts/profile/")
    page.click("#api-tokens-link")
    page.fill("input[name=name]", "1С:ЗУП")
    page.click("input[name=create]")
    secret = page.input_value("#token-secret")
    assert secret.startswith("jd_")
    screenshot(page, "api-token-created")
    page.goto("/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "jobdesc API" in page.inner_text(".swagger-ui .info .title")
    page.click(".swagger-ui .authorize")
    page.fill(".swagger-ui .auth-container input", secret)
    page.click(".swagger-ui .auth-btn-wrapper .authorize")
    page.click(".swagger-ui .btn-done")
    operation = "#operations-organisation-get_organisation"
    page.click(f"{operation} .opblock-summary")
    page.click(f"{operation} .try-out__btn")
    page.click(f"{operation} .execute")
    page.wait_for_selector(f"{operation} .live-responses-table tbody .response-col_status")
    assert "200" in page.inner_text(f"{operation} .live-responses-table tbody .response-col_status")
    assert "Ромашка" in page.inner_text(f"{operation} .live-responses-table")
    screenshot(page, "api-docs")


def test_the_administrator_registers_a_webhook_and_sees_its_test_message_delivered(page, organisation, settings):
    from jobdesc.accounts.roles import Role
    from tests.api.test_webhooks import Receiver, verify
    from tests.conftest import make_user
    from tests.outbox.worker import run_tasks

    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    admin = make_user(organisation, "admin", Role.ADMIN, "Админова Анна")
    with Receiver([200]) as receiver:
        log_in(page, admin.username, PASSWORD)
        page.goto("/accounts/people/")
        page.click("text=Вебхуки")
        page.fill("input[name=url]", receiver.url)
        page.check("input[value='version.approved']")
        page.check("input[value='acknowledgement.signed']")
        page.click("input[name=save]")
        page.wait_for_selector("#webhook-secret")
        page.click("#webhook-test")
        page.wait_for_selector("#deliveries td code")
        run_tasks()
        page.reload()
        assert "200" in page.inner_text("#deliveries tbody tr")
    secret = page.inner_text("#webhook-secret")
    assert verify(secret, receiver.requests[0])
    screenshot(page, "api-webhook")
