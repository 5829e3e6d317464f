# ruff: noqa: E501  (most of this file is prose: names, notes and reasons read better unbroken)
"""Write crm/demo/demo_network.json: a realistic, deterministic demo network in the backup format.

Run it with `uv run python scripts/generate_demo_network.py`; the same seed always writes the same
file. The person behind the account is a finance manager in Frankfurt. The network has six circles:
a Frankfurt banking bubble (same industry, country, generation and level: the echo chamber the
bubble report should flag), a manufacturing plant, an international start-up scene, family and old
friends, NGO/academia/arts, and people met by chance. Encounters cover the two years before
2026-11-20; `python manage.py load_demo` moves them so the latest falls on yesterday.
"""

import datetime
import json
import random
import sys
from pathlib import Path

SEED = 20261120
LAST_DAY = datetime.date(2026, 11, 19)
FIRST_DAY = LAST_DAY - datetime.timedelta(days=729)
OUTPUT = Path(__file__).resolve().parent.parent / "crm" / "demo" / "demo_network.json"

DIMENSIONS = ["Industry", "Country/Culture", "Generation", "Hierarchy level", "Field"]
CONTACT_FIELDS = [
    "email", "phone", "organisation", "role", "city", "country", "birthday", "how_we_met",
    "met_through", "cadence_days", "trust", "archived", "notes",
]  # fmt: skip

# key, name, organisation, role, city, country of residence,
# then Industry, Country/Culture, Generation, Hierarchy level, Field (None: not recorded),
# then optional contact fields and `dates`, the important dates as (label, YYYY-MM-DD).
PEOPLE: list[tuple] = []


def person(key, name, organisation, role, city, country, attributes, **extra) -> None:
    PEOPLE.append((key, name, organisation, role, city, country, attributes, extra))


# fmt: off
# 1. The Frankfurt banking circle: one industry, one country, one generation, mostly senior.
BANKER = ("Banking", "Germany", "Gen X", "Senior management", "Finance")
BANK_EXECUTIVE = ("Banking", "Germany", "Gen X", "Executive", "Finance")
person("thomas", "Thomas Weber", "Mainland Bank AG", "Head of Corporate Banking", "Frankfurt am Main", "Germany", BANKER,
       birthday="1971-03-14", trust=5, cadence_days=60, email="thomas.weber@mainland-bank.example", phone="+49 69 5550 1410",
       how_we_met="Trainee programme at Mainland Bank in 1998; we shared a desk for a year.",
       notes="Godfather of my niece Lea. Knows everyone in Frankfurt banking, and everyone he knows is like him.",
       dates=[("Twenty years at Mainland Bank", "2018-09-01")])
person("frank", "Frank Richter", "Rhein-Main Capital", "Managing Director", "Frankfurt am Main", "Germany", BANK_EXECUTIVE,
       birthday="--07-02", trust=4, met_through="thomas", how_we_met="Thomas's fortieth birthday party.")
person("katrin", "Katrin Schulz", "Hessische Kreditanstalt", "Head of Credit Risk", "Frankfurt am Main", "Germany", BANKER,
       birthday="1974-11-03", trust=4, cadence_days=90, email="k.schulz@hka.example",
       how_we_met="Panel on SME lending at the Frankfurt Finance Summit.")
person("stefan", "Stefan Hoffmann", "Mainland Bank AG", "Head of Treasury", "Frankfurt am Main", "Germany", BANKER,
       birthday="--01-22", trust=3)
person("michael", "Michael Becker", "Bankhaus Lindenberg", "Partner", "Frankfurt am Main", "Germany", BANK_EXECUTIVE,
       trust=3, how_we_met="Rotary lunch, seated next to each other.")
person("christian", "Christian Wagner", "Mainland Bank AG", "Head of Compliance", "Frankfurt am Main", "Germany",
       ("Banking", "Germany", "Gen X", "Senior management", "Law"), birthday="1973-05-30", trust=4)
person("sabine", "Sabine Krüger", "Mainufer Sparkasse", "Head of IT Risk", "Offenbach am Main", "Germany",
       ("Banking", "Germany", "Gen X", "Senior management", "IT"),
       birthday="--09-17", trust=4, email="sabine.krueger@mainufer-sparkasse.example")
person("matthias", "Matthias Neumann", "Rhein-Main Capital", "Head of M&A", "Bad Homburg", "Germany", BANKER,
       trust=3, cadence_days=90, notes="Used to be at every jour fixe; went quiet after the Rhein-Main reorganisation.")
person("joerg", "Jörg Hartmann", "Bankhaus Lindenberg", "Head of Private Banking", "Königstein im Taunus", "Germany", BANKER,
       birthday="1967-08-08")
person("petra", "Petra Lange", "Mainufer Sparkasse", "Member of the Board", "Frankfurt am Main", "Germany", BANK_EXECUTIVE,
       birthday="--04-25", trust=4)
person("andreas", "Andreas Schäfer", "Mainland Bank AG", "Head of Real Estate Finance", "Frankfurt am Main", "Germany",
       ("Banking", "Germany", "Gen X", "Senior management", "Real estate"), trust=3)
person("wolfgang", "Dr. Wolfgang Brenner", "Mainland Bank AG", "Chief Executive Officer", "Frankfurt am Main", "Germany", BANK_EXECUTIVE,
       birthday="1965-02-11", trust=3, met_through="thomas")
person("ruediger", "Rüdiger Baum", None, "Retired, formerly Head of Credit at Mainland Bank", "Palma", "Spain",
       ("Banking", "Germany", "Boomer", "Senior management", "Finance"),
       birthday="1956-12-01", archived=True, notes="Retired to Mallorca in 2025. Sends a card at Christmas.")

# 2. A manufacturing plant: engineers, shop floor, works council, management.
KESSLER = "Kessler Antriebstechnik GmbH"
person("herbert", "Dr. Herbert Maier", KESSLER, "Plant Manager", "Schweinfurt", "Germany",
       ("Manufacturing", "Germany", "Boomer", "Senior management", "Engineering"),
       birthday="1962-06-19", trust=5, cadence_days=60, met_through="frank",
       email="herbert.maier@kessler-antriebe.example", phone="+49 9721 5550 200",
       how_we_met="Frank's fund financed the plant's new hall; Herbert gave me the tour.",
       dates=[("Plant anniversary (founded 1951)", "1951-04-02")])
person("lena", "Lena Fischer", KESSLER, "Process Engineer", "Schweinfurt", "Germany",
       ("Manufacturing", "Germany", "Millennial", "Professional", "Engineering"),
       birthday="1990-10-05", trust=4, cadence_days=45, met_through="herbert",
       how_we_met="Herbert sent me to her when I asked who really knows why line 3 stops.")
person("rahul", "Rahul Iyer", KESSLER, "Automation Engineer", "Würzburg", "Germany",
       ("Manufacturing", "India", "Millennial", "Professional", "Engineering"),
       birthday="--02-29", trust=4, met_through="lena",
       how_we_met="Lena brought him to coffee; he had rewired the PLCs of the old press on his own.")
