# JupyterHub configuration of the course's local hub: `make hub` (hub/launch.py) starts JupyterHub with this file,
# HUB_SETTINGS naming the state folder's hub.json. For trying the course and for tests only: see
# docs/instructors.md, "Run the course on a JupyterHub", for The Littlest JupyterHub and Zero to JupyterHub.
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hub.layout import PROXY, Settings, server_env

c = get_config()  # noqa: F821
hub = Settings(**json.loads(Path(os.environ["HUB_SETTINGS"]).read_text()))

# Loopback only; the hub's own API and the proxy's API on free ports picked by the launcher.
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = hub.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = hub.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{hub.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.pid_file = str(hub.path("proxy.pid"))
c.JupyterHub.db_url = f"sqlite:///{hub.path('jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = str(hub.path("jupyterhub_cookie_secret"))
c.JupyterHub.cleanup_servers = True          # stopping the hub stops every user's server

# NOT FOR PRODUCTION. JupyterHub's authenticator for tests and workshops: one shared password for every listed
# user (DummyAuthenticator's shared password, which moved to SharedPasswordAuthenticator in JupyterHub 5.3).
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = hub.password
c.Authenticator.allowed_users = set(hub.users)

# Each user's server: jupyterhub-singleuser from the course's environment, opening JupyterLab. As root, the local
# process spawner runs it under the user's own uid, in the home folder the launcher made; otherwise every server
# runs under the caller's uid (SimpleLocalProcessSpawner: no isolation between users, homes in the state folder).
if hub.per_uid:
    c.JupyterHub.spawner_class = "localprocess"
else:
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(hub.path("home", "{username}"))
c.Spawner.cmd = [str(Path(hub.venv, "bin", "jupyterhub-singleuser"))]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
c.Spawner.environment = server_env(hub)       # nbgrader's exchange and course id; the course's python first
c.Spawner.env_keep = ["LANG", "LC_ALL", "COURSE_FAST", "TF_CPP_MIN_LOG_LEVEL"]
c.Spawner.start_timeout = 120                # a first JupyterLab start on 2 busy cores
c.Spawner.http_timeout = 120
