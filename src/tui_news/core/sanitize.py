"""Make untrusted text safe to put on a terminal.

Article and comment text comes from the web. An ESC or other C0/C1 control character could
move the cursor, retitle the terminal or worse, so every importer passes text through here
before it becomes part of an `Article`.
"""

from __future__ import annotations

import re

# Full escape sequences first (CSI, OSC, DCS/PM/APC/SOS strings, two-byte ESC forms), so that
# their parameters do not survive as visible junk once the ESC itself is gone.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI ... final byte
    | \x9b[0-?]*[ -/]*[@-~]            # 8-bit CSI
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])  # OSC, DCS, SOS, PM, APC (7- and 8-bit) ...
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?  # ... up to BEL or string terminator
    | \x1b[ -/]*[0-~]                  # other ESC sequences
    """,
    re.VERBOSE,
)
# Remaining C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str, *, keep_newlines: bool = True) -> str:
    """Remove terminal escape sequences and control characters from `text`.

    Carriage returns become newlines (``\\r\\n`` one newline) so line structure survives;
    tabs are kept. With ``keep_newlines=False`` newlines become spaces (for one-line fields).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    if not keep_newlines:
        text = text.replace("\n", " ")
    return text
