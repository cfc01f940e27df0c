"""Recognising a client again without keeping its address.

Pure: the caller passes the address and the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

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
