"""URLs of instructions: starting drafts, the editor, the approval process, the journal."""

from django.urls import path

from . import (
    ack_views,
    acknowledgements_views,
    consistency_views,
    journal_views,
    process_views,
    review_views,
    views,
)

app_name = "instructions"
urlpatterns = [
    path("inbox/", process_views.inbox, name="inbox"),
    path("mine/", ack_views.my_instructions, name="my_instructions"),
    path("mine/<int:pk>/", ack_views.read, name="read"),
    path("mine/<int:pk>/sign/", ack_views.sign, name="sign"),
    path("acknowledgements/", ack_views.dashboard, name="ack_dashboard"),
    path("acknowledgements/remind/", ack_views.remind, name="remind"),
    path("acknowledgements/export.<str:fmt>", ack_views.export_sheet, name="ack_export"),
    path("acknowledgements/campaigns/", acknowledgements_views.campaigns, name="campaigns"),
    path("acknowledgements/campaigns/<int:pk>/", acknowledgements_views.campaign, name="campaign"),
    path(
        "acknowledgements/campaigns/<int:pk>/due-date/",
        acknowledgements_views.campaign_due_date,
        name="campaign_due_date",
    ),
    path("acknowledgements/campaigns/<int:pk>/bulk/", acknowledgements_views.campaign_bulk, name="campaign_bulk"),
    path("acknowledgements/campaigns/<int:pk>/scan/", acknowledgements_views.campaign_scan, name="campaign_scan"),
    path("acknowledgements/campaigns/<int:pk>/sheet.pdf", acknowledgements_views.campaign_sheet, name="campaign_sheet"),
    path(
        "acknowledgements/campaigns/<int:pk>/export.<str:fmt>",
        acknowledgements_views.campaign_export,
        name="campaign_export",
    ),
    path("acknowledgements/scans/<int:pk>/", acknowledgements_views.scan_file, name="ack_scan"),
    path("acknowledgements/requests/<int:pk>/", acknowledgements_views.request_page, name="ack_request"),
    path("acknowledgements/requests/<int:pk>/refuse/", acknowledgements_views.refuse, name="ack_refuse"),
    path(
        "acknowledgements/requests/<int:pk>/refusal-act.pdf", acknowledgements_views.refusal_act, name="ack_refusal_act"
    ),
    path("acknowledgements/requests/<int:pk>/leave/", acknowledgements_views.leave, name="ack_leave"),
    path("journal/", journal_views.journal_page, name="journal"),
    path("journal/export.<str:fmt>", journal_views.journal_export, name="journal_export"),
    path("position/<int:position_pk>/start/", views.start, name="start"),
    path("version/<int:pk>/", process_views.version_page, name="version"),
    path("version/<int:pk>/edit/", views.editor, name="editor"),
    path("version/<int:pk>/preview/", views.preview, name="preview"),
    path("version/<int:pk>/checks/", views.checks, name="checks"),
    path("version/<int:pk>/checks/fix/", views.fix, name="fix"),
    path("version/<int:pk>/library/", views.library, name="library"),
    path("version/<int:pk>/items/add/", views.add_item, name="add_item"),
    path("version/<int:pk>/items/reorder/", views.reorder, name="reorder"),
    path("version/<int:pk>/items/<int:item_pk>/edit/", views.edit_item, name="edit_item"),
    path("version/<int:pk>/items/<int:item_pk>/<slug:action>/", views.item_action, name="item_action"),
    path("version/<int:pk>/sections/add/", views.add_section, name="add_section"),
    path("version/<int:pk>/sections/<int:section_pk>/remove/", views.remove_section, name="remove_section"),
    path("version/<int:pk>/submit/", process_views.submit, name="submit"),
    path("version/<int:pk>/agree/", process_views.agree, name="agree"),
    path("version/<int:pk>/return/", process_views.return_version, name="return"),
    path("version/<int:pk>/approve/", process_views.approve, name="approve"),
    path("version/<int:pk>/withdraw/", process_views.withdraw, name="withdraw"),
    path("version/<int:pk>/new-version/", process_views.start_new_version, name="new_version"),
    path("version/<int:pk>/comment/", process_views.comment, name="comment"),
    path("version/<int:pk>/diff/<int:other_pk>/", process_views.diff, name="diff"),
    path("version/<int:pk>/history/", process_views.history, name="history"),
    path("reviews/", review_views.review_list, name="reviews"),
    path("reviews/<int:pk>/reviewed/", review_views.mark_reviewed, name="mark_reviewed"),
    path("consistency/", consistency_views.consistency_report, name="consistency"),
]
