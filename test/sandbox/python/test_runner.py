"""Unit tests of the sandbox runner (src/sandbox/python/runner.py), outside bubblewrap.

Run with Debian's python (Pillow, numpy): /usr/bin/python3 -B -m unittest discover -s test/sandbox/python
(test/sandbox/python-runner.test.ts runs them under `npm test`).
"""

import ast
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
RUNNER_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "src", "sandbox", "python")
sys.path.insert(0, os.path.normpath(RUNNER_DIR))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

import runner  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 12


def parse_frames(data):
    """Reads fd 3's frames as the host does: IMG headers with their bytes, then one END report."""
    images, at = [], 0
    while data.startswith(b"IMG ", at):
        end = data.index(b"\n", at)
        header = json.loads(data[at + 4:end])
        images.append((header, data[end + 1:end + 1 + header["size"]]))
        at = end + 1 + header["size"]
    if not data.startswith(b"END ", at) or not data.endswith(b"\n"):
        raise AssertionError("no END frame at byte %d: %r" % (at, data[at:at + 40]))
    return images, json.loads(data[at + 4:-1])


class ThymeBoxTest(unittest.TestCase):
    """Thyme's crop rule (swift/trainers/sandbox.py): clamp, grow a side under min_size, shift back inside."""

    def test_grows_a_short_side_by_moving_its_far_edge(self):
        self.assertEqual(runner.thyme_box([1250, 1030, 1360, 1070], 2560, 1600, 64), [1250, 1030, 1360, 1094])

    def test_shifts_a_box_at_the_border_back_inside(self):
        self.assertEqual(runner.thyme_box([2540, 1590, 2560, 1600], 2560, 1600, 64), [2496, 1536, 2560, 1600])

    def test_clamps_a_box_outside_the_image(self):
        self.assertEqual(runner.thyme_box([-50, -20, 300, 200], 2560, 1600, 64), [0, 0, 300, 200])

    def test_orders_reversed_corners(self):
        self.assertEqual(runner.thyme_box([400, 300, 100, 100], 2560, 1600, 64), [100, 100, 400, 300])

    def test_rounds_a_large_enough_box_without_moving_it(self):
        self.assertEqual(runner.thyme_box([10.4, 10.6, 500.2, 400.7], 2560, 1600, 64), [10, 11, 500, 401])

    def test_takes_the_whole_side_of_an_image_smaller_than_the_minimum(self):
        self.assertEqual(runner.thyme_box([150, 10, 190, 30], 200, 50, 64), [136, 0, 200, 50])

    def test_opens_an_empty_box_by_moving_its_near_edge_back_one_pixel(self):
        self.assertEqual(runner.thyme_box([30, 30, 30, 30], 100, 100, 1), [29, 29, 30, 30])

    def test_honours_another_minimum(self):
        self.assertEqual(runner.thyme_box([0, 0, 10, 10], 1000, 1000, 128), [0, 0, 128, 128])


class CropRulesTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.log = os.path.join(self.dir.name, "adjustments.jsonl")
        self.rules = runner.CropRules(64.0, self.log)

    def tearDown(self):
        self.dir.cleanup()

    def logged(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as f:
            return [json.loads(line) for line in f]

    def test_pil_crop_is_enlarged_and_logged(self):
        image = Image.new("RGB", (200, 100))
        self.assertEqual(self.rules.crop(image, (10, 10, 20, 20)).size, (64, 64))
        self.assertEqual(self.rules.crop(image, box=(150, 90, 190, 100)).size, (64, 64))
        self.assertEqual(self.logged(), [
            {"kind": "crop", "before": [10.0, 10.0, 20.0, 20.0], "after": [10, 10, 74, 74], "imageSize": [200, 100]},
            {"kind": "crop", "before": [150.0, 90.0, 190.0, 100.0], "after": [136, 36, 200, 100], "imageSize": [200, 100]},
        ])

    def test_large_pil_crops_and_other_objects_pass_unchanged(self):
        image = Image.new("L", (200, 100))
        self.assertEqual(self.rules.crop(image, (0, 0, 100, 80)).size, (100, 80))

        class Cropper:
            size = (10, 10)

            def crop(self, box):
                return box
        self.assertEqual(self.rules.crop(Cropper(), (1, 1, 2, 2)), (1, 1, 2, 2))
        self.assertEqual(self.logged(), [])

    def test_image_array_slices_are_enlarged_and_logged(self):
        pixels = np.zeros((100, 200, 3), dtype=np.uint8)
        self.assertEqual(self.rules.subscript(pixels, (slice(10, 30), slice(-40, None))).shape, (64, 64, 3))
        self.assertEqual(self.logged(), [{"kind": "slice", "before": [160, 10, 200, 30], "after": [136, 10, 200, 74], "imageSize": [200, 100]}])

    def test_other_arrays_and_stepped_slices_are_read_as_written(self):
        floats = np.zeros((100, 200), dtype=np.float32)
        self.assertEqual(self.rules.subscript(floats, (slice(0, 10), slice(0, 10))).shape, (10, 10))
        pixels = np.zeros((100, 200), dtype=np.uint8)
        self.assertEqual(self.rules.subscript(pixels, (slice(0, 10, 2), slice(0, 10))).shape, (5, 10))
        self.assertEqual(self.logged(), [])

    def test_logs_at_most_fifty_adjustments(self):
        image = Image.new("RGB", (200, 100))
        for _ in range(60):
            self.rules.crop(image, (0, 0, 1, 1))
        self.assertEqual(len(self.logged()), 50)


class RewriterTest(unittest.TestCase):
    def run_code(self, source, pinned=None, aliases=None, crop_rules=False, scope=None):
        tree = runner.Rewriter(pinned or {}, aliases or {}, crop_rules).visit(ast.parse(source))
        ast.fix_missing_locations(tree)
        scope = dict(scope or {})
        exec(compile(tree, "<code>", "exec"), scope)
        return scope

    def test_pins_assignments_of_paths_that_name_no_file(self):
        scope = self.run_code("image_path = '/nowhere/made-up.jpg'\nother = '/nowhere/x.jpg'", pinned={"image_path": "/mnt/inputs/photo.jpg"})
        self.assertEqual((scope["image_path"], scope["other"]), ("/mnt/inputs/photo.jpg", "/nowhere/x.jpg"))

    def test_keeps_assignments_of_real_files(self):
        scope = self.run_code("image_path = %r" % os.path.abspath(__file__), pinned={"image_path": "/mnt/inputs/photo.jpg"})
        self.assertEqual(scope["image_path"], os.path.abspath(__file__))

    def test_rewrites_aliased_path_constants_with_or_without_a_trailing_slash(self):
        scope = self.run_code("a = '/mnt/data/out/x.png'\nb = '/mnt/data'\nc = '/mnt/database'", aliases={"/mnt/data/": "/work"})
        self.assertEqual((scope["a"], scope["b"], scope["c"]), ("/work/out/x.png", "/work", "/mnt/database"))

    def test_routes_crop_calls_and_two_slice_reads_through_the_rules_only_when_on(self):
        calls = []
        scope = {"__interleaf_crop__": lambda obj, *a, **k: calls.append(("crop", a, k)),
                 "__interleaf_subscript__": lambda obj, key: calls.append(("slice", key)),
                 "img": Image.new("L", (4, 4)), "arr": np.zeros((4, 4), dtype=np.uint8)}
        self.run_code("img.crop((0, 0, 1, 1))\nimg.crop(box=(0, 0, 2, 2))\narr[0:1, 1:2]\narr[0:1]\narr[0:1, 1:2] = 3", crop_rules=True, scope=scope)
        self.assertEqual(calls, [("crop", ((0, 0, 1, 1),), {}), ("crop", (), {"box": (0, 0, 2, 2)}), ("slice", (slice(0, 1, None), slice(1, 2, None)))])
        calls.clear()
        self.run_code("img.crop((0, 0, 1, 1))\narr[0:1, 1:2]", crop_rules=False, scope=scope)
        self.assertEqual(calls, [])


class CollectTest(unittest.TestCase):
    """The capture of saved images: printed paths first in print order, then the rest by time."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.work = os.path.join(self.dir.name, "work")
        self.tmp = os.path.join(self.dir.name, "tmp")
        os.makedirs(os.path.join(self.work, "out"))
        os.makedirs(self.tmp)

    def tearDown(self):
        self.dir.cleanup()

    def write(self, path, data, mtime):
        with open(path, "wb") as f:
            f.write(data)
        os.utime(path, ns=(mtime, mtime))
        return path

    def test_orders_printed_then_saved_and_skips_non_images_unchanged_files_and_links(self):
        unchanged = self.write(os.path.join(self.work, "given.png"), PNG, 1_000)
        before = runner.snapshot(self.work)
        late = self.write(os.path.join(self.work, "out", "late.jpg"), JPEG, 3_000)
        early = self.write(os.path.join(self.work, "early.png"), PNG, 2_000)
        printed = self.write(os.path.join(self.work, "shown.png"), PNG, 4_000)
        in_tmp = self.write(os.path.join(self.tmp, "scratch.png"), PNG, 5_000)
        self.write(os.path.join(self.work, "notes.txt"), b"not an image", 2_500)
        outside = self.write(os.path.join(self.dir.name, "outside.png"), PNG, 2_600)
        os.symlink(outside, os.path.join(self.work, "link.png"))
        stdout = "saved shown.png and %s; see also /etc/hostname.png and given.png\n" % in_tmp
        images, skipped = runner.collect({"aliases": {}}, self.work, self.tmp, before, stdout)
        self.assertEqual([(i["path"], i["printed"], i["mime"]) for i in images], [
            (printed, True, "image/png"), (in_tmp, True, "image/png"), (early, False, "image/png"), (late, False, "image/jpeg")])
        self.assertNotIn(unchanged, [i["path"] for i in images])
        self.assertEqual(skipped, [])

    def test_reads_printed_paths_through_the_aliases(self):
        shown = self.write(os.path.join(self.work, "out", "a.png"), PNG, 1_000)
        images, _ = runner.collect({"aliases": {"/mnt/data/": self.work}}, self.work, self.tmp, {}, "/mnt/data/out/a.png")
        self.assertEqual([(i["path"], i["printed"]) for i in images], [(shown, True)])

    def test_knows_images_by_their_bytes_not_their_names(self):
        path = self.write(os.path.join(self.work, "x.bin"), b"GIF89a" + b"\x00" * 10, 1)
        self.assertEqual(runner.image_mime(path), "image/gif")
        self.assertEqual(runner.image_mime(self.write(os.path.join(self.work, "y.png"), b"plain text", 1)), None)
        self.assertEqual(runner.image_mime(self.write(os.path.join(self.work, "z"), b"RIFF\x00\x00\x00\x00WEBPVP8 ", 1)), "image/webp")


class FramingTest(unittest.TestCase):
    def test_frames_images_within_the_limits_then_the_report(self):
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for name, data in (("a.png", PNG), ("b.jpg", JPEG), ("c.png", PNG)):
                path = os.path.join(folder, name)
                with open(path, "wb") as f:
                    f.write(data)
                paths.append({"path": "/mnt/data/" + name, "real": path, "printed": name == "b.jpg", "mime": runner.image_mime(path)})
            out, skipped = io.BytesIO(), []
            sent = runner.send_images(out, paths, {"images": 2, "imageBytes": 1 << 20}, skipped)
            runner.write_end(out, {"status": "ok", "skippedImages": skipped})
        images, report = parse_frames(out.getvalue())
        self.assertEqual(sent, ["/mnt/data/a.png", "/mnt/data/b.jpg"])
        self.assertEqual([(h["path"], h["printed"], h["mime"], data) for h, data in images],
                         [("/mnt/data/a.png", False, "image/png", PNG), ("/mnt/data/b.jpg", True, "image/jpeg", JPEG)])
        self.assertEqual(report["skippedImages"], [{"path": "/mnt/data/c.png", "reason": "over the limit of 2 images / 1048576 bytes per call"}])

    def test_counts_image_bytes_against_the_limit(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "a.png")
            with open(path, "wb") as f:
                f.write(PNG)
            image = {"path": path, "real": path, "printed": False, "mime": "image/png"}
            out, skipped = io.BytesIO(), []
            self.assertEqual(runner.send_images(out, [image, dict(image)], {"images": 16, "imageBytes": len(PNG) + 1}, skipped), [path])
            self.assertEqual(len(skipped), 1)


class SuperviseTest(unittest.TestCase):
    """The whole runner as the host starts it (without bubblewrap): job on stdin, frames on fd 3."""

    def supervise(self, code, **overrides):
        folder = tempfile.mkdtemp()
        self.addCleanup(subprocess.run, ["rm", "-rf", folder])
        for name in ("work", "inputs", "tmp"):
            os.makedirs(os.path.join(folder, name))
        limits = {"cpuSeconds": 20, "wallMs": 30_000, "memoryBytes": 4 << 30, "processes": 4096, "fileBytes": 64 << 20,
                  "workBytes": 256 << 20, "outputBytes": 64 << 10, "images": 16, "imageBytes": 96 << 20}
        job = {"code": code, "workDir": os.path.join(folder, "work"), "inputDir": os.path.join(folder, "inputs"),
               "tmpDir": os.path.join(folder, "tmp"), "globals": {}, "pinned": {}, "aliases": {}, "cropRules": None,
               "folders": ["out"], "copies": [], "limits": limits, "env": {"PATH": "/usr/bin:/bin", "HOME": os.path.join(folder, "tmp")},
               "pidNamespace": False}
        job.update(overrides)
        # fd 3 is the frame channel: point it at our pipe and the supervisor's own stdout at /dev/null.
        done = subprocess.run(["/bin/sh", "-c", 'exec "$0" -I -B "$1" 3>&1 >/dev/null', sys.executable, runner.RUNNER],
                              input=json.dumps(job).encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        return job, parse_frames(done.stdout)

    def test_runs_the_code_and_frames_its_images_and_report(self):
        code = "\n".join([
            "from PIL import Image",
            "Image.new('RGB', (80, 40), 'red').save('out/red.png')",
            "print('saved out/red.png')",
            "import sys; print('warning', file=sys.stderr)",
        ])
        job, (images, report) = self.supervise(code)
        self.assertEqual(report["status"], "ok")
        self.assertEqual((report["stdout"], report["stderr"], report["exitCode"]), ("saved out/red.png\n", "warning\n", 0))
        self.assertEqual([(h["path"], h["printed"], h["mime"]) for h, _ in images], [(os.path.join(job["workDir"], "out/red.png"), True, "image/png")])
        with Image.open(io.BytesIO(images[0][1])) as image:
            self.assertEqual(image.size, (80, 40))

    def test_reports_the_models_error_with_its_own_traceback_only(self):
        _, (images, report) = self.supervise("x = 1\nraise ValueError('bad box')")
        self.assertEqual((report["status"], report["exitCode"], images), ("error", 1, []))
        self.assertIn('File "<code>", line 2', report["stderr"])
        self.assertIn("ValueError: bad box", report["stderr"])
        self.assertNotIn("runner.py", report["stderr"])

    def test_applies_the_crop_rules_and_reports_the_adjustments(self):
        code = "from PIL import Image\nprint(Image.new('L', (200, 100)).crop((10, 10, 20, 20)).size)"
        _, (_, report) = self.supervise(code, cropRules={"minSize": 64})
        self.assertEqual(report["stdout"], "(64, 64)\n")
        self.assertEqual(report["cropAdjustments"], [{"kind": "crop", "before": [10.0, 10.0, 20.0, 20.0], "after": [10, 10, 74, 74], "imageSize": [200, 100]}])


if __name__ == "__main__":
    unittest.main()
