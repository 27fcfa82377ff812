"""Reads of a Redis-style key-value store (redis-py, its `StrictRedis`, Kvrocks,
fakeredis): `r.hget(f"meta:{obj_id}", "path")` gives what the store keeps under that key,
not the key it was asked for, as pymongo's `find_one` gives a stored document.

Only the commands' own names are listed, ones no built-in type has (a dict's `get`,
`keys` and `pop` carry what they are given, and are left to the container rules)."""

from __future__ import annotations

KEY_VALUE_READS = frozenset(
    {
        # hashes
        "hget",
        "hmget",
        "hgetall",
        "hkeys",
        "hvals",
        "hrandfield",
        "hscan",
        "hscan_iter",
        # sets
        "smembers",
        "srandmember",
        "spop",
        "sinter",
        "sunion",
        "sdiff",
        "sscan",
        "sscan_iter",
        # sorted sets
        "zrange",
        "zrevrange",
        "zrangebyscore",
        "zrevrangebyscore",
        "zrangebylex",
        "zrevrangebylex",
        "zrandmember",
        "zpopmin",
        "zpopmax",
        "zscan",
        "zscan_iter",
        # lists
        "lrange",
        "lindex",
        "lpop",
        "rpop",
        "blpop",
        "brpop",
        "rpoplpush",
        "lmove",
        # strings and streams
        "mget",
        "getrange",
        "getdel",
        "getex",
        "getset",
        "xrange",
        "xrevrange",
    }
)
"""Commands answering with members or values the store holds."""
