"""The text of a document, for the data-loss check: plain text, PDF (through pypdf) and the
XML inside office files. No Django. What cannot be read yields no text, and the caller says so
(a share of a file whose text could not be checked needs a reason like any warning)."""

import io
import re
import zipfile
from html import unescape

from pypdf import PdfReader

_TAG = re.compile(r"<[^>]+>")
_OFFICE_TEXT_PARTS = re.compile(
    r"^(word/(document|header\d*|footer\d*|footnotes|comments)\.xml|xl/sharedStrings\.xml|"
    r"xl/worksheets/sheet\d+\.xml|content\.xml)$"
)
# A cap on the text looked at, so that a huge document cannot tie a worker up.
MAX_CHARS = 5_000_000


class Unreadable(ValueError):
    pass


def _office(data: bytes) -> str:
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if _OFFICE_TEXT_PARTS.match(entry.filename):
                xml = archive.read(entry).decode("utf-8", errors="replace")
                parts.append(unescape(_TAG.sub(" ", xml)))
    return "\n".join(parts)


def text_of(data: bytes, extension: str) -> str:
    try:
        if extension == "txt":
            text = data.decode("utf-8", errors="replace")
        elif extension == "pdf":
            reader = PdfReader(io.BytesIO(data))
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
        elif extension in {"docx", "xlsx", "odt"}:
            text = _office(data)
        else:
            raise Unreadable(f"no text in a .{extension} file")
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(str(exc)) from None
    return text[:MAX_CHARS]
