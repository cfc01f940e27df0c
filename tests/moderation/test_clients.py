from datetime import date, timedelta
from functools import partial

import pytest

from maoni.moderation import clients
from maoni.moderation.clients import client_network

DAY = date(2026, 12, 6)
client_key = partial(clients.client_key, day=DAY, days=30)


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("192.0.2.10", "192.0.2.10/32"),
        ("2001:db8:4f2a:1:2:3:4:5", "2001:db8:4f2a:1::/64"),
        ("::ffff:192.0.2.10", "192.0.2.10/32"),
        ("not an address", ""),
        ("", ""),
    ],
)
def test_client_network(address, network):
    assert client_network(address) == network


def test_one_ipv6_customer_is_one_client():
    first = client_key("2001:db8:1:2::1", secret="s")
    assert first == client_key("2001:db8:1:2:ffff::9", secret="s")
    assert first != client_key("2001:db8:1:3::1", secret="s")


def test_key_hides_the_address_and_depends_on_the_secret():
    key = client_key("192.0.2.10", secret="one")
    assert "192" not in key
    assert len(key) == 32
    assert key != client_key("192.0.2.10", secret="two")
    assert client_key("junk", secret="one") == ""


def test_a_client_keeps_its_key_through_a_period_and_gets_an_unlinkable_one_after():
    start = DAY - timedelta(days=DAY.toordinal() % 30)
    end = clients.period_end(DAY, days=30)
    assert (end - start).days == 30
    keys = {
        day: clients.client_key("192.0.2.10", secret="s", day=day, days=30)
        for day in (start, DAY, end - timedelta(days=1), end, end + timedelta(days=29))
    }
    assert keys[start] == keys[DAY] == keys[end - timedelta(days=1)]
    assert keys[end] == keys[end + timedelta(days=29)]
    assert keys[end] != keys[DAY]
    # The period's key is not one that could be worked out from the previous
    # key: both come from the secret alone, through a one-way function.
    assert clients.period_secret("s", day=end, days=30) != clients.period_secret(
        "s", day=DAY, days=30
    )


def test_a_daily_rotation_changes_the_key_every_day():
    today = clients.client_key("192.0.2.10", secret="s", day=DAY, days=1)
    tomorrow = clients.client_key("192.0.2.10", secret="s", day=DAY + timedelta(1), days=1)
    assert today != tomorrow
    assert clients.period_end(DAY, days=1) == DAY + timedelta(1)


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "client"),
    [
        # No trusted proxy: the header is ignored, whatever it says.
        ("203.0.113.9", "198.51.100.1", [], "203.0.113.9"),
        # Through one trusted proxy: its hop is the client.
        ("10.0.0.2", "198.51.100.1", ["10.0.0.0/8"], "198.51.100.1"),
        # A client that forges the header gains nothing: the proxy appended the real one.
        ("10.0.0.2", "1.2.3.4, 198.51.100.1", ["10.0.0.0/8"], "198.51.100.1"),
        # Two trusted proxies in a row.
        ("10.0.0.2", "198.51.100.1, 10.0.0.3", ["10.0.0.0/8"], "198.51.100.1"),
        # A request from a proxy without the header is the proxy's own.
        ("10.0.0.2", "", ["10.0.0.0/8"], "10.0.0.2"),
        # Junk in the header falls back to the proxy's address.
        ("10.0.0.2", "not-an-address", ["10.0.0.0/8"], "10.0.0.2"),
        ("::1", "2001:db8::5", ["::1"], "2001:db8::5"),
    ],
)
def test_client_address(remote, forwarded, trusted, client):
    from maoni.moderation.clients import client_address

    assert client_address(remote, forwarded, trusted) == client
