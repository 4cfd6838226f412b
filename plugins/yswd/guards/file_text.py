"""What a published file says, whatever it is called: the text anyone who downloads it can read.

MkDocs copies every file it does not turn into a page, under any name (`.js`, `.log`, `.eml`,
no ending at all), so a file is read by what its bytes are, never by its name:

- text in UTF-8, UTF-16 or UTF-32 (a byte-order mark, or the zero bytes of UTF-16 without one),
  else in a one-byte encoding such as Windows-1252, whose every byte is some letter;
- a PDF by the text pypdf takes out of each page;
- gzip (`.csv.gz`, `.svgz`) by what it holds, and a zip archive (a `.zip`, and Word, Excel and
  OpenDocument files, which are zips of XML) by the name and contents of every file in it, XML
  read as its text;
- a picture by the runs of plain characters in it (its comments and metadata): what the picture
  shows can't be read, which is the guard's documented limit; a font is left as it is.

Anything else can't be checked, so it is not published: `Readout.unreadable` says what to do.
Each file's bytes are read once; archives are opened in memory, with a limit on what they unpack.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

MAX_UNPACKED = 64 * 1024 * 1024
"""Bytes unpacked from one file's archives, in all: a small file that unpacks to gigabytes is refused."""
MAX_DEPTH = 3
"""Archives inside archives, at most."""

CANT_CHECK = (
    "The site publishes this file as it is, but can't read it to check it for personal data: it is not "
    "text, a picture, a font, a PDF, a Word, Excel or OpenDocument file, or a zip or gzip of those. Remove "
    "it, or save it as a PDF or a text file (such as .txt or .csv) instead."
)
PDF_UNREADABLE = (
    "This PDF can't be opened to check it for personal data (it is damaged, or protected by a password). "
    "Save it again as an ordinary PDF, without a password."
)
ARCHIVE_UNREADABLE = (
    "This file is a zip or gzip archive (Word, Excel and OpenDocument files are zips too) that can't be "
    "opened to check it for personal data: it is damaged, protected by a password, or unpacks to more "
    "than the site can check. Save it again as an ordinary file, or as a PDF."
)


@dataclass
class Readout:
    """The texts in a file, each with where in the file it is ("" for the file itself, "page 2",
    "word/document.xml"), or why the file can't be read (its problem's message)."""

    texts: list[tuple[str, str]] = field(default_factory=list)
    unreadable: str | None = None
    where: str = ""
    """Where in the file the unreadable part is: the name of a file inside an archive."""


def read_out(raw: bytes) -> Readout:
    """Every text a reader could get out of `raw`."""
    readout = Readout()
    _read(raw, "", readout, [0], 0)
    return readout


