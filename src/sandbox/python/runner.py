r"""The sandbox runner: the Python program interleaf's local code sandbox starts inside bubblewrap.

The host copies this file into the call's folder and bubblewrap mounts it read-only; the host runs
`python3 -I -B runner.py` with the job (JSON) on stdin and a pipe on fd 3. Two roles, chosen by argv:

- supervisor (no argument): reads the job, prepares the work folder, starts the child under
  rlimits, captures its output within limits, enforces the wall-clock deadline, kills every
  leftover process, then writes the produced images and a JSON report to fd 3;
- child ("child"): reads its job from stdin, rewrites the model's code with `ast` (pinned path
  assignments, path aliases, Thyme's crop rules), then runs it. The model's code never runs
  anywhere else.

fd 3 protocol: zero or more `IMG <json header>\n<size bytes>` frames, then one `END <json report>\n`
(parsed by src/sandbox/result-frames.ts). Unit tests: test/sandbox/python/test_runner.py.
"""

import ast, json, os, signal, sys, time

IMAGE_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"GIF87a", "image/gif"),
               (b"GIF89a", "image/gif"), (b"BM", "image/bmp"), (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"))
PRINTED_PATH = r"[A-Za-z0-9_./~+-]*[A-Za-z0-9_+-]\.(?:png|jpe?g|gif|bmp|tiff?|webp)\b"


def image_mime(path):
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return None
    for magic, mime in IMAGE_MAGIC:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def under(path, root):
    return path == root or path.startswith(root.rstrip("/") + "/")


RUNNER = os.path.abspath(__file__)


# ---------------------------------------------------------------- the child: runs the model's code

def thyme_box(box, width, height, min_size):
    """Thyme's crop-box rule (swift/trainers/sandbox.py, _clamp_coordinates), float arithmetic.

    The rule treats the two axes alike and independently, so it is applied one axis at a time.
    """
    fx1, fx2 = thyme_axis(box[0], box[2], float(width), min_size)
    fy1, fy2 = thyme_axis(box[1], box[3], float(height), min_size)
    return [int(round(v)) for v in (fx1, fy1, fx2, fy2)]


def thyme_axis(a, b, size, min_size):
    """One axis of thyme_box: clamp to [0, size], make the span non-empty, then at least min_size."""
    lo, hi = min(a, b), max(a, b)
    f1 = min(max(0.0, lo), size - 1.0 if size > 0 else 0.0)
    f2 = min(max(0.0, hi), size)
    if f1 >= f2 and size > 0:
        f1 = max(0.0, f2 - 1.0)
        if f2 <= f1:
            f2 = min(size, f1 + 1.0)
    if size > 0 and f2 - f1 < min_size:
        if size < min_size:
            f1, f2 = 0.0, size
        else:
            f2 = f1 + min_size
            if f2 > size:
                f2 = size
                f1 = max(0.0, f2 - min_size)
    if size > 0 and f1 >= f2:
        f2 = min(size, f1 + 1.0)
    return f1, f2


class CropRules:
    def __init__(self, min_size, log_path):
        self.min_size = min_size
        self.log_path = log_path
        self.logged = 0

    def note(self, kind, before, after, size):
        if self.logged >= 50:
            return
        self.logged += 1
        try:
            with open(self.log_path, "a") as f:
                f.write(json.dumps({"kind": kind, "before": before, "after": after, "imageSize": size}) + "\n")
        except OSError:
            pass

    def crop(self, obj, *args, **kwargs):
        """Replaces obj.crop(box): applies the rule when obj is a PIL image and box four numbers."""
        method = obj.crop
        size = getattr(obj, "size", None)
        box = args[0] if args else kwargs.get("box")
        if "PIL" in type(obj).__module__ and isinstance(size, tuple) and len(size) == 2 and box is not None:
            try:
                values = [float(v) for v in box]
            except (TypeError, ValueError):
                values = None
            if values is not None and len(values) == 4:
                fixed = thyme_box(values, size[0], size[1], self.min_size)
                if fixed != [int(round(v)) for v in values]:
                    self.note("crop", values, fixed, list(size))
                    if args:
                        args = (tuple(fixed),) + tuple(args[1:])
                    else:
                        kwargs["box"] = tuple(fixed)
        return method(*args, **kwargs)

    def subscript(self, obj, key):
        """Replaces obj[a:b, c:d, ...] reads: applies the rule to image arrays (unsigned ints, HxW or HxWxC)."""
        shape = getattr(obj, "shape", None)
        if (type(obj).__module__ == "numpy" and getattr(obj.dtype, "kind", "") == "u" and isinstance(shape, tuple) and len(shape) in (2, 3)
                and (len(shape) == 2 or shape[2] in (1, 2, 3, 4)) and len(key) >= 2
                and isinstance(key[0], slice) and isinstance(key[1], slice)
                and key[0].step is None and key[1].step is None):
            h, w = shape[0], shape[1]
            try:
                y1, y2, _ = key[0].indices(h)
                x1, x2, _ = key[1].indices(w)
            except TypeError:
                return obj[key]
            fixed = thyme_box([x1, y1, x2, y2], w, h, self.min_size)
            if fixed != [x1, y1, x2, y2]:
                self.note("slice", [x1, y1, x2, y2], fixed, [w, h])
                key = (slice(fixed[1], fixed[3]), slice(fixed[0], fixed[2])) + tuple(key[2:])
        return obj[key]


class Rewriter(ast.NodeTransformer):
    """Rewrites the model's code: pinned path assignments, path aliases, and (optionally) crop idioms."""

    def __init__(self, pinned, aliases, crop_rules):
        self.pinned = pinned
        self.aliases = sorted(aliases.items(), key=lambda kv: -len(kv[0]))
        self.crop_rules = crop_rules

    def visit_Assign(self, node):
        self.generic_visit(node)
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and node.targets[0].id in self.pinned:
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str) and not os.path.isfile(value.value):
                node.value = ast.copy_location(ast.Constant(self.pinned[node.targets[0].id]), value)
        return node

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            for prefix, target in self.aliases:
                bare = prefix.rstrip("/")
                if node.value == bare or node.value.startswith(bare + "/"):
                    return ast.copy_location(ast.Constant(target + node.value[len(bare):]), node)
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        if self.crop_rules and isinstance(node.func, ast.Attribute) and node.func.attr == "crop" \
                and not any(isinstance(a, ast.Starred) for a in node.args) and len(node.args) <= 1:
            helper = ast.Name("__interleaf_crop__", ast.Load())
            call = ast.Call(helper, [node.func.value] + node.args, node.keywords)
            return ast.copy_location(call, node)
        return node

    def visit_Subscript(self, node):
        self.generic_visit(node)
        key = node.slice
        if (self.crop_rules and isinstance(node.ctx, ast.Load) and isinstance(key, ast.Tuple) and len(key.elts) >= 2
                and all(isinstance(e, ast.Slice) for e in key.elts[:2])
                and not any(isinstance(e, ast.Starred) for e in key.elts)):
            parts = []
            for e in key.elts:
                if isinstance(e, ast.Slice):
                    none = ast.Constant(None)
                    parts.append(ast.Call(ast.Name("slice", ast.Load()), [e.lower or none, e.upper or none, e.step or none], []))
                else:
                    parts.append(e)
            call = ast.Call(ast.Name("__interleaf_subscript__", ast.Load()), [node.value, ast.Tuple(parts, ast.Load())], [])
            return ast.copy_location(call, node)
        return node


