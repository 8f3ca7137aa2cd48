"""Forms of the organisation pages: settings with the logo, departments, positions, employees, list filters.

Forms never carry the organisation or other ownership fields: the view passes the organisation in
and the service sets it. Choices are limited to the user's organisation.
"""

import io
import warnings

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row, Submit
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from jobdesc.grammar.inflect import declensions
from jobdesc.grammar.people import split_full_name
from jobdesc.input_rules import InputRules

from .models import Category, Department, Employee, Organisation, Position
from .services import (
    EMPLOYEE_FIELDS,
    ORGANISATION_FIELDS,
    OVERRIDABLE_CASES,
    department_descendants,
    position_subordinates,
)

LOGO_MAX_BYTES = 2 * 1024 * 1024
# A letterhead logo never needs more; the check reads only the header, before any pixel is decoded.
LOGO_MAX_PIXELS = 4096 * 4096
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}

CASE_LABELS = {
    "gent": _("Genitive (whom? what?)"),
    "datv": _("Dative (to whom? to what?)"),
    "ablt": _("Instrumental (by whom? by what?)"),
    "accs": _("Accusative (whom? what?)"),
    "loct": _("Prepositional (about whom? about what?)"),
}


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's `ValidationError` on the form: by field where the form has it, above the form otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else NON_FIELD_ERRORS, errors)


def clean_logo_image(upload) -> ContentFile:
    """Check an uploaded logo and re-encode it, so only plain PNG or JPEG pixels are ever stored.

    Refuses files over 2 MB, anything Pillow cannot read as PNG or JPEG (SVG among them) and images
    whose declared size would be a decompression bomb; metadata (EXIF, comments, profiles) is dropped.
    """
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo is larger than 2 MB."), code="too_big")
    not_an_image = ValidationError(_("Upload the logo as a PNG or JPEG image (SVG is not accepted)."), code="format")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=list(LOGO_FORMATS))
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise ValidationError(_("The logo is too large: at most 4096 × 4096 pixels."), code="pixels")
            image_format = image.format
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(_("The logo is too large: at most 4096 × 4096 pixels."), code="pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image from error
    image = ImageOps.exif_transpose(image)
    if image_format == "PNG":
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB")
    else:
        image = image.convert("RGB")
    image.info = {}
    output = io.BytesIO()
    image.save(output, format=image_format, **({"optimize": True} if image_format == "PNG" else {"quality": 90}))
    return ContentFile(output.getvalue(), name=f"logo.{LOGO_FORMATS[image_format]}")


class OrganisationForm(InputRules, forms.ModelForm):
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, up to 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    class Meta:
        model = Organisation
        # The logo is not a model field here, so validating the form never replaces the stored file.
        fields = ORGANISATION_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("logo", self.instance.logo)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Letterhead"), "full_name", "short_name", Row(*(Column(f) for f in ("inn", "kpp", "ogrn")))),
            Fieldset(
                _("Contacts"),
                "address",
                Row(Column("city"), Column("phone"), Column("email")),
                "logo",
            ),
            Fieldset(_("Head of the organisation"), Row(Column("head_position"), Column("head_name"))),
            Fieldset(
                _("Documents"),
                Row(Column("language"), Column("font_size_pt"), Column("margin_left_mm")),
                "original_mode",
            ),
            Fieldset(_("Approval"), "relaxed_duties"),
            Fieldset(_("Changes and reviews"), "instructions_in_contract", "review_period_months"),
            Fieldset(_("Acknowledgement"), "ack_due_working_days"),
            Submit("save", _("Save")),
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return clean_logo_image(logo)
        # False asks to remove the logo; the unchanged current file means "keep it".
        return False if logo is False else None


class DepartmentForm(InputRules, forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "code", "parent"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Department.objects.for_organisation(organisation)
        if self.instance.pk:
            parents = parents.exclude(pk__in={self.instance.pk, *department_descendants(self.instance)})
        self.fields["parent"].queryset = parents
        self.helper = FormHelper()
        self.helper.layout = Layout(Row(Column("name", css_class="col-md-8"), Column("code")), "parent")
        self.helper.add_input(Submit("save", _("Save")))


def override_fields() -> dict[str, forms.Field]:
    """One input per correctable case, holding its form, and beside it the computed form it was shown with."""
    fields = {}
    for case in OVERRIDABLE_CASES:
        fields[f"override_{case}"] = forms.CharField(label=CASE_LABELS[case], required=False, max_length=300)
        fields[f"computed_{case}"] = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    return fields


def show_computed(form, computed: dict, typed=None, shown=None) -> None:
    """Each input shows its form as a value: a correction typed over it, else the form computed from the title.

    `typed` and `shown` are what the inputs held and which computed forms they were shown with; a value
    left as it was shown follows the new title.
    """
    for case in OVERRIDABLE_CASES:
        value = (typed or {}).get(case) or ""
        if not value.strip() or value == (shown or {}).get(case):
            value = computed.get(case, "")
        form.initial[f"override_{case}"] = value
        form.initial[f"computed_{case}"] = computed.get(case, "")


def _by_case(data, prefix) -> dict:
    return {case: data.get(f"{prefix}_{case}", "") for case in OVERRIDABLE_CASES}


class DeclensionPreviewForm(InputRules, forms.Form):
    """The override inputs alone, re-rendered with the forms of `title` as placeholders while it is typed."""

    def __init__(self, *args, title: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(override_fields())
        title = title.strip()[: Position._meta.get_field("title").max_length]
        # The preview is given the query string (immutable): what the inputs held goes into a plain dict.
        typed = self.initial = dict(self.initial.items())
        show_computed(
            self, declensions(title) if title else {}, _by_case(typed, "override"), _by_case(typed, "computed")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class PositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.department.name})" if obj.department_id else obj.title


class PositionForm(InputRules, forms.ModelForm):
    reports_to = PositionChoiceField(label=_("Reports to"), queryset=Position.objects.none(), required=False)

    class Meta:
        model = Position
        fields = ["title", "department", "category", "reports_to"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(override_fields())
        self.fields["department"].queryset = Department.objects.for_organisation(organisation)
        managers = Position.objects.for_organisation(organisation).select_related("department")
        if self.instance.pk:
            managers = managers.exclude(pk__in={self.instance.pk, *position_subordinates(self.instance)})
        self.fields["reports_to"].queryset = managers
        title = self.data.get("title", "").strip() if self.is_bound else ""
        computed = declensions(title) if title else self.instance.declensions
        if not computed and self.instance.title:
            computed = declensions(self.instance.title)
        show_computed(self, computed, self.instance.declension_overrides)
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse("orgs:position_forms"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#grammar-forms",
                "hx-include": "#grammar-forms",
                "hx-sync": "this:replace",
                "autocomplete": "off",
            }
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "title",
            Row(Column("department"), Column("category")),
            "reports_to",
            Fieldset(
                _("Grammatical forms of the title"),
                HTML(
                    format_html(
                        '<p class="form-text">{}</p>',
                        _("Computed from the title as you type. Fill in a form only to correct it."),
                    )
                ),
                Div(*override_fields(), css_id="grammar-forms"),
            ),
            Submit("save", _("Save")),
        )

    def clean(self):
        cleaned = super().clean()
        # Gathered under the name the services expect: case code → corrected form.
        # A form left as it was computed is no correction: it follows later changes of the title.
        overrides = {}
        for case in OVERRIDABLE_CASES:
            text, shown = cleaned.pop(f"override_{case}", ""), cleaned.pop(f"computed_{case}", "")
            overrides[case] = "" if text == shown else text
        cleaned["overrides"] = overrides
        return cleaned


class EmployeeForm(InputRules, forms.ModelForm):
    """An employee record as HR keeps it; the login is not here: it comes with the person's own invitation."""

    position = PositionChoiceField(label=_("Position"), queryset=Position.objects.none(), required=False)

    class Meta:
        model = Employee
        fields = list(EMPLOYEE_FIELDS)
        widgets = {
            "hire_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "dismissal_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = Position.objects.for_organisation(organisation).select_related("department")
        self.fields["gender"].choices = [("", _("from the patronymic")), *self.fields["gender"].choices[1:]]
        self.fields["full_name"].help_text = _("Фамилия Имя Отчество, as in the passport.")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("full_name", css_class="col-md-8"), Column("personnel_number")),
            Row(Column("email", css_class="col-md-8"), Column("gender")),
            "position",
            Row(Column("employment"), Column("rate")),
            Row(Column("hire_date"), Column("dismissal_date")),
            Submit("save", _("Save")),
        )

    def clean_full_name(self):
        full_name = " ".join(self.cleaned_data["full_name"].split())
        surname, first_name, _patronymic = split_full_name(full_name)
        if not (surname and first_name):
            raise ValidationError(_("Write the surname and the first name (and the patronymic, if any)."))
        return full_name

    def clean(self):
        cleaned = super().clean()
        hired, dismissed = cleaned.get("hire_date"), cleaned.get("dismissal_date")
        if hired and dismissed and dismissed < hired:
            self.add_error("dismissal_date", _("The dismissal date cannot be earlier than the hire date."))
        return cleaned


def _filter_helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_method = "get"
    helper.form_class = "mb-3"
    helper.layout = Layout(
        Row(
            *(Column(field, css_class="col-md") for field in fields),
            Column(StrictButton(_("Show"), type="submit", css_class="btn-primary mb-3"), css_class="col-md-auto"),
            css_class="align-items-end",
        ),
        "sort",
    )
    return helper


class ListFilterForm(InputRules, forms.Form):
    """The search box of a list page; the current sort order travels along."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _filter_helper("q")

    def value(self, name, default=None):
        """A valid filter's value, or `default` when missing or invalid (a filter never refuses the page)."""
        if not self.is_valid() and name in self.errors:
            return default
        return self.cleaned_data.get(name) or default


class PositionFilterForm(ListFilterForm):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *Category.choices], required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.for_organisation(organisation)
        self.helper = _filter_helper("q", "department", "category")


