# ruff: noqa: E501  (word lists read better unbroken)
"""The words the synthetic networks (devdata/synthetic.py) are made of: names, places, values, notes.

Each list of (value, weight) pairs is drawn from with those weights; the weights sketch the network
of a German professional (most contacts in Germany, mostly Gen X and Millennials, few executives)
with enough of the world in it that the diversity measures have something to measure.
"""

# fmt: off
# The default dimensions' English names (contacts.models.DEFAULT_DIMENSIONS), as the demo stores them.
DIMENSION_NAMES = ["Industry", "Country/Culture", "Generation", "Hierarchy level", "Field"]

# The values of the five default dimensions, in their default order (contacts.models.DEFAULT_DIMENSIONS).
INDUSTRIES = [
    ("Banking", 8), ("Insurance", 4), ("Manufacturing", 9), ("Automotive", 6), ("Software", 8),
    ("Fintech", 3), ("Healthcare", 7), ("Education", 6), ("Public sector", 5), ("Non-profit", 3),
    ("Retail", 4), ("Logistics", 4), ("Energy", 4), ("Construction", 3), ("Media", 3), ("Arts", 3),
    ("Hospitality", 3), ("Law", 3), ("Consulting", 5), ("Crafts", 3), ("Academia", 4),
    ("Agriculture", 1), ("Telecommunications", 2), ("Pharmaceuticals", 3), ("Venture capital", 1),
]
COUNTRIES = [
    ("Germany", 55), ("Turkey", 5), ("Poland", 4), ("Italy", 3), ("France", 3), ("Austria", 3),
    ("Switzerland", 2), ("Netherlands", 2), ("Spain", 2), ("United Kingdom", 2), ("USA", 2),
    ("India", 2), ("China", 2), ("Ukraine", 2), ("Romania", 1), ("Greece", 1), ("Syria", 1),
    ("Nigeria", 1), ("Brazil", 1), ("Japan", 1), ("Sweden", 1), ("Norway", 1), ("Portugal", 1),
    ("Morocco", 1), ("Ghana", 1), ("Mexico", 1), ("South Korea", 1), ("Egypt", 1), ("Vietnam", 1),
    ("Iran", 1),
]
GENERATIONS = [("Silent", 2), ("Boomer", 20), ("Gen X", 30), ("Millennial", 35), ("Gen Z", 13)]
BIRTH_YEARS = {
    "Silent": (1932, 1945),
    "Boomer": (1946, 1964),
    "Gen X": (1965, 1980),
    "Millennial": (1981, 1996),
    "Gen Z": (1997, 2006),
}
LEVELS = [
    ("Shop floor", 15), ("Professional", 40), ("Middle management", 20),
    ("Senior management", 15), ("Executive", 10),
]
FIELDS = [
    ("Engineering", 9), ("Finance", 8), ("Sales", 6), ("Marketing", 4), ("IT", 6), ("Software", 5),
    ("Law", 3), ("Medicine", 4), ("Nursing", 3), ("Education", 4), ("Production", 6),
    ("Logistics", 3), ("Research", 4), ("Design", 3), ("Journalism", 2), ("Human resources", 3),
    ("Product", 3), ("Operations", 4), ("Social work", 2), ("Music", 1),
]
DIMENSION_VALUES = [INDUSTRIES, COUNTRIES, GENERATIONS, LEVELS, FIELDS]

