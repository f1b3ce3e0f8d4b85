"""schemathesis hooks (SCHEMATHESIS_HOOKS=hooks, PYTHONPATH=tools/fuzz): the contract's checks
beyond schemathesis' own."""
import json

import schemathesis


@schemathesis.check
def error_format(ctx, response, case):
    """Every 4xx and 5xx answer is the contract's error body (docs/api.md, "Conventions"):
    {statusCode, error, message, code?} with statusCode equal to the HTTP status."""
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        raise AssertionError(f"{response.status_code} without a JSON error body: {response.content[:200]!r}")
    if not isinstance(body, dict):
        raise AssertionError(f"{response.status_code} error body is not an object: {body!r}")
    if body.get("statusCode") != response.status_code:
        raise AssertionError(f"error body statusCode {body.get('statusCode')!r} != HTTP {response.status_code}")
    for field in ("error", "message"):
        if not isinstance(body.get(field), str) or not body.get(field):
            raise AssertionError(f"{response.status_code} error body lacks a '{field}' string: {body!r}")
    return None
