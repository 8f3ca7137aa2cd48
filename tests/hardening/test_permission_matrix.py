"""Every URL of the app, requested as every role, as a visitor and across organisations: deny by default.

The table below names, for each URL pattern, the method to use, how to fill its parameters and the
roles that get through. Every other role must be sent to the login page (a visitor) or answered 403
or 404. A URL pattern without a row fails `test_every_url_of_the_app_has_a_row_in_the_table`, so a
new page cannot slip in unreviewed. Objects of the other organisation are never reachable, and no
page shown to one organisation contains a name of the other's.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jobdesc.api.models import ApiToken, WebhookEndpoint
from jobdesc.api.tokens import create_token
from jobdesc.library.models import ImportBatch, ImportStatus
from jobdesc.orgs.models import Organisation
from jobdesc.outbox.models import Message, MessageStatus
from tests.outbox.test_problems_page import failed_task

ANONYMOUS, HR, AGREEING, APPROVER, EMPLOYEE = "anonymous", "hr", "agreeing", "approver", "employee"
# An organisation administrator holding no other role, and the superuser `createsuperuser` makes.
ADMIN, SUPERUSER = "admin", "superuser"
MEMBERS = frozenset({HR, AGREEING, APPROVER, EMPLOYEE})
PEOPLE = MEMBERS | {ADMIN}
LOGGED_IN = PEOPLE | {SUPERUSER}
EVERYONE = LOGGED_IN | {ANONYMOUS}
LOGIN_URL = "/accounts/login/"
# What a person of one organisation may see of the other: nothing. Names of each world's objects contain these.
MARKERS = {"own": "Ромашк", "other": "Васил"}


@dataclass(frozen=True)
class Row:
    method: str
    allowed: frozenset
    params: object = None  # world -> URL kwargs
    query: str = ""
    data: object = field(default_factory=dict)  # a dict, or world -> dict
    status: int | None = None  # what an allowed role gets; None: anything but a refusal

    def kwargs(self, world):
        return self.params(world) if self.params else {}


def get(allowed, params=None, query="", status=200):
    return Row("get", frozenset(allowed), params, query, status=status)


def post(allowed, params=None, data=None, status=None):
    return Row("post", frozenset(allowed), params, data=data or {}, status=status)


def version(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def item(action=None):
    def params(w):
        return {"pk": w.draft.pk, "item_pk": w.draft_item.pk, **({"action": action} if action else {})}

    return params


def failed_message(w):
    return Message.objects.get_or_create(
        organisation=w.organisation, to_address="x@example.org", status=MessageStatus.FAILED, defaults={"subject": "S"}
    )[0]


def import_batch_of(w):
    """An upload of instructions of the world's organisation, read and waiting for HR to confirm it."""
    return ImportBatch.objects.get_or_create(
        organisation=w.organisation,
        name=f"instructions-{w.organisation.inn}.zip",
        status=ImportStatus.READ,
        defaults={"uploaded_by": w.hr},
    )[0]


def failed_task_of(w):
    return failed_task(w.organisation)


def clause_revision(w):
    from jobdesc.library.models import ClauseRevision

    revision, _created = ClauseRevision.objects.get_or_create(
        clause=w.clause, number=1, defaults={"origin": w.clause, "old_text": "Ведёт учёт.", "edited_by": w.hr}
    )
    return {"pk": w.clause.pk, "number": revision.number}


def api_token_of(w):
    """A token of the HR officer: only its owner may revoke it."""
    return ApiToken.objects.filter(user=w.hr).first() or create_token(user=w.hr, name="matrix")[0]


def webhook_of(w):
    endpoint = WebhookEndpoint.objects.filter(organisation=w.organisation).first()
    return endpoint or WebhookEndpoint.objects.create(
        organisation=w.organisation,
        url="https://hooks.example.org/jobdesc",
        events=["version.approved"],
        secret="whsec_" + "A" * 44,
        created_by=w.admin,
    )


def campaign(w):
    return {"pk": w.approved.campaign.pk}


