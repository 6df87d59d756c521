"""Build the Word reference document that carries the ND 30/2020 look.

Pandoc and Quarto copy styles, page setup and headers from a reference
.docx but ignore ``mainfont`` for Word, so every visual rule of Nghị định
30/2020/NĐ-CP, Phụ lục I that a style can express lives here.  What a style
cannot express (borderless header table, landscape annexes, repeated table
headers) is done afterwards by :mod:`tthc.render.docx`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from tthc.project import user_cache

FONT = "Times New Roman"
BLACK = "000000"
LANGUAGE = "vi-VN"

#: Core-property date of every generated file: builds must not depend on the clock.
FIXED_DATE = dt.datetime(2020, 3, 5, 0, 0, 0, tzinfo=dt.UTC)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
HEADER_DISTANCE = Mm(10)
FOOTER_DISTANCE = Mm(10)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

#: Points left blank between the signer's position and name for the signature and the seal.
SIGNATURE_ROOM = 72

#: Share of the text width given to the left column of the header block.
HEADER_LEFT_SHARE = 0.42

_TWIPS_PER_EMU = 1 / 635
_FIRST_LINE = Mm(12.7)
_LINE_115 = 276  # w:line in 240ths of a line: 1.15 lines
_SINGLE = 240


@dataclass(frozen=True)
class Look:
    """Paragraph and run properties of one style, in ND 30 units (pt, EMU)."""

    size: float = 14
    bold: bool = False
    italic: bool = False
    align: str = "both"
    first_line: int = _FIRST_LINE
    left: int = 0
    before: float = 0
    after: float = 6
    line: int = _LINE_115
    keep_next: bool = False
    contextual: bool = False  # no spacing between paragraphs of the same style
    outline: int | None = None


BODY = Look()
_HEADING = Look(bold=True, before=6, keep_next=True)
_CENTRED = Look(align="center", first_line=0)
_BLOCK = Look(align="center", first_line=0, after=0, line=_SINGLE)
_LEFT_BLOCK = replace(_BLOCK, align="left")
_RIGHT_COLUMN = int(TEXT_WIDTH * HEADER_LEFT_SHARE)

#: Paragraph styles: name -> (basedOn, look).  Names are the ones pandoc writes
#: or the ones our markdown uses through ``custom-style``.
PARAGRAPH_STYLES: dict[str, tuple[str | None, Look]] = {
    "Normal": (None, BODY),
    "Body Text": ("Normal", BODY),
    "First Paragraph": ("Body Text", BODY),
    "Compact": ("Body Text", replace(_LEFT_BLOCK, size=11, before=2, after=2)),
    "Heading 1": ("Normal", replace(_HEADING, outline=0)),
    "Heading 2": ("Normal", replace(_HEADING, outline=1)),
    "Heading 3": ("Normal", replace(_HEADING, outline=2)),
    "Title": (
        "Normal",
        replace(_CENTRED, bold=True, before=12, after=0, keep_next=True),
    ),
    "Subtitle": ("Title", replace(_CENTRED, bold=True, after=0, keep_next=True)),
    "Table Caption": ("Normal", replace(_CENTRED, size=13, before=6, keep_next=True)),
    "Image Caption": ("Normal", replace(_CENTRED, size=13)),
    "Header": ("Normal", replace(_BLOCK, size=13)),
    "Footer": ("Normal", replace(_BLOCK, size=13)),
    "Header Block": ("Normal", replace(_BLOCK, size=13)),
    # The place-date line sits under the national motto, i.e. centred in the
    # right column of the header block; the signature in the right half.
    "Place Date": ("Normal", replace(_CENTRED, italic=True, left=_RIGHT_COLUMN)),
    "Recipients Heading": (
        "Normal",
        replace(_LEFT_BLOCK, size=12, bold=True, italic=True, before=12),
    ),
    "Recipients": ("Normal", replace(_LEFT_BLOCK, size=11)),
    "Signature": ("Normal", replace(_BLOCK, bold=True, left=int(TEXT_WIDTH / 2))),
    # The signer's name, under room for the signature and the seal (ND 30, ô 7c).
    "Signer Name": ("Signature", replace(_BLOCK, bold=True, left=int(TEXT_WIDTH / 2), before=SIGNATURE_ROOM)),
    # A chart: its own centred paragraph, no first-line indent (it would push the picture into the margin).
    "Figure": ("Normal", replace(_CENTRED, before=6, after=6, line=_SINGLE)),
    "Annex Title": (
        "Normal",
        replace(_CENTRED, bold=True, keep_next=True, contextual=True),
    ),
    "Annex Caption": (
        "Normal",
        replace(_CENTRED, size=13, italic=True, keep_next=True),
    ),
}


def build_reference_docx(path: Path) -> Path:
    """Write the ND 30 reference document to ``path`` and return the path.

    Two builds are byte-identical, so the file can be committed, cached or
    compared without noise.
    """
    document = Document()
    _drop_noise_parts(document)
    _set_doc_defaults(document)
    for name, (based_on, look) in PARAGRAPH_STYLES.items():
        _define_paragraph_style(document, name, based_on, look)
    _define_hyperlink_style(document)
    _define_table_style(document)
    _drop_unused_table_styles(document)
    _blacken_all_styles(document)
    _set_page(document)
    _add_page_number_header(document)
    fix_core_properties(document)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    normalize_zip(path)
    return path


def reference_digest() -> str:
    """What the reference document is made from: this module's code and python-docx's version."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(metadata.version("python-docx").encode())
    return digest.hexdigest()[:20]


