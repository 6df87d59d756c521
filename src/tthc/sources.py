"""The exports the pipeline understands, and the Vietnamese header labels that identify them.

This module is the one place where export header text lives. Each export is a
tthc.tablespec.TableSpec, like the dossier records (tthc.records.spec). A column is
found by any of its labels; a two-row header is written "Parent / Child". Files are
recognised by these labels, never by file name or column position.
"""

from __future__ import annotations

from tthc.findings import Severity
from tthc.tablespec import Column, Identity, Kind, TableSpec, Words


def _col(name: str, *labels: str, kind: Kind = Kind.COUNT, required: bool = True, words: Words = ()) -> Column:
    return Column(name, labels, kind, required, words)


STT = _col("stt", "STT", "Số TT", "Số thứ tự", kind=Kind.KEY, required=False)
UNIT = _col("unit", "Tên đơn vị", "Đơn vị", "Cơ quan, đơn vị", "Cơ quan", kind=Kind.UNIT)

DOSSIERS = TableSpec(
    name="dossiers",
    title="TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC",
    short="hồ sơ TTHC",
    inputs=("dossiers_centre", "dossiers_communes"),
    desk_inputs=(("centre", "dossiers_centre"), ("commune", "dossiers_communes")),
    empty=Severity.ERROR,  # the report's core: an export without rows was made before choosing units or period
    identities=(
        Identity("identity_received_channels", "received", ("received_direct", "received_online"), Severity.ERROR),
        Identity("identity_resolved", "resolved", ("resolved_early", "resolved_on_time", "resolved_late"),
                 Severity.ERROR),
        Identity("identity_pending", "pending", ("pending_not_due", "pending_overdue"), Severity.ERROR),
        Identity(
            "identity_received_outcomes", "received",
            ("resolved", "pending", "paused_supplement", "paused_financial", "paused_other", "refused", "withdrawn"),
            Severity.WARNING, note="hồ sơ kỳ trước chuyển sang có thể làm lệch đẳng thức này",
        ),
        Identity("identity_fee_split", "fee_bearing", ("paid_online", "paid_direct"), Severity.WARNING),
        Identity("digitised_within_resolved", "results_digitised", ("resolved",), Severity.ERROR, at_most=True),
        Identity("paid_within_fee_bearing", "paid_online", ("fee_bearing",), Severity.ERROR, at_most=True),
    ),
    columns=(
        STT,
        UNIT,
        _col("carried_over", "Kỳ trước chuyển sang", "Tồn kỳ trước", "Số hồ sơ kỳ trước chuyển sang", required=False),
        _col("received", "Tổng hồ sơ tiếp nhận trong kỳ", "Tổng số hồ sơ tiếp nhận trong kỳ", "Tiếp nhận trong kỳ"),
        _col("received_direct", "Tổng hồ sơ tiếp nhận trực tiếp trong kỳ", "Tiếp nhận trực tiếp"),
        _col("received_online", "Tổng hồ sơ tiếp nhận trực tuyến trong kỳ", "Tiếp nhận trực tuyến"),
        _col("cumulative", "Lũy kế", "Lũy kế từ đầu năm", required=False),
        _col("resolved", "Đã giải quyết / Tổng số hồ sơ", "Đã giải quyết / Tổng số", "Đã giải quyết / Tổng"),
        _col("resolved_early", "Đã giải quyết / Trước hạn"),
        _col("resolved_on_time", "Đã giải quyết / Đúng hạn"),
        _col("resolved_late", "Đã giải quyết / Quá hạn", "Đã giải quyết / Trễ hạn"),
        _col("pending", "Đang giải quyết / Tổng số hồ sơ", "Đang giải quyết / Tổng số", "Đang giải quyết / Tổng"),
        _col("pending_not_due", "Đang giải quyết / Trong hạn", "Đang giải quyết / Chưa đến hạn"),
        _col("pending_overdue", "Đang giải quyết / Quá hạn"),
        _col("paused_supplement", "Tạm dừng / Yêu cầu bổ sung", "Tạm dừng / Chờ bổ sung"),
        _col("paused_financial", "Tạm dừng / Thực hiện NVTC", "Tạm dừng / Thực hiện nghĩa vụ tài chính"),
        _col("paused_other", "Tạm dừng / Tạm dừng xử lý khác", "Tạm dừng / Khác"),
        _col("refused", "Hủy hồ sơ / Từ chối giải quyết", "Từ chối giải quyết"),
        _col("withdrawn", "Hủy hồ sơ / Rút hồ sơ", "Rút hồ sơ"),
        _col("fee_bearing", "Tổng số HS có phát sinh nghĩa vụ tài chính", "Tổng số hồ sơ có phát sinh nghĩa vụ tài chính"),
        _col("paid_online", "Số hồ sơ thanh toán trực tuyến"),
        _col("paid_direct", "Số hồ sơ thanh toán trực tiếp", required=False),
        _col("results_digitised", "Tổng KQ điện tử đính kèm Số hoá KQ", "Tổng kết quả điện tử đính kèm số hóa kết quả", "Số hóa kết quả"),
    ),
)

