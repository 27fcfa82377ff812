"""Which functions write: calls judged by name, project calls followed, submission gates."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.analysis.writes import StateChanges, state_changes
from webwarden.analysis.writes.audit_logs import access_record_model, audit_log_model
from webwarden.config import load_config
from webwarden.discover import discover
from webwarden.engine.files import FilePlan, analyse_file
from webwarden.engine.project import build_project
from webwarden.findings import Confidence, Severity


def changes(root: Path, source: str, helpers: str = "") -> StateChanges:
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "views.py").write_text(textwrap.dedent(source))
    (root / "app" / "helpers.py").write_text(textwrap.dedent(helpers))
    config = load_config([root], isolated=True, root=root)
    discovery = discover([root], config)
    plan = FilePlan((), config.max_file_size, frozenset({"app"}), config.test_paths)
    project = build_project(root, discovery, [analyse_file(f, plan) for f in discovery.files])
    return state_changes(project)


def kinds(found: StateChanges, name: str) -> list[tuple[str, bool, bool]]:
    return [(w.kind, w.clear, w.gated) for w in found.writes(f"app.views.{name}")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("Note.objects.filter(pk=1).delete()", [("orm", True, False)], id="delete"),
        pytest.param("Note.objects.create(text='x')", [("orm", True, False)], id="create"),
        pytest.param(
            "Note.objects.filter(pk=1).update(x=1)", [("orm", True, False)], id="qs-update"
        ),
        pytest.param(
            "User.objects.create_user(username='x')", [("orm", True, False)], id="create-user"
        ),
        pytest.param("params = {}\n    params.update(x=1)", [], id="dict-update"),
        pytest.param(
            "note = Note.objects.get(pk=1)\n    note.tags.add(3)", [("orm", True, False)], id="m2m"
        ),
        pytest.param("seen = set()\n    seen.add(3)", [], id="set-add"),
        pytest.param(
            "user = User.objects.get(pk=2)\n    event = pick(teams)\n    event.team.remove(user)",
            [("orm", True, False)],
            id="m2m-of-unknown-object-given-a-row",
        ),
        pytest.param(
            "user = request.GET['user']\n    event = pick(teams)\n    event.team.remove(user)",
            [],
            id="remove-of-unknown-object-given-text",
        ),
        pytest.param(
            "user = User.objects.get(pk=2)\n    self.seen.add(user)", [], id="own-set-given-a-row"
        ),
        pytest.param("json.markers.clear()", [], id="clear-of-unknown-object"),
        pytest.param("Factory().create()", [("unknown", False, False)], id="factory-create"),
        pytest.param(
            "note.comment_set.create(text='x')", [("orm", True, False)], id="reverse-create"
        ),
        pytest.param("request.user.message_set.create(message='x')", [], id="user-message"),
        pytest.param("os.makedirs('cache')", [("file", False, False)], id="makedirs"),
        pytest.param(
            "tmp = tempfile.NamedTemporaryFile()\n    os.unlink(tmp.name)", [], id="temporary-file"
        ),
        pytest.param(
            "folder = tempfile.mkdtemp()\n    path = os.path.join(folder, 'a.csv')\n"
            "    open(path, 'w')",
            [],
            id="temporary-folder-file",
        ),
        pytest.param(
            "folder = tempfile.mkdtemp()\n    open(os.path.join(folder, 'a.csv'), 'w')",
            [],
            id="temporary-folder-join-in-place",
        ),
        pytest.param(
            "with tempfile.NamedTemporaryFile() as fp:\n        open(fp.name, 'wb')",
            [],
            id="temporary-file-object-name",
        ),
        pytest.param(
            "fp = open('exports.csv')\n    open(fp.name, 'w')",
            [("file", True, False)],
            id="name-of-a-file-of-the-app",
        ),
        pytest.param(
            "folder = 'exports'\n    open(os.path.join(folder, 'a.csv'), 'w')",
            [("file", True, False)],
            id="folder-of-the-app",
        ),
        pytest.param(
            "module = sys.modules.get('json')\n    module.markers.clear()", [], id="dict-get"
        ),
        pytest.param(
            "Note.objects.get_or_create(pk=1)", [("orm", False, False)], id="get-or-create"
        ),
        pytest.param("db.session.add(note)", [("sqlalchemy", True, False)], id="session-add"),
        pytest.param("db.session.commit()", [("sqlalchemy", False, False)], id="bare-commit"),
        pytest.param(
            "row = Note.query.get(1)\n    row.pinned = True\n    db.session.commit()",
            [("sqlalchemy", True, False)],
            id="commit-after-change",
        ),
        pytest.param("cursor.execute('DELETE FROM note')", [("sql", True, False)], id="sql-delete"),
        pytest.param("cursor.execute('SELECT * FROM note')", [], id="sql-select"),
        pytest.param("cursor.execute(query)", [("sql", False, False)], id="sql-unknown"),
        pytest.param("Note.objects.raw(query)", [], id="manager-raw-query"),
        pytest.param(
            "Note.objects.raw('UPDATE note SET text = 1 RETURNING id')",
            [("sql", True, False)],
            id="manager-raw-update",
        ),
        pytest.param("engine.raw(query)", [("sql", False, False)], id="raw-of-no-manager"),
        pytest.param("send_mail('s', 'b', 'f', ['t'])", [("mail", True, False)], id="mail"),
        pytest.param("mail_admins('Task failed', str(error))", [], id="mail-to-admins"),
        pytest.param("mail_managers('New signup', 'b')", [], id="mail-to-managers"),
        pytest.param("open('f', 'w')", [("file", True, False)], id="open-write"),
        pytest.param("open('f')", [], id="open-read"),
        pytest.param("os.remove('f')", [("file", True, False)], id="remove"),
        pytest.param("image.save(buffer, 'PNG')", [("file", False, False)], id="pillow-save"),
        pytest.param(
            "writer = pandas.ExcelWriter(output)\n    writer.save()",
            [("file", False, False)],
            id="spreadsheet-writer-save",
        ),
        pytest.param(
            "book = openpyxl.Workbook()\n    book.save(output)",
            [("file", False, False)],
            id="workbook-save",
        ),
        pytest.param(
            "staticfiles_storage.save('f', buffer)", [("file", True, False)], id="storage-save"
        ),
        pytest.param("storages['media'].delete('f')", [("file", True, False)], id="storage-delete"),
        pytest.param("logout(request)", [("logout", True, False)], id="logout"),
        pytest.param("request.session['k'] = 1", [("session", False, False)], id="session-store"),
        pytest.param("cache.delete('k')", [], id="cache"),
        pytest.param("thing.approve_all()", [("unknown", False, False)], id="named-for-change"),
        pytest.param("thing.describe()", [], id="named-for-reading"),
        pytest.param(
            "proxy.views.proxy_view(request, url)",
            [("elsewhere", False, False)],
            id="request-relayed-by-proxy",
        ),
        pytest.param("proxy.utils.proxy_url(url)", [], id="proxy-named-without-request"),
        pytest.param(
            "checker = sys.get_checker(note)\n    checker.set_reference(note)",
            [],
            id="setter-of-library-object",
        ),
        pytest.param(
            "cal = icalendar.Calendar()\n    cal.add_component(note)",
            [],
            id="builder-of-library-instance",
        ),
        pytest.param(
            "client = sys.client('lambda')\n    client.add_permission(note)",
            [("unknown", False, False)],
            id="builder-of-library-factory-product",
        ),
        pytest.param(
            "row = Note.objects.get(pk=1)\n    row.add_tag(note)",
            [("unknown", False, False)],
            id="builder-of-loaded-row",
        ),
        pytest.param(
            "row = Note.objects.get(pk=1)\n    row.set_archived()",
            [("unknown", False, False)],
            id="setter-of-loaded-row",
        ),
        pytest.param(
            "checker = sys.get_checker(note)\n    checker.submit_reference(note)",
            [("unknown", False, False)],
            id="other-change-of-library-object",
        ),
        pytest.param(
            "if request.method == 'POST':\n        Note.objects.all().delete()",
            [("orm", True, True)],
            id="method-test",
        ),
        pytest.param(
            "if not form.is_valid():\n        return None\n    form.save()",
            [("orm", True, True)],
            id="validation-returns-first",
        ),
        pytest.param(
            "form = NoteForm(request.GET)\n    if form.is_valid():\n        form.save()",
            [("orm", True, False)],
            id="validation-of-query-bound-form",
        ),
        pytest.param(
            "email = request.GET.get('e')\n    s = Ser(data={'email': email})\n"
            "    if s.is_valid():\n        Note.objects.create(email=email)",
            [("orm", True, False)],
            id="validation-of-serializer-of-query-value",
        ),
        pytest.param(
            "form = NoteForm(request.POST or request.GET)\n    if form.is_valid():\n"
            "        form.save()",
            [("orm", True, True)],
            id="validation-of-form-also-of-body",
        ),
        pytest.param(
            "ids = request.POST.getlist('id')\n    for n in Note.objects.filter(pk__in=ids):\n"
            "        n.delete()",
            [("orm", True, True)],
            id="loop-over-submitted",
        ),
        pytest.param(
            "title = request.POST.get('t')\n    if not title:\n        return None\n"
            "    Note.objects.create(title=title)",
            [("orm", True, True)],
            id="test-of-submitted",
        ),
        pytest.param(
            "text = request.POST['text']\n    Note.objects.create(text=text)",
            [("orm", True, True)],
            id="required-post-field",
        ),
        pytest.param("db.session.merge(note)", [("sqlalchemy", True, False)], id="merge"),
        pytest.param(
            "if note not in db.session:\n        note = db.session.merge(note)",
            [],
            id="merge-reattaching-detached",
        ),
        pytest.param(
            "if note in db.session:\n        pass\n    else:\n        db.session.merge(note)",
            [],
            id="merge-reattaching-in-else",
        ),
        pytest.param(
            "if thing not in db.session:\n        db.session.merge(note)",
            [("sqlalchemy", True, False)],
            id="merge-of-another-object",
        ),
        pytest.param("db.session.merge(note, load=False)", [], id="merge-without-load"),
        pytest.param(
            "with transaction.atomic():\n        note.save()\n        transaction.set_rollback(True)",
            [],
            id="atomic-block-rolled-back",
        ),
        pytest.param(
            "with transaction.atomic():\n        note.save()\n        raise Undo()",
            [],
            id="atomic-block-ending-by-raising",
        ),
        pytest.param(
            "with transaction.atomic():\n        note.save()\n        if thing:\n"
            "            transaction.set_rollback(True)",
            [("orm", True, False)],
            id="atomic-block-rolled-back-under-a-test",
        ),
        pytest.param(
            "with transaction.atomic():\n        note.save()",
            [("orm", True, False)],
            id="atomic-block-committed",
        ),
        pytest.param("rq.requeue_job(thing, connection=db)", [("queue", True, False)], id="rq"),
        pytest.param(
            "queue = rq.Queue(thing, connection=db)\n    queue.enqueue_job(note)",
            [("queue", True, False)],
            id="rq-queue-enqueue-job",
        ),
        pytest.param(
            "rq.job.Job.fetch(thing, connection=db).requeue()",
            [("queue", True, False)],
            id="rq-fetched-job-requeued",
        ),
        pytest.param(
            "queue = rq.Queue(thing, connection=db)\n    job = queue.fetch_job(note)\n"
            "    print(queue.get_job_ids(), job.get_status())",
            [],
            id="rq-queue-read",
        ),
    ],
)
def test_calls(tmp_path: Path, body: str, expected: list[tuple[str, bool, bool]]) -> None:
    source = """
        import icalendar
        import openpyxl
        import os
        import pandas
        import proxy.utils
        import proxy.views
        import rq
        import sys
        import tempfile
        from django.contrib.auth import logout
        from django.contrib.staticfiles.storage import staticfiles_storage
        from django.core.files.storage import storages
        from django.core.cache import cache
        from django.core.mail import mail_admins, mail_managers, send_mail
        from django.db import transaction
        from app.models import Note, Undo, db

        def view(request, note, form, cursor, query, image, buffer, thing, output):
    """
    # NOTE: the body's further lines are indented as in the function already
    source = textwrap.dedent(source) + "    " + body + "\n"
    assert kinds(changes(tmp_path, source), "view") == expected


def test_project_functions_are_followed(tmp_path: Path) -> None:
    views = """
        from app import helpers
        from app.helpers import Repository, forget

        def through_function(request):
            forget(1)

        def through_module(request):
            helpers.forget(1)

        def through_object(request):
            repository = Repository()
            repository.drop(1)

        def getter(request):
            return helpers.profile(request)

        def through_a_getter(request):
            return helpers.get_token(request)

        class Page:
            def get(self, request):
                self.clean_up()

            def clean_up(self):
                helpers.forget(2)
    """
    helpers = """
        from app.models import Note, Profile, Token

        def forget(pk):
            Note.objects.filter(pk=pk).delete()

        def get_token(request):
            Token.objects.filter(expired=True).delete()
            return Token.objects.create(user=request.user)

        def profile(request):
            return Profile.objects.get_or_create(user=request.user)[0]

        class Repository:
            def drop(self, pk):
                forget(pk)
    """
    found = changes(tmp_path, views, helpers)
    for name in ("through_function", "through_module", "through_object", "Page.get"):
        writes = found.writes(f"app.views.{name}")
        assert [(w.kind, w.clear, w.via) for w in writes] == [("orm", True, "forget")], name
    assert found.writes("app.views.getter") == ()
    getter = found.writes("app.views.through_a_getter")
    assert [(w.kind, w.clear, w.via) for w in getter] == [("orm", False, "get_token")] * 2


def test_a_helper_writing_only_for_a_flag_is_judged_at_each_call(tmp_path: Path) -> None:
    views = """
        from app.helpers import refresh, run

        def dry_run(request):
            run("x", dry=True)

        def real_run(request):
            run("x")

        def chosen(request):
            run("x", dry=request.GET.get("dry"))

        def handed_on(request, dry=False):
            run("x", dry=dry)

        def caller(request):
            handed_on(request, dry=True)

        def kept(request):
            refresh(1)

        def saved(request):
            refresh(1, True)
    """
    helpers = """
        from app.models import Rule

        def run(url, dry=False):
            for rule in Rule.objects.all():
                if url and not dry:
                    rule.save()

        def refresh(pk, save=False):
            if not save:
                return None
            Rule.objects.filter(pk=pk).update(count=0)
    """
    found = changes(tmp_path, views, helpers)
    assert found.writes("app.views.dry_run") == ()
    assert found.writes("app.views.kept") == ()
    for name in ("real_run", "chosen", "saved"):
        assert [(w.kind, w.clear) for w in found.writes(f"app.views.{name}")] == [("orm", True)]
    assert all(w.flags == () for w in found.writes("app.views.real_run")), "settled at the call"
    (flagged,) = found.writes("app.views.handed_on")
    assert flagged.flags == (("dry", False),), "the caller's own flag, handed on"
    assert found.writes("app.views.caller") == ()


def test_project_methods_of_a_compound_name_are_followed(tmp_path: Path) -> None:
    views = """
        from app.models import Page

        def export(request):
            event = Page.objects.get(pk=1).specific
            return event.create_single_ical()

        def archive(request):
            event = Page.objects.get(pk=1).specific
            event.archive_all_dates()

        def unknown(request, thing):
            thing.approve_all()

        def bare(request, thing):
            thing.create()
    """
    helpers = """
        from app.models import Note

        class EventMixin:
            def create_single_ical(self):
                return {"summary": self.title}

            def archive_all_dates(self):
                Note.objects.filter(event=self).delete()

        class Other:
            def create(self):
                return 1
    """
    found = changes(tmp_path, views, helpers)
    assert found.writes("app.views.export") == ()
    archive = found.writes("app.views.archive")
    assert [(w.kind, w.clear, w.via) for w in archive] == [("orm", True, "archive_all_dates")]
    assert kinds(found, "unknown") == [("unknown", False, False)]
    assert kinds(found, "bare") == [("unknown", False, False)]


def test_a_project_subclass_of_popen_runs_when_made(tmp_path: Path) -> None:
    views = """
        from app.helpers import Runner

        def view(request):
            return Runner(["manage.py", "migrate"])
    """
    helpers = """
        import subprocess

        class Runner(subprocess.Popen):
            pass
    """
    assert kinds(changes(tmp_path, views, helpers), "view") == [("elsewhere", False, False)]


def test_the_post_of_a_library_logout_view_logs_out(tmp_path: Path) -> None:
    views = """
        from django.contrib.auth.views import LogoutView
        from mozilla_django_oidc.views import OIDCLogoutView
        from app.helpers import OwnLogout

        class ViaSuper(OIDCLogoutView):
            def get(self, request):
                return super().post(request)

        class ViaSelf(LogoutView):
            def get(self, request):
                return self.post(request)

        class OwnPost(OwnLogout):
            def get(self, request):
                return self.post(request)

        class OtherLibrary(SomeView):
            def get(self, request):
                return super().post(request)
    """
    helpers = """
        from django.contrib.auth.views import LogoutView

        class OwnLogout(LogoutView):
            def post(self, request):
                return None
    """
    found = changes(tmp_path, views, helpers)
    assert [(w.kind, w.clear) for w in found.writes("app.views.ViaSuper.get")] == [("logout", True)]
    assert [(w.kind, w.clear) for w in found.writes("app.views.ViaSelf.get")] == [("logout", True)]
    assert found.writes("app.views.OwnPost.get") == ()
    assert [w.kind for w in found.writes("app.views.OtherLibrary.get")] == ["unknown"]


def test_a_queued_celery_task_is_followed(tmp_path: Path) -> None:
    views = """
        from app.helpers import purge, tally

        def view(request):
            purge.delay(request.GET["id"])

        def later(request):
            purge.apply_async(args=[1])

        def counts(request):
            tally.delay()
    """
    helpers = """
        from celery import shared_task

        @shared_task
        def purge(pk):
            Note.objects.filter(pk=pk).delete()

        @shared_task
        def tally():
            return 1
    """
    found = changes(tmp_path, views, helpers)
    assert [(w.kind, w.via) for w in found.writes("app.views.view")] == [("orm", "purge")]
    assert [(w.kind, w.via) for w in found.writes("app.views.later")] == [("orm", "purge")]
    assert found.writes("app.views.counts") == ()


def test_a_thread_target_and_flask_mail_send_are_followed(tmp_path: Path) -> None:
    views = """
        from threading import Thread

        from app.helpers import mail, send_async, tally

        def view(request):
            Thread(target=send_async, args=[request]).start()

        def counts(request):
            Thread(target=tally).start()
    """
    helpers = """
        from flask_mail import Mail, Message

        mail = Mail()

        def send_async(request):
            mail.send(Message("Hi", recipients=["a@example.com"]))

        def tally():
            return 1
    """
    found = changes(tmp_path, views, helpers)
    assert [(w.kind, w.clear, w.via) for w in found.writes("app.views.view")] == [
        ("mail", True, "send_async"),
        ("unknown", False, ""),
    ]
    assert kinds(found, "counts") == [("unknown", False, False)]


def test_a_drf_serializer_save_runs_the_project_create_and_update(tmp_path: Path) -> None:
    views = """
        from app.helpers import LocaleSerializer, NoteSerializer, ThemeSerializer

        def locale(request):
            LocaleSerializer(data=request.data).save()

        def locale_kept(request):
            serializer = LocaleSerializer(data=request.data)
            serializer.save()

        def theme(request):
            serializer = ThemeSerializer(data=request.data)
            serializer.save()

        def note(request):
            serializer = NoteSerializer(data=request.data)
            serializer.save()
    """
    helpers = """
        from rest_framework import serializers

        class LocaleSerializer(serializers.Serializer):
            def create(self, validated_data):
                request = self.context["request"]
                request.session["lang"] = validated_data["lang"]

            def update(self, instance, validated_data):
                return self.create(validated_data)

        class ThemeSerializer(serializers.Serializer):
            def create(self, validated_data):
                return validated_data

        class NoteSerializer(serializers.ModelSerializer):
            def create(self, validated_data):
                return validated_data
    """
    found = changes(tmp_path, views, helpers)
    assert [(w.kind, w.via) for w in found.writes("app.views.locale_kept")] == [
        ("session", "create"),
        ("session", "create"),
    ]
    assert kinds(found, "theme") == []
    assert kinds(found, "note") == [("orm", True, False)]
    assert [w.kind for w in found.writes("app.views.locale")] == ["orm"]


def test_a_logout_of_a_barred_account_is_not_clear(tmp_path: Path) -> None:
    views = """
        from django.contrib.auth import logout

        def barred(request):
            if not request.user.is_active:
                logout(request)

        def signed_in(request):
            if request.user.is_authenticated:
                logout(request)

        def asked(request):
            if request.GET.get("bye") and request.user.is_banned:
                logout(request)
    """
    found = changes(tmp_path, views)
    assert kinds(found, "barred") == [("logout", False, False)]
    assert kinds(found, "signed_in") == [("logout", True, False)]
    assert kinds(found, "asked") == [("logout", True, False)]


def test_a_logout_of_the_sessions_missing_or_disabled_account_is_not_clear(
    tmp_path: Path,
) -> None:
    views = """
        from flask import request, session

        def stale():
            user = find_user(uid=session["uid"])
            if not user or user.get("disabled", False) is True:
                session.clear()

        def named():
            user = find_user(uid=request.args["uid"])
            if not user:
                session.clear()

        def enabled():
            user = find_user(session.get("user_id"))
            if user.get("enabled"):
                session.clear()
    """
    found = changes(tmp_path, views.replace("session.clear()", "logout()") + LOGOUT)
    assert kinds(found, "stale") == [("logout", False, False)]
    assert kinds(found, "named") == [("logout", True, False)]
    assert kinds(found, "enabled") == [("logout", True, False)]


LOGOUT = """
        def logout():
            session.clear()
