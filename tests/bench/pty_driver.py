#!/usr/bin/env python3
"""Drives the built till in a real pseudo-terminal (80x24) for `npm run bench`.

  pty_driver.py startup MARKER -- CMD...   time to the first frame showing MARKER, peak memory (kB)
  pty_driver.py exit -- CMD...             time to exit and peak memory of a command (baseline)
  pty_driver.py keys MARKER N SCAN LOADED -- CMD...  rings up N scans of SCAN, waits for LOADED on
                                            screen, then times keystrokes to the end of the
                                            frame they cause; prints JSON
"""
import json, os, pty, re, resource, select, signal, struct, sys, termios, fcntl, time

ANSI = re.compile(rb'\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])')

def spawn(cmd, env_extra=None):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ)
        env.update(env_extra or {})
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
    return pid, fd

def read_until(fd, pred, timeout):
    buf = b''
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
            if pred(buf):
                return buf, time.monotonic()
    raise SystemExit('timed out; output tail: %r' % buf[-400:])

def drain(fd, quiet):
    """Reads until nothing arrives for `quiet` seconds; returns the time of the last byte (or None)."""
    last = None
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return last
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return last
        if not chunk:
            return last
        last = time.monotonic()

def peak_kb(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
    return None

def finish(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)

def main():
    mode = sys.argv[1]
    sep = sys.argv.index('--')
    args, cmd = sys.argv[2:sep], sys.argv[sep + 1:]
    if mode == 'exit':
        t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.execvp(cmd[0], cmd)
        os.waitpid(pid, 0)
        ms = (time.monotonic() - t0) * 1000
        print(json.dumps({'ms': ms, 'peakKb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
        return
    marker = args[0].encode()
    t0 = time.monotonic()
    pid, fd = spawn(cmd)
    _, t_frame = read_until(fd, lambda b: marker in ANSI.sub(b'', b), 20)
    if mode == 'startup':
        drain(fd, 0.3)
        print(json.dumps({'ms': (t_frame - t0) * 1000, 'peakKb': peak_kb(pid)}))
        finish(pid)
        return
    count, scan, loaded = int(args[1]), args[2], args[3].encode()
    drain(fd, 0.3)
    for i in range(0, count, 20):
        os.write(fd, (scan + '\r').encode() * min(20, count - i))
        if i + 20 < count:
            drain(fd, 0.2)
    # The sale really holds every line before any keystroke is timed.
    read_until(fd, lambda b: loaded in ANSI.sub(b'', b), 20)
    drain(fd, 0.3)
    samples = []
    for i in range(120):
        key = b'7' if i % 2 == 0 else b'\x7f'
        t_key = time.monotonic()
        os.write(fd, key)
        t_last = drain(fd, 0.06)
        if t_last is not None and i >= 20:  # the first keystrokes warm up the JIT
            samples.append((t_last - t_key) * 1000)
    print(json.dumps({'samples': samples, 'peakKb': peak_kb(pid)}))
    finish(pid)

main()
