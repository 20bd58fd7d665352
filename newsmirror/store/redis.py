"""The distributed story store: stories, copies, per-URL state and the LSH index in one Redis.

Every worker of a distributed crawl opens the same ``NEWSMIRROR_STORE=redis://host:port/db``.
Placing a copy is a lookup (candidate stories) followed by a write; ``atomic()`` holds a Redis lock
(``SET NX PX`` with a token, released by a compare-and-delete script) around it, so two workers that
see copies of one story at the same moment end with one story. Inside, writes are queued and sent in
one ``MULTI``/``EXEC`` transaction when the outermost ``atomic()`` ends.

Keys (``<p>`` is the prefix, ``newsmirror`` unless the URI says ``?prefix=``):
``<p>:meta`` hash; ``<p>:story:<id>`` hash per story; ``<p>:stories`` sorted set of ids by first
seen; ``<p>:pending`` set of ids with an unwritten version; ``<p>:canonical`` hash URL -> id;
``<p>:copies`` hash URL -> copy; ``<p>:copies:<id>`` set of copy URLs; ``<p>:key:<k>`` set of ids per
index key; ``<p>:urls`` hash URL -> crawl state; ``<p>:status:<s>`` sorted set of URLs by time;
``<p>:writing`` hash of feed lines being written; ``<p>:lock`` the placement lock. A story merged into
another (a copy showed they are one) leaves no keys of its own; ``<p>:canonical`` maps its canonical
URL to the story it joined.
"""

from __future__ import annotations

import functools
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

import redis

from newsmirror.dedup.fingerprint import Fingerprint
from newsmirror.redisconn import RedisUnavailable, connect, where
from newsmirror.store.base import (
    CopyRecord,
    StoredStory,
    StoreError,
    StoreMissing,
    StoreUnavailable,
)

logger = logging.getLogger(__name__)

APPLICATION = "newsmirror-store"
# 2: a copy's kept fingerprint holds its paragraphs' line hashes, which code of version 1
# cannot read (a version 1 store is marked 2 when a crawl opens it; its prints are read as kept).
SCHEMA_VERSION = 2
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""
# Claim a story's feed line: only if its version is unwritten and nobody else is writing it.
_CLAIM = """
local exported = tonumber(redis.call('hget', KEYS[1], 'exported') or '-1')
if exported < 0 or exported >= tonumber(ARGV[3]) then return 0 end
local others = redis.call('hkeys', KEYS[2])
local suffix = '|' .. ARGV[2]
for _, key in ipairs(others) do
  if key ~= ARGV[1] .. suffix and string.sub(key, -string.len(suffix)) == suffix then return 0 end
end
redis.call('hset', KEYS[2], ARGV[1] .. suffix, ARGV[4])
return 1
"""

# Record that a version is written; the story stays pending only if a newer version exists.
_EXPORTED = """
if redis.call('exists', KEYS[1]) == 0 then
  -- merged into another story meanwhile: nothing to record but the end of the write
  if ARGV[3] ~= '' then redis.call('hdel', KEYS[3], ARGV[3] .. '|' .. ARGV[2]) end
  return 0
end
local exported = tonumber(redis.call('hget', KEYS[1], 'exported') or '0')
local version = tonumber(ARGV[1])
if version > exported then
  redis.call('hset', KEYS[1], 'exported', version)
  exported = version
end
local current = tonumber(redis.call('hget', KEYS[1], 'version') or '0')
if current <= exported then redis.call('srem', KEYS[2], ARGV[2]) end
if ARGV[3] ~= '' then redis.call('hdel', KEYS[3], ARGV[3] .. '|' .. ARGV[2]) end
return 1
"""


