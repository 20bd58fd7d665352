"""Posts the aggregators write themselves: explainers, tip lists, local notes, reviews, commentary,
market wraps, weather notes and morning digests, in English, German, French and Spanish.

Text comes from small phrase grammars, so posts of one genre share a style and some phrasing but are
different stories. Posts of one *series* (daily market wraps, weather notes) also share whole
boilerplate paragraphs: look-alikes that must stay apart. Some carry credit-like phrases that credit
nobody ("Source: a person familiar with the matter", "Photo: Unsplash").
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import datetime

from tests.blindweb.model import Original, OwnArticle

Grammar = dict[str, list[str]]
_SLOT = re.compile(r"\{(\w+)\}")


def expand(
    rng: random.Random, grammar: Grammar, template: str, fixed: dict[str, str], depth: int = 0
) -> str:
    """Fill ``{slot}``s: fixed values first, else a random option of the grammar (recursively)."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in fixed:
            return fixed[name]
        if name == "n":
            return str(rng.randint(2, 19))
        if name == "big":
            return str(rng.randint(120, 980))
        if name == "pct":
            return f"{rng.uniform(0.2, 4.8):.1f}"
        options = grammar.get(name)
        if not options:
            raise KeyError(name)
        return (
            expand(rng, grammar, rng.choice(options), fixed, depth + 1)
            if depth < 6
            else rng.choice(options)
        )

    return _SLOT.sub(fill, template)


