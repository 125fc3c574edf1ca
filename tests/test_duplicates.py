"""`closeloop people duplicates`: likely pairs with the reason; the pure matching rules."""

from __future__ import annotations

from closeloop.core.matching import MAX_GROUP, Candidate, email_key, likely_duplicates, phone_key, url_key


def test_the_looser_forms_identities_are_compared_in():
    assert email_key("Tom.Rivera+news@GoogleMail.com") == email_key("tomrivera@gmail.com")
    assert email_key("tom.rivera@initech.com") != email_key("tomrivera@initech.com")  # dots matter elsewhere
    assert phone_key("+1 (415) 555-0100") == phone_key("415.555.0100") == phone_key("+14155550100")
    assert phone_key("+44 20 7946 0958") != phone_key("+1 415 555 0100")
    assert phone_key("12") == ""
    assert url_key("https://www.LinkedIn.com/in/tomr/") == url_key("linkedin.com/in/tomr?trk=x#top")


def test_pairs_and_their_reasons():
    people = [
        Candidate(1, "Tom Rivera", "Initech", emails=("tom.rivera@gmail.com",), phones=("+14155550100",)),
        Candidate(2, "T. Rivera", None, emails=("tomrivera+cv@gmail.com",)),
        Candidate(3, "tom  RIVERA", "initech"),
        Candidate(4, "Dana Lee", "Acme", phones=("415-555-0100",), urls=("https://linkedin.com/in/dana",)),
        Candidate(5, "D. Lee", None, urls=("http://www.linkedin.com/in/dana/",)),
        Candidate(6, "Dana Lee", None),  # a name alone is no reason
    ]
    found = {(d.first, d.second): d.reasons for d in likely_duplicates(people)}
    assert found == {
        (1, 2): ("same email (tom.rivera@gmail.com / tomrivera+cv@gmail.com)",),
        (1, 3): ("same name and organization (Tom Rivera, Initech / tom  RIVERA, initech)",),
        (1, 4): ("same phone (+14155550100 / 415-555-0100)",),
        (4, 5): ("same profile URL (https://linkedin.com/in/dana / http://www.linkedin.com/in/dana/)",),
    }


def test_a_common_name_at_a_big_employer_is_not_a_flood_of_pairs():
    many = [Candidate(i, "John Smith", "Acme Corp") for i in range(1, MAX_GROUP + 2)]
    assert likely_duplicates(many) == []
    few = many[:3]
    assert [(d.first, d.second) for d in likely_duplicates(few)] == [(1, 2), (1, 3), (2, 3)]


def test_people_duplicates_lists_pairs_and_merge_clears_them(cli):
    assert cli.json("people", "duplicates") == []
    assert "No likely duplicates" in cli.ok("people", "duplicates").out
    cli.ok("people", "add", "Tom Rivera", "--email", "tom.rivera@gmail.com", "--org", "Initech")
    cli.ok("people", "add", "T. Rivera", "--email", "TomRivera@gmail.com")
    cli.ok("people", "add", "Tom Rivera", "--org", "initech", "--phone", "+1 415 555 0100")
    cli.ok("people", "add", "Dana Lee", "--phone", "1-415-555-0100 #")  # kept as 14155550100
    cli.ok("people", "add", "Sam Okafor")
    cli.ok("people", "add", "Sam Okafor")
    pairs = cli.json("people", "duplicates")
    found = {(p["first"]["id"], p["second"]["id"]): p["reasons"] for p in pairs}
    assert found == {
        (1, 2): ["same email (tom.rivera@gmail.com / tomrivera@gmail.com)"],
        (1, 3): ["same name and organization (Tom Rivera, Initech / Tom Rivera, initech)"],
        (3, 4): ["same phone (+14155550100 / 14155550100)"],
    }
    assert pairs[0]["first"]["name"] == "Tom Rivera" and pairs[0]["second"]["emails"] == ["tomrivera@gmail.com"]
    table = cli.ok("people", "duplicates").out
    assert "1: Tom Rivera" in table and "same email" in table and "3 likely duplicate pairs" in table
    cli.ok("merge", "1", "2")
    cli.ok("merge", "1", "3")
    left = cli.json("people", "duplicates")
    assert [(p["first"]["id"], p["second"]["id"]) for p in left] == [(1, 4)]


def test_import_never_merges_on_name_but_duplicates_points_it_out(cli, tmp_path):
    cli.ok("people", "add", "Priya Shah", "--org", "Acme", "--email", "priya@acme.com")
    vcf = tmp_path / "c.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:p\r\nFN:Priya Shah\r\nORG:Acme\r\n"
                   "EMAIL:priya.shah@gmail.com\r\nEND:VCARD\r\n", encoding="utf-8")
    assert cli.json("import", "vcard", vcf)["added"] == 1
    (pair,) = cli.json("people", "duplicates")
    assert pair["reasons"] == ["same name and organization (Priya Shah, Acme)"]
