"""A real Label Studio server for integration tests, on loopback, from a prepared data dir.

The server lives in its own virtualenv (.venv-ls, label-studio==1.23.2) so it does not
constrain the training environment. `python -m tests.studio_server init DIR` prepares a data
directory once (database, admin user, legacy API token: ~20 s); each test session copies it and
starts in seconds. Teardown signals the server's whole process group.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LS_VENV = Path(os.environ.get("LABEL_STUDIO_VENV", REPO / ".venv-ls"))
LS_BIN = LS_VENV / "bin" / "label-studio"
TEMPLATE = LS_VENV / "template"
USER, PASSWORD = "admin@example.com", "pass1234!"
TOKEN = "0123456789abcdef0123456789abcdef01234567"
# Label Studio also reads these unprefixed names; a stray PORT or HOST would move the server.
UNSET = ("USERNAME", "PASSWORD", "USER_TOKEN", "PORT", "HOST")


def server_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    xdg = data_dir.parent / f"{data_dir.name}-xdg"
    env.update(LATEST_VERSION_CHECK="false", COLLECT_ANALYTICS="false", SENTRY_DSN="", FRONTEND_SENTRY_DSN="",
               LABEL_STUDIO_BASE_DATA_DIR=str(data_dir), XDG_DATA_HOME=str(xdg / "data"),
               XDG_CONFIG_HOME=str(xdg / "config"), XDG_CACHE_HOME=str(xdg / "cache"))
    return env


def auth_args(data_dir: Path, port: int) -> list[str]:
    # --enable-legacy-api-token must be given at first set-up, or the simple token is refused forever
    return ["--no-browser", "--internal-host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir),
            "--username", USER, "--password", PASSWORD, "--user-token", TOKEN, "--enable-legacy-api-token"]


def init_template(dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    subprocess.run([str(LS_BIN), "init", "-q", *auth_args(dest, free_port())], env=server_env(dest), check=True,
                   stdout=subprocess.DEVNULL, timeout=600)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workdir: Path):
        self.data_dir = workdir / "ls-data"
        shutil.copytree(TEMPLATE, self.data_dir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "label-studio.log"
        self.proc: subprocess.Popen | None = None
        self.startup_seconds = 0.0

    def start(self, timeout_s: float = 120) -> Server:
        started = time.monotonic()
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen([str(LS_BIN), "start", *auth_args(self.data_dir, self.port)],
                                     env=server_env(self.data_dir), stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        while time.monotonic() - started < timeout_s:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Label Studio exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                # poll the exact port: a busy port makes Label Studio silently move to port+1
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as resp:
                    if resp.status == 200:
                        self.startup_seconds = time.monotonic() - started
                        return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"Label Studio not healthy on {self.url} after {timeout_s} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:] if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=15)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "init":
        sys.exit("usage: python -m tests.studio_server init DATA_DIR")
    t = time.monotonic()
    init_template(Path(sys.argv[2]))
    print(f"prepared Label Studio data dir {sys.argv[2]} in {time.monotonic() - t:.0f} s")
