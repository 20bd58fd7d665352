"""The ``NEWSMIRROR_*`` settings, read once into one typed, validated object."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Protocol, Self


class SettingsLike(Protocol):
    """The part of Scrapy's settings API the config reads (keeps this module Scrapy-free)."""

    def get(self, name: str, default: Any = None) -> Any: ...
    def getint(self, name: str, default: int = 0) -> int: ...
    def getbool(self, name: str, default: bool = False) -> bool: ...


class ConfigError(ValueError):
    """A setting or spider argument has a value newsmirror cannot use."""


@dataclass(frozen=True)
class CrawlLimits:
    """Bounds that make every crawl end, whatever traps a site holds."""

    max_pages: int = 0
    max_depth: int = 12
    max_pages_per_site: int = 5000
    max_url_length: int = 2048

    def __post_init__(self) -> None:
        for name in ("max_pages", "max_depth", "max_pages_per_site", "max_url_length"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must be 0 or more, got {getattr(self, name)}")

    def override(self, **values: Any) -> CrawlLimits:
        """Return limits with the given (string or int) values, as spider arguments pass them."""
        changed: dict[str, int] = {}
        for name, raw in values.items():
            if raw is None:
                continue
            try:
                changed[name] = int(raw)
            except (TypeError, ValueError):
                raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
        return CrawlLimits(**{**self.__dict__, **changed})


@dataclass(frozen=True)
class NewsmirrorConfig:
    """Everything newsmirror reads from Scrapy settings."""

    contact: str
    limits: CrawlLimits
    min_text_chars: int
    probe_usual_paths: bool
    sites_file: str
    refresh_days: float = 7.0
    # Hosts and networks a public site may redirect to although they are internal addresses.
    redirect_allow_private: tuple[str, ...] = ()
    # Worker processes extracting articles beside the crawl (0: in the crawl's own process).
    extract_processes: int = 0

    @classmethod
    def from_settings(cls, settings: SettingsLike) -> Self:
        return cls(
            contact=str(settings.get("NEWSMIRROR_CONTACT", "") or ""),
            limits=CrawlLimits(
                max_pages=settings.getint("NEWSMIRROR_MAX_PAGES", 0),
                max_depth=settings.getint("NEWSMIRROR_MAX_DEPTH", 12),
                max_pages_per_site=settings.getint("NEWSMIRROR_MAX_PAGES_PER_SITE", 5000),
                max_url_length=settings.getint("NEWSMIRROR_MAX_URL_LENGTH", 2048),
            ),
            min_text_chars=settings.getint("NEWSMIRROR_MIN_TEXT_CHARS", 250),
            probe_usual_paths=settings.getbool("NEWSMIRROR_PROBE_USUAL_PATHS", True),
            sites_file=str(settings.get("NEWSMIRROR_SITES_FILE", "") or ""),
            refresh_days=float(settings.get("NEWSMIRROR_REFRESH_DAYS", 7.0) or 0.0),
            redirect_allow_private=_as_list(settings.get("NEWSMIRROR_REDIRECT_ALLOW_PRIVATE")),
            extract_processes=_processes(settings.get("NEWSMIRROR_EXTRACT_PROCESSES")),
        )


def default_processes() -> int:
    """One extraction worker where there is a second core; none (extraction in the crawl's
    process) on a single core."""
    return 1 if (os.cpu_count() or 1) > 1 else 0


def _processes(value: Any) -> int:
    """``NEWSMIRROR_EXTRACT_PROCESSES``: unset or empty, one worker where there is a second core."""
    if value is None or value == "":
        return default_processes()
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if count < 0:
        raise ConfigError(f"NEWSMIRROR_EXTRACT_PROCESSES must be 0 or more, got {value!r}")
    return count


def _as_list(value: Any) -> tuple[str, ...]:
    """A list setting given as a list or as a comma-separated string (``-s NAME=a,b``)."""
    if not value:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    return tuple(str(item).strip() for item in items if str(item).strip())


@dataclass(frozen=True)
class PolitenessConfig:
    """robots.txt, Retry-After and circuit-breaker settings (docs/settings.md)."""

    robots_timeout: float = 20.0
    robots_recheck: float = 600.0
    robots_max_age: float = 86400.0
    max_crawl_delay: float = 30.0
    retry_after_default: float = 10.0
    max_retry_after: float = 300.0
    breaker_failures: int = 5
    breaker_cooldown: float = 120.0

    def __post_init__(self) -> None:
        for name, value in self.__dict__.items():
            if value < 0:
                raise ConfigError(f"NEWSMIRROR_{name.upper()} must be 0 or more, got {value}")
        if self.robots_timeout <= 0:
            raise ConfigError("NEWSMIRROR_ROBOTS_TIMEOUT must be above 0")

    @classmethod
    def from_settings(cls, settings: SettingsLike) -> Self:
        def number(name: str, default: float) -> float:
            raw = settings.get(f"NEWSMIRROR_{name.upper()}", default)
            try:
                return float(raw)
            except (TypeError, ValueError):
                raise ConfigError(
                    f"NEWSMIRROR_{name.upper()} must be a number, got {raw!r}"
                ) from None

        return cls(
            robots_timeout=number("robots_timeout", cls.robots_timeout),
            robots_recheck=number("robots_recheck", cls.robots_recheck),
            robots_max_age=number("robots_max_age", cls.robots_max_age),
            max_crawl_delay=number("max_crawl_delay", cls.max_crawl_delay),
            retry_after_default=number("retry_after_default", cls.retry_after_default),
            max_retry_after=number("max_retry_after", cls.max_retry_after),
            breaker_failures=int(number("breaker_failures", cls.breaker_failures)),
            breaker_cooldown=number("breaker_cooldown", cls.breaker_cooldown),
        )