"""


def test_an_unknown_project_function_may_write(tmp_path: Path) -> None:
    views = """
        from app.elsewhere import reset_everything

        def view(request):
            reset_everything()
    """
    assert kinds(changes(tmp_path, views), "view") == [("unknown", False, False)]


def test_get_writes_severity_and_confidence(tmp_path: Path) -> None:
    source = """
        from flask import Flask
        from flask_login import logout_user
        from flask_sqlalchemy import SQLAlchemy

        app = Flask(__name__)
        db = SQLAlchemy(app)

        def forget(note):
            db.session.delete(note)

        @app.route("/logout")
        def logout():
            logout_user()
            return "bye"

        @app.route("/forget/<int:pk>")
        def forget_note(pk):
            forget(pk)
            return "gone"

        @app.route("/drop/<int:pk>")
        def drop(pk):
            db.session.delete(pk)
            return "gone"
    """
    (tmp_path / "app.py").write_text(textwrap.dedent(source))
    found = {f.message.split("`")[1]: f for f in audit([tmp_path], tmp_path, ["WW680"])}
    assert (found["logout"].severity, found["logout"].confidence) == (Severity.LOW, Confidence.HIGH)
    assert found["forget_note"].confidence is Confidence.LOW
    assert (found["drop"].severity, found["drop"].confidence) == (Severity.MEDIUM, Confidence.HIGH)


def test_a_model_method_of_a_loaded_row_is_followed(tmp_path: Path) -> None:
    views = """
        from django.shortcuts import get_object_or_404
        from app.helpers import Ticket

        def shortcut(request, pk):
            ticket = get_object_or_404(Ticket, pk=pk)
            ticket.close()

        def manager(request, pk):
            Ticket.objects.filter(pk=pk).first().close()

        def placeholder(request, pk):
            Ticket.objects.get(pk=pk).escalate()

        def overridden_save(request, pk):
            ticket = Ticket.objects.get(pk=pk)
            ticket.save()
    """
    helpers = """
        from django.db import models

        class Ticket(models.Model):
            def save(self, *args, **kwargs):
                super().save(*args, **kwargs)
                Log.objects.create(ticket=self)

            def close(self):
                self.closed = True
                self.save()

            def escalate(self):
                return None
    """
    found = changes(tmp_path, views, helpers)
    for name in ("shortcut", "manager"):
        writes = found.writes(f"app.views.{name}")
        assert [(w.kind, w.clear, w.what, w.via) for w in writes] == [
            ("orm", True, "`self.save()`", "close")
        ], name
    assert found.writes("app.views.placeholder") == ()
    saved = found.writes("app.views.overridden_save")
    assert [(w.kind, w.clear, w.what, w.via) for w in saved] == [
        ("orm", True, "`ticket.save()`", "")
    ]


_SIGNED_IN_VIEWS = """
    from flask_login import current_user
    from app.helpers import db

    def follow(user):
        current_user.follow(user)
        db.session.commit()

    def peek(user):
        return current_user.is_following(user)

    def either(user):
        current_user.forget(user)
