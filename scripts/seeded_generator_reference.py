#!/usr/bin/env python3
"""Independent reference values for TensorKit's SeededGenerator.

SplitMix64 seeding and xoshiro256** written from their published definitions
(Vigna, https://prng.di.unimi.it/), in Python integers masked to 64 bits; uniforms
from the top 53 bits; normals by the Marsaglia polar method with math.log. The
Swift tests hard-code what this prints. Run: python3 scripts/seeded_generator_reference.py
"""
import math

MASK = (1 << 64) - 1


def splitmix64(seed):
    x = seed
    while True:
        x = (x + 0x9E3779B97F4A7C15) & MASK
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256StarStar:
    def __init__(self, seed):
        sm = splitmix64(seed)
        self.s = [next(sm) for _ in range(4)]
        self.spare = None

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0**-53

    def normal(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        while True:
            u = 2 * self.uniform() - 1
            v = 2 * self.uniform() - 1
            s = u * u + v * v
            if s >= 1 or s == 0:
                continue
            factor = math.sqrt(-2 * math.log(s) / s)
            self.spare = v * factor
            return u * factor


def main():
    for seed in (0, 42):
        g = Xoshiro256StarStar(seed)
        print(f"seed {seed} next():", ", ".join(f"0x{g.next():016X}" for _ in range(4)))
        g = Xoshiro256StarStar(seed)
        print(f"seed {seed} uniform:", ", ".join(repr(g.uniform()) for _ in range(3)))
        g = Xoshiro256StarStar(seed)
        print(f"seed {seed} normal:", ", ".join(repr(g.normal()) for _ in range(4)))


if __name__ == "__main__":
    main()
