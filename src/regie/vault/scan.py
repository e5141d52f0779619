"""Virus scanning with ClamAV's clamd, over a Unix socket or TCP (the INSTREAM command).

Fail closed: no scanner configured, a scanner that does not answer in time, or an answer
that is not a clean "OK" all refuse the file. Only REGIE_SCAN=off, which production refuses
to start with, lets files through unscanned (the demo shows a banner then).
"""

import socket
import struct
from typing import BinaryIO

from django.conf import settings

_CHUNK = 64 * 1024


class ScanRefused(Exception):
    """The file may not be stored: infected, or not scanned."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code  # "infected" or "unavailable"
        self.detail = detail


def _connect(timeout: float) -> socket.socket:
    if settings.REGIE_CLAMD_SOCKET:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        connection.connect(settings.REGIE_CLAMD_SOCKET)
        return connection
    return socket.create_connection(
        (settings.REGIE_CLAMD_HOST, settings.REGIE_CLAMD_PORT), timeout=timeout
    )


def _answer(connection: socket.socket) -> str:
    parts = []
    while True:
        part = connection.recv(4096)
        if not part:
            break
        parts.append(part)
        if part.endswith(b"\0"):
            break
    return b"".join(parts).rstrip(b"\0").decode("utf-8", errors="replace").strip()


def scanning_enabled() -> bool:
    return settings.REGIE_SCAN != "off"


def scan(source: BinaryIO) -> None:
    """Scan SOURCE from where it stands to its end; raises ScanRefused unless it is clean."""
    if settings.REGIE_SCAN == "off":
        return
    if settings.REGIE_SCAN != "clamd":
        raise ScanRefused("unavailable", "no virus scanner is configured (REGIE_SCAN)")
    try:
        with _connect(settings.REGIE_CLAMD_TIMEOUT) as connection:
            connection.sendall(b"zINSTREAM\0")
            while chunk := source.read(_CHUNK):
                connection.sendall(struct.pack(">I", len(chunk)) + chunk)
            connection.sendall(struct.pack(">I", 0))
            answer = _answer(connection)
    except OSError as exc:
        raise ScanRefused("unavailable", f"the virus scanner did not answer: {exc}") from None
    if answer.endswith("FOUND"):
        signature = answer.removeprefix("stream:").removesuffix("FOUND").strip()
        raise ScanRefused("infected", f"infected: {signature}")
    if answer != "stream: OK":
        raise ScanRefused("unavailable", f"the virus scanner answered {answer!r}")


def ping() -> bool:
    """Does the configured clamd answer? (for /healthz and the tests)"""
    try:
        with _connect(settings.REGIE_CLAMD_TIMEOUT) as connection:
            connection.sendall(b"zPING\0")
            return _answer(connection) == "PONG"
    except OSError:
        return False
