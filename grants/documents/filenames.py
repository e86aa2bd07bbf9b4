"""Names of documents for display and for a download's Content-Disposition (RFC 6266, RFC 5987).

Nothing of a name is used for storage (blobs are keyed by their SHA-256): a name only has to be
harmless to show and to save. It is normalised (NFC), stripped of any path, control and reserved
characters and leading dots, shortened keeping its extension, and given the extension of the type its
content was judged to be when it has another one ("invoice.exe" holding a PDF becomes
"invoice.exe.pdf"), so that the file opens as what it is.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from grants.documents.content import ALSO, EXTENSIONS

#: Longest name kept, in characters (file systems allow 255 bytes; UTF-8 takes up to 4 per character).
MAX_NAME = 120
FALLBACK_STEM = "document"
# Reserved on Windows or meaningful to shells and headers; replaced, not dropped, to keep words apart.
_RESERVED = re.compile(r'[<>:"/\\|?*;%]')
_SPACES = re.compile(r"\s+")
_WINDOWS_DEVICES = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)


def _visible(character: str) -> bool:
    # Control, format (bidirectional overrides that disguise extensions), unassigned and private use.
    return not unicodedata.category(character).startswith("C")


def display_name(given: str | None, *, content_type: str) -> str:
    """A safe name to show and to offer on download for a file named `given` holding `content_type`."""
    name = unicodedata.normalize("NFC", given or "")
    name = re.split(r"[/\\]", name)[-1]  # the last part of a path, from Unix or Windows ("C:\x\y.pdf")
    name = "".join(c for c in name if _visible(c))
    name = _SPACES.sub(" ", _RESERVED.sub("_", name)).strip(" .")
    name = name.lstrip(".-_ ")
    extension = EXTENSIONS[content_type]
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if suffix.lower() not in (extension, *ALSO.get(content_type, ())):
        stem, suffix = name, extension
    if not stem.strip(" ._") or _WINDOWS_DEVICES.fullmatch(stem):
        stem = FALLBACK_STEM
    stem = stem[: MAX_NAME - len(suffix) - 1].rstrip(" .")
    return f"{stem}.{suffix}"


def ascii_fallback(name: str) -> str:
    """The name in printable ASCII for old clients' `filename=`: accents dropped, the rest `_`."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = "".join(c if c.isprintable() and c not in '"\\' else "_" for c in folded)
    stem, _, suffix = folded.rpartition(".")
    if not stem.strip(" ._"):
        return f"{FALLBACK_STEM}.{suffix}" if suffix else FALLBACK_STEM
    return folded


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII `filename` and the exact name as UTF-8 in `filename*` (RFC 6266)."""
    return f"attachment; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
