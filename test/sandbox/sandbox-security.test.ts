// The sandboxed code must not reach the network, read or write the host's files, exhaust the
// machine or run past its limits; every attempt ends as a result (an observation), not a crash.
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterleafError } from "../../src/index.js";
import { createLocalSandbox } from "../../src/sandbox/index.js";

const sandbox = createLocalSandbox({ limits: { wallMs: 6_000, cpuSeconds: 3, processes: 32, workBytes: 32 * 1024 ** 2 } });
const photo = readFileSync(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

let server: Server;
let port = 0;
let requests = 0;
let hostDir: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests += 1;
    res.end("secret from the host");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  hostDir = mkdtempSync(join(tmpdir(), "interleaf-sandbox-security-"));
  // Stands in for a checkpoint database next to the project.
  writeFileSync(join(hostDir, "checkpoints.sqlite"), "SQLite format 3\0 checkpoint-secret");
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(hostDir, { recursive: true, force: true });
});

const tryAll = (attempts: string[]) =>
  [
    "results = []",
    ...attempts.flatMap((attempt, i) => [
      "try:",
      `    ${attempt}`,
      `    results.append("${i}:REACHED")`,
      "except BaseException as e:",
      `    results.append("${i}:blocked " + type(e).__name__)`,
    ]),
    "print('\\n'.join(results))",
  ].join("\n");

describe("network", () => {
  const connect = (host: string) => `import socket; socket.create_connection(("${host}", PORT), timeout=2).sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")`;
  const code = () =>
    tryAll([
      connect("127.0.0.1").replace("PORT", String(port)),
      `import urllib.request; urllib.request.urlopen("http://127.0.0.1:${port}/", timeout=2).read()`,
      connect("localhost").replace("PORT", String(port)),
      connect("10.0.2.2").replace("PORT", "80"),
      "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); s.sendto(b'x', ('8.8.8.8', 53)); s.recvfrom(10)",
    ]);

  it("cannot open any connection, to 127.0.0.1 included, while the same code outside the sandbox can", async () => {
    const before = requests;
    const result = await sandbox.run({ code: code() });
    expect(result.status).toBe("ok");
    expect(result.stdout).not.toContain("REACHED");
    expect(result.stdout.trim().split("\n")).toHaveLength(5);
    expect(requests).toBe(before);

    // Control: the same snippet run without isolation does reach the server, so the test can fail.
    const unsafe = createLocalSandbox({ dangerouslyRunUnsandboxed: true, limits: { wallMs: 6_000 } });
    const control = await unsafe.run({ code: tryAll([connect("127.0.0.1").replace("PORT", String(port))]) });
    expect(control.stdout).toContain("0:REACHED");
    expect(requests).toBeGreaterThan(before);
  });
});

describe("reading host files", () => {
  it("cannot read the project, /etc/shadow, the checkpoint database, the host's environment or other users' data", async () => {
    process.env["INTERLEAF_TEST_SECRET"] = "env-secret-value";
    const targets = [
      "/etc/shadow",
      "/etc/passwd",
      join(process.cwd(), "package.json"),
      join(hostDir, "checkpoints.sqlite"),
      "/root/.bashrc",
      "/proc/1/root/etc/shadow",
    ];
    const result = await sandbox.run({
      code: [
        tryAll(targets.map((path) => `open(${JSON.stringify(path)}, "rb").read()`)),
        "import os",
        "print('env', sorted(os.environ))",
        "print('root', sorted(os.listdir('/')))",
        "print('inputs', os.listdir('/mnt/inputs'))",
      ].join("\n"),
      inputs: [{ name: "photo.jpg", bytes: photo, variable: "image_path" }],
    });
    expect(result.status).toBe("ok");
    expect(result.stdout).not.toContain("REACHED");
    expect(result.stdout).not.toContain("env-secret-value");
    expect(result.stdout).not.toContain("INTERLEAF_TEST_SECRET");
    expect(result.stdout).not.toMatch(/home|root'|work'|srv/);
    expect(result.stdout).toContain("inputs ['photo.jpg']");
    // Control: the files exist on the host, so "blocked" means the sandbox hid them.
    expect(existsSync(join(hostDir, "checkpoints.sqlite"))).toBe(true);
    expect(existsSync(join(process.cwd(), "package.json"))).toBe(true);
  });
});

