"""Forms of the library pages: filtering the list, and writing an organisation's own clause."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db import connection
from django.urls import reverse_lazy
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from jobdesc.grammar.placeholders import errors as placeholder_errors
from jobdesc.input_rules import InputRules
from jobdesc.languages import Language
from jobdesc.orgs.models import Category
from jobdesc.queries import by_kind

from .models import Clause, SectionKind, Tag

STATUS_CHOICES = [("active", _("in use")), ("retired", _("retired")), ("all", _("all"))]
SCOPE_CHOICES = [("", _("any")), ("general", _("any post")), ("profession", _("a profession's"))]


def category_choices():

    return list(Category.choices)


def section_and_tag_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The section and tag filters' choices as their fields' own iterators list them (section kinds in printing
    order by code and heading, tags by name), from one query of their columns: no model instance per option,
    and not the ORM's two queries, which took longer to build than to run."""
    name = connection.ops.quote_name
    sections, tags = name(SectionKind._meta.db_table), name(Tag._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 0, {name('order')}, code, {name(SectionKind.title_field())} FROM {sections} "
            f"UNION ALL SELECT 1, 0, name, name FROM {tags} ORDER BY 1, 2, 3"
        )
        sections, tags = by_kind(cursor.fetchall(), 2)
    return [(value, label) for _order, value, label in sections], [(value, label) for _order, value, label in tags]


class ClauseFilterForm(InputRules, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.SearchInput())
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=SectionKind.objects.all(), to_field_name="code", required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("any")), *Language.choices], required=False)
    tag = forms.ModelChoiceField(label=_("Tag"), queryset=Tag.objects.all(), to_field_name="name", required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    category = forms.ChoiceField(label=_("Suits"), required=False)
    scope = forms.ChoiceField(label=_("Fits"), choices=SCOPE_CHOICES, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False, initial="active")

    # The layout `{% clause_filter %}` renders: rows of (field, column class), then the submit button.
    ROWS = (
        (
            ("q", "col-md-4"),
            ("section", "col-md-2"),
            ("language", "col-md-1"),
            ("tag", "col-md-2"),
            ("source", "col-md-2"),
            ("status", "col-md-1"),
        ),
        (("category", "col-md-3"), ("scope", "col-md-3")),
    )
    SUBMIT = ("filter", _("Show"), "btn-sm")

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("any")), *((source, source) for source in sources)]
        sections, tags = section_and_tag_choices()
        for name, choices in (("section", sections), ("tag", tags)):
            field = self.fields[name]
            field.choices = [("", field.empty_label), *choices]
        self.fields["category"].choices = [("", _("any category")), *category_choices()]
        self.fields["q"].widget.attrs.update(
            {
                "placeholder": _("a word in any form"),
                # Search as you type; without JavaScript the form is submitted as usual.
                "hx-get": reverse_lazy("library:list"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#clause-results",
                "hx-include": "closest form",
                "hx-push-url": "true",
            }
        )

    def filters(self) -> dict:
        """The chosen filters as keyword arguments of `search.library_clauses`: the default for a field that
        is invalid (its message is shown), the others as chosen, so one bad value does not drop the rest."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            "section": data.get("section"),
            "language": data.get("language", ""),
            "tag": data.get("tag"),
            "source": data.get("source", ""),
            "category": data.get("category", ""),
            "scope": data.get("scope", ""),
            "status": data.get("status") or "active",
        }


class ClauseForm(InputRules, forms.ModelForm):
    """An organisation's own clause; saving a shared clause's data makes the organisation's copy."""

    tag_names = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separated by commas, for example: менеджер-по-продажам, продажи."),
    )

    categories = forms.MultipleChoiceField(
        label=_("Suits the categories"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The categories of post the clause may be suggested for."),
    )

    class Meta:
        model = Clause
        fields = ["section", "language", "text", "profession", "standard"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["categories"].choices = category_choices()
        self.fields["categories"].initial = self.initial.get("categories") or self.instance.categories
        if self.instance.pk:
            self.fields["tag_names"].initial = ", ".join(tag.name for tag in self.instance.tags.all())
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_text(self):
        text = " ".join(self.cleaned_data["text"].split())
        problems = placeholder_errors(text)
        if problems:
            raise forms.ValidationError(problems)
        return text

    def clean_profession(self):
        names = [" ".join(name.split()) for name in self.cleaned_data["profession"].split(";")]
        return "; ".join(name for name in names if name)

    def clean_tag_names(self):
        names = [slugify(name, allow_unicode=True)[:60] for name in self.cleaned_data["tag_names"].split(",")]
        return sorted({name for name in names if name})

    def save(self):
        clause = super().save(commit=False)
        clause.organisation = self.organisation
        clause.categories = self.cleaned_data["categories"]
        clause.save()
        tags = [Tag.objects.get_or_create(name=name)[0] for name in self.cleaned_data["tag_names"]]
        clause.tags.set(tags)
        return clause


class MergeForm(InputRules, forms.Form):
    """Keep one clause of a duplicates group and retire the organisation's own others."""

    keep = forms.ModelChoiceField(queryset=Clause.objects.none())
    retire = forms.ModelMultipleChoiceField(queryset=Clause.objects.none())

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Clause.objects.visible_to(organisation).active()
        # Only the organisation's own clauses can be retired; the shared library stays as it is.
        self.fields["retire"].queryset = Clause.objects.filter(organisation=organisation, is_active=True)

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("keep") in data.get("retire", []):
            raise forms.ValidationError(_("The clause to keep cannot be retired."))
        return data


class ClauseEditForm(ClauseForm):
    """Editing a clause already in the library: the editor also says whether the edit changes meaning."""

    typo_fix = forms.BooleanField(
        label=_("This is a typo fix: the meaning does not change"),
        required=False,
        help_text=_(
            "Drafts that use the clause then take the fix at once; an instruction in force always gets a new edition."
        ),
    )
