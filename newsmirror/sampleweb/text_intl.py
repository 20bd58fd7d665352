"""Small word banks and templates for Russian, Chinese and Japanese stories of our own making.

They exist to test character sets: every character here is in windows-1251 (Russian), GBK
(Chinese) or Shift_JIS (Japanese), so a page can be served in its legacy charset and in UTF-8. Towns,
people and agencies are invented; sentences come from the templates below.
"""

from __future__ import annotations

import random

from newsmirror.sampleweb.text import Draft

# language -> (towns, given names, family names, agencies)
_BANKS: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {
    "ru": (
        ["Заречье", "Краснополье", "Берёзовка", "Светлогорск", "Озёрск", "Каменный Брод"],
        ["Анна", "Олег", "Мария", "Павел", "Ирина", "Степан", "Вера", "Глеб"],
        ["Соколова", "Журавлёв", "Лебедева", "Орлов", "Полякова", "Седов", "Ветрова", "Гусев"],
        [
            "городская администрация",
            "служба водоснабжения",
            "областная транспортная инспекция",
            "пресс-служба мэрии",
        ],
    ),
    "zh": (
        ["河口市", "青石镇", "南湖县", "白云市", "东岭镇", "长桥县"],
        ["丽华", "建国", "晓梅", "志强", "海燕", "国平", "秀英", "文杰"],
        ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"],
        ["市政府", "交通局", "供水公司", "教育局"],
    ),
    "ja": (
        ["川口市", "青葉町", "南山村", "白浜市", "東谷町", "石橋市"],
        ["花子", "健一", "美咲", "大輔", "由美", "直樹", "恵子", "翔太"],
        ["田中", "佐藤", "鈴木", "高橋", "伊藤", "渡辺", "山本", "中村"],
        ["市役所", "交通局", "水道局", "教育委員会"],
    ),
}

