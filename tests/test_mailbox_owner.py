"""Whose mailbox is it: the owner inferred from the messages, with the owner's other addresses."""

from __future__ import annotations

from closeloop.core.mailbox import infer_owner, mailbox_of, owner_aliases
from closeloop.core.message import Address, Message


def _message(n: int, sender: str, to: tuple[str, ...], cc: tuple[str, ...] = ()) -> Message:
    return Message(source=f"inbox/{n}", message_id=f"{n}@x", subject="hello",
                   sender=Address("", sender), to=tuple(Address("", a) for a in to),
                   cc=tuple(Address("", a) for a in cc), text="Hi there.", new_text="Hi there.")


def test_the_owner_is_the_address_on_most_messages_and_their_short_forms_are_theirs():
    inbox = [_message(n, f"friend{n}@example.com", ("jeff.dasovich@enron.com",)) for n in range(8)]
    inbox += [_message(10, "susan@x.org", ("jdasovic@enron.com", "smara@enron.com")),
              _message(11, "boss@enron.com", ("jeff.dasovich@enron.com",), ("j..dasovich@ect.enron.com",)),
              _message(12, "kay@enron.com", ("jeffrey.dasovich@other.org",)),
              _message(13, "kay@enron.com", ("dasovich.jeff@enron.com", "mary.dasovich@enron.com"))]
    owner = infer_owner(inbox)
    assert owner is not None and owner.email == "jeff.dasovich@enron.com"
    assert owner_aliases(owner, inbox) == {"jeff.dasovich@enron.com", "jdasovic@enron.com",
                                           "j..dasovich@ect.enron.com", "dasovich.jeff@enron.com"}
    # Another domain, another first name as a whole word, a colleague: not the owner.
    short = Address("", "pallen@enron.com")
    assert owner_aliases(short, [_message(1, "a@x.org", ("k..allen@enron.com", "diane.allenby@enron.com"))]) \
        == {"pallen@enron.com", "k..allen@enron.com"}


def test_an_address_at_another_domain_under_the_owners_full_name_is_theirs():
    owner = Address("Hannah Okonkwo-Berg", "hannah@okonkwoberg.no")
    work = Message(source="inbox/1", message_id="1@x", subject="rota", sender=Address("Magnus Dahl", "magnus@clinic.no"),
                   to=(Address("Hannah Okonkwo-Berg", "hannah@clinic.no"),), text="Hi.", new_text="Hi.")
    namesake = Message(source="inbox/2", message_id="2@x", subject="hi", sender=Address("Hannah", "hannah@other.org"),
                       to=(Address("hannah okonkwo-berg", "hokb@clinic.no"), Address("Hannah Berg", "hb@clinic.no")),
                       text="Hi.", new_text="Hi.")
    # The full name, in any case, makes the address hers; a first name or another surname does not.
    assert owner_aliases(owner, [work, namesake]) == {"hannah@okonkwoberg.no", "hannah@clinic.no", "hokb@clinic.no"}
    assert owner_aliases(Address("Hannah", "hannah@okonkwoberg.no"), [work]) == {"hannah@okonkwoberg.no"}


def test_no_owner_when_no_address_stands_out():
    mixed = [_message(n, f"a{n}@x.org", (f"b{n}@y.org",)) for n in range(10)]
    assert infer_owner(mixed) is None


def test_a_message_belongs_to_its_mbox_maildir_or_folder():
    assert mailbox_of("/m/work.mbox#12") == "/m/work.mbox"
    assert mailbox_of("/m/Maildir/cur/1700000000.x:2,S") == "/m/Maildir"
    assert mailbox_of("/enron/allen-p/inbox/12") == "/enron/allen-p/inbox"


def test_a_daily_sender_or_a_mailing_list_is_not_the_owner():
    broker = [_message(n, "notes@broker.com", ("larry.may@enron.com" if n % 2 else "lmay@enron.com",))
              for n in range(10)]
    broker += [_message(20 + n, "ann@x.org", ("larry.may@enron.com",)) for n in range(3)]
    owner = infer_owner(broker)
    assert owner is not None and owner.email == "larry.may@enron.com"
    group = [_message(n, f"member{n}@x.org", ("emca@yahoogroups.com",)) for n in range(6)]
    group += [_message(10 + n, f"friend{n}@x.org", ("teb.lokey@enron.com",)) for n in range(4)]
    owner = infer_owner(group)
    assert owner is not None and owner.email == "teb.lokey@enron.com"


def test_an_owner_spread_over_several_addresses_is_still_found():
    inbox = [_message(n, f"a{n}@x.org", (("f..campbell@enron.com", "lcampbel@enron.com",
                                           "larry.campbell@enron.com")[n % 3],)) for n in range(9)]
    inbox += [_message(20 + n, f"b{n}@x.org", (f"c{n}@y.org",)) for n in range(12)]  # 9 of 21: no address alone has 30%
    owner = infer_owner(inbox)
    assert owner is not None and owner.email in {"f..campbell@enron.com", "lcampbel@enron.com",
                                                 "larry.campbell@enron.com"}


def test_a_broker_writing_to_itself_for_a_hidden_list_is_not_the_owner():
    # Most of the inbox is a broker's note sent "To: notes@broker.com" with the readers in Bcc;
    # the owner receives the rest, under three addresses, on a quarter of the messages.
    inbox = [_message(n, "notes@broker.com", ("notes@broker.com",)) for n in range(14)]
    inbox += [_message(20 + n, f"colleague{n}@enron.com",
                       (("f..keavey@enron.com", "pkeavey@ect.enron.com", "peter.keavey@enron.com")[n % 3],
                        f"other{n}@enron.com")) for n in range(6)]
    inbox += [_message(40 + n, f"a{n}@x.org", (f"b{n}@y.org",)) for n in range(4)]
    owner = infer_owner(inbox)
    assert owner is not None and owner.email in {"f..keavey@enron.com", "pkeavey@ect.enron.com",
                                                 "peter.keavey@enron.com"}
    # With nobody else receiving on enough of the messages, no owner rather than the broker.
    assert infer_owner(inbox[:14] + inbox[20:]) is None


def test_sent_mail_belongs_to_its_sender():
    sent = [_message(n, "ann.lee@x.org", (f"friend{n}@y.org",)) for n in range(8)]
    owner = infer_owner(sent)
    assert owner is not None and owner.email == "ann.lee@x.org"