"""


@pytest.mark.parametrize(
    ("helpers", "view", "expected"),
    [
        pytest.param(
            """
            from flask_login import AnonymousUserMixin, UserMixin
            from flask_sqlalchemy import SQLAlchemy

            db = SQLAlchemy()

            class User(UserMixin, db.Model):
                def follow(self, user):
                    db.session.add(Follow(follower=self, followed=user))

                def is_following(self, user):
                    return Follow.query.filter_by(followed=user).first() is not None

                def forget(self, user):
                    db.session.delete(user)

            class Anonymous(AnonymousUserMixin):
                def forget(self, user):
                    return None

            class Tag(db.Model):
                def follow(self, user):
                    return None
            """,
            "follow",
            [("sqlalchemy", True, "follow")],
            id="user-mixin-class-method",
        ),
        pytest.param(
            """
            from flask_sqlalchemy import SQLAlchemy

            db = SQLAlchemy()

            class Account(db.Model):
                def follow(self, user):
                    db.session.add(Follow(follower=self, followed=user))
            """,
            "follow",
            [("sqlalchemy", True, "follow")],
            id="only-class-defining-it",
        ),
    ],
)
def test_a_method_of_the_signed_in_user_is_followed(
    tmp_path: Path, helpers: str, view: str, expected: list[tuple[str, bool, str]]
) -> None:
    found = changes(tmp_path, _SIGNED_IN_VIEWS, helpers)
    writes = found.writes(f"app.views.{view}")
    assert [(w.kind, w.clear, w.via) for w in writes][:1] == expected


def test_a_signed_in_user_method_two_user_classes_define_is_not_chosen(tmp_path: Path) -> None:
    helpers = """
        from flask_login import AnonymousUserMixin, UserMixin
        from flask_sqlalchemy import SQLAlchemy

        db = SQLAlchemy()

        class User(UserMixin, db.Model):
            def is_following(self, user):
                return Follow.query.filter_by(followed=user).first() is not None

            def forget(self, user):
                db.session.delete(user)

        class Anonymous(AnonymousUserMixin):
            def forget(self, user):
                return None
    """
    found = changes(tmp_path, _SIGNED_IN_VIEWS, helpers)
    assert found.writes("app.views.peek") == ()
    assert [w.via for w in found.writes("app.views.either")] != ["forget"]


def test_self_save_writes_only_in_a_model(tmp_path: Path) -> None:
    helpers = """
        from django.db import models

        class Ticket(models.Model):
            def close(self):
                self.save()

        class Exporter:
            def run(self):
                self.save()
    """
    found = changes(tmp_path, "", helpers)
    assert [(w.kind, w.clear) for w in found.writes("app.helpers.Ticket.close")] == [("orm", True)]
    assert [(w.kind, w.clear) for w in found.writes("app.helpers.Exporter.run")] == [
        ("unknown", False)
    ]


def test_writes_through_the_requesting_user_are_its_own_account(tmp_path: Path) -> None:
    source = """
        from app.models import Note

        def profile(request):
            request.user.profile.save()
            request.user.groups.add(1)

        class Affirm:
            def post(self, request):
                self.request.user.membership.save()
                Note.objects.create(text="x")
    """
    found = changes(tmp_path, source)
    own = [(w.kind, w.own_account) for w in found.writes("app.views.profile")]
    assert own == [("orm", True), ("orm", True)]
    own = [(w.kind, w.own_account) for w in found.writes("app.views.Affirm.post")]
    assert own == [("orm", True), ("orm", False)]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("return None\n    Note.objects.all().delete()", id="after-return"),
        pytest.param(
            "if note:\n        raise ValueError\n        os.remove('f')", id="after-raise"
        ),
        pytest.param(
            "handle, path = tempfile.mkstemp()\n    os.remove(path)", id="unpacked-temporary-file"
        ),
        pytest.param(
            "path = os.path.join('/srv/exports', note)\n"
            "    with zipfile.ZipFile(path, 'w') as z:\n        z.writestr('a', 'b')\n"
            "    os.remove(path)",
            id="archive-made-then-removed",
        ),
    ],
)
def test_writes_that_never_happen(tmp_path: Path, body: str) -> None:
    source = """
        import os
        import tempfile
        import zipfile
        from app.models import Note

        def view(request, note):
    """
    source = textwrap.dedent(source) + "    " + body + "\n"
    assert kinds(changes(tmp_path, source), "view") == []


def test_removing_what_the_try_failed_to_handle_is_no_write(tmp_path: Path) -> None:
    source = """
        import os
        from app.models import Note
        from app.thumbs import thumbnail, fetch

        def icon(request, note):
            try:
                return thumbnail(note.icon)
            except AttributeError:
                note.icon.delete()
                raise

        def cover(request, path):
            try:
                return thumbnail(path)
            except OSError:
                os.remove(path)

        def refresh(request, note):
            try:
                fetch(note.isbn)
            except OSError:
                note.delete()

        def mixed(request, note):
            try:
                return thumbnail(note.icon)
            except AttributeError:
                note.icon.delete()
                Note.objects.create(text="broken")
    """
    found = changes(tmp_path, source)
    assert kinds(found, "icon") == []
    assert kinds(found, "cover") == []
    assert kinds(found, "refresh") == [("orm", True, False)]
    assert len(kinds(found, "mixed")) == 2


def test_rolling_back_decorator_undoes_the_writes(tmp_path: Path) -> None:
    views = """
        from app.helpers import commits, no_commit
        from app.models import Note

        @no_commit
        def preview(request):
            Note.objects.create(text="x")

        @commits
        def change(request):
            Note.objects.create(text="x")
    """
    helpers = """
        from django.db import transaction

        def no_commit(func):
            def wrapper(*args, **kwargs):
                try:
                    with transaction.atomic():
                        result = func(*args, **kwargs)
                        raise RuntimeError()
                except RuntimeError:
                    return result
            return wrapper

        def commits(func):
            def wrapper(*args, **kwargs):
                func(*args, **kwargs)
                with transaction.atomic():
                    result = func(*args, **kwargs)
                    raise RuntimeError()
            return wrapper
    """
    found = changes(tmp_path, views, helpers)
    assert kinds(found, "preview") == []
    assert kinds(found, "change") == [("orm", True, False)]


@pytest.mark.parametrize(
    ("test", "gated"),
    [
        pytest.param("not request.form.get('confirm')", True, id="form-field-read-by-get"),
        pytest.param("not request.files.get('upload')", True, id="upload-read-by-get"),
        pytest.param("'confirm' not in request.form", True, id="form-field-membership"),
        pytest.param("not request.args.get('confirm')", False, id="query-field-a-link-sends"),
        pytest.param("not request.headers.get('X-Token')", False, id="header"),
    ],
)
def test_a_flask_view_leaving_without_a_submitted_field(
    tmp_path: Path, test: str, gated: bool
) -> None:
    source = f"""
        from flask import request
        from app.models import Note

        def view():
            if {test}:
                return None
            Note.objects.filter(pk=1).delete()
    """
    assert kinds(changes(tmp_path, source), "view") == [("orm", True, gated)]


_SIGNALLED = """
    from django.db import models
    from django.dispatch import Signal, receiver

    posted = Signal()
    logged = Signal()


    class EntryManager(models.Manager):
        def store(self, text):
            self.model(text=text).save()

        def create(self, **fields):
            return super().create(**fields)


    class EntryQuerySet(models.QuerySet):
        def tidy(self):
            self.filter(text="").delete()


    class Entry(models.Model):
        objects = EntryManager()
        entries = EntryQuerySet.as_manager()


    @receiver(posted)
    def keep(sender, text, **kwargs):
        Entry.objects.store(text)


    def note(sender, **kwargs):
        print(sender)


    logged.connect(note)
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "posted.send(sender=None, text='x')",
            [("orm", True, False), ("unknown", False, False)],
            id="receiver-writes",
        ),
        pytest.param("logged.send(sender=None)", [("unknown", False, False)], id="receiver-reads"),
        pytest.param("Entry.objects.store('x')", [("orm", True, False)], id="manager-method"),
        pytest.param("Entry.objects.create(text='x')", [("orm", True, False)], id="manager-create"),
        pytest.param("Entry.entries.tidy()", [("orm", True, False)], id="queryset-as-manager"),
    ],
)
def test_signal_receivers_and_manager_methods_are_followed(
    tmp_path: Path, body: str, expected: list[tuple[str, bool, bool]]
) -> None:
    source = textwrap.dedent(_SIGNALLED) + f"\n\ndef view(request):\n    {body}\n"
    assert kinds(changes(tmp_path, source), "view") == expected


