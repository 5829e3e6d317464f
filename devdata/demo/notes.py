# ruff: noqa: E501  (prose reads better unbroken)
"""What the demo's encounters say: the notes, lessons and views drawn for each kind of meeting."""

from typing import TypedDict


class EncounterText(TypedDict, total=False):
    """What one encounter of the story says, beyond who, when and how."""

    location: str
    notes: str
    learned: str
    views: str


# fmt: off
BANKING_LUNCH: list[EncounterText] = [
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
BANKING_ONE_TO_ONE: list[EncounterText] = [
    {"location": "Mainland Bank, 38th floor", "views": "agreed",
     "notes": "Thomas on the reorganisation of corporate banking; he wants my view on the SME desk."},
    {"location": "Café Wacker", "notes": "Coffee before the board meeting. Mostly family news."},
    {"location": "Hessische Kreditanstalt", "views": "mixed",
     "notes": "Katrin walked me through the new early-warning model.",
     "learned": "Defaults in the supplier base of the car industry are rising faster than the models expect."},
    {"location": "Opernplatz", "notes": "Quick espresso after the Börsenverein reception."},
    {"location": "Palmengarten", "views": "agreed", "notes": "Walk and talk with Stefan about liquidity buffers."},
]
BANKING_EVENTS: list[EncounterText] = [
    {"location": "Alte Oper, Frankfurt", "notes": "Bankenabend. Five hundred dark suits.", "views": "agreed"},
    {"location": "Messe Frankfurt", "notes": "Frankfurt Finance Summit: panel on SME lending.",
     "learned": "The panel agreed on everything; the only question from the floor came from a student."},
    {"location": "Kempinski Gravenbruch", "notes": "Rotary summer party."},
]
PLANT_FLOOR: list[EncounterText] = [
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
PLANT_OFFICE: list[EncounterText] = [
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
TECH_CALLS: list[EncounterText] = [
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
TECH_IN_PERSON: list[EncounterText] = [
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
FAMILY_CALLS: list[EncounterText] = [
    {"notes": "Mum's knee is better; she is back in the choir."},
    {"notes": "Mum found Dad's letters from his year in Tanzania; she read me two."},
    {"notes": "Talked about the garden and the neighbours' new grandchild."},
    {"views": "differed", "notes": "Mum on the election. We will not agree, and that is fine."},
    {"notes": "Mum asked whether I am working too much. Yes."},
]
FAMILY_MEALS: list[EncounterText] = [
    {"location": "Trattoria Da Marco, München", "views": "agreed",
     "notes": "Sunday lunch at Marco's. Lea explained large language models to the table."},
    {"location": "Julia's flat, Schwabing", "views": "mixed",
     "notes": "Julia on night shifts on the children's ward and the staffing crisis.",
     "learned": "Half of her ward's nurses work part time because full time breaks them."},
    {"location": "Trattoria Da Marco, München", "notes": "Marco's new menu; osso buco for eight."},
    {"location": "Kassel, Mum's house", "notes": "Coffee and plum cake at Mum's with Julia."},
]
FRIENDS: list[EncounterText] = [
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
CULTURE: list[EncounterText] = [
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