person("uwe", "Uwe Franke", KESSLER, "Shift Supervisor", "Schweinfurt", "Germany",
       ("Manufacturing", "Germany", "Boomer", "Middle management", "Production"),
       birthday="1961-03-09", trust=4, notes="Forty years on the same site. Starts every shift walking the whole line.")
person("dariusz", "Dariusz Nowak", KESSLER, "CNC Machine Operator", "Schweinfurt", "Germany",
       ("Manufacturing", "Poland", "Gen X", "Shop floor", "Production"),
       birthday="--05-04", trust=4, how_we_met="Shop-floor visit; he stopped the machine to show me how he hears tool wear.")
person("ayse", "Ayşe Yılmaz", KESSLER, "Team Leader, Assembly", "Schweinfurt", "Germany",
       ("Manufacturing", "Turkey", "Millennial", "Middle management", "Production"), trust=4)
person("olga", "Olga Petrenko / Ольга Петренко", KESSLER, "Quality Inspector", "Schweinfurt", "Germany",
       ("Manufacturing", "Ukraine", "Millennial", "Shop floor", "Quality"),
       birthday="1991-01-27", trust=3,
       notes="Came from Kharkiv in 2022; was a metallurgist there. Her German is better than my Ukrainian will ever be.")
person("mehmet", "Mehmet Demir", KESSLER, "Forklift Driver, Logistics", "Schweinfurt", "Germany",
       ("Manufacturing", "Turkey", "Gen X", "Shop floor", "Logistics"))
person("jens", "Jens Vogel", KESSLER, "Maintenance Technician", "Gerolzhofen", "Germany",
       ("Manufacturing", "Germany", "Millennial", "Shop floor", "Maintenance"), birthday="--12-12")
person("gabriele", "Gabriele Roth", KESSLER, "Chair of the Works Council", "Schweinfurt", "Germany",
       ("Manufacturing", "Germany", "Gen X", "Middle management", "Labour relations"),
       trust=4, how_we_met="She asked, politely, why a banker was walking her shop floor.")
person("finn", "Finn Schuster", KESSLER, "Apprentice Industrial Mechanic", "Schweinfurt", "Germany",
       ("Manufacturing", "Germany", "Gen Z", "Shop floor", "Production"), birthday="2005-07-21")
person("sandra", "Sandra Köhler", KESSLER, "Chief Financial Officer", "Schweinfurt", "Germany",
       ("Manufacturing", "Germany", "Gen X", "Executive", "Finance"), trust=3, email="s.koehler@kessler-antriebe.example")
person("kemal", "Kemal Arslan", KESSLER, "Welder", "Schweinfurt", "Germany",
       ("Manufacturing", "Turkey", "Boomer", "Shop floor", "Production"), birthday="--08-30")

# 3. Start-ups and tech across countries and generations.
person("sofia", "Sofia Lindqvist", "Nordic Seed Partners", "Partner", "Stockholm", "Sweden",
       ("Venture capital", "Sweden", "Millennial", "Executive", "Investment"),
       birthday="1984-06-06", trust=4, cadence_days=90, how_we_met="Slush 2019 in Helsinki, in the queue for the sauna.")
person("zhang", "Zhang Wei / 张伟", "Shenzhen Lumen Sensors / 深圳流明传感", "Founder and CEO", "Shenzhen", "China",
       ("Hardware", "China", "Millennial", "Executive", "Engineering"),
       birthday="--09-28", trust=4, cadence_days=45, met_through="sofia", email="zhang.wei@lumen-sensors.example",
       dates=[("Lumen Sensors founding day", "2016-03-18")])
person("kenji", "Kenji Tanaka / 田中健二", "Kaizen Robotics K.K.", "Head of IoT", "Tokyo", "Japan",
       ("Robotics", "Japan", "Gen X", "Senior management", "Engineering"), trust=3, met_through="zhang")
person("priya", "Priya Raman", "Ledgerline", "Chief Technology Officer", "Bengaluru", "India",
       ("Fintech", "India", "Millennial", "Executive", "Software"),
       birthday="1989-12-19", trust=4,
       how_we_met="Shared a panel on instant payments in Amsterdam; she demolished my slide politely.")
person("amara", "Amara Okafor", "PayBridge Africa", "Founder", "Lagos", "Nigeria",
       ("Fintech", "Nigeria", "Millennial", "Executive", "Product"),
       trust=4, how_we_met="Web Summit Lisbon, she was pitching at the next booth.")
person("lucas", "Lucas Oliveira", "Verde Logística", "Engineering Manager", "São Paulo", "Brazil",
       ("Software", "Brazil", "Millennial", "Middle management", "Software"), birthday="--03-03")
person("noah", "Noah Cohen", "Independent", "Security Researcher", "Tel Aviv", "Israel",
       ("Cybersecurity", "Israel", "Gen Z", "Professional", "Software"), trust=3)
person("emma", "Emma Dubois", "Lumière Learning", "Product Lead", "Paris", "France",
       ("Education technology", "France", "Millennial", "Middle management", "Product"))
person("jonas", "Jonas Brandt", "Kreislauf", "Founder", "Berlin", "Germany",
       ("Software", "Germany", "Gen Z", "Executive", "Product"),
       birthday="1999-04-16", trust=4, cadence_days=30, met_through="lea",
       how_we_met="Lea's fellow student; he cornered me at her birthday with a pitch deck on his phone.")
person("marta", "Marta Kowalska", "Kreislauf", "Senior Backend Developer", "Berlin", "Germany",
       ("Software", "Poland", "Millennial", "Professional", "Software"), met_through="jonas")
person("leila", "Leila Haddad / ليلى حداد", "Freelance", "Product Designer", "Berlin", "Germany",
       ("Design", "Lebanon", "Millennial", "Professional", "Design"), birthday="--11-24", trust=3)
person("ethan", "Ethan Walker", None, "Angel Investor", "San Francisco", "USA",
       ("Venture capital", "USA", "Boomer", "Executive", "Investment"),
       birthday="1956-10-10", trust=3, notes="Sold his first company in 1999. Asks the best questions of anyone I know.")
person("amelia", "Amelia Clarke", "The Ledger Weekly", "Fintech Correspondent", "London", "United Kingdom",
       ("Media", "United Kingdom", "Millennial", "Professional", "Journalism"))
person("carlos", "Carlos Mendes", None, "Former founder of Pagar.io", "Lisbon", "Portugal",
       ("Fintech", "Portugal", "Millennial", "Executive", "Product"),
       archived=True, notes="Pagar.io closed in 2025; he moved to a surf school in Ericeira and out of reach.")

# 4. Family and old friends.
person("mum", "Ingrid Hartung", None, "Retired primary school teacher", "Kassel", "Germany",
       ("Education", "Germany", "Boomer", None, "Education"),
       birthday="1951-05-08", trust=5, cadence_days=14, phone="+49 561 5550 7788",
       notes="Mum. Sings in the church choir; call on Sundays.",
       dates=[("Wedding anniversary with Dad", "1975-06-21"), ("Dad's day of death", "2019-02-03")])
person("julia", "Julia Bianchi", "Klinikum Schwabing", "Paediatric Nurse", "München", "Germany",
       ("Healthcare", "Germany", "Gen X", "Professional", "Nursing"),
       birthday="1978-08-23", trust=5, cadence_days=30, notes="My sister.",
       dates=[("Wedding anniversary Julia & Marco", "2004-09-11")])
