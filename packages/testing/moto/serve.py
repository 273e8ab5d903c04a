"""moto server with DynamoDB requests serialised, and the emulator's hot spots fixed.

moto's server handles requests on threads, and its TransactWriteItems checks conditions and
writes without a lock, so two concurrent transactions can both pass the same condition (a lost
update real DynamoDB never allows). This launcher runs the same moto application but lets one
DynamoDB request run at a time; DynamoDB Streams reads (which only read what writes appended) and
every other service (SQS long polls included) stay concurrent.

It also memoises jsonpath_ng's parse: moto's EventBridge builds a fresh jsonpath parser (a full
yacc table build, ~40 ms) for every input path of every target of every event, about 150 ms per
PutEvents entry, which made the event bus the slowest part of the local pipeline.

And it takes costs off every request, which profiling the local stack under load found to be
most of the emulator's own CPU (it, not the stack, bounds the local pipeline's latency):
- moto finds a request's backend by listing its package directory (a listdir and ~200 stats per
  request, under the dispatcher's lock, about 13 ms); the list is computed once here;
- werkzeug logs every request to stderr, which the launcher reads; only warnings are logged;
- werkzeug closes every connection after its response, so each AWS call paid a TCP connect and a
  new server thread (and the socket lingered 10 ms in werkzeug's drain of unread input); here
  HTTP/1.1 connections stay open (KeepAliveRequestHandler);
- a Query of a table's key listed and sorted the whole table; it reads the partition here;
- an empty stream read is held until a write (up to a second), so the local stream poller sees a
  record at once instead of at its next poll, and idles at one read a second;
- SQS checked every message it was about to return against the queue's retention period by
  building all the queue's attributes, whose message counts walk every message in the queue,
  three times: a receive from a queue of n messages cost O(n²) clock reads, each a datetime
  computation (a third of the emulator's CPU in the notifier benchmark, 200 messages queued).
  The check reads the retention period itself, and SQS's clock reads time.time() (moto's utcnow
  computed the same value through datetime arithmetic);
- Python switches threads every 5 ms by default, and the thread holding the DynamoDB lock, which
  gives the GIL up at every socket read and write, waited that long behind request threads
  parsing: the launcher asks for 1 ms (MOTO_SWITCH_INTERVAL, in seconds, overrides).

Opt-in measurement (off unless set; nothing changes when unset):
- MOTO_REQUEST_STATS=1: counts requests by kind (`DynamoDB.GetItem`, `SQS.ReceiveMessage`,
  `SNS.PublishBatch`, ...) with their total time in the handler and, for DynamoDB, waiting for the
  lock; `GET /moto-api/local-stats` answers the counts as JSON, `POST` to it resets them;
- MOTO_PROFILE=<file>: profiles every request (cProfile, one profiler per server thread) and writes
  the merged stats to <file> when the server stops, or with MOTO_REQUEST_STATS=1 at every GET of
  the stats (a POST restarts the profile); `python3 -m pstats <file>` reads them.

usage: python3 serve.py [-H HOST] [-p PORT]
"""
import argparse
import atexit
import cProfile
import functools
import inspect
import io
import json
import logging
import os
import pstats
import signal
import socket
import sys
import threading
import time
from urllib.parse import parse_qs

import jsonpath_ng.ext
from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
import moto.backends
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.core.utils import get_service_model
from moto.dynamodb.models.utilities import dynamo_json_dump
from moto.dynamodb.responses import DynamoHandler
from moto.dynamodbstreams.models import DynamoDBStreamsBackend
import moto.sqs.models
from moto.sqs.models import SQSBackend
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import WSGIRequestHandler, run_simple

_dynamodb_lock = threading.Lock()

# How often Python hands the GIL to a waiting thread (its default is 5 ms). The thread that holds
# the DynamoDB lock gives the GIL up at every socket read and write; with dozens of request
# threads parsing, it then waited up to the interval to run again, so at 32 concurrent API clients
# the emulator served fewer requests than at 8.
_SWITCH_INTERVAL_SECONDS = "0.001"


# Reading a stream needs no lock: a shard's records are appended by writes (which hold the lock)
# and never change, and a poller that reads the first record of a transaction before the second
# is written reads the second on its next call, in order. Unlocked, the stream pollers stop
# queueing behind the commands whose records they wait for.
# Describing a stream reads its table's shard list, which only table updates change.
_UNLOCKED = (
    "DynamoDBStreams_20120810.GetRecords",
    "DynamoDBStreams_20120810.GetShardIterator",
    "DynamoDBStreams_20120810.DescribeStream",
)