class CpuTimeExceeded(BaseException):
    pass


def on_cpu_limit(_signum, _frame):
    raise CpuTimeExceeded("the code used its whole CPU-time limit; make it cheaper (smaller images, fewer loops)")


def run_child():
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    signal.signal(signal.SIGXCPU, on_cpu_limit)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    os.chdir(job["workDir"])
    source = job["code"]
    import builtins, linecache
    linecache.cache["<code>"] = (len(source), None, source.splitlines(True), "<code>")
    scope = {"__name__": "__main__", "__builtins__": builtins}
    scope.update(job["globals"])
    try:
        tree = ast.parse(source, "<code>", "exec")
        crop = job.get("cropRules")
        rules = CropRules(float(crop["minSize"]), job["adjustmentLog"]) if crop else None
        tree = Rewriter(job.get("pinned", {}), job.get("aliases", {}), rules is not None).visit(tree)
        ast.fix_missing_locations(tree)
        compiled = compile(tree, "<code>", "exec")
        if rules is not None:
            scope["__interleaf_crop__"] = rules.crop
            scope["__interleaf_subscript__"] = rules.subscript
        exec(compiled, scope)
    except SystemExit:
        raise
    except BaseException as error:
        import traceback
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != "<code>":
            tb = tb.tb_next
        sys.stdout.flush()
        traceback.print_exception(type(error), error, tb if tb is not None else None,
                                  file=sys.stderr)
        sys.stderr.flush()
        os._exit(1)
    sys.stdout.flush()
    sys.stderr.flush()


# ---------------------------------------------------------------- the supervisor: limits, output, images