person("marco", "Marco Bianchi", "Trattoria Da Marco", "Chef and Owner", "München", "Germany",
       ("Hospitality", "Italy", None, None, "Cooking"), birthday="1976-01-15", trust=5)
person("lea", "Lea Bianchi", "TU München", "Computer Science Student", "München", "Germany",
       ("Education", "Germany", "Gen Z", None, "Computer science"),
       birthday="2003-02-02", trust=5, notes="My niece. Interned at Kreislauf in summer 2026.")
person("tobias", "Tobias Krämer", "Goethe-Gymnasium Kassel", "Teacher (German and History)", "Kassel", "Germany",
       ("Education", "Germany", "Gen X", "Professional", "Education"),
       birthday="1977-11-29", trust=5, cadence_days=60, how_we_met="Same class from year 5 to the Abitur.")
person("nina", "Dr. Nina Hofmann", "Universitätsklinikum Hamburg-Eppendorf", "Senior Cardiologist", "Hamburg", "Germany",
       ("Healthcare", "Germany", "Gen X", "Senior management", "Medicine"),
       birthday="1976-07-12", trust=5, cadence_days=60, how_we_met="Shared flat in Marburg during our studies.")
person("felix", "Felix Wolf", "Tischlerei Wolf", "Master Carpenter", "Frankfurt am Main", "Germany",
       ("Crafts", "Germany", "Gen X", "Shop floor", "Woodwork"),
       birthday="1974-04-02", trust=5, cadence_days=30, how_we_met="Rowing club Germania, same boat since 2003.")
person("anja", "Anja Wolf", "Apotheke am Merianplatz", "Pharmacist", "Frankfurt am Main", "Germany",
       ("Healthcare", "Germany", "Gen X", "Professional", "Pharmacy"), birthday="--10-14", trust=4)
person("klaus", "Klaus Hartung", None, "Retired railway engineer", "Kassel", "Germany",
       ("Transport", "Germany", "Boomer", None, "Engineering"),
       birthday="1948-12-24", trust=5, notes="My uncle; Dad's brother.")
person("yasmin", "Yasmin Aziz", "Aziz Sprachdienste", "Owner, translation agency", "Frankfurt am Main", "Germany",
       ("Language services", "Syria", "Millennial", "Executive", "Translation"),
       birthday="--06-30", trust=4, how_we_met="Neighbour two floors down; we met carrying a sofa.")
person("henrik", "Henrik Johansson", "Uppsala kommun", "Urban Planner", "Uppsala", "Sweden",
       ("Public sector", "Sweden", "Gen X", "Middle management", "Urban planning"),
       birthday="1975-03-21", trust=4, cadence_days=120, how_we_met="Erasmus year in Uppsala, 1997; corridor neighbours.")

# 5. NGOs, academia and the arts, international.
person("athena", "Αθηνά Παπαδοπούλου", "National and Kapodistrian University of Athens", "Professor of Sociology", "Athens", "Greece",
       ("Academia", "Greece", "Gen X", "Senior management", "Sociology"),
       birthday="--03-25", trust=4, cadence_days=90, met_through="nina",
       how_we_met="Nina's conference dinner in Hamburg; we argued about echo chambers until midnight.")
person("kwame", "Kwame Mensah", "Institute for Inclusive Growth", "Senior Research Fellow", "Accra", "Ghana",
       ("Academia", "Ghana", "Gen X", "Senior management", "Economics"), trust=4, cadence_days=90, met_through="athena")
person("fatima", "Fatima Zahra El Amrani", "Eau Pour Tous", "Executive Director", "Rabat", "Morocco",
       ("Non-profit", "Morocco", "Millennial", "Executive", "Water and sanitation"),
       birthday="1983-09-09", trust=4, met_through="kwame")
person("nadia", "Nadia Rahman", "Shakti Savings Network", "Programme Officer", "Dhaka", "Bangladesh",
       ("Non-profit", "Bangladesh", "Millennial", "Professional", "Economics"))
person("seoyeon", "Park Seo-yeon / 박서연", None, "Composer", "Berlin", "Germany",
       ("Arts", "South Korea", "Millennial", "Professional", "Music"), birthday="--05-15", trust=3)
person("giorgi", "Giorgi Beridze / გიორგი ბერიძე", "Frankfurter Opern- und Museumsorchester", "Violinist", "Frankfurt am Main", "Germany",
       ("Arts", "Georgia", "Millennial", "Professional", "Music"),
       trust=4, dates=[("Giorgoba, his name day", "2000-11-23")],
       how_we_met="Sat next to him on a tram after the opera; he still had the violin case on his lap.")
person("mariana", "Mariana López", None, "Muralist", "Ciudad de México", "Mexico",
       ("Arts", "Mexico", "Millennial", "Professional", "Visual arts"))
person("mette", "Mette Sørensen", "Sørensen & Holm Arkitekter", "Founding Partner", "København", "Denmark",
       ("Architecture", "Denmark", "Gen X", "Executive", "Architecture"), birthday="1970-01-31", trust=3)
person("arjun", "Arjun Mehta", None, "Documentary Filmmaker", "Mumbai", "India",
       ("Film", "India", "Millennial", "Professional", "Film"))
person("hannah", "Dr. Hannah Goldberg", "Universität Wien", "Research Fellow in Social Psychology", "Wien", "Austria",
       ("Academia", "Austria", "Millennial", "Professional", "Psychology"), birthday="--08-14")
person("samuel", "Samuel Adeyemi", "Weltkulturen Museum", "Curator", "Frankfurt am Main", "Germany",
       ("Arts", "Nigeria", "Gen X", "Middle management", "Art history"), trust=4, cadence_days=60)
person("elena", "Elena Popescu", "Caritas Frankfurt", "Social Worker, Refugee Counselling", "Frankfurt am Main", "Germany",
       ("Non-profit", "Romania", "Millennial", "Professional", "Social work"), trust=4)

# 6. Serendipity: the flight neighbour, the queue at the bakery, the stuck lift.
person("peter", "Peter Lindgren", "Skagerrak Maritime Advisors", "Senior Partner", "Oslo", "Norway",
       ("Shipping", "Norway", "Gen X", "Senior management", "Logistics"), trust=3,
       how_we_met="Seat 14C next to mine on the night flight Frankfurt–Singapore; we talked for eleven hours.")
person("grace", "Grace Tan", "GreenBowl", "Co-founder", "Singapore", "Singapore",
       ("Food technology", "Singapore", "Millennial", "Executive", "Product"),
       met_through="peter", how_we_met="Peter insisted I join his dinner in Singapore; she sat opposite.")
person("heinz", "Heinz Obermeier", None, "Retired master baker", "Frankfurt am Main", "Germany",
       ("Crafts", "Germany", "Boomer", "Shop floor", "Baking"),
       how_we_met="The queue at the bakery on Berger Straße; he told me what was wrong with the rye bread.")
person("chiara", "Chiara Rossi", "Studio Rossi Tessuti", "Textile Designer", "Milano", "Italy",
       ("Fashion", "Italy", "Millennial", "Professional", "Design"),
       how_we_met="Train to Milan, two hours stuck before the Gotthard tunnel.")