class EmployeeFilterForm(ListFilterForm):
    STATUSES = [("current", _("current")), ("dismissed", _("dismissed")), ("all", _("all"))]

    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)
    position = forms.ModelChoiceField(label=_("Position"), queryset=Position.objects.none(), required=False)
    status = forms.ChoiceField(label=_("Employees"), choices=STATUSES, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.for_organisation(organisation)
        self.fields["position"].queryset = Position.objects.for_organisation(organisation)
        self.helper = _filter_helper("q", "department", "position", "status")


class InvitationFilterForm(ListFilterForm):
    STATES = [
        ("waiting", _("not accepted yet")),
        ("expired", _("expired")),
        ("accepted", _("accepted")),
        ("revoked", _("revoked")),
        ("all", _("all")),
    ]

    state = forms.ChoiceField(label=_("Invitations"), choices=STATES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _filter_helper("q", "state")


class ConfirmPasswordForm(InputRules, forms.Form):
    """An existing login confirms an invitation with its current password."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class AccessSettingsForm(InputRules, forms.ModelForm):
    """The interface language and, where the environment configures them, the directory sign-ins."""

    class Meta:
        model = Organisation
        fields = ["interface_language", "ldap_login", "oidc_login"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.LDAP_SERVER_URI:
            del self.fields["ldap_login"]
        if not settings.OIDC_RP_CLIENT_ID:
            del self.fields["oidc_login"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))
