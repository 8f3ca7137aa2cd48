"""A real OpenLDAP server (Debian's slapd) for the tests, on a free loopback port with a throwaway configuration."""

import shutil
import subprocess
import time
from pathlib import Path

import ldap3

from jobdesc.bench.load import free_port

SUFFIX = "dc=lutik,dc=example"
ROOT_DN, ROOT_PASSWORD = f"cn=admin,{SUFFIX}", "directory-secret"
PEOPLE = f"ou=people,{SUFFIX}"
SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"

CONFIG = """include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {folder}/slapd.pid
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {folder}/data
access to attrs=userPassword by anonymous auth by * none
access to * by * read
"""


class Directory:
    def __init__(self, folder: Path):
        self.folder, self.port, self.process = folder, free_port(), None

    @property
    def uri(self):
        return f"ldap://127.0.0.1:{self.port}"

    def start(self):
        (self.folder / "data").mkdir(parents=True)
        config = self.folder / "slapd.conf"
        config.write_text(
            CONFIG.format(folder=self.folder, suffix=SUFFIX, root_dn=ROOT_DN, root_password=ROOT_PASSWORD)
        )
        self.process = subprocess.Popen(
            [SLAPD, "-f", str(config), "-h", f"{self.uri}/", "-d", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"slapd stopped: {self.process.stderr.read().decode()[-2000:]}")
            try:
                connection = ldap3.Connection(ldap3.Server(self.uri), ROOT_DN, ROOT_PASSWORD, auto_bind=True)
            except ldap3.core.exceptions.LDAPException:
                time.sleep(0.1)
                continue
            connection.add(SUFFIX, ["dcObject", "organization"], {"o": "Лютик", "dc": "lutik"})
            connection.add(PEOPLE, ["organizationalUnit"], {"ou": "people"})
            connection.unbind()
            return self
        raise RuntimeError("slapd did not answer in 15 s")

    def add_person(self, uid, password, mail, surname="Лютикова", name="Анна"):
        connection = ldap3.Connection(ldap3.Server(self.uri), ROOT_DN, ROOT_PASSWORD, auto_bind=True)
        connection.add(
            f"uid={uid},{PEOPLE}",
            ["inetOrgPerson"],
            {"cn": f"{name} {surname}", "sn": surname, "givenName": name, "mail": mail, "userPassword": password},
        )
        assert connection.result["result"] == 0, connection.result
        connection.unbind()

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
