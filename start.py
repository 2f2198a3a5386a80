"""Start Schouders on a laptop that has nothing but Python 3.11 or newer (issue 19.5).

    python3 start.py      (Linux, macOS)
    py start.py           (Windows)

Why a script and not two pip commands: Debian and Ubuntu refuse `pip install` outside a virtual environment
(externally-managed-environment), Windows has `py` rather than `python3`, and a user should not have to know
what a virtual environment is. So this script, with only the standard library:
1. makes a virtual environment `.venv` inside the project folder when there is none (or it no longer runs);
2. installs requirements.txt into it – only when requirements.txt (or the Python version) changed since the
   last install: a sha256 is kept in `.venv/schouders-requirements.sha256`; pip's own cache is used;
3. with arguments (`python3 start.py check`) runs the command line `python -m schouders check` with the venv's
   Python and stops; without, it runs `python -m schouders.server run app.py` (streamlit run with the server layer of issue 20) with the venv's Python from the project folder,
   so .streamlit/config.toml applies (127.0.0.1 only, no usage statistics). Run by hand the browser opens by itself
   (server.headless false); set STREAMLIT_SERVER_HEADLESS=true to keep it closed (the tests do), and
   STREAMLIT_SERVER_PORT for another port – Streamlit reads both itself.

Tested here on Linux only (Debian 12, Python 3.11). Not tested: Windows (the `Scripts\\python.exe` path, the
`py` launcher, starting Streamlit as a child process because os.execv is not a real exec there) and macOS
(same code path as Linux: `bin/python`, `open` for the browser, done by Streamlit).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements.txt"
STEMPEL = VENV / "schouders-requirements.sha256"
WINDOWS = os.name == "nt"
MIN_PYTHON = (3, 11)


def zeg(tekst: str) -> None:
    print(f"[Schouders] {tekst}", flush=True)


def venv_python() -> Path:
    """The venv's interpreter: Scripts\\python.exe on Windows, bin/python on Linux and macOS."""
    return VENV / "Scripts" / "python.exe" if WINDOWS else VENV / "bin" / "python"


def venv_werkt() -> bool:
    """A venv copied from another computer, or made by a Python that is gone, no longer runs: make it anew."""
    py = venv_python()
    if not py.exists():
        return False
    try:
        return subprocess.run([str(py), "-c", "import sys"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def maak_venv() -> None:
    import venv

    zeg(f"Eenmalig: een eigen Python-omgeving maken in {VENV} …")
    try:
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    except Exception as exc:  # noqa: BLE001 – every failure gets the same Dutch advice
        uitleg = ""
        if sys.platform.startswith("linux"):  # Debian/Ubuntu ship venv's pip separately
            v = f"{sys.version_info.major}.{sys.version_info.minor}"
            uitleg = f" Op Debian of Ubuntu: installeer eerst 'python3-venv' (sudo apt install python{v}-venv)."
        raise SystemExit(f"[Schouders] De Python-omgeving maken lukte niet ({exc}).{uitleg}") from None


def stempel() -> str:
    """What the installed packages were made from: requirements.txt and the venv's Python version."""
    h = hashlib.sha256(REQUIREMENTS.read_bytes())
    h.update(
        subprocess.run(
            [str(venv_python()), "-c", "import sys; print(sys.version)"], capture_output=True, text=True
        ).stdout.encode()
    )
    return h.hexdigest()


def installeer() -> None:
    """pip install -r requirements.txt, only when it changed since the last successful install."""
    nu = stempel()
    if STEMPEL.exists() and STEMPEL.read_text(encoding="ascii").strip() == nu:
        return
    zeg("De onderdelen installeren die Schouders nodig heeft (de eerste keer duurt dit een paar minuten) …")
    r = subprocess.run(
        [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
        cwd=ROOT,
    )
    if r.returncode != 0:
        raise SystemExit(
            "[Schouders] Installeren lukte niet (zie de meldingen hierboven). Is er internet? Probeer het daarna "
            "opnieuw met dezelfde opdracht."
        )
    STEMPEL.write_text(nu + "\n", encoding="ascii")
    # Once per install: the name lists of the privacy check (1–2 minutes, with its own message), so the app
    # never has to build them during a meeting. Not fatal: without them the app still finds numbers and addresses.
    subprocess.run([str(venv_python()), "-m", "schouders.privacy_deduce", "--bouw"], cwd=ROOT)


def streamlit_opdracht() -> list[str]:
    cmd = [str(venv_python()), "-m", "schouders.server", "run", "app.py", "--server.showEmailPrompt=false"]
    if "STREAMLIT_SERVER_HEADLESS" not in os.environ:  # run by hand: open the browser (config.toml says headless)
        cmd.append("--server.headless=false")
    return cmd


def main() -> int:
    if sys.version_info < MIN_PYTHON:
        zeg(
            f"Schouders heeft Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} of nieuwer nodig; dit is {sys.version.split()[0]}."
        )
        return 1
    if not venv_werkt():
        maak_venv()
    installeer()
    if len(sys.argv) > 1:  # `python3 start.py check`: the command line, with the venv's Python
        os.chdir(ROOT)
        return subprocess.call([str(venv_python()), "-m", "schouders", *sys.argv[1:]])
    cmd = streamlit_opdracht()
    os.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working folder
    zeg("Schouders start. Stoppen: Ctrl+C in dit venster.")
    if WINDOWS:  # os.execv on Windows starts a new process and returns: the console would lose Ctrl+C
        try:
            return subprocess.call(cmd)
        except KeyboardInterrupt:
            return 0
    os.execv(cmd[0], cmd)  # Linux/macOS: Streamlit takes over this process (signals, exit code)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