describe("writing", () => {
  it("cannot write outside its work folder; the inputs stay unchanged", async () => {
    const escape = join(hostDir, "escaped.txt");
    const result = await sandbox.run({
      code: tryAll([
        `open(${JSON.stringify(escape)}, "w").write("x")`,
        "open('/usr/lib/evil.txt', 'w').write('x')",
        "open('/etc/evil.txt', 'w').write('x')",
        "open('/mnt/inputs/photo.jpg', 'wb').write(b'overwritten')",
        "open('/mnt/inputs/new.txt', 'w').write('x')",
        "open('/mnt/data/fine.txt', 'w').write('ok')",
      ]),
      inputs: [{ name: "photo.jpg", bytes: photo }],
    });
    expect(result.stdout).toContain("0:blocked");
    expect(result.stdout).toContain("1:blocked");
    expect(result.stdout).toContain("2:blocked");
    expect(result.stdout).toContain("3:blocked");
    expect(result.stdout).toContain("4:blocked");
    expect(result.stdout).toContain("5:REACHED");
    expect(existsSync(escape)).toBe(false);
    expect(existsSync("/usr/lib/evil.txt")).toBe(false);
    expect(existsSync("/etc/evil.txt")).toBe(false);
  });

  it("gets a fresh work folder on every call", async () => {
    await sandbox.run({ code: "open('/mnt/data/left-behind.txt', 'w').write('x')\nopen('/tmp/left.txt', 'w').write('x')" });
    const result = await sandbox.run({ code: "import os\nprint(os.listdir('/mnt/data'), os.listdir('/tmp'))" });
    expect(result.stdout.trim()).toBe("[] []");
  });

  it("cannot fill the disk: the work folder and /tmp are size-limited, and the host's free space is untouched", async () => {
    const free = statfsSync(tmpdir()).bavail * statfsSync(tmpdir()).bsize;
    const result = await sandbox.run({
      code: [
        "import os",
        "block = b'x' * (1024 * 1024)",
        "for folder in ('/mnt/data', '/tmp', '/dev/shm', '/dev', '/'):",
        "    n = 0",
        "    try:",
        "        while True:",
        "            with open(f'{folder}/fill{n}.bin', 'wb') as f:",
        "                for _ in range(16):",
        "                    f.write(block)",
        "            n += 1",
        "    except OSError as e:",
        "        print(folder, 'stopped after', n, 'files:', e.strerror)",
      ].join("\n"),
    });
    expect(result.status).toBe("ok");
    expect(result.stdout).toMatch(/\/dev\/shm stopped after [0-4] files: No space left on device/);
    expect(result.stdout).toMatch(/\/dev stopped after 0 files: Read-only file system/);
    expect(result.stdout).toMatch(/\/ stopped after 0 files: Read-only file system/);
    expect(result.stdout).toMatch(/\/mnt\/data stopped after [0-2] files: No space left on device/);
    expect(result.stdout).toMatch(/\/tmp stopped after [0-2] files: No space left on device/);
    const after = statfsSync(tmpdir()).bavail * statfsSync(tmpdir()).bsize;
    expect(free - after).toBeLessThan(16 * 1024 ** 2);
  });

  it("cannot write one file larger than the file-size limit", async () => {
    const small = createLocalSandbox({ limits: { fileBytes: 1024 * 1024, wallMs: 6_000 } });
    const result = await small.run({ code: "open('/mnt/data/big.bin', 'wb').write(b'x' * (2 * 1024 * 1024))" });
    expect(result.status).toBe("error");
    expect(result.stderr).toMatch(/File too large/);
  });
});