@pytest.mark.parametrize(
    ("qualname", "expected"),
    [
        pytest.param("crm.audit.models.Entry", True, id="audit-module"),
        pytest.param("forum.models.analytics.Event", True, id="analytics-event"),
        pytest.param("forum.analytics.Subscription", False, id="analytics-other-row"),
        pytest.param("crm.models.WorkLog", False, id="work-log"),
        pytest.param("logs.models.DebugLog", True, id="debug-log"),
        pytest.param("core.models.ErrorLog", True, id="error-log"),
        pytest.param("crm.models.ErrorReport", False, id="error-without-log"),
    ],
)
def test_audit_log_models(qualname: str, expected: bool) -> None:
    assert audit_log_model(qualname) is expected


_CLASS_METHODS = """
from django.db import models


class DebugLog(models.Model):
    @classmethod
    def error(cls, message):
        cls.objects.create(message=message)

    @classmethod
    def record(cls, message):
        entry = cls(message=message)
        entry.save()


class Note(models.Model):
    @classmethod
    def purge(cls):
        cls.objects.create(text="x")
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("DebugLog.error('x')", [("orm", False, False)], id="log-created-through-cls"),
        pytest.param("DebugLog.record('x')", [("orm", False, False)], id="log-made-from-cls"),
        pytest.param("Note.purge()", [("orm", True, False)], id="other-model-through-cls"),
    ],
)
def test_class_method_rows_of_a_log(
    tmp_path: Path, body: str, expected: list[tuple[str, bool, bool]]
) -> None:
    source = textwrap.dedent(_CLASS_METHODS) + f"\n\ndef view(request):\n    {body}\n"
    assert kinds(changes(tmp_path, source), "view") == expected


_ACTION_ROWS = """
from django.db import models
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class GenericReference:
    object_type = db.Column(db.String(255))
    object_id = db.Column(db.Integer)


