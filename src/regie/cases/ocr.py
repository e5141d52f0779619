"""Reading the first page of a scan that has no text layer: text readers behind one setting.

Bulk scanners often deliver PDFs that are pictures of the paper only. A text reader turns the
first page back into text, for the intake to find a cover-sheet code or case number in; the
text is used for that alone and never stored or logged (it is a resident's letter).

REGIE_OCR names the reader: "tesseract" (Debian's `tesseract-ocr`, with `pdftoppm` from
`poppler-utils` to make the page an image) or "off". Readers register themselves by name, so
another engine is one decorated function.
"""

import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# Tesseract reads text of ordinary print size best at 300 dots per inch.
DPI = 300

type TextReader = Callable[[bytes], str]

_READERS: dict[str, TextReader] = {}


class ReadingFailed(Exception):
    """The reader is missing, took too long or failed; nothing was read."""


def reader(name: str) -> Callable[[TextReader], TextReader]:
    def register(function: TextReader) -> TextReader:
        _READERS[name] = function
        return function

    return register


def available() -> bool:
    """Whether scans without a text layer can be read at all."""
    return settings.REGIE_OCR in _READERS and _ready(settings.REGIE_OCR)


def first_page_text(pdf: bytes) -> str:
    """The text on the first page of PDF, as the configured reader reads it. Raises
    ReadingFailed when there is no reader, or it fails."""
    if not available():
        raise ReadingFailed(f"no text reader (REGIE_OCR={settings.REGIE_OCR!r})")
    return _READERS[settings.REGIE_OCR](pdf)


def _ready(name: str) -> bool:
    return name != "tesseract" or bool(shutil.which("tesseract") and shutil.which("pdftoppm"))


def _run(command: list[str]) -> str:
    """Run COMMAND (no shell) within the timeout; its standard output. Only the program and its
    exit status are logged: the output is the letter's text."""
    try:
        done = subprocess.run(  # noqa: S603 (a fixed program and our own temporary paths)
            command, capture_output=True, timeout=settings.REGIE_OCR_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        logger.warning(
            "text recognition: %s took longer than %ss", command[0], settings.REGIE_OCR_TIMEOUT
        )
        raise ReadingFailed(f"{command[0]} timed out") from None
    except OSError as error:
        logger.warning("text recognition: %s could not start (%s)", command[0], error.strerror)
        raise ReadingFailed(f"{command[0]} could not start") from None
    if done.returncode != 0:
        logger.warning("text recognition: %s exited with %s", command[0], done.returncode)
        raise ReadingFailed(f"{command[0]} exited with {done.returncode}")
    return done.stdout.decode("utf-8", errors="replace")


@cache
def _language() -> str:
    """Dutch where its model is installed (`tesseract-ocr-nld`), else tesseract's own English:
    codes and case numbers read well in both, the letters around them better in Dutch."""
    return "nld" if "nld" in _run(["tesseract", "--list-langs"]).split() else "eng"


@reader("tesseract")
def _tesseract(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="regie-ocr-") as folder:
        work = Path(folder)
        (work / "scan.pdf").write_bytes(pdf)
        _run(
            [
                "pdftoppm",
                "-r",
                str(DPI),
                "-gray",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(work / "scan.pdf"),
                str(work / "page"),
            ]
        )
        return _run(
            ["tesseract", str(work / "page.png"), "stdout", "-l", _language(), "--psm", "3"]
        )