# A stream read that finds nothing new waits up to this long for a write before answering empty,
# as a long poll: a reader sees a record as soon as it is written instead of at its next poll,
# and an idle reader costs a request a second instead of ten. DynamoDB Streams answers at once;
# an empty answer that comes later says nothing else, so readers cannot tell the difference.
_STREAM_WAIT_SECONDS = 1.0
_stream_appended = threading.Condition()


def _get_records_waiting(original):
    def get_records(self, iterator_arn, limit):
        iterator = self.shard_iterators.get(iterator_arn)
        if iterator is not None:
            shard = iterator.stream_shard
            with _stream_appended:
                _stream_appended.wait_for(
                    lambda: iterator.sequence_number - shard.starting_sequence_number < len(shard.items), timeout=_STREAM_WAIT_SECONDS
                )
        return original(self, iterator_arn, limit)

    return get_records


class SerializedDynamoDB:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target.startswith("DynamoDB") and target not in _UNLOCKED:
            waited = time.perf_counter()
            with _dynamodb_lock:
                if "local.lock_wait" in environ:
                    environ["local.lock_wait"] = time.perf_counter() - waited
                # Drain the response inside the lock: the write happens while it is produced.
                body = list(self.app(environ, start_response))
            with _stream_appended:
                _stream_appended.notify_all()
            return body
        return self.app(environ, start_response)


