"""closeloop: a ledger of help given and received, and the follow-ups you owe.

Layers (see DESIGN.md): ``core`` is pure; ``sources`` read the outside world;
``store`` is the only SQL; ``service`` holds the use cases; ``cli`` and ``web``
are thin interfaces over ``service``.
"""

__version__ = "0.1.0"
