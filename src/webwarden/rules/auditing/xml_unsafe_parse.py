"""WW1124: XML from outside parsed with a parser open to entity attacks."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.auditing._test_responses import from_test_client
from webwarden.rules.auditing._xml_documents import (
    cannot_declare_entities,
    imported_from,
    installed_library,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_ETREE = ("xml.etree.ElementTree", "xml.etree.cElementTree")
STDLIB_PARSERS = frozenset(
    {
        *(
            f"{m}.{f}"
            for m in _ETREE
            for f in ("parse", "iterparse", "fromstring", "XML", "fromstringlist")
        ),
        "xml.dom.minidom.parse",
        "xml.dom.minidom.parseString",
        "xml.dom.pulldom.parse",
        "xml.dom.pulldom.parseString",
        "xml.sax.parse",
        "xml.sax.parseString",
        "xml.dom.expatbuilder.parse",
        "xml.dom.expatbuilder.parseString",
    }
)
LXML_PARSERS = frozenset(
    {
        *(f"lxml.etree.{f}" for f in ("parse", "fromstring", "XML", "iterparse")),
        # NOTE: objectify parses with its own default parser, `makeparser()`, an
        # `XMLParser` with lxml's default entity handling.
        *(f"lxml.objectify.{f}" for f in ("parse", "fromstring", "XML")),
    }
)
_LXML_PARSER_MAKERS = frozenset({"lxml.etree.XMLParser", "lxml.objectify.makeparser"})
_LXML_DEFAULT = "lxml-default-parser"
"""Tag of a finding on lxml's default parser: founded only where lxml < 5.0 is installed."""
_IMPORTED_FROM = "xml-document-imported-from:"
"""Tag prefix naming the module the parsed document (a name it exports) comes from."""
_LXML_SAFE_DEFAULT = "5.0"
"""The first lxml release whose default parser resolves no external entity."""


