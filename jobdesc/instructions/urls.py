"""URLs of instructions: starting drafts, the editor, the approval process, the journal; the pages of it that
hand out documents (the preview, the campaign's papers) are added to this namespace by jobdesc/urls.py from
jobdesc/documents/instruction_urls.py."""

from django.urls import path

from jobdesc.instructions.acknowledgements import campaign_views
from jobdesc.instructions.acknowledgements import views as signing
from jobdesc.instructions.consistency import views as consistency
from jobdesc.instructions.diff import views as diff
from jobdesc.instructions.drafting import views as drafting
from jobdesc.instructions.editing import views as editing
from jobdesc.instructions.journal import views as journal
from jobdesc.instructions.reviews import views as reviews
from jobdesc.instructions.workflow import views as workflow

app_name = "instructions"
urlpatterns = [
    path("inbox/", workflow.inbox, name="inbox"),
    path("mine/", signing.my_instructions, name="my_instructions"),
    path("mine/<int:pk>/", signing.read, name="read"),
    path("mine/<int:pk>/sign/", signing.sign, name="sign"),
    path("acknowledgements/", signing.dashboard, name="ack_dashboard"),
    path("acknowledgements/remind/", signing.remind, name="remind"),
    path("acknowledgements/export.<str:fmt>", signing.export_sheet, name="ack_export"),
    path("acknowledgements/campaigns/", campaign_views.campaigns, name="campaigns"),
    path("acknowledgements/campaigns/<int:pk>/", campaign_views.campaign, name="campaign"),
    path(
        "acknowledgements/campaigns/<int:pk>/due-date/",
        campaign_views.campaign_due_date,
        name="campaign_due_date",
    ),
    path("acknowledgements/campaigns/<int:pk>/bulk/", campaign_views.campaign_bulk, name="campaign_bulk"),
    path("acknowledgements/campaigns/<int:pk>/scan/", campaign_views.campaign_scan, name="campaign_scan"),
    path("acknowledgements/scans/<int:pk>/", campaign_views.scan_file, name="ack_scan"),
    path("acknowledgements/requests/<int:pk>/", campaign_views.request_page, name="ack_request"),
    path("acknowledgements/requests/<int:pk>/refuse/", campaign_views.refuse, name="ack_refuse"),
    path("acknowledgements/requests/<int:pk>/refusal-act.pdf", campaign_views.refusal_act, name="ack_refusal_act"),
    path("acknowledgements/requests/<int:pk>/leave/", campaign_views.leave, name="ack_leave"),
    path("journal/", journal.journal_page, name="journal"),
    path("journal/export.<str:fmt>", journal.journal_export, name="journal_export"),
    path("position/<int:position_pk>/start/", drafting.start, name="start"),
    path("version/<int:pk>/", workflow.version_page, name="version"),
    path("version/<int:pk>/edit/", editing.editor, name="editor"),
    path("version/<int:pk>/checks/", editing.checks, name="checks"),
    path("version/<int:pk>/checks/fix/", editing.fix, name="fix"),
    path("version/<int:pk>/library/", editing.library, name="library"),
    path("version/<int:pk>/items/add/", editing.add_item, name="add_item"),
    path("version/<int:pk>/items/reorder/", editing.reorder, name="reorder"),
    path("version/<int:pk>/items/<int:item_pk>/edit/", editing.edit_item, name="edit_item"),
    path("version/<int:pk>/items/<int:item_pk>/<slug:action>/", editing.item_action, name="item_action"),
    path("version/<int:pk>/sections/add/", editing.add_section, name="add_section"),
    path("version/<int:pk>/sections/<int:section_pk>/remove/", editing.remove_section, name="remove_section"),
    path("version/<int:pk>/submit/", workflow.submit, name="submit"),
    path("version/<int:pk>/agree/", workflow.agree, name="agree"),
    path("version/<int:pk>/return/", workflow.return_version, name="return"),
    path("version/<int:pk>/approve/", workflow.approve, name="approve"),
    path("version/<int:pk>/withdraw/", workflow.withdraw, name="withdraw"),
    path("version/<int:pk>/new-version/", workflow.start_new_version, name="new_version"),
    path("version/<int:pk>/comment/", workflow.comment, name="comment"),
    path("version/<int:pk>/diff/<int:other_pk>/", diff.diff, name="diff"),
    path("version/<int:pk>/history/", workflow.history, name="history"),
    path("reviews/", reviews.review_list, name="reviews"),
    path("reviews/<int:pk>/reviewed/", reviews.mark_reviewed, name="mark_reviewed"),
    path("consistency/", consistency.consistency_report, name="consistency"),
]
