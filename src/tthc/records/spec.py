"""Dossier records: one row per dossier. Column names, their Vietnamese header labels, value words.

This module is the one place where record header text and the words used in
record cells (statuses, channels, pause kinds, yes/no) live. The records are a
tthc.tablespec.TableSpec (RECORDS) like the aggregated exports (tthc.sources):
a column is found by any of its labels,
compared with tthc.text.header_key, so marks, case, spaces and punctuation do
not matter, and files are recognised by their header text, never by file name
or column position. The English column name is accepted as a label too, so
the project's own Parquet files (written with English names) are read by the
same code.

The canonical frame (RECORD_SCHEMA) is what every other module of
tthc.records works on:

- dates are calendar dates (pl.Date): times in an export are dropped, because
  the status rules compare calendar dates;
- ``status`` is the dossier's outcome kind as of the export: ``processing``
  (received, being processed or paused), ``resolved`` (result done or handed
  over), ``refused`` (từ chối / dừng xử lý) or ``withdrawn`` (công dân rút);
  ``finished_at`` is the date of that outcome (for a refusal or withdrawal,
  the date of the refusal or withdrawal);
- one supplement request group (count, last request date, date the last
  supplement was handed in, total days waited) and one pause group (kind of
  the last pause, its start and end, total days paused) per dossier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from tthc.tablespec import Column, Kind, TableSpec, Words

if TYPE_CHECKING:
    from polars._typing import PolarsDataType  # a data type class (pl.Date) or instance (pl.Enum(...))


# Cell words → canonical values (compared by header_key: no marks, case or spaces).
STATUS_VALUES: Words = (
    ("resolved", ("Đã xử lý xong", "Đã xử lý", "Đã giải quyết", "Hoàn thành", "Đã hoàn thành",
                  "Đã trả kết quả", "Có kết quả", "Đã có kết quả", "Chờ trả kết quả", "resolved")),
    ("refused", ("Từ chối", "Từ chối giải quyết", "Đã từ chối", "Dừng xử lý", "Không giải quyết", "refused")),
    ("withdrawn", ("Rút hồ sơ", "Công dân rút", "Công dân rút hồ sơ", "Công dân xin rút hồ sơ", "Đã rút", "Rút",
                   "withdrawn")),
    ("processing", ("Đang xử lý", "Đang giải quyết", "Mới tiếp nhận", "Chờ xử lý", "Đang thụ lý",
                    "Tạm dừng", "Chờ bổ sung", "Yêu cầu bổ sung", "Thực hiện nghĩa vụ tài chính",
                    "processing")),
)
CHANNEL_VALUES: Words = (
    ("online", ("Trực tuyến", "Nộp trực tuyến", "Dịch vụ công trực tuyến", "Online", "2")),
    # Postal (bưu chính công ích) dossiers are counted with direct ones, as the exports do.
    ("direct", ("Trực tiếp", "Nộp trực tiếp", "Bưu chính", "Bưu chính công ích", "Direct", "1", "3")),
)
PAUSE_VALUES: Words = (
    ("supplement", ("Yêu cầu bổ sung", "Chờ bổ sung", "Bổ sung hồ sơ", "supplement")),
    ("financial", ("Thực hiện NVTC", "Thực hiện nghĩa vụ tài chính", "Nghĩa vụ tài chính", "NVTC", "financial")),
    ("other", ("Tạm dừng xử lý khác", "Khác", "Tạm dừng", "other")),
)
BOOL_VALUES: Words = (
    ("true", ("Có", "x", "1", "Đã", "true", "yes", "đúng")),
    ("false", ("Không", "0", "Chưa", "false", "no", "sai")),
)
_WORDS: dict[Kind, Words] = {Kind.STATUS: STATUS_VALUES, Kind.CHANNEL: CHANNEL_VALUES,
                             Kind.PAUSE_KIND: PAUSE_VALUES, Kind.BOOL: BOOL_VALUES}


def _c(name: str, kind: Kind, *labels: str, required: bool = False) -> Column:
    return Column(name, labels, kind, required, _WORDS.get(kind, ()))


# Input columns, in the order a Vietnamese-header export is written.
RECORD_COLUMNS: tuple[Column, ...] = (
    _c("dossier_code", Kind.TEXT, "Mã hồ sơ", "Số hồ sơ", "Mã số hồ sơ", "Số biên nhận", required=True),
    _c("procedure", Kind.TEXT, "Tên thủ tục hành chính", "Tên thủ tục", "Thủ tục hành chính", "Tên TTHC",
       "Thủ tục"),
    _c("unit", Kind.UNIT, "Đơn vị giải quyết", "Cơ quan giải quyết", "Đơn vị xử lý", "Đơn vị", "Tên đơn vị",
       "Cơ quan thực hiện", required=True),
    _c("channel", Kind.CHANNEL, "Kênh nộp", "Hình thức nộp", "Hình thức tiếp nhận", "Kênh thực hiện",
       "Kênh tiếp nhận", required=True),
    _c("received_at", Kind.DATE, "Ngày tiếp nhận", "Thời gian tiếp nhận", "Ngày nhận hồ sơ", required=True),
    _c("due_at", Kind.DATE, "Ngày hẹn trả", "Ngày hẹn trả kết quả", "Hạn giải quyết", "Hạn xử lý",
       required=True),
    _c("finished_at", Kind.DATE, "Ngày kết thúc xử lý", "Ngày có kết quả", "Ngày hoàn thành",
       "Ngày xử lý xong"),
    _c("returned_at", Kind.DATE, "Ngày trả kết quả", "Ngày trả"),
    _c("status", Kind.STATUS, "Trạng thái", "Trạng thái hồ sơ", "Tình trạng", "Tình trạng hồ sơ", required=True),
    _c("refused_at", Kind.DATE, "Ngày từ chối", "Ngày từ chối giải quyết"),
    _c("withdrawn_at", Kind.DATE, "Ngày rút hồ sơ", "Ngày công dân rút"),
    _c("supplement_requests", Kind.COUNT, "Số lần yêu cầu bổ sung"),
    _c("supplement_requested_at", Kind.DATE, "Ngày yêu cầu bổ sung"),
    _c("supplement_returned_at", Kind.DATE, "Ngày hoàn thành bổ sung", "Ngày nộp bổ sung", "Ngày bổ sung xong"),
    _c("supplement_days", Kind.COUNT, "Số ngày chờ bổ sung"),
    _c("pause_kind", Kind.PAUSE_KIND, "Loại tạm dừng", "Lý do tạm dừng"),
    _c("paused_at", Kind.DATE, "Ngày tạm dừng"),
    _c("resumed_at", Kind.DATE, "Ngày tiếp tục xử lý", "Ngày hết tạm dừng"),
    _c("paused_days", Kind.COUNT, "Số ngày tạm dừng"),
    _c("fee_bearing", Kind.BOOL, "Có nghĩa vụ tài chính", "Phát sinh nghĩa vụ tài chính", "Có phí, lệ phí"),
    _c("paid_online", Kind.BOOL, "Thanh toán trực tuyến", "Đã thanh toán trực tuyến"),
    _c("paid_direct", Kind.BOOL, "Thanh toán trực tiếp", "Đã thanh toán trực tiếp"),
    _c("components_digitised", Kind.BOOL, "Số hóa thành phần hồ sơ", "Đã số hóa thành phần hồ sơ"),
    _c("result_attached", Kind.BOOL, "Kết quả điện tử đính kèm", "Có kết quả điện tử", "Có tệp kết quả điện tử"),
    _c("paper_result", Kind.BOOL, "TTHC trả kết quả bằng giấy", "Kết quả bằng giấy"),
    _c("apology_letter", Kind.BOOL, "Thư xin lỗi", "Phiếu xin lỗi", "Có thư xin lỗi"),
)
# In the project's own files the unit is already resolved: `unit_id` stands for `unit`.
UNIT_ID = Column("unit_id", ("Mã đơn vị",), Kind.TEXT, required=False)

RECORDS = TableSpec(
    name="records",
    title="DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH",
    short="danh sách hồ sơ",
    columns=RECORD_COLUMNS,
    inputs=("records",),
    is_list=True,
    empty=None,
    identity=("dossier_code",),
    names_are_labels=True,
    stands_for=((UNIT_ID, "unit"),),  # in the project's own files the unit is already resolved
    two_row_header=False,
)

COLUMNS_BY_NAME = {c.name: c for c in (*RECORD_COLUMNS, UNIT_ID)}
REQUIRED = RECORDS.required


def column(name: str) -> Column:
    return COLUMNS_BY_NAME[name]


# Canonical values.
STATUSES = ("processing", "resolved", "refused", "withdrawn")
CHANNELS = ("direct", "online")
PAUSE_KINDS = ("financial", "other")  # a supplement request is kept in the supplement columns

STATUS = pl.Enum(STATUSES)
CHANNEL = pl.Enum(CHANNELS)
PAUSE_KIND = pl.Enum(PAUSE_KINDS)

# The canonical typed frame. refused_at / withdrawn_at and the unit name are folded into
# status / finished_at / unit_id at ingest, so they are not part of it.
RECORD_SCHEMA: dict[str, PolarsDataType] = {
    "dossier_code": pl.String,
    "procedure": pl.String,
    "unit_id": pl.String,
    "channel": CHANNEL,
    "received_at": pl.Date,
    "due_at": pl.Date,
    "finished_at": pl.Date,
    "returned_at": pl.Date,
    "status": STATUS,
    "supplement_requests": pl.Int16,
    "supplement_requested_at": pl.Date,
    "supplement_returned_at": pl.Date,
    "supplement_days": pl.Int32,
    "pause_kind": PAUSE_KIND,
    "paused_at": pl.Date,
    "resumed_at": pl.Date,
    "paused_days": pl.Int32,
    "fee_bearing": pl.Boolean,
    "paid_online": pl.Boolean,
    "paid_direct": pl.Boolean,
    "components_digitised": pl.Boolean,
    "result_attached": pl.Boolean,
    "paper_result": pl.Boolean,
    "apology_letter": pl.Boolean,
}
CANONICAL_REQUIRED = ("dossier_code", "unit_id", "channel", "received_at", "due_at", "status")

# Defaults of optional columns absent from a file. paper_result defaults to true: every
# procedure is taken to issue a paper result unless the export says otherwise (766's 4.1
# and 4.2 then ask for an electronic copy of every result).
DEFAULTS: dict[str, object] = {
    "procedure": None, "finished_at": None, "returned_at": None,
    "supplement_requests": 0, "supplement_requested_at": None, "supplement_returned_at": None,
    "supplement_days": None, "pause_kind": None, "paused_at": None, "resumed_at": None, "paused_days": None,
    "fee_bearing": False, "paid_online": False, "paid_direct": False, "components_digitised": False,
    "result_attached": False, "paper_result": True, "apology_letter": False,
}


# Cell words → keys of the canonical values (from the columns' words).
STATUS_WORDS: dict[str, frozenset[str]] = column("status").word_keys()
CHANNEL_WORDS: dict[str, frozenset[str]] = column("channel").word_keys()
PAUSE_WORDS: dict[str, frozenset[str]] = column("pause_kind").word_keys()
TRUE_WORDS = column("fee_bearing").word_keys()["true"]
FALSE_WORDS = column("fee_bearing").word_keys()["false"]
