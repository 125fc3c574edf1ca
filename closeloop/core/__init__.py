"""The pure domain: people, interactions, loops, policy, due items, strength.

May import only the standard library. No I/O, no clock: "now" is an argument.
"""
