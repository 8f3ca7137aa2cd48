"""A library clause's change reaches the instructions: where used, the preview, one confirmation, the legal gate."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import ClauseUpdate, Comment, Item, Status, Version
from jobdesc.instructions.propagation import services as propagation
from jobdesc.library.models import Clause, ClauseRevision, SectionKind
from jobdesc.orgs.models import Category, Position
from tests.conftest import COMPLETE_SECTIONS, approve_through_workflow, login

OLD = "Несёт материальную ответственность за вверенные ему ценности."
NEW = "Несёт полную материальную ответственность за вверенные ему товарно-материальные ценности."


@pytest.fixture
def duty_clause(organisation):
    return Clause.objects.create(organisation=organisation, section=SectionKind.objects.get(code="duties"), text=OLD)


def instruction_with(position, hr, clause, lawyer=None, approver=None):
    draft = start_draft(position=position, user=hr, sections=COMPLETE_SECTIONS, clause_ids=[clause.pk])
    if approver is None:
        return draft
    return approve_through_workflow(draft, hr, [lawyer], approver)


def posts(organisation, count, manager):
    return [
        Position.objects.create(
            organisation=organisation, title=f"Кладовщик участка {n}", category=Category.SPECIALISTS, reports_to=manager
        )
        for n in range(1, count + 1)
    ]


def edit_clause(client, clause, text, typo_fix=False):
    data = {
        "section": clause.section_id,
        "language": clause.language,
        "text": text,
        "tag_names": "",
        "categories": clause.categories,
        "profession": clause.profession,
    }
    if typo_fix:
        data["typo_fix"] = "on"
    return client.post(reverse("library:edit", args=[clause.pk]), data)


def preview_url(revision):
    return reverse("library:revision", args=[revision.clause_id, revision.number])


def confirm(client, revision, targets=None, **extra):
    page = client.get(preview_url(revision))
    chosen = targets if targets is not None else page.context["applicable"]
    data = {"instruction": [t.instruction.pk for t in chosen], **extra}
    data.update({f"fingerprint-{t.instruction.pk}": t.fingerprint for t in page.context["applicable"]})
    return client.post(reverse("library:revision_apply", args=[revision.clause_id, revision.number]), data)


def texts_of(version):
    return sorted(Item.objects.filter(section__version=version).values_list("text", flat=True))


def test_one_clause_used_by_twenty_instructions_gives_twenty_new_editions_after_one_confirmation(
    organisation, head_of_sales, hr, hr_client, lawyer, approver, duty_clause
):
    in_force = [instruction_with(p, hr, duty_clause, lawyer, approver) for p in posts(organisation, 20, head_of_sales)]
    before = {v.pk: texts_of(v) for v in in_force}

    response = edit_clause(hr_client, duty_clause, NEW)
    revision = ClauseRevision.objects.get(clause=duty_clause)
    assert response["Location"] == preview_url(revision)
    page = hr_client.get(preview_url(revision))
    assert len(page.context["applicable"]) == 20 and page.context["editions"] == 20
    assert Version.objects.filter(status=Status.DRAFT).count() == 0, "the preview creates nothing"
    assert page.content.decode().count("<ins") >= 20

    confirm(hr_client, revision)

    drafts = Version.objects.filter(status=Status.DRAFT).select_related("instruction")
    assert drafts.count() == 20
    for draft in drafts:
        previous = Version.objects.get(instruction=draft.instruction, status=Status.APPROVED)
        expected = sorted(NEW if text == OLD else text for text in before[previous.pk])
        assert texts_of(draft) == expected, "exactly that clause changed"
        assert draft.number == previous.number + 1
        changed = Item.objects.get(section__version=draft, text=NEW)
        assert changed.clause_id == duty_clause.pk
        assert changed.history.first().history_user == hr
    assert ClauseUpdate.objects.filter(revision=revision, kind="edition").count() == 20

    confirm_again = confirm(hr_client, revision, targets=page.context["applicable"])
    assert confirm_again.status_code == 302
    assert Version.objects.filter(status=Status.DRAFT).count() == 20, "not twice for the same revision"


def test_a_draft_is_edited_in_place_and_the_history_says_who_changed_it(
    organisation, position, hr, hr_client, duty_clause
):
    draft = instruction_with(position, hr, duty_clause)
    edit_clause(hr_client, duty_clause, NEW)
    revision = ClauseRevision.objects.get(clause=duty_clause)
    confirm(hr_client, revision)
    item = Item.objects.get(section__version=draft, clause=duty_clause)
    assert item.text == NEW and item.revision == 2
    assert Version.objects.filter(instruction=draft.instruction).count() == 1
    record = item.history.first()
    assert record.history_user == hr and record.text == NEW
    comment = Comment.objects.get(version=draft, item=item)
    assert comment.author == hr and NEW in comment.text and comment.item_text == OLD


def test_adapted_wording_keeps_its_adaptation_when_the_change_is_elsewhere(
    organisation, position, hr, hr_client, duty_clause
):
    draft = instruction_with(position, hr, duty_clause)
    Item.objects.filter(section__version=draft, clause=duty_clause).update(
        text="Несёт материальную ответственность за вверенные ему ценности склада."
    )
    edit_clause(hr_client, duty_clause, NEW)
    revision = ClauseRevision.objects.get(clause=duty_clause)
    (target,) = hr_client.get(preview_url(revision)).context["applicable"]
    (change,) = target.changes
    assert change.merged
    assert change.new_text == (
        "Несёт полную материальную ответственность за вверенные ему товарно-материальные ценности склада."
    )


def test_the_clause_page_lists_drafts_and_instructions_in_force_by_lineage_with_the_difference(
    organisation, position, hr, hr_client, lawyer, approver, duty_clause
):
    from jobdesc.instructions.workflow import services as workflow

    approved = instruction_with(position, hr, duty_clause, lawyer, approver)
    draft = workflow.new_version(version=approved, user=hr)
    adapted = Item.objects.get(section__version=draft, clause=duty_clause)
    # The adapted clause lost its link to the library, but its lineage key still names it.
    Item.objects.filter(pk=adapted.pk).update(text=OLD.replace("ценности", "деньги"), clause=None)
    page = hr_client.get(reverse("library:detail", args=[duty_clause.pk]))
    carriers = page.context["carriers"]
    assert {u.version.pk for u in carriers} == {approved.pk, draft.pk}
    assert [u.adapted for u in carriers if u.version.pk == draft.pk] == [True]
    html = page.content.decode()
    assert "деньги</ins>" in html and "ценности</del>" in html
    form = hr_client.get(reverse("library:edit", args=[duty_clause.pk]))
    assert len(form.context["usages"]) == 2


def test_a_typo_fix_updates_drafts_at_once_and_instructions_in_force_still_wait(
    organisation, position, head_of_sales, hr, hr_client, lawyer, approver, duty_clause
):
    approved = instruction_with(position, hr, duty_clause, lawyer, approver)
    draft = instruction_with(head_of_sales, hr, duty_clause)
    fixed = OLD.replace("ему", "ему,")
    response = edit_clause(hr_client, duty_clause, fixed, typo_fix=True)
    assert Item.objects.get(section__version=draft, clause=duty_clause).text == fixed
    assert Item.objects.get(section__version=approved, clause=duty_clause).text == OLD
    revision = ClauseRevision.objects.get(clause=duty_clause)
    assert response["Location"] == preview_url(revision)
    (target,) = hr_client.get(preview_url(revision)).context["applicable"]
    assert target.action == propagation.Action.EDITION


def test_a_meaningful_edit_leaves_drafts_alone_until_confirmed(organisation, position, hr, hr_client, duty_clause):
    draft = instruction_with(position, hr, duty_clause)
    edit_clause(hr_client, duty_clause, NEW)
    assert Item.objects.get(section__version=draft, clause=duty_clause).text == OLD


def test_one_by_one_applies_only_the_chosen_instruction(
    organisation, head_of_sales, hr, hr_client, lawyer, approver, duty_clause
):
    positions = posts(organisation, 2, head_of_sales)
    first, second = (instruction_with(p, hr, duty_clause, lawyer, approver) for p in positions)
    edit_clause(hr_client, duty_clause, NEW)
    revision = ClauseRevision.objects.get(clause=duty_clause)
    page = hr_client.get(preview_url(revision))
    data = {f"fingerprint-{t.instruction.pk}": t.fingerprint for t in page.context["applicable"]}
    data["only"] = first.instruction_id
    hr_client.post(reverse("library:revision_apply", args=[duty_clause.pk, 1]), data)
    assert Version.objects.filter(status=Status.DRAFT).get().instruction_id == first.instruction_id
    assert [t.instruction.pk for t in hr_client.get(preview_url(revision)).context["applicable"]] == [
        second.instruction_id
    ]


def test_a_draft_changed_after_the_preview_is_not_touched(organisation, position, hr, hr_client, duty_clause):
    draft = instruction_with(position, hr, duty_clause)
    edit_clause(hr_client, duty_clause, NEW)
    revision = ClauseRevision.objects.get(clause=duty_clause)
    page = hr_client.get(preview_url(revision))
    (target,) = page.context["applicable"]
    from jobdesc.instructions.editing.services import edit_item

    item = Item.objects.get(section__version=draft, clause=duty_clause)
    edit_item(version=draft, user=hr, item_id=item.pk, text=OLD + " Лично.", revision=item.revision)
    data = {"instruction": [target.instruction.pk], f"fingerprint-{target.instruction.pk}": target.fingerprint}
    response = hr_client.post(reverse("library:revision_apply", args=[duty_clause.pk, 1]), data, follow=True)
    assert Item.objects.get(pk=item.pk).text == OLD + " Лично."
    assert "инструкция изменилась после просмотра" in response.content.decode()


def test_an_instruction_on_agreement_is_shown_as_blocked(organisation, position, hr, hr_client, lawyer, duty_clause):
    from jobdesc.instructions.workflow import services as workflow

    draft = instruction_with(position, hr, duty_clause)
    workflow.submit(version=draft, user=hr, officials=[lawyer])
    edit_clause(hr_client, duty_clause, NEW)
    revision = ClauseRevision.objects.get(clause=duty_clause)
    page = hr_client.get(preview_url(revision))
    assert [t.action for t in page.context["targets"]] == [propagation.Action.BLOCKED]
    assert page.context["applicable"] == []


def test_editing_a_shared_clause_offers_the_copy_to_the_instructions_carrying_the_shared_one(
    organisation, position, hr, hr_client
):
    shared = Clause.objects.create(section=SectionKind.objects.get(code="rights"), text="Запрашивать информацию.")
    draft = instruction_with(position, hr, shared)
    edit_clause(hr_client, shared, "Запрашивать и получать информацию.")
    copy = Clause.objects.get(organisation=organisation)
    revision = ClauseRevision.objects.get(clause=copy)
    assert revision.origin == shared
    confirm(hr_client, revision)
    item = Item.objects.get(section__version=draft, text="Запрашивать и получать информацию.")
    assert item.clause == copy


def test_the_legal_gate_names_the_employees_who_need_a_supplementary_agreement(
    organisation, position, hr, hr_client, lawyer, approver, employee_user, duty_clause
):
    instruction_with(position, hr, duty_clause, lawyer, approver)
    edit_clause(hr_client, duty_clause, NEW)
    revision = ClauseRevision.objects.get(clause=duty_clause)
    page = hr_client.get(preview_url(revision))
    assert not page.context["agreement_needed"]
    assert "ст. 72" in page.content.decode()

    organisation.instructions_in_contract = True
    organisation.save()
    page = hr_client.get(preview_url(revision))
    assert page.context["agreement_needed"]
    assert "Иванов Иван Иванович" in page.content.decode()
    sheet = hr_client.get(reverse("library:agreements", args=[duty_clause.pk, 1]))
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "Иванов Иван Иванович" and rows[1][-1] == NEW


def test_a_change_outside_the_labour_function_needs_no_agreement(organisation, position, hr, hr_client):
    organisation.instructions_in_contract = True
    organisation.save()
    rights = Clause.objects.create(
        organisation=organisation, section=SectionKind.objects.get(code="rights"), text="Запрашивать информацию."
    )
    instruction_with(position, hr, rights)
    edit_clause(hr_client, rights, "Получать информацию.")
    page = hr_client.get(preview_url(ClauseRevision.objects.get(clause=rights)))
    assert not page.context["agreement_needed"]


def test_no_revision_when_the_text_did_not_change(organisation, position, hr, hr_client, duty_clause):
    instruction_with(position, hr, duty_clause)
    response = edit_clause(hr_client, duty_clause, OLD)
    assert response["Location"] == reverse("library:detail", args=[duty_clause.pk])
    assert not ClauseRevision.objects.exists()


def test_other_roles_and_organisations_cannot_see_or_apply(
    organisation, position, hr, hr_client, lawyer, outsider_client, duty_clause
):
    instruction_with(position, hr, duty_clause)
    edit_clause(hr_client, duty_clause, NEW)
    url = reverse("library:revision", args=[duty_clause.pk, 1])
    apply_url = reverse("library:revision_apply", args=[duty_clause.pk, 1])
    assert login(lawyer).get(url).status_code == 403
    assert login(lawyer).post(apply_url, {"only": "1"}).status_code == 403
    assert outsider_client.get(url).status_code == 404
    assert outsider_client.post(apply_url, {"only": "1"}).status_code == 404
    assert not ClauseUpdate.objects.exists()


@pytest.mark.parametrize(
    ("base", "theirs", "ours", "expected", "merged"),
    [
        ("a b c.", "a x c.", "a b c.", "a x c.", True),
        ("a b c.", "a x c.", "z a b c.", "z a x c.", True),
        ("a b c.", "a x c.", "a y c.", "a x c.", False),
        ("a b c.", "a b c d.", "q a b c.", "q a b c d.", True),
    ],
)
def test_merge(base, theirs, ours, expected, merged):
    assert propagation.merge(base, theirs, ours) == (expected, merged)


def test_many_instructions_are_changed_on_the_worker_in_one_go(
    settings, organisation, head_of_sales, hr, hr_client, duty_clause
):
    from tests.outbox.worker import committed, run_tasks

    settings.PROPAGATION_SYNC_LIMIT = 1
    drafts = [instruction_with(p, hr, duty_clause) for p in posts(organisation, 3, head_of_sales)]
    edit_clause(hr_client, duty_clause, NEW)
    revision = ClauseRevision.objects.get(clause=duty_clause)
    with committed():
        confirm(hr_client, revision)
    assert not ClauseUpdate.objects.exists(), "nothing changes before the worker runs"
    assert hr_client.get(preview_url(revision)).context["in_background"]
    assert run_tasks() == 1
    for draft in drafts:
        assert Item.objects.get(section__version=draft, clause=duty_clause).text == NEW
    page = hr_client.get(preview_url(revision))
    assert not page.context["in_background"] and page.context["applicable"] == []
    assert {t.action for t in page.context["targets"]} == {propagation.Action.DONE}


def test_the_preview_needs_as_many_queries_for_six_instructions_as_for_two(
    organisation, head_of_sales, hr, hr_client, duty_clause
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    positions = posts(organisation, 6, head_of_sales)
    for position in positions[:2]:
        instruction_with(position, hr, duty_clause)
    edit_clause(hr_client, duty_clause, NEW)
    revision = ClauseRevision.objects.get(clause=duty_clause)
    with CaptureQueriesContext(connection) as two:
        assert len(hr_client.get(preview_url(revision)).context["applicable"]) == 2
    for position in positions[2:]:
        # Drafts started before the edit, still with the old wording.
        draft = instruction_with(position, hr, duty_clause)
        Item.objects.filter(section__version=draft, clause=duty_clause).update(text=OLD)
    with CaptureQueriesContext(connection) as six:
        page = hr_client.get(preview_url(revision))
    assert len(page.context["applicable"]) == 6
    assert [c.number for t in page.context["applicable"] for c in t.changes] == ["5.4"] * 6
    assert len(six.captured_queries) == len(two.captured_queries)


def test_an_older_revision_is_never_applied_once_the_clause_changed_again(
    organisation, position, hr, hr_client, duty_clause
):
    draft = instruction_with(position, hr, duty_clause)
    edit_clause(hr_client, duty_clause, NEW)
    first = ClauseRevision.objects.get(clause=duty_clause, number=1)
    stale = hr_client.get(preview_url(first))
    edit_clause(hr_client, duty_clause, NEW + " Ежедневно.")
    data = {f"fingerprint-{t.instruction.pk}": t.fingerprint for t in stale.context["applicable"]}
    data["instruction"] = [t.instruction.pk for t in stale.context["applicable"]]
    response = hr_client.post(reverse("library:revision_apply", args=[duty_clause.pk, 1]), data, follow=True)
    assert response.context["newer"].number == 2
    assert Item.objects.get(section__version=draft, clause=duty_clause).text == OLD
    (target,) = hr_client.get(preview_url(ClauseRevision.objects.get(number=2))).context["applicable"]
    assert target.changes[0].new_text == NEW + " Ежедневно."
