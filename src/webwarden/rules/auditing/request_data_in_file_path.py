"""WW1107: request data in a file path (path traversal)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInFilePath(TaintRule):
    """## What it does
    Follows request data into a file path: `open()`, `os.remove`, `os.listdir`,
    `shutil` copy/move/rmtree (the target too), `os.rename`/`os.replace`, the folder
    `os.makedirs` makes, `pathlib.Path(...).read_text()` and friends (`open`, `write_text`,
    `unlink`, `touch`, `chmod`, `mkdir`, `rmdir`, `iterdir`; also of a value of
    any kind divided by request text as it was read, `project.output_path /
    request.GET["name"]`: no number divides by a string, so it is a path), Flask's
    `send_file` and `open_resource`/`open_instance_resource` (of the app, `current_app`
    or a blueprint: they join the name to the folder with `os.path.join`, not
    `safe_join`), an upload's `.save(path)`, and the files Wand hands ImageMagick
    (`Image(filename=...)`, `image.save(filename=...)`; not `blob=` or `file=`, which
    name no path); `os.path.join` and string building carry
    the data along. The folder Flask's `send_from_directory(directory, path)` is given
    is a file path too: it keeps `path` inside that folder but trusts the folder as
    it is (its documentation: never a value the client provides).
    `send_from_directory` (for the name), `safe_join`, `secure_filename`,
    `os.path.basename` and `get_valid_filename` make it safe, and so does `re.sub` of a
    negated character class that `/` and `\\` fall in (`re.sub("[^0-9a-z-]+", "", name)`)
    or of a class that holds both (`re.sub(r'[/\\\\:*?"<>|]', "", name)`), URL quoting
    that encodes them (`quote_plus(name)`, `quote(name, safe="")`; not `quote(name)`,
    which keeps `/`), or a name parsed by `uuid.UUID(name)` as a statement (it raises otherwise), or
    converted by `int(name)` in a statement, alone or as an argument of the call made
    there (`Report.objects.get(pk=int(name))`: digits only past it). So do
    checks in an `if`: a normalised path (`os.path.normpath`, `realpath`, `abspath`,
    `Path.resolve()` of any path, also `Path(name).resolve()` of the text alone, or
    `str()` of one) that starts with `base` written to end in a separator
    (`startswith(base + os.sep)`, `base + "/"`, `f"{base}/"`, `os.path.join(base, "")`,
    a text or module constant ending in `/`, a local holding one; not `startswith(base)`:
    `/srv/files-old/key` starts with `/srv/files`, see WW1129) or `is_relative_to(base)`
    (also of any of several roots, `any(
    path.resolve().is_relative_to(root) for root in ROOTS)`; not `all`, true of no roots) (or
    `relative_to(base)`, which raises otherwise), that has `base` among its `parents`
    (`base in path.parents`), or whose `os.path.commonpath` (or
    `commonprefix` with a `base` written to end in a separator, as for `startswith`:
    it compares characters) with `base` is `base`, compared as it is or kept in a local first
    (`common = os.path.commonpath([path, root])`, then `if common != root: raise ...`;
    not once the path or the local is given another value) (for `commonpath`, which never ends in a
    slash, also `base` sliced, trimmed or normalised: `STORE[:-1]`, `STORE.rstrip("/")`,
    a local holding one; `commonprefix` compares characters, so `/srv/store2` starts
    with `/srv/store`), a name equal to its own `os.path.basename`, a name found in
    a list the program made, and a function of the project's that only returns such a
    check (`return theme in theme_names()`, also of a local it normalised first, `resolved
    = Path(name).resolve()`, or the containment either of its checks makes, `if
    path.is_relative_to(A): return True` then `return path.is_relative_to(B)`, or `a or
    b`) or returns true only past a join that raises
    for a path leaving its root (`try: safe_join(root, path); return True`, Django's
    `safe_join`, which raises past it as a statement too), also wrapped in `bool()` or
    matching a pattern it compiles itself (`pattern = re.compile(r"^[0-9a-f-]{36}$");
    return bool(pattern.match(name))`); such a check guards an attribute it is given as
    well (`if not is_upload_id(self.upload_id): self.upload_id = str(uuid4())`). A
    helper that makes such a check and
    returns the path checked makes it safe for its callers too. Text a request sent, as
    it was read (a form field, a query parameter, a URL parameter), never goes where
    `isinstance(x, str)` failed: a helper taking a key or the row itself (`if
    isinstance(res_id, str): res = lookup(res_id)`, else `res = res_id`) hands back
    the row for it; a JSON value or a list of values still goes there. A form's `save()`
    (`form.save(commit=False)`) saves no file, nor does a serializer's
    (`child_serializer.save(rows)`) or that of a field of a form's or serializer's
    `fields` (`self.fields["items"].save(items, activity=instance)`, a nested
    serializer writing its rows), nor a `save()` handed an object of a project class
    that is no path (`task_repo.save(Task(...))`), nor, in a function of the project, the
    `save()` of an object made from its parameters alone, whose callers hand it no
    request data (an API client's `action = LetterAction(form_url=form_url)` then
    `action.save(record)`, every caller giving a constant `form_url`): only an upload, or
    what is made from one, saves itself at a path; and the name a Django storage's
    `save(name, content)` returns is one Django checked (no absolute path, no `..`),
    and so is what a Django storage's `path(name)` gives (`FileSystemStorage` joins the
    name to its folder with `safe_join`, which raises for a path leaving it; also a
    project's storage class inheriting that `path()`, not one writing its own) or its
    `get_available_name(name)` (it refuses `..` and asks `exists()`, which goes through
    `path()`); a name joined by hand to the storage's `location` is still reported,
    and so is the `.name` of an upload read from Django's `request.FILES`, under any key
    (`request.FILES.get(f"file{i}")`), also one of the list `getlist(key)` or `pop(key)`
    gives (`for upload in request.FILES.getlist("files"):`), or the cleaned value of a
    Django form's `FileField` or `ImageField` (`form.cleaned_data["file"]`; also the
    validated value of a Django REST framework serializer's, `serializer.validated_data[
    "file"]`, which DRF keeps only when it has a `.name` and a `.size`), also after a
    form-wide `clean()` of the project that returns None, leaving the upload as the
    field made it), also where a function of the project it is handed to reads it (`save_file(upload)`; Django keeps its last segment only and refuses
    `.` and `..`; Werkzeug's `filename` is as sent, and so is the key itself), and the
    `.path` of such an upload once set on a model's `FileField` (`doc.file =
    request.FILES["file"]`, then `os.remove(doc.file.path)`: the storage joins the name
    to its folder with `safe_join`, which raises for a path leaving it), or of a
    `FileField` or `ImageField` of what a model form saves (`self.object = form.save()`
    in a generic `CreateView` given the model's `fields`, then
    `open(self.object.file.path)`).
    `send_file` given a file object (`BytesIO(data)`, an instance of a project class
    that is no path: no `__fspath__`, no `str` or `pathlib` base, or a value the code
    called `.seek()` on, `exported.seek(0)` before `return exported`: a path has no
    `seek`) sends that object. A prefix check of a path not normalised
    is no check: `/srv/files/../etc/passwd` starts with `/srv/files`, and a resolved root
    with a name joined to it (`root.resolve() / name`) is not normalised.

    A URL parameter the router matched as one path segment (Flask's default and `string`
    converters, Django's `str`, a `re_path` group of one character class without `/`
    such as `[^/]+`: no `/`; also a value checked in full against character classes
    holding neither `/` nor `\\`, `if not re.match(r"^[\\w.-]+$", name): abort(400)`)
    written beside fixed text of its segment
    (`f"thumb-{key}.png"`, `"report_" + name`, `"%s.csv" % name`, also text ending the
    concatenation before it, `str(year) + "/report-" + name`) is not reported: that
    segment cannot be `..`, and the path cannot start at the root. Alone as a segment
    (`os.path.join(root, name, "index.html")`: `name` may be `..`), beside dots only
    (`"." + name`), unquoted or decoded first, or from the `path` converter, a regular
    expression or the query string (unchecked), it still is. Such a segment that ends the path, after
    a folder (`(root / name).unlink()`, `open(os.path.join(root, name))`,
    `os.remove(f"{root}/{name}")`, `root.joinpath("sub", name)`), is not reported either
    where the call opens, writes or removes a file (`open`, `os.remove`/`unlink`, `Path`'s
    `read_text`/`write_bytes`/`unlink`/..., `send_file`, an upload's `save`, Wand's
    files): any value but `.` or `..` is a file in that folder, and those two name a
    folder, which such a call refuses. With more after it (`root / name / "index.html"`,
    also through `"/".join(...)` or `.format()`), with no folder before it (`open(name)`:
    any file of the working directory), or handed to a call that takes a folder
    (`shutil.rmtree`, `os.listdir`, the target of `shutil.move`, which moves a file
    into it), it still is. A parameter that holds neither `/` nor
    `.` (Django REST framework's default lookup, `[^/.]+`) is one name in its folder
    wherever it is written. A piece of a name split on its dots that holds none (each of
    `split(".")`, the extension `rsplit(".", 1)[1]`, also read from a local holding the
    list) written after fixed text (`f"{stem}.{parts[1]}"`) makes no `..` segment and no
    absolute path, and is not reported; `rsplit(".", 1)[0]` and `split(".", 1)[1]` keep
    the other dots (`../../app/main` of `../../app/main.py`), and are. A piece of a
    text split on `/` that holds none (any of `split("/")`, the first of `split("/", 1)`,
    the later ones of `rsplit("/", 1)`, `partition("/")[0]`, `rpartition("/")[2]`) is
    one segment as such a URL parameter is, and judged the same way (`f"{root}/picture.{
    kind}"` of a data URI's `data.split(";")[0].split("/")[1]`); `split("/", 1)[1]` and
    `rsplit("/", 1)[0]` keep the other slashes, and are reported. What Pillow says of an image it opened from an upload
    (`Image.open(upload).format`, `.mode`, `.size`) names no path: its decoders chose
    it; the text the file carries (`image.info`) is still the sender's.
    A field of a pydantic model typed to hold no text (`frame: Optional[int]`, a
    `UUID`) is parsed from the request by `Model.model_validate(data)` (or `parse_obj`),
    also in a helper given the model class (`validate_body(FrameQuery)`) when every
    field of the class its caller passes is so typed; a text field (`label: str`) still
    holds the client's text. A row a model's constructor makes from keywords
    (`cls(**kw)` in a mixin's `create(**kw)`, also once the mixin has merged in rows
    looked up under the same keys) holds each keyword as the attribute of its name: an
    `id` no keyword gave is the database's.

    ## Why is this bad?
    `../` sequences (or an absolute path, which `os.path.join` lets replace the base
    directory) reach any file the process can read or write: `/etc/passwd`, the
    application's settings and secret key, or its own code when saving an upload.

    ## Known problems
    The segment rule above holds for POSIX paths: on a Windows server, where `\\` is a
    separator too, a URL segment may still hold `..\\`.

    A key read from a Django form's `cleaned_data` that is none of the form's fields
    (`data["filemask"]` where a helper may have set it) is taken to hold any of the
    form's data, so a file name built from it is reported: Weblate's document upload
    (`LocalRepository.from_files`, its folder made and its file written).

    A `get` of an object webwarden does not know hands back only a mapping's default
    (`paths.get(name, request.args["fallback"])`, reported); one taking three arguments
    or more is taken for a lookup by several keys (`store.get(service_id, document_id,
    key)`), whose result is what the object holds: such a `get` of a project class whose
    object webwarden lost track of, building a path from its arguments, is missed.

    What a key-value store answers under a key the request chose (Redis's `hget`,
    `smembers`, `zrange`, ..., by the command's name) is what the store keeps, not the
    request's data, as a pymongo `find_one` is: a path stored there by an earlier request
    is not traced, and a method so named of an object webwarden does not know that
    returns its argument is missed.

    ## Example
    ```python
    import os

    from flask import Flask, request, send_file

    app = Flask(__name__)

    @app.route("/download")
    def download():
        name = request.args["file"]
        return send_file(os.path.join("/srv/reports", name))
    ```

    ## Fix
    ```python
    from flask import Flask, request, send_from_directory

    app = Flask(__name__)

    @app.route("/download")
    def download():
        name = request.args["file"]
        return send_from_directory("/srv/reports", name)
    ```
    Serve files with `send_from_directory` (Flask) or resolve them with `safe_join`;
    name saved uploads with `secure_filename` or a generated name.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-22: Path Traversal](https://cwe.mitre.org/data/definitions/22.html)
    - [Flask docs: send_from_directory](https://flask.palletsprojects.com/en/stable/api/#flask.send_from_directory)
    - [Werkzeug docs: secure_filename](https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.utils.secure_filename)
    """

    code = "WW1107"
    name = "request-data-in-file-path"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 22
    message = "{source} reaches the file path of `{sink}`"
    fix = (
        "use `send_from_directory`/`safe_join` under a folder of your own, "
        "or `secure_filename` for names of uploads"
    )
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