SIGNING = TableSpec(
    name="signing",
    title="Thống kê tình hình ký số văn bản điện tử",
    short="ký số văn bản",
    inputs=("signing",),
    identities=(
        Identity("signed_within_out", "docs_out_signed", ("docs_out",), Severity.ERROR, at_most=True),
        Identity("signed_from_workfiles_within_signed", "docs_out_signed_from_workfiles", ("docs_out_signed",),
                 Severity.ERROR, at_most=True),
    ),
    rates=(
        ("rate_signed", "docs_out_signed", "docs_out"),
        ("rate_signed_from_workfiles", "docs_out_signed_from_workfiles", "docs_out"),
    ),
    columns=(
        STT,
        UNIT,
        _col("docs_in", "Tổng số VB đến"),
        _col("workfiles", "Tổng số HSCV"),
        _col("workfiles_done", "Tổng số HSCV đã hoàn thành"),
        _col("docs_out", "Tổng số VB đi"),
        _col("docs_out_from_workfiles", "Tổng số VB đi tạo từ HSCV"),
        _col("docs_out_signed", "Tổng số VB đi có ký số"),
        _col("docs_out_signed_from_workfiles", "Tổng số VB đi có ký số từ HSCV"),
        _col("rate_signed", "Tỉ lệ VB đi có ký số", "Tỷ lệ VB đi có ký số", kind=Kind.RATE, required=False),
        _col("rate_signed_from_workfiles", "Tỉ lệ VB đi có ký số từ HSCV", "Tỷ lệ VB đi có ký số từ HSCV", kind=Kind.RATE, required=False),
        _col("docs_in_national_axis", "Tổng số VB đến qua trục LTVB QG", "Tổng số VB đến qua trực LTVB QG", required=False),
        _col("docs_out_national_axis", "Tổng số VB đi qua trục LTVB QG", "Tổng số VB đi qua trực LTVB QG", required=False),
    ),
)

PAYMENTS = TableSpec(
    name="payments",
    title="THỐNG KÊ THANH TOÁN TRỰC TUYẾN TRÊN CỔNG DỊCH VỤ CÔNG QUỐC GIA",
    short="thanh toán trực tuyến",
    inputs=("payments",),
    identities=(
        Identity("paid_within_fee_bearing", "paid_online", ("fee_bearing",), Severity.ERROR, at_most=True),
    ),
    rates=(("rate_paid_online", "paid_online", "fee_bearing"),),
    columns=(
        STT,
        UNIT,
        _col("fee_bearing", "Số hồ sơ có nghĩa vụ tài chính", "Hồ sơ phát sinh nghĩa vụ tài chính"),
        _col("paid_online", "Số hồ sơ thanh toán trực tuyến trên Cổng DVCQG", "Hồ sơ thanh toán trực tuyến trên cổng DVC quốc gia"),
        _col("rate_paid_online", "Tỷ lệ thanh toán trực tuyến (%)", "Tỷ lệ (%)", kind=Kind.RATE, required=False),
    ),
)

FEEDBACK = TableSpec(
    name="feedback",
    title="DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ TRÊN THIẾT BỊ DI ĐỘNG",
    short="phản ánh kiến nghị",
    inputs=("feedback",),
    is_list=True,
    empty=None,  # a feedback list may be empty in a quiet month
    identity=(),
    # the totals the feedback app prints in its title block
    stated_totals=(("total", "Tổng số PAKN"), ("handled", "Đã xử lý"), ("hidden", "Đã ẩn"),
                   ("unanswered", "Chưa trả lời")),
    columns=(
        STT,
        _col("received_on", "Ngày gửi", "Ngày tiếp nhận", kind=Kind.DATE, required=False),
        _col("unit", "Đơn vị xử lý", "Đơn vị tiếp nhận", kind=Kind.UNIT),
        _col("topic", "Nội dung phản ánh", "Nội dung", kind=Kind.TEXT),
        # the app's status words, compared by tthc.text.normalise (marks kept, case and spaces ignored)
        _col("status", "Trạng thái", "Tình trạng", kind=Kind.TEXT,
             words=(("handled", ("Đã xử lý",)), ("hidden", ("Đã ẩn",)), ("unanswered", ("Chưa trả lời",)))),
    ),
)

SOURCES: tuple[TableSpec, ...] = (DOSSIERS, SIGNING, PAYMENTS, FEEDBACK)

# Words that mark the total row of an export.
TOTAL_ROW_LABELS = ("Tổng", "Tổng cộng", "Cộng", "Tổng số")

# Dossier desks: where a unit's dossiers are received.
DESK_CENTRE = "centre"
DESK_COMMUNE = "commune"
