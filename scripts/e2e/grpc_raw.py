"""Raw gRPC calls over one HTTP/2 connection (the h2 package): what a well-behaved client such as grpcio never
sends, for the collector's hostile-input tests. Reads a JSON list of calls on stdin, opens them as concurrent
streams, and prints (JSON on stdout) what came back for each, in order.

A call: {"path": "/pkg.Service/Method", "message": "<hex payload>", "compressed": false, "encoding": null,
         "length": null (a length prefix other than the payload's), "finish": true (END_STREAM after the message),
         "headers": {"authorization": "Bearer ..."}, "send": true (false: headers only),
         "flag": null (a compressed-flag byte other than 0 or 1), "chunk": null (DATA frames of at most this many bytes),
         "cut": 0 (bytes left off the end of the framed message)}
An answer: {"httpStatus": 200, "grpcStatus": 0, "grpcMessage": "...", "metadata": {...}, "message": "<hex>",
            "seconds": time to the answer}

Usage: grpc_raw.py --port PORT [--timeout SECONDS] < calls.json
"""
import argparse
import json
import socket
import struct
import sys
import time
import urllib.parse

import h2.config
import h2.connection
import h2.events


def frame(call):
    payload = bytes.fromhex(call.get("message", ""))
    length = call.get("length")
    flag = call.get("flag")
    if flag is None:
        flag = 1 if call.get("compressed") else 0
    framed = struct.pack(">BI", flag, len(payload) if length is None else length) + payload
    return framed[:len(framed) - call.get("cut", 0)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=20)
    args = parser.parse_args()
    calls = json.load(sys.stdin)

    sock = socket.create_connection(("127.0.0.1", args.port))
    sock.settimeout(0.2)
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
    conn.initiate_connection()
    conn.update_settings({h2.settings.SettingCodes.INITIAL_WINDOW_SIZE: 1 << 30})
    sock.sendall(conn.data_to_send())

    started = time.monotonic()
    streams = {}
    for index, call in enumerate(calls):
        stream = conn.get_next_available_stream_id()
        headers = [(":method", "POST"), (":scheme", "http"), (":path", call["path"]), (":authority", f"127.0.0.1:{args.port}"),
                   ("content-type", "application/grpc"), ("te", "trailers")]
        if call.get("encoding"):
            headers.append(("grpc-encoding", call["encoding"]))
        headers += list(call.get("headers", {}).items())
        sends = call.get("send", True)
        conn.send_headers(stream, headers, end_stream=not sends and call.get("finish", True))
        pending = frame(call) if sends else b""
        streams[stream] = {"index": index, "answer": {"httpStatus": None, "grpcStatus": None, "grpcMessage": None, "metadata": {},
                                                      "message": "", "seconds": None}, "pending": pending,
                           "finish": call.get("finish", True) and sends, "done": False,
                           "chunk": call.get("chunk") or (1 << 30)}
    closed = set()

    def flush_pending():
        for stream, state in streams.items():
            if stream in closed:
                continue
            while state["pending"]:
                window = min(conn.local_flow_control_window(stream), conn.max_outbound_frame_size, state["chunk"])
                if window <= 0:
                    break
                chunk, state["pending"] = state["pending"][:window], state["pending"][window:]
                conn.send_data(stream, chunk)
            if not state["pending"] and state["finish"]:
                conn.end_stream(stream)
                state["finish"] = False
        sock.sendall(conn.data_to_send())

    flush_pending()
    while time.monotonic() - started < args.timeout and not all(s["done"] for s in streams.values()):
        try:
            data = sock.recv(1 << 16)
        except socket.timeout:
            continue
        except ConnectionError:
            break
        if not data:
            break
        for event in conn.receive_data(data):
            state = streams.get(getattr(event, "stream_id", None))
            if isinstance(event, (h2.events.ResponseReceived, h2.events.TrailersReceived)):
                for name, value in event.headers:
                    if name == ":status":
                        state["answer"]["httpStatus"] = int(value)
                    elif name == "grpc-status":
                        state["answer"]["grpcStatus"] = int(value)
                    elif name == "grpc-message":
                        state["answer"]["grpcMessage"] = urllib.parse.unquote(value)
                    elif not name.startswith(":") and name not in ("content-type",):
                        state["answer"]["metadata"][name] = value
            elif isinstance(event, h2.events.DataReceived):
                state["answer"]["message"] += event.data.hex()
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, (h2.events.StreamEnded, h2.events.StreamReset)):
                state["done"] = True
                closed.add(event.stream_id)
                state["answer"]["seconds"] = round(time.monotonic() - started, 3)
                if isinstance(event, h2.events.StreamReset):
                    state["answer"]["reset"] = int(event.error_code)
            elif isinstance(event, h2.events.ConnectionTerminated):
                for s in streams.values():
                    s["done"] = True
        flush_pending()
    sock.close()
    json.dump([s["answer"] for s in sorted(streams.values(), key=lambda s: s["index"])], sys.stdout)


if __name__ == "__main__":
    main()
