"""The fixed parts of an ND 30/2020 báo cáo: header block, title, recipients and signature.

Both blocks are borderless two-column tables; they are written as raw HTML so
the HTML page keeps its classes and the Word writer turns them into real tables.
Each line is its own ``<div>``: in Word it becomes its own paragraph, so the
post-processor can size each name and put a rule under exactly one of them; the
``data-custom-style`` of the signature block's lines names the reference
document's Recipients / Signature styles (the HTML page ignores the attribute).
"""

from __future__ import annotations

from datetime import date

from tthc.formatting.dates import format_place_date
from tthc.organisation import Organisation
from tthc.report.markdown import div, html_text, raw_html

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER_BLANK = "\u00a0" * 6  # the number is left blank for registration
_NBSP_HTML = "&nbsp;" * len(NUMBER_BLANK)
SIGNATURE_BREAKS = 4  # blank lines in HTML for the signature and seal (Word: the Signer Name style's spacing)


def document_number(organisation: Organisation) -> str:
    """"Số:      /BC-TTHCC": six non-breaking spaces keep the blank for the registered number."""
    return f"Số:{NUMBER_BLANK}/{organisation.report_code}"


def _line(content: str, style: str | None = None) -> str:
    attribute = f' data-custom-style="{style}"' if style else ""
    return f"<div{attribute}>{content}</div>"


def header_block(organisation: Organisation, report_date: date) -> str:
    """The issuer (parent body over the issuing body) beside the national title, number and place-date.

    `organisation` is the one dated for the report (`Organisation.for_period`): its header is the one in force."""
    o = organisation
    number = f"Số:{_NBSP_HTML}/{html_text(o.report_code)}"
    issuer = _line(html_text(o.parent_body)) + _line(f'<strong class="ruled">{html_text(o.issuing_body)}</strong>')
    nation = _line(f"<strong>{NATIONAL_TITLE}</strong>") + _line(f'<strong class="ruled">{MOTTO}</strong>')
    return raw_html(
        '<table class="nd30-header">\n'
        "<tr>"
        f'<td class="issuer">{issuer}</td>'
        f'<td class="nation">{nation}</td>'
        "</tr>\n<tr>"
        f'<td class="number">{number}</td>'
        f'<td class="place-date"><em>{html_text(format_place_date(o.place, report_date))}</em></td>'
        "</tr>\n</table>"
    )


def title_block(kind: str, subject: str) -> str:
    return div(kind, classes=("doc-title",), style="Title") + div(subject, classes=("doc-subtitle",), style="Subtitle")


def signature_block(organisation: Organisation) -> str:
    o = organisation
    recipients = [_line("<strong><em>Nơi nhận:</em></strong>", "Recipients Heading")]
    recipients += [_line(f"- {html_text(r)};", "Recipients") for r in o.recipients]
    recipients.append(_line(f"- {html_text(o.archive)}.", "Recipients"))
    # "KT. GIÁM ĐỐC" above "PHÓ GIÁM ĐỐC" when a deputy signs; the head signing alone has no authority line
    titles = [f"<strong>{html_text(t)}</strong>" for t in (o.signer.authority, o.signer.title) if t.strip()]
    signer = [
        _line("<br>".join(titles), "Signature"),
        _line("<br>" * SIGNATURE_BREAKS + f"<strong>{html_text(o.signer.name)}</strong>", "Signer Name"),
    ]
    return raw_html(
        '<table class="nd30-signature">\n<tr>'
        f'<td class="recipients">{"".join(recipients)}</td>'
        f'<td class="signer">{"".join(signer)}</td>'
        "</tr>\n</table>"
    )


def attached_line(organisation: Organisation, report_date: date) -> str:
    """"(Kèm theo Báo cáo số      /BC-TTHCC ngày 24/9/2024 của Trung tâm Hành chính công huyện Lương Tài)"."""
    day = f"{report_date.day}/{report_date.month}/{report_date.year}"
    return (f"(Kèm theo Báo cáo số{NUMBER_BLANK}/{organisation.report_code} ngày {day} "
            f"của {organisation.issuing_body_full})")
