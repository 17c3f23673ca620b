"""A CSV file read one row at a time: UTF-8 (with or without BOM), UTF-16 or cp1252, with
``;``, tab or ``,``. Checked without a decoded copy of the whole file; every refusal names the
line and, where there is one, the column."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator

from btsdesk.io.problems import Problem, Problems
from btsdesk.io.rows import DELIMITERS, SNIFF_LINES, Row, is_number_header, name_columns

# Text files hold no control characters but line breaks, tabs and form feeds; anything else
# (NUL…) means a binary file that cp1252 happened to decode.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CHUNK = 1 << 20  # bytes looked at a time in the checks of a whole file


def _table(classes: dict[bytes, bytes]) -> bytes:
    """A ``bytes.translate`` table giving each byte of a class (the keys) its one-letter
    name, every other byte ".": the file's bytes are then searched as letters, in C."""
    table = bytearray(b"." * 256)
    for members, letter in classes.items():
        for byte in members:
            table[byte] = letter[0]
    return bytes(table)


_C0 = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])  # \t \n \f \r allowed
# Text files hold no control characters but line breaks, tabs and form feeds; anything else
# (NUL…) means a binary file, or a damaged one. C1 controls (U+0080–U+009F) only exist in
# UTF-8 (\xc2 then 0x80–0x9F); cp1252 prints those bytes (€ ’ …).
_CONTROLS = {
    "utf-8-sig": (
        _table({_C0: b"X", b"\xc2": b"L", bytes(range(0x80, 0xA0)): b"c"}),
        (b"X", b"Lc"),
    ),
    "cp1252": (_table({_C0: b"X"}), (b"X",)),
}
# A lead byte then a continuation byte: the start of a multi-byte UTF-8 character (a file
# without one has no UTF-8 line). And the bytes cp1252 leaves undefined.
_UTF8_START = (_table({bytes(range(0xC2, 0xF5)): b"L", bytes(range(0x80, 0xC0)): b"C"}), (b"LC",))
_CP1252_HOLES = (_table({b"\x81\x8d\x8f\x90\x9d": b"H"}), (b"H",))


def _find(data: bytes, classes: tuple[bytes, tuple[bytes, ...]]) -> int:
    """The offset of the first match of one of ``classes``' letter patterns in ``data``
    (-1: none), a megabyte at a time: fast, and never a copy of the whole file."""
    table, patterns = classes
    for start in range(0, len(data), _CHUNK):
        piece = data[start : start + _CHUNK + 1].translate(table)  # a byte more: pairs
        hits = [found for pattern in patterns if (found := piece.find(pattern)) >= 0]
        if hits:
            return start + min(hits)
    return -1


