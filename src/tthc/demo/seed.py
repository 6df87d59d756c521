"""The September 2024 exports of the Lương Tài centre, as reconstructed from the seed report.

The three annex tables are the seed's own figures, with the seed's spellings.
The online-payment statistics per unit and the feedback list are reconstructions
consistent with the seed's prose (see data/README.md). Tests and the demo-data
script write these tables in the export shapes; nothing here feeds indicators
directly.
"""

from __future__ import annotations

from tthc.exports.writer import ExportRow, ExportTable
from tthc.sources import DOSSIERS, FEEDBACK, PAYMENTS, SIGNING

PERIOD_ANNEX = "(Từ ngày 24/08/2024-23/09/2024)"
ATTACHED = "(Kèm theo Báo cáo số:/BC-TTHCC ngày 24/9/2024 của Trung tâm hành chính công huyện)"

DOSSIER_COUNTS = [
    "received", "received_direct", "received_online",
    "resolved", "resolved_early", "resolved_on_time", "resolved_late",
    "pending", "pending_not_due", "pending_overdue",
    "paused_supplement", "paused_financial", "paused_other",
    "refused", "withdrawn", "fee_bearing", "paid_online",
]

CENTRE_ROWS = [
    ("Phòng Kinh tế HT", [4, 0, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0], 4),
    ("Phòng Lao động TB&XH", [39, 0, 39, 0, 0, 0, 0, 34, 34, 0, 0, 0, 5, 0, 0, 0, 0], 0),
    ("Phòng Nội vụ", [0] * 17, 0),
    ("Phòng Tài chính KH", [53, 0, 53, 34, 34, 0, 0, 19, 19, 0, 0, 0, 0, 0, 0, 34, 34], 34),
    ("Phòng Tài nguyên MT", [0] * 17, 0),
    ("Phòng Tư pháp", [24, 0, 24, 23, 23, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 23, 20], 23),
    ("Phòng Văn hóa TT", [0] * 17, 0),
    ("Chi nhánh Văn phòng ĐKDD", [164, 0, 164, 152, 146, 5, 1, 10, 10, 0, 0, 0, 2, 0, 0, 0, 0], 152),
    ("Chi Cục Thuế - HLT", [400, 400, 0, 400, 0, 400, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0),
]

# name, 17 counts, paid_direct, digitised
COMMUNE_ROWS = [
    ("UBND thị trấn Thừa", [11, 0, 11, 10, 7, 1, 2, 1, 1, 0, 0, 0, 0, 0, 0, 8, 7], 1, 10),
    ("UBND xã An Thịnh", [18, 0, 18, 18, 18, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 9], 1, 18),
    ("UBND xã Bình Định", [35, 0, 35, 35, 33, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 24, 19], 5, 35),
    ("UBND xã Lai Hạ", [21, 0, 21, 21, 19, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 5], 3, 21),
    ("UBND xã Lâm Thao", [29, 0, 29, 29, 27, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 21, 21], 0, 29),
    ("UBND xã Minh Tân", [40, 0, 40, 37, 29, 7, 1, 0, 0, 0, 0, 0, 0, 0, 3, 21, 21], 0, 37),
    ("UBND xã Mỹ Hương", [30, 0, 30, 30, 27, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 28, 28], 0, 30),
    ("UBND xã Phú Hòa", [32, 0, 32, 28, 25, 1, 2, 4, 4, 0, 0, 0, 0, 0, 0, 20, 20], 0, 28),
    ("UBND xã Phú Lương", [23, 0, 23, 21, 18, 2, 1, 1, 0, 1, 0, 0, 0, 0, 1, 21, 21], 0, 21),
    ("UBND xã Quảng Phú", [41, 0, 41, 41, 40, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 33, 33], 0, 41),
    ("UBND xã Tân Lãng", [42, 0, 42, 40, 37, 3, 0, 2, 2, 0, 0, 0, 0, 0, 0, 35, 35], 0, 40),
    ("UBND xã Trung Chính", [42, 0, 42, 39, 33, 4, 2, 2, 2, 0, 0, 0, 0, 0, 1, 26, 26], 0, 39),
    ("UBND xã Trung Kênh", [66, 0, 66, 62, 56, 4, 2, 3, 3, 0, 0, 0, 0, 0, 1, 60, 60], 0, 59),
    ("UBND xã Trùng Xá", [8, 0, 8, 8, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 8),
]

SIGNING_COUNTS = [
    "docs_in", "workfiles", "workfiles_done", "docs_out", "docs_out_from_workfiles",
    "docs_out_signed", "docs_out_signed_from_workfiles",
]
SIGNING_GROUPS = [
    ("Các huyện - thị xã - thành phố", [
        ("UBND Huyện Lương Tài", [982, 301, 298, 286, 284, 285, 284], 99.65, 99.30, 4, 1),
    ]),
    ("Các xã phường trực thuộc Huyện Lương Tài", [
        ("UBND xã An Thịnh", [236, 9, 9, 9, 9, 9, 9], 100.0, 100.0, 0, 0),
        ("UBND xã Trùng Xá", [207, 13, 11, 7, 7, 7, 7], 100.0, 100.0, 0, 0),
        ("UBND xã Bình Định", [222, 20, 15, 15, 15, 15, 15], 100.0, 100.0, 0, 0),
        ("UBND xã Minh Tân", [217, 14, 13, 12, 12, 12, 12], 100.0, 100.0, 0, 0),
        ("UBND xã Mỹ Hương", [206, 11, 10, 8, 8, 8, 8], 100.0, 100.0, 0, 0),
        ("UBND thị trấn Thứa", [213, 12, 10, 10, 10, 10, 10], 100.0, 100.0, 0, 0),
        ("UBND xã Lai Hạ", [218, 16, 16, 16, 16, 16, 16], 100.0, 100.0, 0, 0),
        ("UBND xã Trung Chính", [226, 25, 23, 21, 21, 21, 21], 100.0, 100.0, 0, 0),
        ("UBND xã Lâm Thao", [208, 47, 46, 46, 46, 46, 46], 100.0, 100.0, 0, 0),
        ("UBND xã Trung Khê", [238, 11, 10, 9, 9, 9, 9], 100.0, 100.0, 0, 0),
        ("UBND xã Phú Hòa", [223, 38, 38, 38, 38, 38, 38], 100.0, 100.0, 0, 0),
        ("UBND xã Phú Lương", [217, 34, 33, 28, 28, 28, 28], 100.0, 100.0, 0, 0),
        ("UBND xã Quảng Phú", [215, 22, 22, 23, 23, 23, 23], 100.0, 100.0, 0, 0),
        ("UBND xã Tân Lãng", [215, 72, 64, 13, 13, 13, 13], 100.0, 100.0, 0, 0),
    ]),
    ("Các phòng, ban, đơn vị trực thuộc Huyện Lương Tài", [
        ("Trung tâm Giáo dục nghề nghiệp-GDTX huyện", [135, 18, 14, 22, 12, 21, 12], 95.45, 54.55, 0, 0),
        ("Ban Quản lý các dự án xây dựng huyện Lương Tài", [116, 26, 26, 27, 27, 27, 27], 100.0, 100.0, 0, 1),
        ("Trung tâm Hành chính công huyện", [101, 15, 14, 14, 14, 14, 14], 100.0, 100.0, 0, 0),
        ("Thanh tra huyện Lương Tài", [149, 18, 18, 17, 17, 17, 17], 100.0, 100.0, 2, 0),
        ("Phòng Lao động – Thương binh và Xã hội huyện", [173, 16, 16, 14, 14, 14, 14], 100.0, 100.0, 2, 0),
        ("Phòng Y tế huyện Lương Tài", [205, 8, 8, 7, 7, 7, 7], 100.0, 100.0, 0, 0),
        ("Phòng Tư pháp huyện Lương Tài", [166, 24, 24, 24, 24, 24, 24], 100.0, 100.0, 2, 0),
        ("Trung tâm Dịch vụ nông nghiệp huyện Lương Tài", [131, 18, 18, 18, 18, 18, 18], 100.0, 100.0, 0, 0),
        ("Phòng Giáo dục và Đào tạo huyện Lương Tài", [228, 98, 97, 84, 84, 84, 84], 100.0, 100.0, 3, 0),
        ("Phòng Nông nghiệp và Phát triển nông thôn huyện", [239, 27, 27, 26, 26, 26, 26], 100.0, 100.0, 2, 0),
        ("Phòng Tài nguyên và Môi trường huyện Lương Tài", [214, 57, 56, 55, 53, 53, 53], 96.36, 96.36, 1, 0),
        ("Phòng Tài chính - Kế hoạch huyện Lương Tài", [263, 55, 55, 32, 32, 32, 32], 100.0, 100.0, 3, 0),
        ("Phòng Kinh tế và Hạ tầng huyện Lương Tài", [221, 31, 31, 27, 27, 27, 27], 100.0, 100.0, 2, 0),
        ("Phòng Văn hóa và Thông tin huyện Lương Tài", [233, 31, 29, 30, 30, 30, 30], 100.0, 100.0, 2, 0),
        ("Phòng Nội vụ huyện Lương Tài", [179, 23, 23, 23, 23, 23, 23], 100.0, 100.0, 1, 0),
        ("Trung tâm Văn hóa Thể thao và Truyền thông", [182, 14, 14, 13, 13, 13, 13], 100.0, 100.0, 0, 0),
    ]),
    ("Các đơn vị của tỉnh đóng trên địa bàn Huyện Lương Tài", [
        ("Ban chỉ huy quân sự huyện Lương Tài", [114, 0, 0, 23, 0, 0, 0], 0.0, 0.0, 0, 0),
        ("Công an huyện Lương Tài", [163, 0, 0, 4, 0, 0, 0], 0.0, 0.0, 0, 0),
        ("Bảo hiểm xã hội huyện", [52, 0, 0, 4, 0, 0, 0], 0.0, 0.0, 0, 0),
        ("Chi nhánh VPDKLT", [1, 0, 0, 1, 0, 0, 0], 0.0, 0.0, 0, 0),
        ("Hội người mù huyện Lương Tài", [0, 0, 0, 0, 0, 0, 0], 0.0, 0.0, 0, 0),
    ]),
]

# Reconstructed: the seed gives only totals (112 / 105; 1.170 / 778) and the communes' classes.
PAYMENT_GROUPS = [
    ("Trung tâm Hành chính công huyện Lương Tài", [
        ("Phòng Kinh tế và Hạ tầng huyện Lương Tài", 6, 6),
        ("Phòng Tài chính - Kế hoạch huyện Lương Tài", 40, 40),
        ("Phòng Tư pháp huyện Lương Tài", 30, 28),
        ("Chi nhánh Văn phòng ĐKDD", 36, 31),
    ]),
    ("UBND các xã, thị trấn", [
        ("UBND thị trấn Thứa", 96, 41),
        ("UBND xã An Thịnh", 78, 36),
        ("UBND xã Bình Định", 110, 52),
        ("UBND xã Lai Hạ", 72, 30),
        ("UBND xã Lâm Thao", 88, 61),
        ("UBND xã Minh Tân", 85, 85),
        ("UBND xã Mỹ Hương", 95, 66),
        ("UBND xã Phú Hòa", 70, 70),
        ("UBND xã Phú Lương", 64, 64),
        ("UBND xã Quảng Phú", 90, 77),
        ("UBND xã Tân Lãng", 104, 98),
        ("UBND xã Trung Chính", 92, 38),
        ("UBND xã Trung Kênh", 105, 39),
        ("UBND xã Trừng Xá", 21, 21),
    ]),
]

# Reconstructed from section 3.2: the items the seed lists (16), under the app's stated totals (17).
FEEDBACK_ITEMS = [
    ("26/08/2024", "UBND xã Lai Hạ", "Xử lý rác thải", "Chưa trả lời"),
    ("28/08/2024", "UBND xã Phú Hòa", "Thoát nước", "Chưa trả lời"),
    ("05/09/2024", "UBND xã Phú Hòa", "Thoát nước", "Chưa trả lời"),
    ("03/09/2024", "UBND xã Tân Lãng", "Mất nước", "Chưa trả lời"),
    ("30/08/2024", "UBND thị trấn Thửa", "Ứng xử của tài xế xe Bus", "Chưa trả lời"),
    ("09/09/2024", "UBND thị trấn Thửa", "Ứng xử của tài xế xe Bus", "Chưa trả lời"),
    ("12/09/2024", "UBND thị trấn Thửa", "Đèn giao thông", "Chưa trả lời"),
    ("27/08/2024", "UBND xã Trung Khê", "Lấn chiếm vỉa hè, đê điều", "Đã ẩn"),
    ("29/08/2024", "UBND xã Trung Khê", "Lấn chiếm vỉa hè, đê điều", "Đã ẩn"),
    ("02/09/2024", "UBND xã Trung Khê", "Lấn chiếm vỉa hè, đê điều", "Đã ẩn"),
    ("06/09/2024", "UBND xã Trung Khê", "Lấn chiếm vỉa hè, đê điều", "Đã ẩn"),
    ("10/09/2024", "UBND xã Trung Khê", "Lấn chiếm vỉa hè, đê điều", "Đã ẩn"),
    ("13/09/2024", "UBND xã Trung Khê", "Lấn chiếm vỉa hè, đê điều", "Chưa trả lời"),
    ("16/09/2024", "UBND xã Trung Khê", "Lấn chiếm vỉa hè, đê điều", "Chưa trả lời"),
    ("18/09/2024", "UBND xã Trung Khê", "Lấn chiếm vỉa hè, đê điều", "Chưa trả lời"),
    ("20/09/2024", "UBND xã Trung Khê", "Lấn chiếm vỉa hè, đê điều", "Chưa trả lời"),
]
FEEDBACK_STATED = "Tổng số PAKN: 17; Đã xử lý: 1; Đã ẩn: 5; Chưa trả lời: 11"


# Header text as the provincial system wraps it: a broken "STT", a broken "NVTC", line breaks.
SEED_HEADER_QUIRKS = {
    "stt": "ST T",
    "received": "Tổng hồ sơ tiếp nhận\ntrong kỳ",
    "paused_financial": "Tạm dừng / Thực hiện NVT C",
    "results_digitised": "Tổng KQ điện tử đính kèm\nSố hoá KQ",
}


def centre_table() -> ExportTable:
    rows = [
        ExportRow({"unit": name, **dict(zip(DOSSIER_COUNTS, counts)), "results_digitised": digitised})
        for name, counts, digitised in CENTRE_ROWS
    ]
    return ExportTable(
        DOSSIERS,
        ["TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TẠI TRUNG TÂM HCC " + PERIOD_ANNEX, ATTACHED],
        ["stt", "unit", *DOSSIER_COUNTS, "results_digitised"],
        rows,
        labels=SEED_HEADER_QUIRKS,
    )


def communes_table() -> ExportTable:
    rows = [
        ExportRow({
            "unit": name, **dict(zip(DOSSIER_COUNTS, counts)),
            "paid_direct": direct, "results_digitised": digitised,
        })
        for name, counts, direct, digitised in COMMUNE_ROWS
    ]
    return ExportTable(
        DOSSIERS,
        ["TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TẠI TRUNG TÂM HCC " + PERIOD_ANNEX, ATTACHED],
        ["stt", "unit", *DOSSIER_COUNTS, "paid_direct", "results_digitised"],
        rows,
    )


def signing_table() -> ExportTable:
    rows = [
        ExportRow(
            {
                "unit": name, **dict(zip(SIGNING_COUNTS, counts)),
                "rate_signed": rate, "rate_signed_from_workfiles": rate_wf,
                "docs_in_national_axis": axis_in, "docs_out_national_axis": axis_out,
            },
            group,
        )
        for group, units in SIGNING_GROUPS
        for name, counts, rate, rate_wf, axis_in, axis_out in units
    ]
    columns = ["stt", "unit", *SIGNING_COUNTS, "rate_signed", "rate_signed_from_workfiles",
               "docs_in_national_axis", "docs_out_national_axis"]
    return ExportTable(
        SIGNING,
        ["Thống kê tình hình ký số văn bản điện tử - UBND Huyện Lương Tài",
         "Từ ngày 24/08/2024 Đến ngày 23/09/2024"],
        columns,
        rows,
        with_total=False,
    )


def payments_table() -> ExportTable:
    rows = [
        ExportRow(
            {"unit": name, "fee_bearing": fee, "paid_online": paid,
             "rate_paid_online": round(paid * 100 / fee, 2) if fee else 0.0},
            group,
        )
        for group, units in PAYMENT_GROUPS
        for name, fee, paid in units
    ]
    return ExportTable(
        PAYMENTS,
        [PAYMENTS.title, "Từ ngày 24/08/2024 đến ngày 23/09/2024"],
        ["stt", "unit", "fee_bearing", "paid_online", "rate_paid_online"],
        rows,
    )


def feedback_table() -> ExportTable:
    rows = [
        ExportRow({"received_on": day, "unit": unit, "topic": topic, "status": status})
        for day, unit, topic, status in FEEDBACK_ITEMS
    ]
    return ExportTable(
        FEEDBACK,
        [FEEDBACK.title, "Từ ngày 24/08/2024 đến ngày 23/09/2024", FEEDBACK_STATED],
        ["stt", "received_on", "unit", "topic", "status"],
        rows,
        with_total=False,
    )


# File names as an analyst saves downloads: arbitrary, not used for recognition.
SEED_FILES = {
    "Bieu_TTHCC_thang9.xlsx": centre_table,
    "Bieu_xa_thi_tran_T9_2024.xlsx": communes_table,
    "ThongKeKySo_24082024_23092024.xlsx": signing_table,
    "thanh-toan-truc-tuyen-dvcqg.xlsx": payments_table,
    "PAKN_thang_9.xlsx": feedback_table,
}
