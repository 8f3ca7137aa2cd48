"""Each person's inbox: the versions waiting for their step, and only those."""

from django.urls import reverse

from jobdesc.instructions.workflow import services as workflow
from tests.conftest import login


def test_each_inbox_shows_what_waits_for_its_owner(complete_draft, hr, lawyer, approver):
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    lawyer_inbox = login(lawyer).get(reverse("instructions:inbox")).content.decode()
    approver_inbox = login(approver).get(reverse("instructions:inbox")).content.decode()
    assert "Менеджер по работе с клиентами" in lawyer_inbox
    assert "Менеджер по работе с клиентами" not in approver_inbox
    workflow.agree(version=complete_draft, user=lawyer)
    assert "Менеджер по работе с клиентами" in login(approver).get(reverse("instructions:inbox")).content.decode()
    assert "Менеджер по работе с клиентами" not in login(lawyer).get(reverse("instructions:inbox")).content.decode()
