"""A small OpenAI-compatible chat server on 127.0.0.1 that plays a script of answers and faults.

Each request to ``POST /v1/chat/completions`` (or ``/chat/completions``) takes the next ``Reply`` from
the queue. Every request body is recorded in ``server.requests`` so tests can assert on what was sent.

    server.push(Reply.answer({"needs": [...]}))   # the assistant's structured answer
    server.push(Reply.status(429), Reply.answer({...}))
    server.push(Reply.delay(1.0))                 # longer than the client's timeout
    server.push(Reply.content('{"needs": ['))     # malformed JSON as the assistant content
    server.push(Reply.drop())                     # the connection closed halfway through the answer
    server.push(Reply.html())                     # status 200, but a proxy's HTML page as the body
    server.push(Reply.overlong())                 # an answer far longer than any real one

An ``answer`` becomes a tool call when the request offered tools (function calling) and message
content otherwise (``response_format`` json_schema). With an empty queue the server answers 500 with
"no scripted reply left", so an unexpected request shows up as a failure, never as a hang.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_PATHS = {"/v1/chat/completions", "/chat/completions"}
_EMBEDDING_PATHS = {"/v1/embeddings", "/embeddings"}
EMBEDDING_DIM = 8


@dataclass(frozen=True)
class Reply:
    """One scripted response: an answer, raw content, an HTTP fault or a delay."""

    kind: str  # "answer" | "content" | "status" | "delay" | "compute" | "drop" | "html"
    body: Any = None
    status_code: int = 200
    seconds: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def answer(cls, value: Any) -> Reply:
        """A JSON value (dict or pydantic model) as the structured answer."""
        if hasattr(value, "model_dump"):
            value = value.model_dump(mode="json")
        return cls("answer", body=value)

    @classmethod
    def content(cls, text: str) -> Reply:
        """The assistant's content exactly as given (malformed JSON, prose, anything)."""
        return cls("content", body=text)

    @classmethod
    def status(cls, code: int, message: str | None = None, *, retry_after_ms: int | None = 1) -> Reply:
        """An HTTP error. ``Retry-After: 0`` is sent too, but the openai client ignores a zero and
        backs off exponentially (0.5 s, 1 s…), so ``retry-after-ms`` keeps tests fast."""
        headers = {"Retry-After": "0"}
        if retry_after_ms is not None:
            headers["retry-after-ms"] = str(retry_after_ms)
        text = message or {429: "Rate limit reached", 500: "Internal error", 503: "Overloaded"}.get(
            code, f"HTTP {code}"
        )
        return cls("status", body=text, status_code=code, headers=headers)

    @classmethod
    def reject_json_schema(cls) -> Reply:
        """The 400 an OpenAI-compatible server gives when it lacks structured output support."""
        return cls.status(
            400,
            "'response_format' of type 'json_schema' is not supported with this model",
            retry_after_ms=None,
        )

    @classmethod
    def compute(cls, answer: Callable[[dict[str, Any]], Any]) -> Reply:
        """An answer computed from the request body: a scripted model that reads what it was sent."""
        return cls("compute", body=answer)

    @classmethod
    def drop(cls) -> Reply:
        """Headers and half a body, then the connection is closed (a proxy or server that died)."""
        return cls("drop")

    @classmethod
    def html(cls) -> Reply:
        """Status 200 with an HTML page for a body (a captive portal, a misconfigured proxy)."""
        return cls(
            "html", body="<!doctype html><html><body><h1>Welcome</h1><p>Please log in.</p></body></html>"
        )

    @classmethod
    def overlong(cls, characters: int = 400_000) -> Reply:
        """A rambling answer: one JSON object whose only field holds ``characters`` characters."""
        return cls("content", body=json.dumps({"answer": "bla " * (characters // 4)}))

    @classmethod
    def delay(cls, seconds: float, then: Reply | None = None) -> Reply:
        """Sleep ``seconds`` before answering (with ``then``, or a 500 if the client is still there)."""
        return cls("delay", body=then, seconds=seconds)


class OpenAIServer:
    """Loopback server; ``url`` is the base URL to give a client (ends in ``/v1``)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self._queue: deque[Reply] = deque()
        self.always: Reply | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}/v1"

    def push(self, *replies: Reply) -> OpenAIServer:
        with self._lock:
            self._queue.extend(replies)
        return self

    @property
    def pending(self) -> int:
        return len(self._queue)

    def start(self) -> OpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def messages(self, index: int = -1) -> list[dict[str, Any]]:
        """The messages of one recorded request (the last by default)."""
        return list(self.requests[index].get("messages", []))

    def sent_text(self) -> str:
        """Everything sent in all requests, as one string, for "this never left the machine" checks."""
        return "\n".join(json.dumps(body, ensure_ascii=False) for body in self.requests)

    def _next(self) -> Reply | None:
        """The next scripted reply; ``always`` (when set) answers once the queue is empty."""
        with self._lock:
            return self._queue.popleft() if self._queue else self.always


def _handler_for(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence the access log
            return

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if self.path in _EMBEDDING_PATHS:  # embeddings: always answered, with vectors from the text
                body = json.loads(raw or b"{}")
                with server._lock:
                    server.requests.append(body)
                    server.paths.append(self.path)
                _send(self, 200, _embeddings(body))
                return
            if self.path not in _PATHS:
                _send(self, 404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                return
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                _send(
                    self, 400, {"error": {"message": "request body is not JSON", "type": "invalid_request"}}
                )
                return
            with server._lock:
                server.requests.append(body)
                server.paths.append(self.path)
            self._answer(server._next(), body)

        def _answer(self, reply: Reply | None, body: dict[str, Any]) -> None:
            while reply is not None and reply.kind == "delay":
                if server._stopping.wait(reply.seconds):
                    return
                reply = reply.body or Reply.status(500, "answered too late")
            kind = reply.kind if reply is not None else None
            if kind == "drop":
                _drop(self, _completion(Reply.answer({"answer": "cut off"}), body))
            elif kind == "html" and reply is not None:
                _send_raw(self, 200, reply.body.encode(), "text/html; charset=utf-8")
            else:
                _send(self, *_response(reply, body))

    return Handler


def _drop(self: BaseHTTPRequestHandler, payload: dict[str, Any]) -> None:
    """Headers and half of ``payload``, then the connection shut."""
    data = json.dumps(payload).encode()
    try:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
    except (BrokenPipeError, ConnectionResetError):
        pass
    self.close_connection = True
    self.connection.shutdown(2)  # SHUT_RDWR: the client reads half an answer, then nothing


def _send_raw(self: BaseHTTPRequestHandler, code: int, data: bytes, content_type: str) -> None:
    try:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _send(
    self: BaseHTTPRequestHandler, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None
) -> None:
    data = json.dumps(payload).encode()
    try:
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up (timeout): nothing to answer


def _response(reply: Reply | None, body: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
    if reply is not None and reply.kind == "compute":
        reply = Reply.answer(reply.body(body))
    if reply is None:
        return 500, {"error": {"message": "no scripted reply left", "type": "server_error"}}, {}
    if reply.kind == "status":
        error = {"error": {"message": reply.body, "type": "fake_error", "code": reply.status_code}}
        return reply.status_code, error, reply.headers
    return 200, _completion(reply, body), {}


def _completion(reply: Reply, request: dict[str, Any]) -> dict[str, Any]:
    text = reply.body if reply.kind == "content" else json.dumps(reply.body, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": text}
    finish = "stop"
    tools = request.get("tools") or []
    if reply.kind == "answer" and tools:
        name = tools[0].get("function", {}).get("name", "answer")
        call = {"id": f"call_{len(text)}", "type": "function", "function": {"name": name, "arguments": text}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
        finish = "tool_calls"
    prompt_tokens = sum(len(str(m.get("content") or "")) for m in request.get("messages", [])) // 4 + 1
    completion_tokens = len(text) // 4 + 1
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "fake-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def _embeddings(request: dict[str, Any]) -> dict[str, Any]:
    """An embeddings answer: for each input a small vector derived from its text (same text, same vector)."""
    import hashlib

    texts = request.get("input") or []
    texts = [texts] if isinstance(texts, str) else texts
    data = []
    for index, text in enumerate(texts):
        digest = hashlib.sha256(str(text).encode("utf-8")).digest()
        data.append(
            {"object": "embedding", "index": index, "embedding": [b / 255 for b in digest[:EMBEDDING_DIM]]}
        )
    return {
        "object": "list",
        "data": data,
        "model": request.get("model", ""),
        "usage": {"prompt_tokens": 0, "total_tokens": 0},
    }
