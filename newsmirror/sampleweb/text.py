"""Word banks and sentence templates that generate our own news stories (English and French).

Everything here is invented: towns, people, companies and quotes come from the banks below, and the
sentences from our own templates. A story has 6–14 paragraphs; market reports (the dedup "hard
negatives") all share one template and differ only in names and numbers.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

FIRST = (
    "Maria James Aisha Tomas Elena Daniel Grace Samuel Nadia Oliver Priya Victor Hannah "
    "Marcus Leila Caleb Irene Rafael Chloe Dmitri Naomi Felix Rosa Jonah Keiko Simon "
    "Beatrice Omar Ingrid Lucas Miriam Theo Yusuf Clara Anton Esther Malik Sofia"
).split()
LAST = (
    "Lopez Whitfield Okafor Berg Salo Novak Harper Moreau Castillo Lindqvist Brennan Adeyemi "
    "Kowalski Duarte Mercer Tanaka Holloway Ferreira Quinn Vasquez Ashford Romano "
    "Albright Nakamura Osei Petrov Galloway Sandoval Fairbank Haddad Ellison Marsh"
).split()
TOWNS = [
    "Riverton",
    "Lakemont",
    "Brookfield",
    "Ashdale",
    "Westmere",
    "Northgate",
    "Millbrook",
    "Stonebridge",
    "Fairhaven",
    "Redwater",
    "Oakmont",
    "Bayview",
    "Pine Hollow",
    "Harbor City",
    "Cedar Falls",
    "Elk Ridge",
    "Glenrock",
    "Maple Crossing",
    "Silverton Bay",
    "Easton Mills",
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
    "the national weather service",
    "the housing agency",
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
    "Pellucid Chemicals",
    "Greywater Shipping",
    "Juniper Health Group",
    "Stratline Aerospace",
]
SEGMENTS = ["consumer", "industrial", "services", "international", "wholesale", "digital"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ROLES = [
    "the mayor",
    "a council member",
    "the agency's director",
    "a local organiser",
    "the head of the residents’ association",
    "a spokesperson for the regional government",
    "a professor of public policy",
    "the opposition leader",
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
TOPICS_EN = [
    "council",
    "election",
    "storm",
    "heatwave",
    "transit",
    "health",
    "school",
    "science",
    "sport",
    "housing",
    "business",
]

_EN_OPEN = {
    "council": "The {town} city council voted {a} to {b} on {day} to approve {thing}, ending "
    "months of debate over how to pay for it.",
    "election": "Voters in {town} will choose a new mayor on {month} {dom} after {person}, who has "
    "led the city for {n} years, said on {day} that {pron} would not seek another term.",
    "storm": "A powerful storm swept through {town} on {day}, bringing down trees and leaving about "
    "{n},000 homes without power, {agency} said.",
    "heatwave": "Temperatures in {town} reached {temp} degrees on {day}, the highest reading since "
    "{year}, as {agency} extended its heat warning for a {ordinal} day.",
    "transit": "{agency_cap} announced on {day} that fares on {town}’s buses and ferries will rise "
    "by {pct} percent from next month.",
    "health": "Hospitals in {town} reported a sharp rise in seasonal flu cases this week, and "
    "{agency} urged the {n},000 residents over 65 to get vaccinated before the holidays.",
    "school": "Parents in {town} packed a school board meeting on {day} to protest a plan to close "
    "{two} primary schools and merge their {n2} classes.",
    "science": "Researchers working near {town} said on {day} they had found {thing2} in sediment "
    "cores drilled {n2} metres into the bottom of an old glacial lake.",
    "sport": "{team} beat {team2} {a}-{b} on {day} night to reach the regional final for the "
    "first time in {n} years.",
    "housing": "Rents in {town} have climbed {pct} percent in a year, according to figures "
    "released on {day}, the steepest rise of any city in the region.",
    "business": "{company} said on {day} it would build a ${n}0 million plant on the edge of "
    "{town}, creating about {n2}0 jobs over the next {two} years.",
}
_EN_TITLES = {
    "council": "{town} council approves {thing_short} after long debate",
    "election": "{town} mayor {last} will not run again after {n} years",
    "storm": "Storm leaves thousands without power in {town}",
    "heatwave": "{town} swelters at {temp} degrees as heat warning is extended",
    "transit": "{town} bus and ferry fares to rise {pct} percent",
    "health": "Flu cases climb in {town} as officials urge vaccination",
    "school": "{town} parents protest plan to close {two} schools",
    "science": "Lake sediments near {town} reveal {thing2_short}",
    "sport": "{team} beat {team2} to reach first regional final in {n} years",
    "housing": "{town} rents up {pct} percent in a year",
    "business": "{company} to build ${n}0 million plant in {town}",
}
_EN_TOPIC_BODY = {
    "council": [
        "The vote came after a {hours}-hour session in which more than {n2} residents signed up to "
        "speak.",
        "Council members who voted against the measure said the city could not afford it while "
        "{agency} was cutting grants.",
    ],
    "election": [
        "At least {two} candidates are expected to enter the race, including {person2}, who ran "
        "unsuccessfully in {year}.",
        "Turnout in the last municipal election was {pct} percent, one of the lowest in the state.",
        "{person} said {pron} would spend more time with family and return to teaching.",
    ],
    "storm": [
        "Crews from {town2} and neighbouring counties were sent to help restore power lines.",
        "Wind gusts of up to {temp}0 kilometres an hour were recorded at the airport.",
        "Several roads remained closed on {day2} because of fallen trees and flooding.",
        "Volunteers spent the weekend clearing debris and checking on elderly neighbours.",
    ],
    "heatwave": [
        "Cooling centres at libraries and community halls will stay open until {hours} p.m.",
        "Doctors warned that elderly people and young children were most at risk.",
        "Water use in {town} rose {pct} percent over the weekend, according to the utility.",
    ],
    "transit": [
        "A monthly pass will cost ${n2}.{d}0, up from ${n}.{d}0.",
        "Ridership has still not recovered to the levels seen before {year}, the authority said.",
    ],
    "health": [
        "Pharmacies in {town2} reported long queues for vaccines on {day2}.",
        "Visiting hours at the two main hospitals have been reduced until further notice.",
    ],
    "school": [
        "The district says enrolment has fallen by {pct} percent over the past decade.",
        "Teachers’ unions said they had not been consulted before the plan was announced.",
    ],
    "science": [
        "The team used radiocarbon dating to estimate that the layers were about {n2},000 years "
        "old.",
        "The findings were published on {day2} in a peer-reviewed journal of earth sciences.",
        "{person2}, a geologist who was not involved in the study, called the results "
        "“remarkably clear.”",
    ],
    "sport": [
        "{scorer} scored twice in the second half, including a header in the {minute}th minute.",
        "The final will be played on {month} {dom} at the {town} municipal stadium, which holds "
        "{n2},000 spectators.",
        "{team2}’s coach said {pron2} was proud of the players despite the defeat.",
    ],
    "housing": [
        "The average two-bedroom flat now rents for ${n2},{d}00 a month.",
        "Tenant groups have called for a cap on rent increases, which landlords oppose.",
    ],
    "business": [
        "Construction is due to start in {month} and the plant should open in {year2}.",
        "The state offered ${n2} million in tax credits to win the project, officials said.",
        "{company} already employs about {n},000 people at {two} sites in the region.",
    ],
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
    "Local businesses said they were watching closely. “{quote3},” said {person3}, who runs a "
    "shop on {street}.",
    "Volunteers spent the weekend clearing debris and checking on elderly neighbours.",
    "The final decision is expected before the end of {month}, officials said.",
    "{person} added that {agency} would hold {two} more public meetings before any vote.",
    "“{quote4},” {person3} said.",
    "A survey published last spring found that {pct} percent of residents supported the idea.",
    "{town} has a population of about {n2},000 and has grown steadily since {year}.",
    "The city’s budget office estimated that the change would save ${n2}0,000 a year.",
    "Neighbouring {town2} is considering a similar proposal, its mayor said on {day2}.",
    "Some residents said they learned about the plan only from social media.",
    "“We’ll keep listening to people,” {person} said, “but we also have to make decisions.”",
    "The regional newspaper reported on {day2} that the proposal had been revised {two} times.",
    "Opposition members said they would ask for an independent review of the costs.",
    "A public information session is planned at the {town} library on {day2} evening.",
    "The last comparable project in the region, in {town2}, ran {pct} percent over budget.",
    "Asked whether the timetable was realistic, {person} said: “{quote5}.”",
    "Business groups welcomed the move but asked for clearer rules.",
    "{agency_cap} did not respond to a request for comment on {day2}.",
    "Data from {agency} show the number of complaints has doubled since {year}.",
    "{person2} said the debate had been “long overdue.”",
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
    "We’re not against change, we just want a say in it",
    "It’s the right decision, even if it’s not a popular one",
    "There are families here who can’t absorb another increase",
    "We’ll judge them on what they deliver",
]
THINGS = [
    ("a new budget for roads and schools", "new road budget"),
    ("a plan to rebuild the old river bridge", "river bridge rebuild"),
    ("a ban on cars in the historic centre", "car ban in old town"),
    ("a new public swimming pool", "new swimming pool"),
    ("a network of protected cycle lanes", "cycle lane network"),
    ("a tax on empty homes", "empty-homes tax"),
]
THINGS2 = [
    ("traces of a forgotten volcanic eruption", "traces of ancient eruption"),
    ("pollen from a long-vanished forest", "pollen of vanished forest"),
    ("evidence of a severe medieval drought", "clues to medieval drought"),
    ("layers of ash from a prehistoric wildfire", "ash of prehistoric wildfire"),
]
TEAM_SUFFIX = ["Rovers", "United", "Athletic", "Wanderers", "City", "Harriers"]
STREETS = ["Main Street", "Market Street", "Harbour Road", "Station Avenue", "Mill Lane"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]
NUMBER_WORDS = ["two", "three", "four", "five"]

# --- French -----------------------------------------------------------------------------------
VILLES = [
    "Montreval",
    "Saint-Aubin-les-Prés",
    "Belcourt",
    "Val-d’Orne",
    "Lussac-sur-Mer",
    "Chantemerle",
    "Roquefeuille",
    "Pont-Aven-le-Haut",
    "Marbois",
    "Sainte-Colombe",
    "Villeneuve-les-Bains",
    "Castelroc",
    "Fontenay-la-Rivière",
    "Bréval",
]
PRENOMS = (
    "Camille Lucie Julien Théo Élodie Mathis Inès Hugo Léa Antoine Margaux Étienne "
    "Chloé Bastien Noémie Rémi Agathe Quentin"
).split()
NOMS = (
    "Dubois Lefèvre Moreau Garnier Rousseau Fontaine Chevalier Perrin Girard Bonnet "
    "Mercier Lambert Faure Blanchard"
).split()
_FR_OPEN = [
    "Le conseil municipal de {ville} a adopté {jour} un budget de {n} millions d’euros pour "
    "rénover les écoles et la médiathèque, après un débat animé.",
    "De violents orages ont frappé {ville} dans la nuit de {jour}, privant d’électricité près de "
    "{n} 000 foyers, selon la préfecture.",
    "Les habitants de {ville} devront payer leur ticket de bus {pct} % plus cher à partir du mois "
    "prochain, a annoncé {jour} la communauté d’agglomération.",
    "Des chercheurs ont découvert près de {ville} les vestiges d’une villa romaine, lors de "
    "fouilles menées avant la construction d’un lotissement.",
    "Le thermomètre a atteint {temp} °C {jour} à {ville}, un record depuis {annee}, et la "
    "préfecture a prolongé l’alerte canicule.",
    "L’entreprise {entreprise} va ouvrir une usine à {ville} et prévoit d’y créer {n}0 emplois "
    "d’ici {annee2}, a-t-elle annoncé {jour}.",
]
_FR_TITLES = [
    "{ville} adopte un budget de {n} millions pour ses écoles",
    "Orages à {ville} : des milliers de foyers privés d’électricité",
    "{ville} : le ticket de bus augmente de {pct} %",
    "Une villa romaine découverte près de {ville}",
    "Canicule : {temp} °C à {ville}, un record depuis {annee}",
    "{entreprise} va créer {n}0 emplois à {ville}",
]
_FR_BODY = [
    "« {citation} », a déclaré {personne}, adjointe au maire, à l’issue de la séance.",
    "Selon la mairie, les travaux devraient débuter au printemps et durer environ {n} mois.",
    "L’opposition a dénoncé un projet « trop coûteux » et réclamé une consultation publique.",
    "Les commerçants du centre-ville se disent inquiets pour leur chiffre d’affaires.",
    "{personne} a précisé que d’autres réunions publiques seraient organisées d’ici la fin de "
    "l’année.",
    "Le dossier doit encore être examiné par le conseil départemental en {mois}.",
    "Plusieurs associations ont salué une décision qu’elles attendaient depuis des années.",
    "La commune compte environ {n2} 000 habitants et sa population augmente depuis {annee}.",
    "Un sondage publié au printemps indiquait que {pct} % des habitants soutenaient le projet.",
    "« {citation2} », a estimé {personne2}, qui habite le quartier depuis {n} ans.",
    "La commune voisine de {ville2} étudie un projet comparable, selon son maire.",
    "Le coût total est estimé à {n2},{d} millions d’euros, financés en partie par la région.",
    "Une réunion d’information aura lieu {jour2} soir à la salle des fêtes.",
    "Les services techniques ont été mobilisés tout le week-end.",
    "Certains habitants disent avoir appris la nouvelle par les réseaux sociaux.",
    "Le maire, {personne3}, a promis « la plus grande transparence » sur le calendrier.",
    "Les syndicats demandent à être associés aux prochaines étapes du dossier.",
    "D’après les chiffres de la préfecture, les signalements ont doublé depuis {annee}.",
    "« Il faudra rester vigilants », a prévenu {personne3}.",
    "Le projet avait déjà été repoussé {deux} fois faute de financement.",
]
_FR_STORM = [
    "La préfecture a ouvert une cellule de crise et appelé les habitants à la prudence.",
    "Les premières estimations font état de dégâts importants dans plusieurs quartiers.",
    "« Nous avons été surpris par l’ampleur du phénomène », a reconnu {personne2}.",
]
_FR_CITATIONS = [
    "C’est une étape importante pour notre commune",
    "Nous avons fait le choix de la prudence",
    "Personne ne souhaitait en arriver là",
    "Il faudra du temps, mais nous y arriverons",
    "On attendait ça depuis longtemps",
    "Les habitants méritent des réponses claires",
]
ENTREPRISES = ["Ateliers Vauclair", "Biscuiterie Morin", "Verrerie du Lac", "Textiles Arnaud"]
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
FR_TOPICS = ["conseil-municipal", "orages", "transports", "patrimoine", "canicule", "economie"]
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
        ("â", "a"),
        ("ç", "c"),
        ("ô", "o"),
        ("î", "i"),
        ("û", "u"),
        ("ù", "u"),
        ("’", ""),
        ("'", ""),
    ):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80]


def full_name(rng: random.Random) -> str:
    """An invented person's name."""
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _assemble(rng: random.Random, opener: str, pool: list[str]) -> list[str]:
    """An opener and 5–13 more paragraphs of one or two sentences each, drawn from ``pool``."""
    rng.shuffle(pool)
    body_count = rng.randint(5, 13)
    spare = max(0, len(pool) - body_count)
    paragraphs = [opener]
    i = 0
    for _ in range(body_count):
        if i >= len(pool):
            break
        take = 2 if spare > 0 and rng.random() < 0.6 else 1
        spare -= take - 1
        paragraphs.append(" ".join(pool[i : i + take]))
        i += take
    return paragraphs


