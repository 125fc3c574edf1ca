"""Who knows whom and warm paths: the ranking, the graph kept current, `closeloop path`."""

from __future__ import annotations

import mailbox

from sqlalchemy import select

from closeloop.core.paths import Link, link_weight, rank, work_domain
from tests.test_import_mail import ME, mail


def test_link_weight_grows_with_evidence_and_stays_below_one():
    assert link_weight(0, 0, 0) == 0
    assert link_weight(0, 0, 1) == 0.5
    assert link_weight(1, 1, 0) < link_weight(4, 3, 0) < link_weight(4, 3, 1) < 1
    assert work_domain("dana@Acme.com") == "acme.com"
    assert work_domain("someone@gmail.com") is None and work_domain("nobody") is None


def test_rank_puts_direct_contacts_first_and_scores_both_links():
    links = [Link(via=2, target=10, weight=0.5), Link(via=3, target=10, weight=0.9),
             Link(via=3, target=11, weight=0.2), Link(via=4, target=10, weight=0.9),
             Link(via=1, target=10, weight=1.0)]  # from me: not a path
    direct, paths = rank(links, {2: 90, 3: 40, 10: 12, 11: 70}, me=1, targets_known=[10, 11])
    assert [d.person for d in direct] == [11, 10]
    assert [p.via for p in paths] == [2, 3]  # 4 is no one the user knows
    assert abs(paths[0].score - 0.9 * 0.5) < 1e-9
    assert abs(paths[1].score - (1 - (1 - 0.36) * (1 - 0.08))) < 1e-9
    assert [h.target for h in paths[1].hops] == [10, 11]
    assert rank(links, {2: 90, 3: 40}, me=1, limit=1)[1][0].via == 2


def network_mbox(path):
    """Maya's mail: Tom knows Dana (Acme) from a thread; Ines knows Dana and Raj (Acme) too."""
    box = mailbox.mbox(str(path))
    for message in [
        mail("Tom Rivera <tom@initech.com>", [f"Maya Chen <{ME}>"], "Conference panel",
             "Hi Maya,\n\nWould you join the panel? Dana is moderating.\n\nTom",
             "2026-01-10T10:00:00+00:00", "p1", cc=["Dana Lee <dana@acme.com>"]),
        mail(f"Maya Chen <{ME}>", ["Tom Rivera <tom@initech.com>"], "Re: Conference panel",
             "Tom,\n\nGladly.\n\nMaya", "2026-01-11T10:00:00+00:00", "p2", reply_to="p1"),
        mail("Dana Lee <dana@acme.com>", ["Tom Rivera <tom@initech.com>", f"Maya Chen <{ME}>"],
             "Re: Conference panel", "Both: the room is 4B.\n\nDana",
             "2026-01-12T10:00:00+00:00", "p3", reply_to="p1"),
        mail("Ines Park <ines@gmail.com>", [f"Maya Chen <{ME}>"], "Climbing Saturday",
             "Maya, Saturday at 10? Raj from Acme is coming.\n\nInes",
             "2026-02-20T10:00:00+00:00", "c1", cc=["Raj Patel <raj@acme.com>"]),
        mail(f"Maya Chen <{ME}>", ["Ines Park <ines@gmail.com>"], "Re: Climbing Saturday",
             "Yes! See you there.\n\nMaya", "2026-02-21T10:00:00+00:00", "c2", reply_to="c1"),
        mail(f"Maya Chen <{ME}>", ["Ines Park <ines@gmail.com>"], "Dinner",
             "Dinner next week?\n\nMaya", "2026-03-01T10:00:00+00:00", "d1"),
        mail("Ines Park <ines@gmail.com>", [f"Maya Chen <{ME}>"], "Re: Dinner",
             "Sure, Tuesday.\n\nInes", "2026-03-01T12:00:00+00:00", "d2", reply_to="d1"),
    ]:
        box.add(message)
    box.flush()
    box.close()
    return path


def test_paths_into_an_organization_rank_people_i_know_well(cli, tmp_path):
    cli.ok("import", "mail", str(network_mbox(tmp_path / "maya.mbox")), "--me", ME)
    found = cli.json("path", "--org", "acme.com")
    assert found["target"] == {"kind": "domain", "name": "acme.com", "id": None,
                               "domains": ["acme.com"], "people": 2}
    assert [d["person"] for d in found["direct"]] == ["Dana Lee"]  # on my threads
    vias = [p["via"] for p in found["paths"]]
    assert vias[:2] == ["Ines Park", "Tom Rivera"]  # Ines: strongest tie, though a weaker link
    tom = found["paths"][1]
    [hop] = tom["through"]
    assert hop["person"] == "Dana Lee" and hop["why_there"] == "mail at acme.com"
    assert "1 shared thread(s)" in hop["evidence"] and "2 message(s) together" in hop["evidence"]
    assert hop["interaction_id"] is not None and hop["last"].startswith("2026-01-12")
    # Scoring stops early once no one else can make the list: the top is the same.
    assert cli.json("path", "--org", "acme.com", "--limit", "1")["paths"] == found["paths"][:1]
    text = cli.ok("path", "--org", "acme.com").out
    assert "Ines Park" in text and "Raj Patel" in text and "closeloop ask intro --of" in text


