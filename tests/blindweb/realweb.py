"""Load the real news articles (the fundus split of shared/realweb) that serve as original stories."""

from __future__ import annotations

import gzip
import json
import random
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from tests.blindweb.domains import drop_tracking, registrable_domain, to_http
from tests.blindweb.model import Block, Original

# The realweb corpus sits in shared/, beside the repository (CI lays it there too).
DEFAULT_REALWEB = Path(__file__).resolve().parents[3] / "shared" / "realweb"

# Display names where splitting the fundus publisher id would read wrong.
_PUBLISHER_NAMES: dict[str, str] = {
    "APNews": "AP News",
    "BSZ": "Braunschweiger Zeitung",
    "FAZ": "FAZ.NET",
    "NineNews": "9News",
    "Heise": "heise online",
    "ORF": "ORF.at",
    "NDR": "NDR",
    "WDR": "WDR",
    "ZDF": "ZDFheute",
    "MBN": "MBN",
    "iNews": "The i Paper",
    "NZZ": "NZZ",
    "CanadaCom": "Canada.com",
    "ZwanzigMinuten": "20 Minuten",
    "Postillon": "Der Postillon",
    "NTVTR": "NTV",
    "LRT": "LRT",
    "LBCGroup": "LBCI",
    "WAZ": "WAZ",
    "NetzpolitikOrg": "netzpolitik.org",
    "SpiegelOnline": "DER SPIEGEL",
    "DieWelt": "WELT",
    "DieZeit": "ZEIT ONLINE",
    "TimesLive": "TimesLIVE",
    "SeznamZpravy": "Seznam Zprávy",
    "Morgunbladid": "Morgunblaðið",
    "AnadoluAjansi": "Anadolu Ajansı",
    "Haberturk": "Habertürk",
    "Pravda": "Ukrainska Pravda",
    "AsahiShimbun": "The Asahi Shimbun",
    "ChunichiShimbun": "Chunichi Shimbun",
    "NikkanGeadai": "Nikkan Gendai",
    "SankeiShimbun": "Sankei Shimbun",
    "TokyoShimbun": "Tokyo Shimbun",
    "YomiuriShimbun": "Yomiuri Shimbun",
    "TheJapanNews": "The Japan News",
    "HankookIlbo": "Hankook Ilbo",
    "BBC": "BBC",
    "CNBC": "CNBC",
    "EuronewsDE": "Euronews",
    "EuronewsEN": "Euronews",
    "EuronewsFR": "Euronews",
    "MitteldeutscheZeitung": "Mitteldeutsche Zeitung",
    "RheinischePost": "RP Online",
    "DerStandard": "DER STANDARD",
    "KleineZeitung": "Kleine Zeitung",
    "WestAustralian": "The West Australian",
    "Nieuwsblad": "Het Nieuwsblad",
    "PoliticoEu": "POLITICO",
    "GlobalNews": "Global News",
    "TheProvince": "The Province",
    "People": "People's Daily",
    "BusinessInsiderDE": "Business Insider Deutschland",
    "DerFreitag": "der Freitag",
    "Bhaskar": "Dainik Bhaskar",
    "CorriereDellaSera": "Corriere della Sera",
    "IlGiornale": "il Giornale",
    "LaRepubblica": "la Repubblica",
    "Tageszeitung": "Tageszeitung",
    "VnExpress": "VnExpress",
    "DurbanLocal": "Your eThekwini",
    "Ilanga": "Ilanga News",
    "IsolezweLesiXhosa": "Isolezwe lesiXhosa",
    "HabariLeo": "HabariLeo",
    "Kommersant": "Kommersant",
    "Rzeczpospolita": "Rzeczpospolita",
    "Sermitsiaq": "Sermitsiaq.AG",
    "KlasseGegenKlasse": "Klasse Gegen Klasse",
    "LesEchos": "Les Echos",
    "LeMonde": "Le Monde",
    "LeFigaro": "Le Figaro",
    "ElPais": "EL PAÍS",
    "MalayMail": "Malay Mail",
    "TaipeiTimes": "Taipei Times",
    "TheGuardian": "The Guardian",
    "Express": "Express.co.uk",
    "WorldTruth": "WorldTruth.TV",
    "VoiceOfAmerica": "Voice of America",
    "VogueDE": "Vogue Germany",
    "Hessenschau": "hessenschau.de",
}

