"""Posts a large body the way a given Python client does and prints what came back, as JSON on stdout:
{"status": 413, "seconds": 0.05, "body": "...", "error": ""}. urllib sends the whole body before reading and asks
for `Connection: close`; requests keeps the connection alive. Only the standard library is needed for urllib.

Usage: refused_post.py --client urllib|requests --url URL --bytes N [--header 'Name: value' ...]
"""
import argparse
import json
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--client", choices=["urllib", "requests"], required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--bytes", type=int, required=True)
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args()
    headers = {"Content-Type": "application/json"}
    for header in args.header:
        name, value = header.split(":", 1)
        headers[name.strip()] = value.strip()
    body = b" " * args.bytes
    start = time.monotonic()
    status, text, error = -1, "", ""
    try:
        if args.client == "urllib":
            import urllib.error
            import urllib.request
            request = urllib.request.Request(args.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, text = response.status, response.read().decode(errors="replace")
            except urllib.error.HTTPError as refused:
                status, text = refused.code, refused.read().decode(errors="replace")
        else:
            import requests
            response = requests.post(args.url, data=body, headers=headers, timeout=60)
            status, text = response.status_code, response.text
    except Exception as failure:  # the bug this guards against: a broken pipe or reset instead of the answer
        error = repr(failure)
    json.dump({"status": status, "seconds": time.monotonic() - start, "body": text, "error": error}, sys.stdout)


if __name__ == "__main__":
    main()
