#!/usr/bin/env python3
"""Adds N published synthetic cases (default 10,000) to a SQLite marketplace database, to measure the case library
(search, filters, related cases) at scale. Usage: scripts/seed-many-cases.py /tmp/x.db [N]
Run it on a database the app has already created and seeded (it copies the demo cases' texts); restart the app or save
any public change afterwards so the related-case index sees the new cases."""
import json, random, sqlite3, sys, uuid, unicodedata, datetime

db, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
rng = random.Random(19)
con = sqlite3.connect(db)
demo = con.execute("select Title, Summary, Body, Lessons from Cases where Status = 2").fetchall()
orgs = [r[0] for r in con.execute("select Id from Organizations")]
skills = [s["code"] for s in json.load(open("seed/taxonomy.json"))["skills"]]
obstacles = ["shortage_of_people", "vendor_dependence", "organizational_walls", "resistance", "no_strategy", "no_budget"]
factors = ["head_vision", "vendor_facing_expert", "cross_organization", "front_line", "whole_strategy", "existing_budget"]
now = datetime.datetime.utcnow()
for i in range(n):
    title, summary, body, lessons = rng.choice(demo)
    title = f"{title}（合成事例{i + 1}）"
    at = (now - datetime.timedelta(minutes=i + 60)).strftime("%Y-%m-%d %H:%M:%S")
    cur = con.execute(
        """insert into Cases (Title, Summary, Body, Lessons, OwnerOrganizationId, PeriodFrom, PeriodTo, Themes, Obstacles,
           SuccessFactors, BudgetYen, FundingSource, Status, Source, SearchText, CreatedAt, UpdatedAt, SubmittedAt, PublishedAt, Version)
           values (?,?,?,?,?,?,?,?,?,?,?,?,2,0,?,?,?,?,?,?)""",
        (title, summary, body, lessons, None, "2022-04-01", "2024-03-31",
         json.dumps(rng.sample(skills, rng.randint(1, 4))), json.dumps(rng.sample(obstacles, rng.randint(1, 3))),
         json.dumps(rng.sample(factors, rng.randint(1, 3))), rng.randint(1, 500) * 1_000_000, "",
         unicodedata.normalize("NFKC", "\n".join([title, summary, body, lessons])).lower(), at, at, at, at, str(uuid.uuid4())))
    case_id = cur.lastrowid
    for org in set(rng.sample(orgs, rng.choice([1, 1, 1, 2, 3]))):
        con.execute("insert into CaseGovernments (CaseId, OrganizationId) values (?, ?)", (case_id, org))
    con.execute("insert into CaseKpis (CaseId, \"Order\", Name, Before, After, Unit) values (?, 0, '処理日数', '10.0', '3.0', '日')", (case_id,))
con.commit()
print(f"added {n} published cases; {con.execute('select count(*) from Cases where Status = 2').fetchone()[0]} published in all")