class Capture:
    def __init__(self, keep):
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0
        self.keep = keep

    def add(self, data):
        self.total += len(data)
        room = self.keep // 2 - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            if len(self.tail) > self.keep // 2:
                del self.tail[: len(self.tail) - self.keep // 2]

    def text(self):
        omitted = self.total - len(self.head) - len(self.tail)
        middle = ("\n[... %d bytes omitted ...]\n" % omitted).encode() if omitted > 0 else b""
        return (bytes(self.head) + middle + bytes(self.tail)).decode("utf-8", "replace")


def snapshot(root):
    seen = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            seen[path] = (st.st_size, st.st_mtime_ns)
    return seen


def set_limits(limits):
    import resource
    def apply():
        os.setsid()
        cpu = int(limits["cpuSeconds"])
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (int(limits["memoryBytes"]), int(limits["memoryBytes"])))
        resource.setrlimit(resource.RLIMIT_NPROC, (int(limits["processes"]), int(limits["processes"])))
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(limits["fileBytes"]), int(limits["fileBytes"])))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    return apply


def supervise():
    import selectors, shutil, subprocess
    started = time.monotonic()
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    out = os.fdopen(3, "wb")
    limits = job["limits"]
    work, inputs, private_tmp = job["workDir"], job["inputDir"], job["tmpDir"]
    try:
        import ctypes
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: the code cannot reach this process's fds
    except Exception:
        pass
    os.makedirs(work, exist_ok=True)
    for folder in job.get("folders", []):
        os.makedirs(os.path.join(work, folder), exist_ok=True)
    for copy in job.get("copies", []):
        target = os.path.normpath(os.path.join(work, copy["to"]))
        if under(target, work):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(inputs, copy["from"]), target)
    before = snapshot(work)
    log = os.path.join(private_tmp, ".interleaf-crop-adjustments.jsonl")
    child_job = {"code": job["code"], "workDir": work, "globals": job.get("globals", {}), "pinned": job.get("pinned", {}),
                 "aliases": job.get("aliases", {}), "cropRules": job.get("cropRules"), "adjustmentLog": log}
    env = dict(job.get("env", {}))
    child = subprocess.Popen([sys.executable, "-I", "-B", RUNNER, "child"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work, env=env, close_fds=True,
                             preexec_fn=set_limits(limits))
    try:
        child.stdin.write(json.dumps(child_job).encode("utf-8"))
        child.stdin.close()
    except OSError:
        pass
    keep = int(limits["outputBytes"])
    hard = max(16 * keep, 1 << 20)
    captures = {child.stdout.fileno(): Capture(keep), child.stderr.fileno(): Capture(keep)}
    stdout_cap, stderr_cap = captures[child.stdout.fileno()], captures[child.stderr.fileno()]
    sel = selectors.DefaultSelector()
    sel.register(child.stdout, selectors.EVENT_READ)
    sel.register(child.stderr, selectors.EVENT_READ)
    deadline = started + float(limits["wallMs"]) / 1000.0
    status = None
    open_pipes = 2
    exited_at = None
    while open_pipes > 0:
        now = time.monotonic()
        if now >= deadline:
            status = "timeout"
            break
        if exited_at is None and child.poll() is not None:
            exited_at = now
        if exited_at is not None and now - exited_at > 0.5:
            break  # a leftover background process holds the pipes: stop reading
        for key, _ in sel.select(timeout=min(0.1, deadline - now)):
            data = os.read(key.fd, 65536)
            if not data:
                sel.unregister(key.fileobj)
                open_pipes -= 1
                continue
            captures[key.fd].add(data)
        if stdout_cap.total + stderr_cap.total > hard:
            status = "output_limit"
            break
        if job.get("pidNamespace") and sandbox_rss() > int(limits["memoryBytes"]):
            status = "memory_limit"
            break
    kill_all(child.pid, job.get("pidNamespace", False))
    try:
        code = child.wait(timeout=5)
    except subprocess.TimeoutExpired:
        code = None
    # drain what is left in the pipes
    for key in list(sel.get_map().values()):
        try:
            os.set_blocking(key.fd, False)
            while True:
                data = os.read(key.fd, 65536)
                if not data:
                    break
                captures[key.fd].add(data)
        except (BlockingIOError, OSError):
            pass
    exit_code = code if code is not None and code >= 0 else None
    sig = signal.Signals(-code).name if code is not None and code < 0 else None
    stdout_text, stderr_text = stdout_cap.text(), stderr_cap.text()
    if status is None:
        tail = stderr_text[-2000:]
        if code == 0:
            status = "ok"
        elif sig in ("SIGXCPU",) or "CpuTimeExceeded" in tail or (sig == "SIGKILL" and cpu_used(child) >= float(limits["cpuSeconds"])):
            status = "cpu_limit"
        elif "MemoryError" in tail or "Insufficient memory" in tail or "Failed to allocate" in tail or "Cannot allocate memory" in tail:
            status = "memory_limit"
        else:
            status = "error"
    images, skipped = collect(job, work, private_tmp, before, stdout_text)
    adjustments = []
    try:
        with open(log) as f:
            adjustments = [json.loads(line) for line in f if line.strip()][:50]
    except (OSError, ValueError):
        pass
    send_images(out, images, limits, skipped)
    report = {"status": status, "exitCode": exit_code, "signal": sig, "stdout": stdout_text, "stderr": stderr_text,
              "stdoutBytes": stdout_cap.total, "stderrBytes": stderr_cap.total, "skippedImages": skipped,
              "cropAdjustments": adjustments, "durationMs": (time.monotonic() - started) * 1000.0}
    write_end(out, report)


# ---------------------------------------------------------------- fd 3 framing

def write_image(out, header, data):
    r"""One image frame: `IMG <json header>\n` then exactly header["size"] bytes."""
    out.write(b"IMG " + json.dumps(header).encode() + b"\n")
    out.write(data)


def write_end(out, report):
    r"""The closing frame, `END <json report>\n`; nothing follows it."""
    out.write(b"END " + json.dumps(report).encode() + b"\n")
    out.flush()


def send_images(out, images, limits, skipped):
    """Frames the collected images in order, within the call's image count and byte limits; the
    rest go to `skipped` with the reason. Returns the paths sent."""
    total = 0
    sent = []
    for image in images:
        size = os.path.getsize(image["real"])
        if len(sent) >= int(limits["images"]) or total + size > int(limits["imageBytes"]):
            skipped.append({"path": image["path"], "reason": "over the limit of %d images / %d bytes per call" % (int(limits["images"]), int(limits["imageBytes"]))})
            continue
        with open(image["real"], "rb") as f:
            data = f.read(size)
        total += len(data)
        write_image(out, {"path": image["path"], "printed": image["printed"], "mime": image["mime"], "size": len(data)}, data)
        sent.append(image["path"])
    return sent


def sandbox_rss():
    """Resident memory of every process of this sandbox but the supervisor (pid namespace: /proc holds only them)."""
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    me = os.getpid()
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) not in (1, me):
            try:
                with open("/proc/%s/statm" % name) as f:
                    total += int(f.read().split()[1]) * page
            except (OSError, ValueError, IndexError):
                pass
    return total