class Event(GenericReference, db.Model):
    action = db.Column(db.String(255))

    @classmethod
    def record(cls, action):
        event = cls(action=action)
        db.session.add(event)


class Favorite(GenericReference, db.Model):
    user_id = db.Column(db.Integer)


class Entry(models.Model):
    action_flag = models.PositiveSmallIntegerField()
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.TextField()
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("Event.record('view')", [("sqlalchemy", False, False)], id="made-from-cls"),
        pytest.param(
            "db.session.add(Event(action='view'))",
            [("sqlalchemy", False, False)],
            id="made-in-place",
        ),
        pytest.param(
            "db.session.add(Favorite(object_id=1))",
            [("sqlalchemy", True, False)],
            id="reference-without-action",
        ),
        pytest.param(
            "Entry.objects.create(action_flag=1)", [("orm", False, False)], id="django-entry"
        ),
        pytest.param(
            "rows = [Event(action='a')]\n    db.session.add(rows)",
            [("sqlalchemy", True, False)],
            id="not-one-row",
        ),
    ],
)
def test_rows_shaped_as_an_activity_log_record_the_request(
    tmp_path: Path, body: str, expected: list[tuple[str, bool, bool]]
) -> None:
    source = textwrap.dedent(_ACTION_ROWS) + f"\n\ndef view(request):\n    {body}\n"
    assert kinds(changes(tmp_path, source), "view") == expected


