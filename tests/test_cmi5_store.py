"""The in-memory Statement store, and the cmi5 launcher running on it (no browser, no LRS)."""

from __future__ import annotations

import json
import socket
import tempfile
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from packager.cli import main
from packager.errors import PackagerError
from packager.player.cmi5 import Cmi5Launcher, LrsAccount, is_cmi5_package
from packager.player.statement_store import StatementStore

REPO = Path(__file__).resolve().parents[1]
VERBS = "http://adlnet.gov/expapi/verbs/"
REGISTRATION = str(uuid.uuid4())


def statement(verb: str, registration: str = REGISTRATION, **extra: Any) -> dict[str, Any]:
    return {
        "actor": {"objectType": "Agent", "mbox": "mailto:learner@example.com"},
        "verb": {"id": VERBS + verb},
        "object": {"id": "https://example.com/activity", "objectType": "Activity"},
        "context": {"registration": registration},
        **extra,
    }


def post(store: StatementStore, sent: Any) -> tuple[int, Any]:
    status, body = store.request("POST", "statements", json.dumps(sent).encode())
    return status, json.loads(body) if body else None


def get(store: StatementStore, **query: Any) -> tuple[int, Any]:
    status, body = store.request("GET", "statements?" + urlencode(query))
    return status, json.loads(body) if body else None


def verbs(result: dict[str, Any]) -> list[str]:
    return [str(s["verb"]["id"]).removeprefix(VERBS) for s in result["statements"]]


# --- the store -----------------------------------------------------------------------------------------


def test_post_assigns_ids_and_stored_times() -> None:
    store = StatementStore()
    given = str(uuid.uuid4())
    status, ids = post(store, [statement("initialized", id=given), statement("completed")])
    assert status == 200
    assert ids[0] == given and uuid.UUID(ids[1])
    status, single = post(store, statement("terminated", timestamp="2024-01-01T00:00:00.000Z"))
    assert status == 200 and len(single) == 1
    status, result = get(store, registration=REGISTRATION, ascending="true")
    assert [s["id"] for s in result["statements"]] == [*ids, *single]
    assert result["more"] == ""
    for kept in result["statements"]:
        assert kept["stored"].endswith("Z")
    # The timestamp the AU gave is kept; without one it is the stored time.
    assert result["statements"][2]["timestamp"] == "2024-01-01T00:00:00.000Z"
    assert result["statements"][0]["timestamp"] == result["statements"][0]["stored"]


def test_get_filters_by_registration_and_verb_newest_first() -> None:
    store = StatementStore()
    other = str(uuid.uuid4())
    post(store, [statement("initialized"), statement("passed"), statement("initialized", other)])
    assert verbs(get(store, registration=REGISTRATION)[1]) == ["passed", "initialized"]
    assert verbs(get(store, registration=other)[1]) == ["initialized"]
    assert verbs(get(store, verb=VERBS + "initialized")[1]) == ["initialized", "initialized"]
    assert verbs(get(store, registration=str(uuid.uuid4()))[1]) == []


def test_limit_pages_through_more_links() -> None:
    store = StatementStore()
    order = ["launched", "initialized", "completed", "passed", "terminated"]
    post(store, [statement(verb) for verb in order])
    status, page = get(store, registration=REGISTRATION, limit=2, ascending="true")
    seen = verbs(page)
    while page["more"]:
        status, body = store.request("GET", page["more"])
        assert status == 200
        page = json.loads(body)
        seen += verbs(page)
    assert seen == order
    assert verbs(get(store, limit=1)[1]) == ["terminated"]


def test_put_stores_one_statement_under_its_id() -> None:
    store = StatementStore()
    given = str(uuid.uuid4())
    body = json.dumps(statement("initialized")).encode()
    assert store.request("PUT", "statements?statementId=" + given, body) == (204, b"")
    status, found = store.request("GET", "statements?statementId=" + given)
    assert status == 200 and json.loads(found)["id"] == given
    assert store.request("PUT", "statements", body)[0] == 400
    assert store.request("GET", "statements?statementId=" + str(uuid.uuid4()))[0] == 404


def test_a_resent_statement_is_kept_once_and_a_different_one_conflicts() -> None:
    store = StatementStore()
    sent = statement("completed", id=str(uuid.uuid4()))
    assert post(store, [sent])[0] == 200
    assert post(store, [sent])[0] == 200  # a retry of a POST whose answer was lost
    assert verbs(get(store)[1]) == ["completed"]
    assert post(store, [{**sent, "verb": {"id": VERBS + "passed"}}])[0] == 409
    assert verbs(get(store)[1]) == ["completed"]


