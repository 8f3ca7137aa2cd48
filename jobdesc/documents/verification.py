"""Verification codes printed on approved documents, and the check of an uploaded copy.

A code is computed, not stored: eight characters are the version's id passed through a keyed
permutation (a small Feistel network over 40 bits, so the id can be recovered without a lookup
table and is not disclosed), and two more are a keyed checksum that catches typing errors. Codes
depend on DOCUMENT_VERIFICATION_KEY (else SECRET_KEY): changing the key orphans every printed code.
"""

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

import segno
from django.conf import settings

from jobdesc.instructions.models import Version

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is unambiguous.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TYPO_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1"})
HALF_BITS = 20
HALF_MASK = (1 << HALF_BITS) - 1
ROUNDS = 4
ID_CHARS, CHECK_CHARS = 8, 2
CODE_LENGTH = ID_CHARS + CHECK_CHARS
UPLOAD_LIMIT = 10 * 1024 * 1024


def _key() -> bytes:
    secret = getattr(settings, "DOCUMENT_VERIFICATION_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(b"jobdesc.documents.verification:" + secret.encode()).digest()


def _mac(label: str, value: int) -> int:
    return int.from_bytes(hmac.new(_key(), f"{label}:{value}".encode(), hashlib.sha256).digest()[:4], "big")


def _permute(number: int) -> int:
    left, right = number >> HALF_BITS, number & HALF_MASK
    for index in range(ROUNDS):
        left, right = right, left ^ (_mac(f"round{index}", right) & HALF_MASK)
    return (left << HALF_BITS) | right


def _unpermute(number: int) -> int:
    left, right = number >> HALF_BITS, number & HALF_MASK
    for index in reversed(range(ROUNDS)):
        left, right = right ^ (_mac(f"round{index}", left) & HALF_MASK), left
    return (left << HALF_BITS) | right


def _encode(number: int, length: int) -> str:
    chars = []
    for _ in range(length):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def _decode(text: str) -> int:
    number = 0
    for char in text:
        number = number * 32 + ALPHABET.index(char)
    return number


def code_for(version) -> str:
    """The version's code, or "" for a version still in work (a draft is never verifiable)."""
    if not version.is_frozen:
        return ""
    return code_for_pk(version.pk)


def code_for_pk(pk: int) -> str:
    scrambled = _permute(pk)
    return _encode(scrambled, ID_CHARS) + _encode(_mac("check", pk) % 32**CHECK_CHARS, CHECK_CHARS)


def normalise(code: str) -> str:
    return code.upper().replace("-", "").replace(" ", "").translate(TYPO_FIXES)


def pk_from_code(code: str) -> int | None:
    """The version id a code stands for, or None when it is not a valid code."""
    code = normalise(code)
    if len(code) != CODE_LENGTH or any(char not in ALPHABET for char in code):
        return None
    pk = _unpermute(_decode(code[:ID_CHARS]))
    return pk if hmac.compare_digest(code_for_pk(pk), code) else None


def version_for_code(code: str):
    """The frozen version a code was printed on, with what the verification page shows; None if unknown."""
    pk = pk_from_code(code)
    if pk is None:
        return None
    return (
        Version.objects.frozen()
        .select_related("instruction__organisation", "instruction__position", "journal_entry")
        .filter(pk=pk)
        .first()
    )


@dataclass
class CheckResult:
    genuine: bool
    sha256: str


def check_upload(version, upload) -> CheckResult:
    """Compare an uploaded file with the stored PDF of the version by SHA-256; nothing is kept."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    return CheckResult(bool(version.pdf_sha256) and hmac.compare_digest(sha256, version.pdf_sha256), sha256)


# Encoding a QR code (choosing the best of eight masks) costs more than laying out a page's footer; an
# address is one version's, so each is encoded once per process. A thousand entries are about 1 MB.
@lru_cache(maxsize=1024)
def qr_data_uri(url: str) -> str:
    """The QR code of the verification address as a PNG data: URI, one pixel per module.

    A bitmap drawn once and reused by every page is far cheaper for WeasyPrint than an SVG path it
    redraws on each page; the stylesheet sets its resolution and keeps it unsmoothed, so the
    modules print sharp.
    """
    return segno.make(url, error="m", micro=False).png_data_uri(scale=1, border=0)
