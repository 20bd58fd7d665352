"""Read a JavaScript value literal as JSON values, without running any code.

State that apps write into their pages is not always JSON: ``window.__NUXT__=(function(a,b){return
{title:a,body:b}}("T","B"))`` (Nuxt 2, Sapper), or object literals with bare keys and single quotes.
:func:`read_js_value` reads that subset: object and array literals, strings (any quotes, template
strings without substitutions), numbers, ``true``/``false``/``null``/``undefined``, ``void 0``,
``!0``/``!1``, and the immediately invoked function whose parameters name its arguments. Statements
before the function's ``return`` are skipped; anything else raises :class:`JsValueError`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_WS = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_HEX_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")
_CONSTANTS = {"true": True, "false": False, "null": None, "undefined": None, "NaN": None}
_MAX_DEPTH = 200
_STRING_DECODER = json.JSONDecoder(strict=False)


class JsValueError(ValueError):
    """The text is not a value literal this reader understands."""


@dataclass(frozen=True)
class _Ref:
    name: str


def decode_js_string(body: str, quote: str) -> str:
    """The value of a JavaScript string literal's body (between its quotes)."""
    if quote != '"':
        body = body.replace("\\" + quote, quote).replace('"', '\\"')
    body = body.replace("\\'", "'").replace("\n", "\\n")
    body = _HEX_ESCAPE.sub(r"\\u00\1", body)
    try:
        return str(_STRING_DECODER.decode('"' + body + '"'))
    except json.JSONDecodeError as exc:
        raise JsValueError(f"bad string literal: {exc}") from exc


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip(self) -> None:
        match = _WS.match(self.text, self.pos)
        if match:
            self.pos = match.end()

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos : self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise JsValueError(f"expected {char!r} at {self.pos}")
        self.pos += 1

    def value(self, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            raise JsValueError("nested too deep")
        char = self.peek()
        if not char:
            raise JsValueError("unexpected end")
        if char == "{":
            return self.obj(depth)
        if char == "[":
            return self.array(depth)
        if char in "\"'`":
            return self.string()
        if char == "!":
            self.pos += 1
            return not self.value(depth + 1)
        if char == "(":
            return self.paren(depth)
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            raw = number.group()
            return int(raw, 16) if raw.lower().startswith(("0x", "-0x")) else float(raw)
        ident = _IDENT.match(self.text, self.pos)
        if ident is None:
            raise JsValueError(f"unexpected {char!r} at {self.pos}")
        self.pos = ident.end()
        name = ident.group()
        if name == "void":
            self.value(depth + 1)
            return None
        if name == "function":
            return self.function(depth)
        if name in _CONSTANTS:
            return _CONSTANTS[name]
        return _Ref(name)

    def string(self) -> str:
        quote = self.text[self.pos]
        end = self.pos + 1
        while True:
            end = self.text.find(quote, end)
            if end < 0:
                raise JsValueError("unterminated string")
            back = end
            while back > self.pos and self.text[back - 1] == "\\":
                back -= 1
            if (end - back) % 2 == 0:
                break
            end += 1
        body = self.text[self.pos + 1 : end]
        if quote == "`" and "${" in body:
            raise JsValueError("template string with substitutions")
        self.pos = end + 1
        return decode_js_string(body, quote)

    def obj(self, depth: int) -> dict[str, Any]:
        self.expect("{")
        out: dict[str, Any] = {}
        while self.peek() != "}":
            char = self.peek()
            if not char:
                raise JsValueError("unterminated object")
            if char in "\"'":
                key = self.string()
            else:
                match = _IDENT.match(self.text, self.pos) or _NUMBER.match(self.text, self.pos)
                if match is None:
                    raise JsValueError(f"bad key at {self.pos}")
                key = match.group()
                self.pos = match.end()
            self.expect(":")
            out[key] = self.value(depth + 1)
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "}":
                raise JsValueError(f"expected ',' or '}}' at {self.pos}")
        self.pos += 1
        return out

    def array(self, depth: int) -> list[Any]:
        self.expect("[")
        out: list[Any] = []
        while self.peek() != "]":
            if not self.peek():
                raise JsValueError("unterminated array")
            out.append(self.value(depth + 1))
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "]":
                raise JsValueError(f"expected ',' or ']' at {self.pos}")
        self.pos += 1
        return out

    def paren(self, depth: int) -> Any:
        self.expect("(")
        inner = self.value(depth + 1)
        if self.peek() == "(":  # (function(){...})(args)
            inner = self.call(inner, depth)
        self.expect(")")
        if self.peek() == "(":
            inner = self.call(inner, depth)
        return inner

    def function(self, depth: int) -> Any:
        """``function(a,b){...return VALUE}(args)``: its value with the arguments in place."""
        self.expect("(")
        params: list[str] = []
        while self.peek() != ")":
            if not self.peek():
                raise JsValueError("unterminated parameters")
            match = _IDENT.match(self.text, self.pos)
            if match is None:
                raise JsValueError(f"bad parameter at {self.pos}")
            params.append(match.group())
            self.pos = match.end()
            if self.peek() == ",":
                self.pos += 1
        self.pos += 1
        self.expect("{")
        found = re.compile(r"\breturn\b").search(self.text, self.pos)
        if found is None:
            raise JsValueError("function without return")
        self.pos = found.end()
        body = self.value(depth + 1)
        self.skip()
        while self.peek() in (";", ""):
            if self.peek() == "":
                raise JsValueError("unterminated function")
            self.pos += 1
        self.expect("}")
        return _Function(params, body)

    def call(self, fn: Any, depth: int) -> Any:
        self.expect("(")
        args: list[Any] = []
        while self.peek() != ")":
            if not self.peek():
                raise JsValueError("unterminated call")
            args.append(self.value(depth + 1))
            if self.peek() == ",":
                self.pos += 1
        self.pos += 1
        if not isinstance(fn, _Function):
            raise JsValueError("call of something that is not a function literal")
        env = dict(zip(fn.params, args, strict=False))
        return _resolve(fn.body, env)


@dataclass(frozen=True)
class _Function:
    params: list[str]
    body: Any


def _resolve(value: Any, env: dict[str, Any], depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        raise JsValueError("nested too deep")
    if isinstance(value, _Ref):
        return env.get(value.name)
    if isinstance(value, dict):
        return {k: _resolve(v, env, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, env, depth + 1) for v in value]
    return value


def read_js_value(text: str, pos: int = 0) -> Any:
    """The value of the JavaScript literal starting at ``pos`` in ``text`` (see module docstring);
    names that no function parameter binds read as None."""
    reader = _Reader(text)
    reader.pos = pos
    try:
        value = reader.value()
    except RecursionError as exc:
        raise JsValueError("nested too deep") from exc
    if isinstance(value, _Function):
        raise JsValueError("a function that is not called")
    return _resolve(value, {})
