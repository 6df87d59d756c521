"""Word's chart pictures draw every label in one font: a family is left out of the picture's font stack when
one of its installed faces lacks the Vietnamese letters (Debian's fonts-liberation 1.07 beside
fonts-liberation2), or "Phú Lương" comes out in another font, at another size, than "Minh Tân"."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from tthc.render import chart_fonts
from tthc.render.chart_fonts import usable_families
from tthc.render.chart_png import png_base64, with_picture_fonts
from tthc.report.charts import FONT

STACK = "Times New Roman, Liberation Serif, DejaVu Serif, serif"
LIBERATION_1 = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
LIBERATION_2 = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def test_a_family_with_one_face_lacking_the_letters_is_left_out() -> None:
    faces = {"liberation serif": [LIBERATION_1, LIBERATION_2], "dejavu serif": [DEJAVU]}

    assert usable_families(STACK, faces, {LIBERATION_2, DEJAVU}) == "Times New Roman, DejaVu Serif, serif"


def test_a_family_whose_faces_all_have_the_letters_stays() -> None:
    faces = {"liberation serif": [LIBERATION_2], "dejavu serif": [DEJAVU]}

    assert usable_families(STACK, faces, {LIBERATION_2, DEJAVU}) == STACK


def test_the_stack_is_kept_when_only_generic_names_would_be_left() -> None:
    faces = {"liberation serif": [LIBERATION_1]}

    assert usable_families("Liberation Serif, serif", faces, set()) == "Liberation Serif, serif"


def test_without_fontconfig_the_stack_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart_fonts.shutil, "which", lambda name: None)
    chart_fonts.picture_font_stack.cache_clear()
    try:
        assert chart_fonts.picture_font_stack(STACK) == STACK
    finally:
        chart_fonts.picture_font_stack.cache_clear()


def test_every_font_of_the_configuration_is_filtered_and_the_spec_given_is_kept() -> None:
    spec = {"mark": "bar", "config": {"font": FONT, "axis": {"labelFont": FONT}, "title": {"fontSize": 14}}}

    drawn = with_picture_fonts(spec)

    assert drawn["config"]["font"] == chart_fonts.picture_font_stack(FONT)
    assert drawn["config"]["axis"]["labelFont"] == chart_fonts.picture_font_stack(FONT)
    assert drawn["config"]["title"] == {"fontSize": 14}
    assert spec["config"]["font"] == FONT


def first_glyph(label: str) -> tuple[tuple[int, int], bytes]:
    """Size and pixels of the first letter of `label` as the picture draws it in the charts' font stack."""
    spec = {"data": {"values": [{"t": label}]}, "width": 200, "height": 60,
            "mark": {"type": "text", "fontSize": 40, "align": "left", "baseline": "middle", "x": 5, "y": 30},
            "encoding": {"text": {"field": "t"}}, "config": {"font": FONT, "view": {"stroke": None}}}
    image = Image.open(io.BytesIO(base64.b64decode(png_base64(spec)))).convert("L")
    ink = image.point(lambda value: 255 if value < 128 else 0)
    width, height = ink.size
    columns = [x for x in range(width) if any(ink.getpixel((x, y)) for y in range(height))]
    end = columns[0]
    while end + 1 in columns:
        end += 1
    glyph = ink.crop((columns[0], 0, end + 1, height))
    box = glyph.getbbox()
    assert box is not None
    glyph = glyph.crop(box)
    return glyph.size, glyph.tobytes()


def test_a_label_with_vietnamese_letters_is_drawn_in_the_same_font_as_one_without() -> None:
    """The H of "Hư" is the H of "Hu": no label falls back to another font for its letters."""
    assert first_glyph("Hư") == first_glyph("Hu")
