"""The zip container of .docx and .odt files, opened with limits, and the XML inside it parsed safely."""

import io
import zipfile

from django.utils.translation import gettext as _
from lxml import etree

from ..errors import ImporterError

ZIP_MAGIC = b"PK\x03\x04"
# A zip's unpacked content can be far larger than the file (a «zip bomb»), so it is capped too.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 2000
# No DTD, no entities, no network: an XML part can neither expand nor fetch anything.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class Archive:
    def __init__(self, name: str, archive: zipfile.ZipFile):
        self.name = name
        self.zip = archive
        self.names = set(archive.namelist())

    def has(self, member: str) -> bool:
        return member in self.names

    def read(self, member: str) -> bytes:
        try:
            with self.zip.open(member) as handle:
                data = handle.read(MAX_UNPACKED_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
            raise ImporterError(_("%(name)s is damaged and cannot be unpacked.") % {"name": self.name}) from error
        if len(data) > MAX_UNPACKED_BYTES:
            raise ImporterError(_("%(name)s unpacks to too much data.") % {"name": self.name})
        return data

    def mimetype(self) -> str:
        return self.read("mimetype").decode("ascii", "replace").strip() if self.has("mimetype") else ""

    def xml(self, member: str, required: bool = True):
        """The root element of an XML part (None for a missing optional part)."""
        if not self.has(member):
            if required:
                raise ImporterError(_("%(name)s has no %(part)s; it is damaged.") % {"name": self.name, "part": member})
            return None
        return parse_xml(self.name, self.read(member))


def parse_xml(name: str, data: bytes):
    try:
        root = etree.fromstring(data, PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise ImporterError(_("%(name)s is damaged: its XML is not well-formed.") % {"name": name}) from error
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        # Office files never carry a document type; one that does is built to expand entities.
        raise ImporterError(_("%(name)s contains a document type declaration, which is refused.") % {"name": name})
    return root


def open_archive(name: str, data: bytes) -> Archive:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ImporterError(_("%(name)s is not a valid .docx or .odt file.") % {"name": name}) from error
    if len(infos) > MAX_MEMBERS or sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise ImporterError(_("%(name)s unpacks to too much data.") % {"name": name})
    return Archive(name, archive)
