"""HAR 1.2 building blocks shared by the fixture generators: one exchange, one archive.

Each generator keeps only what is its provider's own (headers, bodies, scenarios)."""
import json
from urllib.parse import parse_qsl, urlsplit

STATUS_TEXT = {200: "OK", 201: "Created", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
               429: "Too Many Requests", 503: "Service Unavailable"}


def post_data(mime, text):
    """A request body as HAR postData, with its size."""
    return {"mimeType": mime, "text": text}, len(text.encode())


def exchange(method, url, request_headers, response_status, response_headers, response_text, *,
             body=None, body_size=0, started, time, wait):
    """One HAR entry. `body` is the request's postData (or None); headers are (name, value) pairs;
    the response's mime type is its Content-Type header."""
    request = {
        "method": method, "url": url, "httpVersion": "HTTP/1.1", "cookies": [],
        "headers": [{"name": n, "value": v} for n, v in request_headers],
        "queryString": [{"name": n, "value": v} for n, v in parse_qsl(urlsplit(url).query)],
        "headersSize": -1, "bodySize": body_size,
    }
    if body is not None:
        request["postData"] = body
    mime = next(v for n, v in response_headers if n.lower() == "content-type")
    size = len(response_text.encode())
    return {
        "startedDateTime": started, "time": time,
        "request": request,
        "response": {
            "status": response_status, "statusText": STATUS_TEXT[response_status], "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [{"name": n, "value": v} for n, v in response_headers],
            "content": {"size": size, "mimeType": mime, "text": response_text},
            "redirectURL": "", "headersSize": -1, "bodySize": size,
        },
        "cache": {}, "timings": {"send": 1, "wait": wait, "receive": time - wait - 1},
    }


def archive(entries, creator):
    """A HAR log holding `entries`, made by the generator named `creator`."""
    return {"log": {"version": "1.2", "creator": {"name": creator, "version": "1"}, "entries": entries}}


def json_text(value):
    """A request body as the adapters send it: compact JSON."""
    return json.dumps(value, separators=(",", ":"))
