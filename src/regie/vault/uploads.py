"""What Regie accepts as a file: an allow-list of types, checked on the content and on the
extension together, limits on size and on what a container unpacks to, and images stripped of
their metadata (camera, location, author). The name a file is stored under is chosen by the
server; the name the person gave is never used as a path.

Each refusal is an `UploadRefused` with a code and a message for the person uploading.
"""

import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

# pypdf meets a damaged file with its own errors and, now and then, with Python's.
_PDF_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError)


class UploadRefused(ValueError):
    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    container: str | None = None  # "zip" for office files


TYPES = {
    "pdf": FileType("pdf", "application/pdf"),
    "png": FileType("png", "image/png"),
    "jpg": FileType("jpg", "image/jpeg"),
    "jpeg": FileType("jpg", "image/jpeg"),
    "txt": FileType("txt", "text/plain"),
    "docx": FileType(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "zip",
    ),
    "xlsx": FileType(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "zip"
    ),
    "odt": FileType("odt", "application/vnd.oasis.opendocument.text", "zip"),
}

# The part each office format must contain, besides being a valid zip.
_OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "odt": "content.xml"}

ALLOWED_EXTENSIONS = sorted(TYPES)


def check_size(size: int) -> None:
    """Refuse a file of SIZE bytes that is larger than Regie accepts; before anything else is
    done with it."""
    if size > settings.REGIE_UPLOAD_MAX_BYTES:
        limit = settings.REGIE_UPLOAD_MAX_BYTES // (1024 * 1024)
        raise UploadRefused(
            "too_large", _("The file is too large: at most %(limit)s MB.") % {"limit": limit}
        )


def _wrong_type() -> UploadRefused:
    return UploadRefused(
        "type",
        _("This type of file is not accepted. Allowed: %(types)s.")
        % {"types": ", ".join(ALLOWED_EXTENSIONS)},
    )


def _malformed() -> UploadRefused:
    return UploadRefused("malformed", _("The file is damaged or not what its name says."))


def _head(source: BinaryIO, size: int) -> bytes:
    source.seek(0)
    head = source.read(size)
    source.seek(0)
    return head


def _size(source: BinaryIO) -> int:
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(0)
    return size


def _check_zip(source: BinaryIO, kind: FileType) -> None:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise _malformed() from None
    with archive:
        entries = archive.infolist()
        if len(entries) > settings.REGIE_UPLOAD_MAX_ENTRIES:
            raise UploadRefused(
                "archive_bomb", _("The file holds too many parts to be opened safely.")
            )
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > settings.REGIE_UPLOAD_MAX_UNPACKED_BYTES:
            raise UploadRefused(
                "archive_bomb", _("The file unpacks to too much data to be opened safely.")
            )
        names = {entry.filename for entry in entries}
        if _OFFICE_PARTS[kind.extension] not in names:
            raise _malformed()
    source.seek(0)


def _check_pdf(source: BinaryIO) -> None:
    try:
        reader = PdfReader(source)
        encrypted = reader.is_encrypted
        if not encrypted and len(reader.pages) == 0:
            raise _malformed()
    except _PDF_ERRORS:
        raise _malformed() from None
    finally:
        source.seek(0)
    if encrypted:
        # Neither the virus scanner nor the data-loss check can look inside.
        raise UploadRefused(
            "encrypted", _("A PDF with a password cannot be accepted; send it without one.")
        )


def _check_content(source: BinaryIO, kind: FileType) -> None:
    head = _head(source, 16)
    if kind.extension == "pdf":
        source.seek(max(0, _size(source) - 1024))
        tail = source.read()
        source.seek(0)
        if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
            raise _malformed() if head.startswith(b"%PDF-") else _wrong_type()
        _check_pdf(source)
    elif kind.extension == "png":
        if not head.startswith(b"\x89PNG\r\n\x1a\n"):
            raise _wrong_type()
    elif kind.extension == "jpg":
        if not head.startswith(b"\xff\xd8\xff"):
            raise _wrong_type()
    elif kind.container == "zip":
        if not head.startswith(b"PK\x03\x04"):
            raise _wrong_type()
        _check_zip(source, kind)
    elif kind.extension == "txt":
        data = source.read(settings.REGIE_UPLOAD_MAX_BYTES + 1)
        source.seek(0)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise _malformed() from None
        if "\x00" in text:
            raise _wrong_type()


def inspect(source: BinaryIO, filename: str) -> FileType:
    """The accepted type of SOURCE, named FILENAME by the person; raises UploadRefused."""
    extension = PurePath(filename or "").suffix.lower().lstrip(".")
    kind = TYPES.get(extension)
    if kind is None:
        raise _wrong_type()
    size = _size(source)
    check_size(size)
    if size == 0:
        raise UploadRefused("empty", _("The file is empty."))
    _check_content(source, kind)
    return kind


# Metadata ---------------------------------------------------------------------------------

_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP"}


def _strip_png(data: bytes) -> bytes:
    out = [data[:8]]
    position = 8
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise _malformed()
        if kind in _PNG_KEEP:
            out.append(data[position:end])
        position = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _strip_jpeg(data: bytes) -> bytes:
    """Drop the APPn segments but JFIF (APP0) and Adobe (APP14), and comments; keep the rest."""
    out = [data[:2]]
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise _malformed()
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: the image data follows, copy the rest as it is
            out.append(data[position:])
            return b"".join(out)
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if end > len(data):
            raise _malformed()
        drop = (0xE1 <= marker <= 0xED) or marker == 0xEF or marker == 0xFE
        if not drop:
            out.append(data[position:end])
        position = end
    raise _malformed()


# Rewriting a PDF holds it in memory; larger ones keep their metadata.
PDF_REWRITE_LIMIT = 20 * 1024 * 1024


def _strip_pdf(source: BinaryIO) -> BinaryIO:
    if _size(source) > PDF_REWRITE_LIMIT:
        return source
    try:
        writer = PdfWriter(clone_from=PdfReader(source))
        writer.metadata = None
        writer.xmp_metadata = None
        rewritten = io.BytesIO()
        writer.write(rewritten)
    except _PDF_ERRORS:
        raise _malformed() from None
    rewritten.seek(0)
    return rewritten


def strip_metadata(source: BinaryIO, kind: FileType) -> BinaryIO:
    """SOURCE without its metadata (author, title, camera, location) where Regie can remove
    it safely: images, and PDFs up to PDF_REWRITE_LIMIT. Office files keep theirs."""
    source.seek(0)
    if kind.extension == "pdf":
        return _strip_pdf(source)
    if kind.extension not in {"png", "jpg"}:
        return source
    data = source.read()
    stripped = _strip_png(data) if kind.extension == "png" else _strip_jpeg(data)
    return io.BytesIO(stripped)
