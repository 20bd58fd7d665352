"""A labelled evaluation corpus for origin detection, written from the specification alone.

``cases()`` builds, deterministically, complete HTML copy pages as aggregator and content-farm
sites publish them: a story (our own sentences, in seven languages) inside a page template with
menus, newsletter boxes, teasers, disclaimers and comments, plus one attribution signal of a known
family — a visible line ("This post appeared first on …", the Yoast and All in One SEO RSS
footers in their real wordings, "Source: …", …) or markup only (cross-site canonical, og:url,
syndication-source, JSON-LD). Negatives carry the same words in ordinary sentences, markup pointing
at the copy's own site, or nothing at all. About thirty hand-written hard cases close the list.

``evaluate()`` runs a detector over the cases and scores it per family: domain precision and
recall, exact original URL, and stripping (story sentences kept, attribution line gone).
``benchmarks/origin_quality.py`` prints the table; ``tests/test_origin_corpus.py`` holds the bar.

Nothing here reads the detector's code: the labels follow the attribution's own words.
"""

from __future__ import annotations

import html as html_lib
import json
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SEED = 20250314


@dataclass(frozen=True)
class Case:
    """One labelled copy page."""

    id: str
    family: str
    language: str
    placement: str
    linked: bool
    url: str  # the copy page's own URL
    html: str  # the complete copy page
    expected_domain: str | None  # registrable domain of the origin; None for negatives
    expected_url: str | None  # the exact original URL when the page gives it, else None
    attribution_line: str | None  # the visible attribution text that stripping must remove
    keep: tuple[str, ...]  # story text that must survive stripping
    title: str = ""  # the story's headline as the page shows it

    @property
    def positive(self) -> bool:
        return self.expected_domain is not None


# --------------------------------------------------------------------------------------------
# Origin publishers, as the corpus writes them. ``names`` are names or aliases that the bundled
# table (newsmirror/data/publishers.json) lists for ``domain``; tests check that they agree.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pub:
    domain: str  # registrable domain
    host: str  # host of its article URLs
    names: tuple[str, ...]
    path: str  # article path template: {slug} {y} {m} {d} {n} {h}
    home: str = ""  # home page URL (default: https://host/)
    wire: bool = False

    def home_url(self, rng: random.Random) -> str:
        if self.home:
            return self.home
        return f"https://{self.host}" + ("/" if rng.random() < 0.6 else "")


def _p(domain: str, host: str, names: str, path: str, *, wire: bool = False, home: str = "") -> Pub:
    return Pub(domain, host, tuple(names.split("|")), path, home, wire)


EN_PUBS: tuple[Pub, ...] = (
    _p("cnn.com", "www.cnn.com", "CNN|CNN Wire", "/{y}/{m}/{d}/us/{slug}/index.html"),
    _p("cnn.com", "edition.cnn.com", "CNN", "/{y}/{m}/{d}/world/{slug}/index.html"),
    _p("nbcnews.com", "www.nbcnews.com", "NBC News", "/news/us-news/{slug}-rcna{n}"),
    _p(
        "apnews.com",
        "apnews.com",
        "Associated Press|AP|The Associated Press",
        "/article/{slug}-{h}",
    ),
    _p("reuters.com", "www.reuters.com", "Reuters", "/world/{slug}-{y}-{m}-{d}/"),
    _p("afp.com", "www.afp.com", "AFP|Agence France-Presse", "/en/news/{n}/{slug}"),
    _p("bbc.co.uk", "www.bbc.co.uk", "BBC News|BBC", "/news/uk-{n}"),
    _p("theguardian.com", "www.theguardian.com", "The Guardian", "/world/{y}/{mon}/{d}/{slug}"),
    _p("nytimes.com", "www.nytimes.com", "The New York Times", "/{y}/{m}/{d}/us/{slug}.html"),
    _p(
        "washingtonpost.com",
        "www.washingtonpost.com",
        "The Washington Post|Washington Post",
        "/nation/{y}/{m}/{d}/{slug}/",
    ),
    _p("foxnews.com", "www.foxnews.com", "Fox News", "/us/{slug}"),
    _p("cnbc.com", "www.cnbc.com", "CNBC", "/{y}/{m}/{d}/{slug}.html"),
    _p("bloomberg.com", "www.bloomberg.com", "Bloomberg", "/news/articles/{y}-{m}-{d}/{slug}"),
    _p("github.blog", "github.blog", "The GitHub Blog|GitHub Blog", "/news-insights/{slug}/"),
    _p("theconversation.com", "theconversation.com", "The Conversation", "/{slug}-{n}"),
    _p("npr.org", "www.npr.org", "NPR", "/{y}/{m}/{d}/{n}/{slug}"),
    _p("politico.com", "www.politico.com", "Politico", "/news/{y}/{m}/{d}/{slug}-{n}"),
    _p("axios.com", "www.axios.com", "Axios", "/{y}/{m}/{d}/{slug}"),
    _p("techcrunch.com", "techcrunch.com", "TechCrunch", "/{y}/{m}/{d}/{slug}/"),
    _p("theverge.com", "www.theverge.com", "The Verge", "/news/{n}/{slug}"),
    _p("propublica.org", "www.propublica.org", "ProPublica", "/article/{slug}"),
    _p(
        "usatoday.com",
        "www.usatoday.com",
        "USA Today",
        "/story/news/nation/{y}/{m}/{d}/{slug}/{n}/",
    ),
    _p(
        "independent.co.uk",
        "www.independent.co.uk",
        "The Independent",
        "/news/world/{slug}-b{n}.html",
    ),
    _p("sky.com", "news.sky.com", "Sky News", "/story/{slug}-{n}", home="https://news.sky.com/"),
    _p("aljazeera.com", "www.aljazeera.com", "Al Jazeera", "/news/{y}/{m}/{d}/{slug}"),
    _p("kffhealthnews.org", "kffhealthnews.org", "KFF Health News", "/news/article/{slug}/"),
    _p("dw.com", "www.dw.com", "Deutsche Welle|DW", "/en/{slug}/a-{n}"),
    _p("france24.com", "www.france24.com", "France 24", "/en/europe/{y}{m}{d}-{slug}"),
    _p("wsj.com", "www.wsj.com", "The Wall Street Journal", "/articles/{slug}-{h}"),
    _p(
        "example-wire.com",
        "www.example-wire.com",
        "Example Wire",
        "/news/{y}/{m}/{d}/{slug}",
        wire=True,
    ),
    _p(
        "metro-chronicle.com",
        "www.metro-chronicle.com",
        "The Metro Chronicle|Metro Chronicle",
        "/local/{slug}-{n}.html",
    ),
)
LOCAL_PUBS: dict[str, tuple[Pub, ...]] = {
    "de": (
        _p("spiegel.de", "www.spiegel.de", "DER SPIEGEL|Der Spiegel", "/panorama/{slug}-a-{h}"),
        _p("zeit.de", "www.zeit.de", "ZEIT ONLINE|Die Zeit", "/gesellschaft/{y}-{m}/{slug}"),
        _p(
            "faz.net",
            "www.faz.net",
            "Frankfurter Allgemeine Zeitung|FAZ",
            "/aktuell/politik/{slug}-{n}.html",
        ),
        _p(
            "sueddeutsche.de", "www.sueddeutsche.de", "Süddeutsche Zeitung", "/politik/{slug}-1.{n}"
        ),
        _p("tagesschau.de", "www.tagesschau.de", "tagesschau", "/inland/{slug}-100.html"),
        _p("welt.de", "www.welt.de", "WELT", "/politik/article{n}/{slug}.html"),
    ),
    "fr": (
        _p(
            "lemonde.fr",
            "www.lemonde.fr",
            "Le Monde",
            "/societe/article/{y}/{m}/{d}/{slug}_{n}_3224.html",
        ),
        _p("lefigaro.fr", "www.lefigaro.fr", "Le Figaro", "/actualite-france/{slug}-{y}{m}{d}"),
        _p("liberation.fr", "www.liberation.fr", "Libération", "/societe/{slug}_{h}/"),
        _p("francetvinfo.fr", "www.francetvinfo.fr", "franceinfo", "/societe/{slug}_{n}.html"),
        _p("ouest-france.fr", "www.ouest-france.fr", "Ouest-France", "/societe/{slug}-{h}"),
        _p(
            "journal-exemple.fr",
            "www.journal-exemple.fr",
            "Le Journal Exemple|Journal Exemple",
            "/actualite/{slug}",
        ),
    ),
    "es": (
        _p("elpais.com", "elpais.com", "El País", "/sociedad/{y}-{m}-{d}/{slug}.html"),
        _p("elmundo.es", "www.elmundo.es", "El Mundo", "/espana/{y}/{m}/{d}/{h}.html"),
        _p(
            "lavanguardia.com",
            "www.lavanguardia.com",
            "La Vanguardia",
            "/vida/{y}{m}{d}/{n}/{slug}.html",
        ),
        _p("efe.com", "www.efe.com", "EFE|Agencia EFE", "/espana/{y}-{m}-{d}/{slug}/", wire=True),
        _p(
            "europapress.es",
            "www.europapress.es",
            "Europa Press",
            "/sociedad/noticia-{slug}-{y}{m}{d}.html",
            wire=True,
        ),
    ),
    "it": (
        _p("corriere.it", "www.corriere.it", "Corriere della Sera", "/cronache/{slug}-{h}.shtml"),
        _p(
            "repubblica.it",
            "www.repubblica.it",
            "la Repubblica",
            "/cronaca/{y}/{m}/{d}/news/{slug}-{n}/",
        ),
        _p("lastampa.it", "www.lastampa.it", "La Stampa", "/cronaca/{y}/{m}/{d}/news/{slug}-{n}/"),
        _p("ilsole24ore.com", "www.ilsole24ore.com", "Il Sole 24 Ore", "/art/{slug}-{h}"),
        _p(
            "ansa.it",
            "www.ansa.it",
            "ANSA",
            "/sito/notizie/cronaca/{y}/{m}/{d}/{slug}_{h}.html",
            wire=True,
        ),
    ),
    "pt": (
        _p("publico.pt", "www.publico.pt", "Público", "/{y}/{m}/{d}/local/noticia/{slug}-{n}"),
        _p("globo.com", "oglobo.globo.com", "O Globo", "/brasil/noticia/{y}/{m}/{d}/{slug}.ghtml"),
        _p("estadao.com.br", "www.estadao.com.br", "Estadão", "/brasil/{slug}/"),
        _p("rtp.pt", "www.rtp.pt", "RTP Notícias|RTP", "/noticias/pais/{slug}_n{n}"),
        _p("lusa.pt", "www.lusa.pt", "Lusa|Agência Lusa", "/article/{n}/{slug}", wire=True),
    ),
    "nl": (
        _p("nos.nl", "nos.nl", "NOS", "/artikel/{n}-{slug}"),
        _p("nu.nl", "www.nu.nl", "NU.nl", "/binnenland/{n}/{slug}.html"),
        _p(
            "volkskrant.nl",
            "www.volkskrant.nl",
            "de Volkskrant",
            "/nieuws-achtergrond/{slug}~b{h}/",
        ),
        _p("nrc.nl", "www.nrc.nl", "NRC", "/nieuws/{y}/{m}/{d}/{slug}-{h}"),
        _p("anp.nl", "www.anp.nl", "ANP", "/nieuws/{slug}", wire=True),
    ),
}
LOCAL_PUBS["en"] = EN_PUBS
# Wire services as a "Source:" line or a JSON-LD publisher/author names them.
WIRE_NAMES: tuple[tuple[str, str], ...] = (
    ("Associated Press", "apnews.com"),
    ("The Associated Press", "apnews.com"),
    ("AP", "apnews.com"),
    ("Reuters", "reuters.com"),
    ("AFP", "afp.com"),
    ("Agence France-Presse", "afp.com"),
    ("CNN Wire", "cnn.com"),
    ("dpa", "dpa.com"),
    ("Deutsche Presse-Agentur", "dpa.com"),
    ("EFE", "efe.com"),
    ("ANSA", "ansa.it"),
    ("Lusa", "lusa.pt"),
    ("ANP", "anp.nl"),
    ("Bloomberg", "bloomberg.com"),
    ("UPI", "upi.com"),
    ("Example Wire", "example-wire.com"),
)