# Names by culture; a contact's name follows its Country/Culture value.
NAMES = {
    "german": (
        ["Thomas", "Andreas", "Stefan", "Michael", "Frank", "Jörg", "Matthias", "Christian", "Jan", "Lukas", "Felix", "Jonas", "Tobias", "Uwe", "Klaus", "Wolfgang", "Sabine", "Katrin", "Petra", "Julia", "Anna", "Lena", "Laura", "Nina", "Claudia", "Birgit", "Gabriele", "Sandra", "Anja", "Lea", "Marie", "Hannah"],
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Hofmann", "Zimmermann", "Hartmann", "Krüger", "Lange", "Vogel", "Roth", "Franke", "Köhler", "Brandt", "Maier", "Krämer", "Hartung"],
    ),
    "turkish": (
        ["Mehmet", "Ahmet", "Mustafa", "Emre", "Kemal", "Murat", "Can", "Burak", "Ayşe", "Fatma", "Elif", "Zeynep", "Emine", "Derya", "Selin", "Esra"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Arslan", "Doğan", "Kılıç", "Aydın", "Öztürk", "Koç", "Kurt", "Özdemir"],
    ),
    "polish": (
        ["Piotr", "Tomasz", "Krzysztof", "Paweł", "Michał", "Dariusz", "Marek", "Anna", "Marta", "Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Ewa"],
        ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Kowalska", "Szymańska", "Woźniak", "Dąbrowski"],
    ),
    "slavic": (
        ["Olga", "Oksana", "Iryna", "Natalia", "Tetiana", "Dmytro", "Andriy", "Serhiy", "Oleksandr", "Mykola", "Ivan", "Elena", "Andrei", "Mihai", "Ioana"],
        ["Petrenko", "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Popescu", "Ionescu", "Popa", "Radu", "Marin", "Moroz"],
    ),
    "italian": (
        ["Marco", "Luca", "Giovanni", "Alessandro", "Matteo", "Francesco", "Chiara", "Giulia", "Francesca", "Sara", "Valentina", "Elena"],
        ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo"],
    ),
    "french": (
        ["Jean", "Pierre", "Nicolas", "Julien", "Antoine", "Camille", "Marie-Claire", "Sophie", "Émilie", "Chloé", "Léa", "Manon", "Lucas", "Hugo"],
        ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Fontaine", "Girard", "Lefèvre"],
    ),
    "iberian": (
        ["Carlos", "Javier", "Miguel", "Pedro", "João", "Lucas", "Ana", "María", "Lucía", "Sofía", "Mariana", "Rosa", "Beatriz", "Gabriel"],
        ["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Silva", "Santos", "Oliveira", "Pereira", "Costa", "Mendes", "Lima", "Fernández"],
    ),
    "english": (
        ["James", "John", "Michael", "David", "Ethan", "Noah", "Emma", "Olivia", "Amelia", "Grace", "Sarah", "Emily", "Daniel", "Hannah"],
        ["Smith", "Johnson", "Williams", "Brown", "Jones", "Taylor", "Walker", "Clarke", "Wright", "Evans", "Thompson", "Cohen", "Miller", "Davis"],
    ),
    "dutch_nordic": (
        ["Lars", "Erik", "Anders", "Bjørn", "Henrik", "Sven", "Pieter", "Daan", "Sofia", "Ingrid", "Mette", "Astrid", "Sanne", "Eva"],
        ["Johansson", "Lindqvist", "Andersson", "Nilsson", "Halvorsen", "Sørensen", "Hansen", "Larsen", "de Vries", "Jansen", "van Dijk", "Bakker", "Visser"],
    ),
    "greek": (
        ["Giorgos", "Dimitris", "Nikos", "Kostas", "Yannis", "Athena", "Maria", "Eleni", "Katerina", "Sofia"],
        ["Papadopoulos", "Papadopoulou", "Georgiou", "Nikolaidis", "Konstantinou", "Vlachos", "Oikonomou", "Dimitriou"],
    ),
    "arabic": (
        ["Omar", "Ahmed", "Mohammed", "Youssef", "Karim", "Hassan", "Fatima", "Leila", "Yasmin", "Nour", "Amira", "Salma", "Rania", "Samir"],
        ["Haddad", "Aziz", "Farouk", "El Amrani", "Khalil", "Mansour", "Nasser", "Saleh", "Hamdan", "Bakr", "Rahimi", "Hosseini", "Karimi"],
    ),
    "west_african": (
        ["Kwame", "Kofi", "Ama", "Akosua", "Chinedu", "Amara", "Ngozi", "Samuel", "Emeka", "Adaeze", "Tunde", "Funmilayo"],
        ["Mensah", "Boateng", "Asante", "Owusu", "Okafor", "Adeyemi", "Okonkwo", "Eze", "Nwosu", "Balogun", "Adebayo"],
    ),
    "indian": (
        ["Rahul", "Arjun", "Vikram", "Amit", "Rohan", "Priya", "Ananya", "Deepa", "Kavya", "Neha", "Sanjay", "Lakshmi"],
        ["Iyer", "Sharma", "Patel", "Mehta", "Raman", "Gupta", "Singh", "Nair", "Reddy", "Rao", "Krishnan", "Joshi"],
    ),
    "east_asian": (
        ["Wei", "Li", "Jing", "Hao", "Xiaoming", "Kenji", "Yuki", "Haruto", "Aiko", "Seo-yeon", "Min-jun", "Ji-woo", "Minh", "Linh"],
        ["Zhang", "Wang", "Chen", "Liu", "Yang", "Tanaka", "Sato", "Suzuki", "Takahashi", "Park", "Kim", "Lee", "Nguyen", "Tran"],
    ),
}
CULTURE_OF_COUNTRY = {
    "Germany": "german", "Austria": "german", "Switzerland": "german", "Turkey": "turkish",
    "Poland": "polish", "Ukraine": "slavic", "Romania": "slavic", "Italy": "italian",
    "France": "french", "Spain": "iberian", "Portugal": "iberian", "Brazil": "iberian",
    "Mexico": "iberian", "United Kingdom": "english", "USA": "english", "Netherlands": "dutch_nordic",
    "Sweden": "dutch_nordic", "Norway": "dutch_nordic", "Greece": "greek", "Syria": "arabic",
    "Morocco": "arabic", "Egypt": "arabic", "Iran": "arabic", "Nigeria": "west_african",
    "Ghana": "west_african", "India": "indian", "China": "east_asian", "Japan": "east_asian",
    "South Korea": "east_asian", "Vietnam": "east_asian",
}
# Many people of these backgrounds live in Germany; the others mostly live where they come from.
OFTEN_IN_GERMANY = {"Germany", "Turkey", "Poland", "Italy", "Greece", "Syria", "Ukraine", "Romania"}
CITIES = {
    "Germany": ["Frankfurt am Main", "Berlin", "München", "Hamburg", "Köln", "Stuttgart", "Düsseldorf", "Leipzig", "Schweinfurt", "Kassel", "Offenbach am Main", "Bad Homburg", "Darmstadt", "Mainz", "Wiesbaden"],
    "Turkey": ["İstanbul", "Ankara", "İzmir"], "Poland": ["Warszawa", "Kraków", "Wrocław"],
    "Ukraine": ["Kyiv", "Lviv", "Kharkiv"], "Romania": ["Bucureşti", "Cluj-Napoca"],
    "Italy": ["Milano", "Roma", "Torino"], "France": ["Paris", "Lyon", "Strasbourg"],
    "Spain": ["Madrid", "Barcelona"], "Portugal": ["Lisboa", "Porto"], "Brazil": ["São Paulo", "Rio de Janeiro"],
    "Mexico": ["Ciudad de México"], "United Kingdom": ["London", "Manchester"], "USA": ["New York", "San Francisco", "Chicago"],
    "Netherlands": ["Amsterdam", "Rotterdam"], "Sweden": ["Stockholm", "Uppsala"], "Norway": ["Oslo", "Bergen"],
    "Greece": ["Athens", "Thessaloniki"], "Syria": ["Damascus"], "Morocco": ["Rabat", "Casablanca"], "Egypt": ["Cairo"],
    "Iran": ["Tehran"], "Nigeria": ["Lagos", "Abuja"], "Ghana": ["Accra"], "India": ["Bengaluru", "Mumbai", "Pune"],
    "China": ["Shenzhen", "Shanghai", "Beijing"], "Japan": ["Tokyo", "Osaka"], "South Korea": ["Seoul"],
    "Vietnam": ["Hanoi", "Ho Chi Minh City"], "Austria": ["Wien", "Graz"], "Switzerland": ["Zürich", "Basel"],
}
DIALLING_CODES = {"Germany": "+49", "Austria": "+43", "Switzerland": "+41", "France": "+33", "Italy": "+39", "United Kingdom": "+44", "USA": "+1"}

# Organisations: a first part, a word for what they do, a legal form.
ORGANISATION_PLACES = ["Rhein", "Main", "Nord", "Süd", "Alpen", "Hanse", "Elbe", "Isar", "Taunus", "Spree", "Weser", "Neckar", "Mosel", "Ostsee", "Lindenberg", "Kessler", "Brenner", "Vogt", "Sonnen", "Wald"]
ORGANISATION_WORDS = {
    "Banking": ["Bank", "Kreditanstalt", "Sparkasse", "Capital", "Bankhaus"],
    "Insurance": ["Versicherung", "Assekuranz", "Re"],
    "Manufacturing": ["Antriebstechnik", "Maschinenbau", "Stahlwerk", "Werkzeugbau", "Präzisionsteile"],
    "Automotive": ["Automotive", "Fahrzeugtechnik", "Zulieferer"],
    "Software": ["Software", "Labs", "Data", "Cloud"],
    "Fintech": ["Pay", "Ledger", "Finance Tech"],
    "Healthcare": ["Klinikum", "Praxisklinik", "Pflegedienst", "Apotheke"],
    "Education": ["Gymnasium", "Akademie", "Berufsschule"],
    "Public sector": ["Stadtverwaltung", "Landesamt", "Stadtwerke"],
    "Non-profit": ["Stiftung", "Hilfswerk", "Initiative"],
    "Retail": ["Handel", "Markt", "Kaufhaus"],
    "Logistics": ["Logistik", "Spedition", "Cargo"],
    "Energy": ["Energie", "Windkraft", "Solar"],
    "Construction": ["Bau", "Hochbau", "Immobilien"],
    "Media": ["Medien", "Verlag", "Rundschau"],
    "Academia": ["Universität", "Institut", "Hochschule"],
    "Consulting": ["Consulting", "Partners", "Advisory"],
    "Law": ["Rechtsanwälte", "Legal", "Kanzlei"],
    "Pharmaceuticals": ["Pharma", "Biotech", "Life Sciences"],
}
ORGANISATION_WORDS_DEFAULT = ["Gruppe", "Werke", "Dienste", "Studio", "Partner"]
LEGAL_FORMS = ["AG", "GmbH", "SE", "GmbH & Co. KG", "e.V.", ""]

ROLES = {
    "Shop floor": ["Machine Operator", "Welder", "Forklift Driver", "Maintenance Technician", "Assembly Worker", "Warehouse Clerk", "Electrician", "Care Worker", "Apprentice", "Bus Driver", "Cook"],
    "Professional": ["{field} Specialist", "Engineer", "Analyst", "Consultant", "Developer", "Nurse", "Teacher", "Designer", "Researcher", "Accountant", "Lawyer", "Journalist"],
    "Middle management": ["Team Leader, {field}", "{field} Manager", "Head of Section", "Shift Supervisor", "Project Manager"],
    "Senior management": ["Head of {field}", "Director of {field}", "Plant Manager", "Senior Partner"],
    "Executive": ["Chief Executive Officer", "Chief Financial Officer", "Managing Director", "Founder", "Member of the Board", "Partner"],
}

HOW_WE_MET = [
    "Seated next to each other at a conference dinner.",
    "Introduced at a friend's birthday party.",
    "Same rowing club for years.",
    "We shared a desk in the trainee programme.",
    "Stuck together on a delayed train.",
    "Met at a customer visit on the shop floor.",
    "A panel we both spoke on.",
    "Neighbours; we met carrying a sofa up the stairs.",
    "The queue at the bakery.",
    "Parents at the same school.",
]

TIE_KINDS_CLOSE = [("colleague", 45), ("knows", 35), ("friend", 15), ("family", 5)]
TIE_KINDS_MIXED = [("friend", 35), ("knows", 40), ("colleague", 15), ("family", 10)]
TIE_KINDS_ACROSS = [("knows", 65), ("colleague", 20), ("friend", 15)]

# How often the owner means to see someone, in days, weekly to yearly: most people rarely.
CADENCES = [(7, 1), (14, 3), (30, 9), (60, 15), (90, 22), (180, 25), (365, 25)]
# Face to face dominates (about two thirds of the weight), as the product asks it to.
KINDS = [
    ("coffee", 22), ("meal", 14), ("office_visit", 9), ("event", 6), ("travel", 2), ("shop_floor", 3),
    ("celebration", 2), ("video_call", 12), ("phone_call", 16), ("message", 12), ("other", 2),
]
# Per kind: how likely others come along, and how many (at least, at most).
COMPANY = {
    "event": (0.8, 2, 8), "celebration": (0.7, 2, 6), "meal": (0.3, 1, 3), "office_visit": (0.4, 1, 3),
    "shop_floor": (0.5, 1, 4), "video_call": (0.25, 1, 3), "coffee": (0.12, 1, 1), "travel": (0.1, 1, 1),
}
# Per kind: how likely it was planned (the flight neighbour and the queue were not).
PLANNED = {"travel": 0.3, "event": 0.75, "other": 0.5, "coffee": 0.85}
TIMES = ["07:30", "08:00", "09:00", "10:00", "12:30", "13:00", "15:00", "17:30", "18:00", "19:30", "20:00"]
LOCATIONS = {
    "coffee": ["Café Wacker", "Café Laumer", "Bahnhof, Gleis 9", "Kreuzberg, Markthalle Neun", "Opernplatz"],
    "meal": ["Villa Merton", "Trattoria Da Marco", "Zum Gemalten Haus", "Main Tower restaurant", "Kantine"],
    "office_visit": ["Their office, 12th floor", "Headquarters", "Innovation hub"],
    "event": ["Messe Frankfurt", "Alte Oper", "re:publica, Berlin", "Web Summit, Lisbon", "Rotary summer party"],
    "travel": ["ICE Frankfurt–München", "Flight LH 400", "Night train to Wien", "Seat 14C"],
    "shop_floor": ["Hall 2, CNC cell", "Assembly line 3", "Loading dock", "Quality lab"],
    "celebration": ["Their garden", "The plant, Hall 1", "Trattoria Da Marco"],
}
OPENERS = ["Talked about", "Long conversation on", "Quick catch-up on", "Argued about", "Got an update on", "Brainstormed on", "Walked and talked about", "Compared notes on"]
TOPICS = [
    "the reorganisation", "hiring engineers", "energy prices", "the four-day week", "AI in credit scoring",
    "supply-chain trouble in Asia", "her move to Lisbon", "his new start-up", "the kids' school",
    "succession planning", "the new plant", "apprenticeships", "the works council", "interest rates",
    "the hospital reform", "remote work", "a book she recommended", "his sabbatical", "the election",
    "the housing market", "the merger rumours", "their first customer in Japan", "burn-out in the team",
    "learning Turkish", "the marathon", "recognition of foreign degrees", "the night shift",
]
LEARNED = [
    "Shift workers want predictable rosters more than overtime pay.",
    "The business case was written far from the shop floor.",
    "Half the maintenance team retires within eight years.",
    "Trust in a payment system comes from the agent on the corner, not the brand.",
    "Their line changeover takes eleven minutes; ours takes two hours.",
    "People in echo chambers overestimate how many others agree with them.",
    "What we call 'unbanked' is often a system we cannot see.",
    "Remote work is the norm for them, not a benefit.",
    "Recognising a foreign engineering degree takes longer than earning a German one.",
    "The customers under thirty do not own cars and do not want to.",
    "Twenty years of listening beats the sensor we paid for.",
    "Rumours travel faster on the shop floor than any memo.",
]
VIEWS = [("", 55), ("agreed", 25), ("mixed", 12), ("differed", 8)]

DATE_LABELS = ["Wedding anniversary", "Company founding day", "Name day", "Work anniversary", "Daughter's birthday", "Son's birthday"]
INTRODUCTION_REASONS = [
    "Both are rebuilding a plant's maintenance team; they should compare notes.",
    "She needs an investor who understands hardware; he is one.",
    "He is moving to her city and knows nobody there.",
    "They disagree about remote work and would both learn from it.",
    "Her start-up solves exactly his supply-chain problem.",
    "Both mentor apprentices and want to start a network.",
]
# fmt: on


# The planted networks' dimensions (devdata/planted.py): few values each, so that chance matters.
PLANTED_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "Industry": (
        "Banking",
        "Insurance",
        "Manufacturing",
        "Retail",
        "Health care",
        "Education",
        "Public sector",
        "Software",
    ),
    "Country": ("Germany", "France", "Poland", "Turkey", "Italy", "Spain"),
    "Generation": ("Boomer", "Gen X", "Millennial", "Gen Z"),
    "Hierarchy level": ("Shop floor", "Specialist", "Manager", "Executive"),
    "Field": ("Engineering", "Finance", "Sales", "Arts", "Law", "Medicine"),
}

# Two-valued dimensions: the hard case for small circles, where chance alone makes groups uniform.
BINARY_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "Collar": ("White collar", "Blue collar"),
    "Region": ("City", "Countryside"),
    "Sector": ("Private", "Public"),
    "Origin": ("Local", "Moved here"),
    "Parent": ("Parent", "No children"),
}
