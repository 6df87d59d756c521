"""Charts: a picture sits in its own unindented, centred paragraph, never wider than the text."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Twips

from tthc.render.docx import _xml
from tthc.render.docx._styles import FIGURE_STYLE


def fit_pictures(document: DocxDocument, text_width_twips: int) -> None:
    """Pandoc puts a picture in a Body Text paragraph: its first-line indent pushed the chart
    1,27 cm into the right margin.  The paragraph gets the Figure style, the picture the text width at most."""
    limit = Twips(text_width_twips)
    for shape in document.inline_shapes:
        _xml.zero_picture_distances(shape._inline)
        if shape.width > limit:
            shape.height = round(shape.height * limit / shape.width)
            shape.width = limit
    try:
        style = document.styles[FIGURE_STYLE]
    except KeyError:
        style = None
    for paragraph in document.paragraphs:
        drawings = paragraph._p.findall(f".//{_xml.qn('w:drawing')}")
        if not drawings or paragraph.text.strip():
            continue
        if style is not None:
            paragraph.style = style
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = fmt.left_indent = fmt.right_indent = Twips(0)
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