def cached_reference_docx(path: Path) -> Path:
    """The reference document at ``path``, copied from a build cached by its content digest.

    Building it costs about 0,2 s of python-docx work per DOCX; two builds are byte-identical, so one
    build per version of this module serves every report. The cache file is written whole (temporary
    file, then rename); where the cache cannot be written the document is built in place.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    cached = user_cache() / f"reference-{reference_digest()}.docx"
    if not cached.is_file():
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".reference-", suffix=".docx", dir=cached.parent)
            os.close(handle)
            build_reference_docx(Path(temporary))
            os.replace(temporary, cached)
        except OSError:
            return build_reference_docx(path)
    shutil.copyfile(cached, path)
    return path


def normalize_zip(path: Path) -> None:
    """Rewrite the .docx zip with fixed entry dates so equal content gives equal bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [
            (info.filename, source.read(info.filename)) for info in source.infolist()
        ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)


def fix_core_properties(document: DocxDocument) -> None:
    """Pin the dates and authorship that Word shows in File > Info."""
    props = document.core_properties
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_printed = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    props.author = "tthc"
    props.last_modified_by = "tthc"
    props.comments = ""
    props.language = LANGUAGE


def _drop_noise_parts(document: DocxDocument) -> None:
    """Remove template parts that would contradict styles.xml or show a stale preview."""
    for rel in list(document.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel.rId)
    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel.rId)


def _set_doc_defaults(document: DocxDocument) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for child in list(r_pr):
        r_pr.remove(child)
    _append_run_properties(r_pr, BODY)
    lang = _element("w:lang", val=LANGUAGE, eastAsia=LANGUAGE, bidi="ar-SA")
    r_pr.append(lang)
    p_pr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    for child in list(p_pr):
        p_pr.remove(child)
    p_pr.append(_element("w:spacing", after="0", line=str(_SINGLE), lineRule="auto"))


