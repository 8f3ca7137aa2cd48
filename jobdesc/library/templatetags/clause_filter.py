"""The library list's filter form rendered in Python, with the markup `{% crispy form %}` wrote for it.

Crispy renders every field through a cascade of templates (the column, the field wrapper, the label, the
widget, each option, the errors) and then squeezes the whitespace between tags; for the nine fields of
`ClauseFilterForm` that cost more than the rest of the page. The layout is the form's own (`ClauseFilterForm.ROWS`
and `.SUBMIT`, where its crispy helper had it): the rows of columns and the submit button, each field as the
Bootstrap 5 template pack writes it, the widget's attributes and options taken from Django's own widget context.
`attributes` follows Django's `attrs.html` in the attributes' own order, which `django.forms.utils.flatatt` does
not keep (it writes the boolean ones last).
"""

from django import template
from django.utils.safestring import mark_safe

from jobdesc.rows import escape

register = template.Library()

FIELD = (
    '<div \n     class="{css_class}" > <div id="div_{auto_id}" class="mb-3"> <label\n'
    '                for="{auto_id}" class="form-label">\n'
    "                {label}\n"
    "            </label> {widget}{errors} </div> </div>"
)
ERRORS = ' <div id="{auto_id}_error" class="invalid-feedback"> {errors} </div>'
ERROR = '<span id="error_{number}_{auto_id}"><strong>{error}</strong></span>'
SUBMIT = (
    '<input type="submit"\n    name="{name}"\n    value="{value}"\n    \n'
    '        class="btn btn-primary {css_class}"\n        id="submit-id-{name}"\n    \n    \n    />'
)
# The widget classes the template pack adds, by the widget's `input_type`.
WIDGET_CLASS = {"select": "select form-select", "search": "searchinput form-control"}


def attributes(attrs: dict) -> str:
    """As Django's `attrs.html`: ` name="value"` each, a bare name for True, nothing for False."""
    return "".join(
        "" if value is False else f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
    )


def widget_html(field) -> str:
    """The bound field's widget, as the select or input template writes it inside crispy's layout."""
    widget = field.field.widget
    attrs = {"class": WIDGET_CLASS[widget.input_type] + (" is-invalid" if field.errors else "")}
    if field.errors:
        attrs.update({"aria-invalid": "true", "aria-describedby": f"{field.auto_id}_error"})
    attrs["id"] = field.auto_id
    if widget.input_type == "select":
        return select_html(field.html_name, widget, field.value(), attrs)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    value = "" if context["value"] is None else f' value="{escape(context["value"])}"'
    return f'<input type="{context["type"]}" name="{escape(context["name"])}"{value}{attributes(context["attrs"])}>'


def select_html(name, widget, value, attrs) -> str:
    """A single select as Django's `select.html` writes it from `Select.optgroups`, without an option dict each:
    the first option whose value reads as one of the field's values is selected."""
    values = widget.format_value(value)
    selected = False
    options = []
    for choice, label in widget.choices:
        choice = "" if choice is None else str(choice)
        marked = not selected and choice in values
        selected |= marked
        options.append(f' <option value="{escape(choice)}"{" selected" if marked else ""}>{escape(label)}</option>')
    built = attributes(widget.build_attrs(widget.attrs, attrs))
    return f'<select name="{escape(name)}"{built}>{"".join(options)}\n\n</select>'


def field_html(form, name: str, css_class: str) -> str:
    field = form[name]
    errors = ""
    if field.errors:
        spans = " ".join(
            ERROR.format(number=number, auto_id=field.auto_id, error=escape(error))
            for number, error in enumerate(field.errors, start=1)
        )
        errors = ERRORS.format(auto_id=field.auto_id, errors=spans)
    label, widget = escape(field.label), widget_html(field)
    return FIELD.format(css_class=css_class, auto_id=field.auto_id, label=label, widget=widget, errors=errors)


@register.simple_tag
def clause_filter(form):
    """The filter form of `form` (a `ClauseFilterForm`): its rows of columns, then the submit button."""
    rows = "\n".join(
        '<div  class="row " > ' + " ".join(field_html(form, name, css_class) for name, css_class in row) + " </div>"
        for row in form.ROWS
    )
    name, value, css_class = form.SUBMIT
    submit = SUBMIT.format(name=name, value=escape(value), css_class=css_class)
    # The blank lines around the form are those crispy's template leaves.
    return mark_safe(f'\n\n<form  id="clause-filter" method="get" > {rows}\n{submit} </form>\n')
