"""Parameters are checked before papermill injects them into the notebook as code."""

from __future__ import annotations

import pytest

from tthc.project import MONTHLY_NOTEBOOK, NOTEBOOKS
from tthc.render.engine import RenderError, check_parameters

from support import SHIPPED


def test_the_report_parameters_pass():
    check_parameters(MONTHLY_NOTEBOOK, {"period": "2024-09", "data_dir": str(SHIPPED)})
    check_parameters(NOTEBOOKS / "trends.ipynb",
                     {"period_from": "2024-01", "period_to": "2024-12", "data_dir": str(SHIPPED)})


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"period": "2024-09'; import os; os.system('id'); '", "data_dir": "data"}, "kỳ báo cáo"),
        ({"period": "2024-09\nimport os", "data_dir": "data"}, "không hợp lệ"),
        ({"period": "2024-13", "data_dir": "data"}, "kỳ báo cáo"),
        ({"period": "2024-09", "data_dir": "/no/such/folder"}, "không có thư mục"),
        ({"period": "2024-09", "data_dir": "data", "kernel": "bash"}, "không có tham số: kernel"),
    ],
)
def test_bad_parameters_are_refused(parameters, message):
    if parameters.get("data_dir") == "data":
        parameters = {**parameters, "data_dir": str(SHIPPED)}
    with pytest.raises(RenderError, match=message):
        check_parameters(MONTHLY_NOTEBOOK, parameters)
