"""Recognising a client again without keeping its address.

Pure: the caller passes the address and the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Mapping, Sequence
from typing import Any

# One IPv6 customer usually holds a whole /64, so the /64 counts as one client.
_IPV6_PREFIX = 64


def client_network(address: str) -> str:
    """Returns the network that stands for one client (IPv4 /32, IPv6 /64), or ''."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv4Address):
        return f"{ip}/32"
    return str(ipaddress.IPv6Network(f"{ip}/{_IPV6_PREFIX}", strict=False))


def client_key(address: str, *, secret: str) -> str:
    """Returns a keyed hash of the client's network: stable, but not reversible."""
    network = client_network(address)
    if not network:
        return ""
    digest = hmac.new(secret.encode(), network.encode(), hashlib.sha256).hexdigest()
    return digest[:32]


def client_address(remote: str, forwarded_for: str, trusted_proxies: Sequence[str]) -> str:
    """The address of the client a request came from.

    ``X-Forwarded-For`` is believed only as far as it was written by trusted
    proxies: reading from the right, each hop added by a trusted proxy is
    skipped, and the first address that is not a trusted proxy is the
    client. Anything a client wrote into the header itself is never reached.
    """
    networks = []
    for proxy in trusted_proxies:
        try:
            networks.append(ipaddress.ip_network(proxy.strip(), strict=False))
        except ValueError:
            continue

    def trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in networks)

    if not trusted(remote):
        return remote
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote
    return remote


def request_address(meta: Mapping[str, Any], trusted_proxies: Sequence[str]) -> str:
    """The client address of a request, from its WSGI environ (see ``client_address``)."""
    return client_address(
        str(meta.get("REMOTE_ADDR", "")), str(meta.get("HTTP_X_FORWARDED_FOR", "")), trusted_proxies
    )
