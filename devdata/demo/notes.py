# ruff: noqa: E501  (prose reads better unbroken)
"""What the demo's recurring meetings say: one pool of entries per rhythm, each entry used once.

An entry names, in `with`, everyone its words mention besides the rhythm's core person, and the
story adds them to that meeting, so a "learned" about Katrin is never logged on a lunch she missed
(tests/devdata/test_demo_story.py checks it). An entry whose words need a place or a way of meeting
says so in `kind`; `planned` and `time` likewise. Views are mostly agreed or not noted: a
disagreement is logged where the words tell of one.
"""

from typing import TypedDict


class EncounterText(TypedDict, total=False):
    """What one encounter of the story says, beyond who and when."""

    kind: str
    planned: bool
    time: str
    with_: list[str]
    location: str
    notes: str
    learned: str
    views: str


# fmt: off
# The banking jour fixe: Thomas and two to four of the circle, lunch, always the same views.
BANKING_LUNCH: list[EncounterText] = [
    {"location": "Villa Merton, Frankfurt", "views": "agreed",
     "notes": "Jour fixe lunch. Everyone expects rates to stay where they are; nobody argued.",
     "learned": "Nobody at the table has spoken to a customer under thirty this year."},
    {"location": "Main Tower restaurant", "views": "agreed",
     "notes": "The new capital requirements again. Same view around the table, same jokes."},
    {"with_": ["frank"], "location": "Villa Merton, Frankfurt", "views": "agreed",
     "notes": "Frank thinks commercial real estate has bottomed out. Everyone nodded.",
     "learned": "Nobody at the table had looked at the vacancy figures since the spring."},
    {"location": "Zum Gemalten Haus, Sachsenhausen", "views": "mixed",
     "notes": "I brought up what I saw on the shop floor in Schweinfurt. Polite interest, then back to golf."},
    {"location": "Main Tower restaurant", "views": "agreed",
     "notes": "Succession talk: who runs Mainland Bank after 2030. Four candidates, all from the same trainee year."},
    {"with_": ["katrin"], "location": "Villa Merton, Frankfurt", "views": "agreed",
     "notes": "AI in credit scoring. Sceptical, all of us, for the same reasons.",
     "learned": "Katrin's risk team hired a data scientist from Nairobi, the first from outside the usual universities."},
    {"location": "Zum Gemalten Haus, Sachsenhausen", "views": "agreed",
     "notes": "Apfelwein and the Bundesliga. Pleasant, and I learned nothing."},
    {"with_": ["christian"], "location": "Villa Merton, Frankfurt", "views": "differed",
     "notes": "Christian disagreed with the table for once, on crypto custody. The best lunch in months.",
     "learned": "Compliance sees the risk of custody in the contracts, not in the technology."},
    {"with_": ["petra"], "location": "Main Tower restaurant", "views": "agreed",
     "notes": "Petra on the Sparkasse merger talks; the table agreed they are overdue."},
    {"with_": ["andreas"], "location": "Villa Merton, Frankfurt", "views": "agreed",
     "notes": "Andreas on office towers standing half empty. We agreed to wait and see, as we always do."},
    {"with_": ["joerg", "michael"], "location": "Zum Gemalten Haus, Sachsenhausen", "views": "agreed",
     "notes": "Jörg and Michael on private clients handing their money to their children early.",
     "learned": "The heirs want an app, not an adviser."},
    {"with_": ["stefan"], "location": "Main Tower restaurant", "views": "agreed",
     "notes": "Stefan on liquidity after the deposit outflows; same conclusions as last quarter."},
]
# Matthias and Frank, until the reorganisation at Rhein-Main Capital.
MATTHIAS_AND_FRANK: list[EncounterText] = [
    {"kind": "meal", "location": "Villa Merton, Frankfurt", "views": "agreed",
     "notes": "Frank and Matthias on the mid-cap buyout market. They finish each other's sentences."},
    {"kind": "coffee", "location": "Café Wacker", "views": "agreed",
     "notes": "Matthias worried about the talk of a reorganisation at Rhein-Main; Frank told him not to be."},
    {"kind": "meal", "location": "Zum Gemalten Haus, Sachsenhausen",
     "notes": "Lunch with Matthias and Frank: deal pipeline, then golf handicaps."},
    {"kind": "coffee", "location": "Kurpark, Bad Homburg",
     "notes": "Matthias on commuting from Bad Homburg and his daughter's Abitur.",
     "learned": "When Matthias is worried, he talks about golf."},
]
THOMAS: list[EncounterText] = [
    {"kind": "office_visit", "location": "Mainland Bank, 38th floor", "views": "agreed",
     "notes": "Thomas on the reorganisation of corporate banking; he wants my view on the SME desk."},
    {"kind": "coffee", "location": "Café Wacker",
     "notes": "Coffee before his board meeting. Mostly family news: his son's gap year in Chile."},
    {"kind": "phone_call", "views": "agreed",
     "notes": "Thomas called about a client who wants to sell his family firm; we agreed he should meet the M&A people first."},
    {"kind": "coffee", "location": "Opernplatz",
     "notes": "Quick espresso after the Börsenverein reception."},
    {"kind": "coffee", "location": "Café Wacker", "views": "agreed",
     "notes": "Thomas asked how one finds good people under thirty. I had no good answer either.",
     "learned": "He has noticed the bubble too; he calls it 'the talent problem'."},
    {"kind": "coffee", "location": "Kleinmarkthalle", "views": "differed",
     "notes": "Thomas on the four-day week: 'not in banking, not in my lifetime'. We left it there."},
    {"kind": "phone_call", "views": "agreed",
     "notes": "Thomas wanted a second opinion on a loan to a solar installer; we both liked the numbers."},
    {"kind": "phone_call",
     "notes": "Short call about the tickets for the rowing regatta."},
]
KATRIN: list[EncounterText] = [
    {"kind": "office_visit", "location": "Hessische Kreditanstalt", "views": "mixed",
     "notes": "Katrin walked me through the new early-warning model.",
     "learned": "Defaults in the supplier base of the car industry are rising faster than the models expect."},
    {"kind": "coffee", "location": "Café Wacker", "views": "agreed",
     "notes": "Katrin on hiring for her risk team: she wants people who have run a business, not only modelled one."},
    {"kind": "coffee", "location": "Campus Westend, Goethe-Universität",
     "notes": "Katrin gave a guest lecture; coffee afterwards in the student crowd."},
    {"kind": "office_visit", "location": "Hessische Kreditanstalt, 12th floor", "views": "agreed",
     "notes": "Stress-test results with Katrin: the SME book holds, the car suppliers do not.",
     "learned": "Three of her ten largest risks are suppliers of one carmaker."},
    {"kind": "coffee", "location": "Palmengarten",
     "notes": "Coffee in the Palmengarten with Katrin; mostly about her father's move to a care home."},
]
STEFAN: list[EncounterText] = [
    {"with_": [], "kind": "coffee", "location": "Palmengarten", "views": "agreed",
     "notes": "Coffee in the Palmengarten with Stefan about liquidity buffers."},
    {"kind": "office_visit", "with_": ["sabine"], "location": "Mainufer Sparkasse, Offenbach", "views": "agreed",
     "notes": "Stefan and Sabine on the renewal of the cyber insurance; both want more tests and fewer policies.",
     "learned": "The Sparkasse's penetration tests find the same three gaps every year."},
    {"kind": "office_visit", "with_": ["wolfgang"], "location": "Mainland Bank, executive floor", "views": "agreed",
     "notes": "Stefan and Wolfgang on yen funding. Wolfgang wants it; Stefan wants a partner in Tokyo first."},
    {"with_": [], "kind": "coffee", "location": "Café Wacker",
     "notes": "Stefan back from parental leave, with photos."},
]

