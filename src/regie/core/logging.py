"""Defence in depth for the application log: whatever a library writes, a BSN does not
reach the log. Names never reach it because Regie logs identifiers, not people."""

import logging
import re

from regie.core.bsn import is_valid_bsn

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def redact(text: str) -> str:
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
        return True
