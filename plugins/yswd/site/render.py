"""Turning planned pages into HTML: Jinja templates for our structure, sanitised Markdown for theirs.

Our own templates are trusted (they carry inline SVG and forms); what staff write is not:
Markdown fields are rendered with the site's own Markdown extensions, then cleaned with
nh3 (a binding to the Ammonia sanitiser), so `<script>`, event handlers and `javascript:`
links in content render inert. Plain-text fields are escaped by Jinja's autoescaping.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import markdown as markdown_lib
import nh3
from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from jinja2.runtime import Macro
from markupsafe import Markup, escape

from yswd.analysis.reach import group_shares, percent, representation_shown
from yswd.content.approval import approvals_still_needed, current_approvers
from yswd.content.documents import attached_path
from yswd.content.records import EngagementFile
from yswd.content.model import (
    ACTION_STATUS_WORDS,
    DOCUMENT_KIND_WORDS,
    INVOLVEMENT_LABELS,
    INVOLVEMENT_WORDS,
    OUTCOME_WORDS,
    STATUS_WORDS,
    Decision,
    Document,
    status_as_at,
)
from yswd.dates import is_month, month_year, uk_date
from yswd.guards.readability import Report
from yswd.site.exports import FORMAT_VERSION, LICENCE, LICENCE_URL, SCHEMA_PATH
from yswd.site.format_versions import VERSIONS
from yswd.site.field_reference import field_reference
from yswd.site.fingerprint import ModelJson, context_text
from yswd.site.history import SHOWN_ON_PAGE, last_changed
from yswd.site.standard import data_dictionary, definitions
from yswd.site.pages import Facet, PageSpec, SitePlan
from yswd.site import routes
from yswd.site.routes import page_url, relative_url
from yswd.site.timeline import timeline
from yswd.site.words import amount, counted, number, people, plural

_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "hreflang", "title"},
}


def settings_json(value: object) -> str:
    """Settings as text for a cache key: objects (a Markdown extension given as an instance) by
    their class and settings, never by their address in memory, which differs every process."""
    return json.dumps(value, sort_keys=True, default=_described)


def _described(value: object) -> object:
    configs = getattr(value, "getConfigs", None)
    if callable(configs):
        return [f"{type(value).__module__}.{type(value).__qualname__}", configs()]
    text = str(value)
    return f"{type(value).__module__}.{type(value).__qualname__}" if " at 0x" in text else text


class MarkdownRenderer:
    """Staff-written Markdown to safe HTML, with the same extensions as the rest of the site."""

    def __init__(self, extensions: list[Any] | None = None, configs: dict[str, dict] | None = None):
        self._md = markdown_lib.Markdown(extensions=extensions or [], extension_configs=configs or {})
        self.settings = settings_json([extensions or [], configs or {}])
        """The extensions and their settings: part of what a page's HTML depends on."""

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        html = self._md.reset().convert(text)
        return Markup(
            nh3.clean(
                html,
                attributes=_ATTRIBUTES,
                url_schemes={"http", "https", "mailto", "tel"},
                id_prefix=ID_PREFIX,
                attribute_filter=_own_names_apart,
            )
        )


ID_PREFIX = "content-"
"""Before every id in staff Markdown, so that none can take the name of an element of the page
(ours are yswd-*, the theme's __*) or of a global the page's scripts read."""
_PAGE_CLASSES = ("md-", "yswd-", "pagefind-")
"""Classes of the theme, of our pages and of search, which staff Markdown must not borrow."""


def _own_names_apart(tag: str, attribute: str, value: str) -> str | None:
    """Links within staff text follow their prefixed ids; the page's own classes are dropped."""
    if attribute == "href" and value.startswith("#") and len(value) > 1:
        return f"#{ID_PREFIX}{value[1:]}"
    if attribute == "class":
        kept = [name for name in value.split() if not name.lower().startswith(_PAGE_CLASSES)]
        return " ".join(kept) or None
    return value


