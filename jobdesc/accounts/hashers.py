"""The password hasher of logins: Argon2id with costs chosen by measurement (README, «Performance»).

Django's default, PBKDF2 at 1 000 000 iterations, costs one core about 0.2 to 1 s per login on the
2-core servers this app runs on: fifty people logging in at once queue behind each other and every
other request waits behind them. Argon2id is memory-hard, so a GPU or ASIC attacker gains far less
over a server than against PBKDF2; OWASP's Password Storage Cheat Sheet counts 19 MiB with 2 passes
as strong as PBKDF2-SHA256 at 600 000 iterations. These costs keep Django's margin over that
minimum (1 000 000 / 600 000, here 32 MiB with 2 passes against 19 MiB) at under a third of the
CPU time. One lane: a login is one request and gets one core; more lanes would only take a second core
from another request.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class LoginArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with 32 MiB of memory, 2 passes and 1 lane; hashes made with other costs are redone at login."""

    memory_cost = 32 * 1024  # KiB
    time_cost = 2
    parallelism = 1
