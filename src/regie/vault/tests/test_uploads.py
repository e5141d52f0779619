"""What Regie accepts: allowed types checked on content and extension together, size and
unpacking limits, and images without their metadata."""

import io
import struct
import zipfile
import zlib

import pytest
from pypdf import PdfReader, PdfWriter
from pytest_django.fixtures import Settings
from weasyprint import HTML
from weasyprint.document import DocumentMetadata

from regie.vault.uploads import UploadRefused, inspect, strip_metadata

PDF = HTML(string="<title>Plan van Anna Willems</title><p>Ondersteuningsplan</p>").write_pdf(
    metadata=DocumentMetadata(title="Plan van Anna Willems", authors=["S. de Vries"])
)


def _png(*chunks: tuple[bytes, bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    body = [chunk(b"IHDR", header), *(chunk(k, d) for k, d in chunks)]
    body += [chunk(b"IDAT", zlib.compress(b"\x00\x00")), chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(body)


def _jpeg_with_exif(secret: bytes) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    exif = b"Exif\x00\x00" + secret
    app1 = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    comment = b"\xff\xfe" + struct.pack(">H", len(secret) + 2) + secret
    scan = b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00" + b"\x12\x34"
    return b"\xff\xd8" + app0 + app1 + comment + scan + b"\xff\xd9"


def _docx(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refusal(data: bytes, filename: str) -> str:
    with pytest.raises(UploadRefused) as refused:
        inspect(io.BytesIO(data), filename)
    return refused.value.code


@pytest.mark.parametrize(
    ("data", "filename", "extension"),
    [
        (PDF, "plan.pdf", "pdf"),
        (_png(), "foto.PNG", "png"),
        (_jpeg_with_exif(b"x"), "foto.jpeg", "jpg"),
        (b"Gewoon tekst, met een e\xcc\x81", "brief.txt", "txt"),
        (_docx({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), "a.docx", "docx"),
    ],
)
def test_it_accepts_the_allowed_types(data: bytes, filename: str, extension: str):
    assert inspect(io.BytesIO(data), filename).extension == extension


def test_it_refuses_a_type_that_is_not_allowed():
    assert refusal(b"MZ\x90\x00 an executable", "setup.exe") == "type"
    assert refusal(PDF, "plan") == "type"


def test_it_refuses_content_that_does_not_match_the_extension():
    assert refusal(b"MZ\x90\x00 an executable", "plan.pdf") == "type"
    assert refusal(PDF, "foto.png") == "type"
    assert refusal(_png(), "brief.docx") == "type"


def test_it_refuses_a_malformed_file():
    assert refusal(b"%PDF-1.4 cut off in the middle", "plan.pdf") == "malformed"
    assert refusal(b"%PDF-1.4\nnonsense, no objects\n%%EOF\n", "plan.pdf") == "malformed"
    assert refusal(b"PK\x03\x04 not really a zip", "brief.docx") == "malformed"
    assert refusal(_docx({"random.txt": b"x"}), "brief.docx") == "malformed"
    assert refusal(b"\xff\xfe\x00bad", "brief.txt") == "malformed"


def test_it_refuses_an_empty_or_too_large_file(settings: Settings):
    settings.REGIE_UPLOAD_MAX_BYTES = 1024
    assert refusal(b"", "leeg.txt") == "empty"
    assert refusal(b"x" * 1025, "groot.txt") == "too_large"


def test_it_refuses_an_archive_bomb(settings: Settings):
    settings.REGIE_UPLOAD_MAX_UNPACKED_BYTES = 10 * 1024 * 1024
    bomb = _docx(
        {"[Content_Types].xml": b"<x/>", "word/document.xml": b"\x00" * (20 * 1024 * 1024)}
    )
    assert len(bomb) < 100_000
    assert refusal(bomb, "bom.docx") == "archive_bomb"


def test_it_refuses_an_archive_with_too_many_entries(settings: Settings):
    settings.REGIE_UPLOAD_MAX_ENTRIES = 10
    entries = {f"part{i}.xml": b"x" for i in range(20)}
    entries["word/document.xml"] = b"<w/>"
    assert refusal(_docx(entries), "veel.docx") == "archive_bomb"


def test_it_strips_text_chunks_from_a_png():
    image = _png((b"tEXt", b"Author\x00Anna Willems"), (b"eXIf", b"GPS 52.09,5.12"))
    kind = inspect(io.BytesIO(image), "foto.png")

    stripped = strip_metadata(io.BytesIO(image), kind).read()

    assert b"Anna Willems" not in stripped and b"GPS" not in stripped
    assert stripped == _png()


def test_it_strips_exif_and_comments_from_a_jpeg():
    image = _jpeg_with_exif(b"GPS 52.09,5.12 Anna Willems")
    kind = inspect(io.BytesIO(image), "foto.jpg")

    stripped = strip_metadata(io.BytesIO(image), kind).read()

    assert b"Anna Willems" not in stripped
    assert stripped.startswith(b"\xff\xd8\xff\xe0") and stripped.endswith(b"\x12\x34\xff\xd9")


def test_it_strips_the_metadata_of_a_pdf():
    original = PdfReader(io.BytesIO(PDF)).metadata
    assert original is not None and original["/Title"] == "Plan van Anna Willems"
    kind = inspect(io.BytesIO(PDF), "plan.pdf")

    stripped = PdfReader(strip_metadata(io.BytesIO(PDF), kind))

    assert not stripped.metadata
    assert stripped.pages[0].extract_text() == "Ondersteuningsplan"


def test_it_refuses_a_pdf_with_a_password():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer.encrypt("geheim")
    locked = io.BytesIO()
    writer.write(locked)

    assert refusal(locked.getvalue(), "plan.pdf") == "encrypted"
