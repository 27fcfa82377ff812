"""Connexion's routes from OpenAPI and Swagger 2 specifications."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.model.flask.model_helpers import flask_model
from webwarden.model.flask.openapi import operations

SWAGGER = textwrap.dedent(
    """\
    swagger: "2.0"
    basePath: /v2
    parameters:
      Limit:
        name: limit
        in: query
        type: integer
    paths:
      /pets/{pet_id}/photos/{name}:
        parameters:
          - name: pet_id
            in: path
            type: integer
          - name: name
            in: path
            type: string
        post:
          x-openapi-router-controller: shop.pets
          operationId: upload
          parameters:
            - $ref: "#/parameters/Limit"
            - name: caption
              in: formData
              type: string
            - name: meta
              in: body
              schema:
                type: object
      /health:
        get:
          responses: {}
    """
)


def test_a_swagger_2_specification_gives_rules_views_and_arguments() -> None:
    (operation,) = operations(SWAGGER, None)
    assert operation.rule == "/v2/pets/<int:pet_id>/photos/<name>"
    assert operation.method == "POST"
    assert operation.view == "shop.pets.upload"
    assert (operation.line, operation.column) == (19, 20)
    assert dict(operation.arguments) == {
        "limit": False,
        "caption": True,
        "meta": True,
        "body": True,
    }


def test_add_api_base_path_replaces_the_specifications() -> None:
    (operation,) = operations(SWAGGER, "/api/")
    assert operation.rule == "/api/pets/<int:pet_id>/photos/<name>"


def test_openapi_3_servers_form_bodies_and_body_names() -> None:
    text = textwrap.dedent(
        """\
        openapi: 3.0.0
        servers:
          - url: "https://api.example.com/v1/"
        paths:
          /notes:
            post:
              operationId: notes.create
              x-body-name: note
              requestBody:
                content:
                  application/x-www-form-urlencoded:
                    schema:
                      properties:
                        title: {type: string}
                        stars: {type: integer}
        """
    )
    (operation,) = operations(text, None)
    assert operation.rule == "/v1/notes"
    assert dict(operation.arguments) == {"note": True, "title": True, "stars": False}


def test_text_that_is_no_specification_gives_no_operations() -> None:
    assert operations("operationId: [unclosed", None) == []
    assert operations("paths:\n  /a:\n    get:\n      operationId: x.y\n", None) == []
    assert operations('{"openapi": "3.0.0", "paths": []}', None) == []
    assert operations("openapi: 3.0.0\n", None) == []


def test_a_connexion_app_routes_its_specification(tmp_path: Path) -> None:
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "api.yaml").write_text(SWAGGER, encoding="utf-8")
    (tmp_path / "server.py").write_text(
        "import connexion\n"
        "cx = connexion.App(__name__, specification_dir='spec/')\n"
        "cx.add_api('api.yaml', base_path='/api')\n",
        encoding="utf-8",
    )
    model = flask_model(tmp_path)
    (app,) = model.apps
    (route,) = [r for r in app.routes if r.view == "shop.pets.upload"]
    assert route.rule == "/api/pets/<int:pet_id>/photos/<name>"
    assert route.methods == {"POST", "OPTIONS"}
    assert (route.location.path, route.location.line) == ("spec/api.yaml", 19)
    assert route.through_api
    assert ("caption", True) in route.arguments


def test_pythonic_parameter_names_are_passed_too() -> None:
    text = textwrap.dedent(
        """\
        openapi: 3.0.0
        paths:
          /pets/{petId}:
            get:
              operationId: controllers.pet_controller.get_pet_by_id
              parameters:
                - {name: petId, in: path, schema: {type: integer}}
                - {name: id, in: query, schema: {type: string}}
                - {name: X-Trace, in: header, schema: {type: string}}
        """
    )
    (operation,) = operations(text, None)
    assert operation.rule == "/pets/<int:petId>"
    assert dict(operation.arguments) == {
        "pet_id": False,
        "id": True,
        "id_": True,
        "XTrace": True,
        "x_trace": True,
    }


RESTY = textwrap.dedent(
    """\
    openapi: 3.0.0
    paths:
      /pets:
        get: {}
        post: {}
      /pets/{id}:
        get: {}
        put: {operationId: shop.pets.replace}
      /pet-owners/:
        get: {}
      /:
        get: {x-openapi-router-controller: shop.home}
    """
)


def test_resty_resolver_names_views_by_path_and_method() -> None:
    views = {(o.method, o.rule): o.view for o in operations(RESTY, None, ("api", "search"))}
    assert views == {
        ("GET", "/pets"): "api.pets.search",
        ("POST", "/pets"): "api.pets.post",
        ("GET", "/pets/<id>"): "api.pets.get",
        ("PUT", "/pets/<id>"): "shop.pets.replace",
        ("GET", "/pet-owners/"): "api.pet_owners.search",
        ("GET", "/"): "shop.home.get",
    }
    assert [o.view for o in operations(RESTY, None)] == ["shop.pets.replace"]


def test_a_resty_resolver_of_the_app_or_of_add_api_is_followed(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(RESTY, encoding="utf-8")
    (tmp_path / "server.py").write_text(
        "import connexion\n"
        "from connexion.resolver import RestyResolver\n"
        "cx = connexion.App(__name__, resolver=RestyResolver('views'))\n"
        "cx.add_api('api.yaml')\n"
        "cx.add_api('api.yaml', base_path='/v2', resolver=RestyResolver('v2', collection_endpoint_name='index'))\n",
        encoding="utf-8",
    )
    (app,) = flask_model(tmp_path).apps
    routed = {(r.rule, r.view) for r in app.routes if r.through_api}
    assert {("/pets", "views.pets.search"), ("/v2/pets", "v2.pets.index")} <= routed
