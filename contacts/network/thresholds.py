"""Every threshold of the network analysis ("Find the bubbles"), each with the reason for its value.

docs/network-analysis.md explains the graph and the measures these numbers feed, and holds the
calibration table (bench/calibrate_network_thresholds.py) from which the flagging thresholds were
chosen. Change a number here and rerun the calibration and the docs' table with it.
"""

from contacts.weights import DEFAULT_EXPECTED_DAYS, IN_PERSON_WEIGHT, REMOTE_WEIGHT

# --- The graph ----------------------------------------------------------------------------------

# Edge weight of a hand-entered tie, by kind. Tie strength is "a combination of the amount of time,
# the emotional intensity, the intimacy and the reciprocal services" (Granovetter 1973): family and
# friends are strong ties, colleagues share a focus of activity (Feld 1981) and meet often, "knows"
# is the weak tie. Only the ratios matter: weighted modularity does not change when every weight is
# multiplied by the same number. A kind not listed here counts as "knows".
TIE_KIND_WEIGHTS = {
    "family": 3.0,
    "friend": 2.5,
    "colleague": 2.0,
    "knows": 1.0,
}
DEFAULT_TIE_WEIGHT = 1.0

# What one shared encounter is worth between two of its participants before group damping: the
# units tie strength uses too (contacts/weights.py), a face-to-face meeting is the unit and about
# three calls are worth one coffee.
ENCOUNTER_IN_PERSON_WEIGHT = IN_PERSON_WEIGHT
ENCOUNTER_REMOTE_WEIGHT = REMOTE_WEIGHT

# Shared encounters saturate: the pair's encounter weight is S * (1 - exp(-raw / S)) with raw the
# damped sum. One in-person coffee gives 0.85, three 1.9, ten 2.9, and no number of meetings goes
# past S = 3.0, the weight of a family tie. Frequency of contact overstates the strength of ties
# that come with a shared place (co-workers, neighbours; Marsden & Campbell 1984), so a weekly team
# meeting must not turn the team into the only structure community detection can see.
ENCOUNTER_SATURATION = 3.0

# An introduction the user made means the two have met through them: at least a "knows" tie.
INTRODUCTION_WEIGHT = 1.0

# --- Communities --------------------------------------------------------------------------------

# Leiden (Traag et al. 2019) maximises modularity (Newman & Girvan 2004) with a resolution γ: a
# community is kept together when its internal weight beats γ times what chance would give.
# γ = 1 is the standard modularity. Measured on LFR networks (docs/network-analysis.md), γ = 1.5
# separates bubbles from diverse neighbours better when every tie is of the same kind (precision
# and recall 0.97/0.95 against 0.92/0.86), but it splits Zachary's karate club into five circles,
# one of them a pair outside any judged circle; the circles users see stay at the standard value.
LEIDEN_RESOLUTION = 1.0

# Leiden improves a partition iteration by iteration; on a network with circles it is stable after
# two or three (5,000 contacts: 0.03 s), on one whose ties are all random (G(n,m)) it still gains
# crumbs after dozens (1.7 s until stable, modularity 0.213; ten iterations: 0.2 s, 0.208).
LEIDEN_MAX_ITERATIONS = 10

# Leiden visits nodes in random order; a fixed seed (with a graph built in sorted order) makes the
# same data give the same circles every night.
DEFAULT_SEED = 42

# A circle needs at least four members to be judged. With three, one person moves the dominant share
# by a third and "homogeneous" means "two of three"; four is the smallest group in which three
# quarters (SHARE_THRESHOLD) is a real majority, and the chance guard below still refuses a
# four-person circle on a dimension with only two values (4 of 4 happens by chance one time in 8).
MIN_CLUSTER_SIZE = 4

# A circle that is not a bubble is split by Leiden on its own ties, and a part that is a bubble is
# shown as a circle of its own (analysis._circles_and_bubbles). Such a part rests on a finer split
# than the network's modularity made, so it needs more members than a circle: eight, so that one
# person moves a share by an eighth at most. With four, the demo's factory (14 people, one industry,
# mixed in everything else) gave up a "bubble" of five, three of them from Turkey; LFR networks'
# communities have at least ten members, so the recall there does not change.
MIN_PART_SIZE = 8

