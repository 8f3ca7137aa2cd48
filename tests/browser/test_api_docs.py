"""The API's documentation page in a real browser: Swagger UI from the app's own static files, under its CSP,
authorised with a personal token made on the tokens page, calling an operation of the API."""

from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD


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
