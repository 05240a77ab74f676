# gen.py writes the Result fixtures of the report tests. The numbers follow
# report.Rescore: item points = score/100 x weight, pooled per section.
import json

SECTIONS = [("timescales", "Promises with timescales"), ("complaints", "Complaints handled well"), ("humans", "Real humans to talk to")]
ITEMS = [
    # id, section, question, weight, critical
    ("keeps-promises/timescales", "timescales", "Do published standards give concrete timescales?", 3, True),
    ("keeps-promises/reply-time", "timescales", "Is a reply time stated for letters and emails?", 1, False),
    ("keeps-promises/review", "timescales", "Are standards reviewed each year?", 1, False),
    ("complaints/route", "complaints", "Is the complaints route published?", 2, False),
    ("complaints/ombudsman", "complaints", "Does the policy name the ombudsman?", 1, True),
    ("complaints/learning", "complaints", "Are lessons from complaints reported?", 1, False),
    ("complaints/learning-board", "complaints", "Do lessons reach the board?", 1, False),
    ("humans/phone", "humans", "Can a caller reach a person within three rings?", 2, False),
    ("humans/named", "humans", "Do letters give a named contact?", 1, False),
]
SCORE = {"yes": 100.0, "partial": 50.0, "no": 0.0}
OUTCOME = {"yes": "pass", "partial": "partial", "no": "fail"}

def result(subject, date, auditor, answers, extra=None):
    extra = extra or {}
    items = []
    for iid, sec, q, w, crit in ITEMS:
        a = answers.get(iid)
        it = {"id": iid, "section": sec, "question": q, "weight": w, "findings": []}
        if crit:
            it["critical"] = True
        if a is None:
            it.update(outcome="unanswered", source="manual", score=None)
        elif a == "waived":
            it.update(outcome="waived", source="manual", score=None,
                      waiver={"owner": "Head of Customer Services", "reason": "phone system replaced in Q3", "expires": "2026-12-31", "file": "waivers.yaml", "line": 3})
        elif a == "na":
            it.update(outcome="na", source="manual", answer="na", score=None)
        elif a == "notasked":
            it.update(outcome="na", source="manual", score=None, condition="asked only when complaints/learning is no or partial")
        else:
            it.update(outcome=OUTCOME[a], source="manual", answer=a, score=SCORE[a])
        it.update(extra.get(iid, {}))
        items.append(it)
    sections, pe, pp = [], 0.0, 0.0
    for sid, title in SECTIONS:
        e = sum(i["score"] / 100 * i["weight"] for i in items if i["section"] == sid and i["score"] is not None)
        p = sum(i["weight"] for i in items if i["section"] == sid and i["score"] is not None)
        pe += e; pp += p
        s = round(e / p * 100, 1) if p else None
        sections.append({"id": sid, "title": title, "score": s, "grade": grade(s) if s is not None else None, "earned": e, "possible": p})
    score = round(pe / pp * 100, 1)
    crit = [i["id"] for i in items if i.get("critical") and i["outcome"] == "fail"]
    g = grade(score)
    if crit:
        g = {"label": "Inadequate", "rag": "red"}
    r = {"schemaVersion": 1, "tool": {"name": "svcaudit", "version": "test"},
         "checklist": {"id": "service-charter", "title": "Service charter audit", "version": "1.0"},
         "subject": subject, "auditor": auditor, "date": date, "score": score, "grade": g,
         "passed": not crit and score >= 60, "threshold": 60, "criticalFailures": crit,
         "unanswered": [i["id"] for i in items if i["outcome"] == "unanswered"],
         "sections": sections, "items": items}
    for s in r["sections"]:
        if s["grade"] is None:
            del s["grade"]
    return r

def grade(s):
    if s >= 80: return {"label": "Good", "rag": "green"}
    if s >= 50: return {"label": "Requires improvement", "rag": "amber"}
    return {"label": "Inadequate", "rag": "red"}

def gates(r, rules):
    r["gates"] = rules
    if any(not g["passed"] for g in rules):
        r["passed"] = False
    return r

def write(name, r):
    with open(name, "w") as f:
        json.dump(r, f, indent=2, ensure_ascii=False)
        f.write("\n")

