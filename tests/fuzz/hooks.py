"""Schemathesis extensions for fuzzing the Yinqi gateway (loaded through `hooks` in the generated
schemathesis.toml; tests/fuzz/README.md).

- `DateTime`, the contract's one custom scalar: mostly valid ISO-8601 instants around now, sometimes
  any text, so both the resolvers and the scalar's own refusal are exercised.
- `contract_errors`, the one check: no HTTP 5xx, and every GraphQL error carries one of the contract's
  codes other than INTERNAL_SERVER_ERROR (a masked internal error is exactly what the fuzz hunts).
  Schemathesis's own `not_a_server_error` cannot be used as it is: it treats any error with a `path`
  as a server failure, so NOT_FOUND, FORBIDDEN and CONFLICT would all count.
- Every exchange is appended, one JSON line each, to $FUZZ_LOG (operation, status, codes, whether the
  mutation succeeded, the query and the data), for the test's count and its consistency checks.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

CONTRACT_CODES = {
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "BAD_USER_INPUT",
    "NOT_FOUND",
    "CONFLICT",
    "POLICY_VIOLATION",
    "TOO_MANY_REQUESTS",
}

_NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
_instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)).map(lambda d: d.replace(tzinfo=timezone.utc))
_near = st.integers(min_value=-400 * 24, max_value=400 * 24).map(lambda h: _NOW + timedelta(hours=h))
schemathesis.graphql.scalar(
    "DateTime",
    st.one_of(
        _near.map(lambda d: nodes.String(d.strftime("%Y-%m-%dT%H:%M:%SZ"))),
        _instants.map(lambda d: nodes.String(d.isoformat())),
        st.text(max_size=40).map(nodes.String),
    ),
)

_LOG = os.environ.get("FUZZ_LOG")
_ROLE = os.environ.get("FUZZ_ROLE", "?")


def _log(entry: dict) -> None:
    if not _LOG:
        return
    # One write per line with O_APPEND: concurrent workers never interleave within a line.
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


@schemathesis.check
def contract_errors(ctx, response, case):
    status = response.status_code
    body = None
    try:
        body = json.loads(response.content)
    except ValueError:
        pass
    errors = body.get("errors") if isinstance(body, dict) else None
    errors = errors if isinstance(errors, list) else []
    codes = [((e.get("extensions") or {}).get("code") if isinstance(e, dict) else None) for e in errors]
    data = body.get("data") if isinstance(body, dict) else None
    label = case.operation.label
    _log(
        {
            "role": _ROLE,
            "operation": label,
            "status": status,
            "codes": codes,
            # Succeeded = the operation's own field resolved; an error under it (a nested field) came
            # after the write, so a mutation with one still counts as one that wrote.
            "ok": status == 200 and isinstance(data, dict) and bool(data) and all(v is not None for v in data.values()),
            "query": case.body if isinstance(case.body, str) else json.dumps(case.body, ensure_ascii=False),
            "data": data if label.startswith("Mutation.") else None,
        }
    )
    if status >= 500:
        raise AssertionError(f"HTTP {status} from the gateway: {response.content[:500]!r}")
    bad = [c for c in codes if c not in CONTRACT_CODES]
    if bad:
        messages = "; ".join(str(e.get("message"))[:200] for e in errors if isinstance(e, dict))
        raise AssertionError(f"error code(s) {bad} outside the contract's client errors: {messages}")
    return None