def csv_rows(data: bytes, filename: str, problems: Problems) -> Iterator[Row]:
    """The rows of a CSV file, decoded and parsed as they are read: no decoded copy of the
    whole file is ever made (a 50 MB sheet stays 50 MB in memory)."""
    not_a_table = (
        f"« {filename} » n'est ni un fichier CSV ni un classeur Excel (.xlsx) "
        "(contenu binaire illisible)"
    )
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(Problem(None, None, not_a_table))
        return
    encoding = _encoding(data, problems)
    if encoding is None:
        name_columns(problems, _head_header(data))
        return
    delimiter = _delimiter(_head(data, encoding))
    if encoding != "utf-16" and (control := _find(data, _CONTROLS[encoding])) >= 0:
        if data[control] == 0xC2:
            control += 1  # the C1 control itself, after its lead byte
        start = data.rfind(b"\n", 0, control) + 1
        number = data.count(b"\n", 0, start) + 1
        problems.append(
            Problem(
                number,
                None,
                f"caractère de contrôle 0x{data[control]:02X}, invisible, "
                f"qu'un fichier texte ne contient pas : retirez-le (ou « {filename} » "
                "n'est pas un tableau CSV)",
                position=_field_at(data[start : control + 1], control - start, delimiter),
            )
        )
        name_columns(problems, _head_header(data))
        return
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    # UTF-16 only is looked at line by line for control characters (the bytes were, else).
    lines = _Lines(text) if encoding == "utf-16" else None
    # strict: a stray quote inside a cell ("12"5) is an error, not silently dropped.
    reader = csv.reader(lines or text, delimiter=delimiter, strict=True)
    line = 1
    try:
        for cells in reader:
            if lines is not None and lines.binary:
                break
            end = reader.line_num
            if end > line:
                # A quote opened on one line and closed lines later, swallowing whole rows
                # into one cell: never a real cell (a quoted address has no delimiter).
                swallowed = next(
                    (
                        position
                        for position, cell in enumerate(cells)
                        if delimiter in cell and ("\n" in cell or "\r" in cell)
                    ),
                    None,
                )
                if swallowed is not None:
                    problems.append(Problem(line, None, _open_quote(end), position=swallowed))
                    return
            stripped = tuple(map(str.strip, cells))
            if '="' in "".join(stripped):  # rare: looked at cell by cell only then
                stripped = tuple(map(_unwrap, stripped))
            row = Row(line, stripped)
            line = end + 1  # a quoted cell may span several lines
            if any(row.cells):
                yield row
    except csv.Error as exc:
        if lines is not None and lines.binary:
            pass
        elif "unexpected end of data" in str(exc):
            position = _open_field(_line_at(data, encoding, line), delimiter)
            problems.append(Problem(line, None, _open_quote(None), position=position))
            return
        else:
            problems.append(Problem(reader.line_num or line, None, f"CSV illisible ({exc})"))
            return
    except UnicodeDecodeError:  # only UTF-16 is decoded unchecked: checking would copy it
        decoded = data.decode("utf-16", errors="replace")  # a copy, on this rare path only
        number = decoded.count("\n", 0, max(decoded.find("\ufffd"), 0)) + 1
        problems.append(Problem(number, None, "caractère illisible en UTF-16 (fichier abîmé ?)"))
        return
    if lines is not None and lines.binary:
        problems.append(
            Problem(
                lines.count,
                None,
                "caractère de contrôle, invisible, qu'un fichier texte ne contient pas : "
                f"retirez-le (ou « {filename} » n'est pas un tableau CSV)",
            )
        )


def _head_header(data: bytes) -> Row | None:
    """The header among the first lines of a file refused for its encoding (read leniently,
    in either encoding), so that the refusal names its column by title."""
    for encoding in ("utf-8-sig", "cp1252"):
        text = _head(data, encoding)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        try:
            for _, cells in zip(range(SNIFF_LINES), reader, strict=False):
                row = Row(reader.line_num, tuple(cell.strip() for cell in cells))
                if is_number_header(row):
                    return row
        except csv.Error:
            continue
    return None