def all_pubs() -> tuple[Pub, ...]:
    """Every origin publisher the generated cases name (for the table-agreement test)."""
    out: list[Pub] = []
    for pubs in LOCAL_PUBS.values():
        out.extend(p for p in pubs if p not in out)
    return tuple(out)


# --------------------------------------------------------------------------------------------
# The copy sites (aggregators, content farms).
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    host: str
    name: str
    path: str  # own article path template


SITES: tuple[Site, ...] = (
    Site("www.dailynewsmirror.net", "Daily News Mirror", "/{y}/{m}/{d}/{slug}/"),
    Site("trendwire24.co.uk", "TrendWire 24", "/news/{slug}-{n}.html"),
    Site("www.investhub-daily.com", "InvestHub Daily", "/markets/{slug}/"),
    Site("newsfeedz.org", "Newsfeedz", "/{slug}/"),
    Site("www.buzzdigest.info", "Buzz Digest", "/?p={n}"),
    Site("worldnewshub.news", "World News Hub", "/article/{n}/{slug}"),
    Site("www.marketpulsenow.com", "Market Pulse Now", "/{y}/{m}/{slug}.html"),
    Site("techfeedcentral.io", "Tech Feed Central", "/posts/{slug}"),
    Site("www.headlinesnow.us", "Headlines Now", "/{y}/{m}/{d}/{slug}/"),
    Site("www.gazette-digest.com", "Gazette Digest", "/story/{n}/"),
)
LOCAL_SITES: dict[str, tuple[Site, ...]] = {
    "de": (
        Site("www.nachrichten-jetzt.de", "Nachrichten Jetzt", "/{y}/{m}/{d}/{slug}/"),
        Site("news-ticker24.de", "News Ticker 24", "/artikel/{n}-{slug}.html"),
    ),
    "fr": (
        Site("www.actu-express.fr", "Actu Express", "/{y}/{m}/{d}/{slug}/"),
        Site("infos-du-jour.fr", "Infos du Jour", "/article/{slug}-{n}"),
    ),
    "es": (
        Site("www.noticiasalmomento.es", "Noticias al Momento", "/{y}/{m}/{d}/{slug}/"),
        Site("titulares24.com", "Titulares 24", "/noticia/{n}/{slug}"),
    ),
    "it": (
        Site("www.notizieflash.it", "Notizie Flash", "/{y}/{m}/{d}/{slug}/"),
        Site("ultimora-news.it", "Ultim'ora News", "/news/{slug}-{n}.html"),
    ),
    "pt": (
        Site("www.noticiasja.com.br", "Notícias Já", "/{y}/{m}/{d}/{slug}/"),
        Site("portal-informa.pt", "Portal Informa", "/noticia/{slug}-{n}"),
    ),
    "nl": (
        Site("www.nieuwsnudirect.nl", "Nieuws Nu Direct", "/{y}/{m}/{d}/{slug}/"),
        Site("dagelijksnieuws.net", "Dagelijks Nieuws", "/artikel/{n}/{slug}"),
    ),
}
LOCAL_SITES["en"] = SITES

# --------------------------------------------------------------------------------------------
# Stories: our own sentences, news-like, in seven languages.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    title: str
    sentences: tuple[str, ...]


def _s(title: str, *sentences: str) -> Story:
    return Story(title, sentences)


