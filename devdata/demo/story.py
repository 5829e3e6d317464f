# ruff: noqa: E501  (the story reads better one meeting a line)
"""The demo's two years, told as meetings: rhythms per circle, the one-off events, the ties."""

import datetime
import random
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .notes import (
    ATHENA,
    BANKING_LUNCH,
    ETHAN,
    FELIX,
    GABRIELE,
    HENRIK,
    HERBERT,
    JONAS,
    JULIA,
    KATRIN,
    KWAME,
    LENA,
    MATTHIAS_AND_FRANK,
    MUM,
    NINA,
    PLANT_FLOOR,
    PRIYA,
    SAMUEL,
    SOFIA,
    STEFAN,
    THOMAS,
    TOBIAS,
    YASMIN,
    ZHANG,
    EncounterText,
)
from .people import BANKING, BRIDGES_AND_CLOSE_TIES, KEYS, PEOPLE, PLANT

LAST_DAY = datetime.date(2026, 11, 19)
FIRST_DAY = LAST_DAY - datetime.timedelta(days=729)
# Nobody sits at a place in a phone call: these kinds carry no location.
REMOTE_KINDS = {"video_call", "phone_call", "message"}


class Network:
    """Collects ties and encounters while the script tells the story of two years."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.encounters: list[dict[str, Any]] = []
        self.ties: dict[frozenset[str], dict[str, str]] = {}

    def tie(self, a: str, b: str, kind: str) -> None:
        pair = frozenset((a, b))
        if a != b and pair not in self.ties:
            first, second = sorted((a, b), key=KEYS.index)
            self.ties[pair] = {"a": first, "b": second, "kind": kind}

    def meet(
        self,
        date: datetime.date,
        kind: str,
        who: Iterable[str],
        *,
        planned: bool = True,
        time: str | None = None,
        follow_up_on: datetime.date | None = None,
        location: str | None = None,
        notes: str | None = None,
        learned: str | None = None,
        views: str | None = None,
    ) -> None:
        """One encounter, with what it says where the story says anything."""
        if not FIRST_DAY <= date <= LAST_DAY:
            return
        assert not (kind in REMOTE_KINDS and location), f"{date}: a {kind} has no place"
        self.encounters.append(
            {
                "occurred_on": date,
                "time": time,
                "kind": kind,
                "planned": planned,
                "participants": sorted(set(who), key=KEYS.index),
                "location": location,
                "notes": notes,
                "learned": learned,
                "views": views,
                "follow_up_on": follow_up_on,
            }
        )

    def dates(
        self, every: int, jitter: int, start: datetime.date, end: datetime.date
    ) -> Iterator[datetime.date]:
        """Dates from start to end about `every` days apart."""
        date = start + datetime.timedelta(days=self.rng.randint(0, max(0, every // 2)))
        while date <= end:
            yield date
            date += datetime.timedelta(days=max(1, every + self.rng.randint(-jitter, jitter)))

    def rhythm(self, core: Sequence[str], *, every: int, jitter: int, kinds: dict[str, int],
               pool: Sequence[EncounterText], others: Sequence[str] = (), extra: tuple[int, int] = (0, 0),
               start: datetime.date = FIRST_DAY, end: datetime.date = LAST_DAY, unplanned: float = 0.0,
               times: Sequence[str | None] = (None,), blank: float = 0.25,
               follow_up: float = 0.0) -> None:  # fmt: skip
        """A recurring meeting: `core` each time, plus a few of `others`, words from `pool`.

        Each entry of the pool is told once, on a meeting drawn at random; the others say nothing
        (most meetings in a real log do not). An entry with `with_` names everyone there besides
        `core` (an empty list: nobody else), unless the rhythm always draws a crowd; it brings its
        own kind, place, time and planning where it has them.
        """
        rng = self.rng
        entries = list(pool)
        rng.shuffle(entries)
        for date in self.dates(every, jitter, start, end):
            who = list(core)
            if others:
                who += rng.sample(list(others), min(len(others), rng.randint(*extra)))
            entry: EncounterText = entries.pop() if entries and rng.random() > blank else {}
            named = entry.get("with_", [])
            assert set(named) <= set(core) | set(others), f"{named} are not in this rhythm"
            if "with_" in entry and extra[0] < 2:
                # The words say who was there; only a meeting that is always a crowd keeps one.
                who = list(core)
            kind = entry.get("kind") or rng.choices(list(kinds), weights=list(kinds.values()))[0]
            planned = entry.get("planned", rng.random() >= unplanned)
            time = entry.get("time", rng.choice(times))
            follow_up_on = None
            if rng.random() < follow_up:
                follow_up_on = date + datetime.timedelta(days=rng.choice([7, 14, 30]))
            self.meet(
                date,
                kind,
                [*who, *named],
                planned=planned,
                time=time,
                follow_up_on=follow_up_on,
                location=entry.get("location"),
                notes=entry.get("notes"),
                learned=entry.get("learned"),
                views=entry.get("views"),
            )


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def tell_the_story(net: Network) -> None:
    rng = net.rng
    # fmt: off
    # The banking jour fixe: monthly, always the same faces, views nearly always agreed.
    net.rhythm(["thomas"], others=["frank", "katrin", "stefan", "michael", "christian", "joerg", "petra", "andreas"],
               extra=(2, 4), every=30, jitter=4, kinds={"meal": 1}, pool=BANKING_LUNCH, times=["12:30"], blank=0.15)
    # Matthias came to lunch with Frank until the reorganisation, then went quiet.
    net.rhythm(["matthias", "frank"], every=45, jitter=10, kinds={"meal": 2, "coffee": 1}, pool=MATTHIAS_AND_FRANK,
               end=day("2026-03-10"), times=["12:30", None])
    net.rhythm(["thomas"], every=55, jitter=10, kinds={"coffee": 3, "phone_call": 1}, pool=THOMAS,
               times=["08:00", "17:30", None])
    net.rhythm(["katrin"], every=80, jitter=15, kinds={"coffee": 2, "office_visit": 1}, pool=KATRIN,
               times=["09:00", None])
    net.rhythm(["stefan"], others=["sabine", "wolfgang"], extra=(0, 1), every=120, jitter=20,
               kinds={"coffee": 1, "office_visit": 1}, pool=STEFAN)
    regulars = [key for key in BANKING if key not in ("matthias", "ruediger")]
    banking_evenings = [
        (day("2025-01-23"), "Alte Oper, Frankfurt", "Bankenabend at the Alte Oper. Five hundred dark suits, one speech on diversity.", "agreed", None),
        (day("2025-09-18"), "Messe Frankfurt", "Frankfurt Finance Summit: the panel on SME lending.", "agreed",
         "The panel agreed on everything; the only question from the floor came from a student."),
        (day("2026-01-22"), "Alte Oper, Frankfurt", "Bankenabend again: the same tables, the same toasts.", None, None),
        (day("2026-06-26"), "Kempinski Gravenbruch", "Rotary summer party by the lake.", None, None),
    ]
    for date, place, notes, views, learned in banking_evenings:
        net.meet(date, "event", rng.sample(regulars, 6), time="19:00", location=place, notes=notes,
                 views=views, learned=learned)
    net.meet(day("2025-02-14"), "meal", ["ruediger", "thomas"], location="Villa Merton, Frankfurt",
             notes="Rüdiger's farewell lunch before Mallorca; Thomas gave the speech.", views="agreed")
    net.meet(day("2025-12-20"), "message", ["ruediger"], notes="Christmas card from Palma, with a photo of his boat.")
    net.meet(day("2026-05-07"), "travel", ["stefan"], planned=False, location="Flight LH 1336 to Berlin",
             notes="Ran into Stefan at the gate; sat together by chance.")

    # The plant: shop-floor visits every six weeks, meetings with management in between.
    floor = ["uwe", "dariusz", "ayse", "olga", "mehmet", "jens", "finn", "kemal", "gabriele"]
    net.rhythm(["uwe"], others=floor[1:], extra=(1, 3), every=42, jitter=7, kinds={"shop_floor": 1},
               pool=PLANT_FLOOR, times=["06:00", "14:00"], blank=0.1)
    net.rhythm(["herbert"], others=["sandra"], extra=(0, 1), every=75, jitter=15,
               kinds={"office_visit": 3, "meal": 1, "phone_call": 1}, pool=HERBERT, times=["10:00", None])
    # Lena: cadence 45 days, but nothing since the spring.
    net.rhythm(["lena"], others=["rahul"], extra=(0, 1), every=50, jitter=10, end=day("2026-04-02"),
               kinds={"coffee": 3, "video_call": 1}, pool=LENA, times=["15:00", None], follow_up=0.2)
    net.rhythm(["gabriele"], every=150, jitter=20, kinds={"coffee": 1}, pool=GABRIELE)
    summer_parties = [
        (day("2025-07-11"), "Summer party of the plant: Kemal's grill, Ayşe's baklava, the works council's band."),
        (day("2026-07-11"), "Summer party again, in the new hall this year; Finn's band played after the works council's."),
    ]
    for date, notes in summer_parties:
        net.meet(date, "celebration",
                 ["herbert", "uwe", "dariusz", "ayse", "olga", "mehmet", "jens", "finn", "kemal", "gabriele", "lena", "rahul"],
                 location="Kessler plant, Hall 1", time="16:00", notes=notes)
    net.meet(day("2025-11-06"), "travel", ["rahul"], location="Flight Frankfurt–Shenzhen",
             notes="Flew with Rahul to visit Lumen Sensors.",
             learned="Rahul had never been to a trade fair in Asia; he took more notes than I did.")
    net.meet(day("2025-11-08"), "office_visit", ["rahul", "zhang"], location="Lumen Sensors, Nanshan, Shenzhen",
             time="09:30", notes="Zhang Wei showed Rahul and me round the Lumen Sensors factory.", views="agreed",
             learned="Their line changeover takes eleven minutes. Ours takes two hours.", follow_up_on=day("2025-12-01"))

    # Start-ups and tech: calls across time zones, a few conferences, Berlin in person.
    net.rhythm(["zhang"], every=50, jitter=8, kinds={"video_call": 4, "message": 1}, pool=ZHANG,
               times=["08:00", "09:00"])
    net.rhythm(["priya"], others=["amara", "kenji", "lucas"], extra=(0, 1), every=80, jitter=15,
               kinds={"video_call": 2, "message": 2}, pool=PRIYA, times=["07:30", "17:00", None])
    net.rhythm(["jonas"], others=["marta", "leila"], extra=(0, 1), every=40, jitter=6,
               kinds={"coffee": 3, "meal": 1, "office_visit": 1, "video_call": 1}, pool=JONAS,
               times=["09:00", "18:30", None], follow_up=0.15)
    net.rhythm(["sofia"], every=95, jitter=15, kinds={"meal": 2, "video_call": 1}, pool=SOFIA,
               times=["19:30", None])
    net.rhythm(["ethan"], every=120, jitter=20, kinds={"video_call": 1, "phone_call": 1}, pool=ETHAN)
    conferences = [
        (day("2024-11-28"), "Slush, Helsinki", ["sofia", "emma", "noah"],
         "Slush with Sofia; she introduced me to Emma and Noah at her fund's breakfast."),
        (day("2025-05-20"), "re:publica, Berlin", ["jonas", "marta", "leila", "amelia"],
         "re:publica with the Kreislauf team; Amelia interviewed Jonas on stage."),
        (day("2025-11-12"), "Web Summit, Lisbon", ["amara", "lucas", "amelia"],
         "Web Summit: Amara pitched, Lucas and Amelia and I cheered from the back."),
        (day("2026-09-30"), "Bits & Pretzels, München", ["jonas", "emma", "noah", "lea"],
         "Bits & Pretzels: Lea came along with Jonas; Emma and Noah had a stand together."),
    ]
    for date, place, who, notes in conferences:
        net.meet(date, "event", who, location=place, time="10:00", notes=notes)
    net.meet(day("2025-03-04"), "coffee", ["carlos"], location="Time Out Market, Lisbon",
             notes="Carlos on why Pagar.io is running out of money.", views="agreed",
             learned="A payments start-up dies of fraud losses before it dies of competition.")
    net.meet(day("2026-04-20"), "travel", ["kenji"], location="Shinkansen Tokyo–Kyoto",
             notes="Kenji took me to see a supplier in Kyoto; two hours of train and ideas.",
             learned="He plans in decades. The supplier is run by the founder's great-grandson.")

    # Family and old friends: Mum every three weeks, the sister's family, the rowing club.
    net.rhythm(["mum"], every=21, jitter=4, kinds={"phone_call": 5, "video_call": 1}, pool=MUM,
               times=["18:00"], blank=0.5)
    net.rhythm(["julia"], others=["marco", "lea", "mum"], extra=(1, 2), every=55, jitter=12,
               kinds={"meal": 3, "phone_call": 1}, pool=JULIA, times=["13:00", None])
    net.rhythm(["felix"], others=["anja"], extra=(0, 1), every=35, jitter=6,
               kinds={"other": 3, "meal": 1, "coffee": 1}, pool=FELIX, times=["07:00", None], blank=0.5)
    net.rhythm(["nina"], every=65, jitter=10, kinds={"meal": 2, "phone_call": 1}, pool=NINA, times=["20:00", None])
    # Tobias: the old school friend who has gone quiet for eight months.
    net.rhythm(["tobias"], every=50, jitter=8, end=day("2026-03-15"), kinds={"other": 2, "phone_call": 1}, pool=TOBIAS)
    net.rhythm(["henrik"], every=110, jitter=20, kinds={"video_call": 1, "message": 1}, pool=HENRIK)
    net.rhythm(["yasmin"], every=70, jitter=20, kinds={"coffee": 1}, unplanned=0.6, pool=YASMIN)
    celebrations = [
        (day("2025-05-10"), ["mum", "julia", "marco", "lea", "klaus"], "Mum's 74th in Kassel, all of us around the table."),
        (day("2026-05-09"), ["mum", "julia", "marco", "lea", "klaus"], "Mum's 75th: the choir sang, Klaus made a speech, Lea filmed everything."),
        (day("2024-12-25"), ["mum", "julia", "marco", "lea"], "Christmas in Munich at Julia and Marco's."),
        (day("2025-12-25"), ["mum", "julia", "marco", "lea", "klaus"], "Christmas in Kassel; Klaus brought the goose."),
        (day("2025-09-13"), ["julia", "marco"], "Julia and Marco's 21st wedding anniversary at the trattoria."),
        (day("2026-04-04"), ["felix", "anja", "yasmin"], "Felix's birthday in the workshop among the sawdust."),
        (day("2026-07-18"), ["lea", "jonas", "julia"], "Lea's end-of-internship party at Kreislauf."),
    ]
    for date, who, notes in celebrations:
        net.meet(date, "celebration", who, notes=notes, time="18:00" if date.month != 12 else None)
    net.meet(day("2025-08-02"), "travel", ["julia"], location="ICE 625 Frankfurt–München", planned=False,
             notes="Julia took the same train by chance; three hours of catching up.")

    # NGO, academia and the arts.
    net.rhythm(["athena"], others=["hannah"], extra=(0, 1), every=85, jitter=15,
               kinds={"video_call": 3, "meal": 1}, pool=ATHENA, times=["17:00", None])
    net.rhythm(["kwame"], others=["fatima", "nadia"], extra=(0, 1), every=75, jitter=15, end=day("2026-02-20"),
               kinds={"video_call": 1, "message": 1}, pool=KWAME)
    net.rhythm(["samuel"], others=["giorgi", "elena", "seoyeon"], extra=(0, 1), every=60, jitter=12,
               kinds={"event": 2, "coffee": 2, "meal": 1}, pool=SAMUEL, times=["19:30", None])
    net.meet(day("2025-06-14"), "event", ["athena", "kwame", "fatima", "hannah"], location="Megaron, Athens",
             time="09:00", notes="Athena's conference on polarisation; I was the only person from finance.",
             views="agreed", learned="Bubbles are built from comfort, not malice.")
    net.meet(day("2025-10-03"), "travel", ["mariana"], location="Flight Madrid–Ciudad de México", planned=False,
             notes="Mariana was on the same flight; she sketched the passengers.")
    net.meet(day("2025-10-05"), "event", ["mariana"], location="Colonia Roma, Ciudad de México",
             notes="Mariana's mural festival; a whole street painted in a weekend.")
    net.meet(day("2026-02-12"), "video_call", ["arjun"],
             notes="Arjun's documentary about Mumbai's dabbawalas; he wants finance advice for distribution.")
    net.meet(day("2026-08-21"), "meal", ["mette"], location="Refshaleøen, København",
             notes="Mette on designing housing with the residents.", views="agreed",
             learned="Her best buildings started with the residents' complaints.")

    # Serendipity: one-off meetings that nobody planned, and the follow-ups that came from them.
    chance = [
        (day("2025-02-27"), "travel", ["peter"], "Seat 14C, LH 778 Frankfurt–Singapore",
         "Eleven hours next to Peter: ships, fathers, and how a container finds its way.", "agreed",
         "Shipping plans in decades and finances in days."),
        (day("2025-03-01"), "meal", ["peter", "grace"], "Lau Pa Sat, Singapore",
         "Peter's dinner; Grace on lab-grown protein for hawker stalls. I could not see it; she could.", "differed", None),
        (day("2025-04-12"), "other", ["heinz"], "Bäckerei on Berger Straße",
         "The queue at the bakery: Heinz on sourdough, apprenticeships, and why nobody wants to start at 3 a.m.",
         "agreed", "He trained 31 apprentices. Two still bake."),
        (day("2025-06-28"), "travel", ["chiara"], "EC 151 Zürich–Milano",
         "Two hours stuck before the Gotthard tunnel with Chiara, who designs fabrics from recycled nets.", None, None),
        (day("2025-08-16"), "coffee", ["elif"], "Moda, Kadıköy",
         "Elif borrowed my charger and then interviewed me about German banks.", "differed",
         "She gets her news from eight sources, none of them a newspaper."),
        (day("2025-10-22"), "other", ["bjoern"], "Lift, conference hotel Hamburg",
         "Forty minutes stuck in the lift with Bjørn. We have stayed in touch.", "agreed", None),
        (day("2025-09-06"), "meal", ["marieclaire"], "Rifugio Lagazuoi, Dolomites",
         "Last table in the hut; Marie-Claire on the French hospital strike.", None, None),
        (day("2026-01-14"), "travel", ["omar"], "Taxi, Cairo airport",
         "Omar, a trained civil engineer, explained the new capital's water supply.", "agreed",
         "Cairo has more engineers than jobs for them; he drives a taxi and still reads the tenders."),
        (day("2026-03-28"), "other", ["rosa"], "Rental car Madrid–Lisbon",
         "The strike at Barajas: six hours in a rental car with Rosa, a competition lawyer who thinks banks are too big.",
         "differed", None),
        (day("2026-06-03"), "other", ["tomasz"], "My kitchen",
         "Tomasz fixed the pipe and talked about Kant's categorical imperative.", "agreed",
         "He studied philosophy in Kraków before he became a plumber."),
        (day("2025-10-26"), "event", ["ana"], "Frankfurt Marathon, water station km 30",
         "Handing out water with Ana, a medical student from Recife.", None, None),
    ]
    for date, kind, who, location, notes, views, learned in chance:
        net.meet(date, kind, who, planned=False, location=location, notes=notes, views=views, learned=learned)
    net.meet(day("2025-04-30"), "message", ["peter"], notes="Peter sent the report on green shipping corridors.")
    net.meet(day("2025-11-20"), "video_call", ["bjoern"], notes="Bjørn on offshore wind financing.",
             learned="The wind farms are fine; the grid connections are the bottleneck.")
    net.meet(day("2026-05-15"), "coffee", ["heinz", "finn"], location="Bäckerei on Berger Straße",
             notes="Introduced Finn to Heinz; they talked about apprenticeship for an hour.")
    net.meet(day("2026-10-18"), "message", ["elif"], notes="Elif sent her article on Turkish-German start-ups.")

    # The most recent weeks, so the demo's last encounter is a plain coffee yesterday.
    net.meet(day("2026-11-12"), "office_visit", ["herbert", "sandra"], location="Kessler, management floor",
             time="10:00", notes="Budget for next year with Herbert and Sandra; the new hall is finally full.", views="agreed")
    net.meet(day("2026-11-19"), "coffee", ["thomas", "jonas"], location="Café Wacker", time="08:30",
             notes="Brought Thomas and Jonas together again. This time Thomas asked the questions.",
             views="agreed", learned="Thomas listens differently when he is not the one being pitched to.",
             follow_up_on=day("2026-12-03"))
    # fmt: on


def add_ties(net: Network) -> None:
    organisation = {p[0]: p[2] for p in PEOPLE}
    # The banking bubble is dense: nearly everyone knows everyone.
    for i, a in enumerate(BANKING):
        for b in BANKING[i + 1 :]:
            if net.rng.random() < 0.7:
                net.tie(a, b, "colleague" if organisation[a] == organisation[b] else "knows")
    for i, a in enumerate(PLANT):
        for b in PLANT[i + 1 :]:
            if net.rng.random() < 0.35:
                net.tie(a, b, "colleague")
    for a, b, kind in BRIDGES_AND_CLOSE_TIES:
        net.tie(a, b, kind)
