"""Scans that are only pictures of the paper: the first page is read by Debian's tesseract (the
real one) and filed like any other scan; what cannot be read waits in the queue, saying the
scan has no text layer."""

import io
import logging
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from PIL import Image
from pytest_django.fixtures import Settings

from regie.cases import ocr, post
from regie.cases.cover import cover_sheet_pdf
from regie.cases.models import Case, CaseDocument, DocumentSource, PostItem, PostUnmatched
from regie.cases.selectors import CoverSheet
from regie.cases.tests.test_post_intake import LETTER, cover_sheet, joined, letter, upload
from regie.conftest import People, inspecting


def image_only(pdf: bytes) -> bytes:
    """PDF as a bulk scanner delivers it: each page a 300 dpi greyscale picture, no text."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "in.pdf").write_bytes(pdf)
        subprocess.run(  # noqa: S603 (Debian's pdftoppm on our own test file)
            ["pdftoppm", "-r", "300", "-gray", "-png", str(work / "in.pdf"), str(work / "p")],  # noqa: S607
            check=True,
        )
        pages = [Image.open(path) for path in sorted(work.glob("p*.png"))]
        out = io.BytesIO()
        pages[0].save(out, "PDF", resolution=300, save_all=True, append_images=pages[1:])
    return out.getvalue()


def has_text(pdf: bytes) -> bool:
    from pypdf import PdfReader

    return any((page.extract_text() or "").strip() for page in PdfReader(io.BytesIO(pdf)).pages)


def leftovers() -> set[str]:
    return {path.name for path in Path(tempfile.gettempdir()).glob("regie-ocr-*")}


def test_it_reads_the_cover_sheet_of_a_picture_only_scan_and_files_it(
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    clamd: Path,
    tesseract: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = login_as(people.consulent)
    scan = image_only(joined(cover_sheet(client, case), letter()))
    assert not has_text(scan)
    before = leftovers()

    with caplog.at_level(logging.DEBUG):
        page = upload(client, ("scan-0001.pdf", scan))

    assert case.number in page
    with inspecting():
        document = CaseDocument.objects.get(case=case)
    assert document.source == DocumentSource.POST
    assert not PostItem.objects.exists()
    assert "Bezwaarschrift" not in caplog.text and case.cover_code not in caplog.text
    assert leftovers() <= before


def test_it_reads_the_case_number_of_a_picture_only_letter(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path, tesseract: None
) -> None:
    scan = image_only(letter(f"Ons kenmerk: {case.number}<br>{LETTER}"))
    assert not has_text(scan)

    upload(login_as(people.consulent), ("brief.pdf", scan))

    with inspecting():
        assert CaseDocument.objects.filter(case=case, source=DocumentSource.POST).count() == 1


def test_a_blank_picture_waits_saying_it_has_no_text(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path, tesseract: None
) -> None:
    blank = io.BytesIO()
    Image.new("L", (2480, 3508), 255).save(blank, "PDF", resolution=300)

    upload(login_as(people.consulent), ("blanco.pdf", blank.getvalue()))

    assert PostItem.objects.get().unmatched == PostUnmatched.NO_TEXT
    queue = login_as(people.teamleider).get(reverse("cases:post-queue")).content.decode()
    with override("nl"):
        assert str(PostUnmatched.NO_TEXT.label) in queue


def test_without_text_recognition_a_picture_only_scan_waits_saying_why(
    people: People,
    case: Case,
    login_as: Callable[..., Client],
    clamd: Path,
    settings: Settings,
) -> None:
    settings.REGIE_OCR = "off"
    client = login_as(people.consulent)
    scan = image_only(joined(cover_sheet(client, case), letter()))

    upload(client, ("scan-0001.pdf", scan))

    assert PostItem.objects.get().unmatched == PostUnmatched.NO_OCR
    with inspecting():
        assert not CaseDocument.objects.exists()
    queue = login_as(people.teamleider).get(reverse("cases:post-queue")).content.decode()
    with override("nl"):
        assert str(PostUnmatched.NO_OCR.label) in queue


@pytest.mark.parametrize(
    "code",
    # Codes tesseract misread in trials: Q and 0, Z and 2, a seven as a slash, a doubled seven.
    ["RGP-7Q0Z-1S5B", "RGP-GPQY-77ZX", "RGP-M4FV-4DK7", "RGP-2K9Q-WEVQ"],
)
def test_it_reads_the_code_of_a_cover_sheet_scanned_at_300_dpi(code: str, tesseract: None) -> None:
    sheet = cover_sheet_pdf(CoverSheet(number="WMO-2026-0001", code=code, law="Wmo 2015"))

    read = post.find_references(ocr.first_page_text(image_only(sheet)))

    assert any(code in post.lookalike_codes(found) for found in read.codes), read


def test_a_missing_tesseract_reads_nothing_and_says_so(
    tesseract: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    scan = image_only(letter())
    monkeypatch.setenv("PATH", str(tmp_path))  # REGIE_OCR=tesseract, but not installed

    assert not ocr.available()
    with pytest.raises(ocr.ReadingFailed, match="REGIE_OCR"):
        ocr.first_page_text(scan)