class XmlUnsafeParse(PythonRule):
    """## What it does
    Finds XML parsed with the standard library parsers (`xml.etree`, `xml.dom.minidom`,
    `xml.sax`, `xml.dom.pulldom`) or with `lxml` (`lxml.etree`, `lxml.objectify`) without
    a hardened parser, when the document is not a constant. A SAX (or pulldom) parser
    told to load external entities (`parser.setFeature(feature_external_ges, True)`,
    or the parameter-entity feature) and an lxml `XMLParser(resolve_entities=True)` are
    reported at high severity where they are made, whatever they later parse.

    ## Why is this bad?
    XML has entity definitions. Crafted documents expand a few bytes into gigabytes
    ("billion laughs", quadratic blowup: denial of service), and where external entities
    are resolved they read local files or reach internal hosts (XXE, SSRF). The standard
    library's parsers resolve no external entity unless told to (`xml.etree` raises
    `ParseError` at one, `minidom` leaves it out, SAX and pulldom stopped loading
    them in Python 3.7.1), but expand internal ones as far as the Expat they were built
    with allows (Expat 2.4.1 and later limit the expansion); lxml's default parser
    resolved external ones before 5.0. `defusedxml` refuses all of it everywhere.

    ## Known problems
    The rule names one CWE for all its findings, CWE-611 (external entities): the
    weakness of a SAX parser told to load external entities, of
    `XMLParser(resolve_entities=True)` and of lxml's default parser before 5.0. A parse
    with the standard library's `xml.etree`, `minidom`, SAX or pulldom parsers, which
    resolve none, is open to entity expansion alone: CWE-776, listed in the references.

    lxml resolved external entities with its default parser before 5.0 (December 2023);
    since then it resolves internal ones only. A parse with lxml's default parser is
    reported at low confidence: it is an XXE only where an older lxml is installed. It
    is not reported where the application's requirement files (`requirements*.txt`,
    `pyproject.toml` dependencies, beside the nearest project marker, and the `.txt`
    files of its `requirements/` folder; when none of them names lxml, those of the
    nearest folder above that do, as the repository's for an app in `src/`) allow no lxml
    older than 5.0 (`lxml==6.1.1`, `lxml>=5.2`), or a lock file beside them (`uv.lock`,
    `poetry.lock`, `pdm.lock`, `Pipfile.lock`) pins such a release for an lxml they leave
    open (`lxml` in `pyproject.toml`) or do not name (a dependency's dependency). The XML
    libvirt writes to describe a virtual machine, network or snapshot (`dom.XMLDesc(0)`, `snapshot.getXMLDesc()`) is not reported either: the
    hypervisor makes it, not someone outside the program. Nor is a document that can
    declare no entity: text the code starts with a constant root start tag (`"<files>" +
    rendered + "</files>"`: a document type declaration may come only before the root
    element), or a file shipped with the program (`open(os.path.join(os.path.dirname(
    __file__), "schema.xsd"))`, or a package's data file named by a constant:
    `pkg_resources.resource_stream("app", "schema/job.rng")`, `pkgutil.get_data(__name__,
    "feed.xml")`, `importlib.resources.files("app").joinpath("a.xml")`), or a name imported from an installed library, none of
    the project's files or folders (`from cwe2.mappings import xml_database_path`: the
    path of a data file the library ships, which its own code fixed), nor the body of a response a test client got from the
    application under test (`ET.fromstring(self.client.get(url).content)`, the
    response of Django's, DRF's or Flask's test client): the program's own output. In
    a module of shell commands (a Django management command, a Click command, a
    script), which an operator runs on the document they name and no request reaches,
    a standard library parse is reported at low severity: it resolves no external
    entity, so a crafted document can only stall the command; lxml's default parser
    keeps its level.

    ## Example
    ```python
    import xml.etree.ElementTree as ET

    def import_feed(upload):
        return ET.fromstring(upload.read())
    ```

    ## Fix
    ```python
    import defusedxml.ElementTree as ET

    def import_feed(upload):
        return ET.fromstring(upload.read())
    ```
    Use `defusedxml`'s drop-in modules; with lxml, pass
    `lxml.etree.XMLParser(resolve_entities=False, no_network=True)`.

    ## References
    - [CWE-611: XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)
    - [CWE-776: XML Entity Expansion](https://cwe.mitre.org/data/definitions/776.html)
    - [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)
    - [defusedxml](https://pypi.org/project/defusedxml/)
    """

    code = "WW1124"
    name = "xml-unsafe-parse"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 611
    message = "`{call}` parses XML {what} without protection against entity attacks"
    fix = "use the `defusedxml` equivalent, or an lxml parser with `resolve_entities=False`"
    bandit = ("B313", "B314", "B315", "B316", "B317", "B318", "B319", "B320", "B411")
    ruff = ("S313", "S314", "S315", "S316", "S317", "S318", "S319", "S320")
    calls = STDLIB_PARSERS | LXML_PARSERS | {"lxml.etree.XMLParser", ".setFeature"}

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name in STDLIB_PARSERS:
            document = ctx.argument(node, 0)
            if document is None or ctx.is_constant(document) or _custom_parser(ctx, node):
                return
            if _hypervisor_description(ctx, document) or cannot_declare_entities(ctx, document):
                return
            if from_test_client(ctx, document):
                return
            if ctx.is_command_module:
                # NOTE: no external entity is resolved; expansion stalls only the command.
                finding = self.finding(
                    ctx, node, severity=Severity.LOW, call=name, what=_COMMAND_INPUT
                )
            else:
                finding = self.finding(ctx, node, call=name, what="from outside the program")
            yield _tag_origin(ctx, finding, document)
        elif name in LXML_PARSERS:
            document = ctx.argument(node, 0)
            if document is None or ctx.is_constant(document) or not _default_parser(ctx, node):
                return
            if _hypervisor_description(ctx, document) or cannot_declare_entities(ctx, document):
                return
            if from_test_client(ctx, document):
                return
            # NOTE: lxml >= 5.0 no longer resolves external entities by default
            # (LP#1742885); what the default parser still expands is internal entities.
            finding = self.finding(
                ctx,
                node,
                confidence=Confidence.LOW,
                call=name,
                what="with lxml's default parser (external entities resolved before lxml 5.0)",
            )
            finding = dataclasses.replace(finding, tags=(*finding.tags, _LXML_DEFAULT))
            yield _tag_origin(ctx, finding, document)
        elif (name or "").endswith(".setFeature") and _resolves_external(ctx, node):
            yield self.finding(
                ctx, node, severity=Severity.HIGH, message=_SAX_EXTERNAL, call=ast.unparse(node)
            )
        elif name == "lxml.etree.XMLParser":
            resolve = ctx.evaluate(ctx.keyword(node, "resolve_entities"))
            if resolve is True:
                yield self.finding(
                    ctx, node, severity=Severity.HIGH, call=name, what="with resolve_entities=True"
                )

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A parse of a value an installed library exports (the path of a data file it
        ships), or with lxml's default parser in an application whose requirement files
        allow no lxml older than 5.0, whose default parser resolves no external entity."""
        origins = [
            t.removeprefix(_IMPORTED_FROM) for t in finding.tags if t.startswith(_IMPORTED_FROM)
        ]
        if origins and installed_library(origins[0], (f.relpath for f in project.files)):
            return True
        if _LXML_DEFAULT not in finding.tags:
            return False
        return project.requires_at_least("lxml", finding.location.path, _LXML_SAFE_DEFAULT)


_COMMAND_INPUT = "in a command an operator runs (entity expansion only: no external entity)"
_SAX_EXTERNAL = "`{call}` makes the SAX parser resolve external entities (XXE)"
_EXTERNAL_FEATURES = frozenset(
    {
        "xml.sax.handler.feature_external_ges",
        "xml.sax.handler.feature_external_pes",
        "http://xml.org/sax/features/external-general-entities",
        "http://xml.org/sax/features/external-parameter-entities",
    }
)
"""SAX features that load external entities, off by default since Python 3.7.1."""


def _resolves_external(ctx: FileContext, call: ast.Call) -> bool:
    """`parser.setFeature(feature_external_ges, True)`: a SAX (or pulldom) parser told to
    fetch the files and URLs a document's entities name."""
    feature, value = ctx.argument(call, 0), ctx.argument(call, 1)
    if feature is None or value is None:
        return False
    named = ctx.qualified(feature) if isinstance(feature, ast.Name | ast.Attribute) else None
    spelled = ctx.evaluate(feature)
    return (named in _EXTERNAL_FEATURES or spelled in _EXTERNAL_FEATURES) and bool(
        ctx.evaluate(value) is True or ctx.evaluate(value) == 1
    )


