"""What typed input the app accepts: one-line fields on one line, no control characters, sane lengths, no NUL.

Every form of the app mixes in `InputRules`; a test checks that none is left out. Its rules:
- a one-line field (any text input that is not a textarea) refuses line breaks and control characters:
  a position title or a name with CR/LF would break an e-mail header, a file name or a table row;
- a multi-line field (a textarea) refuses control characters other than tab and line breaks: they
  cannot be stored in a Word document, so a clause with one would make every DOCX of its version fail;
- a text field without its own maximum length gets one (`ONE_LINE_MAX`, `TEXT_MAX`), far above what real
  texts need (a clause is a few hundred characters) and far below what would make a PDF take seconds.

`NulCharacterMiddleware` drops NUL characters from every query and plain form value before a view sees them:
PostgreSQL cannot store or even compare a text with one, and no one can type or see one.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _

ONE_LINE_MAX = 255
TEXT_MAX = 5000
# One clause of an instruction; the editor and the library refuse longer ones with a message.
CLAUSE_MAX = 5000

_LINE_SEPARATORS = {"\u2028", "\u2029"}
_ALLOWED_IN_TEXT = {"\t", "\n", "\r"}


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" or character in _LINE_SEPARATORS


def one_line(value: str) -> None:
    """A validator: refuses line breaks and control characters."""
    if any(_is_control(character) for character in value or ""):
        raise ValidationError(_("Enter this on one line, without line breaks or control characters."), code="one_line")


def printable_text(value: str) -> None:
    """A validator for multi-line text: refuses control characters other than tab and line breaks."""
    if any(_is_control(character) and character not in _ALLOWED_IN_TEXT for character in value or ""):
        raise ValidationError(
            _("The text contains control characters that cannot be saved; remove them and try again."),
            code="control_characters",
        )


def printable(text: str) -> str:
    """`text` without the control characters an XML document (DOCX, XLSX) cannot hold; tab and line breaks stay."""
    return "".join(c for c in text if c in _ALLOWED_IN_TEXT or unicodedata.category(c) != "Cc")


def text_problem(text: str, *, limit: int = TEXT_MAX) -> str | None:
    """For code that takes text without a form (the editor's own posts): the reason to refuse it, or None."""
    try:
        printable_text(text)
    except ValidationError as error:
        return error.messages[0]
    if len(text or "") > limit:
        return str(
            _("The text has %(length)d characters; at most %(limit)d are allowed.")
            % {"length": len(text), "limit": limit}
        )
    return None


def as_id(value) -> int | None:
    """A posted or queried row id as a number the database can compare, or None for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


# Room for a form's other fields and the multipart boundaries around an uploaded file.
UPLOAD_OVERHEAD = 64 * 1024


def announces_more_than(request, limit: int) -> bool:
    """Whether the request says its body holds more than `limit` bytes of file and the form around them.

    Read from the Content-Length header before Django reads the body, so that an oversized upload is refused
    without being spooled to disk (the forms check each file's own size). A header that is not a number
    announces nothing: Django then reads no body, and the form says what is missing.
    """
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return announced > limit + UPLOAD_OVERHEAD


def as_ids(values) -> list[int]:
    """The row ids among posted or queried values (ticked boxes), in their order; anything else is left out."""
    return [number for number in map(as_id, values) if number is not None]


def _storable(value) -> bool:
    """False for a number no database id column can hold (SQLite raises OverflowError on it, not «no such row»)."""
    digits = value.strip().lstrip("+-") if isinstance(value, str) else ""
    if not digits.isdigit():
        return True
    return len(digits) <= 19 and int(digits) < 2**63


def _refusing_unstorable_ids(field) -> None:
    """A model choice posted as a number too large for any id is an invalid choice, like any unknown one."""
    clean = field.clean

    def checked(value):
        values = value if isinstance(value, list | tuple) else [value]
        if not all(_storable(item) for item in values):
            raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice", params={"value": "…"})
        return clean(value)

    field.clean = checked


def apply(field) -> None:
    """Give one form field the rules of its kind (once; fields that are not free text are left alone)."""
    if isinstance(field, forms.ModelChoiceField) and not getattr(field, "_input_rules", False):
        field._input_rules = True
        _refusing_unstorable_ids(field)
        return
    if not isinstance(field, forms.CharField) or getattr(field, "_input_rules", False):
        return
    field._input_rules = True
    if isinstance(field.widget, forms.PasswordInput):
        return
    multi_line = isinstance(field.widget, forms.Textarea)
    field.validators.append(printable_text if multi_line else one_line)
    if field.max_length is None:
        field.max_length = TEXT_MAX if multi_line else ONE_LINE_MAX
        field.validators.append(MaxLengthValidator(field.max_length))
        if not field.widget.is_hidden:
            field.widget.attrs.setdefault("maxlength", str(field.max_length))


class InputRules:
    """Mixed into every form of the app, before forms.Form or forms.ModelForm."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            apply(field)

    def full_clean(self):
        # Fields a subclass added after __init__ get the rules too.
        for field in self.fields.values():
            apply(field)
        super().full_clean()


def _without_nul(query: QueryDict) -> QueryDict:
    cleaned = query.copy()
    for key in list(cleaned):
        cleaned.setlist(key, [value.replace("\x00", "") for value in query.getlist(key)])
    return cleaned


# Only plain form posts are read here: an upload's size is checked by its view before its body is read,
# and the text fields of an upload form refuse NUL with Django's own message.
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded",)


def _has_nul(query: QueryDict) -> bool:
    return any("\x00" in value for _key, values in query.lists() for value in values)


class NulCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET):
            request.GET = _without_nul(request.GET)
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES and _has_nul(request.POST):
            request.POST = _without_nul(request.POST)
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        """A row id in the path that no database column can hold (2**63 and more) names nothing: 404.

        Every `<int:…>` of the URL map is a row id; without this, such a number reaches the query and
        SQLite raises OverflowError (PostgreSQL a DataError) instead of «not found».
        """
        if any(isinstance(value, int) and value >= 2**63 for value in kwargs.values()):
            raise Http404