# The plant in Schweinfurt: walks with Uwe and whoever is on shift, meetings with management.
PLANT_FLOOR: list[EncounterText] = [
    {"location": "Hall 2, CNC cell", "views": "differed",
     "notes": "Walked the line with Uwe at the shift change. The new CNC cell runs, but set-up takes twice as long as the business case said.",
     "learned": "The business case was written in Frankfurt, by people like me."},
    {"with_": ["dariusz"], "location": "Hall 2", "views": "agreed",
     "notes": "Dariusz showed me how he hears tool wear before the sensors report it.",
     "learned": "Twenty years of listening beat the vibration threshold we paid for."},
    {"with_": ["olga"], "location": "Quality lab", "views": "agreed",
     "notes": "Olga explained why rejects jump on Mondays: the first parts after the weekend are too cold.",
     "learned": "A ten-minute warm-up run would save more than the new inspection camera."},
    {"location": "Break room, Hall 1", "views": "differed",
     "notes": "Break-room argument about energy prices and the four-day week. Strong opinions, none of them mine.",
     "learned": "Shift workers want predictable rosters more than overtime pay."},
    {"with_": ["mehmet"], "location": "Loading dock", "views": "agreed",
     "notes": "Mehmet's forklift route crosses the footpath twice; he has had a fix for a year and nobody asked him."},
    {"with_": ["jens"], "location": "Press shop", "views": "agreed",
     "notes": "Jens repaired the press hydraulics while I watched; we talked about apprenticeships.",
     "learned": "Half the maintenance team retires within eight years."},
    {"with_": ["ayse"], "location": "Assembly line 3", "views": "mixed",
     "notes": "Ayşe's team re-sequenced the line themselves. Management wants to roll it out; the team wants credit first."},
    {"with_": ["finn", "kemal"], "location": "Welding bay",
     "notes": "Kemal checked Finn's first weld seam that passed inspection. Finn proud as anything."},
    {"with_": ["gabriele"], "location": "Hall 1", "views": "agreed",
     "notes": "Gabriele joined the walk; she and Uwe showed me the break rota the teams wrote themselves."},
    {"time": "22:00", "location": "Hall 2",
     "notes": "Night shift: quieter, and the machines sound different."},
    {"with_": ["kemal"], "location": "Welding bay", "views": "agreed",
     "notes": "Kemal on why he still checks every seam by eye after thirty years.",
     "learned": "The robot welds faster; Kemal decides which seams it may weld."},
    {"with_": ["olga", "dariusz"], "location": "Quality lab", "views": "agreed",
     "notes": "Olga and Dariusz compared how they find a bad batch: her gauges, his ears. Same answer."},
]
HERBERT: list[EncounterText] = [
    {"kind": "office_visit", "location": "Kessler, management floor", "views": "mixed",
     "notes": "Herbert on the new hall and the bank covenants.",
     "learned": "The covenants assume a utilisation the plant has never reached."},
    {"kind": "office_visit", "with_": ["sandra"], "location": "Kessler, management floor", "views": "agreed",
     "notes": "Sandra and Herbert on next year's energy contract; they want a fixed price, and so would I."},
    {"with_": [], "kind": "meal", "time": "19:00", "location": "Gasthaus zum Hirschen, Schweinfurt", "views": "agreed",
     "notes": "Dinner with Herbert: his father started on the same shop floor in 1961.",
     "learned": "Herbert still knows every shift supervisor's children by name."},
    {"with_": [], "kind": "phone_call",
     "notes": "Herbert called after the customer audit: passed, with two findings."},
    {"kind": "office_visit", "with_": ["sandra"], "location": "Kessler, finance office", "views": "agreed",
     "notes": "Sandra walked me through the cash flow of the new hall: it pays back a year later than planned, but it pays back.",
     "learned": "Sandra plans the plant in weeks; the bank plans it in quarters."},
    {"with_": [], "kind": "phone_call", "views": "agreed",
     "notes": "Herbert asked what I think of the works council's four-day-week proposal. We agreed it needs a pilot, not a vote."},
]
LENA: list[EncounterText] = [
    {"kind": "coffee", "with_": ["rahul"], "location": "Kessler canteen", "views": "agreed",
     "notes": "Coffee with Lena and Rahul about the sensor retrofit for line 3."},
    {"with_": [], "kind": "coffee", "location": "Kessler canteen", "views": "differed",
     "notes": "Lena wants to do a part-time MBA; I argued she should not leave engineering. She was not convinced, and she may be right."},
    {"kind": "video_call", "with_": ["rahul"], "views": "agreed",
     "notes": "Lena and Rahul shared the first vibration data from line 3.",
     "learned": "The old press runs rougher on the night shift, and nobody knows why yet."},
    {"with_": [], "kind": "coffee", "location": "Marktplatz, Schweinfurt",
     "notes": "Lena on her move into the old town and her bike commute."},
    {"with_": [], "kind": "video_call", "views": "agreed",
     "notes": "Lena on why line 3 stops: a worn cam nobody was allowed to order.",
     "learned": "The spare-parts budget is approved in Frankfurt, a year ahead."},
]
GABRIELE: list[EncounterText] = [
    {"location": "Kessler, works council office", "views": "differed",
     "notes": "Gabriele on the restructuring rumours. She does not trust the owners; I see why.",
     "learned": "Rumours travel faster on the shop floor than any memo."},
    {"location": "Kessler canteen", "views": "agreed",
     "notes": "Gabriele on training for colleagues whose degrees are not recognised here."},
    {"location": "Café am Markt, Schweinfurt",
     "notes": "Gabriele asked how a bank decides on a loan. I drew it on a napkin."},
]

