"""Fast, seeded random draws for practice data (services.demo and services.demo_activities)."""

import datetime as dt
import random
from bisect import bisect_right
from itertools import accumulate


class QuickRandom(random.Random):
    """choice, randrange and randint from a single random() call: three times faster than the exact
    versions, and their bias of one in 2**53 does not matter for practice data."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randrange(self, start, stop=None):
        low, high = (0, start) if stop is None else (start, stop)
        return low + int(self.random() * (high - low))

    def randint(self, a, b):
        return a + int(self.random() * (b - a + 1))


class Weighted:
    """A weighted choice with the cumulative weights worked out once (random.choices redoes its checks
    on every call, which shows at 100 000 volunteers)."""

    def __init__(self, pairs):
        pairs = list(pairs)
        self.values = [value for value, _weight in pairs]
        self.cumulative = list(accumulate(weight for _value, weight in pairs))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random):
        return self.values[bisect_right(self.cumulative, rng.random() * self.total)]


def between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))