def english_story(rng: random.Random, market: bool = False) -> Draft:
    if market:
        return market_report(rng)
    topic = rng.choice(TOPICS_EN)
    town, town2 = rng.sample(TOWNS, 2)
    thing, thing_short = rng.choice(THINGS)
    thing2, thing2_short = rng.choice(THINGS2)
    a, b = sorted(rng.sample(range(1, 10), 2), reverse=True)
    person, person2, person3 = full_name(rng), full_name(rng), full_name(rng)
    day, day2 = rng.sample(WEEKDAYS, 2)
    quotes = rng.sample(_EN_QUOTES, 5)
    year = rng.randint(1995, 2019)
    slots: dict[str, object] = {
        "town": town,
        "town2": town2,
        "team": f"{town} {rng.choice(TEAM_SUFFIX)}",
        "team2": f"{town2} {rng.choice(TEAM_SUFFIX)}",
        "scorer": full_name(rng),
        "minute": rng.randint(50, 89),
        "day": day,
        "day2": day2,
        "dom": rng.randint(1, 28),
        "a": a,
        "b": b,
        "n": rng.randint(2, 40),
        "n2": rng.randint(12, 95),
        "d": rng.randint(1, 9),
        "pct": rng.randint(3, 35),
        "temp": rng.randint(36, 44),
        "hours": rng.randint(5, 11),
        "two": rng.choice(NUMBER_WORDS),
        "ordinal": rng.choice(ORDINALS),
        "agency": rng.choice(AGENCIES),
        "company": rng.choice(COMPANIES),
        "thing": thing,
        "thing_short": thing_short,
        "thing2": thing2,
        "thing2_short": thing2_short,
        "month": rng.choice(MONTHS_EN),
        "year": year,
        "year2": year + 10 if year < 2017 else 2028,
        "person": person,
        "last": person.split()[-1],
        "person2": person2,
        "person3": person3,
        "role": rng.choice(ROLES),
        "street": rng.choice(STREETS),
        "pron": rng.choice(["she", "he"]),
        "pron2": rng.choice(["she", "he"]),
        **{f"quote{k + 1}": q for k, q in enumerate(quotes)},
    }
    agency = str(slots["agency"])
    slots["agency_cap"] = agency[0].upper() + agency[1:]
    pool = [s.format(**slots) for s in [*_EN_TOPIC_BODY[topic], *_EN_BODY]]
    paragraphs = _assemble(rng, _EN_OPEN[topic].format(**slots), pool)
    authors = tuple(full_name(rng) for _ in range(rng.choice([1, 1, 2])))
    return Draft(_EN_TITLES[topic].format(**slots), tuple(paragraphs), "news", authors, topic)