q2 = result("Housing repairs", "2026-06-30", "A. Assessor", {
    "keeps-promises/timescales": "yes", "keeps-promises/reply-time": "partial", "keeps-promises/review": "no",
    "complaints/route": "yes", "complaints/ombudsman": "no", "complaints/learning": "yes",
    "complaints/learning-board": "notasked", "humans/phone": "waived",
}, {
    "keeps-promises/reply-time": {"note": "Letters: 10 days | emails: \"promptly\"\nNo time for web forms.",
        "evidence": ["case 2026/114"],
        "findings": [{"rule": "none", "file": "policies/standards.md", "line": 14, "column": 3, "snippet": "as soon as possible", "message": "anti-pattern found", "severity": "error"}]},
    "keeps-promises/review": {"note": "=HYPERLINK(\"http://evil.example\",\"click\")", "evidence": ["@board minutes 2025"]},
    "complaints/ombudsman": {"note": "Ombudsman not named <script>alert('x')</script>", "source": "overridden", "automatedOutcome": "pass",
        "findings": [{"rule": "any", "file": "policies/complaints.pdf", "page": 3, "message": "no match for 'ombudsman'", "severity": "error"}]},
})
gates(q2, [
    {"rule": "no-critical-failures: true", "passed": False, "detail": "complaints/ombudsman failed"},
    {"rule": "section-min: 75", "passed": False, "detail": "Promises with timescales scored 70.0%, 5.0 points below 75%"},
    {"rule": "max-partials: 2", "passed": True},
])
q2["notices"] = ["waiver for humans/phone expires on 2026-12-31 (Head of Customer Services)"]
q2["documents"] = ["policies/standards.md", "policies/complaints.pdf"]
write("housing-2026-q2.json", q2)

q1 = result("Housing repairs", "2026-03-31", "A. Assessor", {
    "keeps-promises/timescales": "partial", "keeps-promises/reply-time": "partial", "keeps-promises/review": "yes",
    "complaints/route": "partial", "complaints/ombudsman": "yes", "complaints/learning": "no",
    "complaints/learning-board": "no", "humans/phone": "no", "humans/named": "yes",
})
write("housing-2026-q1.json", q1)

q4 = result("Housing repairs", "2025-12-31", "B. Reviewer", {
    "keeps-promises/timescales": "no", "keeps-promises/reply-time": "no", "keeps-promises/review": "yes",
    "complaints/route": "partial", "complaints/ombudsman": "yes", "complaints/learning": "no",
    "complaints/learning-board": "no", "humans/phone": "no", "humans/named": "partial",
})
write("housing-2025-q4.json", q4)

tax = result("Council tax", "2026-06-28", "C. Auditor", {
    "keeps-promises/timescales": "yes", "keeps-promises/reply-time": "yes", "keeps-promises/review": "yes",
    "complaints/route": "yes", "complaints/ombudsman": "yes", "complaints/learning": "partial",
    "complaints/learning-board": "no", "humans/phone": "yes", "humans/named": "yes",
})
write("council-tax-2026-q2.json", tax)

lib = result("Libraries", "2026-06-29", "C. Auditor", {
    "keeps-promises/timescales": "partial", "keeps-promises/reply-time": "yes", "keeps-promises/review": "no",
    "complaints/route": "yes", "complaints/ombudsman": "yes", "complaints/learning": "no",
    "complaints/learning-board": "partial", "humans/phone": "na", "humans/named": "yes",
})
write("libraries-2026-q2.json", lib)

# Two shards of one audit, for --merge: each answers part of the list, and
# they disagree on complaints/route.
a = result("Libraries", "2026-06-29", "C. Auditor", {
    "keeps-promises/timescales": "partial", "keeps-promises/reply-time": "yes", "keeps-promises/review": "no",
    "complaints/route": "yes"})
b = result("Libraries", "2026-07-01", "D. Second", {
    "complaints/route": "partial", "complaints/ombudsman": "yes", "complaints/learning": "no",
    "complaints/learning-board": "partial", "humans/phone": "na", "humans/named": "yes"})
write("shard-a.json", a)
write("shard-b.json", b)