person("elif", "Elif Kaya", "Bağımsız Haber", "Journalist", "İstanbul", "Turkey",
       ("Media", "Turkey", "Gen Z", "Professional", "Journalism"),
       how_we_met="Next table at a café in Kadıköy; she asked to borrow my charger.")
person("bjoern", "Bjørn Halvorsen", "Vestvind Energi", "Head of Offshore Projects", "Bergen", "Norway",
       ("Energy", "Norway", "Boomer", "Senior management", "Offshore wind"),
       how_we_met="Forty minutes stuck in the lift of the conference hotel in Hamburg.")
person("marieclaire", "Marie-Claire Fontaine", "Hôpital de la Croix-Rousse", "Nurse", "Lyon", "France",
       ("Healthcare", "France", "Gen X", "Professional", "Nursing"),
       how_we_met="Shared the last table at the Rifugio Lagazuoi in the Dolomites.")
person("omar", "Omar Farouk", None, "Taxi driver, trained civil engineer", "Cairo", "Egypt",
       ("Transport", "Egypt", "Millennial", "Shop floor", "Civil engineering"),
       how_we_met="Drove me from Cairo airport and explained the new capital's water supply better than the brochure.")
person("rosa", "Rosa Martínez", "Martínez & Vidal Abogados", "Partner", "Madrid", "Spain",
       ("Law", "Spain", "Gen X", "Senior management", "Law"),
       how_we_met="Stranded at Madrid airport during the strike; we shared a rental car to Lisbon.")
person("tomasz", "Tomasz Wiśniewski", None, "Plumber", "Frankfurt am Main", "Germany",
       ("Crafts", "Poland", "Millennial", "Shop floor", "Plumbing"),
       how_we_met="Fixed the burst pipe in my flat and talked about Kant while doing it.")
person("ana", "Ana Lima", "Goethe-Universität Frankfurt", "Medical Student", "Frankfurt am Main", "Germany",
       ("Education", "Brazil", "Gen Z", None, "Medicine"),
       how_we_met="Handing out water next to me at the Frankfurt Marathon.")
# fmt: on

KEYS = [p[0] for p in PEOPLE]
BANKING = KEYS[KEYS.index("thomas") : KEYS.index("ruediger") + 1]
PLANT = KEYS[KEYS.index("herbert") : KEYS.index("kemal") + 1]


