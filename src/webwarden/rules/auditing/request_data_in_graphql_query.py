"""WW1119: request data in the text of a GraphQL document."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInGraphqlQuery(TaintRule):
    """## What it does
    Follows request data into the text of a GraphQL document the server runs or sends:
    a schema's own `execute` (graphene's `Schema.execute`, also `execute_async`,
    strawberry's `execute_sync`), graphql-core's `graphql_sync(schema, source)`,
    `graphql()` and `parse()`, and the `gql()` of the `gql` client library. A value
    converted to a number or encoded with `json.dumps` (a complete string literal) is
    safe. So is the whole document a client sent, handed to the server's own parser or
    schema as it came (`parse(data["query"])`, `schema.execute(body["query"])`): that is
    what a GraphQL endpoint does, and the schema validates it; the `gql` client's, which
    the application sends on with its own credentials, is still reported.

    ## Why is this bad?
    A GraphQL document is code for the schema: a value written into it can close the
    argument list and add fields, aliases or whole queries of its own. `lat` set to
    `0, longitude: 0) { edges { node { id } } } users(first: 100`, say, asks for what
    the page never meant to show. A schema run by the server itself skips the checks
    the public endpoint makes (an API key, query-cost limits), and a client sends the
    document with the application's credentials (GraphQL injection).

    ## Example
    ```python
    from django.http import JsonResponse
    from myapp.schema import schema

    QUERY = "{ people(latitude: %s, longitude: %s) { edges { node { name } } } }"

    def nearby(request):
        found = schema.execute(QUERY % (request.GET["lat"], request.GET["lon"]))
        return JsonResponse(found.data)
    ```

    ## Fix
    ```python
    from django.http import JsonResponse
    from myapp.schema import schema

    QUERY = "query ($lat: Float!, $lon: Float!) { people(latitude: $lat, longitude: $lon) { edges { node { name } } } }"

    def nearby(request):
        values = {"lat": float(request.GET["lat"]), "lon": float(request.GET["lon"])}
        found = schema.execute(QUERY, variables=values)
        return JsonResponse(found.data)
    ```
    Keep the document constant and pass what the client sent as variables
    (`variables=`, `variable_values=`): the schema types and checks them.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-943: Improper Neutralization of Special Elements in Data Query Logic](https://cwe.mitre.org/data/definitions/943.html)
    - [GraphQL: variables](https://graphql.org/learn/queries/#variables)
    - [OWASP: GraphQL Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/GraphQL_Cheat_Sheet.html)
    """

    code = "WW1119"
    name = "request-data-in-graphql-query"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 943
    message = "{source} reaches the GraphQL document of `{sink}`"
    fix = "keep the document constant and pass request values as GraphQL variables"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
