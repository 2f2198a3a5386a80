"""Where Debian's Chromium lives and how to start it headless on a machine without network."""

from __future__ import annotations

import os
import random
import socket

CHROMIUM = os.environ.get("SCHOUDERS_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying hosts this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A free TCP port, never one handed out before in this process, and below Linux's ephemeral range
    (32768–60999): a port the kernel gave out for a moment can be taken by any outgoing connection (a browser's
    websocket) before the server binds it, and Streamlit then stops with "Port N is not available"."""
    for _ in range(200):
        port = random.randint(20_000, 32_000)
        if port in _HANDED_OUT:
            continue
        with socket.socket() as s:
            try:
                s.bind(("", port))  # every address: the server may bind 127.0.0.1, a LAN address or all of them
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    with socket.socket() as s:  # a crowded range: let the kernel choose
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