STORIES: dict[str, tuple[Story, ...]] = {
    "en": (
        _s(
            "City council approves overhaul of bus network",
            "The city council voted nine to four on Tuesday night to approve a sweeping redesign of the municipal bus network.",
            "Under the plan, eleven low-ridership routes will be merged into four high-frequency lines that run every ten minutes.",
            "Transit officials said the changes would cut average waiting times by about a third for riders in the eastern districts.",
            "Several council members warned that elderly residents could face longer walks to the nearest stop.",
            "The agency has promised to keep a door-to-door shuttle for passengers with limited mobility.",
            "The first phase of the redesign is scheduled to take effect in early September.",
        ),
        _s(
            "Heavy rain forces evacuations along the river valley",
            "Emergency services ordered the evacuation of roughly 2,000 homes after the river rose above its banks overnight.",
            "Forecasters said another band of heavy rain was expected to reach the valley by Thursday afternoon.",
            "Volunteers filled sandbags in a school car park while firefighters went door to door in the lowest streets.",
            "The regional governor said temporary shelters had been opened in three sports halls.",
            "Rail services between the two largest towns in the valley were suspended until further notice.",
            "Insurers said it was too early to estimate the cost of the damage.",
        ),
        _s(
            "Central bank holds interest rates steady as inflation cools",
            "The central bank left its benchmark interest rate unchanged on Wednesday for the third meeting in a row.",
            "Policymakers said inflation had eased more quickly than expected but remained above their target.",
            "Two members of the rate-setting committee voted for a quarter-point cut, according to the minutes.",
            "Mortgage lenders said the decision would bring little immediate relief to households refinancing this year.",
            "Markets now expect the first reduction in borrowing costs before the end of the summer.",
            "The bank will publish updated growth forecasts alongside its next decision in six weeks.",
        ),
        _s(
            "Researchers map a vast coral reef off the northern coast",
            "Marine scientists have completed the first detailed survey of a coral reef stretching more than 40 kilometres off the northern coast.",
            "The team used underwater drones to photograph the reef at depths that divers cannot safely reach.",
            "They recorded more than 300 species of fish, including several that had not been seen in the region for decades.",
            "The lead researcher said the reef appeared to have escaped the worst of the bleaching seen elsewhere.",
            "Conservation groups are now calling for the area to be protected from bottom trawling.",
            "The findings will be shared with fishing communities at a series of public meetings next month.",
        ),
        _s(
            "Carmaker to build battery plant, creating 1,200 jobs",
            "A major carmaker announced plans on Monday to build a battery factory on the site of a former steelworks.",
            "The company said the plant would employ about 1,200 people when it reaches full production in 2028.",
            "Local officials welcomed the investment, which they described as the largest in the area in a generation.",
            "Union leaders said they would press for the new jobs to be offered first to workers laid off from nearby factories.",
            "Construction is expected to start once environmental permits are approved later this year.",
            "The carmaker did not disclose how much public funding it would receive for the project.",
        ),
        _s(
            "Hospital waiting lists fall for the first time in two years",
            "The number of patients waiting for planned hospital treatment fell last month for the first time in two years.",
            "Health officials credited extra weekend clinics and a new booking system for routine operations.",
            "Waits for cancer diagnosis, however, remained well above the national target in most regions.",
            "Doctors' groups cautioned that a single month of improvement did not yet amount to a trend.",
            "The health minister said further funding for diagnostic centres would be announced in the autumn.",
            "Patient charities urged the government to publish regional figures more often.",
        ),
        _s(
            "Wildfire crews gain ground as winds ease",
            "Firefighters made significant progress against a wildfire in the foothills as strong winds died down on Sunday.",
            "The fire has burned about 12,000 acres of brush and timber since it broke out on Thursday.",
            "Officials lifted evacuation orders for two small communities but warned residents to stay alert.",
            "More than 900 firefighters, supported by helicopters and air tankers, are assigned to the blaze.",
            "Investigators have not yet determined what caused the fire.",
            "A nearby highway reopened to traffic late in the afternoon.",
        ),
        _s(
            "School districts weigh four-day week to attract teachers",
            "A growing number of rural school districts are considering a four-day week as they struggle to hire teachers.",
            "Supporters say the schedule makes the districts more attractive to young teachers and saves money on transport.",
            "Critics argue that longer school days are hard on younger pupils and leave working parents scrambling for childcare.",
            "One district that made the switch last year reported a sharp drop in teacher vacancies.",
            "State education officials said they would study the effect on test scores before issuing guidance.",
            "Parents will be invited to comment on the proposal at meetings over the coming weeks.",
        ),
        _s(
            "Open-source maintainers report surge in automated bug reports",
            "Maintainers of several popular open-source projects say they are receiving a flood of low-quality automated bug reports.",
            "Many of the reports describe security flaws that turn out not to exist when the code is examined.",
            "Volunteers said triaging the reports now takes up hours that used to go into fixing real problems.",
            "Some projects have started asking reporters to include a working proof of concept with every submission.",
            "A foundation that supports the projects said it would fund extra reviewers for the busiest repositories.",
            "Security researchers welcomed the move but warned against discouraging genuine reports.",
        ),
        _s(
            "Ferry operator cancels crossings as strike enters second week",
            "A ferry operator cancelled all of its crossings on Monday as a strike by deck crews entered its second week.",
            "The union is demanding a pay rise in line with inflation and limits on consecutive shifts at sea.",
            "The company said it had offered a two-year deal that it described as fair and affordable.",
            "Freight hauliers warned that lorries were queuing for hours at the port.",
            "Talks between the two sides are due to resume under an independent mediator on Wednesday.",
            "Passengers with bookings have been offered refunds or places on other routes.",
        ),
        _s(
            "Museum agrees to return bronze artefacts",
            "A national museum has agreed to return a collection of bronze artefacts that were removed more than a century ago.",
            "The objects, which include ceremonial masks and a carved throne, will be handed over at a ceremony in the spring.",
            "The museum's director said the decision followed two years of research into how the items were acquired.",
            "Officials from the receiving country described the return as a long-awaited act of justice.",
            "Some of the artefacts will be lent back to the museum for a joint exhibition next year.",
            "Other institutions with similar collections are facing growing pressure to follow suit.",
        ),
        _s(
            "Startup unveils compact heat pump for apartments",
            "A startup has unveiled a compact heat pump designed to fit under a standard apartment window.",
            "The device plugs into an ordinary wall socket and does not require a plumber or an outdoor unit on the facade.",
            "The company claims it can heat a two-room flat for about half the cost of electric radiators.",
            "Independent testers have not yet verified the efficiency figures.",
            "The first units are expected to go on sale in the autumn at a price similar to a high-end washing machine.",
            "Housing associations in three cities have signed up to trial the device this winter.",
        ),
    ),
    "de": (
        _s(
            "Stadtrat beschließt Ausbau des Radwegenetzes",
            "Der Stadtrat hat am Dienstagabend mit großer Mehrheit den Ausbau des Radwegenetzes beschlossen.",
            "Bis 2030 sollen rund 60 Kilometer neue, vom Autoverkehr getrennte Radwege entstehen.",
            "Die Kosten von etwa 45 Millionen Euro sollen zum Teil aus Fördermitteln des Landes gedeckt werden.",
            "Der Einzelhandelsverband kritisierte den geplanten Wegfall von Parkplätzen in der Innenstadt.",
            "Die ersten Bauarbeiten sollen bereits im kommenden Frühjahr beginnen.",
        ),
        _s(
            "Hochwasser: Pegel an der Mosel steigt weiter",
            "Nach tagelangen Regenfällen ist der Pegel der Mosel in der Nacht erneut deutlich gestiegen.",
            "Mehrere Uferstraßen wurden gesperrt, in zwei Ortschaften liefen Keller voll.",
            "Die Feuerwehr war mit mehr als 300 Einsatzkräften im Dauereinsatz.",
            "Der Wetterdienst rechnet erst zum Wochenende mit einer Entspannung der Lage.",
            "Die Schifffahrt auf dem Fluss ist bis auf Weiteres eingestellt.",
        ),
        _s(
            "Forscher entwickeln günstigeren Batteriespeicher",
            "Ein Forschungsteam hat einen Batteriespeicher entwickelt, der ohne teure Rohstoffe wie Kobalt auskommt.",
            "Die Zellen basieren auf Natrium und sollen vor allem Solarstrom für Wohnhäuser zwischenspeichern.",
            "Im Labor überstanden die Prototypen mehr als 5000 Ladezyklen ohne nennenswerten Kapazitätsverlust.",
            "Ein mittelständischer Hersteller will die Technik in zwei Jahren zur Serienreife bringen.",
            "Fachleute halten die Ergebnisse für vielversprechend, mahnen aber unabhängige Tests an.",
        ),
    ),
    "fr": (
        _s(
            "La ville adopte un plan pour rénover ses écoles",
            "Le conseil municipal a adopté lundi soir un plan de rénovation de vingt-deux écoles de la ville.",
            "Les travaux porteront en priorité sur l'isolation des bâtiments et le remplacement des chaudières au fioul.",
            "Le coût total est estimé à 85 millions d'euros sur six ans.",
            "L'opposition a dénoncé un calendrier trop lent pour les établissements les plus vétustes.",
            "Les premiers chantiers doivent démarrer pendant les vacances d'été.",
        ),
        _s(
            "Grève des contrôleurs : de nombreux trains supprimés",
            "Un train sur trois a été supprimé mardi sur les grandes lignes en raison d'une grève des contrôleurs.",
            "Les syndicats réclament des embauches supplémentaires et une revalorisation des primes de nuit.",
            "La direction a appelé les voyageurs à reporter leurs déplacements lorsque cela était possible.",
            "Des cars de substitution ont été mis en place sur certaines lignes régionales.",
            "Une nouvelle réunion de négociation est prévue jeudi au ministère.",
        ),
        _s(
            "Des botanistes découvrent une nouvelle espèce d'orchidée",
            "Des botanistes ont identifié une espèce d'orchidée inconnue jusqu'ici dans une forêt humide de montagne.",
            "La plante, aux fleurs d'un violet pâle, ne pousse que sur quelques hectares.",
            "Les chercheurs estiment qu'elle est menacée par l'extension des zones agricoles.",
            "Des échantillons ont été confiés à un jardin botanique afin d'assurer sa conservation.",
            "L'étude a été publiée dans une revue scientifique spécialisée.",
        ),
    ),
    "es": (
        _s(
            "El Gobierno aprueba un plan de vivienda para jóvenes",
            "El Consejo de Ministros aprobó el martes un plan para facilitar el acceso a la vivienda de los menores de 35 años.",
            "La medida incluye avales públicos para cubrir parte de la entrada de una hipoteca.",
            "Las asociaciones de inquilinos consideran que el plan no resuelve la falta de pisos en alquiler.",
            "Los bancos tendrán que adherirse voluntariamente al programa antes de final de año.",
            "El ministerio calcula que unas 50.000 familias podrían beneficiarse en el primer ejercicio.",
        ),
        _s(
            "Una ola de calor adelantada dispara el consumo eléctrico",
            "Las temperaturas superaron los 40 grados en varias provincias del sur durante el fin de semana.",
            "La demanda de electricidad alcanzó su nivel más alto para un mes de junio desde que hay registros.",
            "Las autoridades sanitarias recomendaron evitar la actividad física en las horas centrales del día.",
            "Varios ayuntamientos abrieron bibliotecas y centros cívicos como refugios climáticos.",
            "Los meteorólogos prevén un ligero descenso de las temperaturas a partir del miércoles.",
        ),
        _s(
            "Arqueólogos hallan los restos de una villa romana",
            "Un equipo de arqueólogos ha descubierto los restos de una villa romana durante las obras de una carretera.",
            "Entre los hallazgos figuran mosaicos bien conservados y parte de un sistema de calefacción.",
            "Los expertos datan el conjunto en el siglo III después de Cristo.",
            "El trazado de la carretera se ha desviado para proteger el yacimiento.",
            "El ayuntamiento estudia abrir el lugar a las visitas dentro de dos años.",
        ),
    ),
    "it": (
        _s(
            "Il comune approva il nuovo piano del traffico",
            "Il consiglio comunale ha approvato ieri sera il nuovo piano urbano del traffico.",
            "Il progetto prevede l'ampliamento delle zone a traffico limitato e nuove corsie preferenziali per gli autobus.",
            "I commercianti del centro storico temono un calo delle vendite durante i lavori.",
            "L'assessore alla mobilità ha assicurato che i parcheggi di scambio saranno potenziati.",
            "Le prime modifiche entreranno in vigore a partire da settembre.",
        ),
        _s(
            "Maltempo, allerta arancione in tre regioni",
            "La protezione civile ha diramato un'allerta arancione per temporali in tre regioni del nord.",
            "Nelle prossime ore sono attese piogge intense accompagnate da grandinate e forti raffiche di vento.",
            "Diversi comuni hanno deciso di chiudere le scuole in via precauzionale.",
            "I vigili del fuoco sono intervenuti per decine di alberi caduti sulle strade.",
            "Un miglioramento è previsto soltanto a partire dal fine settimana.",
        ),
        _s(
            "Una startup sviluppa un sensore per l'irrigazione",
            "Una startup italiana ha sviluppato un sensore che misura l'umidità del terreno e regola l'irrigazione in automatico.",
            "Secondo l'azienda, il sistema consente di risparmiare fino al 30 per cento dell'acqua nei vigneti.",
            "Il dispositivo è alimentato da un piccolo pannello solare e trasmette i dati via radio.",
            "Alcune cooperative agricole lo stanno già sperimentando in Toscana e in Puglia.",
            "La società punta a raccogliere nuovi finanziamenti entro la fine dell'anno.",
        ),
    ),
    "pt": (
        _s(
            "Câmara aprova novo plano de transportes públicos",
            "A câmara municipal aprovou na terça-feira um novo plano de transportes públicos para a cidade.",
            "O plano prevê mais autocarros nas horas de ponta e novas ligações aos bairros da periferia.",
            "A oposição criticou a falta de um calendário claro para a renovação da frota.",
            "O investimento previsto ronda os 40 milhões de euros ao longo de cinco anos.",
            "As primeiras alterações deverão entrar em vigor no início do próximo ano.",
        ),
        _s(
            "Chuvas fortes provocam alagamentos na região metropolitana",
            "As chuvas fortes que caíram durante a madrugada provocaram alagamentos em vários bairros da região metropolitana.",
            "A Defesa Civil registrou mais de cem ocorrências, a maioria de quedas de árvores.",
            "Algumas linhas de trem funcionaram com velocidade reduzida durante a manhã.",
            "A previsão indica que a chuva deve continuar até o fim de semana.",
            "A prefeitura abriu abrigos temporários para as famílias desalojadas.",
        ),
        _s(
            "Cientistas identificam nova espécie de sapo na Amazônia",
            "Uma equipe de cientistas identificou uma nova espécie de sapo numa área remota da Amazônia.",
            "O animal mede menos de dois centímetros e tem o dorso de cor alaranjada.",
            "Os pesquisadores alertam que o habitat da espécie está ameaçado pelo desmatamento.",
            "A descoberta foi descrita num artigo publicado numa revista científica internacional.",
            "O grupo pretende voltar à região no próximo ano para estudar outras espécies.",
        ),
    ),
    "nl": (
        _s(
            "Gemeenteraad stemt in met nieuwe woonwijk",
            "De gemeenteraad heeft dinsdagavond ingestemd met de bouw van een nieuwe woonwijk aan de rand van de stad.",
            "Er komen ongeveer 1800 woningen, waarvan een derde in de sociale huur.",
            "Omwonenden maken zich zorgen over de extra drukte op de toegangswegen.",
            "De wethouder belooft dat er eerst een nieuwe fietsbrug wordt aangelegd.",
            "De eerste bewoners kunnen naar verwachting over vier jaar hun huis betrekken.",
        ),
        _s(
            "Storm zorgt voor overlast in het hele land",
            "Een zware storm heeft in grote delen van het land voor overlast gezorgd.",
            "Op tientallen plaatsen waaiden bomen om en raakten daken beschadigd.",
            "De treinen reden urenlang volgens een aangepaste dienstregeling.",
            "Voor de kustprovincies gold de hele dag code oranje.",
            "In de loop van de avond nam de wind geleidelijk af.",
        ),
        _s(
            "Onderzoekers vinden nieuwe manier om plastic te recyclen",
            "Onderzoekers hebben een methode ontwikkeld om gemengd plastic afval opnieuw tot grondstof te verwerken.",
            "Bij het proces wordt het plastic met behulp van een katalysator bij lage temperatuur afgebroken.",
            "Volgens het team levert de techniek een zuivere grondstof op voor nieuwe verpakkingen.",
            "Een proeffabriek moet volgend jaar in gebruik worden genomen.",
            "Milieuorganisaties noemen de vinding veelbelovend, maar benadrukken dat minder plastic gebruiken belangrijker blijft.",
        ),
    ),
}

