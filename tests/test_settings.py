"""Project settings: polite and closed by default."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from scrapy.utils.project import get_project_settings

from newsmirror import settings as project_settings
from newsmirror.config import NewsmirrorConfig, PolitenessConfig, SettingsLike

Configs = tuple[NewsmirrorConfig, PolitenessConfig]


def test_polite_defaults() -> None:
    settings = get_project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    # One request in flight per host: nothing is on its way to a host when it answers 429/503.
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert "newsmirror" in settings.get("USER_AGENT")


def test_no_remote_shell_into_a_crawl() -> None:
    settings = get_project_settings()
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    assert not settings.getbool("REMOTE_CONTROL_ENABLED")


# Every NEWSMIRROR_* setting of the typed config: a non-default value as `-s NAME=VALUE` gives it
# (a string), and where the config holds it, typed.
CONFIGURED: dict[str, tuple[str, Callable[[Configs], object], object]] = {
    "NEWSMIRROR_CONTACT": (
        "mailto:ops@example.org",
        lambda c: c[0].contact,
        "mailto:ops@example.org",
    ),
    "NEWSMIRROR_MAX_PAGES": ("40", lambda c: c[0].limits.max_pages, 40),
    "NEWSMIRROR_MAX_DEPTH": ("3", lambda c: c[0].limits.max_depth, 3),
    "NEWSMIRROR_MAX_PAGES_PER_SITE": ("17", lambda c: c[0].limits.max_pages_per_site, 17),
    "NEWSMIRROR_MAX_URL_LENGTH": ("300", lambda c: c[0].limits.max_url_length, 300),
    "NEWSMIRROR_MIN_TEXT_CHARS": ("90", lambda c: c[0].min_text_chars, 90),
    "NEWSMIRROR_EXTRACT_PROCESSES": ("3", lambda c: c[0].extract_processes, 3),
    "NEWSMIRROR_PROBE_USUAL_PATHS": ("False", lambda c: c[0].probe_usual_paths, False),
    "NEWSMIRROR_SITES_FILE": ("my-sites.json", lambda c: c[0].sites_file, "my-sites.json"),
    "NEWSMIRROR_REFRESH_DAYS": ("1.5", lambda c: c[0].refresh_days, 1.5),
    "NEWSMIRROR_REDIRECT_ALLOW_PRIVATE": (
        "10.0.0.0/8",
        lambda c: c[0].redirect_allow_private,
        ("10.0.0.0/8",),
    ),
    "NEWSMIRROR_ROBOTS_TIMEOUT": ("7", lambda c: c[1].robots_timeout, 7.0),
    "NEWSMIRROR_ROBOTS_RECHECK": ("61", lambda c: c[1].robots_recheck, 61.0),
    "NEWSMIRROR_ROBOTS_MAX_AGE": ("3600", lambda c: c[1].robots_max_age, 3600.0),
    "NEWSMIRROR_MAX_CRAWL_DELAY": ("4.5", lambda c: c[1].max_crawl_delay, 4.5),
    "NEWSMIRROR_RETRY_AFTER_DEFAULT": ("2", lambda c: c[1].retry_after_default, 2.0),
    "NEWSMIRROR_MAX_RETRY_AFTER": ("90", lambda c: c[1].max_retry_after, 90.0),
    "NEWSMIRROR_BREAKER_FAILURES": ("9", lambda c: c[1].breaker_failures, 9),
    "NEWSMIRROR_BREAKER_COOLDOWN": ("33", lambda c: c[1].breaker_cooldown, 33.0),
}
# Read by their component, not into a typed config (STYLE.md asks for one read into the config;
# listed here so that a setting added to settings.py must be put in one table or the other).
READ_ELSEWHERE = {
    "NEWSMIRROR_ORIGIN_ENABLED": "newsmirror/pipelines/origin.py",
    "NEWSMIRROR_PUBLISHERS_FILE": "newsmirror/pipelines/origin.py",
    "NEWSMIRROR_STORE": "newsmirror/runtime.py",
    "NEWSMIRROR_STORE_CHECK": "newsmirror/pipelines/dedup.py",
    "NEWSMIRROR_DATA_DIR": "newsmirror/runtime.py",
    "NEWSMIRROR_FETCH_ORIGINS": "newsmirror/pipelines/dedup.py",
    "NEWSMIRROR_SIGHTINGS_FEED": "newsmirror/feeds.py",
    "NEWSMIRROR_SUMMARY": "newsmirror/extensions/summary.py",
    "NEWSMIRROR_STATS_FILE": "newsmirror/extensions/statsfile.py",
    "NEWSMIRROR_QUEUE": "newsmirror/queue.py",
    "NEWSMIRROR_QUEUE_PREFIX": "newsmirror/addon.py",
    "NEWSMIRROR_QUEUE_IDLE": "newsmirror/spiders/base.py",
    "NEWSMIRROR_QUEUE_WORKER_TIMEOUT": "newsmirror/queue.py",
    "NEWSMIRROR_REDIS_RETRY_SECONDS": "newsmirror/pipelines/dedup.py",
    "NEWSMIRROR_BROWSER": "newsmirror/spiders/base.py",
}
ROOT = Path(__file__).resolve().parent.parent


def declared() -> set[str]:
    return {name for name in vars(project_settings) if name.startswith("NEWSMIRROR_")}


def configs(settings: SettingsLike) -> Configs:
    return NewsmirrorConfig.from_settings(settings), PolitenessConfig.from_settings(settings)


def test_every_setting_of_the_typed_config_is_read_with_a_non_default_value() -> None:
    settings = get_project_settings()
    defaults = configs(settings)
    for name, (raw, _, _expected) in CONFIGURED.items():
        assert raw != str(getattr(project_settings, name)), name
        settings.set(name, raw, priority="cmdline")
    given = configs(settings)
    wrong = {}
    for name, (_, read, expected) in CONFIGURED.items():
        assert read(defaults) != expected, f"{name}: {expected!r} is its default"
        if read(given) != expected:
            wrong[name] = (read(given), expected)
    assert not wrong, wrong


def test_every_newsmirror_setting_is_declared_and_accounted_for() -> None:
    names = declared()
    assert len(names) >= 33
    unaccounted = names - set(CONFIGURED) - set(READ_ELSEWHERE)
    assert not unaccounted, f"give these a non-default check in CONFIGURED: {sorted(unaccounted)}"
    assert not set(CONFIGURED) & set(READ_ELSEWHERE)
    assert set(CONFIGURED) | set(READ_ELSEWHERE) <= names, "a table lists a setting that is gone"
    # Each one read elsewhere is really read where the table says.
    for name, module in READ_ELSEWHERE.items():
        assert f'"{name}"' in (ROOT / module).read_text("utf-8"), (name, module)
    # And no setting is read in the code without being declared (with its default) in settings.py.
    used = set()
    for path in (ROOT / "newsmirror").rglob("*.py"):
        used |= set(re.findall(r"NEWSMIRROR_[A-Z][A-Z_]*[A-Z]", path.read_text("utf-8")))
    assert used <= names, sorted(used - names)


def test_every_json_lines_format_name_gets_the_line_flushing_exporter() -> None:
    """``-O out.jsonl`` picks the format "jsonl": its lines must reach the OS one by one too."""
    exporters = get_project_settings().getwithbase("FEED_EXPORTERS")
    for name in ("jsonlines", "jsonl", "jl"):
        assert exporters[name] == "newsmirror.feeds.JsonLinesExporter", name


def test_redirect_allow_list_is_empty_by_default_and_takes_a_list_or_commas() -> None:
    settings = get_project_settings()
    assert NewsmirrorConfig.from_settings(settings).redirect_allow_private == ()
    settings.set("NEWSMIRROR_REDIRECT_ALLOW_PRIVATE", "127.0.0.1, 10.0.0.0/8,")
    assert NewsmirrorConfig.from_settings(settings).redirect_allow_private == (
        "127.0.0.1",
        "10.0.0.0/8",
    )
    settings.set("NEWSMIRROR_REDIRECT_ALLOW_PRIVATE", ["::1"])
    assert NewsmirrorConfig.from_settings(settings).redirect_allow_private == ("::1",)
