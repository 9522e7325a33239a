#!/usr/bin/env python3
"""Seed-style peer of `hotrepos report --period week --top 500 --layout ranked` (issue 14, benchmark `process`).

What a typical script does: one search `created:SINCE..DATE`, sort=stars, per_page=100, pages 1..5 fetched by
5 threads (urllib + concurrent.futures), merged, deduplicated by id, ranked by stars and written as the same ranked
CSV columns with the csv module. Standard library only; no retries, no rate-limit handling, no slicing.

Usage: hot_repos.py --github-url URL --out DIR [--days 7] [--top 500] [--token TOKEN]
"""
import argparse
import concurrent.futures
import csv
import datetime
import json
import os
import urllib.parse
import urllib.request

HEADER = ["rank", "full_name", "html_url", "stars", "forks", "open_issues", "language", "topics", "created_at",
          "description", "group"]


def fetch_page(base_url, query, page, token):
    params = urllib.parse.urlencode({"q": query, "sort": "stars", "order": "desc", "per_page": 100, "page": page})
    request = urllib.request.Request(f"{base_url.rstrip('/')}/search/repositories?{params}")
    request.add_header("Accept", "application/vnd.github+json")
    request.add_header("User-Agent", "hot-repos-python")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response).get("items", [])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--github-url", default="https://api.github.com")
    parser.add_argument("--out", required=True)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--top", type=int, default=500)
    parser.add_argument("--token", default=os.environ.get("GITHUB_TOKEN"))
    args = parser.parse_args()

    today = datetime.datetime.now(datetime.timezone.utc).date()
    since = today - datetime.timedelta(days=args.days)
    query = f"created:{since.isoformat()}..{today.isoformat()}"
    pages = range(1, (args.top + 99) // 100 + 1)

    with concurrent.futures.ThreadPoolExecutor(max_workers=5) as pool:
        results = list(pool.map(lambda p: fetch_page(args.github_url, query, p, args.token), pages))

    seen = {}
    for items in results:
        for item in items:
            seen.setdefault(item["id"], item)
    ranked = sorted(seen.values(), key=lambda r: r.get("stargazers_count", 0), reverse=True)[:args.top]

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, f"hot-repos-week-{today.isoformat()}.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for rank, r in enumerate(ranked, start=1):
            language = r.get("language") or ""
            writer.writerow([rank, r["full_name"], r["html_url"], r.get("stargazers_count", 0), r.get("forks_count", 0),
                             r.get("open_issues_count", 0), language, ";".join(r.get("topics") or []),
                             r.get("created_at", ""), r.get("description") or "", language or "unknown"])
    print(path)


if __name__ == "__main__":
    main()
