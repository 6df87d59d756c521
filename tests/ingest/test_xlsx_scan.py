"""The sheet scan's one-pass search for long references finds what one pass per length found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.ingest import xlsx_scan

REFS = st.lists(st.tuples(st.text("ABCXYZ", max_size=4), st.integers(0, 10**8)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(refs=REFS)
def test_one_pass_finds_the_largest_longest_reference(refs):
    xml = b"".join(b'<c r="%s%d" s="1"><v>%d</v></c>' % (letters.encode(), row, row) for letters, row in refs)
    assert (xlsx_scan._longest(xlsx_scan._LONG_ROWS.findall(xml))
            == xlsx_scan._largest(xml, xlsx_scan._ROWS_BY_DIGITS, (7, 6)))
    assert (xlsx_scan._longest(xlsx_scan._LONG_COLUMNS.findall(xml))
            == xlsx_scan._largest(xml, xlsx_scan._COLUMNS_BY_LETTERS, (3, 2)))
