#!/usr/bin/env python3
"""pty_bench.py: time the console from outside, in a real pty, as an agent
feels it: start-up to a painted first screen, key-to-screen for j,
page-down and a / filter, bytes written per page-down, and peak RSS.

usage: pty_bench.py TTYDESK_BIN XDG_ROOT
XDG_ROOT must hold data/ttydesk/store.db and config/ttydesk/ttydeskrc.
Keys are sent one at a time and each is timed from the write of the key to
the moment the terminal output stops (a 15 ms quiet gap, not counted)."""
import os, pty, select, sys, time, statistics, resource

QUIET = 0.015


def settle(fd):
    """Swallow whatever is still on its way, so a timing starts clean."""
    while select.select([fd], [], [], 0.05)[0]:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def drain(fd, first_deadline=2.0):
    """Read until output stops; return (seconds to last byte, bytes)."""
    t0 = time.monotonic()
    last = None
    total = 0
    while True:
        timeout = QUIET if last is not None else first_deadline
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        total += len(data)
        last = time.monotonic()
    return ((last or t0) - t0), total


def main():
    binary, root = sys.argv[1], sys.argv[2]
    env = dict(os.environ, HOME=root, XDG_DATA_HOME=root + "/data",
               XDG_CONFIG_HOME=root + "/config", XDG_STATE_HOME=root + "/state",
               TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               LINES="45", COLUMNS="160")
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    import fcntl, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 160, 0, 0))
    # First screen: until the status bar (drawn last) has been written.
    seen = b""
    while b"outbox" not in seen and time.monotonic() - t0 < 20:
        r, _, _ = select.select([fd], [], [], 20)
        if r:
            seen += os.read(fd, 65536)
    first = time.monotonic() - t0
    dt, n = drain(fd, 0.2)
    print(f"first screen (start to painted):  {first * 1e3:7.1f} ms "
          f"({len(seen) + n} bytes)")

    def key(seq, reps=30):
        times, sizes = [], []
        for _ in range(reps):
            settle(fd)
            t = time.monotonic()
            os.write(fd, seq)
            dt, n = drain(fd, 1.0)
            times.append(dt)
            sizes.append(n)
        return statistics.median(times), statistics.median(sizes)

    t, n = key(b"j")
    print(f"key j:                            {t * 1e3:7.2f} ms  "
          f"{n:6.0f} bytes (median of 30)")
    t, n = key(b"\x1b[6~")
    print(f"page-down:                        {t * 1e3:7.2f} ms  "
          f"{n:6.0f} bytes (median of 30)")
    os.write(fd, b"/")
    drain(fd, 1.0)
    times = []
    for ch in b"refund":
        settle(fd)
        t = time.monotonic()
        os.write(fd, bytes([ch]))
        dt, _ = drain(fd, 2.0)
        times.append(dt)
    print(f"/ filter, per keystroke (refund): {statistics.median(times) * 1e3:7.2f} ms "
          f"median, {max(times) * 1e3:.2f} ms max")
    os.write(fd, b"\x1b")
    drain(fd, 1.0)
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM"):
                    print(f"peak RSS:                         "
                          f"{int(line.split()[1]) / 1024:7.1f} MB")
    except OSError:
        pass
    os.write(fd, b":quit\r")
    drain(fd, 1.0)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


if __name__ == "__main__":
    main()