_LINKABLE = re.compile(r"(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)])|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


def linkify(text: str) -> Markup:
    """Plain text, escaped, with its web and e-mail addresses made into links."""
    parts = []
    last = 0
    for match in _LINKABLE.finditer(text):
        parts.append(escape(text[last : match.start()]))
        url, email = match.groups()
        href = url or f"mailto:{email}"
        parts.append(Markup('<a href="{}">{}</a>').format(href, match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


FIELD_REFERENCE_MARKER = "<!-- yswd:field-reference -->"


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for the life of the process, checked against their source.

    `mkdocs serve` makes a new Jinja environment for every rebuild; with this, a rebuild loads
    each template's compiled code instead of compiling it again (Jinja checks each source's
    checksum, so an edited template is compiled afresh).
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def template_environment(markdown: MarkdownRenderer) -> Environment:
    """Our page templates and their filters, with every value escaped unless a template says otherwise."""
    env = Environment(
        loader=PackageLoader("yswd.site", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=COMPILED,
        auto_reload=False,  # the package's own templates: not looked at on disk again for each of thousands of pages
    )
    env.filters.update(
        uk_date=uk_date, month_year=month_year, number=number, markdown=markdown, linkify=linkify,
        percent=percent, representation=representation_shown,
        plural=plural, counted=counted, amount=amount, people=people,
    )
    env.tests.update(month=is_month, contains=lambda values, item: item in values)
    env.globals.update(routes=routes)
    return env


class ListedItems:
    """Each record's item in the listings, drawn once for the whole build.

    A record is listed on every listing it belongs to (all records, its topics, localities,
    year, type, action statuses), about nine pages, and its item is the same on each but for
    the link to its page, which is relative to the page it is on. The item is drawn once with
    a mark where that link goes, and each listing puts its own link in the mark's place.
    """

    _MARK = Markup("\x00yswd-item-link\x00")
    """Never in an item otherwise: if a record's text holds it, that record is drawn on each page."""

    def __init__(self) -> None:
        self._drawn: dict[tuple[str, str, str], tuple[str, str] | None] = {}
        self._before: dict[tuple[str, str, str], tuple[str, str] | None] = {}
        self._settings: str | None = None

    def next_build(self, settings: str) -> "ListedItems":
        """Kept from one `mkdocs serve` rebuild to the next for the items the last build drew,
        while the settings are the same: an item is drawn from its record and the settings alone."""
        self._before = self._drawn if settings == self._settings else {}
        self._drawn, self._settings = {}, settings
        return self

    def __call__(self, draw: Macro, record: EngagementFile, heading: str, href: str) -> Markup:
        key = (record.id, record.digest, heading)
        if key not in self._drawn:
            if key in self._before:
                self._drawn[key] = self._before[key]
            else:
                head, mark, tail = str(draw(record, heading, self._MARK)).partition(self._MARK)
                self._drawn[key] = (head, tail) if mark and self._MARK not in tail else None
        parts = self._drawn[key]
        if parts is None:
            return draw(record, heading, href)
        return Markup("".join((parts[0], str(escape(href)), parts[1])))


class PageRenderer:
    """Renders each generated page's HTML, given the page's own URL for relative links."""

    def __init__(
        self,
        plan: SitePlan,
        markdown: MarkdownRenderer,
        directory_urls: bool = True,
        site_name: str = "",
        readability: dict[str, Report] | None = None,
        models: ModelJson | None = None,
        items: ListedItems | None = None,
    ):
        """`models` and `items` are the last build's, in `mkdocs serve`: its records' models are
        written out, and their listing items drawn, once."""
        self.plan = plan
        self.directory_urls = directory_urls
        self._settings = "\n".join(
            [
                plan.organisation.model_dump_json(),
                plan.population.model_dump_json() if plan.population else "",
                json.dumps({term: entry.model_dump() for term, entry in plan.glossary.items()}, sort_keys=True),
                plan.strategy.model_dump_json() if plan.strategy else "",
                plan.today.isoformat(),
                plan.audience,
                str(plan.page_size),
                str(directory_urls),
                site_name,
                "readability" if readability else "",
                markdown.settings,
            ]
        )
        self._models = (models or ModelJson()).next_build()
        self._items = (items or ListedItems()).next_build(self._settings)
        self.env = template_environment(markdown)
        self.env.globals.update(
            plan=plan,
            org=plan.organisation,
            action_words=ACTION_STATUS_WORDS,
            involvement_words=INVOLVEMENT_WORDS,
            involvement_labels=INVOLVEMENT_LABELS,
            outcome_words=OUTCOME_WORDS,
            document_kinds=DOCUMENT_KIND_WORDS,
            status_as_at=status_as_at,
            timeline=timeline,
            site_name=site_name or plan.organisation.display_name,
            licence=LICENCE,
            licence_url=LICENCE_URL,
            dictionary=data_dictionary(),
            definitions=definitions(),
            format_version=FORMAT_VERSION,
            schema_path=SCHEMA_PATH,
            format_versions=VERSIONS,
            readability=readability or {},
            status_words=STATUS_WORDS,
            approvals_still_needed=approvals_still_needed,
            current_approvers=current_approvers,
            population=plan.population,
            last_changed=last_changed,
            history_shown=SHOWN_ON_PAGE,
            group_shares=lambda engagement: group_shares(engagement, plan.organisation, plan.population),
        )

    def fingerprint(self, spec: PageSpec) -> str | None:
        """What a page's HTML depends on, as a hash; None for pages that depend on everything.

        Used to reuse HTML between builds: a record's page depends on its own file; a listing
        page on the records it shows and how many there are in all (the first page of all
        records also on every filter's values and counts); a hub on its facet's values and counts;
        a page drawn from its context alone (a report, a way to take part) on that context.
        """
        context = spec.context
        if spec.kind == "record":
            parts = [context["record"].digest, repr(self.plan.histories.get(context["record"].id))]
        elif spec.kind == "listing":
            listing, page = context["listing"], context["page"]
            first = (page - 1) * self.plan.page_size
            parts = [str(page), str(len(listing.records)), str(listing.items), *(r.digest for r in listing.records[first : first + self.plan.page_size])]
            if listing.facet is None and page == 1:
                parts += [self._facet_counts(facet) for facet in self.plan.facets]
        elif spec.kind == "hub":
            parts = [self._facet_counts(context["facet"])]
        elif spec.from_context:
            text = context_text(spec.context, self._models)
            if text is None:
                return None
            parts = [text]
        elif spec.kind == "changes":
            listing, page = context["listing"], context["page"]
            shown = [*listing.page(page), *(listing.undated if page == 1 else ())]
            parts = [str(page), str(len(listing.changes)), str(len(listing.undated)), *(f"{c.record.digest} {c.action.id}" for c in shown)]
        else:
            return None
        return hashlib.sha256("\n".join([spec.template, spec.title, self._settings, *parts]).encode()).hexdigest()

    def _facet_counts(self, facet: Facet) -> str:
        """A facet's values, with the key, title and size of each of its listings (and the things it counts)."""
        listings = [(listing.key, listing.title, len(listing.records), listing.items) for listing in self.plan.listings[facet.name]]
        return json.dumps([facet.name, facet.title, facet.values, listings])

    def url_of(self, src_uri: str) -> str:
        return page_url(src_uri, self.directory_urls)

    def render(self, spec: PageSpec, src_uri: str) -> str:
        return self._render(spec.template, src_uri, spec=spec, **spec.context)

    def home(self, html: str, src_uri: str) -> str:
        """The home page: open engagements first, then its own text, then the figures.

        `<!-- yswd:have-your-say -->` and `<!-- yswd:figures -->` in index.md place them elsewhere.
        """
        html = self.fill_markers(html, src_uri)
        for marker, template, at_start in (
            ("<!-- yswd:have-your-say -->", "home_open.html", True),
            ("<!-- yswd:figures -->", "home_figures.html", False),
        ):
            block = self._render(template, src_uri)
            if marker in html:
                html = html.replace(marker, block, 1)
            elif at_start:
                heading_end = html.find("</h1>")
                cut = heading_end + len("</h1>") if heading_end >= 0 else 0
                html = html[:cut] + block + html[cut:]
            else:
                html += block
        return html

    def fill_markers(self, html: str, src_uri: str) -> str:
        """Generated blocks that any page can ask for with a marker."""
        if FIELD_REFERENCE_MARKER in html:
            html = html.replace(FIELD_REFERENCE_MARKER, self._render("field_reference.html", src_uri, field_reference=field_reference()), 1)
        return html

    def _render(self, template_name: str, src_uri: str, **context: object) -> str:
        here = self.url_of(src_uri)

        def link(target_src_uri: str) -> str:
            return relative_url(self.url_of(target_src_uri), here)

        def record_link(record: EngagementFile) -> str:
            return link(routes.record(record.id))

        def listed(draw: Macro, record: EngagementFile, heading: str) -> Markup:
            return self._items(draw, record, heading, record_link(record))

        def asset(path: str) -> str:
            """A link to a file of the built site (not a page), such as data or a script."""
            return relative_url(path, here)

        def document_link(record: EngagementFile, document: Document) -> str:
            path = attached_path(document.url, record.folder)
            if path is None:
                return document.url
            fragment = document.url.partition("#")[2]
            return relative_url(path.as_posix(), here) + (f"#{fragment}" if fragment else "")

        def decision_link(record: EngagementFile, decision: Decision) -> str:
            return document_link(record, Document(title=decision.decision, url=decision.document or ""))

        template = self.env.get_template(template_name)
        return template.render(
            link=link, record_link=record_link, listed=listed, document_link=document_link, decision_link=decision_link,
            asset=asset, **context
        )
