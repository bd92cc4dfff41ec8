"""The process of Samen's resident Prefect server (see :mod:`flows.resident_server`).

Prefect's own API app, with its UI, under uvicorn on 127.0.0.1, that stops itself after ``--idle`` seconds
without a request. A run in progress talks to it, a run paused at the gate polls it every second and an
open UI page polls it too, so only a server nobody uses stops.

    python -m flows.resident_server_process --port 4301 --idle 3600
"""

from __future__ import annotations

import argparse
import threading
import time
from typing import Any


def serve(port: int, idle: float) -> None:
    import uvicorn
    from prefect.server.api.server import create_app

    app = create_app()
    last_request = [time.monotonic()]

    async def noting_requests(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            last_request[0] = time.monotonic()
        await app(scope, receive, send)

    server = uvicorn.Server(
        uvicorn.Config(noting_requests, host="127.0.0.1", port=port, log_level="error", lifespan="on")
    )

    def stop_when_idle() -> None:
        while not server.started and not server.should_exit:  # the idle clock starts once it serves
            time.sleep(0.1)
        last_request[0] = time.monotonic()
        while not server.should_exit:
            time.sleep(max(0.2, min(30.0, idle / 4)))
            if time.monotonic() - last_request[0] > idle:
                server.should_exit = True

    threading.Thread(target=stop_when_idle, name="samen-idle-stop", daemon=True).start()
    server.run()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m flows.resident_server_process")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--idle", type=float, required=True, help="seconds without a request before it stops")
    args = parser.parse_args(argv)
    serve(args.port, args.idle)


if __name__ == "__main__":
    main()
