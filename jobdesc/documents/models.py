"""The evidence kept beside a stored PDF: signatures made outside the app, and the organisation's seal.

A signature, once stored, never changes and is never deleted: `save()` of a stored row, `delete()`
and queryset `update()`/`delete()` all refuse. A seal is replaced or removed, never edited; removing
it erases its private key and keeps the certificate, so the PDFs it sealed can still be explained.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .cms import CryptoCheck, digest_label
from .errors import EvidenceError


class SignerRole(models.TextChoices):
    APPROVER = "approver", _("approver")
    EMPLOYEE = "employee", _("employee")


class CryptoCheckChoices(models.TextChoices):
    VERIFIED = CryptoCheck.VERIFIED, _("verified")
    NOT_PERFORMED = CryptoCheck.NOT_PERFORMED, _("not performed")


class ExternalSignatureQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise EvidenceError(_("A stored signature can never be changed."))

    def delete(self):
        raise EvidenceError(_("A stored signature can never be deleted."))


class ExternalSignature(models.Model):
    """A detached CMS signature of a version's stored PDF, uploaded by the approver or an employee."""

    version = models.ForeignKey("instructions.Version", on_delete=models.PROTECT, related_name="external_signatures")
    acknowledgement = models.ForeignKey(
        "instructions.Acknowledgement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="external_signatures",
    )
    role = models.CharField(_("signed as"), max_length=10, choices=SignerRole.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"))
    file_name = models.CharField(_("file name"), max_length=200)
    # The file exactly as uploaded (DER, PEM or base64) and its SHA-256: the evidence itself.
    content = models.BinaryField(_("signature file"))
    sha256 = models.CharField(_("SHA-256 of the signature file"), max_length=64)
    pdf_sha256 = models.CharField(_("SHA-256 of the signed PDF"), max_length=64)
    digest_algorithm = models.CharField(_("digest algorithm"), max_length=40)
    signature_algorithm = models.CharField(_("signature algorithm"), max_length=40)
    signing_time = models.DateTimeField(_("time of signing"), null=True, blank=True)
    signing_time_source = models.CharField(_("source of the time of signing"), max_length=10, blank=True)
    crypto_check = models.CharField(_("cryptographic check"), max_length=20, choices=CryptoCheckChoices.choices)
    crypto_note = models.TextField(_("about the check"), blank=True)
    certificate = models.BinaryField(_("signer's certificate"))
    subject = models.TextField(_("certificate subject"))
    subject_name = models.CharField(_("name in the certificate"), max_length=300, blank=True)
    snils = models.CharField(_("SNILS"), max_length=20, blank=True)
    inn = models.CharField(_("INN"), max_length=20, blank=True)
    ogrn = models.CharField(_("OGRN"), max_length=20, blank=True)
    issuer = models.TextField(_("certificate issuer"))
    serial = models.CharField(_("certificate serial number"), max_length=100)
    valid_from = models.DateTimeField(_("certificate valid from"))
    valid_until = models.DateTimeField(_("certificate valid until"))
    # Whether the certificate's name carries the surname of the person who uploaded it (shown, not enforced).
    name_matches = models.BooleanField(_("name matches the signer"), default=False)

    objects = ExternalSignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("external signature")
        verbose_name_plural = _("external signatures")
        ordering = ["version", "uploaded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "sha256"], name="external_signature_once_per_version"),
            models.CheckConstraint(condition=Q(role__in=["approver", "employee"]), name="external_signature_role"),
            models.CheckConstraint(
                condition=Q(crypto_check__in=["verified", "not_performed"]), name="external_signature_check"
            ),
            models.CheckConstraint(
                condition=Q(role="approver", acknowledgement__isnull=True)
                | Q(role="employee", acknowledgement__isnull=False),
                name="external_signature_role_matches_link",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name or self.serial} — {self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise EvidenceError(_("A stored signature can never be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EvidenceError(_("A stored signature can never be deleted."))

    @property
    def digest_label(self) -> str:
        return digest_label(self.digest_algorithm)

    @property
    def is_verified(self) -> bool:
        return self.crypto_check == CryptoCheck.VERIFIED


class OrganisationSealQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed_at__isnull=True)


class OrganisationSeal(models.Model):
    """The organisation's own certificate and key, with which stored PDFs are sealed (PAdES) on approval."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="seals")
    certificate = models.BinaryField(_("certificate"))
    # Other certificates of the PKCS#12 file (the issuing CA's), embedded in each seal: DER, one after another.
    chain = models.BinaryField(_("certificate chain"), blank=True, default=b"")
    # The private key as PKCS#8, encrypted with DOCUMENT_SEAL_KEY (Fernet); emptied when the seal is removed.
    private_key = models.BinaryField(_("encrypted private key"), blank=True, default=b"")
    subject = models.TextField(_("certificate subject"))
    issuer = models.TextField(_("certificate issuer"))
    serial = models.CharField(_("certificate serial number"), max_length=100)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"))
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = OrganisationSealQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation seal")
        verbose_name_plural = _("organisation seals")
        ordering = ["organisation", "-uploaded_at"]
        permissions = [("manage_seal", _("Can upload and remove the organisation's seal"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(removed_at__isnull=True), name="one_active_seal_per_organisation"
            ),
        ]

    def __str__(self):
        return self.subject


class SealedPdf(models.Model):
    """A version whose stored PDF carries the organisation's seal, and which seal it was."""

    version = models.OneToOneField("instructions.Version", on_delete=models.PROTECT, related_name="seal_record")
    seal = models.ForeignKey(OrganisationSeal, on_delete=models.PROTECT, related_name="sealed_pdfs")
    sealed_at = models.DateTimeField(_("sealed"))

    class Meta:
        verbose_name = _("sealed PDF")
        verbose_name_plural = _("sealed PDFs")

    def __str__(self):
        return f"{self.version} — {self.seal}"
