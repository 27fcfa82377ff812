"""Ciphers a program makes only to decrypt, or to encrypt a constant block (WW1144)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_DECRYPTING = frozenset({"decrypt", "decryptor"})
"""What reads with a cipher: PyCryptodome's `decrypt()`, `cryptography`'s `decryptor()`."""
_CIPHER = "cryptography.hazmat.primitives.ciphers.Cipher"
_DEPTH = 3
"""How many hand-offs are followed: an algorithm into a name, that into a `Cipher`, that
into another name."""


_BLOCK = 16
"""The most a constant given to `encrypt` may hold to be one block (AES's)."""


def decrypts_only(
    ctx: FileContext, node: ast.expr, *, one_block: bool = False, depth: int = _DEPTH
) -> bool:
    """Whether every use of the cipher `node` makes decrypts (`ARC4.new(key).decrypt(data)`,
    `Cipher(TripleDES(key), mode).decryptor()`: a cipher made to read what was written
    with it elsewhere, a legacy file format, an S/MIME message whose sender chose the
    cipher), also when kept in a local name or handed to `cryptography`'s `Cipher` whose
    every use decrypts. Given `one_block`, a use may also encrypt one block the code
    writes itself (`.encrypt(b"\\x00" * 16)`, or spelled in hex: `binascii.unhexlify(
    "0000...0f2e")`; GCM's hash subkey, a key's check value, a hardware token's fixed
    block):
    no data of anyone's goes through it, so no structure can show."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Attribute) and parent.value is node:
        if parent.attr in _DECRYPTING:
            return isinstance(ctx.parent(parent), ast.Call)
        return one_block and _constant_block(ctx, parent)
    if not depth:
        return False
    if isinstance(parent, ast.Call) and node in parent.args[:1]:
        return ctx.call_name(parent) == _CIPHER and decrypts_only(
            ctx, parent, one_block=one_block, depth=depth - 1
        )
    if isinstance(parent, ast.Assign) and parent.value is node and len(parent.targets) == 1:
        uses = _uses(ctx, parent)
        return bool(uses) and all(
            decrypts_only(ctx, use, one_block=one_block, depth=depth - 1) for use in uses
        )
    return False


def _constant_block(ctx: FileContext, method: ast.Attribute) -> bool:
    """`.encrypt(b"\\x00" * 16)`: one constant of at most a block, given alone."""
    call = ctx.parent(method)
    if not (
        method.attr == "encrypt"
        and isinstance(call, ast.Call)
        and call.func is method
        and len(call.args) == 1
    ):
        return False
    block = ctx.evaluate(call.args[0])
    if not isinstance(block, bytes):
        block = _hex_block(ctx, call.args[0])
    return isinstance(block, bytes) and 0 < len(block) <= _BLOCK


_HEX_DECODERS = frozenset({"binascii.unhexlify", "binascii.a2b_hex", "bytes.fromhex"})
"""What turns hex text into the bytes it spells."""


def _hex_block(ctx: FileContext, node: ast.expr) -> bytes | None:
    """`binascii.unhexlify("000000000000ffff...")`, `bytes.fromhex(...)`, also through a
    local holding it: a constant block spelled in hex, as a protocol's specification
    gives it."""
    if isinstance(node, ast.Name):
        node = ctx.lookup(node) or node
    if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords):
        return None
    text = ctx.evaluate(node.args[0])
    if ctx.call_name(node) not in _HEX_DECODERS or not isinstance(text, str | bytes):
        return None
    try:
        return bytes.fromhex(text if isinstance(text, str) else text.decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return None


def _uses(ctx: FileContext, assignment: ast.Assign) -> list[ast.Name]:
    """The reads of the name `assignment` binds in the function holding it (none at module
    level): whatever else the name is bound to there, each read must decrypt."""
    if ctx.scopes.enclosing_function(assignment) is None:
        return []
    return ctx.scopes.reads_of_assigned(assignment)
