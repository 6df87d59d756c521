"""The fixed parts of an ND 30/2020 báo cáo: header block, title, recipients and signature.

Both blocks are borderless two-column tables; they are written as raw HTML so
the HTML page keeps its classes and the Word writer turns them into real tables.
"""

from __future__ import annotations

from datetime import date

from tthc.formatting.dates import format_place_date
from tthc.organisation import Organisation
from tthc.report.markdown import div, html_text, raw_html

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER_BLANK = "\u00a0" * 6  # the number is left blank for registration


def document_number(organisation: Organisation) -> str:
    return f"Số:{NUMBER_BLANK}/{organisation.report_code}"


def header_block(organisation: Organisation, report_date: date) -> str:
    o = organisation
    return raw_html(
        '<table class="nd30-header">\n'
        "<tr>"
        f'<td class="issuer">{html_text(o.parent_body)}<br><strong class="ruled">{html_text(o.issuing_body)}</strong></td>'
        f'<td class="nation"><strong>{NATIONAL_TITLE}</strong><br><strong class="ruled">{MOTTO}</strong></td>'
        "</tr>\n<tr>"
        f'<td class="number">{html_text(document_number(o))}</td>'
        f'<td class="place-date"><em>{html_text(format_place_date(o.place, report_date))}</em></td>'
        "</tr>\n</table>"
    )


def title_block(kind: str, subject: str) -> str:
    return div(kind, classes=("doc-title",), style="Title") + div(subject, classes=("doc-subtitle",), style="Subtitle")


def signature_block(organisation: Organisation) -> str:
    o = organisation
    recipients = "".join(f"<br>- {html_text(r)};" for r in o.recipients)
    archive = f"<br>- {html_text(o.archive)}."
    signer = (f"<strong>{html_text(o.signer.authority)}</strong><br><strong>{html_text(o.signer.title)}</strong>"
              f"<br><br><br><br><strong>{html_text(o.signer.name)}</strong>")
    return raw_html(
        '<table class="nd30-signature">\n<tr>'
        f'<td class="recipients"><strong><em>Nơi nhận:</em></strong>{recipients}{archive}</td>'
        f'<td class="signer">{signer}</td>'
        "</tr>\n</table>"
    )


def attached_line(organisation: Organisation, report_date: date) -> str:
    """"(Kèm theo Báo cáo số      /BC-TTHCC ngày 24/9/2024 của Trung tâm Hành chính công huyện Lương Tài)"."""
    day = f"{report_date.day}/{report_date.month}/{report_date.year}"
    return (f"(Kèm theo Báo cáo số{NUMBER_BLANK}/{organisation.report_code} ngày {day} "
            f"của {organisation.issuing_body_full})")
