"""The mail stage times the approval in a process made ready as a server's worker is."""

import gc

from jobdesc.bench import mail
from tests.conftest import login


def test_the_process_is_made_ready_and_has_served_a_page_before_the_approval_is_timed(hr):
    client = login(hr)
    try:
        mail.ready_as_a_server(client)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