# Start-ups and tech: calls across time zones, Berlin in person.
ZHANG: list[EncounterText] = [
    {"kind": "video_call", "views": "differed",
     "notes": "Zhang Wei on data sovereignty: he thinks European rules mostly protect incumbents.",
     "learned": "Shenzhen iterates hardware in weeks; we plan it in quarters."},
    {"kind": "video_call", "views": "agreed",
     "notes": "Lumen's new vibration sensor: price down forty percent in a year.",
     "learned": "The sensor costs less than one hour of unplanned downtime at Kessler."},
    {"kind": "video_call",
     "notes": "Catch-up on export controls and the new factory in Penang."},
    {"kind": "message",
     "notes": "Zhang sent photos of the groundbreaking in Penang."},
    {"kind": "video_call", "views": "agreed",
     "notes": "Zhang Wei on the numbers from the line-3 pilot; he wants to write it up as a case study."},
    {"kind": "video_call", "views": "mixed",
     "notes": "Zhang on hiring in Europe: he wants engineers in the office, the engineers want to work from home."},
    {"kind": "message",
     "notes": "Zhang Wei asked for the name of a good tax adviser in Frankfurt."},
]
PRIYA: list[EncounterText] = [
    {"with_": [], "kind": "video_call", "views": "differed",
     "notes": "Priya on instant payments: the German banks are ten years behind and think they are early."},
    {"kind": "video_call", "with_": ["amara"], "views": "agreed",
     "notes": "Amara and Priya on why mobile money works in Lagos and not in Frankfurt.",
     "learned": "Trust in a payment system comes from the agent on the corner, not from the brand."},
    {"kind": "video_call", "with_": ["kenji"],
     "notes": "Kenji joined Priya's call and showed his predictive-maintenance dashboard; very thorough."},
    {"with_": [], "kind": "message",
     "notes": "Priya sent her talk on fraud detection in UPI payments."},
    {"kind": "video_call", "with_": ["lucas"], "views": "agreed",
     "notes": "Lucas and Priya on paying truck drivers in Brazil and in India: the same problems, eight and a half hours apart.",
     "learned": "Drivers in both countries want cash because nobody trusts the invoice."},
    {"with_": [], "kind": "message",
     "notes": "Priya's team shipped the merchant app; she sent a screenshot at two in the morning, her time."},
]
JONAS: list[EncounterText] = [
    {"with_": [], "kind": "office_visit", "location": "Kreislauf office, Kreuzberg", "views": "differed",
     "notes": "Jonas pitched the repair-marketplace pivot. I pushed on unit economics; he pushed on my assumptions about his generation.",
     "learned": "His users do not own cars and do not want to."},
    {"kind": "office_visit", "with_": ["marta"], "location": "Kreislauf office, Kreuzberg", "views": "agreed",
     "notes": "Jonas and Marta on hiring: they pay less than the banks and get better engineers."},
    {"with_": [], "kind": "coffee", "time": "08:00", "location": "Café Einstein, Berlin",
     "notes": "Breakfast before his investor meeting; Jonas nervous, then brilliant."},
    {"kind": "meal", "with_": ["marta"], "location": "Markthalle Neun, Berlin", "views": "differed",
     "notes": "Marta thinks the four-day week is the only honest hiring pitch left.",
     "learned": "Working from home is the norm for them, not a benefit."},
    {"kind": "coffee", "with_": ["leila"], "location": "Kreislauf office, Kreuzberg", "views": "agreed",
     "notes": "Leila showed Jonas and me the new app screens; a repair takes three taps now."},
    {"with_": [], "kind": "video_call", "views": "agreed",
     "notes": "Jonas on the seed round: two term sheets, and he wants the smaller fund.",
     "learned": "He picks investors by who answers his messages on a Sunday."},
    {"with_": [], "kind": "coffee", "location": "Frankfurt Hauptbahnhof",
     "notes": "Jonas changed trains in Frankfurt; coffee on the platform."},
    {"with_": [], "kind": "coffee", "location": "Café Wacker", "views": "agreed",
     "notes": "Jonas asked how a bank reads a balance sheet. We went through Kreislauf's line by line."},
    {"kind": "video_call", "with_": ["marta"], "views": "agreed",
     "notes": "Marta on last weekend's outage: one database, no replica, a lesson learned.",
     "learned": "Kreislauf runs on a single server in Falkenstein."},
    {"with_": [], "kind": "meal", "time": "19:30", "location": "Umami, Kreuzberg", "views": "mixed",
     "notes": "Dinner with Jonas: he wants to open in Poland next; I think he should win Berlin first."},
]
SOFIA: list[EncounterText] = [
    {"kind": "meal", "time": "19:30", "location": "Östermalms Saluhall, Stockholm",
     "notes": "Dinner with Sofia: the Nordic funds are moving into defence tech."},
    {"kind": "video_call", "views": "agreed",
     "notes": "Sofia on her fund's climate thesis: she says no to anything that needs ten years."},
    {"kind": "meal", "time": "19:30", "location": "Museumsufer, Frankfurt",
     "notes": "Sofia was in Frankfurt for a meeting with her investors; dinner by the Main."},
    {"kind": "video_call", "views": "agreed",
     "notes": "Sofia asked for my read on a Frankfurt fintech she might back.",
     "learned": "Her due diligence starts with the founders' first employees, not with the deck."},
]
ETHAN: list[EncounterText] = [
    {"kind": "video_call", "views": "differed",
     "notes": "Ethan's quarterly question: 'What did you change your mind about?'",
     "learned": "I had no good answer the first time."},
    {"kind": "phone_call", "views": "agreed",
     "notes": "Ethan on his first company in 1999 and why he sold it too early."},
    {"kind": "video_call",
     "notes": "Ethan wanted to hear about the shop floor in Schweinfurt; he has never been inside a German plant."},
    {"kind": "phone_call", "views": "agreed",
     "notes": "The quarterly question again. This time I had an answer: what shift workers want.",
     "learned": "Having an answer feels better than being right."},
]

