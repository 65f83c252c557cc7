#!/usr/bin/env python3
"""Write heldout.jsonl for eval set k from the list below.

Each entry is tagged with its document ("doc"); the tag is NOT written out.
Order is shuffled with a fixed seed, then ids k-001 ... are assigned.
"""
import json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
F, W, U = "factoid", "followup", "unanswerable"

R = "README.md"
C = "cli-reference.md"
G = "config-reference.md"
T = "troubleshooting.md"
M = "migration-guide.md"


def q(doc, kind, question, gold=(), ans=(), history=None):
    d = {"doc": doc, "kind": kind, "question": question,
         "gold": list(gold), "answer_any": list(ans)}
    if history is not None:
        d["history"] = list(history)
    return d


QUESTIONS = [
    # ---------------- README.md (quillsync) ----------------
    q(R, F, "who originally wrote quillsync?",
      ["It was started in 2021 by Ottilie Brandvold"], ["Ottilie Brandvold"]),
    q(R, F, "newest stable quillsync release",
      ["The current stable release is 3.4.2, published on 14 August 2026."], ["3.4.2"]),
    q(R, F, "If a copy gets cut off halfway, does quillsync have to begin again from scratch?",
      ["picks up at the last completed 4 MiB block"], ["4 MiB block", "resumable"]),
    q(R, F, "where does the install script drop the executable",
      ["The script places the binary in `~/.local/bin` and never asks for root."], ["~/.local/bin"]),
    q(R, F, "how do I get it on Windows",
      ["and Windows users can run `winget install Brandvold.Quillsync`."], ["winget install Brandvold.Quillsync"]),
    q(R, F, "Will push remove stuff on the target that's gone from the source?",
      ["it never deletes anything on the destination"], ["--prune", "never deletes"]),
    q(R, F, "where is the two-way sync state stored",
      ["keeps a small state database in `.quillsync/state.db` inside each root"], [".quillsync/state.db"]),
    q(R, F, "how do i skip hidden files",
      ["Pass `--skip-hidden` to leave them out"], ["--skip-hidden", "skip_hidden = true"]),
    q(R, F, "What does a line beginning with !! do in .quillignore?",
      ["a line starting with `!!` forces inclusion"], ["forces inclusion"]),
    q(R, F, "what happens if the same file was edited on both machines",
      ["the older copy is kept with a `.conflict-<timestamp>` suffix"], [".conflict-<timestamp>"]),
    q(R, F, "sync from an old hard drive is slow, should I change the thread count?",
      ["you may get better results with fewer threads"], ["--jobs 2", "fewer threads"]),
    q(R, F, "are xattrs and ACLs carried over",
      ["It does not preserve extended attributes or ACLs"], ["permission bits and modification times", "does not preserve"]),
    q(R, F, r"can I sync to a \\server\share path on windows?",
      [r"Windows network paths in UNC form (`\\server\share`) are not supported"], ["map a drive letter", "not supported"]),
    q(R, F, "Can quillsync run itself on a schedule, like every night?",
      ["There is no built-in scheduler."], ["cron", "systemd timers", "no built-in scheduler"]),
    q(R, F, "quillsync license",
      ["quillsync is released under the Mozilla Public License 2.0."], ["Mozilla Public License 2.0"]),
    q(R, F, "Who drew the feather logo?",
      ["a stylised feather crossing two arrows, was drawn by Marit Oyelaran"], ["Marit Oyelaran"]),
    q(R, W, "and in what year did she start it",
      ["It was started in 2021 by Ottilie Brandvold"], ["2021"],
      history=["who originally wrote quillsync?"]),
    q(R, W, "how quickly will they get back to me",
      ["expect an acknowledgement within 72 hours"], ["72 hours"],
      history=["Where should I report a security hole in quillsync?"]),
    q(R, U, "Are there prebuilt quillsync binaries for FreeBSD?"),
    q(R, U, "when did quillsync 3.0 come out"),
    q(R, U, "Who are the other people maintaining quillsync besides the founder?"),
    q(R, U, "can quillsync sync to an S3 bucket"),
    q(R, U, "What's the minimum Linux kernel version quillsync needs?"),
    q(R, U, "how long does a run over a million files take"),

    # ---------------- cli-reference.md (quillsync CLI) ----------------
    q(C, F, "can I put flags after the source and destination paths?",
      ["Subcommand flags may appear anywhere after the subcommand, including after the paths."],
      ["anywhere after the subcommand"]),
    q(C, F, "which subcommand just compares two folders without transferring anything",
      ["Compares both trees by hash without copying anything at all."], ["verify"]),
    q(C, F, "When is it worth running prune-state?",
      ["has grown beyond a few hundred megabytes after many renames"], ["a few hundred megabytes", "orphaned entries"]),
    q(C, F, "how to get debug level logs",
      ["Logs every file decision; repeat as `-vv` for debug output."], ["-vv"]),
    q(C, F, "How many threads does quillsync use out of the box?",
      ["Number of parallel threads used for walking and copying."], ["8"]),
    q(C, F, "default ssh connection timeout quillsync",
      ["Aborts a stalled remote connection after this many seconds."], ["30"]),
    q(C, F, "what are the options for resolving mirror conflicts",
      ["Resolves mirror conflicts with `keep-both`, `newer` or `source`."], ["keep-both", "newer", "source"]),
    q(C, F, "Which release added following symlinks?",
      ["Copies symlink targets instead of the links (added in 3.2)."], ["3.2"]),
    q(C, F, "if an --include and an --exclude both match a path which one applies",
      ["The last matching rule wins."], ["last matching rule"]),
    q(C, F, "Is --conflict newer safe to use between two machines?",
      ["Use it only when clocks on both machines are synchronised"], ["NTP", "clocks"]),
    q(C, F, "what's the syntax of a line in the bandwidth schedule file",
      ["one rule per line in the form `HH:MM-HH:MM rate`"], ["HH:MM-HH:MM rate"]),
    q(C, F, "watch doesn't notice changes made on my NFS share by other machines",
      ["Polling is needed on network file systems such as NFS and SMB"], ["Polling"]),
    q(C, F, "what exit status do I get if I hit ctrl-c",
      ["Interrupted by the user with Ctrl+C."], ["130"]),
    q(C, F, "Does exit code 4 mean the sync failed?",
      ["Exit code 4 is a partial success"], ["partial success"]),
    q(C, F, "how can I make quillsync connect to ssh on a non-standard port",
      ["Replaces the SSH command, for example `ssh -p 2222`."], ["QUILLSYNC_SSH"]),
    q(C, F, "Which takes priority, a command-line flag or an environment variable?",
      ["Command-line flags always take precedence over environment variables"], ["Command-line flags"]),
    q(C, W, "and which hash algorithm does it use by default?",
      ["Chooses the hash algorithm: `blake3`, `sha256` or `xxh3`."], ["blake3"],
      history=["how many times does quillsync retry a failed transfer by default?"]),
    q(C, W, "what about 2?",
      ["Invalid command line, for example an unknown flag."], ["Invalid command line", "unknown flag"],
      history=["What does quillsync exit code 5 mean?"]),
    q(C, W, "how often does it rescan then",
      ["Seconds between scans when polling mode is turned on."], ["10"],
      history=["how do I make quillsync watch use polling instead of notifications"]),
    q(C, U, "what does quillsync exit code 7 mean"),
    q(C, U, "In which version was --max-size introduced?"),
    q(C, U, "how much faster is xxh3 than blake3"),
    q(C, U, "Is there an environment variable for setting the bandwidth limit?"),
    q(C, U, "what's the maximum number of jobs allowed with -j"),

    # ---------------- config-reference.md (Harbormaster) ----------------
    q(G, F, "where does harbormaster search for harbor.yaml",
      ["The server looks for the file in the current working directory first"],
      ["current working directory", "/etc/harbormaster/harbor.yaml"]),
    q(G, F, "What happens if I make a typo in a config key name?",
      ["Unknown keys are rejected at startup with an error"], ["rejected at startup"]),
    q(G, F, "default listen address harbormaster",
      ["Address and port on which the server accepts connections."], ["127.0.0.1:8080"]),
    q(G, F, "How long does an idle keep-alive connection stay open by default?",
      ["How long an idle keep-alive connection stays open."], ["75s"]),
    q(G, F, "what status does the server send back when an upload is too large",
      ["Largest request body accepted before replying with status 413."], ["413"]),
    q(G, F, "can I just write read_timeout: 30 without a unit",
      ["A bare number without a unit is rejected"], ["rejected"]),
    q(G, F, "Is MB in size values 1000 or 1024 based?",
      ["which are powers of 1024 in Harbormaster despite the SI-looking names"], ["1024"]),
    q(G, F, "in a container with a CPU quota, how does it pick the worker count",
      ["Harbormaster reads the cgroup limit rather than the host core count"], ["cgroup limit"]),
    q(G, F, "how come I'm getting untrusted staging certificates from Let's Encrypt?",
      ["obtains certificates automatically from the Let's Encrypt staging directory"],
      ["acme_production: true", "staging directory"]),
    q(G, F, "how long before expiry are ACME certs renewed",
      ["renewed 21 days before they expire"], ["21 days"]),
    q(G, F, "Two site entries both match a host. Which one handles the request?",
      ["Entries are matched against the `Host` header in the order written"], ["first match wins"]),
    q(G, F, "can one site have both a root directory and a proxy",
      ["in which case static files are tried first"], ["having both is allowed", "static files are tried first"]),
    q(G, F, "How many failed health checks before an upstream stops getting traffic?",
      ["An upstream is marked unhealthy after three failed checks in a row"], ["three failed checks", "three"]),
    q(G, F, "env var with a default value in harbor.yaml",
      ["unless a fallback is given as `${NAME:-fallback}`"], ["${NAME:-fallback}"]),
    q(G, F, "what should I use instead of server.port",
      ["Use `server.listen` with an address and port."], ["server.listen"]),
    q(G, F, "what do clients see when every backend is down",
      ["Harbormaster answers with status 502 and a short plain-text body"], ["502"]),
    q(G, W, "and since which version has it been deprecated?",
      ["Split into `read_timeout` and `write_timeout` keys."], ["4.2"],
      history=["what replaces the deprecated server.timeout key in harbormaster?"]),
    q(G, W, "what if I lower it to 1.0",
      ["Support for those versions will be removed entirely in Harbormaster 6.0."], ["warning", "6.0"],
      history=["What's the default minimum TLS version in Harbormaster?"]),
    q(G, U, "Does Harbormaster support HTTP/3?"),
    q(G, U, "what's the default value of tls.max_version"),
    q(G, U, "Which port are upstream health checks sent to?"),
    q(G, U, "how many times does harbormaster retry a failed upstream request before returning 502"),
    q(G, U, "When is Harbormaster 6.0 scheduled to be released?"),
    q(G, U, "per-site rate limiting config key"),

    # ---------------- troubleshooting.md (burrow) ----------------
    q(T, F, "installed burrow but the shell says command not found",
      ["The installer puts the executable in `~/.burrow/bin`"], ["~/.burrow/bin"]),
    q(T, F, "which folder holds burrow.exe on Windows?",
      [r"On Windows the directory is `%LOCALAPPDATA%\burrow\bin`"], [r"%LOCALAPPDATA%\burrow\bin"]),
    q(T, F, "What's the oldest Pyrite that burrow works with?",
      ["burrow needs an interpreter of Pyrite 3.9 or newer."], ["3.9"]),
    q(T, F, "how can I see why the resolver made the choices it did",
      ["prints the full decision tree the resolver walked through"], ["--explain"]),
    q(T, F, "how long is index metadata cached",
      ["the resolver also caches index metadata for 10 minutes"], ["10 minutes", "index_ttl"]),
    q(T, F, "B210 on Alpine, no compatible release. Any way around it?",
      ["pass `--allow-build` so burrow may compile from a Git tag"], ["--allow-build"]),
    q(T, F, "in CI I want the install to fail rather than quietly rewrite the lock file",
      ["use `burrow sync --locked` instead, which fails with exit code 9"], ["burrow sync --locked"]),
    q(T, F, "How should I deal with a merge conflict in burrow.lock?",
      ["Accept either side, then run `burrow lock --refresh-only`"], ["burrow lock --refresh-only"]),
    q(T, F, "do libraries need to check in their lock file",
      ["Yes for applications, and it is optional for libraries."], ["optional for libraries", "optional"]),
    q(T, F, "why did burrow get rid of the insecure setting",
      ["because people left it on permanently"], ["left it on permanently"]),
    q(T, F, "package downloads freeze at 99%",
      ["set `prefer_ipv4 = true` in the user configuration"], ["prefer_ipv4 = true"]),
    q(T, F, "Who first reported the IPv6 download hang?",
      ["reported by Ines Kowalczyk in March 2026"], ["Ines Kowalczyk"]),
    q(T, F, "if the same package is on the public depot and on our private index, which copy do I get",
      ["the first index that has any release of a name wins"], ["first index"]),
    q(T, F, "environment locked by another process but nothing else is running",
      ["to remove it immediately, run `burrow env unlock`"], ["burrow env unlock", "15 minutes"]),
    q(T, F, "Can I re-upload a version after deleting it from the Depot?",
      ["never allows a version to be uploaded twice"], ["never allows", "1.4.0.post1"]),
    q(T, F, "how long do uploads to depot-test stick around",
      ["Test uploads are deleted automatically after 90 days"], ["90 days"]),
    q(T, W, "and what if I'm logged in with a token?",
      ["authenticated clients get a limit of 6,000 requests per minute"], ["6,000"],
      history=["what's the request limit for anonymous clients on the Pyrite Package Depot?"]),
    q(T, W, "can I put a cap on how big it gets",
      ["The cache can also be capped with `cache_max_size`"], ["cache_max_size"],
      history=["where does burrow keep downloaded archives?"]),
    q(T, W, "can it fetch one for me instead",
      ["let burrow download one with `burrow pyrite install 3.12`"], ["burrow pyrite install 3.12"],
      history=["how do I fix burrow's B101 no interpreter found error"]),
    q(T, U, "what does burrow error B302 mean"),
    q(T, U, "What's the rate limit for publishing packages to the Depot?"),
    q(T, U, "when was burrow 2.7 released"),
    q(T, U, "Which burrow version fixes the IPv6 download hang?"),
    q(T, U, "what is the default cache_max_size"),

    # ---------------- migration-guide.md (fetchling) ----------------
    q(M, F, "when did fetchling 3 ship",
      ["It was released on 3 February 2026"], ["3 February 2026"]),
    q(M, F, "How long will the 2.x branch keep getting security patches?",
      ["the 2.x line will receive security fixes only until 31 January 2027"], ["31 January 2027"]),
    q(M, F, "minimum pyrite version for fetchling 3.0",
      ["fetchling 3.0 requires Pyrite 3.10 or newer, up from 3.7"], ["3.10"]),
    q(M, F, "what was wrong with the old global client",
      ["shared cookies between unrelated parts of a program"], ["two reported data leaks", "data leaks"]),
    q(M, F, "Are the module-level helpers like fetchling.get() still efficient in 3.0?",
      ["each call creates and closes a throwaway session"], ["throwaway session"]),
    q(M, F, "What's the default timeout in fetchling 3?",
      ["every session has a default timeout of 20 seconds"], ["20 seconds"]),
    q(M, F, "why was retry removed",
      ["the built-in policy retried POST requests by default"], ["duplicate payments"]),
    q(M, F, "which HTTP methods does fetchling-retry retry by default",
      ["the default policy retries only GET, HEAD, PUT, DELETE and OPTIONS"],
      ["GET, HEAD, PUT, DELETE and OPTIONS"]),
    q(M, F, "Does attempts=4 give me four retries or three?",
      ["`attempts=4` means one request plus up to three retries"], ["three retries", "three"]),
    q(M, F, "what's fetchling.Client called now",
      ["Same constructor arguments, plus the new `base_url`."], ["fetchling.Session"]),
    q(M, F, "json_body() replacement",
      ["Raises `DecodeError` instead of returning None."], ["response.json()"]),
    q(M, F, "verify_ssl no longer works, what do I pass instead?",
      ["`verify_ssl=` was removed; use `verify=` instead"], ["verify="]),
    q(M, F, "How come redirects after a POST aren't followed anymore?",
      ["silently turned the request into a GET and dropped the body"], ["dropped the body"]),
    q(M, F, "does a 404 response throw an exception in v3",
      ["A response with a 4xx or 5xx status no longer raises automatically."], ["raise_for_status()"]),
    q(M, F, "who built the fetchling-upgrade tool?",
      ["It was written by Dagny Ferreira-Holt"], ["Dagny Ferreira-Holt"]),
    q(M, F, "what do I use now that hooks= is gone",
      ["was removed in favour of event handlers registered with"], ['session.on("response", handler)']),
    q(M, W, "and roughly what share of the changes does it cover",
      ["handles about 80 percent of the changes in a typical codebase"], ["80 percent"],
      history=["who built the fetchling-upgrade tool?"]),
    q(M, W, "what happened to InvalidSchema then?",
      ["`ContentDecodingError` and `InvalidSchema` were merged into these"], ["merged"],
      history=["Which direct exception subclasses does fetchling 3 have?"]),
    q(M, U, "when is fetchling 3.1 coming out"),
    q(M, U, "Why was the fastjson decoder dropped?"),
    q(M, U, "how many attempts does fetchling-retry make by default if I don't pass attempts"),
    q(M, U, "Who maintains the fetchling-retry package?"),
    q(M, U, "does AsyncSession support HTTP/2"),
    q(M, U, "what time of day are the monthly migration office hours"),
]


def main():
    items = list(QUESTIONS)
    random.Random(20261128).shuffle(items)
    out = os.path.join(HERE, "heldout.jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for i, it in enumerate(items, 1):
            rec = {"id": f"k-{i:03d}", "kind": it["kind"], "question": it["question"],
                   "gold": it["gold"], "answer_any": it["answer_any"]}
            if "history" in it:
                rec["history"] = it["history"]
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    from collections import Counter
    print("wrote", len(items), "questions to", out)
    print("by kind:", dict(Counter(i["kind"] for i in items)))
    print("by doc:", dict(Counter(i["doc"] for i in items)))
    print("by doc and kind:", dict(Counter((i["doc"], i["kind"]) for i in items)))


if __name__ == "__main__":
    main()