class _Lines:
    """The lines of a UTF-16 text for the csv reader, stopping at a control character (a
    binary file is no table)."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self.text = text
        self.binary = False
        self.count = 0  # lines read

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.text)
        self.count += 1
        if _CONTROL.search(line):
            self.binary = True
            raise StopIteration
        return line


def _line_at(data: bytes, encoding: str, number: int) -> str:
    """Line ``number`` of the file (to say in which column a quote was left open)."""
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    return next(itertools.islice(text, number - 1, None), "")


def _open_field(line: str, delimiter: str) -> int | None:
    """The 0-based place of the field whose quote is never closed on ``line``."""
    field_index, quoted, start = 0, False, True
    opened: int | None = None
    position = 0
    while position < len(line):
        char = line[position]
        if quoted:
            if char == '"':
                if line[position + 1 : position + 2] == '"':
                    position += 1  # "" inside quotes
                else:
                    quoted = False
        elif char == delimiter:
            field_index += 1
            start = True
            position += 1
            continue
        elif char == '"' and start:
            quoted, opened = True, field_index
        start = False
        position += 1
    return opened if quoted else None


_TEXT_FORMULA = re.compile(r'="((?:[^"]|"")*)"')


def _unwrap(cell: str) -> str:
    """``="0123"``, the way a CSV keeps a text from a spreadsheet's conversions (btsdesk's
    own exports write it), is the text ``0123``."""
    if not cell.startswith("="):
        return cell
    match = _TEXT_FORMULA.fullmatch(cell)
    return cell if match is None else match.group(1).replace('""', '"')


def _open_quote(closed_on: int | None) -> str:
    where = (
        "jamais fermé : le reste du fichier serait lu comme une seule cellule"
        if closed_on is None
        else f"fermé seulement à la ligne {closed_on} : les lignes entre les deux seraient "
        "lues comme une seule cellule"
    )
    return f"guillemet (\") ouvert {where} ; fermez-le ou retirez-le, rien n'est importé"


def _encoding(data: bytes, problems: Problems) -> str | None:
    """UTF-8 first (strict, so a cp1252 "é" cannot pass for it), then the encoding of
    Excel's "Texte Unicode" (UTF-16 with a BOM), then cp1252 (French Windows Excel).
    A byte neither can read, or a file mixing UTF-8 and cp1252 lines (a line pasted from
    elsewhere: it would become « LABBÃ‰ »), is refused naming the line and the column.
    Checked a piece at a time: never a decoded copy of the whole file."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _is_utf8(data):
        return "utf-8-sig"
    delimiter = _delimiter(_head(data, "latin-1"))
    if _find(data, _UTF8_START) < 0:
        # No line can be UTF-8 (a UTF-8 line with accents holds such a sequence): the
        # whole file is cp1252, unless it holds a byte cp1252 leaves undefined.
        hole = _find(data, _CP1252_HOLES)
        if hole < 0:
            return "cp1252"
        start = data.rfind(b"\n", 0, hole) + 1
        end = data.find(b"\n", hole)
        raw = data[start : len(data) if end < 0 else end]
        problems.append(_undecodable(data.count(b"\n", 0, start) + 1, raw, hole - start, delimiter))
        return None
    utf8_lines: list[int] = []
    cp1252_lines: list[int] = []
    first_utf8: bytes = b""
    first_cp1252: bytes = b""
    for number, raw in enumerate(io.BytesIO(data), start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            utf8_lines.append(number)
            first_utf8 = first_utf8 or raw
            continue
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            problems.append(_undecodable(number, raw, exc.start, delimiter))
            return None
        cp1252_lines.append(number)
        first_cp1252 = first_cp1252 or raw
    if utf8_lines and cp1252_lines:
        if len(utf8_lines) <= len(cp1252_lines):
            odd, raw, odd_name = utf8_lines, first_utf8, "UTF-8"
            rest, rest_name = cp1252_lines, "Windows-1252"
        else:
            odd, raw, odd_name = cp1252_lines, first_cp1252, "Windows-1252"
            rest, rest_name = utf8_lines, "UTF-8"
        accent = next(i for i, byte in enumerate(raw) if byte >= 0x80)
        problems.append(
            Problem(
                odd[0],
                None,
                f"encodages mélangés : cette ligne est en {odd_name} alors que le reste du "
                f"fichier est en {rest_name} (par exemple la ligne {rest[0]}) ; les accents "
                "seraient altérés — enregistrez le fichier dans un seul encodage (« CSV UTF-8 »)",
                position=_field_at(raw, accent, delimiter),
            )
        )
        return None
    return "cp1252"


def _undecodable(line: int, raw: bytes, offset: int, delimiter: str) -> Problem:
    return Problem(
        line,
        None,
        f"octet 0x{raw[offset]:02X} illisible : le fichier n'est ni en UTF-8 "
        "ni en Windows-1252 ; enregistrez-le en « CSV UTF-8 »",
        position=_field_at(raw, offset, delimiter),
    )


def _is_utf8(data: bytes) -> bool:
    """Whether the whole file is UTF-8, checked a megabyte at a time, each piece cut after a
    line break (never inside a character: a UTF-8 sequence holds no byte 0x0A)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + _CHUNK)
        end = len(data) if end < 0 else end + 1
        try:
            data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            return False
        start = end
    return True


def _field_at(raw: bytes, offset: int, delimiter: str) -> int:
    """The 0-based field of a line's byte ``offset`` (quotes understood)."""
    before = raw[:offset].decode("latin-1")  # the delimiters are ASCII: any 8-bit reading works
    fields = next(csv.reader([before], delimiter=delimiter), [""])
    return max(len(fields) - 1, 0)


def _head(data: bytes, encoding: str) -> str:
    """The first 64 KB of the file as text: enough to find the delimiter."""
    return data[: 1 << 16].decode(encoding, errors="replace")


def _delimiter(text: str) -> str:
    """The delimiter found on the most lines among the first ones: a Cyclades preamble is
    ";;;;", and a "," inside French decimals rarely appears on every line."""
    lines = [line for line in text.splitlines() if line.strip()][:SNIFF_LINES]
    counts = {d: sum(d in line for line in lines) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first on a tie
