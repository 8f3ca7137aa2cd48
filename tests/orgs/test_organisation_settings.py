"""The organisation settings page: requisites, head, document settings and a checked logo, for HR only."""

import io
import struct
import zlib

import pytest
from django.contrib.messages import ERROR, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.conftest import login

URL = reverse("orgs:settings")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def settings_data(organisation, **changes):
    data = {
        "full_name": organisation.full_name,
        "short_name": organisation.short_name,
        "inn": organisation.inn,
        "kpp": "",
        "ogrn": "",
        "address": "",
        "city": organisation.city,
        "phone": "",
        "email": "",
        "head_position": organisation.head_position,
        "head_name": organisation.head_name,
        "language": "ru",
        "font_size_pt": "14",
        "margin_left_mm": "20",
        "original_mode": organisation.original_mode,
        "review_period_months": "12",
        "ack_due_working_days": "10",
    }
    return {**data, **changes}


def png(size=(40, 20), **save_options):
    output = io.BytesIO()
    Image.new("RGB", size, "red").save(output, "PNG", **save_options)
    return output.getvalue()


def png_claiming(width, height):
    """A PNG whose header claims `width` × `height` pixels, with hardly any pixel data behind it."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def error_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == ERROR]


def test_it_shows_the_settings_to_an_hr_officer(hr_client, organisation):
    response = hr_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Петров Сергей Николаевич" in page
    assert 'enctype="multipart/form-data"' in page


def test_the_form_offers_no_ownership_fields(hr_client, organisation):
    form = hr_client.get(URL).context["form"]
    assert "users" not in form.fields
    assert "id" not in form.fields
    assert "logo" in form.fields


def test_it_saves_the_requisites_head_and_document_settings(hr_client, organisation):
    data = settings_data(
        organisation,
        kpp="770101001",
        ogrn="1027700132195",
        head_name="Сидоров Игорь Павлович",
        font_size_pt="12",
        margin_left_mm="30",
        original_mode="electronic",
    )
    response = hr_client.post(URL, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.original_mode == "electronic"
    assert (organisation.kpp, organisation.ogrn) == ("770101001", "1027700132195")
    assert organisation.head_name == "Сидоров Игорь Павлович"
    assert (organisation.font_size_pt, organisation.margin_left_mm) == (12, 30)


@pytest.mark.parametrize(
    ("field", "value"),
    [("inn", "12345"), ("font_size_pt", "16"), ("margin_left_mm", "15"), ("ack_due_working_days", "0")],
)
def test_it_refuses_a_bad_value_and_keeps_what_was_typed(hr_client, organisation, field, value):
    response = hr_client.post(URL, settings_data(organisation, **{field: value}, city="Тверь"))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert error_messages(response)
    assert 'value="Тверь"' in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.city == "Москва"


def test_a_refused_change_does_not_show_in_the_page_header(hr_client, organisation):
    response = hr_client.post(URL, settings_data(organisation, short_name="ООО «Новое»", inn="1"))
    assert "ООО «Ромашка»" in response.content.decode().split("</nav>")[0]


def test_it_stores_a_png_logo_re_encoded_without_its_metadata(hr_client, organisation, media):
    info = PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    upload = SimpleUploadedFile("../../evil name.png", png(pnginfo=info), content_type="image/png")
    response = hr_client.post(URL, {**settings_data(organisation), "logo": upload})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("logos/logo")
    stored = (media / organisation.logo.name).read_bytes()
    assert b"alert" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == ("PNG", (40, 20))


def test_it_stores_a_jpeg_logo_as_jpeg(hr_client, organisation):
    output = io.BytesIO()
    Image.new("RGB", (30, 30), "blue").save(output, "JPEG")
    upload = SimpleUploadedFile("logo.jpeg", output.getvalue(), content_type="image/jpeg")
    hr_client.post(URL, {**settings_data(organisation), "logo": upload})
    organisation.refresh_from_db()
    assert organisation.logo.name.endswith(".jpg")


def refused_logo(client, organisation, upload):
    response = client.post(URL, {**settings_data(organisation, city="Тверь"), "logo": upload})
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert error_messages(response)
    organisation.refresh_from_db()
    assert not organisation.logo
    assert organisation.city == "Москва"
    return response


def test_it_refuses_a_logo_that_is_not_an_image(hr_client, organisation):
    refused_logo(hr_client, organisation, SimpleUploadedFile("logo.png", b"MZ not a picture", content_type="image/png"))


def test_it_refuses_an_svg_logo(hr_client, organisation):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    refused_logo(hr_client, organisation, SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml"))


def test_it_refuses_an_image_of_another_format(hr_client, organisation):
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, "GIF")
    refused_logo(hr_client, organisation, SimpleUploadedFile("logo.gif", output.getvalue(), content_type="image/gif"))


def test_it_refuses_a_logo_over_2_mb(hr_client, organisation):
    big = png() + b"\x00" * (2 * 1024 * 1024)
    refused_logo(hr_client, organisation, SimpleUploadedFile("logo.png", big, content_type="image/png"))


@pytest.mark.parametrize("side", [5000, 50000])
def test_it_refuses_a_logo_whose_size_in_pixels_would_be_a_decompression_bomb(hr_client, organisation, side):
    upload = SimpleUploadedFile("logo.png", png_claiming(side, side), content_type="image/png")
    refused_logo(hr_client, organisation, upload)


def test_a_cleared_logo_is_removed(hr_client, organisation):
    upload = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    hr_client.post(URL, {**settings_data(organisation), "logo": upload})
    hr_client.post(URL, {**settings_data(organisation), "logo-clear": "on"})
    organisation.refresh_from_db()
    assert not organisation.logo


def test_the_logo_is_kept_when_no_new_file_is_sent(hr_client, organisation):
    hr_client.post(URL, {**settings_data(organisation), "logo": SimpleUploadedFile("l.png", png())})
    organisation.refresh_from_db()
    stored = organisation.logo.name
    hr_client.post(URL, settings_data(organisation, city="Тверь"))
    organisation.refresh_from_db()
    assert (organisation.logo.name, organisation.city) == (stored, "Тверь")


def test_a_lawyer_is_refused(lawyer, organisation):
    client = login(lawyer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, settings_data(organisation, city="Тверь")).status_code == 403
    organisation.refresh_from_db()
    assert organisation.city == "Москва"


def test_an_outsider_sees_and_changes_only_their_own_organisation(outsider_client, organisation, other_organisation):
    page = outsider_client.get(URL).content.decode()
    assert "Василёк" in page
    assert "Петров Сергей Николаевич" not in page
    outsider_client.post(URL, settings_data(other_organisation, city="Казань", head_name=""))
    organisation.refresh_from_db()
    other_organisation.refresh_from_db()
    assert (organisation.city, other_organisation.city) == ("Москва", "Казань")


def test_it_saves_the_contract_setting_and_the_review_period(hr_client, organisation):
    response = hr_client.post(URL, settings_data(organisation, instructions_in_contract="on", review_period_months="6"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.instructions_in_contract and organisation.review_period_months == 6


def test_a_review_period_out_of_range_is_refused(hr_client, organisation):
    response = hr_client.post(URL, settings_data(organisation, review_period_months="0"))
    assert response.status_code == 200 and response.context["form"].errors["review_period_months"]
    organisation.refresh_from_db()
    assert organisation.review_period_months == 12
