"""Every threshold of the tie-strength and gone-quiet models, each with the reason for its value.

docs/tie-strength-and-quiet.md explains the models these numbers feed; change a number here and
the docs' worked examples with it.
"""

import datetime

# The units shared with the network analysis: what an in-person and a remote encounter are worth,
# and the expected interval without a cadence or a history (reasons in contacts/weights.py).
from contacts.weights import DEFAULT_EXPECTED_DAYS, IN_PERSON_WEIGHT, REMOTE_WEIGHT

__all__ = ["DEFAULT_EXPECTED_DAYS", "IN_PERSON_WEIGHT", "REMOTE_WEIGHT"]  # and the numbers below

# --- Tie strength -------------------------------------------------------------------------------

# "Relationships are measured in years": an encounter a year ago still counts half, one two years
# ago a quarter. Shorter half-lives punish the people one sees once a year at the same conference,
# who are exactly the ties outside one's bubble the product wants to keep.
HALF_LIFE_DAYS = 365

# The day the per-contact decayed sums count from (encounters.models.ContactSummary): any fixed day
# will do; one near today keeps the powers of two small (2 ** 26 in 2026), so the sums keep their
# precision, and the dates a person types (years 1 to 9999) stay within a double's range.
STRENGTH_EPOCH = datetime.date(2000, 1, 1)

# The saturation scale k in strength = 1 - exp(-raw / k). With k = 4, one meeting today gives 0.22,
# meeting once a year for years 0.39, once a quarter 0.79, once a month 0.99: the bar fills for a
# sustained rhythm, not for one busy week, and never quite reaches 1.
SATURATION = 4.0

# Label thresholds on the 0..1 strength (lower bound of each label). "strong" is a sustained
# quarterly rhythm or better; "regular" a sustained yearly one; "light" one recent meeting or a
# few calls; below that the tie is "faint".
STRONG_FROM = 0.65
REGULAR_FROM = 0.35
LIGHT_FROM = 0.10

# --- Gone quiet ---------------------------------------------------------------------------------

# A contact's own rhythm is learned from the gaps between distinct encounter days once there are
# this many days: three days give two gaps, the least from which a median means anything.
LEARN_MIN_DAYS = 3

# Expect the next encounter at 1.5 x the usual gap: the usual rhythm plus slack, so that one late
# meeting is not yet "quiet" but missing a whole beat is.
LEARNED_FACTOR = 1.5

# A learned interval below two weeks comes from a burst (a conference week, a project sprint); the
# digest is weekly, so anything shorter would flag people who are simply between bursts.
LEARNED_MIN_DAYS = 14

# Beyond two years an encounter has decayed to a quarter of its weight (see HALF_LIFE_DAYS); even a
# contact one sees only every few years deserves a nudge before the tie is gone.
LEARNED_MAX_DAYS = 730

# A remote encounter buys this share of the expected interval, an in-person one all of it: the
# product's premise is that a phone call keeps a tie warm but doesn't replace meeting. One half
# keeps a contact one calls regularly from being flagged soon after each call, and still asks for
# a meeting by the middle of the interval after the last one.
REMOTE_CREDIT = 0.5

# In the ranking, priority = overdue ratio x (PRIORITY_FLOOR + strength). The floor keeps a faint
# or never-met tie that is long overdue in the digest; with 0.25 a strong tie (~1.0) at the same
# overdue ratio still ranks about five times higher.
PRIORITY_FLOOR = 0.25

# "The last thing you talked about" is a reminder, not the notes: about one tweet's worth.
LAST_TOPIC_MAX_CHARS = 140
