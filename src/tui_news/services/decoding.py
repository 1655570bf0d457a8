"""Turn a fetched page's bytes into text the way browsers do.

Order of precedence: byte-order mark, the HTTP Content-Type charset, a ``<meta charset>`` or
``<meta http-equiv="Content-Type">`` near the top of the page, then statistical detection.
Labels are mapped as browsers map them: GB2312 and GBK pages are decoded as GB18030 (their
superset, which is what publishers actually emit under those names), Big5 as Big5-HKSCS,
Latin-1/ASCII as Windows-1252. A page that claims UTF-16 in a meta tag cannot be UTF-16 (the
tag was readable as ASCII), so that claim is ignored as browsers ignore it.
"""

from __future__ import annotations

import codecs
import re

# How far into the page to look for a <meta> declaration. Browsers use 1024 bytes; Chinese
# portals often put long <head> boilerplate first, so a little more is searched.
_PRESCAN_BYTES = 4096

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browser label -> Python codec, for the labels where the two differ.
_LABEL_ALIASES = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "iso-ir-58": "gb18030",
    "gb18030": "gb18030",
    "hz-gb-2312": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "windows-1252": "cp1252",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-sjis": "shift_jis",
}

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_DECLARATION = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)


def normalize_label(label: str | None) -> str | None:
    """The Python codec for an encoding label, or None when the label is unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    codec_name = _LABEL_ALIASES.get(key, key)
    try:
        name = codecs.lookup(codec_name).name
    except LookupError:
        return None
    # Python's lookup canonicalises e.g. 'gbk'; re-apply the superset mapping afterwards.
    return _LABEL_ALIASES.get(name, name)


def bom_encoding(body: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) when the body starts with a byte-order mark."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name, len(bom)
    return None


def header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return normalize_label(match.group(1)) if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset a <meta> tag (or an XML declaration) near the top of the page declares."""
    head = body[:_PRESCAN_BYTES]
    for match in _META_CHARSET.finditer(head):
        name = normalize_label(match.group(1).decode("ascii", "replace"))
        if name is None:
            continue
        if name.startswith("utf-16"):
            return "utf-8"  # see the module docstring
        return name
    declaration = _XML_DECLARATION.match(head.lstrip())
    if declaration:
        return normalize_label(declaration.group(1).decode("ascii", "replace"))
    return None


def detect_encoding(body: bytes) -> str:
    """Best guess for a page that declares nothing: UTF-8 if valid, else statistical detection."""
    sample = body[:200_000]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A multi-byte character cut off by the sample boundary is still UTF-8.
        if error.start >= len(sample) - 3 and len(sample) < len(body):
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        return "cp1252"
    return normalize_label(best.encoding) or "cp1252"


def choose_encoding(body: bytes, content_type: str | None = None) -> tuple[str, int]:
    """(codec, bytes to skip) for `body`, following the browser order of precedence."""
    bom = bom_encoding(body)
    if bom is not None:
        return bom
    for found in (header_charset(content_type), meta_charset(body)):
        if found is not None:
            return found, 0
    return detect_encoding(body), 0


def decode_page(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec) for a fetched page; undecodable bytes become U+FFFD, never an error."""
    name, skip = choose_encoding(body, content_type)
    return body[skip:].decode(name, errors="replace"), name