_BAD_SITE_NAMES = {"security", "lbciv7", "bild.de"}


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name)


def _meta(html_text: str, prop: str) -> str | None:
    tag = re.search(
        r"<meta[^>]+(?:property|name)=[\"']" + re.escape(prop) + r"[\"'][^>]*>", html_text, re.I
    )
    if not tag:
        return None
    content = re.search(r"content=[\"']([^\"']*)", tag.group(0))
    return content.group(1).strip() if content and content.group(1).strip() else None


def _canonical(html_text: str, base: str) -> str | None:
    tag = re.search(r"<link[^>]+rel=[\"']canonical[\"'][^>]*>", html_text, re.I)
    if not tag:
        return None
    href = re.search(r"href=[\"']([^\"']+)", tag.group(0))
    return urljoin(base, href.group(1).strip()) if href else None


def _blocks(row: dict[str, object]) -> tuple[Block, ...]:
    extra = row["extra"]
    assert isinstance(extra, dict)
    body = extra["body"]
    blocks: list[Block] = [Block("lead", t) for t in body.get("summary") or []]
    for section in body["sections"]:
        blocks += [Block("h", t) for t in section["headline"]]
        blocks += [Block("p", t) for t in section["paragraphs"]]
    return tuple(blocks)


def _published(row: dict[str, object]) -> datetime:
    raw = row.get("published")
    value = datetime.fromisoformat(str(raw).replace("Z", "+00:00")) if raw else datetime(2024, 1, 1)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def load_originals(
    realweb: Path, rng: random.Random, count: int = 150, must: tuple[str, ...] = ()
) -> list[Original]:
    """Pick ``count`` fundus articles (those in ``must`` first) and describe them as originals.

    Left out: pages whose own canonical names another registrable domain (syndicated inside a
    newspaper group, so their "origin" would be ambiguous) and pages with under three paragraphs.
    """
    rows = [
        json.loads(line)
        for line in (realweb / "fundus.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rows.sort(key=lambda r: r["id"])
    candidates: list[Original] = []
    for row in rows:
        if not row.get("text") or not row.get("url"):
            continue
        path = realweb / row["file"]
        page = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        real_url = row["url"]
        url = to_http(real_url)
        host = urlsplit(url).hostname or ""
        domain = registrable_domain(host) or host
        canonical = _canonical(page, real_url)
        aliases: list[str] = []
        if canonical:
            if registrable_domain(canonical) != domain:
                continue
            canonical_http = to_http(canonical)
            if canonical_http != url:
                aliases.append(canonical_http)
        parts = urlsplit(url)
        if parts.query:
            cleaned = drop_tracking(parts.query)
            bare = urlunsplit(("http", parts.netloc, parts.path, cleaned, ""))
            if bare != url and bare not in aliases:
                aliases.append(bare)
        blocks = _blocks(row)
        if sum(1 for b in blocks if b.kind in ("p", "lead")) < 3:
            continue
        publisher_id = str(row["extra"]["publisher"])
        publisher = _PUBLISHER_NAMES.get(publisher_id) or _split_camel(publisher_id)
        site_name = _meta(page, "og:site_name")
        blog_name = (
            site_name
            if site_name and len(site_name) <= 40 and site_name.lower() not in _BAD_SITE_NAMES
            else publisher
        )
        candidates.append(
            Original(
                key=row["id"],
                url=url,
                real_url=real_url,
                host=host,
                domain=domain,
                home=f"http://{host}/",
                publisher=publisher,
                blog_name=blog_name,
                title=row.get("title") or "",
                text=row["text"],
                blocks=blocks,
                authors=tuple(row.get("authors") or ()),
                published=_published(row),
                lang=row.get("lang")
                or next(iter(row["extra"].get("publisher_languages") or []), "und"),
                html_path=path,
                aliases=tuple(aliases),
            )
        )
    first = [o for o in candidates if o.key in must]
    rest = [o for o in candidates if o.key not in must]
    rng.shuffle(rest)
    chosen = (first + rest)[:count]
    chosen.sort(key=lambda o: o.key)
    return chosen


def page_bytes(original: Original) -> bytes:
    return gzip.decompress(original.html_path.read_bytes())
