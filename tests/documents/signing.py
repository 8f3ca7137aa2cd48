"""Test certificates and detached CMS signatures made with `cryptography`, as signing software would make them."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from cryptography.x509.oid import NameOID, ObjectIdentifier

SNILS = ObjectIdentifier("1.2.643.100.3")
INN = ObjectIdentifier("1.2.643.3.131.1.1")
OGRN = ObjectIdentifier("1.2.643.100.1")
UTC = datetime.UTC


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ec_key():
    return ec.generate_private_key(ec.SECP256R1())


def certificate(key, *, surname="Петров", given="Сергей Николаевич", start=None, days=365, issuer_key=None, extra=()):
    """A certificate with the attributes of a Russian qualified one (SNILS, INN), self-signed unless an issuer key."""
    start = start or datetime.datetime.now(UTC) - datetime.timedelta(days=1)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{surname} {given}"),
            x509.NameAttribute(NameOID.SURNAME, surname),
            x509.NameAttribute(NameOID.GIVEN_NAME, given),
            x509.NameAttribute(SNILS, "11223344595"),
            x509.NameAttribute(INN, "770123456789"),
            *extra,
        ]
    )
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Тестовый удостоверяющий центр")])
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(issuer_key or key, hashes.SHA256())
    )


def detached(data: bytes, key, cert, *, encoding=serialization.Encoding.DER, pss=False, attributes=True) -> bytes:
    """A detached signature of `data`, as `openssl cms -sign -binary -outform DER` makes it."""
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data)
    if pss:
        pss_padding = padding.PSS(padding.MGF1(hashes.SHA256()), padding.PSS.DIGEST_LENGTH)
        builder = builder.add_signer(cert, key, hashes.SHA256(), rsa_padding=pss_padding)
    else:
        builder = builder.add_signer(cert, key, hashes.SHA256())
    options = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
    if not attributes:
        options.append(pkcs7.PKCS7Options.NoAttributes)
    return builder.sign(encoding, options)


def attached(data: bytes, key, cert) -> bytes:
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(data)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )


def pkcs12_file(key, cert, password: str, cas=()) -> bytes:
    encryption = serialization.BestAvailableEncryption(password.encode()) if password else serialization.NoEncryption()
    return pkcs12.serialize_key_and_certificates(b"seal", key, cert, list(cas) or None, encryption)
