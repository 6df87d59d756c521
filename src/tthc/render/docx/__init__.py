"""Finish a pandoc/Quarto .docx with the ND 30/2020 rules a reference document cannot carry.

A reference .docx only gives styles and ONE page setup.  Nghị định 30/2020,
Phụ lục I also wants a borderless two-column header block with short rules,
a borderless recipients/signature block, ruled data tables whose headers repeat,
and annexes on landscape pages numbered on their own.  One module per concern:

* :mod:`.header` — header block, its rules, the title's rule;
* :mod:`.signature` — "Nơi nhận" and the signer;
* :mod:`.tables` — data tables;
* :mod:`.figures` — charts inside the margins;
* :mod:`.sections` — landscape annex sections and page numbers;
* :mod:`.properties` — title and date in the file's properties;
* :mod:`.gt_tables` — great-tables' tables handed to pandoc as Word tables (raw OpenXML, as pandoc
  writes them), before it runs;
* :mod:`._xml` — the only hand-written XML of the post-processing, where python-docx has no API.

Conventions the markdown must follow: the first table of the document is the
header block when it is one (two columns, a place-date line: a trends report has none, and its first
table is a data table); a table whose paragraphs carry the Recipients/Signature styles is
the signature block; every other table is a data table; a paragraph styled
``Annex Title`` starts an annex (``docs/nd30-layout.md`` lists the rules).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

from tthc.render.docx import _xml, figures, header, properties, sections, signature, tables
from tthc.render.docx._styles import ANNEX_TITLE_STYLE, HEADER_BLOCK_STYLE, LAYOUT_STYLES, TABLE_CELL_STYLE, StyleIds
from tthc.render.reference_docx import normalize_zip

__all__ = ["ANNEX_TITLE_STYLE", "HEADER_BLOCK_STYLE", "LAYOUT_STYLES", "TABLE_CELL_STYLE", "postprocess_docx"]


def postprocess_docx(path: Path) -> None:
    """Apply the ND 30 layout rules to ``path`` in place.

    Same input, same bytes; running it again on its own output changes nothing.
    """
    path = Path(path)
    document = Document(str(path))
    _xml.separate_adjacent_tables(document.element.body)
    ids = StyleIds.of(document)
    sections.ensure_page_number_header(document)
    width = sections.text_width(sections.body_section(document))
    landscape_width = sections.landscape_text_width(document)
    all_tables = document.tables
    report_date = None
    if all_tables and header.is_header_block(all_tables[0]):
        header.move_title_block_after(all_tables[0], ids)
        header.format_header_block(document, all_tables[0], width, ids)
        report_date = header.report_date(all_tables[0])
        all_tables = all_tables[1:]
    header.add_subtitle_rule(document, width, ids)
    in_annex = sections.elements_after_first_annex(document, ids)
    for table in all_tables:
        if signature.is_layout_table(table, ids):
            signature.format_layout_table(document, table, width)
        else:
            tables.format_data_table(document, table, ids, landscape_width if table._tbl in in_annex else width)
    figures.fit_pictures(document, width)
    sections.split_annex_sections(document, ids)
    properties.set_core_properties(document, header.title_text(document, ids), properties.document_date(report_date))
    document.save(str(path))
    normalize_zip(path)
