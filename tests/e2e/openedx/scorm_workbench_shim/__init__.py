"""Run Open edX's SCORM XBlock headless in the XBlock workbench, without changing the block.

Three shims, each for something the workbench lacks and the Open edX LMS has:
- a second registered name, ``openedxscorm`` (pyproject.toml), for the tag of the block's own scenario;
- a real location string: the workbench gives blocks a Mock ``location`` whose ``block_id`` is not a
  string, and the upload handler joins it into a path (apps.py sets it to the usage id);
- content served from MEDIA_URL with the block's documented ``PROXY_ASSETS_LMS: False`` (settings.py):
  the workbench's ``?student=`` handler URLs break the asset proxy's relative URLs.
"""
