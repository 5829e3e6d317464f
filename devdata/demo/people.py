# ruff: noqa: E501  (prose: names, notes and reasons read better unbroken)
"""The demo's people, their ties and the introductions made between them: data, no logic.

The person behind the account is a finance manager in Frankfurt. Six circles: a Frankfurt banking
bubble (same industry, country, generation and level: the echo chamber the bubble report should
flag), a manufacturing plant, an international start-up scene, family and old friends,
NGO/academia/arts, and people met by chance. devdata/demo/story.py tells their two years.
"""

from typing import Any

# key, name, organisation, role, city, country of residence,
# then Industry, Country/Culture, Generation, Hierarchy level, Field (None: not recorded),
# then optional contact fields and `dates`, the important dates as (label, YYYY-MM-DD).
PEOPLE: list[
    tuple[str, str, str | None, str, str, str, tuple[str | None, ...], dict[str, Any]]
] = []


def person(
    key: str,
    name: str,
    organisation: str | None,
    role: str,
    city: str,
    country: str,
    attributes: tuple[str | None, ...],
    **extra: Any,
) -> None:
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