def market_report(rng: random.Random) -> Draft:
    """Hard negatives: reports that share one template and differ only in names and numbers."""
    company = rng.choice(COMPANIES)
    q = rng.randint(1, 4)
    up = rng.choice([True, False])
    pct = f"{rng.randint(1, 14)}.{rng.randint(0, 9)}"
    rev = rng.randint(120, 990)
    eps = f"{rng.randint(0, 3)}.{rng.randint(10, 99)}"
    eps_before = f"{rng.randint(0, 3)}.{rng.randint(10, 99)}"
    day = rng.choice(WEEKDAYS[:5])
    analyst, chief = full_name(rng), full_name(rng)
    seg, seg2 = rng.sample(SEGMENTS, 2)
    margin, margin2 = rng.randint(6, 24), rng.randint(6, 24)
    paragraphs = (
        f"Shares of {company} {'rose' if up else 'fell'} {pct} percent on {day} after the company "
        f"reported quarter-{q} revenue of ${rev} million, {'above' if up else 'below'} analysts’ "
        f"expectations.",
        f"Earnings per share came in at ${eps}, compared with ${eps_before} a year earlier, the "
        f"company said in a statement.",
        f"Revenue in the {seg} division {'grew' if up else 'declined'} {rng.randint(2, 19)} percent "
        f"to ${rng.randint(40, 400)} million, while the {seg2} business was broadly flat.",
        f"Operating margin {'widened' if margin > margin2 else 'narrowed'} to {margin}."
        f"{rng.randint(0, 9)} percent from {margin2}.{rng.randint(0, 9)} percent a year earlier.",
        f"“The quarter showed {'solid demand' if up else 'softer demand'} across our markets,” "
        f"chief executive {chief} said on a call with analysts.",
        f"{analyst}, an analyst at a regional brokerage, said the results were "
        f"{'encouraging' if up else 'disappointing'} but warned that costs remained high.",
        f"The board declared a quarterly dividend of {rng.randint(5, 60)} cents a share, payable "
        f"in {rng.choice(MONTHS_EN)}.",
        f"{company} shares have {'gained' if up else 'lost'} {rng.randint(2, 30)} percent so far "
        f"this year, compared with a {rng.randint(1, 12)} percent move in the broader market.",
        f"The company kept its full-year outlook unchanged and said it would report again in "
        f"{rng.choice(MONTHS_EN)}.",
    )
    title = f"{company} shares {'rise' if up else 'fall'} {pct}% after quarter-{q} results"
    return Draft(title, paragraphs, "market-report", (analyst,), "markets")