# Ordinary sentences that carry attribution words: they are story text, never an origin.
TRICKY_SENTENCES: tuple[str, ...] = (
    "The series appeared first on Netflix in 2019 and quickly became one of the platform's most-watched shows.",
    "The species was first published by a Dutch botanist who collected it along the river in 1871.",
    "Source: a person familiar with the matter said the two companies were close to a deal.",
    "The minister joined the summit via a video link from the capital after her flight was cancelled.",
    "Originally published in 1954, the novel has since been translated into more than thirty languages.",
    "This article first appeared to be a hoax, but the ministry confirmed on Friday that the letter was genuine.",
    "The post office appeared first on the list of public buildings due for repair.",
    "The recipe first appeared in a church cookbook printed in 1962, long before it became a restaurant staple.",
    "The map was originally published by the county surveyor and is now kept in the town library.",
    "Via the new bridge, the journey to the coast takes less than an hour.",
    "The letters, republished with permission from the family, show how the composer struggled with money.",
    "Reuters reported last week that the company was exploring a sale of its European business.",
    "According to the Associated Press, turnout was the highest in three decades.",
    "Her debut novel appeared first on a small independent press before a larger publisher picked it up.",
    "The data was obtained via a freedom of information request filed in March.",
    "The song was first published by a small Nashville label in 1971 and sold only a few hundred copies.",
    "The photograph originally appeared in a family album before it was donated to the archive.",
    "The study, first published in a medical journal in 2021, has been cited hundreds of times.",
    "Source: internal figures seen by reporters show sales fell by a fifth in the first quarter.",
    "Witnesses said the warning originally appeared on a screen at the station before it went dark.",
    "Officials read the original agreement aloud at the start of the hearing.",
    "The mural, which first appeared on a wall near the harbour, has become a local landmark.",
)

RELATED_HEADING = {
    "en": "You May Also Like",
    "de": "Das könnte Sie auch interessieren",
    "fr": "À lire aussi",
    "es": "También te puede interesar",
    "it": "Potrebbe interessarti anche",
    "pt": "Você também pode gostar",
    "nl": "Lees ook",
}
HTML_LANG = {
    "en": ("en", "en-US", "en-GB"),
    "de": ("de", "de-DE"),
    "fr": ("fr", "fr-FR"),
    "es": ("es", "es-ES"),
    "it": ("it", "it-IT"),
    "pt": ("pt", "pt-BR", "pt-PT"),
    "nl": ("nl", "nl-NL"),
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def esc(text: str) -> str:
    return html_lib.escape(text, quote=True)


def slugify(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def fill(template: str, slug: str, rng: random.Random) -> str:
    month = rng.randint(1, 12)
    return template.format(
        slug=slug,
        y=str(rng.choice((2024, 2025))),
        m=f"{month:02d}",
        mon=MONTHS[month - 1],
        d=f"{rng.randint(1, 28):02d}",
        n=str(rng.randint(10_000, 9_999_999)),
        h=f"{rng.getrandbits(32):08x}",
    )


def article_url(pub: Pub, title: str, rng: random.Random) -> str:
    return f"https://{pub.host}{fill(pub.path, slugify(title), rng)}"


def link(href: str, text: str) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def visible_text(html: str) -> str:
    """The text a reader sees: tags removed, entities decoded, whitespace collapsed."""
    body = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", html)
    body = re.sub(r"(?s)<[^>]+>", " ", body)
    return norm(html_lib.unescape(body))


def norm(text: str) -> str:
    return " ".join(text.split())


def name_form(pub: Pub, rng: random.Random, forms: Sequence[str] | None = None) -> tuple[str, str]:
    """How a line writes the publisher: (text, form)."""
    choices = forms or ("domain", "host", "name", "name", "caps", "quoted", "curly")
    form = rng.choice(list(choices))
    name = rng.choice(pub.names)
    text = {
        "domain": pub.domain,
        "host": pub.host,
        "name": name,
        "caps": name.upper(),
        "quoted": f'"{name}"',
        "curly": f"“{name}”",
    }[form]
    return text, form


# --------------------------------------------------------------------------------------------
# Page assembly
# --------------------------------------------------------------------------------------------

TEMPLATES = ("wordpress", "article", "divs", "table", "farm", "bootstrap")


@dataclass
class Slots:
    """Where the pieces of a copy page go."""

    paragraphs: list[str]  # story paragraphs, HTML
    in_content: str = ""  # after the paragraphs, inside the content container
    after_content: str = ""  # after the content container, inside the article wrapper
    article_footer: str = ""  # inside the article's <footer>
    after_article: str = ""  # after the article wrapper
    head: str = ""  # extra <head> markup (signals)


def _noise_blocks(lang: str, site: Site, title: str, own_url: str, rng: random.Random) -> list[str]:
    other = rng.sample([t.title for t in STORIES[lang]] + [t.title for t in STORIES["en"]], 3)
    related_items = "".join(
        f'<li><a href="/{slugify(t)}/">{esc(t)}</a></li>' for t in other if t != title
    )
    partner = rng.choice(EN_PUBS)
    partner_title = rng.choice([t.title for t in STORIES["en"] if t.title != title])
    blocks = [
        f'<div class="newsletter-signup"><h3>Never miss a story</h3><p>Sign up for the {esc(site.name)} '
        "morning briefing and get the top headlines in your inbox every weekday.</p><form>"
        '<input type="email" placeholder="Your email address"><button>Subscribe</button></form></div>',
        f'<section class="related-posts"><h3>{RELATED_HEADING[lang]}</h3><ul>{related_items}</ul></section>',
        '<div class="disclaimer"><p><strong>Disclaimer:</strong> The information on this website is '
        "provided for general information only and does not constitute financial, legal or medical "
        "advice.</p></div>",
        f'<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on '
        f'“{esc(title)}”</h2><ol class="comment-list"><li><b>Mark</b> <p>Interesting read, thanks '
        "for posting this.</p></li><li><b>Priya</b> <p>Does anyone know when the next update is "
        'due?</p></li></ol><div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be '
        "published. Required fields are marked *</p></div></div>",
        f'<div class="share-buttons">Share this: <a href="https://www.facebook.com/sharer/sharer.php?'
        f'u={esc(own_url)}">Facebook</a> <a href="https://twitter.com/intent/tweet?url={esc(own_url)}">X</a> '
        '<a href="mailto:?subject=Worth%20reading">Email</a></div>',
        '<div class="tags-links">Tags: <a href="/tag/news/" rel="tag">news</a>, '
        '<a href="/tag/top-stories/" rel="tag">top stories</a></div>',
        f'<div class="author-box"><h4>About the author</h4><p>The {esc(site.name)} desk collects the day\'s '
        "most talked-about stories in one place.</p></div>",
        f'<div class="partner-headlines"><h4>Around the web</h4><ul><li><a href="'
        f'{esc(article_url(partner, partner_title, rng))}">{esc(partner_title)}</a></li></ul></div>',
        '<div class="ad-slot" data-ad="mpu">Advertisement</div>',
    ]
    return rng.sample(blocks, rng.randint(3, 6))


def render_page(
    *,
    lang: str,
    site: Site,
    own_url: str,
    title: str,
    slots: Slots,
    rng: random.Random,
    template: str | None = None,
    self_markup: bool | None = None,
) -> str:
    """A complete copy page around the story, in one of several templates."""
    template = template or rng.choice(TEMPLATES)
    noise = _noise_blocks(lang, site, title, own_url, rng)
    split = rng.randint(0, len(noise))
    noise_main, noise_side = "".join(noise[:split]), "".join(noise[split:])
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)} – {esc(site.name)}</title>",
        f'<meta property="og:site_name" content="{esc(site.name)}">',
        f'<meta property="og:title" content="{esc(title)}">',
        '<meta property="og:type" content="article">',
    ]
    if template == "wordpress":
        head.append('<meta name="generator" content="WordPress 6.4.3">')
    if self_markup is None:
        self_markup = rng.random() < 0.5
    if self_markup:
        head.append(f'<link rel="canonical" href="{esc(own_url)}">')
        if rng.random() < 0.6:
            head.append(f'<meta property="og:url" content="{esc(own_url)}">')
        if rng.random() < 0.4:
            ld = {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": title,
                "url": own_url,
                "author": {"@type": "Person", "name": "Staff Writer"},
                "publisher": {"@type": "Organization", "name": site.name},
            }
            head.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    head.append(slots.head)
    head.append("<script>window.dataLayer = window.dataLayer || [];</script>")
    nav = (
        '<nav class="main-navigation"><ul><li><a href="/">Home</a></li><li><a href="/category/news/">'
        'News</a></li><li><a href="/category/business/">Business</a></li><li><a href="/category/tech/">'
        'Tech</a></li><li><a href="/contact/">Contact</a></li></ul></nav>'
    )
    body = "".join(slots.paragraphs) + slots.in_content
    footer = f'<footer class="site-footer"><p>© 2025 {esc(site.name)}. All rights reserved.</p><p><a href="/privacy/">Privacy</a> · <a href="/terms/">Terms</a></p></footer>'
    art_footer = slots.article_footer
    date = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025"
    if template == "wordpress":
        page = (
            f'<body class="post-template-default single single-post"><div id="page" class="site">'
            f'<header id="masthead" class="site-header"><div class="site-branding"><a href="/" rel="home">'
            f'{esc(site.name)}</a></div>{nav}</header><div id="primary" class="content-area">'
            f'<main id="main" class="site-main"><article class="post type-post status-publish">'
            f'<header class="entry-header"><h1 class="entry-title">{esc(title)}</h1><div class="entry-meta">'
            f'Posted on <time>{date}</time> by <span class="author vcard">admin</span></div></header>'
            f'<div class="entry-content">{body}</div>{slots.after_content}<footer class="entry-footer">'
            f'{art_footer}<span class="cat-links">Posted in News</span></footer></article>'
            f'{slots.after_article}{noise_main}</main></div><aside id="secondary" class="widget-area">'
            f"{noise_side}</aside>{footer}</div></body>"
        )
    elif template == "article":
        page = (
            f"<body><header>{nav}</header><main><article><h1>{esc(title)}</h1>"
            f'<p class="byline">By Staff · {date}</p><div class="article-body">{body}</div>'
            f"{slots.after_content}<footer>{art_footer}</footer></article>{slots.after_article}"
            f"{noise_main}</main><aside>{noise_side}</aside>{footer}</body>"
        )
    elif template == "divs":
        page = (
            f'<body><div id="wrapper"><div id="header"><div class="logo">{esc(site.name)}</div>{nav}</div>'
            f'<div id="content"><div class="post"><h2 class="title">{esc(title)}</h2>'
            f'<div class="meta">{date}</div><div class="post-body">{body}</div>{slots.after_content}'
            f'<footer class="post-footer">{art_footer}</footer></div>{slots.after_article}{noise_main}'
            f'</div><div id="sidebar">{noise_side}</div><div id="footer">{footer}</div></div></body>'
        )
    elif template == "table":
        page = (
            f'<body bgcolor="#ffffff"><table width="100%" cellpadding="4"><tr><td colspan="2">{nav}</td>'
            f'</tr><tr><td valign="top" class="main"><h1>{esc(title)}</h1><div class="newsbody">{body}'
            f"</div>{slots.after_content}<footer>{art_footer}</footer></td>"
            f'<td valign="top" width="30%" class="side">{noise_side}</td></tr></table>'
            f"{slots.after_article}{noise_main}{footer}</body>"
        )
    elif template == "farm":
        page = (
            f'<body class="td-theme"><div class="td-header-wrap">{nav}</div><div class="td-main-content-wrap">'
            f'<div class="td-post-header"><h1 class="entry-title">{esc(title)}</h1><span class="td-post-date">'
            f'{date}</span></div><div class="td-post-content tagdiv-type">{body}</div>{slots.after_content}'
            f'<footer class="td-post-footer">{art_footer}</footer></div>{slots.after_article}'
            f'<div class="td-ss-main-sidebar">{noise_side}</div>{noise_main}{footer}</body>'
        )
    else:  # bootstrap
        page = (
            f'<body><div class="container"><header class="navbar">{nav}</header><div class="row">'
            f'<div class="col-md-8"><article class="news-detail"><h1 class="news-title">{esc(title)}</h1>'
            f'<section class="news-text">{body}</section>{slots.after_content}<footer class="news-footer">'
            f"{art_footer}</footer></article>{slots.after_article}{noise_main}</div>"
            f'<div class="col-md-4">{noise_side}</div></div>{footer}</div></body>'
        )
    html_lang = rng.choice(HTML_LANG[lang])
    return f'<!DOCTYPE html><html lang="{html_lang}"><head>{"".join(head)}</head>{page}</html>'


