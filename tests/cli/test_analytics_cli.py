"""The analytics commands on the full shipped registry."""

import json

from amity.cli import main


def run_json(capsys, *args):
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_stats_for_china(world_cli, capsys):
    cn = run_json(capsys, "stats", "--country", "CN")
    assert {"scope", "partnerships", "partner_countries", "partner_places", "by_kind", "by_status",
            "by_partner_country", "by_partner_bloc", "by_continent", "by_decade"} <= set(cn)
    assert cn["partnerships"] == 1840
    assert cn["partner_countries"] == 131
    assert cn["by_partner_bloc"]["SCO"] == 209


def test_stats_as_of_counts_the_sco_of_that_day(world_cli, capsys):
    today = run_json(capsys, "stats", "--country", "CN")
    then = run_json(capsys, "stats", "--country", "CN", "--as-of", "2021-06-02")
    by_country = today["by_partner_country"]
    # Belarus (member 2024) and Iran (member 2023) were not SCO members on 2 June 2021.
    assert then["by_partner_bloc"]["SCO"] == today["by_partner_bloc"]["SCO"] - by_country["BY"] - by_country["IR"]
    observers = run_json(capsys, "stats", "--country", "CN", "--as-of", "2021-06-02", "--with-observers")
    assert observers["by_partner_bloc"]["SCO"] == today["by_partner_bloc"]["SCO"] + by_country.get("MN", 0) \
        + by_country.get("AF", 0)


def test_openness_hubs_and_quality(world_cli, capsys):
    ranked = run_json(capsys, "openness", "--country", "CN", "--top", "3")
    assert [o["rank_country"] for o in ranked] == [1, 2, 3]
    assert set(ranked[0]["components"]) == {"active", "diversity", "reach", "recent"}
    hubs = run_json(capsys, "network", "hubs", "--top", "5")
    assert hubs[0]["degree"] >= hubs[-1]["degree"] > 40
    found = run_json(capsys, "quality")
    assert found["domestic_partnerships"]["count"] > 900


def test_stats_errors_are_clear(world_cli, capsys):
    assert main(["stats", "--country", "CN", "--bloc", "SCO"]) == 1
    assert "choose one scope" in capsys.readouterr().err
    assert main(["stats", "--bloc", "NATO"]) == 1
    assert "no bloc" in capsys.readouterr().err
