"""A test cmi5 LMS: launches a cmi5 package's AU against an LRS, the way an LMS does.

The LRS is a real one (the tests use ralph), reached through two accounts (:class:`LrsAccount`),
or, when no account is given (``packager preview``), an in-memory :class:`StatementStore`.

It runs two servers on 127.0.0.1, on two origins as in production:

* the **launcher** (the content origin): the launcher page, the package's files under
  ``/content/``, and ``POST /launch``, which starts a session. Like an LMS it records
  ``launched`` in the LRS, writes ``LMS.LaunchData`` and hands out a one-time fetch URL, then
  the page opens the AU with the launch parameters. ``POST /registration`` starts a new
  registration (a new attempt); ``GET /log.json`` is what the page's live log shows: the
  registration's statements and what the backend noted;
* the **LMS backend**: the fetch URLs and the xAPI endpoint the AU is given (``/xapi/``). Each
  session gets its own token; statements are passed on to the LRS under the learner's LRS
  account. The State API (and the learner-preferences agent profile) is served here, because
  the LRS the tests use (ralph) implements only the Statement API.

The backend also notes what an LMS would refuse (writes to LMS.LaunchData, statements after
``terminated``, a token used for another session) in ``Cmi5Launcher.record.violations``.

Where things are, one concern a module:

* ``launcher.py``: :class:`Cmi5Launcher`, which ties the rest together: starts and stops both
  servers, launches the AU, reads statements back;
* ``course.py``: reading the package (:func:`is_cmi5_package`, the AU in ``cmi5.xml``);
* ``launch.py``: describing a launch (the session, ``LMS.LaunchData``, the ``launched``
  statement, the launch URL);
* ``lrs.py``: the LRS the statements go to (:class:`Lrs`, :class:`LrsAccount`);
* ``backend_state.py``: what the backend keeps (sessions, tokens, state documents, the record)
  and its checks of what the AU sends;
* ``launcher_handler.py`` and ``backend_handler.py``: the HTTP handlers of the two origins, on
  the player's plumbing in ``packager/player/http_base.py``.
"""

from packager.player.cmi5.course import is_cmi5_package
from packager.player.cmi5.launcher import Cmi5Launcher
from packager.player.cmi5.lrs import Lrs, LrsAccount

__all__ = ["Cmi5Launcher", "Lrs", "LrsAccount", "is_cmi5_package"]