def story_paragraphs(sentences: Sequence[str], rng: random.Random) -> list[list[str]]:
    """Group sentences into paragraphs of one or two sentences."""
    groups: list[list[str]] = []
    i = 0
    while i < len(sentences):
        size = 2 if rng.random() < 0.35 and i + 1 < len(sentences) else 1
        groups.append(list(sentences[i : i + size]))
        i += size
    return groups


# Placements of a visible attribution line.
LINE_PLACEMENTS = (
    "own-p",
    "source-div",
    "em",
    "i",
    "strong",
    "end-of-last-p",
    "after-body",
    "article-footer",
)


def place_line(line_html: str, placement: str, slots: Slots, rng: random.Random) -> None:
    """Put the attribution line's HTML at ``placement``."""
    if placement == "own-p":
        slots.in_content += ("<hr>" if rng.random() < 0.2 else "") + f"<p>{line_html}</p>"
    elif placement == "source-div":
        cls = rng.choice(("source", "source", "post-source", "article-source"))
        slots.in_content += f'<div class="{cls}">{line_html}</div>'
    elif placement in ("em", "i", "strong"):
        slots.in_content += f"<p><{placement}>{line_html}</{placement}></p>"
    elif placement == "end-of-last-p":
        last = slots.paragraphs.pop()
        slots.paragraphs.append(last[: -len("</p>")] + f" {line_html}</p>")
    elif placement == "after-body":
        wrapped = rng.choice(
            (
                f'<p class="syndication">{line_html}</p>',
                f'<div class="post-attribution"><p>{line_html}</p></div>',
            )
        )
        if rng.random() < 0.5:
            slots.after_content += wrapped
        else:
            slots.after_article += wrapped
    elif placement == "article-footer":
        slots.article_footer += rng.choice(
            (f"<p>{line_html}</p>", f'<div class="entry-source">{line_html}</div>')
        )
    else:
        raise ValueError(placement)


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------


class Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.cases: list[Case] = []
        self.counts: dict[str, int] = {}

    def _id(self, family: str) -> str:
        self.counts[family] = self.counts.get(family, 0) + 1
        return f"{family}-{self.counts[family]:03d}"

    def story(self, lang: str) -> Story:
        return self.rng.choice(STORIES[lang])

    def copy_site(self, lang: str) -> Site:
        pool = LOCAL_SITES[lang] + (SITES if lang != "en" and self.rng.random() < 0.3 else ())
        return self.rng.choice(pool)

    def add(
        self,
        family: str,
        *,
        lang: str = "en",
        line_text: str | None = None,
        line_html: str | None = None,
        placement: str = "markup",
        linked: bool = False,
        expected_domain: str | None = None,
        expected_url: str | None = None,
        head: str = "",
        story: Story | None = None,
        sentences: Sequence[str] | None = None,
        extra_keep: tuple[str, ...] = (),
        site: Site | None = None,
        own_url: str | None = None,
        self_markup: bool | None = None,
        template: str | None = None,
        case_id: str | None = None,
    ) -> Case:
        rng = self.rng
        story = story or self.story(lang)
        if sentences is None:
            count = rng.randint(3, len(story.sentences))
            sentences = story.sentences[:count]
        site = site or self.copy_site(lang)
        own_url = own_url or f"https://{site.host}{fill(site.path, slugify(story.title), rng)}"
        groups = story_paragraphs(sentences, rng)
        slots = Slots([f"<p>{esc(' '.join(g))}</p>" for g in groups], head=head)
        if line_html is not None:
            place_line(line_html, placement, slots, rng)
        html = render_page(
            lang=lang,
            site=site,
            own_url=own_url,
            title=story.title,
            slots=slots,
            rng=rng,
            template=template,
            self_markup=self_markup,
        )
        case = Case(
            id=case_id or self._id(family),
            family=family,
            language=lang,
            placement=placement,
            linked=linked,
            url=own_url,
            html=html,
            expected_domain=expected_domain,
            expected_url=expected_url,
            attribution_line=line_text,
            keep=tuple(sentences) + extra_keep,
            title=story.title,
        )
        self.cases.append(case)
        return case

    # A visible line -------------------------------------------------------------------------

    def line_case(
        self,
        family: str,
        pub: Pub,
        text: str,
        html: str,
        *,
        url: str | None,
        lang: str = "en",
        story: Story | None = None,
        placements: Sequence[str] = LINE_PLACEMENTS,
        placement: str | None = None,
    ) -> Case:
        return self.add(
            family,
            lang=lang,
            line_text=text,
            line_html=html,
            placement=placement or self.rng.choice(list(placements)),
            linked=url is not None,
            expected_domain=pub.domain,
            expected_url=url,
            story=story,
        )


# --------------------------------------------------------------------------------------------
# Families with a visible line
# --------------------------------------------------------------------------------------------

READ_ENTIRE = "Read the entire article here"