# Family and old friends.
MUM: list[EncounterText] = [
    {"notes": "Mum's knee is better; she is back in the choir."},
    {"notes": "Mum found Dad's letters from his year in Tanzania; she read me two."},
    {"notes": "Talked about the garden and the neighbours' new grandchild."},
    {"views": "differed", "notes": "Mum on the election. We will not agree, and that is fine."},
    {"notes": "Mum asked whether I am working too much. Yes."},
    {"kind": "video_call", "notes": "Mum showed me the new kitchen on the tablet, upside down at first."},
    {"notes": "Mum on the new pastor, who cycles to every funeral."},
    {"notes": "Mum read me the local paper's review of the choir's concert."},
]
JULIA: list[EncounterText] = [
    {"kind": "meal", "with_": ["marco", "lea"], "location": "Trattoria Da Marco, München", "views": "agreed",
     "notes": "Lunch at Marco's. Lea explained large language models to the table."},
    {"kind": "meal", "location": "Julia's flat, Schwabing", "views": "agreed",
     "notes": "Julia on night shifts on the children's ward and the staffing crisis.",
     "learned": "Half of her ward's nurses work part time because full time breaks them."},
    {"kind": "meal", "with_": ["marco"], "location": "Trattoria Da Marco, München",
     "notes": "Marco's new menu; osso buco for eight."},
    {"kind": "meal", "with_": ["mum"], "location": "Kassel, Mum's house",
     "notes": "Coffee and plum cake at Mum's with Julia."},
    {"with_": [], "kind": "phone_call", "views": "agreed",
     "notes": "Julia on her daughter's internship plans; we agreed the team matters more than the brand."},
    {"kind": "meal", "with_": ["lea"], "location": "Viktualienmarkt, München", "views": "agreed",
     "notes": "Lunch at the Viktualienmarkt with Julia and Lea; Lea wants to spend a year in Delft."},
    {"with_": [], "kind": "phone_call",
     "notes": "Julia called from the ward's break room; five minutes, then an emergency."},
    {"kind": "meal", "with_": ["marco"], "location": "Trattoria Da Marco, München", "views": "agreed",
     "notes": "Marco on how hard it is to find cooks: he pays above the collective agreement and still waits months.",
     "learned": "Marco's best cook was a civil engineer in Syria."},
]
FELIX: list[EncounterText] = [
    {"with_": [], "kind": "other", "time": "07:00", "location": "Ruderclub Germania, Frankfurt",
     "notes": "Rowing on the Main at seven, then breakfast."},
    {"with_": [], "kind": "shop_floor", "location": "Tischlerei Wolf", "views": "mixed",
     "notes": "Felix on why he cannot find apprentices and why he will not pay agencies.",
     "learned": "A master carpenter earns less than our junior analysts."},
    {"kind": "meal", "time": "19:30", "with_": ["anja"], "location": "Apfelweinwirtschaft Wagner, Sachsenhausen", "views": "agreed",
     "notes": "Dinner with Felix and Anja; Anja on the pharmacy's night duty."},
    {"with_": [], "kind": "other", "time": "07:00", "location": "Ruderclub Germania, Frankfurt", "views": "agreed",
     "notes": "Regatta training in the eight: Felix strokes, I try to keep up."},
    {"kind": "coffee", "with_": ["anja"], "location": "Merianplatz",
     "notes": "Coffee with Anja on Merianplatz; Felix came later with sawdust in his hair."},
    {"kind": "other", "location": "Ruderclub Germania, Frankfurt",
     "notes": "Work day at the boathouse: Felix fixed a rigger, I painted."},
]
NINA: list[EncounterText] = [
    {"kind": "meal", "location": "Schanzenviertel, Hamburg", "views": "differed",
     "notes": "Dinner with Nina; we disagreed about the hospital reform for two hours and hugged at the end."},
    {"kind": "phone_call",
     "notes": "Nina after a 24-hour shift; we talked about nothing in particular, which was the point."},
    {"kind": "meal", "location": "Övelgönne, Hamburg", "views": "agreed",
     "notes": "Nina on the new cardiology wing; she finally has the catheter lab she fought for."},
    {"kind": "phone_call", "views": "agreed",
     "notes": "Nina on a patient, a baker, whose heart attack came at three in the morning in the bakehouse.",
     "learned": "Night work shows in the heart twenty years later."},
    {"kind": "meal", "location": "Museumsufer, Frankfurt",
     "notes": "Nina in Frankfurt for a congress; dinner by the river."},
]
TOBIAS: list[EncounterText] = [
    {"kind": "other", "location": "Bergpark Wilhelmshöhe, Kassel", "views": "agreed",
     "notes": "Tobias and I walked the Bergpark like every time."},
    {"kind": "phone_call",
     "notes": "Tobias on his Abitur class: half of them want to be influencers, the other half teachers."},
    {"kind": "other", "location": "Fridericianum, Kassel", "views": "mixed",
     "notes": "An exhibition with Tobias: he loved it, I understood half."},
    {"kind": "phone_call", "views": "agreed",
     "notes": "Tobias asked me to tell his class what a bank does all day."},
    {"kind": "other", "location": "Goethe-Gymnasium, Kassel",
     "notes": "Spoke to Tobias's class about money; the questions were better than at most panels.",
     "learned": "Seventeen-year-olds ask first whether you like your job."},
]
HENRIK: list[EncounterText] = [
    {"kind": "video_call", "views": "agreed",
     "notes": "Long call with Henrik about Uppsala's car-free centre.",
     "learned": "Shops complained for a year and then doubled their turnover."},
    {"kind": "message",
     "notes": "Henrik found a photo of our Erasmus corridor from 1997 and sent it."},
    {"kind": "video_call",
     "notes": "Henrik on his daughter's first year at university."},
    {"kind": "message",
     "notes": "Henrik wrote that our old corridor in Flogsta is being renovated."},
]
YASMIN: list[EncounterText] = [
    {"planned": False, "location": "Konstablerwache farmers' market",
     "notes": "Bumped into Yasmin at the market."},
    {"location": "Berger Straße", "views": "agreed",
     "notes": "Yasmin on her brother's degree recognition: eighteen months so far."},
    {"planned": False, "location": "The stairwell at home",
     "notes": "Met Yasmin on the stairs; coffee at hers instead of a quick hello."},
    {"location": "Café Kante, Bornheim", "views": "agreed",
     "notes": "Yasmin's agency won the court-interpreting contract.",
     "learned": "Sworn translators are paid by the line, and the courts pay late."},
]

