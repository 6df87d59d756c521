"""How the site names a period: as readers say it, whatever its length."""

from __future__ import annotations

import pytest

from tthc.site.pages import period_name


@pytest.mark.parametrize(("folder", "shown"), [
    ("2024-09", "Tháng 09/2024"), ("2024-Q3", "Quý III/2024"), ("2024-H1", "6 tháng đầu năm 2024"),
    ("2024", "Năm 2024"), ("xu-huong", "xu-huong"),
])
def test_a_period_folder_is_named_as_readers_say_it(folder, shown):
    assert period_name(folder) == shown