def _ts(iso: str) -> float:
    """A sortable number for an ISO 8601 time (seconds since the epoch)."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0


_GUARDED = (
    "_lock get story_for_url stories_for_urls candidates copies urls_with_status url_fetched_at count pending add_story "
    "join absorb mark_url mark_exported claim_export exports_in_doubt forget_export "
    "count_blocks block_counts put_print prints"
).split()


def _unavailable(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def guarded(self: RedisStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise StoreUnavailable(
                f"{self._where()}: the Redis story store is unreachable after retrying for "
                f"NEWSMIRROR_REDIS_RETRY_SECONDS ({exc})"
            ) from exc

    return guarded


class RedisStore:
    """The :class:`~newsmirror.store.StoryStore` interface on one Redis database."""

    def __init__(
        self,
        uri: str,
        lock_timeout: float = 30.0,
        retry_seconds: float = 60.0,
        *,
        read_only: bool = False,
    ) -> None:
        parts = urlsplit(uri)
        query = parse_qs(parts.query)
        self.prefix = (query.pop("prefix", ["newsmirror"]) or ["newsmirror"])[0]
        self.uri = urlunsplit(parts._replace(query=""))
        self.lock_timeout = lock_timeout
        self.read_only = read_only
        try:
            # redis-py's annotations cover str and bytes replies at once; we read bytes only.
            self.db: Any = connect(self.uri, retry_seconds, "NEWSMIRROR_STORE")
        except RedisUnavailable as exc:
            raise StoreError(str(exc)) from None
        self._depth = 0
        self._token = b""
        self._pipe: Any = None
        self._release = self.db.register_script(_RELEASE)
        self._claim = self.db.register_script(_CLAIM)
        self._exported = self.db.register_script(_EXPORTED)
        try:
            self._check_schema()
        except redis.RedisError as exc:
            raise StoreError(
                f"{self._where()}: cannot use the Redis story store ({exc}). Is redis-server "
                f"running and NEWSMIRROR_STORE right?"
            ) from None

    def _where(self) -> str:
        return where(self.uri)

    def _k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def _check_schema(self) -> None:
        meta = {k.decode(): v.decode() for k, v in self.db.hgetall(self._k("meta")).items()}
        if not meta:
            if self.read_only:
                raise StoreMissing(
                    f"{self._where()} prefix {self.prefix!r}: no story store there yet"
                )
            self.db.hset(
                self._k("meta"),
                mapping={"application": APPLICATION, "version": str(SCHEMA_VERSION)},
            )
            return
        if meta.get("application") != APPLICATION:
            raise StoreError(f"{self._where()} prefix {self.prefix!r}: not a newsmirror store")
        version = int(meta.get("version", "0"))
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self._where()}: store schema version {meta['version']} is newer than this "
                f"newsmirror (knows {SCHEMA_VERSION}); upgrade newsmirror"
            )
        if version < SCHEMA_VERSION and not self.read_only:
            self.db.hset(self._k("meta"), "version", str(SCHEMA_VERSION))

    # --- atomicity --------------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """The placement lock, and one transaction for the writes made under it."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        token = uuid.uuid4().hex.encode()
        self._lock(token)
        self._depth, self._token = 1, token
        self._pipe = self.db.pipeline(transaction=True)
        try:
            yield
            _unavailable(lambda store: store._pipe.execute())(self)
        finally:
            self._pipe = None
            self._depth = 0
            try:
                self._release(keys=[self._k("lock")], args=[token])
            except redis.RedisError as exc:  # the lock expires by itself
                logger.debug("Could not release the store lock: %s", exc)

    def _lock(self, token: bytes) -> None:
        deadline = time.monotonic() + max(self.lock_timeout * 4, 60.0)
        delay = 0.001
        key = self._k("lock")
        while not self.db.set(key, token, nx=True, px=int(self.lock_timeout * 1000)):
            # A SET that Redis applied but whose reply was lost (Redis stopped just after) is
            # retried by the client and then finds the key taken, by this very token: ours.
            if self.db.get(key) == token:
                return
            if time.monotonic() > deadline:
                raise StoreError(f"{self._where()}: the store lock was not released for a minute")
            time.sleep(delay)
            delay = min(delay * 2, 0.05)

    transaction = atomic

    def _writer(self) -> Any:
        """Where writes go: the open transaction, or a one-off one."""
        return self._pipe if self._pipe is not None else self.db.pipeline(transaction=True)

    def _flush(self, pipe: Any) -> None:
        if pipe is not self._pipe:
            pipe.execute()

    # --- reads ------------------------------------------------------------------------------

    @staticmethod
    def _story(raw: dict[bytes, bytes]) -> StoredStory:
        fingerprint = Fingerprint.from_bytes(
            raw[b"signature"],
            int(raw[b"size"]),
            tuple(json.loads(raw[b"paragraphs"])),
            tuple(json.loads(raw[b"entities"])),
        )
        return StoredStory(
            raw[b"id"].decode(),
            int(raw[b"version"]),
            json.loads(raw[b"record"]),
            fingerprint,
            int(raw[b"exported"]),
        )

    def get(self, story_id: str) -> StoredStory | None:
        raw = self.db.hgetall(self._k("story", story_id))
        return self._story(raw) if raw else None

    def _get_many(self, ids: list[str]) -> list[StoredStory]:
        pipe = self.db.pipeline(transaction=False)
        for sid in ids:
            pipe.hgetall(self._k("story", sid))
        return [self._story(raw) for raw in pipe.execute() if raw]

    def story_for_url(self, url: str) -> str | None:
        return self.stories_for_urls([url]).get(url)

    def stories_for_urls(self, urls: list[str]) -> dict[str, str]:
        if not urls:
            return {}
        pipe = self.db.pipeline(transaction=False)
        pipe.hmget(self._k("copies"), urls)
        pipe.hmget(self._k("canonical"), urls)
        copies, canonical = pipe.execute()
        found: dict[str, str] = {}
        for url, copy, sid in zip(urls, copies, canonical, strict=True):
            if copy:
                found[url] = str(json.loads(copy)["story_id"])
            elif sid:
                found[url] = sid.decode()
        return found

    def candidates(self, keys: list[str], max_per_key: int = 50) -> list[StoredStory]:
        pipe = self.db.pipeline(transaction=False)
        for key in keys:
            pipe.srandmember(self._k("key", key), max_per_key + 1)
        ids: dict[str, None] = {}
        for members in pipe.execute():
            if len(members) <= max_per_key:
                ids.update(dict.fromkeys(sorted(m.decode() for m in members)))
        return self._get_many(list(ids))

    def copies(self, story_id: str) -> list[CopyRecord]:
        urls = sorted(u.decode() for u in self.db.smembers(self._k("copies", story_id)))
        if not urls:
            return []
        found = []
        for raw in self.db.hmget(self._k("copies"), urls):
            if raw:
                data = json.loads(raw)
                found.append(
                    CopyRecord(
                        data["url"],
                        data["site"],
                        data["published"],
                        data["seen_at"],
                        data["similarity"],
                    )
                )
        return sorted(found, key=lambda c: (c.seen_at, c.url))

    def urls_with_status(self, status: str, limit: int = 10_000) -> list[str]:
        return [u.decode() for u in self.db.zrange(self._k("status", status), 0, limit - 1)]

    def url_fetched_at(self, url: str) -> str | None:
        raw = self.db.hget(self._k("urls"), url)
        if not raw:
            return None
        state = json.loads(raw)
        return str(state["fetched_at"]) if state["status"] == "article" else None

    def iter_stories(
        self, since: str | None = None, origin: str | None = None
    ) -> Iterator[StoredStory]:
        ids = [i.decode() for i in self.db.zrange(self._k("stories"), 0, -1)]
        for start in range(0, len(ids), 500):
            for story in self._get_many(ids[start : start + 500]):
                record = story.record
                if since and (record.get("updated_at") or record["first_seen"]) < since:
                    continue
                if origin and (record.get("origin") or {}).get("domain") != origin:
                    continue
                yield story

    def count(self) -> int:
        return int(self.db.zcard(self._k("stories")))

    def pending(self, limit: int = 1000) -> list[StoredStory]:
        ids = [i.decode() for i in self.db.smembers(self._k("pending"))]
        stories = [s for s in self._get_many(ids) if s.version > s.exported]
        stories.sort(key=lambda s: (s.record["first_seen"], s.id))
        return stories[:limit]

    # --- writes -----------------------------------------------------------------------------

    def _write_story(self, pipe: Any, story: StoredStory, version: int, pending: bool) -> None:
        record = story.record
        fp = story.fingerprint
        key = self._k("story", story.id)
        pipe.hset(
            key,
            mapping={
                "id": story.id,
                "version": version,
                "record": json.dumps(record, ensure_ascii=False),
                "signature": fp.to_bytes(),
                "size": fp.size,
                "paragraphs": json.dumps(fp.stored_keys()),
                "entities": json.dumps(list(fp.entities)),
            },
        )
        pipe.hsetnx(key, "exported", 0)
        pipe.zadd(self._k("stories"), {story.id: _ts(record["first_seen"])}, nx=True)
        pipe.hset(self._k("canonical"), record["canonical_url"], story.id)
        if pending:
            pipe.sadd(self._k("pending"), story.id)
        for index_key in fp.index_keys():
            pipe.sadd(self._k("key", index_key), story.id)

    def _write_copy(self, pipe: Any, story_id: str, copy: CopyRecord, new: bool = False) -> None:
        previous = None if new else self.db.hget(self._k("copies"), copy.url)
        if previous:
            old = json.loads(previous)["story_id"]
            if old != story_id:
                pipe.srem(self._k("copies", old), copy.url)
        pipe.hset(
            self._k("copies"),
            copy.url,
            json.dumps({"story_id": story_id, **copy.__dict__}, ensure_ascii=False),
        )
        pipe.sadd(self._k("copies", story_id), copy.url)

    def add_story(self, story: StoredStory, copy: CopyRecord) -> None:
        pipe = self._writer()
        self._write_story(pipe, story, story.version, pending=True)
        self._write_copy(pipe, story.id, copy)
        self._flush(pipe)

    def load(self, stories: Iterable[tuple[StoredStory, CopyRecord]]) -> None:
        """Bulk-write new stories, each with its first copy, in one pipeline: no lock, no reads.

        For filling a store nobody else is using (the scaling benchmark); every story id and copy
        URL must be new. The keys and values are those :meth:`add_story` writes."""
        pipe = self.db.pipeline(transaction=False)
        for story, copy in stories:
            self._write_story(pipe, story, story.version, pending=True)
            self._write_copy(pipe, story.id, copy, new=True)
        pipe.execute()

    def join(self, story: StoredStory, copy: CopyRecord, *, changed: bool) -> None:
        current, exported = self.db.hmget(self._k("story", story.id), ["version", "exported"])
        version = (int(current) if current else 0) + (1 if changed else 0)
        pipe = self._writer()
        self._write_story(pipe, story, version, pending=version > int(exported or 0))
        self._write_copy(pipe, story.id, copy)
        self._flush(pipe)

    def absorb(self, story: StoredStory, absorbed: list[StoredStory], copy: CopyRecord) -> None:
        ids = [story.id, *(s.id for s in absorbed)]
        read = self.db.pipeline(transaction=False)
        for sid in ids:
            read.hget(self._k("story", sid), "version")
        version = max((int(v) for v in read.execute() if v), default=0) + 1
        pipe = self._writer()
        for old in absorbed:
            if old.id == story.id:
                continue
            urls = sorted(u.decode() for u in self.db.smembers(self._k("copies", old.id)))
            entries = self.db.hmget(self._k("copies"), urls) if urls else []
            for url, raw in zip(urls, entries, strict=True):
                if raw:
                    entry = {**json.loads(raw), "story_id": story.id}
                    pipe.hset(self._k("copies"), url, json.dumps(entry, ensure_ascii=False))
            if urls:
                pipe.sadd(self._k("copies", story.id), *urls)
            for index_key in old.fingerprint.index_keys():
                pipe.srem(self._k("key", index_key), old.id)
                pipe.sadd(self._k("key", index_key), story.id)
            pipe.hset(self._k("canonical"), old.record["canonical_url"], story.id)
            pipe.delete(self._k("copies", old.id), self._k("story", old.id))
            pipe.zrem(self._k("stories"), old.id)
            pipe.srem(self._k("pending"), old.id)
        self._write_story(pipe, story, version, pending=True)
        self._write_copy(pipe, story.id, copy)
        self._flush(pipe)

    def count_blocks(self, site: str, keys: list[str]) -> None:
        pipe = self._writer()
        for key in dict.fromkeys(keys):
            pipe.hincrby(self._k("template", site), key, 1)
        self._flush(pipe)

    def block_counts(self, site: str, keys: list[str] | None = None) -> dict[str, int]:
        where = self._k("template", site)
        if keys is None:
            return {k.decode(): int(v) for k, v in self.db.hgetall(where).items()}
        wanted = list(dict.fromkeys(keys))
        values = self.db.hmget(where, wanted) if wanted else []
        return {k: int(v) for k, v in zip(wanted, values, strict=True) if v is not None}

    def put_print(self, url: str, fingerprint: Fingerprint) -> None:
        pipe = self._writer()
        pipe.hset(self._k("prints"), url, fingerprint.pack())
        self._flush(pipe)

    def prints(self, urls: list[str]) -> dict[str, Fingerprint]:
        if not urls:
            return {}
        values = self.db.hmget(self._k("prints"), urls)
        return {u: Fingerprint.unpack(v) for u, v in zip(urls, values, strict=True) if v}

    def mark_url(self, url: str, status: str, fetched_at: str, story_id: str | None = None) -> None:
        previous = self.db.hget(self._k("urls"), url)
        pipe = self._writer()
        if previous:
            old = json.loads(previous)["status"]
            if old != status:
                pipe.zrem(self._k("status", old), url)
        pipe.hset(
            self._k("urls"),
            url,
            json.dumps({"story_id": story_id, "status": status, "fetched_at": fetched_at}),
        )
        pipe.zadd(self._k("status", status), {url: _ts(fetched_at)})
        self._flush(pipe)

    def mark_exported(self, story_id: str, version: int, writer: str | None = None) -> None:
        self._exported(
            keys=[self._k("story", story_id), self._k("pending"), self._k("writing")],
            args=[version, story_id, writer or ""],
        )

    def claim_export(self, writer: str, story_id: str, version: int, feeds: list[str]) -> bool:
        claimed = self._claim(
            keys=[self._k("story", story_id), self._k("writing")],
            args=[writer, story_id, version, json.dumps([version, feeds])],
        )
        return bool(claimed)

    def exports_in_doubt(self) -> list[tuple[str, str, int, list[str]]]:
        found = []
        for key, value in self.db.hgetall(self._k("writing")).items():
            writer, _, story_id = key.decode().rpartition("|")
            version, feeds = json.loads(value)
            found.append((writer, story_id, int(version), list(feeds)))
        return found

    def forget_export(self, writer: str, story_id: str) -> None:
        self.db.hdel(self._k("writing"), f"{writer}|{story_id}")

    def close(self) -> None:
        self.db.close()


for _name in _GUARDED:
    setattr(RedisStore, _name, _unavailable(getattr(RedisStore, _name)))