def cpu_used(child):
    try:
        import resource
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime
    except Exception:
        return 0.0


def kill_all(pid, pid_namespace):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    if pid_namespace and os.getpid() == 2:
        try:
            os.kill(-1, signal.SIGKILL)  # every other process of this sandbox (we are pid 2, bwrap is pid 1)
        except OSError:
            pass


def collect(job, work, private_tmp, before, stdout_text):
    import re
    found = {}
    order = []
    roots = [os.path.realpath(work), os.path.realpath(private_tmp)]

    def consider(path, printed):
        real = os.path.realpath(path)
        if real in found:
            found[real]["printed"] = found[real]["printed"] or printed
            return
        if not any(under(real, root) for root in roots) or not os.path.isfile(real) or os.path.islink(path):
            return
        st = os.stat(real)
        if before.get(real) == (st.st_size, st.st_mtime_ns) or (printed and under(real, roots[1]) and real.endswith(".jsonl")):
            return
        mime = image_mime(real)
        if mime is None:
            return
        found[real] = {"path": path if os.path.isabs(path) else os.path.join(work, path), "real": real, "printed": printed,
                       "mime": mime, "mtime": st.st_mtime_ns}
        order.append(real)

    for match in re.finditer(PRINTED_PATH, stdout_text, re.IGNORECASE):
        token = match.group(0)
        for prefix, target in sorted(job.get("aliases", {}).items(), key=lambda kv: -len(kv[0])):
            if token.startswith(prefix.rstrip("/") + "/"):
                token = target + token[len(prefix.rstrip("/")):]
                break
        consider(token if os.path.isabs(token) else os.path.join(work, token), True)
    printed = list(order)
    saved = []
    for dirpath, _dirs, files in os.walk(work):
        for name in files:
            saved.append(os.path.join(dirpath, name))
    for path in saved:
        consider(path, False)
    rest = sorted((r for r in order if r not in printed), key=lambda r: (found[r]["mtime"], r))
    return [found[r] for r in printed + rest], []


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        run_child()
    else:
        supervise()
