"""What a meeting is worth and how long between meetings is normal: the units both analyses share.

Tie strength and "gone quiet" (encounters/) and the network graph (contacts/network/) measure in
these units. They live here, in the lowest layer, and are imported upward: one value, one reason.
"""

# A face-to-face encounter is the unit the product measures everything in.
IN_PERSON_WEIGHT = 1.0

# A call, video call or message keeps a tie warm but is not a meeting: about three calls are worth
# one coffee. Above zero so a relationship kept alive across an ocean still registers; well below
# one half so that no amount of messaging looks like a close, face-to-face tie.
REMOTE_WEIGHT = 0.35

# Without a cadence or enough history, a quarter: the rhythm most people keep with a professional
# tie they care about, and long enough that the weekly digest doesn't nag about everyone at once.
DEFAULT_EXPECTED_DAYS = 90
