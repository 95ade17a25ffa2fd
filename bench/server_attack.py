#!/usr/bin/env python3
"""server_attack.py - the server's memory while clients it does not know misbehave (issue 16).

Builds nothing: give it a silian binary (default target/release/silian). Makes a demo store in a
temporary directory, starts `silian serve` on it, then opens 24 connections that each send a 256 MiB
length prefix and 1 MiB of body in place of a hello, and 600 connections that send one byte a second
for 12 seconds. Prints the server's resident memory at start and its peak (VmHWM), and whether
`silian list member` is answered afterwards.

Usage: bench/server_attack.py [SILIAN_BINARY]
"""
import os, socket, struct, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/silian")
work = tempfile.mkdtemp(prefix="silian-attack.")
store = os.path.join(work, "store")
subprocess.run([binary, "--db", store, "demo", "--scale", "1"], capture_output=True, check=True)
sock_path = store + ".sock"
server = subprocess.Popen([binary, "--db", store, "serve"], stderr=open(os.path.join(work, "serve.log"), "w"))
try:
    while not os.path.exists(sock_path):
        time.sleep(0.05)
    time.sleep(0.5)

    def memory():
        fields = dict(l.split(":", 1) for l in open(f"/proc/{server.pid}/status") if ":" in l)
        return fields["VmRSS"].strip(), fields["VmHWM"].strip()

    print("at start: RSS %s, peak %s" % memory())
    greedy = []
    for _ in range(24):
        s = socket.socket(socket.AF_UNIX)
        s.connect(sock_path)
        s.send(struct.pack(">I", 256 << 20))
        try:
            s.send(b"\0" * (1 << 20))
        except OSError:
            pass  # closed on the length alone
        greedy.append(s)
    slow = []
    for _ in range(600):
        s = socket.socket(socket.AF_UNIX)
        s.connect(sock_path)
        s.setblocking(False)
        slow.append(s)
    started = time.time()
    while time.time() - started < 12:
        for s in slow:
            try:
                s.send(b"\0")
            except OSError:
                pass  # closed: its hello took too long, or its account's share was full
        time.sleep(1)
    listed = subprocess.run([binary, "--db", store, "list", "member"], capture_output=True, text=True)
    print("after the attack: RSS %s, peak %s" % memory())
    print("silian list member: exit %d, %d lines" % (listed.returncode, listed.stdout.count("\n")))
finally:
    server.terminate()
    server.wait()
    subprocess.run(["rm", "-rf", work])
