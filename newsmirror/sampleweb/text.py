"""Word banks and sentence templates that generate our own news stories (English and French)."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

FIRST = (
    "Maria James Aisha Tomas Elena Daniel Grace Samuel Nadia Oliver Priya Victor Hannah "
    "Marcus Leila Caleb Irene Rafael Chloe Dmitri Naomi Felix Rosa Jonah Keiko Simon"
).split()
LAST = (
    "Lopez Whitfield Okafor Berg Salo Novak Harper Moreau Castillo Lindqvist Brennan Adeyemi "
    "Kowalski Duarte Mercer Tanaka Holloway Ferreira Quinn Vasquez Ashford Romano"
).split()
TOWNS = (
    "Riverton Lakemont Brookfield Ashdale Pine Hollow Harbor City Westmere Cedar Falls "
    "Northgate Millbrook Stonebridge Fairhaven Redwater Oakmont Elk Ridge Bayview"
).split()
TOWNS = [t for t in TOWNS if t not in ("Hollow", "City", "Falls", "Ridge")] + [
    "Pine Hollow",
    "Harbor City",
    "Cedar Falls",
    "Elk Ridge",
]
AGENCIES = [
    "the transport authority",
    "the health department",
    "the city council",
    "the regional water board",
    "the education ministry",
    "the port authority",
    "the state energy regulator",
    "the county planning office",
]
COMPANIES = [
    "Norvale Industries",
    "Brightwater Foods",
    "Kestrel Logistics",
    "Amberline Energy",
    "Quarry Peak Mining",
    "Solenne Pharma",
    "Halcyon Motors",
    "Tidewell Insurance",
    "Corvid Software",
    "Marrow & Finch Retail",
    "Obsidian Steel",
    "Larkspur Telecom",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS_EN = ["council", "storm", "transit", "health", "school", "science", "sport", "housing"]

_EN_OPEN = {
    "council": "The {town} city council voted {a} to {b} on {day} to approve {thing}, ending months "
    "of debate over how to pay for it.",
    "storm": "A powerful storm swept through {town} on {day}, bringing down trees and leaving about "
    "{n},000 homes without power, {agency_cap} said.",
    "transit": "{agency_cap} announced on {day} that fares on {town}'s buses and ferries will rise "
    "by {pct} percent from next month.",
    "health": "Hospitals in {town} reported a sharp rise in seasonal flu cases this week, and "
    "{agency} urged residents to get vaccinated before the holidays.",
    "school": "Parents in {town} packed a school board meeting on {day} to protest a plan to close "
    "two primary schools and merge their classes.",
    "science": "Researchers working near {town} said on {day} they had found {thing2} in sediment "
    "cores drilled from the bottom of an old glacial lake.",
    "sport": "{town} beat {town2} {a}-{b} on {day} night to reach the regional final for the "
    "first time in {n} years.",
    "housing": "Rents in {town} have climbed {pct} percent in a year, according to figures "
    "released on {day}, the steepest rise in the region.",
}
_EN_BODY = [
    "“{quote1},” said {person}, {role}, in a statement released after the meeting.",
    "{person} said the decision had not been easy. “{quote2},” {pron} told reporters.",
    "Officials expect the work to cost about ${n}.{d} million, most of it covered by state grants.",
    "The plan still needs approval from {agency}, which is due to meet again in {month}.",
    "Residents who spoke at the hearing were divided, with some warning of higher costs and "
    "others welcoming the change.",
    "According to {agency}, similar measures in {town2} cut delays by nearly a third.",
    "{person2}, who has lived in {town} for {n} years, said {pron2} hoped the money would be "
    "spent carefully.",
    "Critics argue the timetable is too short and that smaller towns were not consulted.",
    "A spokesperson for {agency} said further details would be published in the coming weeks.",
    "The figures are the highest recorded since {year}, when a similar rise forced {agency} to act.",
    "Local businesses said they were watching closely. “{quote3},” said {person2}, who runs a "
    "shop on Main Street.",
    "Volunteers spent the weekend clearing debris and checking on elderly neighbours.",
    "The final decision is expected before the end of {month}, officials said.",
    "{person} added that {agency} would hold two more public meetings before any vote.",
]
_EN_QUOTES = [
    "We have waited a long time for this",
    "Nobody wants to pay more, but the numbers are clear",
    "This is a good day for the whole community",
    "We cannot keep putting this off",
    "People deserve straight answers",
    "It will take time, but we will get there",
    "I have never seen anything like it",
    "Our priority is keeping everyone safe",
]
_EN_TITLES = {
    "council": "{town} council approves {thing_short} after long debate",
    "storm": "Storm leaves thousands without power in {town}",
    "transit": "{town} bus and ferry fares to rise {pct} percent",
    "health": "Flu cases climb in {town} as officials urge vaccination",
    "school": "{town} parents protest plan to close two schools",
    "science": "Lake sediments near {town} reveal {thing2_short}",
    "sport": "{town} beat {town2} to reach first regional final in {n} years",
    "housing": "{town} rents up {pct} percent in a year",
}
THINGS = [
    ("a new budget for roads and schools", "new road budget"),
    ("a plan to rebuild the old river bridge", "river bridge rebuild"),
    ("a ban on cars in the historic centre", "car ban in old town"),
    ("a new public swimming pool", "new swimming pool"),
]
THINGS2 = [
    ("traces of a forgotten volcanic eruption", "traces of ancient eruption"),
    ("pollen from a long-vanished forest", "pollen of vanished forest"),
    ("evidence of a severe medieval drought", "clues to medieval drought"),
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# --- French -----------------------------------------------------------------------------------
VILLES = [
    "Montreval",
    "Saint-Aubin-les-Prés",
    "Belcourt",
    "Val-d'Orne",
    "Lussac-sur-Mer",
    "Chantemerle",
    "Roquefeuille",
    "Pont-Aven-le-Haut",
    "Marbois",
    "Sainte-Colombe",
]
PRENOMS = "Camille Lucie Julien Théo Élodie Mathis Inès Hugo Léa Antoine Margaux Étienne".split()
NOMS = "Dubois Lefèvre Moreau Garnier Rousseau Fontaine Chevalier Perrin Girard Bonnet".split()
_FR_OPEN = [
    "Le conseil municipal de {ville} a adopté {jour} un budget de {n} millions d’euros pour "
    "rénover les écoles et la médiathèque, après un débat animé.",
    "De violents orages ont frappé {ville} dans la nuit de {jour}, privant d’électricité près de "
    "{n} 000 foyers, selon la préfecture.",
    "Les habitants de {ville} devront payer leur ticket de bus {pct} % plus cher à partir du mois "
    "prochain, a annoncé {jour} la communauté d’agglomération.",
    "Des chercheurs ont découvert près de {ville} les vestiges d’une villa romaine, lors de "
    "fouilles menées avant la construction d’un lotissement.",
]
_FR_BODY = [
    "« {citation} », a déclaré {personne}, adjointe au maire, à l’issue de la séance.",
    "Selon la mairie, les travaux devraient débuter au printemps et durer environ {n} mois.",
    "L’opposition a dénoncé un projet « trop coûteux » et réclamé une consultation publique.",
    "Les commerçants du centre-ville se disent inquiets pour leur chiffre d’affaires.",
    "{personne} a précisé que d’autres réunions publiques seraient organisées d’ici la fin de l’année.",
    "La préfecture a ouvert une cellule de crise et appelé les habitants à la prudence.",
    "Les premières estimations font état de dégâts importants dans plusieurs quartiers.",
    "« Nous avons été surpris par l’ampleur du phénomène », a reconnu {personne2}.",
    "Le dossier doit encore être examiné par le conseil départemental en {mois}.",
    "Plusieurs associations ont salué une décision qu’elles attendaient depuis des années.",
]
_FR_CITATIONS = [
    "C’est une étape importante pour notre commune",
    "Nous avons fait le choix de la prudence",
    "Personne ne souhaitait en arriver là",
    "Il faudra du temps, mais nous y arriverons",
]
_FR_TITLES = [
    "{ville} adopte un budget de {n} millions pour ses écoles",
    "Orages à {ville} : des milliers de foyers privés d’électricité",
    "{ville} : le ticket de bus augmente de {pct} %",
    "Une villa romaine découverte près de {ville}",
]
MOIS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
JOURS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@dataclass(frozen=True)
class Draft:
    title: str
    paragraphs: tuple[str, ...]
    family: str
    authors: tuple[str, ...]
    topic: str


def slugify(text: str) -> str:
    text = text.lower()
    for a, b in (
        ("é", "e"),
        ("è", "e"),
        ("ê", "e"),
        ("à", "a"),
        ("ç", "c"),
        ("ô", "o"),
        ("î", "i"),
        ("’", ""),
        ("'", ""),
    ):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def english_story(rng: random.Random, market: bool = False) -> Draft:
    if market:
        return market_report(rng)
    topic = rng.choice(TOPICS_EN)
    town, town2 = rng.sample(TOWNS, 2)
    thing, thing_short = rng.choice(THINGS)
    thing2, thing2_short = rng.choice(THINGS2)
    a, b = sorted(rng.sample(range(1, 10), 2), reverse=True)
    slots = {
        "town": town,
        "town2": town2,
        "day": rng.choice(WEEKDAYS),
        "a": a,
        "b": b,
        "n": rng.randint(2, 40),
        "d": rng.randint(1, 9),
        "pct": rng.randint(3, 35),
        "agency": rng.choice(AGENCIES),
        "thing": thing,
        "thing_short": thing_short,
        "thing2": thing2,
        "thing2_short": thing2_short,
        "month": rng.choice(MONTHS_EN),
        "year": rng.randint(1995, 2019),
        "person": _person(rng),
        "person2": _person(rng),
        "role": rng.choice(
            [
                "the mayor",
                "a council member",
                "the agency's director",
                "a local organiser",
                "the head of the residents' association",
            ]
        ),
        "pron": rng.choice(["she", "he"]),
        "pron2": rng.choice(["she", "he"]),
        "quote1": rng.choice(_EN_QUOTES),
        "quote2": rng.choice(_EN_QUOTES),
        "quote3": rng.choice(_EN_QUOTES),
    }
    slots["agency_cap"] = str(slots["agency"])[0].upper() + str(slots["agency"])[1:]
    body = rng.sample(_EN_BODY, rng.randint(5, 9))
    paragraphs = [_EN_OPEN[topic].format(**slots)]
    for i in range(0, len(body), 2):
        paragraphs.append(" ".join(s.format(**slots) for s in body[i : i + 2]))
    authors = tuple(_person(rng) for _ in range(rng.choice([1, 1, 2])))
    return Draft(_EN_TITLES[topic].format(**slots), tuple(paragraphs), "news", authors, topic)


def market_report(rng: random.Random) -> Draft:
    """Hard negatives: reports that differ only in names and numbers."""
    company = rng.choice(COMPANIES)
    q = rng.randint(1, 4)
    up = rng.choice([True, False])
    pct = f"{rng.randint(1, 14)}.{rng.randint(0, 9)}"
    rev = rng.randint(120, 990)
    eps = f"{rng.randint(0, 3)}.{rng.randint(10, 99)}"
    day = rng.choice(WEEKDAYS[:5])
    analyst = _person(rng)
    paragraphs = (
        f"Shares of {company} {'rose' if up else 'fell'} {pct} percent on {day} after the company "
        f"reported quarter-{q} revenue of ${rev} million, {'above' if up else 'below'} analysts' "
        f"expectations.",
        f"Earnings per share came in at ${eps}, compared with ${eps[:-1]}5 a year earlier, the "
        f"company said in a statement.",
        f"“The quarter showed {'solid demand' if up else 'softer demand'} across our markets,” the "
        f"chief executive said on a call with analysts.",
        f"{analyst}, an analyst at a regional brokerage, said the results were "
        f"{'encouraging' if up else 'disappointing'} but warned that costs remained high.",
        f"The company kept its full-year outlook unchanged and said it would report again in "
        f"{rng.choice(MONTHS_EN)}.",
    )
    title = f"{company} shares {'rise' if up else 'fall'} {pct}% after quarter-{q} results"
    return Draft(title, paragraphs, "market-report", (analyst,), "markets")


def french_story(rng: random.Random) -> Draft:
    i = rng.randrange(len(_FR_OPEN))
    slots = {
        "ville": rng.choice(VILLES),
        "jour": rng.choice(JOURS_FR),
        "n": rng.randint(2, 40),
        "pct": rng.randint(3, 25),
        "mois": rng.choice(MOIS_FR),
        "personne": f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}",
        "personne2": f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}",
        "citation": rng.choice(_FR_CITATIONS),
    }
    body = rng.sample(_FR_BODY, rng.randint(5, 8))
    paragraphs = [_FR_OPEN[i].format(**slots)]
    for j in range(0, len(body), 2):
        paragraphs.append(" ".join(s.format(**slots) for s in body[j : j + 2]))
    authors = (f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}",)
    return Draft(_FR_TITLES[i].format(**slots), tuple(paragraphs), "news", authors, "actualite")
