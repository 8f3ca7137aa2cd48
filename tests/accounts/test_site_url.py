"""`check --deploy` warns while SITE_URL still points at this machine with DEBUG off."""

from tests.test_settings import check_deploy


def test_check_deploy_warns_about_a_local_site_url():
    result = check_deploy(SITE_URL="http://127.0.0.1:8000")
    assert result.returncode != 0
    assert "jobdesc.W001" in result.stderr + result.stdout


def test_check_deploy_accepts_the_sites_real_address():
    result = check_deploy(SITE_URL="https://jobdesc.example.org")
    assert result.returncode == 0, result.stderr + result.stdout
