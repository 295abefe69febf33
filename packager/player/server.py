"""A small HTTP server on 127.0.0.1 that plays a package the way an LMS would.

It serves the player page (``pages/player.html``; its scripts and styles from ``static/``),
scorm-again's browser bundles, the package's files (extracted to a temporary folder) under
``/content/``, and ``/launch.json`` describing the launch (read from the package's manifest).
Everything standard-specific on the page side lives in ``static/standards.js``; the LMS profiles
(strict, moodle, ...) in ``static/profiles.js``.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

from lxml import etree

from packager.errors import PackagerError
from packager.player.http_base import BaseHandler
from packager.player.live import LiveChannel, live_page
from packager.player.local_server import LocalServer, Service
from packager.player.pages import render_page
from packager.player.scorm_again import find_scorm_again
from packager.standards import CMI5_STRUCTURE, MANIFEST

STATIC = Path(__file__).parent / "static"
MAX_EXTRACTED_BYTES = 2 * 1024**3


def extract_package(package: Path, destination: Path) -> None:
    """Extract a zip safely: no paths outside ``destination``, bounded total size."""
    total = 0
    with zipfile.ZipFile(package) as archive:
        for info in archive.infolist():
            name = PurePosixPath(info.filename.replace("\\", "/"))
            if info.is_dir() or name.is_absolute() or ".." in name.parts:
                continue
            total += info.file_size
            if total > MAX_EXTRACTED_BYTES:
                raise PackagerError("the package is too large to play", file=package)
            target = destination.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink)


def describe_launch(content: Path) -> dict[str, Any]:
    """What the player needs from the manifest: standard, SCO to launch, title, passing rules.

    A package without a manifest (the plain web target) is launched at its index.html with no LMS.
    A cmi5 package (cmi5.xml) is described as standard "cmi5": this page has no launcher for it, and
    says so (``packager preview`` plays it with the cmi5 launcher, ``packager.player.cmi5``).
    """
    manifest = content / MANIFEST
    if not manifest.is_file():
        standard = "cmi5" if (content / CMI5_STRUCTURE).is_file() else "none"
        return {"standard": standard, "href": "/content/index.html", "title": "", "masteryScore": None}
    root = etree.parse(str(manifest)).getroot()

    def local(element: etree._Element) -> str:
        return etree.QName(element).localname if isinstance(element.tag, str) else ""

    def first_text(parent: etree._Element, name: str) -> str | None:
        return next((e.text for e in parent.iter() if local(e) == name), None)

    resources = {r.get("identifier"): r for r in root.iter() if local(r) == "resource"}
    schemaversion = (first_text(root, "schemaversion") or "1.2").strip()
    for item in (e for e in root.iter() if local(e) == "item"):
        resource = resources.get(item.get("identifierref"))
        if resource is None or resource.get("href") is None:
            continue
        title = next((c.text for c in item if local(c) == "title"), "") or ""
        launch: dict[str, Any] = {"href": f"/content/{resource.get('href')}", "title": title}
        if schemaversion == "1.2":
            mastery = first_text(item, "masteryscore")
            launch["standard"] = "scorm12"
            launch["masteryScore"] = int(mastery) if mastery and mastery.strip().isdigit() else None
            return launch
        threshold = next((e for e in item.iter() if local(e) == "completionThreshold"), None)
        passing = next(
            (e for e in item.iter() if local(e) == "primaryObjective" and e.get("satisfiedByMeasure")),
            None,
        )
        measure = first_text(passing, "minNormalizedMeasure") if passing is not None else None
        launch["standard"] = "scorm2004"
        launch["scaledPassingScore"] = measure.strip() if measure else None
        minimum = None if threshold is None else threshold.get("minProgressMeasure") or threshold.text
        launch["completionThreshold"] = minimum.strip() if minimum and minimum.strip() else None
        return launch
    raise PackagerError("the manifest names no item with a launchable resource", file=manifest)


Described = TypeVar("Described")


def unpack_to_play(
    package: Path, prefix: str, describe: Callable[[Path], Described]
) -> tuple[Path, Described]:
    """Copy a package folder, or extract a package zip, into a new work folder's ``content/``.

    Returns the work folder and what ``describe`` reads from the content. A package that cannot
    be played raises :class:`PackagerError` and leaves no work folder behind.
    """
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    content = workdir / "content"
    content.mkdir()
    try:
        if package.is_dir():
            shutil.copytree(package, content, dirs_exist_ok=True)
        else:
            extract_package(package, content)
        return workdir, describe(content)
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        shutil.rmtree(workdir, ignore_errors=True)
        raise PackagerError(f"cannot play this package: {error}", file=package) from None
    except PackagerError:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


class PlayerServer(Service):
    """Serve one package in the test LMS player; use as a context manager.

    >>> with PlayerServer(Path("build/course-scorm12.zip")) as player:
    ...     print(player.url)
    """

    def __init__(
        self,
        package: Path,
        scorm_again: Path | None = None,
        port: int = 0,
        live: LiveChannel | None = None,
    ) -> None:
        self.package = package
        self.scorm_again = scorm_again or find_scorm_again()
        self.port = port
        self.live = live
        """Given (preview), the page long-polls it and reloads after each rebuild (see live.py)."""
        self._workdir: Path | None = None
        self._server: LocalServer | None = None
        self.launch: dict[str, Any] = {}

    @property
    def url(self) -> str:
        """The player page's address."""
        if self._server is None:
            raise RuntimeError("the player is not running")
        return self._server.url

    def start(self) -> PlayerServer:
        """Extract the package and start serving on 127.0.0.1 (on a free port unless one was given)."""
        self._workdir, self.launch = unpack_to_play(self.package, "packager-player-", describe_launch)
        # A new server is a new LMS: the page drops learner records left by an earlier one.
        self.launch["session"] = secrets.token_hex(8)
        routes = {"/player/": STATIC, "/vendor/scorm-again/": self.scorm_again}
        player = self
        page = render_page("player.html")
        page = page if self.live is None else live_page(page)

        class Handler(BaseHandler):
            def do_GET(self) -> None:
                path = unquote(urlsplit(self.path).path)
                if path in ("/", "/index.html"):
                    self.send_bytes(page, "text/html")
                elif path == "/launch.json":
                    self.send_json(player.launch)
                elif path == "/live" and player.live is not None:
                    since = parse_qs(urlsplit(self.path).query).get("since", ["-1"])[0]
                    self.send_json(player.live.wait(int(since) if since.lstrip("-").isdigit() else -1))
                elif path.startswith("/content/") and player._workdir is not None:
                    self.send_from(player._workdir / "content", path.removeprefix("/content/"))
                else:
                    for prefix, folder in routes.items():
                        if path.startswith(prefix):
                            self.send_from(folder, path.removeprefix(prefix))
                            return
                    self.send_error(HTTPStatus.NOT_FOUND)

        try:
            self._server = LocalServer(self.port, Handler)
        except OSError as error:
            self.stop()
            address = f"127.0.0.1:{self.port}"
            raise PackagerError(f"cannot serve the player on {address}: {error.strerror}") from None
        self._server.serve_in_background()
        return self

    def replace(self, package: Path) -> None:
        """Play ``package`` from now on (a rebuild of the same course): the next page load, or
        relaunch, gets it; the learner's record is kept (same session)."""
        workdir, launch = unpack_to_play(package, "packager-player-", describe_launch)
        launch["session"] = self.launch.get("session", secrets.token_hex(8))
        previous, self._workdir, self.launch, self.package = self._workdir, workdir, launch, package
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)

    def stop(self) -> None:
        """Stop serving and remove the extracted package."""
        if self.live is not None:
            self.live.close()
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None
