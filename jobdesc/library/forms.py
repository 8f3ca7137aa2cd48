"""Forms of the library pages: filtering the list, and writing an organisation's own clause."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from jobdesc.grammar.placeholders import errors as placeholder_errors

from .models import Clause, Language, SectionKind, Tag

STATUS_CHOICES = [("active", _("in use")), ("retired", _("retired")), ("all", _("all"))]


class ClauseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.SearchInput())
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=SectionKind.objects.all(), to_field_name="code", required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("any")), *Language.choices], required=False)
    tag = forms.ModelChoiceField(label=_("Tag"), queryset=Tag.objects.all(), to_field_name="name", required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False, initial="active")

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("any")), *((source, source) for source in sources)]
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
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "clause-filter"
        self.helper.layout = Layout(
            Row(
                Column("q", css_class="col-md-4"),
                Column("section", css_class="col-md-2"),
                Column("language", css_class="col-md-1"),
                Column("tag", css_class="col-md-2"),
                Column("source", css_class="col-md-2"),
                Column("status", css_class="col-md-1"),
            ),
            Submit("filter", _("Show"), css_class="btn-sm"),
        )

    def filters(self) -> dict:
        """The chosen filters as keyword arguments of `search.library_clauses` (defaults when invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": data.get("q", ""),
            "section": data.get("section"),
            "language": data.get("language", ""),
            "tag": data.get("tag"),
            "source": data.get("source", ""),
            "status": data.get("status") or "active",
        }


class ClauseForm(forms.ModelForm):
    """An organisation's own clause; saving a shared clause's data makes the organisation's copy."""

    tag_names = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separated by commas, for example: менеджер-по-продажам, продажи."),
    )

    class Meta:
        model = Clause
        fields = ["section", "language", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
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

    def clean_tag_names(self):
        names = [slugify(name, allow_unicode=True)[:60] for name in self.cleaned_data["tag_names"].split(",")]
        return sorted({name for name in names if name})

    def save(self):
        clause = super().save(commit=False)
        clause.organisation = self.organisation
        clause.save()
        tags = [Tag.objects.get_or_create(name=name)[0] for name in self.cleaned_data["tag_names"]]
        clause.tags.set(tags)
        return clause