# NGOs, academia and the arts.
ATHENA: list[EncounterText] = [
    {"with_": [], "kind": "video_call", "views": "differed",
     "notes": "Athena on polarisation research; she thinks my worry about bubbles is itself a bubble.",
     "learned": "People in an echo chamber overestimate how many others agree with them, by a wide margin."},
    {"kind": "video_call", "with_": ["hannah"], "views": "agreed",
     "notes": "Hannah and Athena on how groups drift towards the most confident speaker.",
     "learned": "The first opinion voiced in a meeting sets the range of all the others."},
    {"with_": [], "kind": "meal", "time": "20:30", "location": "Plaka, Athens", "views": "agreed",
     "notes": "Dinner with Athena in Athens after her lecture."},
    {"with_": [], "kind": "video_call",
     "notes": "Athena asked whether bankers would answer her survey; I said I would ask around."},
    {"kind": "video_call", "with_": ["hannah"], "views": "mixed",
     "notes": "Hannah's new study on online comments; Athena doubts the sample."},
]
KWAME: list[EncounterText] = [
    {"with_": [], "kind": "video_call", "views": "agreed",
     "notes": "Kwame on informal economies in Accra.",
     "learned": "What we call 'unbanked' is often a sophisticated system we cannot see."},
    {"kind": "video_call", "with_": ["fatima"], "views": "mixed",
     "notes": "Fatima and Kwame on financing wells: donors want photos, villages want maintenance budgets."},
    {"kind": "message", "with_": ["nadia"],
     "notes": "Nadia sent the savings network's annual report; Kwame added his notes."},
    {"kind": "video_call", "with_": ["nadia"], "views": "agreed",
     "notes": "Nadia on savings groups in Dhaka; Kwame compared them with the susu collectors in Accra.",
     "learned": "A savings group of twenty women repays better than any bank's SME book."},
]
SAMUEL: list[EncounterText] = [
    {"kind": "event", "location": "Weltkulturen Museum", "views": "differed",
     "notes": "Samuel's exhibition on restitution. I came with opinions and left with questions.",
     "learned": "The objects' owners were never asked what should happen to them."},
    {"kind": "event", "with_": ["giorgi"], "location": "Alte Oper, Frankfurt",
     "notes": "Giorgi played the Sibelius concerto; drinks afterwards with Samuel and the orchestra."},
    {"kind": "coffee", "with_": ["elena"], "location": "Caritas Frankfurt", "views": "agreed",
     "notes": "Samuel and Elena on the job market for refugees with foreign degrees.",
     "learned": "Recognising a Syrian engineering degree takes longer than earning a German one."},
    {"kind": "event", "with_": ["seoyeon"], "location": "Radialsystem, Berlin",
     "notes": "Premiere of Seo-yeon's string quartet, with Samuel. Half the audience under thirty."},
    {"with_": [], "kind": "coffee", "location": "Weltkulturen Museum", "views": "agreed",
     "notes": "Samuel on the museum's new advisory board, with members from the communities the objects came from."},
    {"kind": "meal", "with_": ["giorgi", "seoyeon"], "location": "Sachsenhausen", "views": "agreed",
     "notes": "Dinner with Samuel, Giorgi and Seo-yeon; they are planning a concert in the museum."},
    {"kind": "event", "location": "Weltkulturen Museum",
     "notes": "The museum's late opening with Samuel; he knew every second person."},
]
# fmt: on
