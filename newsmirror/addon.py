"""The distributed-crawl switch: ``NEWSMIRROR_QUEUE=redis://host:port/db`` and nothing else.

A Scrapy add-on, so it runs once all settings (project, ``-s``, Scrapyd job settings) are known and
before the scheduler is built: it installs the shared-queue scheduler and its seen-request filter,
both from scrapy-redis (see :mod:`newsmirror.queue`), and the in-flight bookkeeping middleware.
"""

from __future__ import annotations

from typing import Any

from newsmirror.queue import InflightMiddleware


class Distributed:
    """Turns a crawl into one worker of a fleet when ``NEWSMIRROR_QUEUE`` is set."""

    def update_settings(self, settings: Any) -> None:
        url = settings.get("NEWSMIRROR_QUEUE")
        if not url:
            return
        prefix = settings.get("NEWSMIRROR_QUEUE_PREFIX") or "newsmirror"
        settings.set("SCHEDULER", "newsmirror.queue.FleetScheduler", "addon")
        settings.set("DUPEFILTER_CLASS", "newsmirror.queue.SharedSeenSet", "addon")
        settings.set("SCHEDULER_QUEUE_KEY", f"{prefix}:%(spider)s:requests", "addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", f"{prefix}:%(spider)s:dupefilter", "addon")
        settings.set("REDIS_URL", url, "addon")
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", InflightMiddleware, 50)
