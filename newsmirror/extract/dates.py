"""The publication date of an article: what its markup declares, checked against the date in its
URL, and found in the page's text (htmldate, as trafilatura does) when the markup declares none."""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta

from htmldate import find_date
from lxml.html import HtmlElement

# A full date in a URL's path, as CMSs write it at first publication: /2019/10/22/, /2017/7/12/,
# /2021-03-08-; never the query (a search's or calendar's date).
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)
# How far a declared date may stray from the URL's before the URL's is believed: the URL holds the
# publisher's local day, a declared instant may be written in UTC.
_URL_SLACK = timedelta(days=1)

logging.getLogger("htmldate").setLevel(logging.ERROR)


def url_date(url: str) -> date | None:
    """The date in ``url``'s path, if it holds a full year, month and day."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    match = _URL_DATE.search(path)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def published_date(tree: HtmlElement, url: str, declared: str | None) -> str | None:
    """The article's publication date (ISO 8601), from ``declared`` (what its markup says).

    A declared date more than a day away from a full date in the URL is a later one (an update, a
    re-publication, a neighbour's date): the URL's date is the first publication. With nothing
    declared, the date is looked for in the URL and the page's text.
    """
    in_url = url_date(url) if url else None
    if declared is not None:
        day = _day(declared)
        if in_url is not None and day is not None and abs(day - in_url) > _URL_SLACK:
            return in_url.isoformat()
        return declared
    if in_url is not None:
        return in_url.isoformat()
    latest = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d")
    found = find_date(
        tree,
        extensive_search=True,
        original_date=True,
        url=url or None,
        max_date=latest,
    )
    return found if isinstance(found, str) else None