_TRAILS = """
from django.db import models


class UserTrail(models.Model):
    name = models.CharField(max_length=100)
    action = models.CharField(max_length=100)


class Trail(models.Model):
    name = models.CharField(max_length=100)
    length = models.IntegerField()
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "row = UserTrail(name='a', action='opened')\n    row.save()",
            [("orm", False, False)],
            id="trail-keeping-actions",
        ),
        pytest.param(
            "Trail.objects.create(name='ridge', length=4)",
            [("orm", True, False)],
            id="trail-without-actions",
        ),
    ],
)
def test_rows_of_an_action_trail_record_the_request(
    tmp_path: Path, body: str, expected: list[tuple[str, bool, bool]]
) -> None:
    source = textwrap.dedent(_TRAILS) + f"\n\ndef view(request):\n    {body}\n"
    assert kinds(changes(tmp_path, source), "view") == expected


@pytest.mark.parametrize(
    ("qualname", "expected"),
    [
        pytest.param("media.models.FileDownload", True, id="download"),
        pytest.param("stats.models.DashboardVisit", True, id="dashboard-visit"),
        pytest.param("stats.models.AidViewEvent", True, id="view-event"),
        pytest.param("stats.models.ViewEvents", True, id="view-events"),
        pytest.param("care.models.HomeVisit", False, id="visit-of-a-home"),
        pytest.param("events.models.VisitEventRegistration", False, id="event-registration"),
        pytest.param("events.models.ClickEvent", False, id="click-event"),
    ],
)
def test_access_record_models(qualname: str, expected: bool) -> None:
    assert access_record_model(qualname) is expected


def test_a_project_helper_only_returning_the_time_reads_the_clock(tmp_path: Path) -> None:
    views = """
        from app.helpers import stamped_now, time_utcnow
        from app.models import Token

        def used(request, pk):
            token = Token.objects.get(pk=pk)
            token.last_used_at = time_utcnow()
            token.save()

        def stamped(request, pk):
            token = Token.objects.get(pk=pk)
            token.last_used_at = stamped_now()
            token.save()
    """
    helpers = '''
        from datetime import datetime, timezone

        from app.models import Stamp

        def time_utcnow():
            """The current time."""
            return datetime.now(timezone.utc)

        def stamped_now():
            Stamp.objects.create()
            return datetime.now(timezone.utc)
    '''
    found = changes(tmp_path, views, helpers)
    assert [w.clear for w in found.writes("app.views.used")] == [False]
    assert [w.clear for w in found.writes("app.views.stamped")][:1] == [True]


_MONGO_MODULE = """
    from django.core.cache import cache
    from pymongo import MongoClient
    from flask_pymongo import PyMongo

    client = MongoClient()
    db = client.shop
    orders = db["orders"]
    mongo = PyMongo()

    class Store:
        def __init__(self):
            self.users = MongoClient()["app"].users

        def reset(self, name):
            self.users.update({"name": name}, {"$set": {"visits": 0}})

    def view(frame, data):
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("orders.delete_many({})", [("document", True, False)], id="delete-many"),
        pytest.param("frame.insert_one({})", [("document", True, False)], id="unambiguous-name"),
        pytest.param("db.orders.drop()", [("document", True, False)], id="drop-global"),
        pytest.param("mongo.db.items.insert({})", [("document", True, False)], id="flask-pymongo"),
        pytest.param(
            "coll = MongoClient()['x']['y']\n    coll.remove({})",
            [("document", True, False)],
            id="legacy-remove-local",
        ),
        pytest.param(
            "coll = db.get_collection('z')\n    coll.update({}, {'$set': {'a': 1}})",
            [("document", True, False)],
            id="legacy-update-local",
        ),
        pytest.param(
            "orders.aggregate([{'$match': {}}, {'$out': 'copy'}])",
            [("document", True, False)],
            id="aggregate-out",
        ),
        pytest.param(
            "list(orders.find({'a': 1}))\n    db.orders.count_documents({})\n"
            "    orders.aggregate([{'$match': {'a': 1}}])\n    orders.find_one({})",
            [],
            id="reads",
        ),
        pytest.param("cache.delete_many(['a', 'b'])", [], id="cache-delete-many"),
        pytest.param(
            "frame.drop(columns=['a'])\n    data.update(a=1)",
            [("unknown", False, False)],
            id="drop-of-unknown-object",
        ),
    ],
)
def test_pymongo_writes(tmp_path: Path, body: str, expected: list[tuple[str, bool, bool]]) -> None:
    source = textwrap.dedent(_MONGO_MODULE) + "    " + body + "\n"
    assert kinds(changes(tmp_path, source), "view") == expected


