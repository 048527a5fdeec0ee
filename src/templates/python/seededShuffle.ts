// The trainer's seeded permutation (trainer/data/split.ts: seedrandom's ARC4 generator keyed by String(seed), then a
// Fisher-Yates shuffle) restated in Python, so an exported script holds out exactly the run's validation samples.
// test/unit/templates/seededShuffle.test.ts runs it against the TypeScript one.

export const SEEDED_SHUFFLE = `class Arc4Random:
    """seedrandom 3.0.5's default generator (ARC4 keyed by a string), as the run's split draws from it."""

    def __init__(self, seed_text):
        key, smear = [], 0
        for j, char in enumerate(seed_text):
            slot = j & 255
            if slot < len(key):
                smear ^= key[slot] * 19
            value = 255 & (smear + ord(char))
            if slot < len(key):
                key[slot] = value
            else:
                key.append(value)
        key = key or [0]
        self.s = list(range(256))
        self.i = self.j = 0
        j = 0
        for i in range(256):
            t = self.s[i]
            j = 255 & (j + key[i % len(key)] + t)
            self.s[i] = self.s[j]
            self.s[j] = t
        self.bytes(256)  # seedrandom discards the first 256 outputs

    def bytes(self, count):
        """The next \`count\` outputs as one big-endian integer."""
        s, i, j, r = self.s, self.i, self.j, 0
        for _ in range(count):
            i = 255 & (i + 1)
            t = s[i]
            j = 255 & (j + t)
            s[i] = s[j]
            s[j] = t
            r = r * 256 + s[255 & (s[i] + t)]
        self.i, self.j = i, j
        return r

    def random(self):
        """A float in [0, 1) with 52 significant bits, built exactly as seedrandom builds it."""
        n, d, x = self.bytes(6), 2**48, 0
        while n < 2**52:
            n = (n + x) * 256
            d *= 256
            x = self.bytes(1)
        while n >= 2**53:
            n //= 2
            d //= 2
            x >>= 1
        return (n + x) / d


def seeded_permutation(count, seed):
    """The run's sample order for data.limit and the validation split (Fisher-Yates from the last index)."""
    random = Arc4Random(str(seed))
    order = list(range(count))
    for i in range(count - 1, 0, -1):
        j = int(random.random() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order`;
