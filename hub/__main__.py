"""`python -m hub start|stop`: the course's local JupyterHub (what `make hub` and `make hub-stop` run)."""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from hub.accounts import AccountError
from hub.launch import HubError, serve, stop

DEFAULT_STATE = Path(tempfile.gettempdir(), "tf-keras-course-hub")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hub", description=__doc__)
    parser.add_argument("command", choices=["start", "stop"])
    parser.add_argument("--state", type=Path, default=Path(os.environ.get("HUB_STATE", DEFAULT_STATE)),
                        help=f"the hub's state folder (homes, exchange, course, database; default {DEFAULT_STATE})")
    parser.add_argument("--port", type=int, default=8000, help="the hub's port on 127.0.0.1 (default 8000)")
    parser.add_argument("--prefix", default="tfk-", help="prefix of the account names (default tfk-)")
    args = parser.parse_args(argv)
    state = args.state.resolve()
    try:
        return serve(state, args.port, args.prefix) if args.command == "start" else stop(state)
    except (HubError, AccountError) as e:
        print(f"hub: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
