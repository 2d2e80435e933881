"""Domain words the pages show as they are stored (kinds, statuses), listed here so that the
catalogue extractor (``pybabel extract``) collects them for translation."""


def _(text: str) -> str:
    return text


TERMS = (
    _("sister"), _("friendly_exchange"),
    _("proposed"), _("negotiating"), _("active"), _("dormant"), _("suspended"), _("ended"),
    _("country"), _("province"), _("city"), _("district"), _("other"),
)
