"""A private CUPS for the tests and the printing benchmark: its own `cupsd -f` on a unix
socket in a temporary folder (own configuration, spool, logs, cache and state), with one
cups-pdf queue whose PDFs land in a temporary folder. The machine's own CUPS (if any) is
never touched; ``CUPS_SERVER=<socket>`` points `lp` and Qt's print dialog at this one.

cups-pdf reads its settings from a fixed place, /etc/cups: for a queue whose device is
``cups-pdf:/NAME`` it reads /etc/cups/cups-pdf-NAME.conf (else cups-pdf.conf). The sandbox
writes that per-queue file (a name of its own) and removes it when it stops, leaving the
machine's cups-pdf.conf alone. The queue turns PDF into PostScript with pdftocairo, as
cups-pdf's Debian README advises: the default renderer loses the accented letters' text
(the glyphs print, « Académie » is extracted « Acad mie »). Needs root: cupsd runs the
cups-pdf backend as root."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CUPS_PDF_CONFIG = Path("/etc/cups")
START_TIMEOUT = 20.0


class SandboxUnavailable(Exception):
    """cupsd or cups-pdf cannot run here; the message says why (the reason a test skips)."""


@dataclass
class Sandbox:
    folder: Path
    queue: str
    process: subprocess.Popen[bytes]
    config: Path  # the per-queue cups-pdf.conf under /etc/cups
    started: float = field(default_factory=time.monotonic)

    @property
    def socket(self) -> Path:
        return self.folder / "cups.sock"

    @property
    def out(self) -> Path:
        return self.folder / "out"

    @property
    def page_log(self) -> Path:
        return self.folder / "log" / "page_log"

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket), "LC_ALL": "C", "LANG": "C"}

    def completed(self, job_id: str) -> bool:
        """CUPS lists the job as completed (cups-pdf has finished writing)."""
        listed = _run(["lpstat", "-W", "completed", "-o", self.queue], self.env())
        return any(line.split()[:1] == [job_id] for line in listed.stdout.splitlines())

    def output_of(self, job_id: str, timeout: float = 300.0) -> Path:
        """The PDF cups-pdf wrote for the job « QUEUE-N » (its name ends « -job_N.pdf »),
        once the job is completed."""
        number = job_id.rsplit("-", 1)[1]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.completed(job_id):
                written = sorted(self.out.glob(f"*-job_{number}.pdf"))
                if written:
                    return written[0]
                raise AssertionError(f"job {job_id} completed, no PDF: {self.diagnosis()}")
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} not completed in {timeout} s: {self.diagnosis()}")

    def logged(self, job_id: str) -> dict[str, str]:
        """What the page log says of the job: its title, copies and sides."""
        number = job_id.rsplit("-", 1)[1]
        for line in self.page_log.read_text(encoding="utf-8").splitlines():
            job, copies, sides, title = line.split("|", 3)
            if job == number:
                return {"title": title, "copies": copies, "sides": sides}
        raise AssertionError(f"job {job_id} not in the page log")

    def diagnosis(self) -> str:
        log = self.folder / "log" / "error_log"
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        return "\n".join(line for line in lines[-2000:] if line[:2] in ("E ", "W "))[-3000:]

    def stop(self) -> None:
        self.config.unlink(missing_ok=True)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start(queue: str | None = None) -> Sandbox:
    """Start the private cupsd, in a temporary folder of its own (removed by ``stop``),
    with one cups-pdf queue."""
    missing = [c for c in ("cupsd", "lpadmin", "lpinfo", "lp", "lpstat") if not _which(c)]
    if missing:
        raise SandboxUnavailable(
            "CUPS absent (" + ", ".join(missing) + ") : lancez packaging/setup.sh en root"
        )
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        raise SandboxUnavailable("cups-pdf absent (paquet printer-driver-cups-pdf)")
    if os.geteuid() != 0:
        raise SandboxUnavailable("cupsd et cups-pdf demandent root (backend cups-pdf)")
    _forget_dead_sandboxes()
    queue = queue or f"btsdesk-test-{os.getpid()}"
    # Under /tmp, readable by the lp user that cupsd's filters run as (pytest's own
    # temporary folders are private to root).
    folder = Path(tempfile.mkdtemp(prefix="btsdesk-cups-"))
    folder.chmod(0o755)
    for name in ("root", "spool", "spool/tmp", "log", "cache", "state", "out", "cups-pdf"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / "out").chmod(0o777)  # cups-pdf writes as the job's owner
    (folder / "root" / "cupsd.conf").write_text(
        f"Listen {folder / 'cups.sock'}\n"
        "LogLevel warn\n"  # errors and warnings only: Sandbox.diagnosis reads them
        "MaxLogSize 0\n"
        "Browsing No\n"
        "WebInterface No\n"
        "DefaultAuthType None\n"
        "JobRetryLimit 0\n"
        "PreserveJobHistory Yes\n"
        # One line per job (pdftopdf logs no pages for a PostScript printer): id|copies|
        # sides|title, read back by Sandbox.logged.
        "PageLogFormat %j|%{copies}|%{sides}|%{job-name}\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
        encoding="utf-8",
    )
    (folder / "root" / "cups-files.conf").write_text(
        f"ServerRoot {folder / 'root'}\n"
        f"RequestRoot {folder / 'spool'}\n"
        f"TempDir {folder / 'spool' / 'tmp'}\n"
        f"CacheDir {folder / 'cache'}\n"
        f"StateDir {folder / 'state'}\n"
        f"ErrorLog {folder / 'log' / 'error_log'}\n"
        f"AccessLog {folder / 'log' / 'access_log'}\n"
        f"PageLog {folder / 'log' / 'page_log'}\n"
        "SystemGroup root\n",
        encoding="utf-8",
    )
    config = CUPS_PDF_CONFIG / f"cups-pdf-{queue}.conf"
    try:
        config.write_text(
            f"Out {folder / 'out'}\n"
            f"AnonDirName {folder / 'out'}\n"
            f"Spool {folder / 'cups-pdf'}\n"
            f"Log {folder / 'log'}\n"
            "LogType 3\n"
            "Grp root\n",
            encoding="utf-8",
        )
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise SandboxUnavailable(f"réglages de cups-pdf impossibles à écrire ({exc})") from None
    with (folder / "log" / "cupsd.err").open("wb") as errors:
        process = subprocess.Popen(
            [
                _which("cupsd") or "cupsd",
                *("-f", "-c", str(folder / "root" / "cupsd.conf")),
                *("-s", str(folder / "root" / "cups-files.conf")),
            ],
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    sandbox = Sandbox(folder, queue, process, config)
    try:
        _wait_until_running(sandbox)
        model = _cups_pdf_model(sandbox)
        added = _run(
            [
                *("lpadmin", "-p", queue, "-E", "-v", f"cups-pdf:/{queue}", "-m", model),
                *("-o", "pdftops-renderer-default=pdftocairo"),
            ],
            sandbox.env(),
        )
        if added.returncode != 0:
            raise SandboxUnavailable(f"file cups-pdf refusée : {added.stderr.strip()}")
        # The default destination, as on a jury room's computer: Qt's print dialog opens on it.
        _run(["lpadmin", "-d", queue], sandbox.env())
    except BaseException:
        sandbox.stop()
        raise
    return sandbox


def _forget_dead_sandboxes() -> None:
    """A run killed before it could stop its sandbox leaves its cups-pdf settings behind
    (named after its process): removed once that process is gone."""
    for config in CUPS_PDF_CONFIG.glob("cups-pdf-btsdesk-test-*.conf"):
        pid = config.stem.rsplit("-", 1)[1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            config.unlink(missing_ok=True)


def forget_cached_server() -> None:
    """libcups keeps, per thread, the server it first read from CUPS_SERVER: Qt's print
    support in this process would go on asking the machine's CUPS after the variable
    changed. Setting no server makes libcups read the variable again."""
    name = ctypes.util.find_library("cups")
    if name is not None:
        ctypes.CDLL(name).cupsSetServer(None)


def _wait_until_running(sandbox: Sandbox) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if sandbox.process.poll() is not None:
            error = (sandbox.folder / "log" / "cupsd.err").read_text(errors="replace")
            raise SandboxUnavailable(f"cupsd s'est arrêté au démarrage : {error.strip()[:500]}")
        if sandbox.socket.exists():
            answer = _run(["lpstat", "-r"], sandbox.env())
            if answer.stdout.strip() == "scheduler is running":
                return
        time.sleep(0.1)
    raise SandboxUnavailable(f"cupsd ne répond pas après {START_TIMEOUT:.0f} s")


def _cups_pdf_model(sandbox: Sandbox) -> str:
    """The cups-pdf PPD as `lpinfo -m` names it (lsb/usr/cups-pdf/CUPS-PDF_opt.ppd here)."""
    models = _run(["lpinfo", "-m"], sandbox.env()).stdout.splitlines()
    names = [line.split()[0] for line in models if "cups-pdf" in line.lower() and line.strip()]
    if not names:
        raise SandboxUnavailable("aucun pilote cups-pdf dans « lpinfo -m »")
    return next((n for n in names if n.endswith("_opt.ppd")), names[0])


def _which(command: str) -> str | None:
    return shutil.which(command) or shutil.which(command, path="/usr/sbin:/sbin")


def _run(arguments: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = _which(arguments[0]) or arguments[0]
    return subprocess.run(
        [command, *arguments[1:]], capture_output=True, text=True, env=env, timeout=60, check=False
    )
