"""The only SQL: tables, migrations, and functions that load and save core objects.

May import ``closeloop.core`` and ``closeloop.errors``; never ``sources``,
``service``, ``cli`` or ``web``, and never reads configuration itself: the
database URL is handed in.
"""