def test_an_organization_field_and_its_domains_make_its_people(cli, tmp_path):
    cli.ok("import", "mail", str(network_mbox(tmp_path / "maya.mbox")), "--me", ME)
    cli.ok("people", "edit", "Dana", "--org", "Acme Corp")
    found = cli.json("path", "--org", "acme")  # part of the name; raj@acme.com counts by domain
    assert found["target"]["kind"] == "organization" and found["target"]["name"] == "Acme Corp"
    assert found["target"]["domains"] == ["acme.com"] and found["target"]["people"] == 2
    assert found["direct"][0]["why_there"] == "organization field"
    to_raj = cli.json("path", "--to", "Raj")
    assert [p["via"] for p in to_raj["paths"]] == ["Ines Park"] and to_raj["direct"] == []


def test_the_graph_grows_with_each_import_and_equals_a_rebuild(cli, db_url, tmp_path):
    from closeloop.store.db import open_engine
    from closeloop.store.schema import links
    box = network_mbox(tmp_path / "maya.mbox")
    first, rest = tmp_path / "first.mbox", tmp_path / "rest.mbox"
    messages = list(mailbox.mbox(str(box)))
    for target, part in ((first, messages[:3]), (rest, messages[3:])):
        out = mailbox.mbox(str(target))
        for m in part:
            out.add(m)
        out.flush()
        out.close()
    cli.ok("import", "mail", str(first), "--me", ME)
    cli.json("path", "--org", "acme.com")  # reads the first import
    cli.ok("import", "mail", str(rest), "--me", ME)
    cli.ok("log", "meeting", "--with", "Tom", "--with", "Raj", "--summary", "lunch")
    engine = open_engine(db_url)

    def snapshot():
        with engine.connect() as conn:
            return sorted(tuple(r) for r in conn.execute(select(links).order_by(
                links.c.person_id, links.c.other_id)))

    cli.json("path", "--org", "acme.com")  # catches up with the rest and the meeting
    incremental = snapshot()
    cli.ok("graph", "rebuild")
    assert snapshot() == incremental
    tom, raj = (cli.json("people", "show", n)["id"] for n in ("Tom", "Raj"))
    assert (tom, raj) in {(r[0], r[1]) for r in incremental}
    engine.dispose()


def test_bulk_mail_and_notes_link_no_one(cli):
    cli.ok("me", "--name", "Maya Chen", "--email", ME)
    for name in ("Tom Rivera", "Dana Lee"):
        cli.ok("people", "add", name)
    cli.ok("log", "note", "--with", "Tom", "--with", "Dana", "--summary", "both like jazz")
    assert cli.json("path", "--to", "Dana")["paths"] == []


def test_path_needs_a_target_and_to_know_who_i_am(cli):
    from tests.test_cli_loops import refused
    refused(cli, 2, "path", says=("--to PERSON or --org",))
    cli.ok("people", "add", "Tom Rivera")
    refused(cli, 2, "path", "--to", "Tom", says=("closeloop me",))
    cli.ok("me", "--name", "Maya Chen", "--email", ME)
    refused(cli, 3, "path", "--org", "Initech", says=("no organization",))
    refused(cli, 2, "path", "--to", "Maya", says=("that is you",))
    assert "No warm path" in cli.ok("path", "--to", "Tom").out


def test_the_graph_travels_in_an_export(cli, tmp_path):
    cli.ok("import", "mail", str(network_mbox(tmp_path / "maya.mbox")), "--me", ME)
    cli.json("path", "--org", "acme.com")  # a search brings the graph up to date
    cli.ok("export", str(tmp_path / "all.json"))
    import json
    tables = json.loads((tmp_path / "all.json").read_text())["tables"]
    assert tables["links"] and tables["person_domains"] and tables["graph_marks"]


def test_a_merge_keeps_who_knows_whom(cli):
    """Two records of Dana (work and home address) merged: the links follow the one kept."""
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com", "--org", "Initech")
    cli.ok("people", "add", "Dana Lee", "--email", "dana@acme.com", "--org", "Acme")
    cli.ok("people", "add", "Dana L", "--email", "dana@home.example.org")
    cli.ok("log", "meeting", "--with", "Tom", "--with", "dana@home.example.org",
           "--summary", "dinner", now="2026-03-01T19:00:00+00:00")
    assert cli.json("path", "--org", "Acme")["paths"] == []  # the graph is built: no way in yet
    cli.ok("merge", "dana@acme.com", "dana@home.example.org")
    paths = cli.json("path", "--org", "Acme")
    assert [p["via"] for p in paths["paths"]] == ["Tom Rivera"]