# Item operations whose answers are DynamoDB JSON already (items as attribute-value maps, counts,
# keys, consumed capacity): encoded with moto's own DynamoDB JSON encoder instead of its
# model-driven serialiser, which walks every attribute value through the API model (~4 ms per
# GetItem or Query answer, inside the DynamoDB lock).
_PLAIN_JSON_ACTIONS = frozenset({"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "TransactWriteItems", "TransactGetItems"})


def _plain_json_answers(serialized):
    """`DynamoHandler.serialized` answering the item operations with `dynamo_json_dump`; errors
    and every other operation go through moto's serialiser. MOTO_CHECK_PLAIN_JSON=1 answers with
    moto's serialiser and fails a request whose plain encoding would have differed (a check)."""
    check = os.environ.get("MOTO_CHECK_PLAIN_JSON") == "1"
    members = {}

    def plain_serialized(self, action_result):
        result = action_result.result
        action = self._get_action()
        if action not in _PLAIN_JSON_ACTIONS or not isinstance(result, dict):
            return serialized(self, action_result)
        if action not in members:
            # The fields the API answers (moto's results carry a few more, which its serialiser drops).
            members[action] = frozenset(get_service_model("dynamodb").operation_model(action).output_shape.members)
        body = dynamo_json_dump({k: v for k, v in result.items() if v is not None and k in members[action]})
        headers = {"Content-Type": "application/x-amz-json-1.0", **self.response_headers}
        if check:
            status, expected_headers, expected = serialized(self, action_result)
            if (status, expected_headers, json.loads(expected)) != (200, headers, json.loads(body)):
                raise AssertionError(f"plain JSON differs for {self._get_action()}: {headers} {body} != {expected_headers} {expected}")
            return status, expected_headers, expected
        return 200, headers, body

    return plain_serialized


def _partition_query(query, all_items):
    """A query of a table's own key reads the partition, not the whole table: moto lists and sorts
    every item of the table for it (the same cost as a scan, and the RiskWindows and delivery
    tables grow with every transaction). The partition's items in key order are what moto's
    filter by hash key would have kept, so the answer is the same."""
    only = threading.local()
    signature = inspect.signature(query)

    def partition_query(self, hash_key, *args, **kwargs):
        index_name = signature.bind(self, hash_key, *args, **kwargs).arguments.get("index_name")
        if index_name is not None or hash_key is None or not self.range_key_attr:
            return query(self, hash_key, *args, **kwargs)
        only.table, only.hash_key = self, hash_key
        try:
            return query(self, hash_key, *args, **kwargs)
        finally:
            only.table = None

    def partition_items(self):
        if getattr(only, "table", None) is not self:
            return all_items(self)
        try:
            partition = self.items[only.hash_key] if only.hash_key in self.items else {}
        except TypeError:  # a key moto cannot hash: its own way answers
            return all_items(self)
        return sorted(partition.values(), key=lambda item: item.range_key)

    return partition_query, partition_items


_STATS_PATH = "/moto-api/local-stats"


def _request_kind(environ) -> str:
    """`<service>.<operation>` of a request: from X-Amz-Target (JSON protocols) or the query
    protocol's Action (SNS), which is in the form body; the body is put back for moto."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        prefix, _, operation = target.partition(".")
        service = {"DynamoDB_20120810": "DynamoDB", "DynamoDBStreams_20120810": "DynamoDBStreams", "AmazonSQS": "SQS", "AWSEvents": "EventBridge"}
        kind = f"{service.get(prefix, prefix)}.{operation}"
        if prefix == "DynamoDB_20120810":
            request = json.loads(body or b"{}")
            tables = [request["TableName"]] if "TableName" in request else sorted(request.get("RequestItems", {}))
            tables += sorted({op.get("TableName", "") for item in request.get("TransactItems", []) for op in item.values()})
            kind += f" {'+'.join(tables)}"
        return kind
    action = parse_qs(body.decode("utf-8", "replace")).get("Action", [""])[0]
    auth = environ.get("HTTP_AUTHORIZATION", "")
    service = auth.split("/")[3] if auth.count("/") >= 3 else environ.get("PATH_INFO", "")
    return f"{service}.{action or environ.get('REQUEST_METHOD', '')}"


class RequestStats:
    """Counts requests by kind with their time in the handler (and waiting for the DynamoDB lock).
    The stats endpoint's POST also restarts the profile, its GET also writes it (MOTO_PROFILE)."""

    def __init__(self, app, profiler=None):
        self.app = app
        self.profiler = profiler
        self.lock = threading.Lock()
        self.counts = {}

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == _STATS_PATH:
            with self.lock:
                if environ.get("REQUEST_METHOD") == "POST":
                    self.counts = {}
                body = json.dumps(self.counts).encode()
            if self.profiler is not None:
                self.profiler.restart() if environ.get("REQUEST_METHOD") == "POST" else self.profiler.dump()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        kind = _request_kind(environ)
        started = time.perf_counter()
        environ["local.lock_wait"] = 0.0
        body = list(self.app(environ, start_response))
        elapsed = time.perf_counter() - started
        with self.lock:
            entry = self.counts.setdefault(kind, {"count": 0, "ms": 0.0, "lockWaitMs": 0.0})
            entry["count"] += 1
            entry["ms"] += elapsed * 1000
            entry["lockWaitMs"] += environ["local.lock_wait"] * 1000
        return body


class RequestProfiler:
    """cProfile per server thread (a profiler sees only its own thread), merged when written."""

    def __init__(self, app, path):
        self.app = app
        self.path = path
        self.local = threading.local()
        self.generation = 0
        self.profiles = []
        self.lock = threading.Lock()
        atexit.register(self.dump)

    def __call__(self, environ, start_response):
        profile = getattr(self.local, "profile", None)
        if profile is None or self.local.generation != self.generation:
            profile = self.local.profile = cProfile.Profile()
            with self.lock:
                self.local.generation = self.generation
                self.profiles.append(profile)
        profile.enable()
        try:
            return list(self.app(environ, start_response))
        finally:
            profile.disable()

    def restart(self):
        with self.lock:
            self.generation += 1
            self.profiles = []

    def dump(self):
        with self.lock:
            profiles = list(self.profiles)
        if not profiles:
            return
        stats = pstats.Stats(profiles[0])
        for profile in profiles[1:]:
            stats.add(profile)
        stats.dump_stats(self.path)


def _retention_check(self, queue_name, message):
    """moto's check, with the retention period read from the queue instead of from its full
    attribute map (which counts the queue's messages, each count a walk of all of them)."""
    retain_until = int(self.get_queue(queue_name).message_retention_period) + message.sent_timestamp / 1000
    return retain_until > time.time()


def _now_by_time(original, scale):
    """moto's `unix_time`/`unix_time_millis` for "now" as time.time() (the same value without
    datetime arithmetic: SQS reads it per message, several times per request); a given datetime
    still goes to moto's."""

    def clock(dt=None):
        return time.time() * scale if dt is None else original(dt)

    return clock


def _transact_write_items(self, transact_items):
    """Check every condition first, then write: the same outcome as moto's version, which writes
    as it goes and on failure restores deep copies of every table it touches (a full table copy
    per item, so a transaction got slower the more the table held). Safe because the items of one
    transaction are distinct and DynamoDB requests run one at a time (see SerializedDynamoDB)."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    seen = set()
    errors = []
    ops = []
    for item in transact_items:
        if len(item) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(item.items()))
        if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
            raise ValueError("Unsupported transaction operation")
        table_name = op["TableName"]
        if op_type == "Put":
            table = self.get_table(table_name)
            attrs = op["Item"]
            key = {table.hash_key_attr: attrs[table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = attrs[table.range_key_attr]
        else:
            key = op["Key"]
        unique = (str(table_name), str(dict(sorted(key.items()))))
        if unique in seen:
            raise MultipleTransactionsException()
        seen.add(unique)
        ops.append((op_type, op, key))
        current = self.get_item(table_name, key)
        condition = op.get("ConditionExpression")
        if condition is not None:
            check = get_filter_expression(condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues"))
            if not check.expr(current):
                old = None
                if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                    old = current.to_json()["Attributes"]
                errors.append(("ConditionalCheckFailed", "The conditional request failed", old))
                continue
        errors.append((None, None, None))
    if any(code is not None for code, _, _ in errors):
        raise TransactionCanceledException(errors)
    for op_type, op, key in ops:
        names = op.get("ExpressionAttributeNames")
        values = op.get("ExpressionAttributeValues")
        if op_type == "Put":
            self.put_item(op["TableName"], op["Item"], expression_attribute_names=names, expression_attribute_values=values)
        elif op_type == "Delete":
            self.delete_item(op["TableName"], key, expression_attribute_names=names, expression_attribute_values=values)
        elif op_type == "Update":
            self.update_item(
                op["TableName"],
                key,
                update_expression=op["UpdateExpression"],
                expression_attribute_names=names,
                expression_attribute_values=values,
            )


class KeepAliveRequestHandler(WSGIRequestHandler):
    """werkzeug's handler closes every connection after its response (`Connection: close`), then
    reads whatever the client sent after the body, since it cannot tell where the request ended.
    Here a request with a Content-Length is read whole first and the application reads that copy,
    so the connection holds nothing more of it and stays open (HTTP/1.1, unless the client asks to
    close): the SDK clients reuse their connections instead of a TCP connect and a new server
    thread per AWS call. Any other request (chunked, HTTP/1.0) is handled as werkzeug does."""

    keep_alive = False

    def setup(self):
        super().setup()
        # The status line and headers, then the body, go out as separate writes; on an open
        # connection Nagle's algorithm would hold the body until the client's delayed ACK (40 ms).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def run_wsgi(self):
        length = self.headers.get("Content-Length", "0")
        if (
            self.request_version != "HTTP/1.1"
            or "close" in self.headers.get("Connection", "").lower()
            or "Transfer-Encoding" in self.headers
            or not length.isdigit()
        ):
            return super().run_wsgi()
        connection = self.rfile
        self.rfile = io.BytesIO(connection.read(int(length)))
        self.keep_alive = True
        try:
            super().run_wsgi()
        finally:
            self.rfile = connection
            self.keep_alive = False

    def send_header(self, keyword, value):
        if self.keep_alive and keyword.lower() == "connection" and value.lower() == "close":
            return
        super().send_header(keyword, value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    DynamoDBBackend.transact_write_items = _transact_write_items
    Table.query, Table.all_items = _partition_query(Table.query, Table.all_items)
    DynamoHandler.serialized = _plain_json_answers(DynamoHandler.serialized)
    DynamoDBStreamsBackend.get_records = _get_records_waiting(DynamoDBStreamsBackend.get_records)
    SQSBackend.is_message_valid_based_on_retention_period = _retention_check
    moto.sqs.models.unix_time = _now_by_time(moto.sqs.models.unix_time, 1)
    moto.sqs.models.unix_time_millis = _now_by_time(moto.sqs.models.unix_time_millis, 1000)
    # Parsed expressions are immutable; moto imports `parse` from the module at call time.
    jsonpath_ng.ext.parse = functools.lru_cache(maxsize=512)(jsonpath_ng.ext.parse)
    # The installed moto's service modules do not change while it runs.
    modules = tuple(moto.backends.list_of_moto_modules())
    moto.backends.list_of_moto_modules = lambda: modules
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    sys.setswitchinterval(float(os.environ.get("MOTO_SWITCH_INTERVAL", _SWITCH_INTERVAL_SECONDS)))
    app = SerializedDynamoDB(DomainDispatcherApplication(create_backend_app))
    profiler = None
    if os.environ.get("MOTO_PROFILE"):
        app = profiler = RequestProfiler(app, os.environ["MOTO_PROFILE"])
    if os.environ.get("MOTO_REQUEST_STATS") == "1":
        app = RequestStats(app, profiler)
    # HTTP/1.1 with keep-alive: the SDK clients keep their connections open instead of one per call.
    KeepAliveRequestHandler.protocol_version = "HTTP/1.1"
    run_simple(args.host, args.port, app, threaded=True, request_handler=KeepAliveRequestHandler)


if __name__ == "__main__":
    main()