# language -> (title, opener) pairs per topic, then body sentences; slots: {town}, {town2},
# {person}, {person2}, {agency}, {n}, {n2}, {pct}, {day}
_TOPICS: dict[str, list[tuple[str, str, str]]] = {
    "ru": [
        (
            "bridge",
            "В городе {town} начнут ремонт старого моста",
            "Власти города {town} в {day} одобрили план ремонта старого моста через реку, сообщила "
            "{agency}.",
        ),
        (
            "school",
            "В городе {town} откроют новую школу на {n2} мест",
            "В городе {town} к осени построят новую школу на {n2} учеников, сообщила {agency} в {day}.",
        ),
        (
            "water",
            "Жители города {town} остались без воды на {n} часов",
            "Около {n2} домов в городе {town} в {day} на {n} часов остались без воды из-за аварии на "
            "главной трубе, сообщила {agency}.",
        ),
    ],
    "zh": [
        (
            "bridge",
            "{town}将修复老桥",
            "{town}议会{day}批准了修复老桥的计划，{agency}发言人表示工程将于春季开始。",
        ),
        (
            "school",
            "{town}新建学校可容纳{n2}名学生",
            "{agency}{day}宣布，{town}将新建一所学校，秋季开学后可容纳{n2}名学生。",
        ),
        (
            "water",
            "{town}{n2}户居民停水{n}小时",
            "{day}，{town}主水管发生破裂，约{n2}户居民停水{n}小时，{agency}正在抢修。",
        ),
    ],
    "ja": [
        (
            "bridge",
            "{town}、古い橋の修理へ",
            "{town}議会は{day}、古い橋を修理する計画を承認したと{agency}が発表した。",
        ),
        (
            "school",
            "{town}に新しい学校、{n2}人が通う予定",
            "{agency}は{day}、{town}に新しい学校を建てると発表した。秋から{n2}人の生徒が通う予定だという。",
        ),
        (
            "water",
            "{town}で{n2}世帯が{n}時間断水",
            "{town}で{day}、水道管が破裂し、約{n2}世帯が{n}時間にわたって断水した。{agency}が復旧作業を進めている。",
        ),
    ],
}
_BODY: dict[str, list[str]] = {
    "ru": [
        "По словам {person}, работы займут около {n} месяцев и обойдутся бюджету в {n2} миллионов "
        "рублей.",
        "«Мы давно ждали этого решения», — сказала местная жительница {person2}.",
        "Жители города {town} уже не раз жаловались на состояние дорог и зданий в центре города.",
        "В прошлом году похожие работы провели в соседнем городе {town2}, и они заняли почти год.",
        "Сотрудники мэрии пообещали сообщать о ходе работ на своём сайте каждую неделю.",
        "Расходы выросли на {pct} процентов по сравнению с первоначальной сметой.",
        "Часть денег выделит область, остальное заплатит городской бюджет.",
        "{person} добавил, что подрядчика выберут на открытом конкурсе до конца месяца.",
        "На время работ для жителей организуют временные автобусные маршруты.",
        "Депутаты города {town2} заявили, что внимательно следят за опытом соседей.",
    ],
    "zh": [
        "{person}说，工程预计需要{n}个月，总投资约{n2}万元。",
        "当地居民{person2}表示：“我们等这一天已经很久了。”",
        "{town}居民曾多次反映市中心道路和建筑老化的问题。",
        "去年，邻近的{town2}也进行了类似的工程，用了将近一年的时间。",
        "{agency}承诺每周在网站上公布工程进展情况。",
        "与最初的预算相比，费用增加了百分之{pct}。",
        "部分资金由省里拨款，其余由市财政承担。",
        "{person}还表示，施工单位将在月底前通过公开招标确定。",
        "施工期间，有关部门将为居民开通临时公交线路。",
        "{town2}的代表说，他们正在密切关注邻居的经验。",
        "专家认为，这项工程将改善当地的交通状况，方便居民出行。",
        "据了解，施工期间附近的商店和学校将照常营业和上课。",
        "{agency}提醒市民注意安全，不要进入施工区域。",
    ],
    "ja": [
        "{person}氏によると、工事には約{n}か月かかり、費用は{n2}億円にのぼる見込みだ。",
        "地元に住む{person2}さんは「ずっと待っていた決定です」と話した。",
        "{town}の住民からは、中心部の道路や建物の老朽化を心配する声が何度も上がっていた。",
        "昨年は隣の{town2}でも同じような工事が行われ、一年近くかかった。",
        "{agency}は、工事の進み具合を毎週ホームページで知らせるとしている。",
        "費用は当初の計画より{pct}パーセント増えた。",
        "費用の一部は県が負担し、残りは市の予算でまかなう。",
        "{person}氏は、工事を行う会社を今月末までに入札で決めると付け加えた。",
        "工事の間は、住民のために臨時のバスが運行される。",
        "{town2}の担当者は、隣の町の取り組みを注意深く見守っていると述べた。",
    ],
}
_DAYS = {
    "ru": ["понедельник", "вторник", "среду", "четверг", "пятницу"],
    "zh": ["星期一", "星期二", "星期三", "星期四", "星期五"],
    "ja": ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日"],
}
LANGUAGES = tuple(_BANKS)


def _person(rng: random.Random, language: str) -> str:
    _, given, family, _ = _BANKS[language]
    if language == "ru":
        return f"{rng.choice(given)} {rng.choice(family)}"
    return f"{rng.choice(family)}{rng.choice(given)}"


def intl_story(rng: random.Random, language: str) -> Draft:
    """A story of 6–10 paragraphs in ``language`` (``ru``, ``zh`` or ``ja``)."""
    towns, _, _, agencies = _BANKS[language]
    topic, title, opener = rng.choice(_TOPICS[language])
    town, town2 = rng.sample(towns, 2)
    slots = {
        "town": town,
        "town2": town2,
        "person": _person(rng, language),
        "person2": _person(rng, language),
        "agency": rng.choice(agencies),
        "n": rng.randint(2, 11),
        "n2": rng.randint(120, 900),
        "pct": rng.randint(5, 30),
        "day": rng.choice(_DAYS[language]),
    }
    sentences = [s.format(**slots) for s in rng.sample(_BODY[language], len(_BODY[language]))]
    joiner = " " if language == "ru" else ""
    paragraphs = [opener.format(**slots)]
    while sentences:  # one or two sentences a paragraph
        take = 2 if len(sentences) > 1 and rng.random() < 0.5 else 1
        paragraphs.append(joiner.join(sentences[:take]))
        del sentences[:take]
    authors = (_person(rng, language),)
    return Draft(title.format(**slots), tuple(paragraphs), "news", authors, topic)