describe("exhausting the machine", () => {
  it("a fork bomb hits the process limit; the next call runs", async () => {
    const result = await sandbox.run({ code: ["import os", "while True:", "    os.fork()"].join("\n") });
    expect(result.status).not.toBe("ok");
    expect(result.stderr).toMatch(/BlockingIOError|Resource temporarily unavailable/);
    const next = await sandbox.run({ code: "print('still here')" });
    expect(next.stdout.trim()).toBe("still here");
  });

  it("processes spawned up to the limit are all killed with the call", async () => {
    const result = await sandbox.run({
      code: [
        "import os",
        "started = 0",
        "try:",
        "    while True:",
        "        if os.fork() == 0:",
        "            os.execv('/usr/bin/sleep', ['sleep', '317'])",
        "        started += 1",
        "except OSError as e:",
        "    print('stopped after', started, type(e).__name__)",
      ].join("\n"),
    });
    expect(result.stdout).toMatch(/stopped after \d+ BlockingIOError/);
    expect(Number(/after (\d+)/.exec(result.stdout)?.[1])).toBeLessThan(32);
    await expect.poll(() => leftoverSandboxProcesses("sleep 317"), { timeout: 3_000 }).toEqual([]);
  });

  it("a background process started by the code is killed with the call", async () => {
    const result = await sandbox.run({
      code: ["import subprocess", "subprocess.Popen(['/usr/bin/sleep', '311'], start_new_session=True)", "print('started')"].join("\n"),
    });
    expect(result.stdout.trim()).toBe("started");
    await expect.poll(() => leftoverSandboxProcesses("sleep 311"), { timeout: 3_000 }).toEqual([]);
  });

  // Wall time well above CPU time: on a loaded machine 2 CPU-seconds take longer than 2 s.
  const cpuBound = createLocalSandbox({ limits: { cpuSeconds: 2, wallMs: 30_000 } });

  it("an endless loop stops at the CPU-time limit with an error result", async () => {
    const result = await cpuBound.run({ code: "while True:\n    pass" });
    expect(result.status).toBe("cpu_limit");
    expect(result.stderr).toContain("CpuTimeExceeded");
  });

  it("an endless loop that swallows the CPU-limit exception is killed anyway", async () => {
    const result = await cpuBound.run({ code: "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass" });
    expect(result.status).toBe("cpu_limit");
    expect(result.signal).toBe("SIGKILL");
  });

  it("sleeping past the wall-clock limit is a timeout; output printed before it is kept", async () => {
    const quick = createLocalSandbox({ limits: { wallMs: 1_500 } });
    const result = await quick.run({ code: "import time\nprint('before', flush=True)\ntime.sleep(61)\nprint('after')" });
    expect(result.status).toBe("timeout");
    expect(result.stdout.trim()).toBe("before");
  });

  it("allocating past the memory limit is a memory error result", async () => {
    const result = await sandbox.run({ code: "import numpy as np\nx = np.ones((40000, 40000))\nprint(x.sum())" });
    expect(result.status).toBe("memory_limit");
    expect(result.stderr).toMatch(/MemoryError|Unable to allocate/);
  });

  it("many processes together cannot use more memory than the limit", async () => {
    const small = createLocalSandbox({ limits: { memoryBytes: 512 * 1024 ** 2, wallMs: 20_000 } });
    const result = await small.run({
      code: [
        "import os, time",
        "for i in range(6):",
        "    if os.fork() == 0:",
        "        data = b'x' * 150_000_000",
        "        time.sleep(15)",
        "        os._exit(0)",
        "time.sleep(15)",
        "print('never printed')",
      ].join("\n"),
    });
    expect(result.status).toBe("memory_limit");
    expect(result.stdout).toBe("");
  });

  it("flooding stdout is cut: head and tail kept, the run stopped", async () => {
    const result = await sandbox.run({ code: "while True:\n    print('x' * 1000)" });
    expect(result.status).toBe("output_limit");
    expect(result.stdout.length).toBeLessThan(70 * 1024);
    expect(result.stdout).toMatch(/bytes omitted/);
  });

  it("killing its own supervisor is a sandbox_failed error, not a hang or a crash", async () => {
    const error = await sandbox.run({ code: "import os, signal, subprocess\nos.kill(os.getppid(), signal.SIGKILL)\nsubprocess.run(['/usr/bin/sleep', '319'])" }).catch((e: unknown) => e);
    // The supervisor is not dumpable and runs as another process; either the kill fails (then the
    // code times out) or the supervisor dies (then the call fails cleanly).
    if (InterleafError.isInstance(error)) expect(error.code).toBe("sandbox_failed");
    else expect((error as { status: string }).status).toBe("timeout");
    await expect.poll(() => leftoverSandboxProcesses("sleep 319"), { timeout: 3_000 }).toEqual([]);
  });
});

/**
 * Processes alive on the host whose command line contains `pattern`. Polled: the kernel reaps a
 * killed pid namespace's processes asynchronously.
 */
function leftoverSandboxProcesses(pattern: string): string[] {
  const lines = execFileSync("ps", ["-e", "-o", "pid=,args="], { encoding: "utf8" }).trim().split("\n");
  return lines.filter((line) => line.includes(pattern));
}