def _tag_origin(ctx: FileContext, finding: Finding, document: ast.expr) -> Finding:
    """The finding, tagged with the module the document comes from when it is a name
    imported from one: the project step tells an installed library's from the project's."""
    module = imported_from(ctx, document)
    if module is None:
        return finding
    return dataclasses.replace(finding, tags=(*finding.tags, f"{_IMPORTED_FROM}{module}"))


_DESCRIPTION_METHODS = frozenset({"XMLDesc", "getXMLDesc"})
"""libvirt's `virDomain.XMLDesc()`, `virNetwork.XMLDesc()`, `virDomainSnapshot.getXMLDesc()`."""


def _hypervisor_description(ctx: FileContext, document: ast.expr) -> bool:
    """`ET.fromstring(dom.XMLDesc(0))`, or a name assigned one in the function: the XML
    libvirt writes to describe a machine, a network or a snapshot, not a document from
    outside the program."""
    if isinstance(document, ast.Name):
        document = ctx.lookup(document) or document
    return (
        isinstance(document, ast.Call)
        and isinstance(document.func, ast.Attribute)
        and document.func.attr in _DESCRIPTION_METHODS
    )


def _custom_parser(ctx: FileContext, call: ast.Call) -> bool:
    """A stdlib parse given a parser of the project's own (e.g. a defused expat parser)."""
    name = ctx.call_name(call) or ""
    takes_parser_second = not name.startswith("xml.sax") and not name.endswith("iterparse")
    parser = ctx.argument(call, 1, "parser") if takes_parser_second else ctx.keyword(call, "parser")
    if parser is None:
        return False
    origin = ctx.origin(parser)
    return origin is None or not origin.startswith(("xml.", "xml.sax", "pyexpat"))


def _default_parser(ctx: FileContext, call: ast.Call) -> bool:
    """Whether an lxml call parses with lxml's default entity handling: no parser, or an
    `XMLParser` that leaves `resolve_entities` unset or computed. A parser that sets it to
    true is reported where it is made; one built elsewhere is not guessed at."""
    parser = ctx.argument(call, 1, "parser")
    if parser is None:
        return True
    if isinstance(parser, ast.Name):
        made = ctx.lookup(parser)
        parser = made if made is not None else parser
    if not isinstance(parser, ast.Call) or ctx.call_name(parser) not in _LXML_PARSER_MAKERS:
        return False
    resolve = ctx.keyword(parser, "resolve_entities")
    return resolve is None or ctx.evaluate(resolve) is UNKNOWN
