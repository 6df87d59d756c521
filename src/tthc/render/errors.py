"""The renderers' one error type, apart from the engines so light modules can raise it."""

from __future__ import annotations

from tthc.errors import DataError


class RenderError(DataError):
    """Rendering failed; the message is Vietnamese and names the step."""
