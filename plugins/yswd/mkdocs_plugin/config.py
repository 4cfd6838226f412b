"""Options for the `yswd` plugin in mkdocs.yml, and the settings as mkdocs.yml wrote them."""

import warnings

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from yswd.content.records import CONFIG_DIR, ENGAGEMENTS_DIR, STRATEGY_FILE
from yswd.site.pages import AUDIENCES


class _Plain:
    """An option whose mistake is kept as a plain-English rule, for a problem naming mkdocs.yml's line.

    MkDocs would stop with its own wording ("Config value 'plugins': Plugin 'yswd' option...")
    and no line, sometimes repeating the value. Instead the value is checked before MkDocs
    validates it: a wrong one is noted in the options' `mistakes` and the default used, and the
    check reports it with every other problem (content/placement.py).
    """

    rule: str

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        value = config.get(key_name)
        if value is not None:
            try:
                self.run_validation(value)
            except ValidationError:
                config.mistakes[key_name] = self.rule
                config[key_name] = None  # the default, so the rest of the check can go on
        super().pre_validation(config, key_name)


class WholeNumber(_Plain, c.Type):
    """A whole number of at least `minimum`."""

    def __init__(self, minimum: int, default: int):
        super().__init__(int, default=default)
        self.minimum = minimum
        self.rule = f"should be a whole number, {minimum} or more, such as {default}."

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise ValidationError(self.rule)
        return value


class Choice(_Plain, c.Choice):
    def __init__(self, choices: tuple[str, ...], default: str):
        super().__init__(choices, default=default)
        self.rule = f"should be one of: {', '.join(choices)}."


class YesNo(_Plain, c.Type):
    def __init__(self, default: bool):
        super().__init__(bool, default=default)
        self.rule = "should be true or false."


class AlwaysOn(_Plain, c.Type):
    """`enabled`, which MkDocs plugins have by custom: here only `true` is accepted."""

    def __init__(self) -> None:
        super().__init__(bool, default=True)
        self.rule = (
            "can't be turned off: yswd's checks are what keep drafts and personal data out of the site, and "
            "without them MkDocs would publish every record as it is, drafts included. Remove this line."
        )

    def run_validation(self, value: object) -> bool:
        if value is not True:
            raise ValidationError(self.rule)
        return value


class Folder(_Plain, c.Type):
    def __init__(self, default: str):
        super().__init__(str, default=default)
        self.rule = f"should be a file or folder name, such as {default}."


class YouSaidWeDidConfig(base.Config):
    def __init__(self, config_file_path: str | None = None):
        super().__init__(config_file_path=config_file_path)
        self.mistakes: dict[str, str] = {}
        """Options written wrongly (see `_Plain`), each with the rule it should follow."""

    enabled = AlwaysOn()
    """Only `true`: `enabled: false` (or `!ENV [CI, false]`) would publish every record raw."""

    audience = Choice(AUDIENCES, default="public")
    """Who the build is for: `public`, or `review` for the reader panel. The YSWD_AUDIENCE
    environment variable, when set, takes precedence."""

    config_dir = Folder(default=CONFIG_DIR)
    """The folder holding organisation.yml and glossary.yml, relative to mkdocs.yml."""

    engagements_dir = Folder(default=ENGAGEMENTS_DIR)
    """The folder of engagement records, relative to docs_dir. It must exist and hold records:
    a misspelt folder would leave every record unchecked and published as it is."""

    no_records_yet = YesNo(default=False)
    """`true` for a new site with no records yet: then an empty or missing engagements folder is
    not a mistake. An option here, beside engagements_dir, because it is what that option is
    checked against, and whoever sets up the site edits this file, not the content."""

    strategy_file = Folder(default=STRATEGY_FILE)
    """The participation strategy, relative to docs_dir."""

    page_size = WholeNumber(minimum=1, default=20)
    """How many records a listing page shows before it moves to the next page."""

    review_site_dir = Folder(default="site-review")
    """Where the review build always goes, relative to mkdocs.yml: never the public site_dir."""

    readability = Choice(("review", "always", "never"), default="review")
    """When to score plain English and log advice at INFO: in the review build (the default,
    with the report beside each record), in every build, or never. Scoring takes about 10 ms
    a record, so public builds of large sites skip it unless asked."""

    search = Choice(("pagefind", "none"), default="pagefind")
    """`pagefind`: a search page and a chunked static index. `none`: no search from yswd
    (use mkdocs-material's search plugin instead, which loads its whole index on every page)."""

    history = Choice(("git", "none"), default="git")
    """`git`: each record's page shows when it was first published and last changed, from the
    commits that touched its file (one `git log` for the whole site). `none`: only `updated`."""

    atomic = YesNo(default=True)
    """Build into a folder of its own beside the site and exchange it with the site atomically,
    only when the whole build (search index included) has succeeded."""


def written_settings(config: MkDocsConfig) -> list[dict]:
    """The settings as given, before defaults: mkdocs.yml's first, then the command line's (`-d`).

    MkDocs 1.6 marks `user_configs` deprecated, and its warning reached staff as a traceback at
    INFO on every build; it is still the only record of what mkdocs.yml itself wrote, and stays
    in every MkDocs 1.x, which yswd pins.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return list(config.user_configs)
