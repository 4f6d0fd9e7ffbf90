"""Page bytes -> text, degrading locally: a few bad bytes cost a few characters, never the page.

Municipal sites mix encodings: UTF-8 pages with one byte pasted from a Word document,
windows-1250 pages that declare nothing, UTF-16 exports with a byte-order mark, NUL
bytes left by a broken CMS. Decoding the whole page in a fallback encoding because one
byte is wrong turns every Polish letter into mojibake (names, organisations, relevance),
so the rules are, in order:

1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), and so does UTF-16
   without a mark when every other byte of the markup is NUL;
2. a charset the page declares (`<meta charset>`, `http-equiv`, an XML declaration) is
   used, with replacement characters for the bytes it cannot map; but bytes that are valid
   UTF-8 with multi-byte characters are UTF-8 whatever the page says (legacy Polish text is
   never valid UTF-8 by accident), and a page declaring UTF-8 whose non-ASCII bytes are
   mostly not UTF-8 is read as windows-1250 (a wrong declaration);
3. undeclared bytes are UTF-8 when they hold valid multi-byte sequences and only a few
   bad bytes (each becomes U+FFFD), else windows-1250;
4. NUL and the other control characters (except tab, newline, carriage return and form
   feed), lone surrogates and non-characters are removed from the text, before any
   parser sees it.

Pure functions, no Scrapy: extraction, reparse and the crawl all decode the same way.
"""
from __future__ import annotations

import codecs
import re

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""",
    re.I,
)
#: C0 controls but tab, LF, FF, CR; DEL; C1 controls; lone surrogates; the non-characters U+FFFE/U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: One bad byte in this many valid multi-byte characters still reads as UTF-8 with replacements.
_BAD_PER_GOOD = 10
_FALLBACK = "cp1250"
#: Labels browsers read as another encoding (the WHATWG Encoding Standard): latin-1 pages are windows-1252.
_WHATWG = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes `surrogateescape` could not decode
_NON_ASCII = re.compile("[^\x00-\x7f]")


def decode_html(raw: bytes | str) -> str:
    """Decode a page's bytes by the rules of the module docstring; text comes back cleaned of controls."""
    if isinstance(raw, str):
        return strip_controls(raw)
    return strip_controls(_decode(raw))


def strip_controls(text: str) -> str:
    """Text without NUL and other control characters, lone surrogates and non-characters."""
    return _CONTROLS.sub("", text)


def declared_charset(raw: bytes) -> str | None:
    """The charset the page names in its first 8 kB (`<meta>` or XML declaration), if Python knows it."""
    match = _DECLARED.search(raw[:8192])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode(raw: bytes) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    utf16 = _bomless_utf16(raw)
    if utf16:
        return raw.decode(utf16, errors="replace")
    declared = declared_charset(raw)
    if declared and declared.startswith(("utf-16", "utf-32")):
        declared = "utf-8"  # bytes that carry an ASCII <meta> are not UTF-16 (browsers read them as UTF-8)
    text, good, bad = _utf8_with_damage(raw)
    if declared and declared != "utf-8" and (bad or not good):
        return raw.decode(_WHATWG.get(declared, declared), errors="replace")
    if not bad:
        return text
    if declared == "utf-8":  # trust the declaration unless most of the non-ASCII bytes contradict it
        return text if bad <= good else raw.decode(_FALLBACK, errors="replace")
    if good and bad * _BAD_PER_GOOD <= good + _BAD_PER_GOOD - 1:
        return text
    return raw.decode(_FALLBACK, errors="replace")


def _utf8_with_damage(raw: bytes) -> tuple[str, int, int]:
    """UTF-8 text with U+FFFD for each bad byte; the counts of valid non-ASCII characters and of bad bytes."""
    try:
        text = raw.decode("utf-8")
        return text, len(raw) - len(text), 0  # continuation bytes: at least one per non-ASCII character
    except UnicodeDecodeError:
        pass
    escaped = raw.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(escaped))
    good = len(_NON_ASCII.findall(escaped)) - bad
    return _ESCAPED.sub("\ufffd", escaped), good, bad


def _bomless_utf16(raw: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the start of the page is ASCII markup with NUL high bytes."""
    head = raw[:512]
    if len(head) < 16:
        return None
    head = head[: len(head) - len(head) % 2]
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0 and b"<" in even:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0 and b"<" in odd:
        return "utf-16-be"
    return None