def _sentence(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    return text[:1].upper() + text[1:]


def _write(
    rng: random.Random,
    grammar: Grammar,
    fixed: dict[str, str],
    paragraphs: tuple[int, int],
    sentences: tuple[int, int],
    frame: str = "s",
) -> list[str]:
    out = []
    used: set[str] = set()
    for _ in range(rng.randint(*paragraphs)):
        parts = []
        for _ in range(rng.randint(*sentences)):
            for _attempt in range(6):
                sentence = _sentence(expand(rng, grammar, "{" + frame + "}", fixed))
                if sentence not in used:
                    break
            used.add(sentence)
            parts.append(sentence)
        out.append(" ".join(parts))
    return out


_PEOPLE = [
    "Laura Bennett",
    "Mark Ellison",
    "Priya Raman",
    "Tom Kowalski",
    "Ana Ruiz",
    "Daniel Okafor",
    "Helen Park",
    "James Whitfield",
    "Sofia Marchetti",
    "Greg Holloway",
    "Nadia Farouk",
    "Chris Lindqvist",
    "Owen Mbeki",
    "Rachel Stein",
]
_TOWNS = [
    "Millbrook",
    "Eastvale",
    "Harrow Bay",
    "Clearwater",
    "Oakridge",
    "Fenwick",
    "Brookhaven",
    "Stonebridge",
    "Westmoor",
    "Ashford Hills",
    "Riverside",
    "Pinecrest",
    "Greyhaven",
    "Larkfield",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# --------------------------------------------------------------------------- English grammars
_EXPLAINER: Grammar = {
    "s": [
        "{opener} {claim}.",
        "{claim}, {aside}.",
        "{advice}.",
        "{person} {says} that {claim_lc}.",
        "{stat}.",
        "{advice}, {reason}.",
    ],
    "opener": [
        "In short,",
        "For most households,",
        "As a rule,",
        "This year,",
        "Before you sign anything,",
        "In our experience,",
        "Put simply,",
        "Right now,",
        "If you are in doubt,",
        "Unlike last year,",
    ],
    "claim": [
        "prices for {topic} have moved more than most people expect",
        "the cheapest offer is rarely the best value",
        "fees hidden in the small print can cancel out any saving",
        "comparing three quotes is the single most useful step",
        "introductory deals usually end after {n} months",
        "consumer groups report a rise in complaints about {topic}",
        "waiting a few weeks can lower the total cost",
        "switching providers is easier than it used to be",
        "your current contract may already include an exit fee",
        "the rules around {topic} changed in spring",
    ],
    "claim_lc": [
        "most people overpay for {topic} by about {pct} percent",
        "a written quote protects you if things go wrong",
        "early planning matters more than any single trick",
        "readers who asked questions got better terms",
        "loyalty rarely pays when it comes to {topic}",
    ],
    "aside": [
        "according to figures published last month",
        "which surprises many first-time buyers",
        "although the picture varies from region to region",
        "as several readers pointed out to us",
        "even for people who have done it before",
        "and that trend is unlikely to reverse soon",
    ],
    "advice": [
        "check what you already pay before looking elsewhere",
        "ask every provider for the total cost over the full term",
        "keep copies of every letter and note the name of anyone you speak to",
        "read the cancellation terms twice",
        "book a free session with an independent adviser",
        "set a calendar reminder a month before your deal ends",
        "use an online calculator, but treat its answer as a rough guide",
        "talk to neighbours who have been through it recently",
    ],
    "reason": [
        "because the first offer is rarely the final one",
        "since prices tend to rise before {event}",
        "so that you are not caught out by automatic renewals",
        "as mistakes here are expensive to undo",
    ],
    "person": _PEOPLE,
    "says": ["says", "told us", "points out", "argues", "believes"],
    "stat": [
        "Our survey of {big} readers found that {n} in twenty had never compared offers",
        "Complaints about {topic} rose by {pct} percent over the past year",
        "The average saving among readers who switched was {big} dollars",
        "Around {n} percent of customers never read their renewal letter",
    ],
}
_TIPS: Grammar = {
    "s": [
        "{verb} {object} {when}.",
        "{verb} {object}; {why}.",
        "Try to {verb_lc} {object} {when}.",
    ],
    "verb": [
        "Review",
        "Cancel",
        "Plan",
        "Batch",
        "Swap",
        "Limit",
        "Track",
        "Schedule",
        "Prepare",
        "Write down",
        "Switch off",
        "Share",
    ],
    "verb_lc": [
        "review",
        "plan",
        "limit",
        "track",
        "schedule",
        "prepare",
        "write down",
        "share",
        "rethink",
        "simplify",
    ],
    "object": [
        "your weekly spending",
        "the subscriptions you forgot about",
        "meals for the whole week",
        "errands into one trip",
        "one meeting you do not need",
        "screen time in the evening",
        "three priorities for tomorrow",
        "a short walk after lunch",
        "the heating schedule",
        "a savings transfer on payday",
        "your morning routine",
        "a list of what is already in the fridge",
        "notifications on your phone",
        "a fixed bedtime",
        "a budget for weekends",
    ],
    "when": [
        "every Sunday evening",
        "before the month starts",
        "once a week",
        "first thing in the morning",
        "on payday",
        "whenever you feel overwhelmed",
        "for the next {n} days",
        "at the end of each day",
        "during your lunch break",
    ],
    "why": [
        "small habits add up faster than big resolutions",
        "readers say it saved them real money",
        "it takes less time than you think",
        "you will notice the difference within a month",
        "it removes one decision from your day",
        "the effect builds week by week",
    ],
}
_LOCAL: Grammar = {
    "s": [
        "{actor} {action} {when}.",
        "{quote_intro} {quote}",
        "{detail}.",
        "{actor} {action}, {detail_lc}.",
    ],
    "actor": [
        "The {town} town council",
        "Organisers of the {town} summer fair",
        "The local fire brigade",
        "Residents of the old market quarter",
        "Shop owners on the high street",
        "The {town} library",
        "Volunteers from the community garden",
        "Councillor {person}",
        "The parish committee",
        "Parents at the primary school",
    ],
    "action": [
        "approved the plan by {n} votes to {n}",
        "asked for more time to study the proposal",
        "will hold an open day",
        "raised concerns about parking and traffic",
        "collected {big} signatures",
        "confirmed the date for the annual fair",
        "is looking for volunteers",
        "welcomed the decision",
        "criticised the cost of the project",
        "published the final drawings",
    ],
    "when": [
        "on {weekday} evening",
        "this weekend",
        "at the end of the month",
        "after a long debate",
        "before the summer holidays",
        "next {weekday}",
        "in the spring",
    ],
    "quote_intro": [
        '"We listened to everyone," said {person}.',
        "{person}, who has lived in {town} for {n} years, put it simply:",
        "One resident told us:",
        "A spokesperson said:",
    ],
    "quote": [
        '"This will change the centre of town for the better."',
        '"Nobody asked the people who actually live here."',
        '"We need more hands on Saturday morning."',
        '"It is a good compromise, even if not everyone is happy."',
        '"The money would be better spent on the roads."',
    ],
    "detail": [
        "Work is expected to take around {n} months",
        "Parking near the park will be limited",
        "The estimated cost is {big} thousand dollars",
        "A shuttle bus will run from the station every twenty minutes",
        "The information evening starts at seven in the library",
        "Road works will close one lane of the main street",
    ],
    "detail_lc": [
        "although work will not start before the spring",
        "with food stalls and music planned for both days",
        "and a petition against it is still open",
        "with the final vote expected next month",
    ],
    "person": _PEOPLE,
    "weekday": _WEEKDAYS[:5],
}
_REVIEW: Grammar = {
    "s": [
        "{aspect} {verdict_part}.",
        "{aspect} {verdict_part}, {contrast}.",
        "In our tests, {finding}.",
        "{compare}.",
    ],
    "aspect": [
        "The build quality",
        "Battery life",
        "The screen",
        "Setup",
        "The companion app",
        "Sound quality",
        "Performance in everyday tasks",
        "The camera",
        "The design",
        "Charging speed",
        "The price",
    ],
    "verdict_part": [
        "is better than we expected",
        "feels solid for the money",
        "is the weakest point of the {product}",
        "has improved noticeably since the last model",
        "is fine but unremarkable",
        "impressed us more than once",
        "will divide opinion",
    ],
    "contrast": [
        "although it picks up fingerprints quickly",
        "but the charger is sold separately",
        "yet rivals offer more for less",
        "though the app asks for too many permissions",
        "even if the manual is thin",
    ],
    "finding": [
        "the {product} lasted {n} hours of mixed use",
        "it survived a couple of accidental drops",
        "it stayed cool under load",
        "we saw no slowdowns with many apps open",
        "the volume got harsh at maximum",
        "updates installed without a hitch",
    ],
    "compare": [
        "Compared with last year's model, the {product} is a modest step forward",
        "At this price the {product} faces strong competition",
        "If you already own the previous version there is little reason to upgrade",
        "For first-time buyers the {product} is an easy pick",
    ],
}
_COMMENTARY: Grammar = {
    "s": [
        "{opener} {actor} {verb} {object}{tail}.",
        "{thought}.",
        "{actor} {verb} {object}, {judgement}.",
        "{sourced}",
    ],
    "opener": [
        "Once again,",
        "For years,",
        "Last week,",
        "Behind closed doors,",
        "In a rare move,",
        "This spring,",
        "Quietly,",
        "Yet again,",
    ],
    "actor": [
        "the ministry",
        "city hall",
        "the regulator",
        "ministers",
        "the opposition",
        "the unions",
        "business leaders",
        "local councils",
        "the finance committee",
        "party strategists",
    ],
    "verb": [
        "promised",
        "shelved",
        "defended",
        "announced",
        "rejected",
        "delayed",
        "doubled down on",
        "played down",
        "rewrote",
    ],
    "object": [
        "a new plan for {subject}",
        "the review of {subject}",
        "funding for {subject}",
        "the deadline on {subject}",
        "any serious debate about {subject}",
        "the numbers behind {subject}",
    ],
    "tail": [
        "",
        " before the summer",
        " despite mounting criticism",
        " without a public vote",
        " with little explanation",
    ],
    "judgement": [
        "and voters noticed",
        "which tells you everything",
        "as if nothing had happened",
        "and the bill will come later",
        "which is not the same as fixing it",
    ],
    "thought": [
        "The question is not whether change is coming, but who pays for it",
        "Arithmetic is not partisan",
        "Families are left to cope on their own",
        "There is a simpler path, and it starts with honesty",
        "Slogans are cheap; plans are not",
        "Nobody in charge seems willing to listen",
    ],
    "sourced": [
        "Source: a person familiar with the matter, who asked not to be named.",
        "According to people close to the talks, no decision is expected soon.",
        "(Source: company filings and our own calculations.)",
        "A spokesperson would only say that the review is ongoing.",
    ],
}
_MARKET: Grammar = {
    "s": [
        "{index} {moved} {pct} percent {when}.",
        "Shares of {company} {stock_move} after {reason}.",
        "{asset} {asset_move}.",
        "Traders {trader_view}.",
    ],
    "index": [
        "The benchmark index",
        "The technology-heavy index",
        "The blue-chip average",
        "The small-cap index",
        "European stocks",
        "Asian markets",
    ],
    "moved": ["rose", "fell", "climbed", "slipped", "edged up", "dropped"],
    "when": [
        "by the close",
        "in late trading",
        "after a choppy session",
        "for a second day",
        "on the day",
    ],
    "company": [
        "Northwind Systems",
        "Keystone Retail",
        "Bluefield Energy",
        "Arcadia Foods",
        "Vantage Motors",
        "Helix Biotech",
        "Summit Logistics",
        "Cobalt Semiconductors",
        "Meridian Bank",
        "Orchard Telecom",
    ],
    "stock_move": [
        "jumped {n} percent",
        "fell {n} percent",
        "hit a record high",
        "gave up early gains",
        "led the gains",
        "lagged the market",
    ],
    "reason": [
        "raising its full-year outlook",
        "analysts cut their price targets",
        "a surprise profit warning",
        "news of a buyback",
        "a management shake-up",
        "better-than-expected quarterly sales",
    ],
    "asset": ["Oil", "Gold", "The dollar", "Ten-year yields", "Copper", "Bitcoin"],
    "asset_move": [
        "held near its recent high",
        "fell for a third session",
        "rose as supply worries returned",
        "was little changed",
        "weakened against the euro",
        "climbed to a two-month high",
    ],
    "trader_view": [
        "are waiting for next week's central bank meeting",
        "focused on inflation data",
        "shrugged off weak factory numbers",
        "bought back into beaten-down tech names",
        "kept volumes light ahead of the holiday",
    ],
}
_WEATHER: Grammar = {
    "s": ["{period} {cond}, with {temps}.", "{wind}.", "{advice}."],
    "period": [
        "The morning brings",
        "By the afternoon expect",
        "Tonight will see",
        "The weekend looks set for",
        "Tomorrow starts with",
    ],
    "cond": [
        "sunny spells",
        "heavy showers",
        "low cloud and drizzle",
        "clear skies",
        "patchy fog",
        "thunderstorms in the hills",
    ],
    "temps": [
        "highs around {n} degrees",
        "lows near {n} degrees",
        "temperatures well above average",
        "a cool breeze off the coast",
    ],
    "wind": [
        "Winds from the north will pick up later",
        "Gusts could reach {big} metres on exposed ridges",
        "The wind drops after sunset",
        "A south-westerly breeze keeps things mild",
    ],
    "advice": [
        "Allow extra time on the coast road",
        "Take an umbrella if you are heading out after five",
        "Good news for the farmers' market on Saturday",
        "Gardeners may want to cover young plants overnight",
    ],
}
_MARKET_OPEN = "Here is our daily look at how markets closed and what moved them."
_MARKET_CLOSE = (
    "This market wrap is published every trading day after the closing bell. Prices are delayed and provided for "
    "information only; nothing here is investment advice."
)
_WEATHER_CLOSE = "Our weather notes are updated every morning at six. Forecasts can change quickly, so check again before you set off."
_DIGEST_OPEN = "Good morning. Here are the stories our editors are reading today."
_DIGEST_CLOSE = "That's it for this morning. The briefing returns tomorrow; forward it to a friend who might enjoy it."

_TOPICS = [
    ("mortgage rates", "refinancing"),
    ("heat pumps", "the heating season"),
    ("travel insurance", "your next trip"),
    ("student loans", "repayments restart"),
    ("electric cars", "buying your first EV"),
    ("retirement savings", "the tax deadline"),
    ("rooftop solar", "signing a contract"),
    ("credit scores", "applying for a loan"),
    ("passport renewals", "the summer rush"),
    ("streaming prices", "the next price hike"),
]
_PRODUCTS = [
    "Pixelview X2",
    "AeroBook 14",
    "Soundwave Pro",
    "HomeHub Mini",
    "TrailCam 4K",
    "Voltix S",
    "Lumen Tab 11",
    "FitPulse 3",
]


def _explainer(rng: random.Random) -> OwnArticle:
    topic, event = rng.choice(_TOPICS)
    fixed = {"topic": topic, "event": event}
    title = rng.choice(
        [
            "What to know about {topic} before {event}",
            "A plain guide to {topic} ahead of {event}",
            "{Topic}: the questions readers ask us most",
        ]
    ).format(topic=topic, event=event, Topic=topic.capitalize())
    return OwnArticle(
        title, tuple(_write(rng, _EXPLAINER, fixed, (4, 6), (2, 3))), "explainer", "en"
    )


def _listicle(rng: random.Random) -> OwnArticle:
    n = rng.randint(5, 8)
    goal = rng.choice(
        [
            "save money this month",
            "sleep better",
            "get more done at work",
            "cut your energy bill",
            "eat well on a budget",
            "stay focused when working from home",
        ]
    )
    tips = _write(rng, _TIPS, {}, (n, n), (1, 2))
    body = [
        f"We asked readers how they manage to {goal}. Here are the answers that came up again and again."
    ]
    body += [f"{i + 1}. {tip}" for i, tip in enumerate(tips)]
    body.append(
        "Photo: Unsplash. Have a tip of your own? Write to us and we may include it in a future update."
    )
    return OwnArticle(f"{n} simple ways to {goal}", tuple(body), "listicle", "en")


def _local(rng: random.Random) -> OwnArticle:
    town = rng.choice(_TOWNS)
    title = rng.choice(
        [
            f"{town} council backs plan for the old market square",
            f"Summer fair returns to {town} this weekend",
            f"{town}: what the new road works mean for you",
            f"Volunteers wanted for {town} community day",
        ]
    )
    return OwnArticle(
        title, tuple(_write(rng, _LOCAL, {"town": town}, (4, 6), (2, 3))), "local", "en"
    )


def _review(rng: random.Random) -> OwnArticle:
    product = rng.choice(_PRODUCTS)
    verdict = rng.choice(
        [
            "a solid upgrade with one big catch",
            "good, but not for everyone",
            "the best value we have tested this year",
            "great battery, forgettable design",
        ]
    )
    paras = _write(rng, _REVIEW, {"product": product}, (4, 6), (2, 3))
    paras.append(f"Verdict: {verdict[0].upper() + verdict[1:]}. Score: {rng.randint(6, 9)}/10.")
    return OwnArticle(f"{product} review: {verdict}", tuple(paras), "review", "en")


def _commentary(rng: random.Random) -> OwnArticle:
    subject = rng.choice(
        [
            "the housing shortage",
            "rail fares",
            "the energy transition",
            "school funding",
            "hospital waiting lists",
            "the minimum wage",
            "bus services",
            "childcare costs",
        ]
    )
    title = rng.choice(
        [
            f"Opinion: It is time to be honest about {subject}",
            f"Why the debate on {subject} keeps going nowhere",
            f"Our view: {subject[0].upper() + subject[1:]} needs a plan, not slogans",
        ]
    )
    return OwnArticle(
        title,
        tuple(_write(rng, _COMMENTARY, {"subject": subject}, (4, 6), (2, 3))),
        "commentary",
        "en",
    )


def market_wrap(rng: random.Random, day: datetime) -> OwnArticle:
    up = rng.random() < 0.5
    title = f"Stock market today: shares close {'higher' if up else 'lower'} on {day.strftime('%B')} {day.day}, {day.year}"
    body = [_MARKET_OPEN, *_write(rng, _MARKET, {}, (3, 3), (2, 3)), _MARKET_CLOSE]
    return OwnArticle(title, tuple(body), "market_wrap", "en")


def weather_note(rng: random.Random, day: datetime) -> OwnArticle:
    town = rng.choice(_TOWNS)
    body = [*_write(rng, _WEATHER, {}, (2, 3), (2, 3)), _WEATHER_CLOSE]
    return OwnArticle(
        f"Weather for {town}: the outlook for {_WEEKDAYS[day.weekday()]}",
        tuple(body),
        "weather",
        "en",
    )


def digest(rng: random.Random, day: datetime, picks: list[Original]) -> OwnArticle:
    """A morning briefing: one line per picked story (title, opening sentence, link to the original)."""
    paras = [_DIGEST_OPEN]
    links: list[tuple[str, str]] = []
    for original in picks:
        sentence = original.paragraphs[0].split(". ")[0].rstrip(".") + "."
        paras.append(f"{original.title}. {sentence} (via {original.publisher})")
        links.append((original.publisher, original.url))
    paras.append(_DIGEST_CLOSE)
    title = f"Morning briefing, {day.strftime('%A')} {day.day} {day.strftime('%B')}: {picks[0].title[:60].rstrip()}"
    return OwnArticle(title, tuple(paras), "digest", "en", tuple(links))


# --------------------------------------------------------------------------- German, French, Spanish
_DE: Grammar = {
    "s": ["{opener} {claim}.", "{rat}.", "{claim_cap}, {aside}.", "{stat}."],
    "opener": [
        "Grundsätzlich gilt:",
        "Für viele Haushalte gilt:",
        "Unser Tipp:",
        "Wichtig zu wissen:",
        "Im Zweifel gilt:",
    ],
    "claim": [
        "das günstigste Angebot ist selten das beste",
        "versteckte Gebühren fressen die Ersparnis schnell auf",
        "ein Vergleich von drei Angeboten lohnt sich fast immer",
        "Lockangebote enden oft nach {n} Monaten",
        "wer früh plant, zahlt am Ende weniger",
    ],
    "claim_cap": [
        "Die Preise für {topic} sind zuletzt deutlich gestiegen",
        "Die Regeln rund um {topic} haben sich geändert",
        "Beschwerden über {topic} nehmen zu",
        "Ein Wechsel ist einfacher als viele denken",
    ],
    "aside": [
        "wie Verbraucherschützer berichten",
        "auch wenn die Lage regional sehr unterschiedlich ist",
        "das zeigen aktuelle Zahlen",
        "wie uns mehrere Leser schrieben",
    ],
    "rat": [
        "Bewahren Sie alle Unterlagen sorgfältig auf",
        "Lesen Sie die Kündigungsfristen genau",
        "Lassen Sie sich jedes Angebot schriftlich geben",
        "Nutzen Sie die kostenlose Erstberatung der Verbraucherzentrale",
        "Schlafen Sie lieber eine Nacht darüber",
    ],
    "stat": [
        "Laut einer Umfrage unter {big} Haushalten hat fast jeder Dritte noch nie verglichen",
        "Im Schnitt sparen Wechsler rund {big} Euro im Jahr",
        "Die Beschwerden stiegen um {pct} Prozent",
    ],
}
_FR: Grammar = {
    "s": ["{opener} {claim}.", "{conseil}.", "{claim_cap}, {aside}.", "{stat}."],
    "opener": [
        "En règle générale,",
        "Pour la plupart des ménages,",
        "Notre conseil :",
        "À savoir :",
        "En cas de doute,",
    ],
    "claim": [
        "l'offre la moins chère n'est pas toujours la meilleure",
        "les frais cachés peuvent annuler toute économie",
        "comparer trois devis reste le réflexe le plus utile",
        "les offres promotionnelles prennent souvent fin après {n} mois",
    ],
    "claim_cap": [
        "Les prix de {topic} ont nettement augmenté",
        "Les règles concernant {topic} ont changé",
        "Les plaintes liées à {topic} se multiplient",
    ],
    "aside": [
        "selon les associations de consommateurs",
        "même si la situation varie selon les régions",
        "comme plusieurs lecteurs nous l'ont signalé",
    ],
    "conseil": [
        "Conservez tous vos documents",
        "Lisez attentivement les conditions de résiliation",
        "Demandez chaque offre par écrit",
        "Prenez le temps de la réflexion avant de signer",
    ],
    "stat": [
        "Selon un sondage auprès de {big} foyers, un tiers n'a jamais comparé les offres",
        "En moyenne, un ménage économise {big} euros par an",
    ],
}
_ES: Grammar = {
    "s": ["{opener} {claim}.", "{consejo}.", "{claim_cap}, {aside}.", "{stat}."],
    "opener": [
        "Por regla general,",
        "Para la mayoría de los hogares,",
        "Nuestro consejo:",
        "Conviene saber que",
        "Ante la duda,",
    ],
    "claim": [
        "la oferta más barata no siempre es la mejor",
        "las comisiones ocultas pueden anular el ahorro",
        "comparar tres presupuestos sigue siendo lo más útil",
        "las ofertas de bienvenida suelen terminar a los {n} meses",
    ],
    "claim_cap": [
        "Los precios de {topic} han subido con fuerza",
        "Las normas sobre {topic} han cambiado",
        "Las quejas sobre {topic} van en aumento",
    ],
    "aside": [
        "según las asociaciones de consumidores",
        "aunque la situación varía según la región",
        "como nos contaron varios lectores",
    ],
    "consejo": [
        "Guarde todos los documentos",
        "Lea con calma las condiciones de permanencia",
        "Pida cada oferta por escrito",
        "Tómese su tiempo antes de firmar",
    ],
    "stat": [
        "Según una encuesta a {big} hogares, uno de cada tres nunca ha comparado",
        "De media, un hogar ahorra {big} euros al año",
    ],
}


def _ratgeber(rng: random.Random) -> OwnArticle:
    topic = rng.choice(
        [
            "Stromtarife",
            "Heizkosten",
            "Reiseversicherungen",
            "Handyverträge",
            "Balkonkraftwerke",
            "Mietnebenkosten",
        ]
    )
    title = rng.choice(
        [
            f"{topic}: Worauf Sie jetzt achten sollten",
            f"Ratgeber {topic} – so sparen Sie bares Geld",
        ]
    )
    paras = [
        *_write(rng, _DE, {"topic": topic}, (3, 5), (2, 3)),
        "Foto: Pixabay. Dieser Beitrag ersetzt keine individuelle Beratung.",
    ]
    return OwnArticle(title, tuple(paras), "ratgeber", "de")


def _conseils(rng: random.Random) -> OwnArticle:
    topic = rng.choice(
        [
            "les contrats d'énergie",
            "l'assurance voyage",
            "les forfaits mobiles",
            "les travaux de rénovation",
            "le covoiturage",
        ]
    )
    title = rng.choice(
        [f"Nos conseils pour bien choisir {topic}", f"Tout savoir sur {topic} avant l'été"]
    )
    paras = [
        *_write(rng, _FR, {"topic": topic}, (3, 5), (2, 3)),
        "Crédit photo : Pixabay. Cet article ne remplace pas un conseil personnalisé.",
    ]
    return OwnArticle(title, tuple(paras), "conseils", "fr")


def _consejos(rng: random.Random) -> OwnArticle:
    topic = rng.choice(
        [
            "las tarifas de luz",
            "el seguro de viaje",
            "las hipotecas",
            "los abonos de transporte",
            "el alquiler",
        ]
    )
    title = rng.choice(
        [f"Claves para elegir bien {topic}", f"Lo que debe saber sobre {topic} este año"]
    )
    paras = [
        *_write(rng, _ES, {"topic": topic}, (3, 5), (2, 3)),
        "Foto: Pixabay. Este artículo no sustituye el asesoramiento personalizado.",
    ]
    return OwnArticle(title, tuple(paras), "consejos", "es")


SIMPLE_GENRES: dict[str, Callable[[random.Random], OwnArticle]] = {
    "explainer": _explainer,
    "listicle": _listicle,
    "local": _local,
    "review": _review,
    "commentary": _commentary,
    "ratgeber": _ratgeber,
    "conseils": _conseils,
    "consejos": _consejos,
}