def french_story(rng: random.Random) -> Draft:
    i = rng.randrange(len(_FR_OPEN))
    ville, ville2 = rng.sample(VILLES, 2)
    p1, p2, p3 = (f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}" for _ in range(3))
    c1, c2 = rng.sample(_FR_CITATIONS, 2)
    jour, jour2 = rng.sample(JOURS_FR, 2)
    annee = rng.randint(1995, 2019)
    slots: dict[str, object] = {
        "ville": ville,
        "ville2": ville2,
        "jour": jour,
        "jour2": jour2,
        "n": rng.randint(2, 40),
        "n2": rng.randint(3, 90),
        "d": rng.randint(1, 9),
        "pct": rng.randint(3, 25),
        "temp": rng.randint(37, 43),
        "annee": annee,
        "annee2": 2028,
        "deux": rng.choice(["deux", "trois", "quatre"]),
        "mois": rng.choice(MOIS_FR),
        "entreprise": rng.choice(ENTREPRISES),
        "personne": p1,
        "personne2": p2,
        "personne3": p3,
        "citation": c1,
        "citation2": c2,
    }
    pool = [s.format(**slots) for s in [*(_FR_STORM if i in (1, 4) else []), *_FR_BODY]]
    paragraphs = _assemble(rng, _FR_OPEN[i].format(**slots), pool)
    authors = tuple(
        f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}" for _ in range(rng.choice([1, 1, 2]))
    )
    return Draft(_FR_TITLES[i].format(**slots), tuple(paragraphs), "news", authors, FR_TOPICS[i])
