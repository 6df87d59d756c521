"""Style names the post-processor relies on, and their ids as this document spells them."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE

HEADER_BLOCK_STYLE = "Header Block"
ANNEX_TITLE_STYLE = "Annex Title"
TABLE_CELL_STYLE = "Compact"
FIGURE_STYLE = "Figure"
SIGNATURE_STYLE = "Signature"
SIGNER_NAME_STYLE = "Signer Name"
RECIPIENTS_STYLE = "Recipients"
RECIPIENTS_HEADING_STYLE = "Recipients Heading"
#: A table holding one of these styles lays out the signature block: no borders.
LAYOUT_STYLES = (SIGNATURE_STYLE, SIGNER_NAME_STYLE, RECIPIENTS_STYLE, RECIPIENTS_HEADING_STYLE, "Place Date")
#: Styles pandoc gives to plain text; inside data tables they become ``Compact``.
BODY_STYLES = ("Normal", "Body Text", "First Paragraph", "Compact")
TITLE_BLOCK_STYLES = ("Title", "Subtitle")


@dataclass(frozen=True)
class StyleIds:
    """Style ids as this document spells them (pandoc keeps the reference doc's ids)."""

    header_block: str
    annex_title: str
    table_cell: str
    subtitle: str
    title: str
    title_block: frozenset[str]
    layout: frozenset[str]
    body: frozenset[str | None]

    @classmethod
    def of(cls, document: DocxDocument) -> StyleIds:
        by_name = {style.name.lower(): style.style_id for style in document.styles
                   if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name}

        def resolve(name: str) -> str:
            return by_name.get(name.lower(), name.replace(" ", ""))

        return cls(
            header_block=resolve(HEADER_BLOCK_STYLE),
            annex_title=resolve(ANNEX_TITLE_STYLE),
            table_cell=resolve(TABLE_CELL_STYLE),
            subtitle=resolve("Subtitle"),
            title=resolve("Title"),
            title_block=frozenset(resolve(name) for name in TITLE_BLOCK_STYLES),
            layout=frozenset(resolve(name) for name in LAYOUT_STYLES),
            body=frozenset({None, *(resolve(name) for name in BODY_STYLES)}),
        )
