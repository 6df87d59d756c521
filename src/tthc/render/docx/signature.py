"""The "Nơi nhận" / signature block (ND 30/2020, Phụ lục I, ô 7 and 9b).

It needs a table to put the recipients beside the signer, but not a ruled one:
no borders, two equal columns (the signer centred in the right half), the
reference document's Recipients / Signature styles in charge of sizes and weight.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

from tthc.render.docx import _xml
from tthc.render.docx._styles import SIGNER_NAME_STYLE, StyleIds


def is_layout_table(table: Table, ids: StyleIds) -> bool:
    """A table is the signature block when its paragraphs carry the block's styles."""
    return any(_xml.style_id(p) in ids.layout for p in table._tbl.iter(_xml.qn("w:p")))


def format_layout_table(document: DocxDocument, table: Table, text_width_twips: int) -> None:
    """The cells only place the blocks: no borders, no style indents, tops level."""
    tbl = table._tbl
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _xml.set_table_width(tbl, text_width_twips)
    _xml.set_table_borders(tbl, _xml.NO_BORDER)
    _xml.set_cell_margins(tbl, 0, 0)
    _xml.set_plain_look(tbl)
    columns = len(table.columns)
    widths = [text_width_twips // columns] * columns if columns else []
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    for row in table.rows:
        _xml.set_repeat_header(row._tr, False)
        _xml.set_cant_split(row._tr)
        for column, span, tc in _xml.cells(row._tr):
            cell = table.cell(row._index, column)
            cell.width = Twips(sum(widths[column: column + span]))
            _xml.set_cell_borders(tc, _xml.NO_BORDER)
            for index, paragraph in enumerate(cell.paragraphs):
                fmt = paragraph.paragraph_format
                fmt.left_indent = fmt.right_indent = fmt.first_line_indent = Twips(0)
                if index == 0:
                    fmt.space_before = Pt(6)  # both columns start level, a little under the text
                if paragraph.style is not None and paragraph.style.name == SIGNER_NAME_STYLE:
                    _xml.drop_leading_breaks(paragraph._p)
    _keep_closing_paragraph_with(table)


def _keep_closing_paragraph_with(table: Table) -> None:
    """The signer never stands alone on a page: the report's closing paragraph moves with the block."""
    previous = table._tbl.getprevious()
    if previous is not None and previous.tag == _xml.qn("w:p"):
        Paragraph(previous, table._parent).paragraph_format.keep_with_next = True