# --- Homogeneity of a circle --------------------------------------------------------------------
# The precision, recall and flagged shares quoted below come from the calibration table in
# docs/network-analysis.md (bench/calibrate_network_thresholds.py: planted bubbles, 8 seeds).

# A dimension is judged only when at least this share of the circle has a value on it: a clear
# majority, so that a flag never rests on a minority of the circle. With a quarter of all values
# missing, 0.5 and 0.6 find 98 % of the planted bubbles, 2/3 85 %, 0.8 38 %; none of them flags
# more on random data. With 0.6 known and 3/4 of those sharing a value, that value holds at least
# 45 % of the whole circle even if every unknown member differed.
MIN_COVERAGE = 0.6

# Homogeneous when the dominant value holds at least this share of the known members: strong
# homophily in the sense of McPherson, Smith-Lovin & Cook (2001), and the knee of the calibration.
# Lower values flag diverse circles in networks where one value is common anyway (0.7: precision
# 0.81 and 20 % of a random skewed network flagged, against 0.96 and 3 % at 0.75); higher ones miss
# bubbles with a quarter of exceptions (recall 0.67 at 0.75, 0.25 at 0.8).
SHARE_THRESHOLD = 0.75

# ... or when the index of qualitative variation (Agresti & Agresti 1978) is at most this. IQV is
# Blau's index (Blau 1977) over its maximum 1 - 1/K: 0 all alike, 1 spread evenly over the K values
# seen in the network. It catches a circle split 70/30 between two values of a many-valued dimension
# (14 Germany, 6 Austria with 20 countries in the network: share 0.70, IQV 0.44), which the share
# rule misses. Up to 0.5 it changed nothing in the calibration; from 0.55 it costs precision in
# skewed networks (0.6: precision 0.86, 14 % of a random skewed network flagged). 0.45 keeps a
# margin from that edge.
IQV_THRESHOLD = 0.45

# Chance guard: a dimension counts as homogeneous only if members drawing their values evenly from
# the K values would reach the dominant count with probability at most this (K x binomial tail, a
# union bound over the values). It only bites for small circles on dimensions with few values: 3 of
# 4 alike on a two-valued dimension happens by chance 62 % of the time, 4 of 4 12.5 %, 5 of 6 22 %,
# 10 of 12 4 %. Without it, 18-20 % of the contacts in random networks of circles of 6-8 on
# two-valued dimensions were flagged; with 0.05 0-2 %, with 0.1 2-5 %. The price: planted bubbles of
# eight on two-valued dimensions need near unanimity (recall 0.28 at 0.05, 0.68 at 0.1). A false
# "you live in a bubble" costs the product more trust than a small bubble it misses, so we keep the
# conventional five percent.
CHANCE_ALPHA = 0.05

# --- Circles against the network (issue 18) ----------------------------------------------------
# A circle's dimension is homogeneous when its top value holds a majority of the known members and
# a circle of the same size drawn at random from the user's network would hold that value that
# often only rarely (a hypergeometric tail, times the number of values: concentration_beyond_network).
# "Rarely" is decided for all circles and dimensions of a network together, with the
# Benjamini-Hochberg procedure (1995): among the dimensions called homogeneous, at most this share
# is expected to be chance, and in a network where values are random (nothing to find) the chance
# that anything at all is flagged is at most this. The fixed share threshold above (0.75) missed a
# third of the bubbles of LFR networks at mixing 0.35: a bubble of 15 in which 85 % share a value
# shows 11 of 15 (0.73) one time in five, and both of two dimensions at 0.75 two times in three.
# Calibration (docs/network-analysis.md): 0.01 misses the small karate-club factions (circles of
# 5 and 6 all of one faction) and drops the recall on skewed values; 0.05 alone flagged 0.3 % of
# the circles on a random two-valued dimension of the karate club (1,000 draws), which is why it
# applies only to dimensions the ties follow (MIN_HOMOPHILY_Z below).
FALSE_DISCOVERY_RATE = 0.05

