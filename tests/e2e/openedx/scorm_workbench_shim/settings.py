"""Workbench settings for the tests: everything in $SCORM_WORKBENCH_DIR, content served from /media/."""

import os

from workbench.settings import *  # noqa: F403 (the workbench's own settings, then ours)

VAR = os.environ["SCORM_WORKBENCH_DIR"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(VAR, "workbench.db")}}
MEDIA_ROOT = os.path.join(VAR, "media")
MEDIA_URL = "/media/"
LOGGING["handlers"]["logfile"]["filename"] = os.path.join(VAR, "workbench.log")  # noqa: F405
INSTALLED_APPS = [*INSTALLED_APPS, "scorm_workbench_shim.apps.ShimConfig"]  # noqa: F405
EXCLUDED_XBLOCKS = set()
XBLOCK_SETTINGS = {"ScormXBlock": {"PROXY_ASSETS_LMS": False, "LOCATION": "scorm"}}