def _define_paragraph_style(
    document: DocxDocument, name: str, based_on: str | None, look: Look
) -> None:
    style = _get_or_add_style(document, name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on is not None:
        style.base_style = document.styles[based_on]
    style.hidden = False
    style.quick_style = True
    element = style.element
    for tag in ("w:pPr", "w:rPr", "w:link", "w:rsid"):
        for child in element.findall(qn(tag)):
            element.remove(child)
    p_pr = OxmlElement("w:pPr")
    if look.keep_next:
        p_pr.append(OxmlElement("w:keepNext"))
        p_pr.append(OxmlElement("w:keepLines"))
    p_pr.append(
        _element(
            "w:spacing",
            before=str(round(look.before * 20)),
            after=str(round(look.after * 20)),
            line=str(look.line),
            lineRule="auto",
        )
    )
    p_pr.append(
        _element(
            "w:ind",
            left=str(_twips(look.left)),
            right="0",
            firstLine=str(_twips(look.first_line)),
        )
    )
    if look.contextual:
        p_pr.append(OxmlElement("w:contextualSpacing"))
    p_pr.append(_element("w:jc", val=look.align))
    if look.outline is not None:
        p_pr.append(_element("w:outlineLvl", val=str(look.outline)))
    element.append(p_pr)
    r_pr = OxmlElement("w:rPr")
    _append_run_properties(r_pr, look)
    element.append(r_pr)


def _define_hyperlink_style(document: DocxDocument) -> None:
    style = _get_or_add_style(document, "Hyperlink", WD_STYLE_TYPE.CHARACTER)
    element = style.element
    for child in element.findall(qn("w:rPr")):
        element.remove(child)
    r_pr = OxmlElement("w:rPr")
    _set_fonts(r_pr)
    r_pr.append(_element("w:color", val=BLACK))
    r_pr.append(_element("w:u", val="single"))
    element.append(r_pr)


def _define_table_style(document: DocxDocument) -> None:
    """Pandoc tags every table with the style id ``Table``: thin single borders everywhere."""
    style = _get_or_add_style(document, "Table", WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    element = style.element
    for child in element.findall(qn("w:tblPr")):
        element.remove(child)
    tbl_pr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(
            _element(f"w:{edge}", val="single", sz="4", space="0", color=BLACK)
        )
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", 0), ("left", 85), ("bottom", 0), ("right", 85)):
        margins.append(_element(f"w:{edge}", w=str(width), type="dxa"))
    tbl_pr.append(margins)
    element.append(tbl_pr)


#: The table styles a report uses: Word's default one and pandoc's ``Table`` (based on it).
KEPT_TABLE_STYLES = frozenset({"Normal Table", "Table"})


def _drop_unused_table_styles(document: DocxDocument) -> None:
    """The template's hundred table styles ("Light Shading Accent 1", …) are nine tenths of styles.xml: pandoc
    parses the reference's styles on every DOCX it writes (0,15 s of its 0,35 s) and copies them into the report,
    where python-docx and Word parse them again. No report table names one of them."""
    for style in list(document.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in KEPT_TABLE_STYLES:
            style.element.getparent().remove(style.element)


def _blacken_all_styles(document: DocxDocument) -> None:
    """Times New Roman and black in every style, including the template's unused ones."""
    for r_fonts in document.styles.element.iter(qn("w:rFonts")):
        _fill_fonts(r_fonts)
    for color in document.styles.element.iter(qn("w:color")):
        for attr in ("themeColor", "themeTint", "themeShade"):
            color.attrib.pop(qn(f"w:{attr}"), None)
        color.set(qn("w:val"), BLACK)


def _set_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.header_distance = HEADER_DISTANCE
    section.footer_distance = FOOTER_DISTANCE
    section.gutter = 0
    sect_pr = section._sectPr
    for attr in ("rsidR", "rsidRPr", "rsidSect"):
        sect_pr.attrib.pop(qn(f"w:{attr}"), None)
    pg_num = sect_pr.find(qn("w:pgNumType"))
    if pg_num is None:
        pg_num = OxmlElement("w:pgNumType")
        sect_pr.find(qn("w:pgMar")).addnext(pg_num)
    pg_num.set(qn("w:fmt"), "decimal")
    pg_num.set(qn("w:start"), "1")


def _add_page_number_header(document: DocxDocument) -> None:
    """Centred PAGE field in the top margin, hidden on page 1 (ND 30, Phụ lục I)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles["Header"]
    append_page_field(paragraph._p)
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = document.styles["Header"]


def append_page_field(p: etree._Element) -> None:
    """Complex PAGE field: Word and LibreOffice both update it on open."""
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        run = OxmlElement("w:r")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            run.append(instr)
        elif kind == "text":
            t = OxmlElement("w:t")
            t.text = text
            run.append(t)
        else:
            run.append(_element("w:fldChar", fldCharType=kind))
        p.append(run)


def _get_or_add_style(document: DocxDocument, name: str, kind: WD_STYLE_TYPE):
    try:
        return document.styles[name]
    except KeyError:
        return document.styles.add_style(name, kind)


def _append_run_properties(r_pr, look: Look) -> None:
    _set_fonts(r_pr)
    for flag, on in (
        ("w:b", look.bold),
        ("w:bCs", look.bold),
        ("w:i", look.italic),
        ("w:iCs", look.italic),
    ):
        r_pr.append(_element(flag, val="1" if on else "0"))
    r_pr.append(_element("w:color", val=BLACK))
    half_points = str(round(look.size * 2))
    r_pr.append(_element("w:sz", val=half_points))
    r_pr.append(_element("w:szCs", val=half_points))


def _set_fonts(r_pr) -> None:
    for old in r_pr.findall(qn("w:rFonts")):
        r_pr.remove(old)
    r_fonts = OxmlElement("w:rFonts")
    _fill_fonts(r_fonts)
    r_pr.insert(0, r_fonts)


def _fill_fonts(r_fonts) -> None:
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme", "hint"):
        r_fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        r_fonts.set(qn(f"w:{attr}"), FONT)


def _element(tag: str, **attrs: str) -> etree._Element:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _twips(emu: int) -> int:
    return round(emu * _TWIPS_PER_EMU)
