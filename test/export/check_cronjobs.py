#!/usr/bin/python3
"""Checks the YAML of `cronc export kubernetes` the way the API server would read it (Debian's python3-yaml).

usage: check_cronjobs.py FILE

PyYAML reads YAML 1.1, as the API server's decoder does, so an unquoted `on`, `no` or `123` would come back as
a bool or a number here too. Every document must be a batch/v1 CronJob with the fields cronc promises. Prints one
JSON object a line per CronJob: name, job (its cronc/job-id label), schedule, args, image, namespace, and the
policies concurrency_policy, active_deadline_seconds and backoff_limit.
Exit status 0 when all is well; 1 with one line per problem; 2 when the tool cannot run.
"""
import json
import re
import sys

try:
    import yaml
except ImportError:
    print("check_cronjobs.py: the yaml module is missing (Debian: python3-yaml; scripts/setup.sh installs it)",
          file=sys.stderr)
    sys.exit(2)

DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")


def check(document, index, problems):
    def expect(condition, what):
        if not condition:
            problems.append(f"document {index}: {what}")
        return condition

    def at(path):
        value = document
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value

    if not expect(isinstance(document, dict), "is not a mapping"):
        return None
    expect(document.get("apiVersion") == "batch/v1", "apiVersion is not batch/v1")
    expect(document.get("kind") == "CronJob", "kind is not CronJob")
    name = at("metadata.name")
    expect(isinstance(name, str) and len(name) <= 52 and DNS_SUBDOMAIN.match(name),
           f"metadata.name {name!r} is not a DNS subdomain of at most 52 characters")
    namespace = at("metadata.namespace")
    expect(namespace is None or isinstance(namespace, str), "metadata.namespace is not a string")
    label_paths = ("metadata.labels", "spec.jobTemplate.metadata.labels",
                   "spec.jobTemplate.spec.template.metadata.labels")
    for path in label_paths:
        labels = at(path)
        if expect(isinstance(labels, dict), f"{path} is missing"):
            for key, value in labels.items():
                expect(isinstance(value, str) and len(value) <= 63 and LABEL_VALUE.match(value),
                       f"{path}[{key}] = {value!r} is not a label value")
    annotations = at("metadata.annotations") or {}
    for key, value in annotations.items():
        expect(isinstance(value, str), f"annotation {key} = {value!r} is not a string")
    schedule = at("spec.schedule")
    expect(isinstance(schedule, str), "spec.schedule is not a string")
    expect(at("spec.timeZone") == "Etc/UTC", "spec.timeZone is not Etc/UTC")
    policy = at("spec.concurrencyPolicy")
    expect(policy in ("Forbid", "Allow", "Replace"), f"spec.concurrencyPolicy {policy!r} is not a policy")
    deadline = at("spec.startingDeadlineSeconds")
    expect(deadline is None or (isinstance(deadline, int) and deadline >= 10), "startingDeadlineSeconds is wrong")
    for limit in ("successfulJobsHistoryLimit", "failedJobsHistoryLimit"):
        value = at("spec." + limit)
        expect(isinstance(value, int) and not isinstance(value, bool) and value >= 0, f"spec.{limit} is wrong")
    backoff = at("spec.jobTemplate.spec.backoffLimit")
    expect(isinstance(backoff, int) and not isinstance(backoff, bool) and 0 <= backoff <= 10,
           f"backoffLimit {backoff!r} is not 0 to 10")
    active = at("spec.jobTemplate.spec.activeDeadlineSeconds")
    expect(active is None or (isinstance(active, int) and 1 <= active <= 86400),
           f"activeDeadlineSeconds {active!r} is not 1 to 86400")
    pod = at("spec.jobTemplate.spec.template.spec") or {}
    expect(pod.get("restartPolicy") == "Never", "restartPolicy is not Never")
    containers = pod.get("containers")
    if not expect(isinstance(containers, list) and len(containers) == 1, "there is not exactly one container"):
        return None
    container = containers[0]
    args = container.get("args")
    job = (at("metadata.labels") or {}).get("cronc/job-id")
    expect(isinstance(container.get("image"), str), "the image is not a string")
    expect(isinstance(args, list) and all(isinstance(a, str) for a in args), "args are not strings")
    expect(args == ["--cron-run-job", job], f"args {args!r} do not run job {job!r}")
    job_name = {"name": "CRON_KUBERNETES_JOB_NAME",
                "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['batch.kubernetes.io/job-name']"}}}
    expect(container.get("env") == [job_name],
           "the Job's name does not reach the container as CRON_KUBERNETES_JOB_NAME")
    return {"name": name, "job": job, "schedule": schedule, "args": args, "image": container.get("image"),
            "namespace": namespace, "concurrency_policy": policy, "active_deadline_seconds": active,
            "backoff_limit": backoff}


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        documents = list(yaml.safe_load_all(f))
    problems = []
    summaries = []
    for index, document in enumerate(documents):
        summary = check(document, index, problems)
        if summary:
            summaries.append(summary)
    names = [s["name"] for s in summaries]
    if len(set(names)) != len(names):
        problems.append("two CronJobs have the same name")
    for problem in problems:
        print(problem)
    if problems:
        return 1
    for summary in summaries:
        print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