def scan_of(w):
    from django.core.files.base import ContentFile

    from jobdesc.instructions.models import PaperScan

    existing = PaperScan.objects.filter(campaign=w.approved.campaign, original_name="s.pdf").first()
    if existing is not None:
        return {"pk": existing.pk}
    scan = PaperScan(
        campaign=w.approved.campaign,
        sha256="0" * 64,
        content_type="application/pdf",
        size=9,
        original_name="s.pdf",
        uploaded_by=w.hr,
    )
    scan.file.save("s.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    scan.save()
    return {"pk": scan.pk}


def refused(w):
    import datetime

    from jobdesc.instructions.acknowledgements.paper import record_refusal
    from jobdesc.instructions.models import RefusalAct

    if not RefusalAct.objects.filter(acknowledgement=w.acknowledgement).exists():
        record_refusal(
            acknowledgement=w.acknowledgement,
            refused_on=datetime.date.today(),
            witness_one="Первый Свидетель",
            witness_two="Второй Свидетель",
            by=w.hr,
        )
    return {"pk": w.acknowledgement.pk}


TABLE = {
    # A superuser's home is the set-up page it is sent on to.
    "home": get(PEOPLE | {SUPERUSER}, status=None),
    "login": Row("get", frozenset(EVERYONE), status=None),
    # Logging out sends anyone to the login page, which is where a refusal would send them too.
    "logout": post(EVERYONE, status=302),
    "set_language": post(EVERYONE, data={"language": "ru", "next": "/"}),
    # The organisation's structure: HR officers only.
    "orgs:settings": get({HR}),
    "orgs:departments": get({HR}),
    "orgs:department_create": get({HR}),
    "orgs:department_edit": get({HR}, lambda w: {"pk": w.department.pk}),
    "orgs:department_delete": get({HR}, lambda w: {"pk": w.department.pk}),
    "orgs:positions": get({HR}),
    "orgs:position_create": get({HR}),
    "orgs:position_forms": get({HR}, query="?title=Кладовщик"),
    "orgs:position_edit": get({HR}, lambda w: {"pk": w.position.pk}),
    "orgs:position_delete": get({HR}, lambda w: {"pk": w.spare_position.pk}),
    "orgs:employees": get({HR}),
    "orgs:employee_create": get({HR}),
    "orgs:employee_edit": get({HR}, lambda w: {"pk": w.employee_record.pk}),
    # People: invitations and the staff import (HR), sign-in and roles (the administrator).
    "orgs:employee_unlink": post({HR}, lambda w: {"pk": w.employee_record.pk}, status=302),
    "orgs:invite": post({HR}, data=lambda w: {"employee": [w.uninvited.pk]}, status=302),
    "orgs:invitations": get({HR}),
    "orgs:invitation_action": post({HR}, data=lambda w: {"invitation": [w.invitation.pk], "action": "resend"}),
    "orgs:import": get({HR}),
    "orgs:import_template": get({HR}, lambda w: {"kind": "employees", "fmt": "xlsx"}),
    "orgs:import_preview": get({HR}, lambda w: {"pk": w.staff_import.pk}),
    "orgs:import_apply": post({HR}, lambda w: {"pk": w.staff_import.pk}, status=200),
    "orgs:access": get({ADMIN}),
    "accounts:people": get({ADMIN}),
    "accounts:person": get({ADMIN}, lambda w: {"pk": w.agreeing.pk}),
    "accounts:history": get({ADMIN, HR}),
    "accounts:profile": get(LOGGED_IN),
    "password_change": get(LOGGED_IN),
    "password_change_done": get(LOGGED_IN),
    # Public: a forgotten password, an invitation's link (a wrong one answers 410), set-up for superusers.
    "password_reset": get(EVERYONE),
    "password_reset_done": get(EVERYONE),
    "password_reset_confirm": get(EVERYONE, lambda w: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": get(EVERYONE),
    "accept_invitation": get(EVERYONE, lambda w: {"pk": w.invitation.pk, "token": w.invitation_token}, status=None),
    "setup:organisations": get({SUPERUSER}),
    "setup:invite_admin": get({SUPERUSER}, lambda w: {"pk": w.organisation.pk}),
    # The OpenID Connect sign-in is not configured here: it answers 404 to everyone.
    "oidc_authentication_init": get(EVERYONE, status=404),
    "oidc_authentication_callback": get(EVERYONE, status=404),
    # Everyone's inbox; the employee's own instructions and signature.
    "instructions:inbox": get(PEOPLE),
    "instructions:my_instructions": get({EMPLOYEE}),
    "instructions:read": get({EMPLOYEE}, lambda w: {"pk": w.acknowledgement.pk}),
    "instructions:sign": post({EMPLOYEE}, lambda w: {"pk": w.acknowledgement.pk}, {"password": "wrong"}),
    "instructions:ack_dashboard": get({HR}),
    "instructions:remind": post({HR}, data={"ack": ["1"]}),
    "instructions:ack_export": get({HR}, lambda w: {"fmt": "csv"}),
    # Campaigns: HR officers only; every object through the organisation.
    "instructions:campaigns": get({HR}),
    "instructions:campaign": get({HR}, campaign),
    "instructions:campaign_due_date": post({HR}, campaign, {"due_date": "2099-01-01"}, status=302),
    "instructions:campaign_bulk": post({HR}, campaign, lambda w: {"ack": [w.acknowledgement.pk], "action": "remind"}),
    "instructions:campaign_scan": post({HR}, campaign, status=400),
    "instructions:campaign_sheet": get({HR}, campaign, query="?department=none"),
    "instructions:campaign_export": get({HR}, lambda w: {"pk": w.approved.campaign.pk, "fmt": "xlsx"}),
    "instructions:ack_scan": get({HR}, scan_of),
    "instructions:ack_request": get({HR}, lambda w: {"pk": w.acknowledgement.pk}),
    "instructions:ack_refuse": post({HR}, lambda w: {"pk": w.acknowledgement.pk}, status=400),
    "instructions:ack_refusal_act": get({HR}, refused),
    "instructions:ack_leave": post({HR}, lambda w: {"pk": w.acknowledgement.pk}, status=400),
    "instructions:journal": get({HR, APPROVER}),
    "instructions:journal_export": get({HR, APPROVER}, lambda w: {"fmt": "csv"}),
    # A version: seen by everyone in the process, by its employees once it is in force.
    "instructions:start": get({HR}, lambda w: {"position_pk": w.spare_position.pk}),
    "instructions:version": get(MEMBERS, version("approved")),
    "instructions:editor": get({HR}, version("draft")),
    "instructions:preview": get(MEMBERS, version("approved")),
    "instructions:checks": get({HR}, version("draft")),
    "instructions:fix": post({HR}, version("draft"), {"action": "delete", "item": "0"}),
    "instructions:library": get({HR}, version("draft"), query="?section=duties"),
    "instructions:add_item": post(
        {HR}, version("draft"), lambda w: {"section": w.draft_item.section_id, "text": "Пункт."}
    ),
    "instructions:reorder": post({HR}, version("draft"), lambda w: {"section": w.draft_item.section_id}),
    "instructions:edit_item": post({HR}, item(), {"text": "Правка.", "revision": "1"}),
    "instructions:item_action": post({HR}, item("down")),
    "instructions:add_section": post({HR}, version("draft"), {"kind": "skills"}),
    "instructions:remove_section": post({HR}, lambda w: {"pk": w.draft.pk, "section_pk": w.optional_section.pk}),
    "instructions:submit": post({HR}, version("draft")),
    "instructions:agree": post({AGREEING}, version("draft")),
    "instructions:return": post({AGREEING, APPROVER}, version("draft"), {"comment": "Доработайте."}),
    "instructions:approve": post({APPROVER}, version("draft"), {"password": "wrong"}),
    "instructions:withdraw": post({APPROVER}, version("approved"), {"reason": ""}),
    "instructions:new_version": post({HR}, version("approved")),
    "instructions:comment": post({HR, AGREEING, APPROVER}, version("approved"), {"text": "Замечание."}),
    "instructions:diff": get(MEMBERS, lambda w: {"pk": w.approved.pk, "other_pk": w.approved.pk}),
    "instructions:history": get({HR}, version("draft")),
    # Review cycles: the list of instructions due for review and marking one reviewed, HR officers only.
    "instructions:reviews": get({HR}),
    "instructions:mark_reviewed": post({HR}, lambda w: {"pk": w.approved.instruction_id}, status=302),
    "instructions:consistency": get({HR}),
    # The clause library: HR officers only.
    "library:list": get({HR}),
    "library:add": get({HR}),
    "library:detail": get({HR}, lambda w: {"pk": w.clause.pk}),
    "library:edit": get({HR}, lambda w: {"pk": w.clause.pk}),
    "library:retire": post({HR}, lambda w: {"pk": w.clause.pk}),
    "library:restore": post({HR}, lambda w: {"pk": w.clause.pk}),
    "library:duplicates": get({HR}),
    "library:duplicates_merge": post({HR}),
    # A library change carried into the instructions: the preview, the confirmation, the agreements' list.
    "library:revision": get({HR}, clause_revision),
    "library:revision_apply": post({HR}, clause_revision, {"only": "0"}, status=302),
    "library:agreements": get({HR}, clause_revision),
    # Many instructions at once: the upload, its progress, the report and the confirmation.
    "library:import": get({HR}),
    "library:import_batch": get({HR}, lambda w: {"pk": import_batch_of(w).pk}),
    "library:import_progress": get({HR}, lambda w: {"pk": import_batch_of(w).pk}, status=None),
    "library:import_confirm": post({HR}, lambda w: {"pk": import_batch_of(w).pk}),
    # Documents of a version, and the public verification of a printed copy.
    "documents:version_pdf": get(MEMBERS, version("approved")),
    "documents:version_docx": get(MEMBERS, version("approved")),
    "documents:version_copy": get(MEMBERS, version("approved")),
    "documents:original_mode": post({HR}, version("draft"), data={"original_mode": "electronic"}),
    "documents:acknowledgements_pdf": get({HR, APPROVER}, version("approved")),
    "documents:package": get({HR, APPROVER}, version("approved")),
    "documents:audit_certificate": get(MEMBERS, version("approved")),
    # Signatures made outside the app: the approver's of the version, an employee's of their own acknowledgement.
    "documents:upload_signature": post({APPROVER}, version("approved")),
    "documents:upload_acknowledgement_signature": post({EMPLOYEE}, lambda w: {"pk": w.acknowledgement.pk}),
    # The organisation's seal: whoever holds documents.manage_seal, the organisation administrator.
    "documents:seal": get({ADMIN}),
    "documents:seal_remove": post({ADMIN}),
    "documents:verify": get(EVERYONE, lambda w: {"code": w.code}),
    # Mail: HR sees and retries its organisation's failures; the outbox of every e-mail is for superusers only.
    "outbox:problems": get({HR}),
    "outbox:retry_messages": post({HR}, data=lambda w: {"message": [failed_message(w).pk]}),
    "outbox:retry_task": post({HR}, lambda w: {"pk": failed_task_of(w).pk}),
    "outbox:outbox": get({SUPERUSER}),
    "outbox:message": get({SUPERUSER}, lambda w: {"pk": failed_message(w).pk}),
    # The API's pages: its public documentation, a person's own tokens, the administrator's webhooks. The
    # operations of /api/v1/ take tokens, not sessions: tests/hardening/test_api_permission_matrix.py.
    "api:docs": get(EVERYONE),
    "api:tokens": get(LOGGED_IN),
    "api:token_revoke": post({HR}, lambda w: {"pk": api_token_of(w).pk}, status=302),
    "api:webhooks": get({ADMIN}),
    "api:webhook": get({ADMIN}, lambda w: {"pk": webhook_of(w).pk}),
    "api:webhook_test": post({ADMIN}, lambda w: {"pk": webhook_of(w).pk}, status=302),
    "api:webhook_delete": post({ADMIN}, lambda w: {"pk": webhook_of(w).pk}, status=302),
}

# The Django admin is for staff, and none of the product's roles is staff: every page sends to its login,
# except these two, which it serves to anyone.
ADMIN_PUBLIC = {
    "admin:login": Row("get", frozenset(EVERYONE), status=200),
    "admin:logout": post(EVERYONE),
}
# Pages that show an organisation's name by design: the verification of a printed copy, and the superuser's
# list of every organisation.
# The superuser's outbox lists every organisation's e-mails (the invitations of both worlds among them).
SHOWS_ANY_ORGANISATION = {"documents:verify", "setup:organisations", "outbox:outbox"}


def url_patterns(patterns=None, namespace=""):
    """(name with namespace, pattern) of every URL the resolver knows, nested includes followed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or repr(pattern.pattern)
            yield (f"{namespace}:{name}" if namespace else name), pattern


def app_url_names():
    return sorted({name for name, _pattern in url_patterns() if not name.startswith(("admin:", "api-v1:"))})


def client_for(world, role):
    client = Client()
    if role != ANONYMOUS:
        client.force_login(getattr(world, role))
    return client


def _other_world_sees(name, row):
    """Public and superuser pages are the same for everyone: no cross-organisation check applies."""
    return not (row.allowed >= {ANONYMOUS} or row.allowed == {SUPERUSER})


def request(client, row, url, world):
    if row.method == "post":
        return client.post(url, row.data(world) if callable(row.data) else row.data)
    return client.get(url)


def is_refusal(response, role):
    if role == ANONYMOUS:
        return response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
    return response.status_code in (403, 404)


def body_of(response):
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return ""
    return response.content.decode()


def check_row(name, row, world, other_world):
    url = reverse(name, kwargs=row.kwargs(world)) + row.query
    for role in sorted(EVERYONE):
        response = request(client_for(world, role), row, url, world)
        where = f"{row.method.upper()} {url} as {role}: {response.status_code}"
        if role in row.allowed and row.status is not None:
            assert response.status_code == row.status, where
        elif role in row.allowed:
            assert not is_refusal(response, role) and response.status_code < 500, where
        else:
            assert is_refusal(response, role), where
        if name not in SHOWS_ANY_ORGANISATION:
            assert MARKERS["other"] not in body_of(response), f"{where} shows the other organisation"
    if row.kwargs(world) == row.kwargs(other_world) or not _other_world_sees(name, row):
        return  # the URL names no object (a format, or nothing at all), or is the same for everyone
    # The other organisation's objects, through the same URL: nobody of this organisation reaches them ...
    foreign = reverse(name, kwargs=row.kwargs(other_world)) + row.query
    for role in sorted(PEOPLE):
        response = request(client_for(world, role), row, foreign, other_world)
        if name in SHOWS_ANY_ORGANISATION:
            assert response.status_code == 200, f"{foreign} as {role}"
        else:
            assert response.status_code in (403, 404), f"{row.method.upper()} {foreign} as {role} of the other org"
    # ... and the other organisation's people do not reach this one's.
    for role in sorted(PEOPLE):
        response = request(client_for(other_world, role), row, url, world)
        if name not in SHOWS_ANY_ORGANISATION:
            assert response.status_code in (403, 404), f"{row.method.upper()} {url} as {role} of the other org"
            assert MARKERS["own"] not in body_of(response)


def test_every_url_of_the_app_has_a_row_in_the_table():
    assert app_url_names() == sorted(TABLE), "add the new URL to TABLE with the roles that may use it"


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_url_lets_in_only_the_roles_of_its_row(name, world, other_world):
    check_row(name, TABLE[name], world, other_world)


def test_the_admin_sends_every_role_to_its_login_page(world):
    names = sorted({name for name, _pattern in url_patterns() if name.startswith("admin:")})
    assert set(ADMIN_PUBLIC) <= set(names)
    for name, pattern in url_patterns():
        if not name.startswith("admin:"):
            continue
        if name in ADMIN_PUBLIC:
            row = ADMIN_PUBLIC[name]
            url = reverse(name, kwargs=_admin_kwargs(pattern, world))
            for role in sorted(EVERYONE - {SUPERUSER}):
                response = request(client_for(world, role), row, url, world)
                assert response.status_code in (200, 302), f"{url} as {role}"
            continue
        url = _admin_url(name, pattern, world)
        for role in sorted(EVERYONE - {SUPERUSER}):
            response = client_for(world, role).get(url)
            assert response.status_code == 302, f"{url} as {role}: {response.status_code}"
            assert response["Location"].startswith("/admin/login/"), f"{url} as {role}"


def _admin_kwargs(pattern, world):
    """Values for an admin URL's parameters: real objects where the pattern names one."""
    names = set(pattern.pattern.regex.groupindex)
    values = {
        "app_label": "orgs",
        "object_id": str(world.organisation.pk),
        "content_type_id": str(ContentType.objects.get_for_model(Organisation).pk),
    }
    return {key: values.get(key, "1") for key in names}


def _admin_url(name, pattern, world):
    if pattern.name is None:
        # The admin's unnamed catch-all pattern: any path under /admin/ that nothing else matched.
        return "/admin/no-such-page/"
    return reverse(name, kwargs=_admin_kwargs(pattern, world))
