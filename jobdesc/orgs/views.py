"""Pages about the organisation: the home dashboard, and for HR its settings, departments, positions, employees."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobdesc.accounts.access import get_for_organisation, organisation_of, role_required
from jobdesc.accounts.roles import Role
from jobdesc.lists import paginate, sort

from .forms import (
    AccessSettingsForm,
    DeclensionPreviewForm,
    DepartmentForm,
    EmployeeFilterForm,
    EmployeeForm,
    ListFilterForm,
    OrganisationForm,
    PositionFilterForm,
    PositionForm,
    add_service_errors,
)
from .models import Department, Employee, Organisation, Position
from .selectors import department_tree, employees_list, positions_list
from .services import (
    StructureError,
    create_department,
    create_employee,
    create_position,
    delete_department,
    delete_position,
    update_access,
    update_department,
    update_employee,
    update_organisation,
    update_position,
)


def _bound_data(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _save_form(request, form, service, **arguments):
    """Call `service` with a valid POSTed `form`'s values and return what it saved; otherwise None,
    with the errors shown on the form (which keeps what the user typed)."""
    if request.method != "POST":
        return None
    if form.is_valid():
        try:
            return service(**arguments, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    messages.error(request, _("Nothing was saved: please correct the marked fields."))
    return None


def _delete(request, deletion, name, *, done, refused):
    """Run `deletion`; a refusal goes back to the `refused` page with its reason shown."""
    try:
        deletion()
    except StructureError as error:
        messages.error(request, str(error))
        return redirect(refused)
    messages.success(request, _("«%(name)s» is deleted.") % {"name": name})
    return redirect(done)


@role_required(Role.HR)
def organisation_settings(request):
    # A copy of the organisation: a refused change must not show up in the page's header.
    organisation = Organisation.objects.get(pk=organisation_of(request).pk)
    form = OrganisationForm(*_bound_data(request), instance=organisation)
    if _save_form(request, form, update_organisation, organisation=organisation) is not None:
        messages.success(request, _("The organisation's settings are saved."))
        return redirect("orgs:settings")
    return render(request, "orgs/organisation_settings.html", {"form": form, "organisation": organisation})


@role_required(Role.ADMIN)
def access_settings(request):
    """The administrator's choices: the interface language and the single sign-on the environment offers."""
    organisation = Organisation.objects.get(pk=organisation_of(request).pk)
    form = AccessSettingsForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        update_access(organisation=organisation, by=request.user, **form.cleaned_data)
        messages.success(request, _("The organisation's sign-in and language are saved."))
        return redirect("orgs:access")
    return render(request, "orgs/access_settings.html", {"form": form, "organisation": organisation})


@role_required(Role.HR)
def departments(request):
    filters = ListFilterForm(request.GET)
    tree = department_tree(organisation_of(request), search=filters.value("q", ""))
    page = paginate(tree, request.GET.get("page"))
    return render(request, "orgs/department_list.html", {"filter_form": filters, "page": page})


@role_required(Role.HR)
def department_create(request):
    organisation = organisation_of(request)
    form = DepartmentForm(*_bound_data(request), organisation=organisation)
    department = _save_form(request, form, create_department, organisation=organisation)
    if department is not None:
        messages.success(request, _("Department «%(name)s» is created.") % {"name": department.name})
        return redirect("orgs:departments")
    return render(request, "orgs/department_form.html", {"form": form})


@role_required(Role.HR)
def department_edit(request, pk):
    department = get_for_organisation(Department.objects.all(), request, pk=pk)
    form = DepartmentForm(*_bound_data(request), instance=department, organisation=organisation_of(request))
    if _save_form(request, form, update_department, department=department) is not None:
        messages.success(request, _("Department «%(name)s» is saved.") % {"name": department.name})
        return redirect("orgs:departments")
    return render(request, "orgs/department_form.html", {"form": form, "department": department})


@role_required(Role.HR)
@require_http_methods(["GET", "POST"])
def department_delete(request, pk):
    department = get_for_organisation(Department.objects.all(), request, pk=pk)
    cancel = reverse("orgs:department_edit", args=[pk])
    if request.method == "POST":
        deletion = partial(delete_department, department=department)
        return _delete(request, deletion, department.name, done="orgs:departments", refused=cancel)
    return render(request, "orgs/confirm_delete.html", {"object": department, "cancel_url": cancel})


