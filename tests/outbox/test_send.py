"""Writing e-mails into the outbox: one row per recipient, in the caller's transaction, delivered after commit."""

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from jobdesc.outbox import services as outbox
from jobdesc.outbox.models import Failure, Message, MessageStatus
from tests.outbox.worker import run_tasks

pytestmark = pytest.mark.django_db


def test_each_recipient_gets_a_message_of_their_own(hr, lawyer, organisation):
    hr.email, lawyer.email = "hr@example.org", "lawyer@example.org"
    created = outbox.send(to=[hr, lawyer, "Lawyer@example.org", "x@example.org"], subject="S", body="B")
    assert [m.to_address for m in created] == ["hr@example.org", "lawyer@example.org", "x@example.org"]
    assert [m.recipient for m in created] == [hr, lawyer, None]
    assert Message.objects.filter(status=MessageStatus.PENDING).count() == 3


def test_people_without_an_address_are_left_out_and_the_rest_still_get_theirs(hr, lawyer):
    lawyer.email = "lawyer@example.org"
    assert [m.to_address for m in outbox.send(to=[hr, lawyer], subject="S", body="B")] == ["lawyer@example.org"]


def test_a_bad_address_fails_its_own_message_at_once_and_nothing_else(organisation):
    created = outbox.send(to=["no-at-sign", "ok@example.org"], subject="S", body="B", organisation=organisation)
    bad, good = created
    assert (bad.status, bad.failure, bad.failed_at is not None) == (MessageStatus.FAILED, Failure.ADDRESS, True)
    assert good.status == MessageStatus.PENDING


def test_the_subject_is_one_line_whatever_the_title_holds():
    message = outbox.send(to="a@example.org", subject="Утвердите\r\nBcc: victim@example.org\x00\tинструкцию", body="B")[
        0
    ]
    assert message.subject == "Утвердите Bcc: victim@example.org инструкцию"
    assert outbox.single_line("x" * 400).endswith("…") and len(outbox.single_line("x" * 400)) == 255


def test_the_link_is_added_to_the_text_unless_it_is_there_already():
    with_link = outbox.send(to="a@example.org", subject="S", body="Read it.", link="https://jobdesc.example/v/1/")[0]
    assert with_link.body == "Read it.\n\nhttps://jobdesc.example/v/1/\n"
    inline = outbox.send(
        to="b@example.org", subject="S", body="See https://x.example/1/ now", link="https://x.example/1/"
    )
    assert inline[0].body == "See https://x.example/1/ now\n"
    assert outbox.send(to="c@example.org", subject="S", body="B", link="javascript:alert(1)")[0].link == ""


def test_a_rolled_back_step_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outbox.send(to="a@example.org", subject="S", body="B")
        raise RuntimeError("the step failed")
    assert callbacks == [] and not Message.objects.exists() and not DBTaskResult.objects.exists()


def test_a_committed_step_enqueues_its_delivery_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outbox.send(to="a@example.org", subject="S", body="B")
        assert not DBTaskResult.objects.exists(), "nothing is enqueued before the commit"
    for callback in callbacks:
        callback()
    assert DBTaskResult.objects.count() == 1
    run_tasks()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert Message.objects.get().status == MessageStatus.SENT


def test_mailing_a_thousand_people_is_a_bulk_insert_and_twenty_tasks(django_capture_on_commit_callbacks, settings):
    settings.OUTBOX_BATCH_SIZE = 50
    addresses = [f"employee{n}@example.org" for n in range(1000)]
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        outbox.send(to=addresses, subject="Ознакомьтесь", body="Текст")
    statements = [
        query["sql"] for query in queries.captured_queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    inserts = [sql for sql in statements if sql.startswith('INSERT INTO "outbox_message"')]
    # As many inserts as the database takes rows in one statement (SQLite: 999 parameters), one per task.
    assert 1 <= len(inserts) <= 1000 // 50 and len(statements) == len(inserts) + 20
    assert Message.objects.count() == 1000
    assert DBTaskResult.objects.count() == 20


def test_letters_of_their_own_go_in_one_insert(django_assert_num_queries):
    letters = [outbox.Letter(f"p{n}@example.org", f"Subject {n}", f"Body {n}") for n in range(30)]
    with django_assert_num_queries(1):
        created = outbox.send_each(letters, kind="signature_reminder")
    assert [m.subject for m in created][:2] == ["Subject 0", "Subject 1"] and created[0].kind == "signature_reminder"
