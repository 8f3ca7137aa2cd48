"""The password hasher of logins: Argon2id with costs chosen by measurement (README, «Performance»).

Django's default, PBKDF2 at 1 000 000 iterations, costs one core about 0.2 to 1 s per login on the
2-core servers this app runs on: fifty people logging in at once queue behind each other and every
other request waits behind them. Argon2id is memory-hard, so a GPU or ASIC attacker gains far less
over a server than against PBKDF2; OWASP's Password Storage Cheat Sheet counts 19 MiB with 2 passes
as strong as PBKDF2-SHA256 at 600 000 iterations. These costs keep Django's margin over that
minimum (1 000 000 / 600 000, here 32 MiB with 2 passes against 19 MiB) at under a third of the
CPU time. One lane: a login is one request and gets one core; more lanes would only take a second core
from another request.

Even so, the hashes of a burst of logins share the cores with every other request, and the kernel gives
each running thread an equal share: with two cores hashing, a page took 2.4–2.8 times as long as after
the burst. So the hash runs in a thread of its own at a lower scheduling priority (a higher nice value; on
Linux it is set per thread): on an idle core it runs as fast as before, and when the cores are busy, the
other requests go first. The strength of the hash is the same; only logins wait, and only while the
server is busy.
"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth.hashers import Argon2PasswordHasher

# How far below the process's other threads the hashing thread runs, in nice steps (up to nice 19): 10
# steps give a request about nine tenths of a busy core and the hash the rest.
HASHING_NICENESS = 10

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _lower_priority() -> None:
    """Make the calling thread yield to the others; where threads have no priority of their own, do nothing."""
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread, min(19, os.getpriority(os.PRIO_PROCESS, thread) + HASHING_NICENESS))
    except (AttributeError, OSError):
        pass


def hashing_pool() -> ThreadPoolExecutor:
    """This process's hashing thread, made on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="password-hash", initializer=_lower_priority)
        return _pool


def _forget_pool() -> None:
    """A forked child (a gunicorn worker) has none of its parent's threads: it makes its own on first use."""
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_pool)


class LoginArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with 32 MiB of memory, 2 passes and 1 lane; hashes made with other costs are redone at login.

    The hash is computed in the low-priority hashing thread; argon2's C code releases the interpreter
    while it works, so the request's thread just waits for it.
    """

    memory_cost = 32 * 1024  # KiB
    time_cost = 2
    parallelism = 1

    def encode(self, password, salt):
        return hashing_pool().submit(super().encode, password, salt).result()

    def verify(self, password, encoded):
        return hashing_pool().submit(super().verify, password, encoded).result()
