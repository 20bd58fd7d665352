"""Project settings: polite and closed by default."""

from __future__ import annotations

from scrapy.utils.project import get_project_settings

from newsmirror.config import NewsmirrorConfig


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


def test_every_newsmirror_setting_is_read_into_the_config() -> None:
    settings = get_project_settings()
    config = NewsmirrorConfig.from_settings(settings)
    assert config.limits.max_depth == settings.getint("NEWSMIRROR_MAX_DEPTH")
    assert config.limits.max_pages_per_site == settings.getint("NEWSMIRROR_MAX_PAGES_PER_SITE")


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
