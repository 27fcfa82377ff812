"""WW1144: broken ciphers, ECB mode and short keys."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._decrypting import decrypts_only
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_PYCRYPTO = ("Crypto.Cipher", "Cryptodome.Cipher")
_BROKEN = {"DES": "DES", "ARC4": "RC4", "ARC2": "RC2", "XOR": "XOR"}
"""Ciphers anyone can break: a 56-bit key, a biased key stream, a toy."""
_LEGACY = {"DES3": "Triple DES", "Blowfish": "Blowfish", "CAST": "CAST"}
"""64-bit block ciphers: two to the 32 blocks under one key repeat (Sweet32)."""
_HAZMAT = (
    "cryptography.hazmat.primitives.ciphers.algorithms",
    "cryptography.hazmat.decrepit.ciphers.algorithms",
)
_HAZMAT_CIPHERS = {
    "ARC4": ("RC4", Severity.HIGH),
    "TripleDES": ("Triple DES", Severity.MEDIUM),
    "Blowfish": ("Blowfish", Severity.MEDIUM),
    "CAST5": ("CAST5", Severity.MEDIUM),
    "IDEA": ("IDEA", Severity.MEDIUM),
    "SEED": ("SEED", Severity.MEDIUM),
}
_ECB = "cryptography.hazmat.primitives.ciphers.modes.ECB"
_ECB_MODE = "encrypts in ECB mode: equal blocks give equal ciphertext"
_KEY_MAKERS = {
    "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key": ("RSA", 1, 2048),
    "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key": ("DSA", 0, 2048),
    "Crypto.PublicKey.RSA.generate": ("RSA", 0, 2048),
    "Cryptodome.PublicKey.RSA.generate": ("RSA", 0, 2048),
    "Crypto.PublicKey.DSA.generate": ("DSA", 0, 2048),
    "Cryptodome.PublicKey.DSA.generate": ("DSA", 0, 2048),
}
"""Key generators: the algorithm, the position of the key size and the least size NIST
allows (SP 800-131A)."""


class WeakEncryption(PythonRule):
    """## What it does
    Finds encryption that does not protect the data:
    - broken ciphers: DES, RC4 (`ARC4`), RC2 and XOR of PyCryptodome/PyCrypto
      (`Crypto.Cipher`, `Cryptodome.Cipher`) and RC4 of `cryptography`;
    - 64-bit block ciphers (Triple DES, Blowfish, CAST, IDEA, SEED), at medium severity;
    - ECB mode (`AES.new(key, AES.MODE_ECB)`, `modes.ECB()`), at medium severity;
    - RSA and DSA keys generated shorter than 2048 bits.

    ## Why is this bad?
    DES keys are found by brute force in hours and RC4's key stream is biased: what they
    encrypt (tokens, cookies, stored secrets) can be read. A 64-bit block repeats after
    some gigabytes under one key and leaks the data it encrypts (Sweet32). ECB encrypts
    equal blocks to equal blocks, so the structure of the data shows and blocks can be cut
    and pasted into other messages. RSA keys of 1024 bits are within reach of factoring.

    ## Known problems
    A cipher made only to decrypt (`ARC4.new(key).decrypt(data)`, or
    `Cipher(algorithms.TripleDES(key), mode).decryptor()`: reading a legacy format,
    another program's files or an S/MIME message whose sender chose the cipher) is not
    reported, also when kept in a local name whose every use decrypts: the choice of
    cipher was made where the data was encrypted. A name used to encrypt too, or handed
    anywhere else, is judged as any other. ECB on a single block the code writes
    itself, encrypted at once (`AES.new(key, AES.MODE_ECB).encrypt(b"\\x00" * 16)`, also
    spelled in hex, `bytes.fromhex(...)` or `binascii.unhexlify(...)` of a constant: GCM's
    hash subkey, a key's check value, a hardware token's fixed block) is not reported, also when kept in a local name
    whose every use does that or decrypts: no data goes through it. ECB on
    other single blocks used as a building block (a key wrap done by hand) is reported.

    ## Example
    ```python
    from Crypto.Cipher import AES

    def seal(key, token):
        return AES.new(key, AES.MODE_ECB).encrypt(token)
    ```

    ## Fix
    ```python
    from Crypto.Cipher import AES

    def seal(key, token):
        cipher = AES.new(key, AES.MODE_GCM)
        sealed, tag = cipher.encrypt_and_digest(token)
        return cipher.nonce + tag + sealed
    ```
    Use AES-GCM or ChaCha20-Poly1305 (`cryptography`'s `AESGCM`, or `Fernet`), and RSA
    keys of 2048 bits or more (3072 for keys that must last past 2030).

    ## References
    - [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)
    - [NIST SP 800-131A Rev. 2: Transitioning the Use of Cryptographic Algorithms](https://csrc.nist.gov/pubs/sp/800/131/a/r2/final)
    - [cryptography: Fernet](https://cryptography.io/en/latest/fernet/)
    """

    code = "WW1144"
    name = "weak-encryption"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 327
    message = "`{call}` {what}"
    fix = "use AES-GCM or ChaCha20-Poly1305 (`Fernet`, `AESGCM`) and keys of 2048 bits or more"
    bandit = ("B304", "B305", "B505")
    ruff = ("S304", "S305", "S505")
    calls = frozenset(
        {f"{package}.*" for package in _PYCRYPTO}
        | {f"{package}.*" for package in _HAZMAT}
        | {_ECB}
        | set(_KEY_MAKERS)
    )

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        judged = _judge(name, node, ctx)
        if judged is None:
            return
        what, severity = judged
        # NOTE: one constant block may go through a PyCryptodome cipher in ECB mode.
        one_block = what == _ECB_MODE and name != _ECB
        if not decrypts_only(ctx, node, one_block=one_block):
            shown = ".".join(name.split(".")[-2:])
            yield self.finding(ctx, node, severity=severity, call=shown, what=what)


def _judge(name: str, node: ast.Call, ctx: FileContext) -> tuple[str, Severity] | None:
    module, _, attribute = name.rpartition(".")
    package, _, cipher = module.rpartition(".")
    if package in _PYCRYPTO and attribute == "new":
        if cipher in _BROKEN:
            return f"encrypts with {_BROKEN[cipher]}, a broken cipher", Severity.HIGH
        if cipher in _LEGACY:
            return f"encrypts with {_LEGACY[cipher]}, a 64-bit block cipher", Severity.MEDIUM
        mode = ctx.argument(node, 1, "mode")
        if mode is not None and (ctx.qualified(mode) or "").endswith(".MODE_ECB"):
            return _ECB_MODE, Severity.MEDIUM
        return None
    if module in _HAZMAT and attribute in _HAZMAT_CIPHERS:
        cipher_name, severity = _HAZMAT_CIPHERS[attribute]
        kind = "a broken cipher" if severity is Severity.HIGH else "a 64-bit block cipher"
        return f"encrypts with {cipher_name}, {kind}", severity
    if name == _ECB:
        return _ECB_MODE, Severity.MEDIUM
    if name in _KEY_MAKERS:
        algorithm, position, least = _KEY_MAKERS[name]
        size = ctx.evaluate(ctx.argument(node, position, "key_size" if position else "bits"))
        if isinstance(size, int) and not isinstance(size, bool) and size < least:
            return f"makes a {size}-bit {algorithm} key (at least {least} bits)", Severity.HIGH
    return None
