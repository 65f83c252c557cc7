#!/usr/bin/env python3
"""Build heldout.jsonl for the howto2 set (fixed shuffle, seed 2611)."""
import json, os, random

G, D, W, A = "getting-started.md", "docker.md", "git-workflow.md", "admin-cli.md"

def f(doc, q, gold, ans):
    return {"doc": doc, "kind": "factoid", "question": q, "gold": gold, "answer_any": ans}

def fu(doc, hist, q, gold, ans):
    return {"doc": doc, "kind": "followup", "history": hist, "question": q, "gold": gold, "answer_any": ans}

def u(doc, q):
    return {"doc": doc, "kind": "unanswerable", "question": q, "gold": [], "answer_any": []}

QUESTIONS = [
    # ---------------- getting-started.md ----------------
    f(G, "how do i install the lark cli on a mac",
      ["On macOS the quickest route is the team's Homebrew tap"], ["brew install larkspur-dev/tap/lark"]),
    f(G, "What's the apt package name for the Larkspur command line tool on Ubuntu?",
      ["On Debian and Ubuntu, add the signed package repository"], ["sudo apt install lark-cli", "lark-cli"]),
    f(G, "What command scaffolds a fresh Larkspur project?",
      ["Create a new project with the `new` subcommand"], ["lark new inventory-api", "lark new"]),
    f(G, "default dev server port",
      ["The development server listens on port 7410 by default"], ["7410"]),
    fu(G, ["default dev server port"], "how do i change it to 9000",
       ["To use a different port, pass the port flag"], ["lark serve --port 9000", "--port"]),
    f(G, "How can colleagues on my LAN reach the development server running on my machine?",
      ["To make the server reachable from other machines on your network"], ["lark serve --host 0.0.0.0", "--host 0.0.0.0"]),
    f(G, "file change detection is flaky on my network share, any setting to fix that",
      ["switch the watcher to polling mode in `lark.toml`"], ['watch_mode = "poll"']),
    f(G, "quickest way to add a new endpoint",
      ["let the generator write the file and register it for you"], ["lark gen route items --method GET --path /items", "lark gen route"]),
    f(G, "What's the largest request payload Larkspur accepts out of the box?",
      ["Larkspur limits request bodies to 2 MB by default"], ["2 MB"]),
    fu(G, ["What's the largest request payload Larkspur accepts out of the box?"],
       "and if my service takes file uploads, how do I bump that?",
       ["raise the limit in `lark.toml` if your service accepts file uploads"], ["max_body_size"]),
    f(G, "Should the CORS middleware come before or after my auth middleware?",
      ["the built-in CORS middleware should always be registered before any authentication middleware"], ["before any authentication middleware", "before"]),
    f(G, "my database tests break when run concurrently, how do i run them one at a time",
      ["force a single worker for them"], ["lark test --workers 1", "--workers 1"]),
    f(G, "How come the config file is no longer called larkspur.yaml?",
      ["because the maintainers wanted comments and stricter typing in configuration"], ["comments and stricter typing"]),
    f(G, "who originally started the Larkspur framework",
      ["It was started in 2021 by Odile Marchetti"], ["Odile Marchetti"]),
    f(G, "how can I stop the CLI from sending usage statistics",
      ["You can opt out by setting an environment variable"], ["export LARK_TELEMETRY=off", "LARK_TELEMETRY=off"]),
    f(G, "the dev server keeps reloading in an endless loop",
      ["Generated files are being watched; add them to `dev.ignore`"], ["dev.ignore"]),
    f(G, "When is the next major version of Larkspur expected?",
      ["is planned for the first half of 2027"], ["first half of 2027"]),
    u(G, "How do I uninstall the lark CLI?"),
    u(G, "whats the dnf command to install lark-cli on fedora"),
    u(G, "How do I serve the development server over HTTPS with a local certificate?"),
    u(G, "When did Larkspur 4.1 come out?"),
    u(G, "is there a watch mode for lark test that reruns on save"),

    # ---------------- docker.md ----------------
    f(D, "how do i pull the tollbooth image",
      ["Pull the current stable release with"], ["docker pull registry.tollbooth.io/tollbooth:3.6"]),
    f(D, "will it run on a 32-bit raspberry pi",
      ["there is no 32-bit ARM image"], ["no 32-bit ARM image"]),
    f(D, "What's the docker run command to start it with the ports published and persistent storage?",
      ["publishes both ports and mounts a volume for state"], ["-v tollbooth-data:/var/lib/tollbooth", "-p 8088:8088 -p 8089:8089"]),
    f(D, "how do i keep the dashboard reachable from localhost only",
      ["To publish it only on the host's loopback interface"], ["-p 127.0.0.1:8089:8089", "127.0.0.1:8089:8089"]),
    f(D, "What does TB_RATE_WINDOW control and what is it set to by default?",
      ["Length of the sliding window used by the rate limiter"], ["60s"]),
    f(D, "I never set an admin password. How do I find the one it generated?",
      ["Tollbooth generates a random password on first start"], ['docker logs tollbooth 2>&1 | grep "admin password"']),
    f(D, "how do I tell tollbooth where redis is in a compose setup",
      ["A typical `compose.yaml` looks like this"], ["TB_REDIS_URL: redis://redis:6379/0", "TB_REDIS_URL"]),
    f(D, "oldest redis release that works with tollbooth",
      ["Tollbooth supports Redis 6.2 and newer"], ["6.2"]),
    fu(D, ["oldest redis release that works with tollbooth"], "Do I even need it if I only run one instance?",
       ["Redis is optional when you run a single replica"], ["optional"]),
    f(D, "Why can't I just use curl in my compose healthcheck?",
      ["Because the image has no shell or curl"], ["/usr/bin/tb-probe", "tb-probe"]),
    f(D, "How do I update a Compose deployment to a new minor version?",
      ["Upgrade a Compose deployment with"], ["docker compose pull && docker compose up -d"]),
    f(D, "what do i have to run before starting 3.x when coming from 2.x",
      ["you must run the one-off migration command before starting the new version"], ["migrate --from 2"]),
    f(D, "Can I go straight from Tollbooth 1.x to 3.6?",
      ["Skipping major versions is not supported"], ["not supported"]),
    fu(D, ["Can I go straight from Tollbooth 1.x to 3.6?"], "and rolling back to the older version after upgrading?",
       ["Downgrades are never supported once a migration has run"], ["restore from a backup"]),
    f(D, "how do i take a backup without stopping the gateway",
      ["Trigger a snapshot into the data volume with"], ["docker exec tollbooth tollbooth snapshot --out /var/lib/tollbooth/backups/", "tollbooth snapshot"]),
    f(D, "How many snapshots are kept before old ones get deleted?",
      ["By default the seven most recent snapshots are kept"], ["seven"]),
    fu(D, ["How many snapshots are kept before old ones get deleted?"], "can I change that number",
       ["Change the retention with the `TB_SNAPSHOT_KEEP` environment variable"], ["TB_SNAPSHOT_KEEP"]),
    u(D, "How do I run Tollbooth with Podman instead of Docker?"),
    u(D, "what is the default value of TB_REDIS_URL"),
    u(D, "How much RAM should I give the Tollbooth container?"),
    u(D, "Is there an official Helm chart for deploying Tollbooth on Kubernetes?"),
    u(D, "how long does the 2.x to 3.x storage migration take"),

    # ---------------- git-workflow.md ----------------
    f(W, "who wrote the marlowe git guide",
      ["It was written by Tomasz Wierzbicki, the team's release manager"], ["Tomasz Wierzbicki"]),
    f(W, "Why did the team adopt this workflow in the first place?",
      ["after two incidents in which unreviewed commits reached production"], ["unreviewed commits reached production"]),
    f(W, "what do i need before a merge into trunk is allowed",
      ["merges require one approving review plus a green CI run"], ["one approving review plus a green CI run"]),
    f(W, "Which branch prefix should I use for bumping a dependency?",
      ["Dependency bumps, tooling and other housekeeping changes"], ["chore/"]),
    f(W, "How do I create a feature branch for ticket LDG-482?",
      ["Create a feature branch for ticket LDG-482 like this"], ["git switch -c feat/LDG-482-refund-webhooks trunk"]),
    f(W, "How long are topic branches allowed to exist?",
      ["Topic branches should live for no more than five working days"], ["five working days"]),
    fu(W, ["How long are topic branches allowed to exist?"], "why so short",
       ["because long-lived branches caused most of the painful merge conflicts"], ["painful merge conflicts"]),
    f(W, "how do i bring my branch up to date with the latest trunk",
      ["Fetch and rebase onto the latest trunk with"], ["git fetch origin && git rebase origin/trunk"]),
    f(W, "I'm stuck in the middle of a rebase, how do I bail out and get back to where I was?",
      ["abandon the rebase and return to where you started"], ["git rebase --abort"]),
    f(W, "My push got rejected after rebasing. What's the right way to force it?",
      ["use the safer lease variant, which refuses to overwrite commits"], ["git push --force-with-lease"]),
    f(W, "how do i activate the repo's git hooks after cloning",
      ["Git does not use them until you point it at that folder"], ["git config core.hooksPath .githooks"]),
    f(W, "Is it possible to bypass the hooks for one commit in an emergency?",
      ["you may skip the hooks for a single commit"], ["git commit --no-verify", "--no-verify"]),
    f(W, "who presses the merge button, the author or the reviewer",
      ["The author of a pull request merges it after approval"], ["The author"]),
    f(W, "How do I make a signed release tag?",
      ["Tags are always annotated and signed with the release manager's key"], ["git tag -s v2026.11.1", "git tag -s"]),
    f(W, "I pushed a tag by accident. How do I get rid of it?",
      ["delete it locally and on the remote before anyone fetches it"], ["git push origin --delete v2026.11.1", "git tag -d v2026.11.1"]),
    f(W, "Which branch do hotfix branches start from?",
      ["A hotfix branch is created from `stable`, not from `trunk`"], ["stable"]),
    fu(W, ["Which branch do hotfix branches start from?"], "and how quickly does the fix have to land on trunk afterwards?",
       ["it must be cherry-picked onto `trunk` within one working day"], ["within one working day"]),
    f(W, "How do I undo a change that's already been merged into trunk?",
      ["create a revert commit on a new branch"], ["git revert <commit-sha>"]),
    u(W, "Which key algorithm do we use for signing release tags?"),
    u(W, "which CI service runs our checks"),
    u(W, "How long does the pre-push hook usually take to run?"),
    u(W, "What's the maximum line length for the commit message body?"),
    u(W, "who was release manager before Tomasz"),

    # ---------------- admin-cli.md ----------------
    f(A, "Can I run heronctl from my laptop against a remote server?",
      ["`heronctl` must run on the same host as the server"], ["same host as the server"]),
    f(A, "What command adds a new regular user account?",
      ["Create a regular account with the `user add` command"], ["heronctl user add mkowalski --email m.kowalski@example.org", "heronctl user add"]),
    f(A, "How long do new users have to accept their invite?",
      ["with a link that is valid for 72 hours"], ["72 hours"]),
    fu(A, ["How long do new users have to accept their invite?"], "and if they miss it?",
       ["If the link expires, send a fresh one"], ["heronctl user reinvite mkowalski", "heronctl user reinvite"]),
    f(A, "Which role is able to delete messages and mute people in any channel?",
      ["Delete messages and mute members in any channel"], ["moderator"]),
    f(A, "when do deactivated accounts get permanently deleted",
      ["Deactivated accounts are permanently purged after 90 days"], ["90 days"]),
    fu(A, ["when do deactivated accounts get permanently deleted"], "Can I restore one before that?",
       ["Until then they can be brought back with"], ["heronctl user reactivate"]),
    f(A, "A user has no access to email. How can I get them back into their account?",
      ["generate a one-time temporary password instead"], ["heronctl password reset mkowalski --temporary", "--temporary"]),
    f(A, "Can I require two-factor auth only for admins?",
      ["it cannot yet be enforced for a single role only"], ["cannot yet be enforced for a single role"]),
    f(A, "After rotating the signing key, how long do old sessions stay valid?",
      ["keeps validating existing sessions for a grace period of 24 hours"], ["24 hours"]),
    fu(A, ["After rotating the signing key, how long do old sessions stay valid?"], "the key leaked - can I cut that to nothing?",
       ["Shorten the grace period if the key was compromised"], ["heronctl keys rotate --kind signing --grace 0", "--grace 0"]),
    f(A, "How do I monitor the progress of the re-encryption job?",
      ["Rotating the storage key starts a background job that re-encrypts every attachment"], ["heronctl jobs status"]),
    f(A, "How do I make exports include direct messages?",
      ["the server has the `compliance_export` setting enabled in `heronchat.toml`"], ["compliance_export = true"]),
    f(A, "turn on maintenance mode with a banner message",
      ["Enable it with an optional message for the banner"], ["heronctl maintenance on --message", "heronctl maintenance on"]),
    f(A, "what happens to webhook messages during maintenance",
      ["their messages are queued for up to two hours"], ["queued for up to two hours", "two hours"]),
    f(A, "Which exit code means the user I passed doesn't exist?",
      ["The target user, channel or job does not exist"], ["5"]),
    f(A, "Are admins blocked from posting while maintenance mode is active?",
      ["Administrators can still log in and post while maintenance mode is on"], ["can still log in and post"]),
    u(A, "Which exit code does heronctl return when permission is denied?"),
    u(A, "what's the heronctl command to require 2fa for every user"),
    u(A, "How long are entries kept in the audit log before being rotated?"),
    u(A, "What zstd compression level does the export use?"),
    u(A, "how many users can a single Heronchat 8.1 server handle"),
    u(A, "How do I change a user's role after the account already exists?"),
]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = list(QUESTIONS)
    random.Random(2611).shuffle(items)
    with open(os.path.join(here, "heldout.jsonl"), "w", encoding="utf-8") as fh:
        for i, q in enumerate(items, 1):
            out = {"id": f"h2-{i:03d}", "kind": q["kind"], "question": q["question"],
                   "gold": q["gold"], "answer_any": q["answer_any"]}
            if q["kind"] == "followup":
                out["history"] = q["history"]
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(items), Counter(q["kind"] for q in items), Counter(q["doc"] for q in items))

if __name__ == "__main__":
    main()