POSITION_SORTS = {
    "title": ("title",),
    "department": ("department__name", "title"),
    "category": ("category", "title"),
}


@role_required(Role.HR)
def positions(request):
    organisation = organisation_of(request)
    filters = PositionFilterForm(request.GET, organisation=organisation)
    found = positions_list(
        organisation,
        search=filters.value("q", ""),
        department=filters.value("department"),
        category=filters.value("category", ""),
    )
    ordered, columns = sort(found, request.GET.get("sort", ""), POSITION_SORTS, default="title")
    page = paginate(ordered, request.GET.get("page"))
    return render(request, "orgs/position_list.html", {"filter_form": filters, "page": page, "columns": columns})


@role_required(Role.HR)
@require_GET
def position_forms(request):
    form = DeclensionPreviewForm(initial=request.GET, title=request.GET.get("title", ""))
    return render(request, "orgs/_position_forms.html", {"form": form})


@role_required(Role.HR)
def position_create(request):
    organisation = organisation_of(request)
    form = PositionForm(*_bound_data(request), organisation=organisation)
    position = _save_form(request, form, create_position, organisation=organisation)
    if position is not None:
        messages.success(request, _("Position «%(title)s» is created.") % {"title": position.title})
        return redirect("orgs:position_edit", pk=position.pk)
    return render(request, "orgs/position_form.html", {"form": form})


@role_required(Role.HR)
def position_edit(request, pk):
    position = get_for_organisation(Position.objects.all(), request, pk=pk)
    form = PositionForm(*_bound_data(request), instance=position, organisation=organisation_of(request))
    if _save_form(request, form, update_position, position=position) is not None:
        messages.success(request, _("Position «%(title)s» is saved.") % {"title": position.title})
        return redirect("orgs:position_edit", pk=position.pk)
    return render(request, "orgs/position_form.html", {"form": form, "position": position})


@role_required(Role.HR)
@require_http_methods(["GET", "POST"])
def position_delete(request, pk):
    position = get_for_organisation(Position.objects.all(), request, pk=pk)
    cancel = reverse("orgs:position_edit", args=[pk])
    if request.method == "POST":
        deletion = partial(delete_position, position=position)
        return _delete(request, deletion, position.title, done="orgs:positions", refused=cancel)
    return render(request, "orgs/confirm_delete.html", {"object": position, "cancel_url": cancel})


EMPLOYEE_SORTS = {
    "name": ("full_name",),
    "position": ("position__title", "full_name"),
    "department": ("position__department__name", "full_name"),
    "hired": ("hire_date", "full_name"),
}


@role_required(Role.HR)
def employees(request):
    organisation = organisation_of(request)
    filters = EmployeeFilterForm(request.GET, organisation=organisation)
    found = employees_list(
        organisation,
        search=filters.value("q", ""),
        department=filters.value("department"),
        position=filters.value("position"),
        status=filters.value("status", "current"),
    )
    ordered, columns = sort(found, request.GET.get("sort", ""), EMPLOYEE_SORTS, default="name")
    page = paginate(ordered, request.GET.get("page"))
    return render(request, "orgs/employee_list.html", {"filter_form": filters, "page": page, "columns": columns})


@role_required(Role.HR)
def employee_create(request):
    organisation = organisation_of(request)
    form = EmployeeForm(*_bound_data(request), organisation=organisation)
    employee = _save_form(request, form, create_employee, organisation=organisation)
    if employee is not None:
        messages.success(request, _("Employee %(name)s is added.") % {"name": employee.full_name})
        return redirect("orgs:employees")
    return render(request, "orgs/employee_form.html", {"form": form})


@role_required(Role.HR)
def employee_edit(request, pk):
    employee = get_for_organisation(Employee.objects.select_related("user"), request, pk=pk)
    form = EmployeeForm(*_bound_data(request), instance=employee, organisation=organisation_of(request))
    if _save_form(request, form, update_employee, employee=employee) is not None:
        messages.success(request, _("Employee %(name)s is saved.") % {"name": employee.full_name})
        return redirect("orgs:employees")
    invitations = employee.invitations.select_related("user").order_by("-sent_at")[:5]
    return render(request, "orgs/employee_form.html", {"form": form, "employee": employee, "invitations": invitations})
