"""Kept for callers of the old single module: the post-processor now lives in :mod:`tthc.render.docx`."""

from tthc.render.docx import ANNEX_TITLE_STYLE, HEADER_BLOCK_STYLE, LAYOUT_STYLES, TABLE_CELL_STYLE, postprocess_docx

__all__ = ["ANNEX_TITLE_STYLE", "HEADER_BLOCK_STYLE", "LAYOUT_STYLES", "TABLE_CELL_STYLE", "postprocess_docx"]
