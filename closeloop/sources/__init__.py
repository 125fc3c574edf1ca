"""Readers of the outside world: vCard, CSV, iCalendar, mail.

Each reader yields records and problems (``closeloop.core.problems.Problem``);
none touches the database. May import ``closeloop.core`` and third-party
parsers, never ``closeloop.store``, ``service``, ``cli`` or ``web``.
"""
