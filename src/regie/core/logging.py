"""Defence in depth for the application log: whatever a library writes, a BSN does not
reach the log. Names never reach it because Regie logs identifiers, not people."""

import logging
import re

from regie.core.bsn import is_valid_bsn

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
# A share link's token is a credential: a 404 logged by Django must not carry it.
_SHARE_TOKEN = re.compile(r"(/delen/)[^/\s]+")
_FORMATTER = logging.Formatter()


def redact(text: str) -> str:
    text = _SHARE_TOKEN.sub(r"\1[token]", text)
    return _NINE_DIGITS.sub(
        lambda match: "[bsn]" if is_valid_bsn(match.group(0)) else match.group(0), text
    )


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        # An exception's message and a stack are formatted after the filter has run, so they
        # are formatted here, once, and the formatter reuses the cleaned text.
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