def _appeared_first(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        pub = EN_PUBS[i % len(EN_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        who, _form = name_form(pub, rng)
        noun = rng.choice(("post", "post", "article", "story"))
        head_text = f"This {noun} appeared first on {who}"
        mode = rng.choice(("plain", "plain-dot", "name-link", "read-entire", "read-entire", "both"))
        sep = rng.choice((" ", ". ", " - ", " — "))
        if mode == "plain":
            text, html, link_url = head_text, esc(head_text), None
        elif mode == "plain-dot":
            text, html, link_url = head_text + ".", esc(head_text) + ".", None
        elif mode == "name-link":
            text = head_text
            html = f"This {noun} appeared first on {link(url, who)}"
            link_url = url
        elif mode == "read-entire":
            text = f"{head_text}{sep}{READ_ENTIRE}"
            html = f"{esc(head_text)}{esc(sep)}{link(url, READ_ENTIRE)}"
            link_url = url
        else:
            text = f"{head_text}{sep}{READ_ENTIRE}"
            html = (
                f"This {noun} appeared first on {link(url, who)}{esc(sep)}{link(url, READ_ENTIRE)}"
            )
            link_url = url
        b.line_case("appeared-first", pub, text, html, url=link_url, story=story)


# Yoast SEO's RSS footer ("The post %%POSTLINK%% appeared first on %%BLOGLINK%%.") and its
# translations as shipped; All in One SEO's "The post %1$s first appeared on %2$s.".
SEO_FOOTERS: dict[str, tuple[str, str]] = {
    "yoast": ("en", "The post {post} appeared first on {blog}."),
    "yoast-de": ("de", "Der Beitrag {post} erschien zuerst auf {blog}."),
    "yoast-fr": ("fr", "L’article {post} est apparu en premier sur {blog}."),
    "yoast-es": ("es", "La entrada {post} se publicó primero en {blog}."),
    "yoast-it": ("it", "L'articolo {post} sembra essere il primo su {blog}."),
    "yoast-pt": ("pt", "O post {post} apareceu primeiro em {blog}."),
    "yoast-nl": ("nl", "Het bericht {post} verscheen eerst op {blog}."),
    "aioseo": ("en", "The post {post} first appeared on {blog}."),
}


def _seo_footer(b: Builder, family: str, n: int) -> None:
    rng = b.rng
    lang, pattern = SEO_FOOTERS[family]
    pubs = LOCAL_PUBS[lang]
    for i in range(n):
        pub = pubs[i % len(pubs)]
        story = b.story(lang)
        url = article_url(pub, story.title, rng)
        blog = pub.names[0]
        anchored = rng.random() < 0.8  # some mirrors keep the words and drop the anchors
        if anchored:
            rel = rng.choice(("", ' rel="nofollow"'))
            post_html = f'<a{rel} href="{esc(url)}">{esc(story.title)}</a>'
            blog_html = f'<a{rel} href="{esc(pub.home_url(rng))}">{esc(blog)}</a>'
        else:
            post_html, blog_html = esc(story.title), esc(blog)
        text = pattern.format(post=story.title, blog=blog)
        html = esc(pattern).format(post=post_html, blog=blog_html)
        placement = rng.choice(
            ("own-p", "own-p", "end-of-last-p", "after-body", "article-footer", "em")
        )
        b.line_case(
            family,
            pub,
            text,
            html,
            url=url if anchored else None,
            lang=lang,
            story=story,
            placement=placement,
        )


def _originally_published_this_site(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        pub = EN_PUBS[(i * 3) % len(EN_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        text = "This post was originally published on this site"
        style = i % 3
        if style == 0:
            html = f"This post was originally published on {link(url, 'this site')}"
        elif style == 1:
            html = link(url, text)
        else:
            text += "."
            html = f"This post was originally published on {link(url, 'this site')}."
        b.line_case("originally-published-this-site", pub, text, html, url=url, story=story)


def _originally_published(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        pub = EN_PUBS[(i * 5 + 1) % len(EN_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        prep = ("at", "on", "in", "by")[i % 4]
        lead = rng.choice(
            (
                "Originally published",
                "This article was originally published",
                "This story was originally published",
            )
        )
        variant = rng.choice(("name", "name-link", "url", "plain-form"))
        if prep == "at" and variant == "url":
            # an autolinked URL written out
            text = f"{lead} at {url}"
            html = f"{esc(lead)} at {link(url, url)}"
            link_url: str | None = url
        elif variant == "name-link":
            who = rng.choice(pub.names)
            text = f"{lead} {prep} {who}."
            html = f"{esc(lead)} {prep} {link(url, who)}."
            link_url = url
        elif variant == "plain-form":
            who, _ = name_form(pub, rng, ("domain", "host", "caps", "quoted", "curly"))
            text = f"{lead} {prep} {who}"
            html = esc(text)
            link_url = None
        else:
            who = rng.choice(pub.names)
            date = f"{rng.choice(('March', 'June', 'October'))} {rng.randint(1, 28)}, 2025"
            text = f"{lead} {prep} {who}" + (
                f" on {date}." if prep != "on" and rng.random() < 0.4 else "."
            )
            html = esc(text)
            link_url = None
        b.line_case("originally-published", pub, text, html, url=link_url, story=story)


def _x_appeared(b: Builder, family: str, verb: str, n: int, offset: int) -> None:
    """'This article originally appeared on X' / 'This story first appeared in X' and kin."""
    rng = b.rng
    for i in range(n):
        pub = EN_PUBS[(i * 7 + offset) % len(EN_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        noun, prep = rng.choice(
            (("article", "on"), ("story", "in"), ("post", "on"), ("piece", "in"), ("report", "in"))
        )
        prefix = (
            rng.choice(("This", "This", "A version of this"))
            if verb == "originally appeared"
            else "This"
        )
        who, _form = name_form(pub, rng)
        start = f"{prefix} {noun} {verb} {prep} "
        linked = rng.random() < 0.4
        end = rng.choice((".", ".", ""))
        text = f"{start}{who}{end}"
        html = f"{esc(start)}{link(url, who) if linked else esc(who)}{end}"
        b.line_case(family, pub, text, html, url=url if linked else None, story=story)


def _first_published_by(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        pub = EN_PUBS[(i * 5 + 2) % len(EN_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        who, _ = name_form(pub, rng)
        lead = rng.choice(
            ("First published by", "First published by", "This article was first published by")
        )
        linked = rng.random() < 0.3
        text = f"{lead} {who}."
        html = f"{esc(lead)} {link(url, who) if linked else esc(who)}."
        b.line_case("first-published-by", pub, text, html, url=url if linked else None, story=story)


def _read_original(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        pub = EN_PUBS[(i * 3 + 4) % len(EN_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        style = i % 5
        if style == 0:
            text, html, link_url = (
                "Read the original article",
                link(url, "Read the original article"),
                url,
            )
        elif style == 1:
            text = "Read the original article."
            html = f"Read the {link(url, 'original article')}."
            link_url = url
        elif style == 2:
            who = rng.choice(pub.names)
            text = f"Read the original article on {who}."
            html = f"Read the original article on {link(url, who)}."
            link_url = url
        elif style == 3:
            who, _ = name_form(pub, rng, ("name", "domain", "host"))
            text = f"Read the original article on {who}"
            html = esc(text)
            link_url = None
        else:
            who = rng.choice(pub.names)
            text = f"Read the original article at {who}."
            html = f"Read the original article at {link(url, who)}."
            link_url = url
        b.line_case("read-original", pub, text, html, url=link_url, story=story)


def _content_originally_published_here(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        pub = EN_PUBS[(i * 7 + 3) % len(EN_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        text = "This content was originally published here."
        html = (
            f"This content was originally published {link(url, 'here')}."
            if i % 3
            else link(url, text)
        )
        b.line_case("content-originally-published-here", pub, text, html, url=url, story=story)


def _republished_permission(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        pub = EN_PUBS[(i * 5 + 3) % len(EN_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        who, _ = name_form(pub, rng)
        lead = rng.choice(
            ("Republished with permission from", "This story is republished with permission from")
        )
        linked = rng.random() < 0.3
        end = rng.choice((".", ".", ""))
        text = f"{lead} {who}{end}"
        html = f"{esc(lead)} {link(url, who) if linked else esc(who)}{end}"
        b.line_case(
            "republished-permission", pub, text, html, url=url if linked else None, story=story
        )


CC_PUBS = tuple(p for p in EN_PUBS if p.domain in ("theconversation.com",)) * 4 + tuple(
    p for p in EN_PUBS if p.domain in ("propublica.org", "kffhealthnews.org")
)


def _republished_cc(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        pub = CC_PUBS[i % len(CC_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        name = pub.names[0]
        text = f"This article is republished from {name} under a Creative Commons license. Read the original article."
        linked = rng.random() < 0.85
        if linked:
            html = (
                f"This article is republished from {link(pub.home_url(rng), name)} under a Creative Commons "
                f"license. Read the {link(url, 'original article')}."
            )
        else:
            html = esc(text)
        placement = rng.choice(
            ("own-p", "em", "i", "after-body", "article-footer", "end-of-last-p")
        )
        b.line_case(
            "republished-cc",
            pub,
            text,
            html,
            url=url if linked else None,
            story=story,
            placement=placement,
        )


def _source_line(b: Builder, n: int) -> None:
    rng = b.rng
    wire_pubs = {p.domain: p for p in all_pubs()}
    for i in range(n):
        name, domain = WIRE_NAMES[i % len(WIRE_NAMES)]
        story = b.story("en")
        label = rng.choice(("Source:", "Source:", "SOURCE:"))
        pub = wire_pubs.get(domain)
        variant = rng.random()
        if pub is not None and variant < 0.25:
            href = article_url(pub, story.title, rng)
            text, html = f"{label} {name}", f"{esc(label)} {link(href, name)}"
            url: str | None = href
        elif variant < 0.4:
            url = None
            text = f"{label} {name.upper()}" if len(name) > 3 else f"{label} {name}"
            html = esc(text)
        else:
            url = None
            text = f"{label} {name}"
            html = esc(text)
        placement = rng.choice(("own-p", "own-p", "source-div", "strong", "em", "after-body"))
        b.add(
            "source-line",
            line_text=text,
            line_html=html,
            placement=placement,
            linked=url is not None,
            expected_domain=domain,
            expected_url=url,
            story=story,
        )


def _via_line(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        pub = EN_PUBS[(i * 3 + 2) % len(EN_PUBS)]
        story = b.story("en")
        url = article_url(pub, story.title, rng)
        who, _ = name_form(pub, rng, ("name", "name", "domain", "host"))
        linked = rng.random() < 0.5
        who_html = link(url, who) if linked else esc(who)
        if i % 2:
            text, html = f"Via {who}", f"Via {who_html}"
            placement = rng.choice(("own-p", "source-div", "em", "article-footer"))
        else:
            text, html = f"(via {who})", f"(via {who_html})"
            placement = rng.choice(("own-p", "end-of-last-p", "end-of-last-p"))
        b.line_case(
            "via-line",
            pub,
            text,
            html,
            url=url if linked else None,
            story=story,
            placement=placement,
        )


# --------------------------------------------------------------------------------------------
# Markup-only families
# --------------------------------------------------------------------------------------------


def _any_lang_pub(b: Builder) -> tuple[str, Pub]:
    lang = b.rng.choice(("en", "en", "en", "de", "fr", "es", "it", "pt", "nl"))
    return lang, b.rng.choice(LOCAL_PUBS[lang])


def _ld(obj: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def _markup(b: Builder, family: str, n: int) -> None:
    rng = b.rng
    for _ in range(n):
        lang, pub = _any_lang_pub(b)
        story = b.story(lang)
        url = article_url(pub, story.title, rng)
        self_markup: bool | None = False
        expected_url: str | None = url
        if family == "canonical":
            head = f'<link rel="canonical" href="{esc(url)}">'
            if rng.random() < 0.5:
                head += f'<meta property="og:url" content="{esc(url)}">'
        elif family == "og-url":
            head = f'<meta property="og:url" content="{esc(url)}">'
        elif family == "syndication-source":
            head = f'<meta name="syndication-source" content="{esc(url)}">'
            self_markup = None
        elif family == "original-source":
            head = f'<meta name="original-source" content="{esc(url)}">'
            self_markup = None
        elif family == "jsonld-isbasedon":
            based: Any = rng.choice((url, {"@type": "NewsArticle", "url": url}, {"@id": url}))
            obj: dict[str, Any] = {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": story.title,
                "isBasedOn": based,
                "datePublished": "2025-03-14T08:00:00Z",
            }
            head = _ld(obj)
            self_markup = None
        elif family == "jsonld-source-org":
            org: dict[str, Any] = {"@type": "NewsMediaOrganization", "name": rng.choice(pub.names)}
            if rng.random() < 0.4:
                org["url"] = f"https://{pub.host}/"
            obj = {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": story.title,
                "sourceOrganization": org,
            }
            if rng.random() < 0.5:  # Yoast-style graph
                inner = {k: v for k, v in obj.items() if k != "@context"}
                obj = {"@context": "https://schema.org", "@graph": [inner]}
            head = _ld(obj)
            expected_url = None
            self_markup = None
        else:
            raise ValueError(family)
        b.add(
            family,
            lang=lang,
            expected_domain=pub.domain,
            expected_url=expected_url,
            head=head,
            story=story,
            self_markup=self_markup,
        )


def _jsonld_wire(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        name, domain = WIRE_NAMES[i % len(WIRE_NAMES)]
        lang = rng.choice(("en", "en", "en", "de", "fr", "es", "it"))
        story = b.story(lang)
        wire_org: Any = {"@type": "Organization", "name": name}
        obj: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": rng.choice(("NewsArticle", "NewsArticle", "Article", "ReportageNewsArticle")),
            "headline": story.title,
            "datePublished": "2025-06-02T10:30:00+00:00",
        }
        key = "author" if i % 2 else "publisher"
        if key == "author" and rng.random() < 0.3:
            wire_org = [wire_org]
        obj[key] = wire_org
        b.add(
            "jsonld-wire",
            lang=lang,
            expected_domain=domain,
            expected_url=None,
            head=_ld(obj),
            story=story,
            self_markup=False,
        )


# --------------------------------------------------------------------------------------------
# Negatives
# --------------------------------------------------------------------------------------------


def _neg_phrase(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        story = b.story("en")
        sentences = list(story.sentences[: rng.randint(4, 6)])
        tricky = TRICKY_SENTENCES[i % len(TRICKY_SENTENCES)]
        sentences.insert(rng.randint(1, len(sentences) - 1), tricky)  # in the middle of the story
        b.add("neg-phrase", placement="mid-story", story=story, sentences=sentences)


def _neg_self_canonical(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        lang = rng.choice(("en", "en", "en", "de", "fr", "es", "it", "pt", "nl"))
        story = b.story(lang)
        site = b.copy_site(lang)
        own_url = f"https://{site.host}{fill(site.path, slugify(story.title), rng)}"
        bare = site.host.removeprefix("www.")
        other_host = bare if site.host.startswith("www.") else f"www.{bare}"
        path = own_url.split(site.host, 1)[1]
        variants = (
            own_url,
            f"https://{other_host}{path}",
            f"http://{site.host}{path}",
            f"https://{other_host}{path.rstrip('/') if path.endswith('/') else path + '/'}",
            f"https://m.{bare}{path}",
            f"https://amp.{bare}{path}",
        )
        target = variants[i % len(variants)]
        kind = rng.choice(("canonical", "og", "syndication", "original", "all", "ld"))
        if kind == "canonical":
            head = f'<link rel="canonical" href="{esc(target)}">'
        elif kind == "og":
            head = f'<meta property="og:url" content="{esc(target)}">'
        elif kind == "syndication":
            head = f'<meta name="syndication-source" content="{esc(target)}">'
        elif kind == "original":
            head = f'<meta name="original-source" content="{esc(target)}">'
        elif kind == "ld":
            head = _ld(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": story.title,
                    "mainEntityOfPage": {"@type": "WebPage", "@id": target},
                    "isBasedOn": target,
                    "publisher": {"@type": "Organization", "name": site.name},
                }
            )
        else:
            head = (
                f'<link rel="canonical" href="{esc(target)}"><meta property="og:url" content="{esc(own_url)}">'
                f'<meta name="syndication-source" content="{esc(f"https://{other_host}/")}">'
            )
        b.add(
            "neg-self-canonical",
            lang=lang,
            placement="markup",
            head=head,
            story=story,
            site=site,
            own_url=own_url,
            self_markup=False,
        )


def _neg_none(b: Builder, n: int) -> None:
    langs = ("en", "en", "en", "de", "fr", "es", "it", "pt", "nl")
    for i in range(n):
        b.add("neg-none", lang=langs[i % len(langs)], placement="none")


def _neg_googlebot(b: Builder, n: int) -> None:
    rng = b.rng
    for i in range(n):
        name = rng.choice(("Googlebot-News", "googlebot-news", "GOOGLEBOT-NEWS"))
        content = rng.choice(("noindex", "noindex", "noindex, nofollow", "noindex,follow"))
        lang = ("en", "en", "de", "fr", "es")[i % 5]
        b.add(
            "neg-googlebot-only",
            lang=lang,
            placement="markup",
            head=f'<meta name="{name}" content="{content}">',
            self_markup=False,
        )


# --------------------------------------------------------------------------------------------
# Hand-written hard cases (family "hard")
# --------------------------------------------------------------------------------------------


def _pub(domain: str, host: str | None = None) -> Pub:
    return next(p for p in all_pubs() if p.domain == domain and (host is None or p.host == host))


def _hard(b: Builder) -> None:
    rng = b.rng
    story_en = STORIES["en"]
    cnn, nbc, guardian, reuters = (
        _pub("cnn.com", "www.cnn.com"),
        _pub("nbcnews.com"),
        _pub("theguardian.com"),
        _pub("reuters.com"),
    )
    ap, conv, gh, cnbc = (
        _pub("apnews.com"),
        _pub("theconversation.com"),
        _pub("github.blog"),
        _pub("cnbc.com"),
    )

    def hard(
        name: str,
        *,
        line: str | None,
        html: str | None,
        domain: str | None,
        url: str | None = None,
        placement: str = "own-p",
        head: str = "",
        story: Story | None = None,
        sentences: Sequence[str] | None = None,
        extra_keep: tuple[str, ...] = (),
        site: Site | None = None,
        own_url: str | None = None,
        lang: str = "en",
        self_markup: bool | None = None,
    ) -> None:
        b.add(
            "hard",
            case_id=f"hard-{name}",
            lang=lang,
            line_text=line,
            line_html=html,
            placement=placement if html is not None else ("markup" if head else "none"),
            linked=url is not None and html is not None and "<a " in html,
            expected_domain=domain,
            expected_url=url,
            head=head,
            story=story,
            sentences=sentences,
            extra_keep=extra_keep,
            site=site,
            own_url=own_url,
            self_markup=self_markup,
        )

    s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11 = story_en
    cnn_url = article_url(cnn, s0.title, rng)
    nbc_url = article_url(nbc, s0.title, rng)
    # 1-4: the visible line and the markup disagree -> the visible line's origin
    hard(
        "conflict-line-vs-canonical",
        line="This post appeared first on CNN",
        html="This post appeared first on CNN",
        domain="cnn.com",
        head=f'<link rel="canonical" href="{nbc_url}">',
        story=s0,
        self_markup=False,
    )
    g_url = article_url(guardian, s1.title, rng)
    r_url = article_url(reuters, s1.title, rng)
    hard(
        "conflict-yoast-vs-ogurl",
        line=f"The post {s1.title} appeared first on The Guardian.",
        html=f"The post {link(g_url, s1.title)} appeared first on {link('https://www.theguardian.com', 'The Guardian')}.",
        domain="theguardian.com",
        url=g_url,
        head=f'<meta property="og:url" content="{r_url}">',
        story=s1,
        self_markup=False,
    )
    hard(
        "conflict-source-vs-canonical",
        line="Source: Reuters",
        html="Source: Reuters",
        domain="reuters.com",
        head=f'<link rel="canonical" href="{article_url(ap, s2.title, rng)}">',
        story=s2,
        self_markup=False,
    )
    hard(
        "conflict-line-vs-jsonld-wire",
        line="This article originally appeared on NBC News.",
        html="This article originally appeared on NBC News.",
        domain="nbcnews.com",
        head=_ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": s3.title,
                "author": {"@type": "Organization", "name": "Reuters"},
            }
        ),
        story=s3,
    )
    # 5-8: publishers missing from the table
    hard(
        "unlisted-domain",
        line="This post appeared first on valleyledger.com",
        html="This post appeared first on valleyledger.com",
        domain="valleyledger.com",
        story=s4,
    )
    hg_url = "https://www.harborgazette.org/news/2025/05/ferry-strike-talks/"
    hard(
        "unlisted-linked-name",
        line="Originally published at Harbor Gazette.",
        html=f"Originally published at {link(hg_url, 'Harbor Gazette')}.",
        domain="harborgazette.org",
        url=hg_url,
        story=s9,
    )
    pc_url = "https://pinecountyherald.com/2025/06/11/wildfire-crews-gain-ground/"
    hard(
        "unlisted-yoast",
        line=f"The post {s6.title} appeared first on Pine County Herald.",
        html=f"The post {link(pc_url, s6.title)} appeared first on {link('https://pinecountyherald.com', 'Pine County Herald')}.",
        domain="pinecountyherald.com",
        url=pc_url,
        story=s6,
    )
    hard(
        "unlisted-host-in-text",
        line="This article first appeared on www.lakesidecourier.co.uk.",
        html="This article first appeared on www.lakesidecourier.co.uk.",
        domain="lakesidecourier.co.uk",
        story=s1,
    )
    # 9-12: names only, resolved through the table
    hard(
        "name-caps",
        line="This post appeared first on NBC NEWS",
        html="This post appeared first on NBC NEWS",
        domain="nbcnews.com",
        story=s5,
    )
    hard(
        "name-curly-quotes",
        line="This post appeared first on “The GitHub Blog”",
        html="This post appeared first on “The GitHub Blog”",
        domain="github.blog",
        story=s8,
    )
    hard(
        "name-sample-wire",
        line="This story first appeared in Example Wire.",
        html="This story first appeared in Example Wire.",
        domain="example-wire.com",
        story=s7,
    )
    hard(
        "name-sample-alias",
        line="Originally published by Metro Chronicle.",
        html="Originally published by Metro Chronicle.",
        domain="metro-chronicle.com",
        story=s0,
    )
    # 13-15: nothing resolvable -> no origin
    hard(
        "unknown-name-no-link",
        line=None,
        html="This post appeared first on Valley Courier Weekly",
        domain=None,
        story=s2,
        extra_keep=(),
    )
    hard(
        "unknown-name-republished",
        line=None,
        html="Republished with permission from the Lakeside Record.",
        domain=None,
        story=s4,
    )
    hard("source-staff-reports", line=None, html="Source: staff reports", domain=None, story=s10)
    # 16-18: the copy points at itself
    site = SITES[0]
    own = f"https://{site.host}/2025/05/02/{slugify(s3.title)}/"
    hard(
        "self-line",
        line=None,
        html="This post appeared first on dailynewsmirror.net",
        domain=None,
        story=s3,
        site=site,
        own_url=own,
    )
    own2 = f"https://{site.host}/2025/05/03/{slugify(s11.title)}/"
    hard(
        "self-yoast-footer",
        line=None,
        html=f"The post {link(own2, s11.title)} appeared first on {link('https://www.dailynewsmirror.net', 'Daily News Mirror')}.",
        domain=None,
        story=s11,
        site=site,
        own_url=own2,
    )
    own3 = f"https://{site.host}/2025/05/04/{slugify(s5.title)}/"
    hard(
        "self-relative-canonical-and-googlebot",
        line=None,
        html=None,
        domain=None,
        head=f'<link rel="canonical" href="/2025/05/04/{slugify(s5.title)}/"><meta name="Googlebot-News" content="noindex">',
        story=s5,
        site=site,
        own_url=own3,
        self_markup=False,
    )
    # 19-22: odd shapes of real lines
    hard(
        "subdomain-host",
        line="Originally published at edition.cnn.com",
        html="Originally published at edition.cnn.com",
        domain="cnn.com",
        placement="source-div",
        story=s2,
    )
    hard(
        "name-home-link-and-read-entire",
        line=f"This post appeared first on CNN. {READ_ENTIRE}",
        html=f"This post appeared first on {link('https://www.cnn.com/', 'CNN')}. {link(cnn_url, READ_ENTIRE)}",
        domain="cnn.com",
        url=cnn_url,
        story=s0,
    )
    hard(
        "editors-note-prefix",
        line="This story originally appeared in The Conversation.",
        html="<strong>Editor's note:</strong> This story originally appeared in The Conversation.",
        domain="theconversation.com",
        story=s3,
    )
    last = s4.sentences[2]
    hard(
        "line-after-br",
        line="Source: AFP",
        html=f"{esc(last)}<br>Source: AFP",
        domain="afp.com",
        story=s4,
        sentences=s4.sentences[:2],
        extra_keep=(last,),
    )
    hard(
        "all-caps-domain",
        line="THIS ARTICLE ORIGINALLY APPEARED ON REUTERS.COM",
        html="THIS ARTICLE ORIGINALLY APPEARED ON REUTERS.COM",
        domain="reuters.com",
        placement="strong",
        story=s2,
    )
    cnbc_url = article_url(cnbc, "us stocks rally what now", rng)
    dotted = "U.S. stocks rally. What now?"
    hard(
        "yoast-dotted-title",
        line=f"The post {dotted} appeared first on CNBC.",
        html=f"The post {link(cnbc_url, dotted)} appeared first on {link('https://www.cnbc.com', 'CNBC')}.",
        domain="cnbc.com",
        url=cnbc_url,
        story=s2,
    )
    # 23-25: a tricky sentence in the story and a real line at the end
    tricky = TRICKY_SENTENCES[0]
    hard(
        "tricky-sentence-and-real-line",
        line="Source: AP",
        html="Source: AP",
        domain="apnews.com",
        story=s9,
        sentences=[s9.sentences[0], tricky, *s9.sentences[1:4]],
    )
    hard(
        "tricky-first-published-then-via",
        line="(via Axios)",
        html="(via Axios)",
        domain="axios.com",
        placement="end-of-last-p",
        story=s8,
        sentences=[s8.sentences[0], TRICKY_SENTENCES[1], *s8.sentences[1:3]],
    )
    # Markup agreeing with the line: the line's link is the exact URL
    gh_url = article_url(gh, s8.title, rng)
    hard(
        "line-and-canonical-agree",
        line=f"This post appeared first on The GitHub Blog. {READ_ENTIRE}",
        html=f"This post appeared first on The GitHub Blog. {link(gh_url, READ_ENTIRE)}",
        domain="github.blog",
        url=gh_url,
        head=f'<link rel="canonical" href="{gh_url}">',
        story=s8,
        self_markup=False,
    )
    # 26: link to the BBC's .com host: the origin URL's own registrable domain
    bbc_url = f"https://www.bbc.com/news/articles/c{rng.getrandbits(40):010x}"
    hard(
        "bbc-dot-com-link",
        line="Originally published at BBC News.",
        html=f"Originally published at {link(bbc_url, 'BBC News')}.",
        domain="bbc.com",
        url=bbc_url,
        story=s6,
    )
    # 27: the Conversation's CC line without "Read the original article" linked, regional host
    conv_url = f"https://theconversation.com/{slugify(s3.title)}-{rng.randint(100000, 999999)}"
    hard(
        "cc-line-and-isbasedon",
        line="This article is republished from The Conversation under a Creative Commons license. Read the original article.",
        html=f"This article is republished from {link('https://theconversation.com', 'The Conversation')} under a Creative Commons license. Read the {link(conv_url, 'original article')}.",
        domain=conv.domain,
        url=conv_url,
        head=_ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": s3.title,
                "isBasedOn": conv_url,
            }
        ),
        story=s3,
    )
    # 28: French Yoast footer for the sample web's French publisher
    fr_story = STORIES["fr"][0]
    je = _pub("journal-exemple.fr")
    je_url = article_url(je, fr_story.title, rng)
    hard(
        "yoast-fr-sample-publisher",
        line=f"L’article {fr_story.title} est apparu en premier sur Le Journal Exemple.",
        html=f"L’article {link(je_url, fr_story.title)} est apparu en premier sur {link('https://www.journal-exemple.fr', 'Le Journal Exemple')}.",
        domain="journal-exemple.fr",
        url=je_url,
        story=fr_story,
        lang="fr",
    )
    # 29: German Yoast footer whose site anchor is the home page and whose title anchor is gone
    de_story = STORIES["de"][1]
    hard(
        "yoast-de-site-link-only",
        line=f"Der Beitrag {de_story.title} erschien zuerst auf tagesschau.",
        html=f"Der Beitrag {esc(de_story.title)} erschien zuerst auf {link('https://www.tagesschau.de', 'tagesschau')}.",
        domain="tagesschau.de",
        story=de_story,
        lang="de",
    )
    # 30: wire named in a byline-like paragraph of its own plus a JSON-LD author that agrees
    hard(
        "source-and-jsonld-agree",
        line="Source: Associated Press",
        html="Source: Associated Press",
        domain="apnews.com",
        head=_ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": s10.title,
                "author": {"@type": "Organization", "name": "Associated Press"},
            }
        ),
        story=s10,
    )
    # 31: partner box links to a publisher, but the page has no attribution at all
    hard("partner-links-only", line=None, html=None, domain=None, story=s11)


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------

FAMILY_SIZES: dict[str, int] = {
    "appeared-first": 40,
    "yoast": 24,
    "yoast-de": 14,
    "yoast-fr": 14,
    "yoast-es": 14,
    "yoast-it": 14,
    "yoast-pt": 14,
    "yoast-nl": 14,
    "aioseo": 18,
    "originally-published-this-site": 15,
    "originally-published": 24,
    "originally-appeared": 20,
    "first-appeared": 20,
    "first-published-by": 14,
    "read-original": 20,
    "content-originally-published-here": 12,
    "republished-permission": 14,
    "republished-cc": 14,
    "source-line": 24,
    "via-line": 16,
    "canonical": 14,
    "og-url": 12,
    "syndication-source": 12,
    "original-source": 12,
    "jsonld-isbasedon": 12,
    "jsonld-source-org": 12,
    "jsonld-wire": 16,
    "neg-phrase": 44,
    "neg-self-canonical": 30,
    "neg-none": 27,
    "neg-googlebot-only": 15,
}
POSITIVE_FAMILIES = tuple(f for f in FAMILY_SIZES if not f.startswith("neg-"))
NEGATIVE_FAMILIES = tuple(f for f in FAMILY_SIZES if f.startswith("neg-"))
MARKUP_FAMILIES = (
    "canonical",
    "og-url",
    "syndication-source",
    "original-source",
    "jsonld-isbasedon",
    "jsonld-source-org",
    "jsonld-wire",
)


def cases(seed: int = SEED) -> list[Case]:
    """The whole corpus; the same list on every call with the same seed."""
    b = Builder(seed)
    sizes = FAMILY_SIZES
    _appeared_first(b, sizes["appeared-first"])
    for family in SEO_FOOTERS:
        _seo_footer(b, family, sizes[family])
    _originally_published_this_site(b, sizes["originally-published-this-site"])
    _originally_published(b, sizes["originally-published"])
    _x_appeared(b, "originally-appeared", "originally appeared", sizes["originally-appeared"], 1)
    _x_appeared(b, "first-appeared", "first appeared", sizes["first-appeared"], 4)
    _first_published_by(b, sizes["first-published-by"])
    _read_original(b, sizes["read-original"])
    _content_originally_published_here(b, sizes["content-originally-published-here"])
    _republished_permission(b, sizes["republished-permission"])
    _republished_cc(b, sizes["republished-cc"])
    _source_line(b, sizes["source-line"])
    _via_line(b, sizes["via-line"])
    for family in MARKUP_FAMILIES[:-1]:
        _markup(b, family, sizes[family])
    _jsonld_wire(b, sizes["jsonld-wire"])
    _neg_phrase(b, sizes["neg-phrase"])
    _neg_self_canonical(b, sizes["neg-self-canonical"])
    _neg_none(b, sizes["neg-none"])
    _neg_googlebot(b, sizes["neg-googlebot-only"])
    _hard(b)
    return b.cases


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    """What a detector said about one case."""

    domain: str | None
    url: str | None
    paragraphs_before: tuple[str, ...]  # the extractor's paragraphs
    paragraphs_after: tuple[str, ...]  # the same with the attribution stripped


Detector = Callable[[Case], Prediction]


@dataclass(frozen=True)
class Failure:
    case_id: str
    family: str
    kind: str  # "domain", "url" or "strip"
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.case_id} [{self.kind}]: expected {self.expected}, got {self.got}"


@dataclass
class Score:
    cases: int = 0
    positives: int = 0
    predicted: int = 0  # non-null domain predictions
    correct: int = 0  # non-null predictions equal to the expected domain
    url_cases: int = 0
    url_correct: int = 0
    strip_cases: int = 0
    strip_ok: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.positives if self.positives else 1.0

    @property
    def url_accuracy(self) -> float:
        return self.url_correct / self.url_cases if self.url_cases else 1.0

    @property
    def strip_accuracy(self) -> float:
        return self.strip_ok / self.strip_cases if self.strip_cases else 1.0


@dataclass
class Report:
    families: dict[str, Score] = field(default_factory=dict)
    overall: Score = field(default_factory=Score)
    failures: list[Failure] = field(default_factory=list)

    def failures_of(self, *kinds: str) -> list[Failure]:
        return [f for f in self.failures if f.kind in kinds]

    def describe(self, *kinds: str, limit: int = 12) -> str:
        """A few failures for an assertion message."""
        found = self.failures_of(*kinds)
        lines = [str(f) for f in found[:limit]]
        more = f"\n… and {len(found) - limit} more" if len(found) > limit else ""
        return f"{len(found)} failing:\n" + "\n".join(lines) + more


_PUNCT = " \t\n.,;:!?-–—|()[]\"'“”‘’«»*"


def _leftover(paragraph: str, line: str, case: Case) -> bool:
    """A paragraph that is only a fragment of the attribution line (a half-stripped line)."""
    core = norm(paragraph).strip(_PUNCT)
    if len(core) < 8 or core not in line:
        return False
    return core != case.title and not any(core in k for k in case.keep)


def strip_ok(case: Case, before: Sequence[str], after: Sequence[str]) -> tuple[bool, str]:
    """Whether stripping kept the story and removed the attribution; the reason when not."""
    before_text = norm("\n".join(before))
    after_text = norm("\n".join(after))
    lost = [k for k in case.keep if norm(k) not in after_text]
    if lost:
        if norm(lost[0]) not in before_text:  # the reader loses it all the same
            return False, f"story text lost in extraction {lost[0]!r}"
        return False, f"dropped story text {lost[0]!r}"
    if case.attribution_line is not None:
        line = norm(case.attribution_line)
        if line in after_text:
            return False, f"left the line {line!r}"
        rest = [p for p in after if _leftover(p, line, case)]
        if rest:
            return False, f"left a fragment of the line {norm(rest[0])!r}"
    return True, ""


def evaluate(all_cases: Iterable[Case], detector: Detector | None = None) -> Report:
    """Score ``detector`` (default: newsmirror's own) on the cases, per family and overall."""
    run = detector or newsmirror_detector()
    report = Report()
    for case in all_cases:
        pred = run(case)
        score = report.families.setdefault(case.family, Score())
        score.cases += 1
        if case.positive:
            score.positives += 1
        if pred.domain is not None:
            score.predicted += 1
            if pred.domain == case.expected_domain:
                score.correct += 1
        if pred.domain != case.expected_domain:
            report.failures.append(
                Failure(case.id, case.family, "domain", str(case.expected_domain), str(pred.domain))
            )
        if case.expected_url is not None:
            score.url_cases += 1
            if pred.url == case.expected_url:
                score.url_correct += 1
            else:
                report.failures.append(
                    Failure(case.id, case.family, "url", case.expected_url, str(pred.url))
                )
        score.strip_cases += 1
        ok, why = strip_ok(case, pred.paragraphs_before, pred.paragraphs_after)
        if ok:
            score.strip_ok += 1
        else:
            report.failures.append(Failure(case.id, case.family, "strip", "clean text", why))
    for score in report.families.values():
        report.overall.add(score)
    return report


def newsmirror_detector() -> Detector:
    """newsmirror's pipeline: parse, extract the article, detect the origin, strip."""
    from newsmirror.extract import extract_article
    from newsmirror.origin import detect_origin, load_publishers
    from newsmirror.page import Page

    publishers = load_publishers()

    def run(case: Case) -> Prediction:
        page = Page.from_bytes(case.url, case.html.encode("utf-8"))
        article = extract_article(page.url, page.tree)
        result = detect_origin(page.url, page.tree, article.paragraphs, publishers)
        origin = result.origin
        return Prediction(
            domain=origin.domain if origin is not None else None,
            url=origin.url if origin is not None else None,
            paragraphs_before=tuple(article.paragraphs),
            paragraphs_after=tuple(result.paragraphs),
        )

    return run


def oracle_detector(case: Case) -> Prediction:
    """A perfect detector built from the labels (tests the scoring itself)."""
    before = (*case.keep, *([case.attribution_line] if case.attribution_line else []))
    return Prediction(case.expected_domain, case.expected_url, before, tuple(case.keep))