@pytest.mark.parametrize(
    "sent",
    [
        [],
        "not a statement",
        [statement("initialized"), {"verb": {"id": VERBS + "x"}}],
        [{**statement("initialized"), "verb": "initialized"}],
        [statement("initialized", id="not-a-uuid")],
        [statement("initialized", id=REGISTRATION), statement("passed", id=REGISTRATION)],
    ],
)
def test_a_bad_batch_is_refused_whole(sent: Any) -> None:
    store = StatementStore()
    status, answer = post(store, sent)
    assert status == 400 and answer["error"]
    assert get(store)[1]["statements"] == []


def test_what_the_store_does_not_do_is_refused_not_faked() -> None:
    store = StatementStore()
    assert store.request("POST", "statements", b"{not json")[0] == 400
    assert get(store, agent=json.dumps({"mbox": "mailto:a@example.com"}))[0] == 400
    assert get(store, since="2024-01-01T00:00:00Z")[0] == 400
    assert store.request("GET", "activities/state")[0] == 404
    assert store.request("DELETE", "statements")[0] == 405


# --- the launcher on the store ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cmi5_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cmi5")
    assert main(["build", str(REPO / "course"), "-o", str(out), "-t", "cmi5", "-q"]) == 0
    (package,) = out.glob("*.zip")
    return package


def http(url: str, data: Any = None, authorization: str | None = None) -> tuple[int, Any]:
    body = None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(url, data=body, method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("X-Experience-API-Version", "1.0.3")
    if authorization:
        request.add_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, None


def later_by(seconds: int) -> str:
    """An xAPI timestamp ``seconds`` from now."""
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_the_launcher_keeps_statements_in_memory_without_an_lrs(cmi5_zip: Path) -> None:
    with Cmi5Launcher(cmi5_zip) as launcher:
        assert isinstance(launcher.lms, StatementStore) and launcher.lms is launcher.learner
        status, launched = http(launcher.url + "launch", {"launchMode": "Normal"})
        assert status == 200
        parameters = {name: values[0] for name, values in parse_qs(urlsplit(launched["url"]).query).items()}
        assert launched["registration"] == launcher.registration
        # The AU's side: fetch the token, send statements through the backend.
        status, token = http(parameters["fetch"], {})
        authorization = "Basic " + token["auth-token"]
        session = launcher.sessions[0].id
        # Each statement with its own timestamp, as the AU sends them (the log is in timestamp order).
        sent = statement("initialized", launcher.registration, timestamp=later_by(1))
        sent["context"]["extensions"] = {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": session}
        endpoint = parameters["endpoint"]
        assert http(endpoint + "statements", [sent], authorization)[0] == 200
        context = sent["context"]
        terminated = statement("terminated", launcher.registration, context=context, timestamp=later_by(2))
        later = statement("completed", launcher.registration, context=context, timestamp=later_by(3))
        assert http(endpoint + "statements", [terminated, later], authorization)[0] == 200

        status, log = http(launcher.url + "log.json")
        assert status == 200
        assert log["registration"] == launcher.registration
        assert verbs(log) == ["launched", "initialized", "terminated", "completed"]
        assert log["sessions"] == [session]
        after = f"a {VERBS}completed statement came after terminated in session {session}"
        assert log["violations"] == [after]
        assert log["lrsErrors"] == []

        first = launcher.registration
        status, answer = http(launcher.url + "registration", {})
        assert status == 200 and answer["registration"] == launcher.registration != first
        assert http(launcher.url + "log.json")[1]["statements"] == []
        assert verbs({"statements": launcher.statements(first)})[0] == "launched"


def test_the_launcher_takes_both_lrs_accounts_or_neither(cmi5_zip: Path) -> None:
    account = LrsAccount("http://127.0.0.1:9/xAPI/", "lms", "secret")
    with pytest.raises(ValueError, match="both"):
        Cmi5Launcher(cmi5_zip, account)
    with pytest.raises(ValueError, match="both"):
        Cmi5Launcher(cmi5_zip, learner=account)


def test_is_cmi5_package(cmi5_zip: Path, tmp_path: Path) -> None:
    assert is_cmi5_package(cmi5_zip)
    (tmp_path / "cmi5.xml").write_text("<courseStructure/>", "utf-8")
    assert is_cmi5_package(tmp_path)
    (tmp_path / "imsmanifest.xml").write_text("<manifest/>", "utf-8")
    assert not is_cmi5_package(tmp_path)
    bogus = tmp_path / "bogus.zip"
    bogus.write_text("not a zip", "utf-8")
    assert not is_cmi5_package(bogus)


def test_an_unplayable_package_is_a_packager_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_text("not a zip", "utf-8")
    with pytest.raises(PackagerError, match="cannot play this package"):
        Cmi5Launcher(bogus).start()
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(PackagerError, match=r"no cmi5\.xml"):
        Cmi5Launcher(folder).start()


def test_a_busy_port_is_a_clear_error(
    cmi5_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        launcher = Cmi5Launcher(cmi5_zip, port=port)
        with pytest.raises(PackagerError, match=f"127.0.0.1:{port}"):
            launcher.start()
    assert list(tmp_path.iterdir()) == []  # the extracted package is gone
