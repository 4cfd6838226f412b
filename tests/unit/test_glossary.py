import time

from markdown import Markdown

from yswd.content.model import GlossaryEntry
from yswd.site.abbr import LinearAbbr
from yswd.site.glossary import Glossary
from yswd.site.render import MarkdownRenderer

GLOSSARY = Glossary({
    "GP": GlossaryEntry(expansion="General practitioner"),
    "A&E": GlossaryEntry(expansion="Accident and emergency"),
    "PCN": GlossaryEntry(expansion="Primary Care Network", plain="a group of GP practices"),
})


def test_every_use_is_marked_and_the_first_is_spelled_out() -> None:
    html = GLOSSARY.mark("<p>Ask your GP. Most GPs work in a PCN. Your GP can help.</p>")
    assert html == (
        '<p>Ask your <abbr title="General practitioner">GP</abbr> (General practitioner). '
        'Most <abbr title="General practitioner">GP</abbr>s work in a <abbr title="Primary Care Network">PCN</abbr> (Primary Care Network). '
        'Your <abbr title="General practitioner">GP</abbr> can help.</p>'
    )


def test_escaped_terms_headings_code_and_existing_abbr() -> None:
    html = GLOSSARY.mark(
        '<h2>A&amp;E</h2><p>Go to A&amp;E.</p><code>GP</code>'
        '<p><abbr title="Primary Care Network">PCN</abbr> then PCN</p><a href="/GP/">link</a>'
    )
    assert html == (
        '<h2><abbr title="Accident and emergency">A&amp;E</abbr></h2>'
        '<p>Go to <abbr title="Accident and emergency">A&amp;E</abbr> (Accident and emergency).</p><code>GP</code>'
        '<p><abbr title="Primary Care Network">PCN</abbr> (Primary Care Network) then <abbr title="Primary Care Network">PCN</abbr></p>'
        '<a href="/GP/">link</a>'
    )


def test_words_containing_a_term_are_left_alone() -> None:
    assert GLOSSARY.mark("<p>GPS and UPCN and GPx</p>") == "<p>GPS and UPCN and GPx</p>"
    assert Glossary({}).mark("<p>GP</p>") == "<p>GP</p>"


def test_the_expansion_never_splits_a_word() -> None:
    html = GLOSSARY.mark("<p>Most GPs agreed.</p>")
    assert html == '<p>Most <abbr title="General practitioner">GP</abbr>s (General practitioners) agreed.</p>'
    for written, expansion in (("GP's", "General practitioner"), ("GP&#39;s", "General practitioner"), ("GP’s", "General practitioner"),
                               ("GP-led", "General practitioner"), ("GPs’", "General practitioners")):
        html = GLOSSARY.mark(f"<p>A {written} clinic. Another GP.</p>")
        rest = written[2:]
        assert html.startswith(f'<p>A <abbr title="General practitioner">GP</abbr>{rest} ({expansion}) clinic.'), html
    html = GLOSSARY.mark('<p><abbr title="General practitioner">GP</abbr>s first</p>')
    assert html == '<p><abbr title="General practitioner">GP</abbr>s (General practitioners) first</p>'
    # a plural term is spelled out in the plural: "networks (PCNs)" needs nothing more
    assert GLOSSARY.mark("<p>Two primary care networks (PCNs) met.</p>").endswith("PCN</abbr>s) met.</p>")
    assert GLOSSARY.mark("<p>Two PCNs met.</p>").endswith("s (Primary Care Networks) met.</p>")


def test_a_term_already_spelled_out_before_its_brackets_is_not_explained_again() -> None:
    html = GLOSSARY.mark("<p>Each primary care network (PCN) meets. The PCN agreed. Ask a GP (today).</p>")
    assert html == (
        '<p>Each primary care network (<abbr title="Primary Care Network">PCN</abbr>) meets. '
        'The <abbr title="Primary Care Network">PCN</abbr> agreed. '
        'Ask a <abbr title="General practitioner">GP</abbr> (General practitioner) (today).</p>'
    )
    # in brackets without the expansion before them, it is spelled out inside the same brackets
    html = GLOSSARY.mark("<p>Ask your network (PCN).</p>")
    assert html == '<p>Ask your network (<abbr title="Primary Care Network">PCN</abbr>: Primary Care Network).</p>'


# --- time linear in the page's size -------------------------------------------------------


TERMS = {"GP": "General practitioner", "PCN": "Primary Care Network"}


def _story(paragraphs: int) -> str:
    return "\n\n".join(f"The PCN and the GP met {i} times about the PCN.\n\n- a GP\n- a PCN" for i in range(paragraphs))


def _cpu_seconds(work, repeats: int = 3) -> float:
    """The least CPU time of a few runs: what the work costs, not what else the machine did."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def test_marking_terms_takes_time_linear_in_the_text() -> None:
    """Python-Markdown's own abbr marking took 70 times as long for 16 times the text."""
    render = MarkdownRenderer(["abbr", LinearAbbr()], {"abbr": {"glossary": TERMS}})
    glossary = Glossary({term: GlossaryEntry(expansion=words) for term, words in TERMS.items()})
    small, large = _story(250), _story(4000)
    small_time = _cpu_seconds(lambda: glossary.mark(str(render(small))))
    large_time = _cpu_seconds(lambda: glossary.mark(str(render(large))), repeats=1)
    assert large_time / small_time < 2.5 * 16, (small_time, large_time)


def test_linear_abbr_marks_exactly_what_the_extension_did() -> None:
    text = "*[NHS]: National Health Service\n\nThe NHS and the GP.\n\n- NHS *and* GP\n- **GP** NHS GP\n\nNo terms. GP"
    own = Markdown(extensions=["abbr"], extension_configs={"abbr": {"glossary": TERMS}}).convert(text)
    linear = Markdown(extensions=["abbr", LinearAbbr()], extension_configs={"abbr": {"glossary": TERMS}}).convert(text)
    assert linear == own
    assert linear.count("<abbr") == 8