def _read(raw: bytes, where: str, readout: Readout, unpacked: list[int], depth: int) -> None:
    if readout.unreadable:
        return
    if raw[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        _read_zip(raw, where, readout, unpacked, depth)
    elif raw[:2] == b"\x1f\x8b":
        inner = _gunzip(raw, unpacked) if depth < MAX_DEPTH else None
        if inner is None:
            _refuse(readout, ARCHIVE_UNREADABLE, where)
        else:
            _read(inner, where, readout, unpacked, depth + 1)
    elif raw.lstrip()[:5] == b"%PDF-":
        _read_pdf(raw, where, readout)
    else:
        text = as_text(raw)
        if text is not None:
            readout.texts.append((where, _xml_text(text) if _is_xml_part(where, text) else text))
        elif b"%PDF-" in raw[:1024]:  # a PDF may start with a little of something else
            _read_pdf(raw, where, readout)
        elif raw.startswith(_PICTURES):
            readout.texts.append((where, "\n".join(run.decode("ascii") for run in _PLAIN_RUN.findall(raw))))
        elif not raw.startswith(_FONTS) and not _riff_picture(raw):
            _refuse(readout, CANT_CHECK, where)


def _refuse(readout: Readout, message: str, where: str) -> None:
    readout.unreadable, readout.where = message, where


_PICTURES = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*",
    b"\x00\x00\x01\x00", b"\x00\x00\x02\x00", b"BM",
)
"""PNG, JPEG, GIF, TIFF, icons and cursors, BMP (WebP, AVIF and HEIC in `_riff_picture`)."""
_FONTS = (b"wOFF", b"wOF2", b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")
"""WOFF, WOFF2, TrueType, OpenType and font collections."""
_PLAIN_RUN = re.compile(rb"[\t\x20-\x7e]{12,}")
"""A run of plain characters in a picture: a comment, or metadata such as a caption or copyright."""


def _riff_picture(raw: bytes) -> bool:
    return (raw[:4] == b"RIFF" and raw[8:12] == b"WEBP") or raw[4:12] in (b"ftypavif", b"ftypheic", b"ftypmif1")


_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
"""Bytes no text file holds (tab, line breaks, form feed and escape are allowed)."""


def as_text(raw: bytes) -> str | None:
    """Bytes as the text they hold, with Unix line endings, or None when they are not text."""
    text = _decoded(raw)
    if text is None or len(_CONTROL.findall(text, 0, 65536)) > 8:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decoded(raw: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode(raw, encoding)
    start = raw[:512]
    if len(start) >= 4 and start.count(0) * 3 >= len(start):  # UTF-16 without a byte-order mark
        odd = start[1::2].count(0)
        return _decode(raw, "utf-16-le" if odd > start[0::2].count(0) else "utf-16-be")
    if b"\x00" in raw:
        return None
    text = _decode(raw, "utf-8")
    return text if text is not None else raw.decode("cp1252", "replace")


def _decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _gunzip(raw: bytes, unpacked: list[int]) -> bytes | None:
    try:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        inner = inflater.decompress(raw, MAX_UNPACKED - unpacked[0] + 1)
    except zlib.error:
        return None
    unpacked[0] += len(inner)
    return None if unpacked[0] > MAX_UNPACKED else inner


def _read_zip(raw: bytes, where: str, readout: Readout, unpacked: list[int], depth: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            names = "\n".join(info.filename for info in members)
            readout.texts.append((where or "file names inside", f"{names}\n{archive.comment.decode('cp1252', 'replace')}"))
            if depth >= MAX_DEPTH or sum(info.file_size for info in members) + unpacked[0] > MAX_UNPACKED:
                raise zipfile.BadZipFile("too large")
            for info in members:
                inner = archive.read(info)
                unpacked[0] += len(inner)
                if unpacked[0] > MAX_UNPACKED:
                    raise zipfile.BadZipFile("too large")
                _read(inner, f"{where}/{info.filename}" if where else info.filename, readout, unpacked, depth + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, zlib.error):
        _refuse(readout, ARCHIVE_UNREADABLE, where)  # RuntimeError: a password; NotImplementedError: an unknown packing


def _is_xml_part(where: str, text: str) -> bool:
    """A part of an archive written in XML, such as a Word document's word/document.xml."""
    return bool(where) and text.lstrip()[:1] == "<"


_TAG = re.compile(r"<(/?)(?:[\w.-]+:)?([\w.-]+)[^>]*>|<!--.*?-->|<\?.*?\?>|<!\[CDATA\[|\]\]>", re.DOTALL)
_BREAKING = frozenset({"p", "br", "cr", "tab", "tc", "tr", "si", "c", "row", "h", "table-cell", "table-row", "line-break", "list-item", "div", "li", "td", "th"})
"""Elements that separate what is either side of them: a paragraph, a cell, a line break."""


def _xml_text(text: str) -> str:
    """The text of an XML document: tags taken out, and a line break where a paragraph or cell
    ends (a Word run or a bold word joins the text around it, as the reader sees it)."""
    def shown(match: re.Match) -> str:
        return "\n" if match[2] and match[2].lower() in _BREAKING else ""

    stripped = _TAG.sub(shown, text)
    return html.unescape(stripped) if "&" in stripped else stripped


def _read_pdf(raw: bytes, where: str, readout: Readout) -> None:
    """The text of each page of a PDF, as pypdf takes it out."""
    from pypdf import PdfReader  # only sites that publish PDFs pay for importing it

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception:  # pypdf raises many kinds of error on damaged files: all mean "can't read it"
        _refuse(readout, PDF_UNREADABLE, where)
        return
    prefix = f"{where} " if where else ""
    readout.texts.extend((f"{prefix}page {number}", text) for number, text in enumerate(pages, start=1))