def test_a_collection_an_init_keeps_is_known(tmp_path: Path) -> None:
    found = changes(tmp_path, _MONGO_MODULE + "        pass\n")
    writes = found.writes("app.views.Store.reset")
    assert [(w.kind, w.clear) for w in writes] == [("document", True)]


_MONGOENGINE_MODELS = """
    from mongoengine import Document, StringField

    class Note(Document):
        title = StringField()

        def archive(self):
            self.archived = True
            self.save()

        def retitle(self, title):
            self.update(set__title=title)
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "note = Note.objects.get(id=pk)\n    note.update(set__title='x')",
            [("orm", True, False)],
            id="document-update",
        ),
        pytest.param(
            "note = Note.objects(id=pk).first()\n    note.modify(set__title='x')",
            [("orm", True, False)],
            id="document-modify",
        ),
        pytest.param("Note.objects(id=pk).delete()", [("orm", True, False)], id="queryset-delete"),
        pytest.param(
            "Note.objects(id=pk).update(set__title='x')",
            [("orm", True, False)],
            id="queryset-update",
        ),
        pytest.param(
            "Note.objects.get(id=pk).archive()", [("orm", True, False)], id="own-method-saves"
        ),
        pytest.param(
            "note = Note.objects.get(id=pk)\n    note.retitle('x')",
            [("orm", True, False)],
            id="own-method-updates",
        ),
        pytest.param(
            "notes = {}\n    notes.update(a=1)\n    Note.objects(id=pk).first()", [], id="reads"
        ),
    ],
)
def test_mongoengine_writes(
    tmp_path: Path, body: str, expected: list[tuple[str, bool, bool]]
) -> None:
    source = "from app.helpers import Note\n\ndef view(pk):\n    " + body + "\n"
    found = changes(tmp_path, source, _MONGOENGINE_MODELS)
    assert kinds(found, "view") == expected


def test_functions_a_table_picks_are_followed(tmp_path: Path) -> None:
    views = """
        from app.helpers import forget, show

        ACTIONS = {"show": show, "forget": forget}
        READS = [show]
        GROWN = {"show": show}
        GROWN["forget"] = forget

        def picked(request):
            return ACTIONS[request.GET["cmd"]](request)

        def picked_when_posted(request):
            return ACTIONS[request.POST["cmd"]](request)

        def reads_only(request):
            return READS[0](request)

        def changed_table(request):
            return GROWN[request.GET["cmd"]](request)

        class Page:
            def get(self, request):
                return getattr(self, "do_" + request.GET["op"])(request)

            def do_clear(self, request):
                return forget(request)
    """
    helpers = """
        from app.models import Note

        def forget(request):
            Note.objects.filter(owner=request.user).delete()

        def show(request):
            return Note.objects.filter(owner=request.user).count()
    """
    found = changes(tmp_path, views, helpers)
    for name in ("picked", "Page.get"):
        writes = found.writes(f"app.views.{name}")
        assert [(w.kind, w.gated, w.via) for w in writes] == [("orm", False, "forget")], name
    posted = found.writes("app.views.picked_when_posted")
    assert [(w.kind, w.gated) for w in posted] == [("orm", True)]
    assert found.writes("app.views.reads_only") == ()
    assert all(w.kind == "unknown" for w in found.writes("app.views.changed_table"))
