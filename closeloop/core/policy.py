"""The timing rules: when each follow-up appears and when it is overdue.

Every rule is a setting with a default and a line of help; the user changes
them with ``closeloop config``. Circle cadences live with the circles.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import timedelta

from closeloop.core.loops import NextStep
from closeloop.errors import BadInput

@dataclass(frozen=True, slots=True)
class Policy:
    thank_within_days: float = 1.0
    report_after_act_days: float = 3.0
    report_without_act_days: float = 28.0
    follow_up_after_days: float = 7.0
    check_in_after_days: float = 21.0
    reply_within_days: float = 2.0
    grace_days: float = 3.0

    def rule(self, step: str) -> tuple[timedelta, timedelta]:
        """(delay before the step appears, time from then until it is overdue)."""
        d = timedelta(days=1)
        if step == NextStep.THANK:
            return timedelta(0), d * self.thank_within_days
        if step == NextStep.REPORT:
            return timedelta(0), d * self.report_after_act_days
        if step == NextStep.REPORT_UNACTED:
            return d * self.report_without_act_days, d * self.grace_days
        if step == NextStep.FOLLOW_UP:
            return d * self.follow_up_after_days, d * self.grace_days
        if step == NextStep.CHECK_IN:
            return d * self.check_in_after_days, d * self.grace_days
        raise ValueError(step)


POLICY_HELP = {
    "thank_within_days": "Thank someone within this many days of their help.",
    "report_after_act_days": "Tell a helper how it went within this many days of acting on their help.",
    "report_without_act_days": "If no act is recorded, remind to report back this many days after the help.",
    "follow_up_after_days": "Follow up an ask nobody has answered after this many days.",
    "check_in_after_days": "Ask how help you gave turned out after this many days.",
    "reply_within_days": "Answer a personal message that asks you something within this many days.",
    "grace_days": "Days a nudge (report, follow up, check in, keep in touch) stays due before it is overdue.",
}


def policy_from_settings(values: dict[str, str]) -> Policy:
    """Build a policy from stored ``name -> text`` settings, checking each."""
    policy = Policy()
    changes = {}
    for name, text in values.items():
        if name not in POLICY_HELP:
            continue
        changes[name] = parse_days(name, text)
    return replace(policy, **changes)


def parse_days(name: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise BadInput(f"{name} must be a number of days, not {text!r}") from None
    if not 0 <= value <= 3650:
        raise BadInput(f"{name} must be between 0 and 3650 days, not {text}")
    return value


def policy_items(policy: Policy) -> list[tuple[str, float, float, str]]:
    """(name, value, default, help) for each setting, in a stable order."""
    default = Policy()
    return [(f.name, getattr(policy, f.name), getattr(default, f.name), POLICY_HELP[f.name])
            for f in fields(Policy)]
