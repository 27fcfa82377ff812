"""Flask-Security-Too with SQLAlchemy: login, roles and its own CSRF-checked forms."""

import os

from flask import Flask, render_template_string
from flask_security import (
    RoleMixin,
    Security,
    SQLAlchemyUserDatastore,
    UserMixin,
    auth_required,
    roles_required,
)
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config.from_object("settings.Settings")
db = SQLAlchemy(app)

roles_users = db.Table(
    "roles_users",
    db.Column("user_id", db.Integer(), db.ForeignKey("user.id")),
    db.Column("role_id", db.Integer(), db.ForeignKey("role.id")),
)


class Role(db.Model, RoleMixin):
    id = db.Column(db.Integer(), primary_key=True)
    name = db.Column(db.String(80), unique=True)


class User(db.Model, UserMixin):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), unique=True)
    password = db.Column(db.String(255))
    active = db.Column(db.Boolean())
    fs_uniquifier = db.Column(db.String(64), unique=True, nullable=False)
    roles = db.relationship("Role", secondary=roles_users, backref="users")


user_datastore = SQLAlchemyUserDatastore(db, User, Role)
security = Security(app, user_datastore)


@app.route("/")
@auth_required()
def home():
    return render_template_string("Hello {{ current_user.email }}")


@app.route("/admin/purge", methods=["POST"])
@roles_required("admin")
def purge():
    return render_template_string("purged")
