"""The course on a local JupyterHub: `make hub` (try it), tests/test_hub.py (the whole loop in a real browser).

- launch.py            start and stop the hub; the accounts, homes and course it needs (`python -m hub --help`)
- accounts.py          local Unix accounts when run as root, and the permissions their servers need
- layout.py            the state folder: settings, nbgrader's exchange and config, the instructor's course
- jupyterhub_config.py JupyterHub's configuration (NOT FOR PRODUCTION: one shared password, loopback only)
- package.json         the pinned configurable-http-proxy (npm), installed into .hub/ by `make hub-deps`

For a real class use The Littlest JupyterHub or Zero to JupyterHub: docs/instructors.md, "Run the course on a
JupyterHub".
"""
