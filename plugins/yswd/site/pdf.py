"""Pages as accessible PDFs with WeasyPrint: the annual report for the board, the review pack for the panel.

The PDF carries the same HTML as the report's web page (`report.html`), wrapped in a
print layout (`report_pdf.html`, `assets/report_pdf.css`). WeasyPrint writes it as
PDF/UA-1: a tagged PDF with real, selectable text, the document's title and language set,
headings as bookmarks, tables as tables and each chart as a figure whose alternative text
is its title (the figures themselves follow in a table).

Links point at the public site when mkdocs.yml gives `site_url`; without it, links to
the site's pages become plain text. Nothing is fetched from the network while the PDF
is made.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from yswd.site.pages import SitePlan
from yswd.site.render import PageRenderer
from yswd.site import routes

CSS = Path(__file__).resolve().parent / "assets" / "report_pdf.css"
LANGUAGE = "en-GB"


class UnknownYear(ValueError):
    """The year asked for has no report: no engagement started in it and no change was completed."""


def report_html(plan: SitePlan, renderer: PageRenderer, label: str) -> str:
    """The whole HTML document of the year's report, ready for printing."""
    src_uri = routes.report(label)
    if src_uri not in plan.pages:
        years = [year for key in plan.pages if (year := routes.report_label(key))]
        known = ", ".join(years) if years else "none"
        raise UnknownYear(f'There is no report for "{label}". The years with records are: {known}.')
    return _document(
        plan,
        renderer,
        src_uri,
        description="how {org} involved people in the year, and the difference it made.",
        source_note='from the published "You said, we did" records',
    )


def review_pack_html(plan: SitePlan, renderer: PageRenderer) -> str:
    """Every record waiting for the reader panel, with the checklist, as one printable document."""
    return _document(
        plan,
        renderer,
        routes.REVIEW_PACK,
        description="records from {org} waiting for the reader panel's review.",
        source_note="for the reader panel only: not for publication",
    )


def _document(plan: SitePlan, renderer: PageRenderer, src_uri: str, description: str, source_note: str) -> str:
    """A planned page's HTML in the print layout."""
    spec = plan.pages[src_uri]
    env: Environment = renderer.env
    return env.get_template("report_pdf.html").render(
        body=Markup(renderer.render(spec, src_uri)),
        title=spec.title,
        description=description.format(org=plan.organisation.name),
        source_note=source_note,
        language=LANGUAGE,
        css=Markup(CSS.read_text(encoding="utf-8")),
        org=plan.organisation,
        plan=plan,
    )


def write_pdf(html: str, out: Path, base_url: str | None = None) -> None:
    """Write `html` to `out` as a tagged PDF/UA-1 document.

    `base_url` is the report page's address on the public site, so that relative links
    become full web addresses in the PDF.
    """
    from weasyprint import HTML  # imported here: only `yswd report` needs it

    if base_url is None:
        html = without_relative_links(html)
    document = HTML(string=html, base_url=base_url, url_fetcher=_no_fetching)
    document.write_pdf(out, pdf_variant="pdf/ua-1", finisher=list_bodies)


def list_bodies(_document: object, pdf) -> None:
    """Put each list item's content in a list body (LBody), beside its number (Lbl).

    WeasyPrint tags a list item whose content is all blocks (a change's "You said" and "We
    did" paragraphs, a record's summary) as its number followed by bare paragraphs, so that
    assistive technology and tagged-text readers find the number with an empty body: PDF/UA
    wants the number and the body as the item's only children.
    """
    import pydyf  # WeasyPrint's PDF writer

    elements = {o.reference: o for o in pdf.objects if isinstance(o, pydyf.Dictionary) and o.get("Type") == "/StructElem"}
    for item in [e for e in elements.values() if e["S"] == "/LI"]:
        kids = [elements.get(ref) if isinstance(ref, bytes) else None for ref in item["K"]]
        if None in kids or any(kid["S"] == "/LBody" for kid in kids):
            continue  # marked content straight in the item, or a body already
        labels = [kid.reference for kid in kids if kid["S"] == "/Lbl"]
        content = [kid for kid in kids if kid["S"] != "/Lbl"]
        if not content:
            continue
        body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array([k.reference for k in content]), "Pg": item["Pg"], "P": item.reference})
        pdf.add_object(body)
        for kid in content:
            kid["P"] = body.reference
        item["K"] = pydyf.Array([*labels, body.reference])


def page_base_url(site_url: str | None, src_uri: str, directory_urls: bool = True) -> str | None:
    """The page's public address, from mkdocs.yml's site_url; None without one."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + routes.page_url(src_uri, directory_urls)


_RELATIVE_HREF = re.compile(r'(<a\b[^>]*?)\s+href="(?!https?:|mailto:|tel:|#)[^"]*"')


def without_relative_links(html: str) -> str:
    """Links to other pages of the site, made plain text: without site_url they lead nowhere from a PDF."""
    return _RELATIVE_HREF.sub(r"\1", html)


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict:
    """The report is self-contained: refuse to fetch anything, so the PDF never depends on the network."""
    raise ValueError(f"The PDF report does not load outside resources ({url[:60]}).")
