"""Malformed files for the hostile-input property test: broken archives, XML bombs, wrong magic numbers."""

import io
import zipfile


def _zip(parts: dict) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return output.getvalue()


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY a{n} "{("&a" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
    + "]><w:document><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
)

MALFORMED_FILES = {
    "empty": b"",
    "nul bytes": b"\x00" * 4096,
    "truncated zip": _zip({"word/document.xml": "<w:document>"})[:-30],
    "zip without content types": _zip({"word/document.xml": "<w:document><w:body/></w:document>"}),
    "entity expansion": _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": _LAUGHS}),
    "truncated xml": _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document><w:body><w:p>"}),
    "fake pdf": b"%PDF-1.7\n" + b"\xff" * 200,
    "fake png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
    "text with control characters": "Должностная инструкция\x01\x02\r\n1. Общие\x0b положения".encode(),
    "cp1251 garbage": "Привет".encode("cp1251") + b"\x98\x81",
    "html with script": b"<html><script>alert(1)</script><p>1. Text</p></html>",
    "csv with formulas": "Подразделение;Должность;Количество ставок\n=1+1;@SUM(A1);-5\n".encode(),
}