class Network:
    """Collects ties and encounters while the script tells the story of two years."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.encounters: list[dict] = []
        self.ties: dict[frozenset, dict] = {}

    def tie(self, a: str, b: str, kind: str) -> None:
        pair = frozenset((a, b))
        if a != b and pair not in self.ties:
            first, second = sorted((a, b), key=KEYS.index)
            self.ties[pair] = {"a": first, "b": second, "kind": kind}

    def meet(self, date, kind, who, *, planned=True, time=None, follow_up_on=None, **text) -> None:
        """One encounter; `text` holds location, notes, learned and views."""
        if not FIRST_DAY <= date <= LAST_DAY:
            return
        self.encounters.append(
            {
                "occurred_on": date,
                "time": time,
                "kind": kind,
                "planned": planned,
                "participants": sorted(set(who), key=KEYS.index),
                "location": text.get("location"),
                "notes": text.get("notes"),
                "learned": text.get("learned"),
                "views": text.get("views"),
                "follow_up_on": follow_up_on,
            }
        )

    def dates(self, every: int, jitter: int, start: datetime.date, end: datetime.date):
        """Dates from start to end about `every` days apart."""
        date = start + datetime.timedelta(days=self.rng.randint(0, max(0, every // 2)))
        while date <= end:
            yield date
            date += datetime.timedelta(days=max(1, every + self.rng.randint(-jitter, jitter)))

    def rhythm(self, core, *, every, jitter, kinds, pool, others=(), extra=(0, 0),
               start=FIRST_DAY, end=LAST_DAY, unplanned=0.0, times=(None,), blank=0.25,
               follow_up=0.0) -> None:  # fmt: skip
        """A recurring meeting: `core` each time, plus a few of `others`, notes drawn from `pool`."""
        rng = self.rng
        for date in self.dates(every, jitter, start, end):
            who = list(core)
            if others:
                who += rng.sample(list(others), min(len(others), rng.randint(*extra)))
            kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
            entry = rng.choice(pool) if rng.random() > blank else {}
            planned = rng.random() >= unplanned
            time = rng.choice(times)
            follow_up_on = None
            if rng.random() < follow_up:
                follow_up_on = date + datetime.timedelta(days=rng.choice([7, 14, 30]))
            self.meet(
                date, kind, who, planned=planned, time=time, follow_up_on=follow_up_on, **entry
            )


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


# fmt: off
BANKING_LUNCH = [
    {"location": "Villa Merton, Frankfurt", "views": "agreed",
     "notes": "Jour fixe lunch. Everyone expects rates to stay where they are; nobody argued.",
     "learned": "Nobody at the table has spoken to a customer under thirty this year."},
    {"location": "Main Tower restaurant", "views": "agreed",
     "notes": "The new capital requirements again. Same view around the table, same jokes."},
    {"location": "Villa Merton, Frankfurt", "views": "agreed",
     "notes": "Frank thinks commercial real estate has bottomed out. Everyone nodded.",
     "learned": "The real estate exposure is larger than the annual reports suggest."},
    {"location": "Zum Gemalten Haus, Sachsenhausen", "views": "mixed",
     "notes": "I brought up what I saw on the shop floor in Schweinfurt. Polite interest, then back to golf."},
    {"location": "Main Tower restaurant", "views": "agreed",
     "notes": "Succession talk: who runs Mainland Bank after 2030. Four candidates, all from the same trainee year."},
    {"location": "Villa Merton, Frankfurt", "views": "agreed",
     "notes": "AI in credit scoring. Sceptical, all of us, for the same reasons.",
     "learned": "Katrin's risk team hired a data scientist from Nairobi, the first from outside the usual universities."},
    {"location": "Zum Gemalten Haus, Sachsenhausen", "views": "agreed",
     "notes": "Apfelwein and the Bundesliga. Pleasant, and I learned nothing."},
    {"location": "Villa Merton, Frankfurt", "views": "mixed",
     "notes": "Christian disagreed with the table for once, on crypto custody. It was the best lunch in months."},
]
BANKING_ONE_TO_ONE = [
    {"location": "Mainland Bank, 38th floor", "views": "agreed",
     "notes": "Thomas on the reorganisation of corporate banking; he wants my view on the SME desk."},
    {"location": "Café Wacker", "notes": "Coffee before the board meeting. Mostly family news."},
    {"location": "Hessische Kreditanstalt", "views": "mixed",
     "notes": "Katrin walked me through the new early-warning model.",
     "learned": "Defaults in the supplier base of the car industry are rising faster than the models expect."},
    {"location": "Opernplatz", "notes": "Quick espresso after the Börsenverein reception."},
    {"location": "Palmengarten", "views": "agreed", "notes": "Walk and talk with Stefan about liquidity buffers."},
]
BANKING_EVENTS = [
    {"location": "Alte Oper, Frankfurt", "notes": "Bankenabend. Five hundred dark suits.", "views": "agreed"},
    {"location": "Messe Frankfurt", "notes": "Frankfurt Finance Summit: panel on SME lending.",
     "learned": "The panel agreed on everything; the only question from the floor came from a student."},
    {"location": "Kempinski Gravenbruch", "notes": "Rotary summer party."},
]
PLANT_FLOOR = [
    {"location": "Hall 2, CNC cell", "views": "differed",
     "notes": "Walked the line with Uwe at the 6 a.m. shift change. The new CNC cell runs, but set-up takes twice as long as the business case said.",
     "learned": "The business case was written in Frankfurt, by people like me."},
    {"location": "Hall 2", "views": "mixed",
     "notes": "Dariusz showed me how he hears tool wear before the sensors report it.",
     "learned": "Twenty years of listening beats the vibration threshold we paid for."},
    {"location": "Quality lab", "views": "mixed",
     "notes": "Olga explained why rejects jump on Mondays: the first parts after the weekend are too cold.",
     "learned": "A ten-minute warm-up run would save more than the new inspection camera."},
    {"location": "Break room, Hall 1", "views": "differed",
     "notes": "Break-room argument about energy prices and the four-day week. Strong opinions, none of them mine.",
     "learned": "Shift workers want predictable rosters more than overtime pay."},
    {"location": "Loading dock", "views": "agreed",
     "notes": "Mehmet's forklift route crosses the footpath twice; he has had a fix for a year and nobody asked him."},
    {"location": "Press shop", "views": "mixed",
     "notes": "Jens repaired the press hydraulics while I watched; we talked about apprenticeships.",
     "learned": "Half the maintenance team retires within eight years."},
    {"location": "Assembly line 3", "views": "differed",
     "notes": "Ayşe's team re-sequenced the line themselves. Management wants to roll it out; the team wants credit first."},
    {"location": "Hall 2", "notes": "Finn showed me his first weld seam that passed inspection. Proud as anything."},
]
PLANT_OFFICE = [
    {"location": "Kessler, management floor", "views": "mixed",
     "notes": "Herbert on the new hall and the bank covenants.",
     "learned": "The covenants assume a utilisation the plant has never reached."},
    {"location": "Kessler canteen", "views": "agreed",
     "notes": "Coffee with Lena and Rahul about the sensor retrofit for line 3."},
    {"location": "Kessler, works council office", "views": "differed",
     "notes": "Gabriele on the restructuring rumours. She does not trust the owners; I see why.",
     "learned": "Rumours travel faster on the shop floor than any memo."},
    {"location": "Kessler canteen", "views": "mixed",
     "notes": "Lena wants to do a part-time MBA; I argued she should not leave engineering."},
]
TECH_CALLS = [
    {"views": "differed",
     "notes": "Zhang Wei on data sovereignty: he thinks European rules mostly protect incumbents.",
     "learned": "Shenzhen iterates hardware in weeks; we plan it in quarters."},
    {"views": "mixed", "notes": "Lumen's new vibration sensor: price down forty percent in a year.",
     "learned": "The sensor costs less than one hour of unplanned downtime at Kessler."},
    {"notes": "Catch-up on export controls and the new factory in Penang."},
    {"views": "differed",
     "notes": "Priya on instant payments: the German banks are ten years behind and think they are early."},
    {"views": "mixed", "notes": "Amara on why mobile money works in Lagos and not in Frankfurt.",
     "learned": "Trust in a payment system comes from the agent on the corner, not the brand."},
    {"notes": "Kenji demoed the predictive maintenance dashboard; very Japanese, very thorough."},
]
TECH_IN_PERSON = [
    {"location": "Kreislauf office, Kreuzberg", "views": "differed",
     "notes": "Jonas pitched the repair-marketplace pivot. I pushed on unit economics; he pushed on my assumptions about his generation.",
     "learned": "His users do not own cars and do not want to."},
    {"location": "Factory Berlin", "views": "mixed",
     "notes": "Jonas and Marta on hiring: they pay less than the banks and get better engineers."},
    {"location": "Café Einstein, Berlin", "notes": "Breakfast before the investor meeting; Jonas nervous, then brilliant."},
    {"location": "Markthalle Neun, Berlin", "views": "differed",
     "notes": "Marta thinks the four-day week is the only honest hiring pitch left.",
     "learned": "Remote work is the norm for them, not a benefit."},
    {"location": "Östermalms Saluhall, Stockholm", "views": "mixed",
     "notes": "Dinner with Sofia: the Nordic funds are moving into defence tech."},
]
FAMILY_CALLS = [
    {"notes": "Mum's knee is better; she is back in the choir."},
    {"notes": "Mum found Dad's letters from his year in Tanzania; she read me two."},
    {"notes": "Talked about the garden and the neighbours' new grandchild."},
    {"views": "differed", "notes": "Mum on the election. We will not agree, and that is fine."},
    {"notes": "Mum asked whether I am working too much. Yes."},
]
FAMILY_MEALS = [
    {"location": "Trattoria Da Marco, München", "views": "agreed",
     "notes": "Sunday lunch at Marco's. Lea explained large language models to the table."},
    {"location": "Julia's flat, Schwabing", "views": "mixed",
     "notes": "Julia on night shifts on the children's ward and the staffing crisis.",
     "learned": "Half of her ward's nurses work part time because full time breaks them."},
    {"location": "Trattoria Da Marco, München", "notes": "Marco's new menu; osso buco for eight."},
    {"location": "Kassel, Mum's house", "notes": "Coffee and plum cake at Mum's with Julia."},
]
FRIENDS = [
    {"location": "Ruderclub Germania, Frankfurt", "notes": "Rowing on the Main at seven, then breakfast."},
    {"location": "Tischlerei Wolf", "views": "mixed",
     "notes": "Felix on why he cannot find apprentices and why he will not pay agencies.",
     "learned": "A master carpenter earns less than our junior analysts."},
    {"location": "Hamburg, Schanzenviertel", "views": "differed",
     "notes": "Dinner with Nina; we disagreed about the hospital reform for two hours and hugged at the end."},
    {"notes": "Long call with Henrik about Uppsala's car-free centre.",
     "learned": "Shops complained for a year and then doubled their turnover."},
    {"location": "Kassel", "views": "agreed", "notes": "Tobias and I walked the Bergpark like every time."},
]
CULTURE = [
    {"views": "differed",
     "notes": "Athena on polarisation research; she thinks my bubble worry is itself a bubble.",
     "learned": "People in echo chambers overestimate how many others agree with them by about thirty points."},
    {"views": "differed", "notes": "Kwame on informal economies in Accra.",
     "learned": "What we call 'unbanked' is often a very sophisticated system we cannot see."},
    {"views": "mixed", "notes": "Fatima on financing wells: donors want photos, villages want maintenance budgets."},
    {"location": "Alte Oper, Frankfurt", "notes": "Giorgi played the Sibelius concerto; drinks afterwards with the orchestra."},
    {"location": "Weltkulturen Museum", "views": "differed",
     "notes": "Samuel's exhibition on restitution. I came with opinions and left with questions.",
     "learned": "The objects' owners were never asked what should happen to them."},
    {"location": "Radialsystem, Berlin", "notes": "Premiere of Seo-yeon's string quartet. Half the audience under thirty."},
    {"views": "mixed", "notes": "Hannah on how groups drift towards the most confident speaker."},
    {"location": "Caritas Frankfurt", "views": "mixed",
     "notes": "Elena on the job market for refugees with foreign degrees.",
     "learned": "Recognising a Syrian engineering degree takes longer than earning a German one."},
]
# fmt: on


def tell_the_story(net: Network) -> None:
    rng = net.rng
    # fmt: off
    # The banking jour fixe: monthly, always the same faces, views nearly always agreed.
    net.rhythm(["thomas"], others=["frank", "katrin", "stefan", "michael", "christian", "joerg", "petra", "andreas"],
               extra=(2, 4), every=30, jitter=4, kinds={"meal": 1}, pool=BANKING_LUNCH, times=["12:30"], blank=0.15)
    # Matthias came to lunch with Frank until the reorganisation, then went quiet.
    net.rhythm(["matthias", "frank"], every=45, jitter=10, kinds={"meal": 2, "coffee": 1}, pool=BANKING_LUNCH,
               end=day("2026-03-10"), times=["12:30", None])
    net.rhythm(["thomas"], every=55, jitter=10, kinds={"coffee": 3, "phone_call": 1}, pool=BANKING_ONE_TO_ONE,
               times=["08:00", "17:30", None])
    net.rhythm(["katrin"], every=80, jitter=15, kinds={"coffee": 2, "office_visit": 1}, pool=BANKING_ONE_TO_ONE,
               times=["09:00", None])
    net.rhythm(["stefan"], others=["sabine", "wolfgang"], extra=(0, 1), every=120, jitter=20,
               kinds={"coffee": 1, "office_visit": 1}, pool=BANKING_ONE_TO_ONE)
    regulars = [key for key in BANKING if key not in ("matthias", "ruediger")]
    for date, entry in zip([day("2025-01-23"), day("2025-09-18"), day("2026-01-22"), day("2026-06-26")],
                           [BANKING_EVENTS[0], BANKING_EVENTS[1], BANKING_EVENTS[0], BANKING_EVENTS[2]], strict=True):
        net.meet(date, "event", rng.sample(regulars, 6), time="19:00", **entry)
    net.meet(day("2025-02-14"), "meal", ["ruediger", "thomas"], location="Villa Merton, Frankfurt",
             notes="Rüdiger's farewell lunch before Mallorca.", views="agreed")
    net.meet(day("2025-12-20"), "message", ["ruediger"], notes="Christmas card from Palma, with a photo of his boat.")
    net.meet(day("2026-05-07"), "travel", ["stefan"], planned=False, location="Flight LH 1336 to Berlin",
             notes="Ran into Stefan at the gate; sat together by chance.")

    # The plant: shop-floor visits every six weeks, meetings with management in between.
    floor = ["uwe", "dariusz", "ayse", "olga", "mehmet", "jens", "finn", "kemal", "gabriele"]
    net.rhythm(["uwe"], others=floor[1:], extra=(1, 3), every=42, jitter=7, kinds={"shop_floor": 1},
               pool=PLANT_FLOOR, times=["06:00", "14:00", "22:00"], blank=0.1)
    net.rhythm(["herbert"], others=["sandra"], extra=(0, 1), every=75, jitter=15,
               kinds={"office_visit": 3, "meal": 1, "phone_call": 1}, pool=PLANT_OFFICE, times=["10:00", None])
    # Lena: cadence 45 days, but nothing since the summer party.
    net.rhythm(["lena"], others=["rahul"], extra=(0, 1), every=50, jitter=10, end=day("2026-04-02"),
               kinds={"coffee": 3, "video_call": 1}, pool=PLANT_OFFICE, times=["15:00", None], follow_up=0.2)
    net.rhythm(["gabriele"], every=150, jitter=20, kinds={"coffee": 1}, pool=PLANT_OFFICE)
    for year in (2025, 2026):
        net.meet(day(f"{year}-07-11"), "celebration",
                 ["herbert", "uwe", "dariusz", "ayse", "olga", "mehmet", "jens", "finn", "gabriele", "lena", "rahul"],
                 location="Kessler plant, Hall 1", time="16:00",
                 notes="Summer party of the plant. Kemal's grill, Ayşe's baklava, the works council's band.")
    net.meet(day("2025-11-06"), "travel", ["rahul"], location="Flight Frankfurt–Shenzhen",
             notes="Flew with Rahul to visit Lumen Sensors.",
             learned="Rahul had never been to a trade fair in Asia; he took more notes than I did.")
    net.meet(day("2025-11-08"), "office_visit", ["rahul", "zhang"], location="Lumen Sensors, Nanshan, Shenzhen",
             time="09:30", notes="Factory tour at Lumen Sensors with Rahul.", views="mixed",
             learned="Their line changeover takes eleven minutes. Ours takes two hours.", follow_up_on=day("2025-12-01"))

    # Start-ups and tech: calls across time zones, a few conferences, Berlin in person.
    net.rhythm(["zhang"], every=50, jitter=8, kinds={"video_call": 4, "message": 1}, pool=TECH_CALLS,
               times=["08:00", "09:00"])
    net.rhythm(["priya"], others=["amara", "kenji", "lucas"], extra=(0, 1), every=80, jitter=15,
               kinds={"video_call": 2, "message": 2}, pool=TECH_CALLS, times=["07:30", "17:00", None])
    net.rhythm(["jonas"], others=["marta", "leila"], extra=(0, 1), every=40, jitter=6,
               kinds={"coffee": 3, "meal": 1, "office_visit": 1, "video_call": 1}, pool=TECH_IN_PERSON,
               times=["09:00", "18:30", None], follow_up=0.15)
    net.rhythm(["sofia"], every=95, jitter=15, kinds={"meal": 2, "video_call": 1}, pool=TECH_IN_PERSON,
               times=["19:30", None])
    net.rhythm(["ethan"], every=120, jitter=20, kinds={"video_call": 1, "phone_call": 1},
               pool=[{"notes": "Ethan's quarterly question: 'What did you change your mind about?'",
                      "views": "differed", "learned": "I had no good answer the first time."}])
    conferences = [
        (day("2024-11-28"), "Slush, Helsinki", ["sofia", "emma", "noah"]),
        (day("2025-05-20"), "re:publica, Berlin", ["jonas", "marta", "leila", "amelia"]),
        (day("2025-11-12"), "Web Summit, Lisbon", ["amara", "lucas", "amelia", "carlos"]),
        (day("2026-09-30"), "Bits & Pretzels, München", ["jonas", "emma", "noah", "lea"]),
    ]
    for date, place, who in conferences:
        net.meet(date, "event", who, location=place, time="10:00",
                 notes=f"{place.split(',')[0]}. Too many pitches, three good conversations.", views="mixed")
    net.meet(day("2025-03-04"), "coffee", ["carlos"], location="Lisbon, Time Out Market",
             notes="Carlos on why Pagar.io is running out of money.", views="mixed")
    net.meet(day("2026-04-20"), "travel", ["kenji"], location="Shinkansen Tokyo–Kyoto",
             notes="Kenji took me to see a supplier in Kyoto; two hours of train and ideas.", views="differed",
             learned="He plans in decades. The supplier is run by the founder's great-grandson.")

    # Family and old friends: Mum every three weeks, the sister's family, the rowing club.
    net.rhythm(["mum"], every=21, jitter=4, kinds={"phone_call": 5, "video_call": 1}, pool=FAMILY_CALLS,
               times=["18:00"], blank=0.5)
    net.rhythm(["julia"], others=["marco", "lea", "mum"], extra=(1, 2), every=55, jitter=12,
               kinds={"meal": 3, "phone_call": 1}, pool=FAMILY_MEALS, times=["13:00", None])
    net.rhythm(["felix"], others=["anja"], extra=(0, 1), every=35, jitter=6,
               kinds={"other": 3, "meal": 1, "coffee": 1}, pool=FRIENDS, times=["07:00", None], blank=0.5)
    net.rhythm(["nina"], every=65, jitter=10, kinds={"meal": 2, "phone_call": 1}, pool=FRIENDS, times=["20:00", None])
    # Tobias: the old school friend who has gone quiet for eight months.
    net.rhythm(["tobias"], every=50, jitter=8, end=day("2026-03-15"), kinds={"other": 2, "phone_call": 1}, pool=FRIENDS)
    net.rhythm(["henrik"], every=110, jitter=20, kinds={"video_call": 1, "message": 1}, pool=FRIENDS)
    net.rhythm(["yasmin"], every=70, jitter=20, kinds={"coffee": 1}, unplanned=0.6, pool=[
        {"location": "Konstablerwache farmers' market", "notes": "Bumped into Yasmin at the market."},
        {"location": "Berger Straße", "views": "mixed", "notes": "Yasmin on her brother's degree recognition."},
    ])
    celebrations = [
        (day("2025-05-10"), ["mum", "julia", "marco", "lea", "klaus"], "Mum's 74th in Kassel, all of us around the table."),
        (day("2026-05-09"), ["mum", "julia", "marco", "lea", "klaus"], "Mum's 75th: the choir sang, Klaus made a speech, Lea filmed everything."),
        (day("2024-12-25"), ["mum", "julia", "marco", "lea"], "Christmas in Munich at Julia and Marco's."),
        (day("2025-12-25"), ["mum", "julia", "marco", "lea", "klaus"], "Christmas in Kassel."),
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
               kinds={"video_call": 3, "meal": 1}, pool=CULTURE, times=["17:00", None])
    net.rhythm(["kwame"], others=["fatima", "nadia"], extra=(0, 1), every=75, jitter=15, end=day("2026-02-20"),
               kinds={"video_call": 1, "message": 1}, pool=CULTURE)
    net.rhythm(["samuel"], others=["giorgi", "elena", "seoyeon"], extra=(0, 1), every=60, jitter=12,
               kinds={"event": 2, "coffee": 2, "meal": 1}, pool=CULTURE, times=["19:30", None])
    net.meet(day("2025-06-14"), "event", ["athena", "kwame", "fatima", "hannah"], location="Athens, Megaron",
             time="09:00", notes="Athena's conference on polarisation; I was the only person from finance.",
             views="differed", learned="Bubbles are built from comfort, not malice.")
    net.meet(day("2025-10-03"), "travel", ["mariana"], location="Flight Madrid–Ciudad de México", planned=False,
             notes="Mariana was on the same flight; she sketched the passengers.")
    net.meet(day("2025-10-05"), "event", ["mariana"], location="Colonia Roma, Ciudad de México",
             notes="Mariana's mural festival; a whole street painted in a weekend.", views="mixed")
    net.meet(day("2026-02-12"), "video_call", ["arjun"],
             notes="Arjun's documentary about Mumbai's dabbawalas; he wants finance advice for distribution.")
    net.meet(day("2026-08-21"), "meal", ["mette"], location="København, Refshaleøen",
             notes="Mette on designing housing with the residents.", views="differed",
             learned="Her best buildings started with the residents' complaints.")

    # Serendipity: one-off meetings that nobody planned, and the follow-ups that came from them.
    chance = [
        (day("2025-02-27"), "travel", ["peter"], "Seat 14C, LH 778 Frankfurt–Singapore",
         "Eleven hours next to Peter: ships, fathers, and how a container finds its way.", "mixed",
         "Shipping plans in decades and finances in days."),
        (day("2025-03-01"), "meal", ["peter", "grace"], "Lau Pa Sat, Singapore",
         "Peter's dinner; Grace on lab-grown protein for hawker stalls.", "differed", None),
        (day("2025-04-12"), "other", ["heinz"], "Bäckerei on Berger Straße",
         "The queue at the bakery: Heinz on sourdough, apprenticeships, and why nobody wants to start at 3 a.m.",
         "mixed", "He trained 31 apprentices. Two still bake."),
        (day("2025-06-28"), "travel", ["chiara"], "EC 151 Zürich–Milano",
         "Two hours stuck before the Gotthard tunnel with Chiara, who designs fabrics from recycled nets.", None, None),
        (day("2025-08-16"), "coffee", ["elif"], "Moda, Kadıköy",
         "Elif borrowed my charger and then interviewed me about German banks.", "differed",
         "She gets her news from eight sources, none of them a newspaper."),
        (day("2025-10-22"), "other", ["bjoern"], "Lift, conference hotel Hamburg",
         "Forty minutes stuck in the lift with Bjørn. We have stayed in touch.", "agreed", None),
        (day("2025-09-06"), "meal", ["marieclaire"], "Rifugio Lagazuoi, Dolomites",
         "Last table in the hut; Marie-Claire on the French hospital strike.", "mixed", None),
        (day("2026-01-14"), "travel", ["omar"], "Taxi, Cairo airport",
         "Omar, trained civil engineer, explained the new capital's water supply.", "mixed",
         "Engineers drive taxis in Cairo; Olga inspects parts in Schweinfurt. Same story."),
        (day("2026-03-28"), "other", ["rosa"], "Rental car Madrid–Lisbon",
         "The strike at Barajas: six hours in a rental car with Rosa, a competition lawyer.", "differed", None),
        (day("2026-06-03"), "other", ["tomasz"], "My kitchen",
         "Tomasz fixed the pipe and talked about Kant's categorical imperative.", "mixed",
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
             time="10:00", notes="Budget for next year; the new hall is finally full.", views="mixed")
    net.meet(day("2026-11-19"), "coffee", ["thomas", "jonas"], location="Café Wacker", time="08:30",
             notes="Brought Thomas and Jonas together again. This time Thomas asked the questions.",
             views="mixed", learned="Thomas listens differently when he is not the one being pitched to.",
             follow_up_on=day("2026-12-03"))
    # fmt: on


BRIDGES_AND_CLOSE_TIES = [
    ("thomas", "frank", "friend"), ("frank", "herbert", "knows"), ("herbert", "lena", "colleague"),
    ("lena", "rahul", "colleague"), ("uwe", "dariusz", "colleague"), ("ayse", "mehmet", "friend"),
    ("katrin", "sandra", "knows"), ("sofia", "zhang", "knows"), ("zhang", "kenji", "knows"),
    ("priya", "amara", "knows"), ("jonas", "marta", "colleague"), ("jonas", "leila", "friend"),
    ("sofia", "ethan", "knows"), ("amelia", "priya", "knows"), ("carlos", "lucas", "knows"),
    ("emma", "noah", "knows"), ("mum", "julia", "family"), ("mum", "klaus", "family"),
    ("mum", "lea", "family"), ("julia", "marco", "family"), ("julia", "lea", "family"),
    ("marco", "lea", "family"), ("julia", "klaus", "family"), ("felix", "anja", "family"),
    ("tobias", "nina", "friend"), ("felix", "yasmin", "friend"), ("nina", "henrik", "friend"),
    ("lea", "jonas", "friend"), ("nina", "athena", "friend"), ("athena", "kwame", "colleague"),
    ("athena", "hannah", "colleague"), ("kwame", "fatima", "knows"), ("fatima", "nadia", "knows"),
    ("giorgi", "seoyeon", "friend"), ("samuel", "giorgi", "knows"), ("samuel", "mariana", "knows"),
    ("elena", "yasmin", "friend"), ("peter", "grace", "knows"), ("peter", "bjoern", "knows"),
    ("heinz", "finn", "knows"), ("zhang", "rahul", "knows"),
]  # fmt: skip


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


# a, b, made_on, reason, channel, status, outcome, outcome_note, follow_up_on
# fmt: off
INTRODUCTIONS = [
    ("zhang", "rahul", "2025-09-15", "Lumen's vibration sensors could replace the retrofit Rahul is building by hand for line 3.",
     "email", "met", "fruitful", "Pilot on line 3 since January; downtime down by a third.", None),
    ("katrin", "amara", "2025-12-02", "Amara wants to understand German lending rules before PayBridge opens in Europe; Katrin knows them better than anyone.",
     "email", "made", "pending", None, "2026-12-05"),
    ("peter", "sofia", "2025-05-06", "Peter is raising a fund for green shipping; Sofia invests in climate tech.",
     "email", "met", "neutral", "They liked each other; no deal, shipping is too slow for her fund.", None),
    ("gabriele", "fatima", "2026-10-29", "Both run training for people whose degrees are not recognised; the works council wants a partner for vocational German.",
     "in_person", "proposed", "pending", None, "2026-12-01"),
    ("jonas", "thomas", "2025-06-10", "Jonas needs a working-capital line; Thomas should meet a founder who is not from his world.",
     "in_person", "met", "did_not_fit", "Thomas asked for three years of balance sheets. Kreislauf has eighteen months.", None),
    ("lea", "jonas", "2026-02-14", "Lea wants a summer internship where she writes real code; Kreislauf needs a backend intern.",
     "message", "met", "fruitful", "Lea interned from May to July and got a part-time contract.", None),
    ("finn", "marta", "2026-08-03", "Finn is teaching himself Python to program the welding robot; Marta offered to mentor.",
     "message", "made", "pending", None, "2026-12-10"),
    ("athena", "emma", "2026-03-05", "Athena's research on polarisation could become a classroom module for Lumière.",
     "email", "declined", "pending", None, None),
    ("seoyeon", "leila", "2025-09-01", "Seo-yeon needs visuals for the quartet premiere; Leila designs for the stage on the side.",
     "in_person", "met", "fruitful", "The projections at the premiere were Leila's.", None),
    ("heinz", "finn", "2026-05-15", "Heinz trained 31 apprentices and misses it; Finn could use someone outside the plant to talk to.",
     "in_person", "met", "fruitful", "They meet at the bakery on Saturdays.", None),
    ("stefan", "kenji", "2026-06-18", "Stefan is looking at yen funding; Kenji knows the Japanese treasury people.",
     "email", "proposed", "pending", None, None),
    ("noah", "sabine", "2025-07-22", "Sabine's IT risk team wants an outside view on their penetration tests; Noah finds what others miss.",
     "email", "met", "neutral", "One workshop; Sabine's procurement could not hire a freelancer.", None),
    ("grace", "priya", "2025-04-08", "Both build payment flows for street vendors, in Singapore and in Bengaluru.",
     "message", "made", "pending", None, "2026-11-30"),
    ("elena", "yasmin", "2025-11-14", "Elena's clients need certified translations of their degrees; Yasmin has the sworn translators.",
     "in_person", "met", "fruitful", "Yasmin now translates for Caritas at cost.", None),
]
# fmt: on


def build(seed: int = SEED) -> dict:
    """The demo document; the same seed gives the same document."""
    net = Network(random.Random(seed))
    tell_the_story(net)
    add_ties(net)

    refs = {key: f"c{number}" for number, key in enumerate(KEYS, 1)}
    contacts = []
    for key, name, organisation, role, city, country, attributes, extra in PEOPLE:
        fields = {
            "organisation": organisation,
            "role": role,
            "city": city,
            "country": country,
            **extra,
        }
        contact = {"ref": refs[key], "name": name}
        contact.update({field: fields.get(field) for field in CONTACT_FIELDS})
        contact["met_through"] = refs.get(contact["met_through"])
        contact["archived"] = bool(contact["archived"])
        contact["attributes"] = {
            dimension: value
            for dimension, value in zip(DIMENSIONS, attributes, strict=True)
            if value
        }
        contact["important_dates"] = [
            {"label": label, "date": date} for label, date in extra.get("dates", [])
        ]
        contacts.append(contact)

    # The order an export writes: by date, encounters without a time first on their day.
    encounters = sorted(
        net.encounters, key=lambda e: (e["occurred_on"], e["time"] is not None, e["time"] or "")
    )
    return {
        "format": "weitblick-backup",
        "version": 1,
        "exported_at": "2026-11-20T00:00:00+00:00",
        "dimensions": DIMENSIONS,
        "contacts": contacts,
        "ties": [
            {"a": refs[tie["a"]], "b": refs[tie["b"]], "kind": tie["kind"]}
            for tie in net.ties.values()
        ],
        "encounters": [
            {
                "ref": f"e{number}",
                "occurred_on": encounter["occurred_on"].isoformat(),
                "time": encounter["time"],
                "kind": encounter["kind"],
                "planned": encounter["planned"],
                "participants": [refs[key] for key in encounter["participants"]],
                "location": encounter["location"],
                "notes": encounter["notes"],
                "learned": encounter["learned"],
                "views": encounter["views"],
                "follow_up_on": encounter["follow_up_on"].isoformat()
                if encounter["follow_up_on"]
                else None,
            }
            for number, encounter in enumerate(encounters, 1)
        ],
        "introductions": [
            {
                "a": refs[a],
                "b": refs[b],
                "made_on": made_on,
                "reason": reason,
                "channel": channel,
                "status": status,
                "outcome": outcome,
                "outcome_note": outcome_note,
                "follow_up_on": follow_up_on,
            }
            for a, b, made_on, reason, channel, status, outcome, outcome_note, follow_up_on in INTRODUCTIONS
        ],
    }


def render(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    document = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(render(document), encoding="utf-8")
    print(
        f"Wrote {OUTPUT}: {len(document['contacts'])} contacts, {len(document['encounters'])} "
        f"encounters, {len(document['ties'])} ties, {len(document['introductions'])} introductions.",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
