#!/usr/bin/python3
"""Reference computation of svcaudit's case-log measures, with pandas and
numpy.busday_count, for bench/cases.sh to time and compare against.

    /usr/bin/python3 bench/cases_ref.py LOG.csv HOLIDAYS.txt HOMES FROM TO ASOF

Prints one line per figure, "id numerator denominator value", in the
order bench/cases.sh prints svcaudit's: CH01/CH02 for each stage, then the
stage 1 acknowledgement (5 working days of receipt) and answer (10 working
days of acknowledgement) items. Rows svcaudit leaves out (an unreadable
date, a stage other than 1 or 2, dates out of order, a repeated reference
at the same stage, no reference or received date, a bad extension) are
left out here too, worked out independently.
"""
import sys

import numpy as np
import pandas as pd


def parse_dates(s):
    s = s.fillna("").str.strip()
    iso = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
    uk = pd.to_datetime(s, format="%d/%m/%Y", errors="coerce")
    d = iso.fillna(uk)
    bad = (s != "") & d.isna()
    return d.values.astype("datetime64[D]"), (s == "").values, bad.values


def tenths(n, d):
    # half up, in integers, as svcaudit rounds
    return (20 * n + d) // (2 * d) / 10 if d > 0 else 0.0


def main():
    path, hol_path, homes, start, end, asof = sys.argv[1:7]
    homes = int(homes)
    start, end, asof = np.datetime64(start), np.datetime64(end), np.datetime64(asof)
    hol = np.array(open(hol_path).read().split(), dtype="datetime64[D]")
    cal = np.busdaycalendar(holidays=hol)

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    ref = df["Reference"].str.strip()
    stage = pd.to_numeric(df["Stage"].str.strip(), errors="coerce")
    rec, rec_empty, rec_bad = parse_dates(df["Received"])
    ack, ack_empty, ack_bad = parse_dates(df["Acknowledged"])
    resp, resp_empty, resp_bad = parse_dates(df["Responded"])
    ext_s = df["Extension days"].str.strip()
    ext = pd.to_numeric(ext_s, errors="coerce")
    ext_bad = ((ext_s != "") & (ext.isna() | (ext < 0))).values
    ext = ext.fillna(0).astype(int).values

    ok = (ref != "").values & stage.isin([1, 2]).values.astype(bool) & ~rec_empty & ~rec_bad & ~ack_bad & ~resp_bad & ~ext_bad
    order_bad = (~ack_empty & (ack < rec)) | (~resp_empty & (resp < rec)) | (~resp_empty & ~ack_empty & (resp < ack))
    ok &= ~np.where(ok, order_bad, False)
    # a repeated reference at the same stage: the first usable row counts
    key = ref + "\x00" + df["Stage"].str.strip()
    dup = np.zeros(len(df), dtype=bool)
    dup[ok] = key[ok].duplicated(keep="first").values
    ok &= ~dup

    stage = stage.values
    out = []
    start_d = np.where(ack_empty, rec, ack)

    def wd(a, b):
        # working days w with a < w <= b
        return np.busday_count(a + 1, b + 1, busdaycal=cal)

    for s in (1, 2):
        m = ok & (stage == s) & (rec >= start) & (rec <= end)
        n = int(m.sum())
        out.append(("CH01-stage%d" % s, n, homes, tenths(1000 * n, homes)))
    for s in (1, 2):
        lim = 10 * s
        m = ok & (stage == s) & ~resp_empty
        m &= np.where(m, (resp >= start) & (resp <= end), False)
        a, b, e = start_d[m], resp[m], ext[m]
        within = int((wd(a, b) <= lim + np.minimum(e, lim)).sum())
        den = int(m.sum())
        out.append(("CH02-stage%d" % s, within, den, tenths(100 * within, den)))

    in_period = ok & (stage == 1) & (rec >= start) & (rec <= end)
    # acknowledgement item: every case; an open one past due counts as late
    acked = in_period & ~ack_empty
    open_ = in_period & ack_empty
    w_ack = int((wd(rec[acked], ack[acked]) <= 5).sum())
    overdue = int((wd(rec[open_], np.full(open_.sum(), asof)) > 5).sum())
    n_ack = int(acked.sum()) + overdue
    out.append(("stage1-acknowledged", w_ack, n_ack, tenths(100 * w_ack, n_ack)))
    # answer item: the cases answered
    ans = in_period & ~resp_empty
    w_ans = int((wd(start_d[ans], resp[ans]) <= 10).sum())
    n_ans = int(ans.sum())
    out.append(("stage1-answered", w_ans, n_ans, tenths(100 * w_ans, n_ans)))
    for row in out:
        print("%s %d %d %.1f" % row)


if __name__ == "__main__":
    main()