# The effect size a flag needs on top of the test: the top value holds more than half of the known
# members. A large circle can be significantly more Banking than the network at 30 %; "most of them
# share it" is what a bubble means to the user, and what the reason says. Raising it costs recall
# where circles are fuzzy (LFR at mixing 0.35, 8 seeds: 0.96 at one half, 0.93-0.96 at 0.6, 0.79-0.92
# at two thirds) and changes nothing on the controls, which the test keeps clean on its own.
MIN_BUBBLE_SHARE = 0.5

# A circle is homogeneous on a dimension only when the ties of the whole network follow that
# dimension: the tie weight joining two contacts with the same value lies at least this many
# standard deviations above what the same values shuffled among the contacts would give (the
# join-count test, homogeneity.tie_homophily). A gate before the circle test (a hierarchical test:
# first "does this dimension shape who knows whom at all?", then "which circles?"): a dimension
# with random values has no circle flagged on it unless its ties happen to follow it this far.
# Five standard deviations: the normal tail there is 3e-7, which leaves room for the join count's
# longer right tail (a sum of positive weights): on random karate-club dimensions z reached 4.0 once
# in 8,000 draws. The faction reaches 8.0; on the benchmark networks 4, 4.5 and 5 flag the same.
MIN_HOMOPHILY_Z = 5.0

# On a dimension the ties do not follow as a whole, a circle can still be a bubble on its own
# evidence: the dimension's Benjamini-Hochberg cutoff is then taken at a level so low that a flag
# resting on such evidence alone is wrong at most this share of the time on random values
# (FlagRule.alone_level: this rate when one dimension is tracked, 1 % per dimension when two of
# five are needed). A circle of 8 bankers in a network of 256 with no other banker: p = 1.2e-14.
ALONE_ERROR_RATE = 1e-3

# A circle is flagged when it is homogeneous on at least this many of the dimensions the user
# tracks, or on all of them when the user tracks fewer (one tracked dimension: one is enough). One
# shared dimension is what brings most circles together in the first place (colleagues share an
# industry: Feld's 1981 foci of activity); a bubble is homophily on several dimensions at once, what
# Blau (1977) calls consolidated parameters, under which contact across groups dries up. With 1,
# circles that share only a workplace are flagged (precision 0.67) and so are 22-30 % of random
# networks; with 3, recall falls to 0.21-0.75 in noisy or incomplete data.
MIN_FLAGGED_DIMENSIONS = 2

# --- Names, suggestions and bridges -------------------------------------------------------------

# A circle's name is made of the dominant values of up to three dimensions, strongest first, and
# only of values that hold at least half of the known members: a name should describe most of the
# circle. Without any such value the circle is named after its most central member.
LABEL_MAX_PARTS = 3
LABEL_MIN_SHARE = 0.5

# "Not seen for a while": the default interval of the gone-quiet analysis (contacts/weights.py), a
# quarter of a year. A contact never seen (no encounter logged) counts as unseen for longest.
SUGGESTION_MIN_DAYS_UNSEEN = DEFAULT_EXPECTED_DAYS

# How many people to suggest per flagged circle: a short list one can act on this week.
MAX_SUGGESTIONS = 5
MAX_BRIDGE_SUGGESTIONS = 3

# Bridges are ranked by the participation coefficient P = 1 - sum_s (k_is / k_i)^2 (Guimera & Amaral
# 2005), the spread of a contact's tie weight over circles; it takes O(E), where exact betweenness
# takes O(V E). With two circles P = 0.3 means about a fifth of the contact's tie weight leaves the
# own circle. Guimera & Amaral call non-hubs above 0.62 "connectors", a bar that a contact between
# just two circles cannot reach (P <= 0.5 there), so we take the lower one and report the top few.
BRIDGE_MIN_PARTICIPATION = 0.3
MAX_BRIDGES = 10
