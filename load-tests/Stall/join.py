#!/usr/bin/env python3
# join.py DIR (from observe.sh): one row per second: timeline + silo counters + PostgreSQL wait samples and log events
import csv, sys, collections, datetime, re, os
d = sys.argv[1]
rows = list(csv.DictReader(open(f'{d}/timeline.csv')))
cnt = collections.defaultdict(dict)
if os.path.exists(f'{d}/counters.csv'):
    for r in csv.reader(open(f'{d}/counters.csv')):
        if r[0] == 'Timestamp': continue
        t = datetime.datetime.strptime(r[0], '%m/%d/%Y %H:%M:%S').strftime('%H:%M:%S')
        cnt[t][r[2]] = r[4]
waits = collections.defaultdict(collections.Counter)
if os.path.exists(f'{d}/pg-waits.csv'):
    for r in csv.reader(open(f'{d}/pg-waits.csv')):
        if len(r) < 4: continue
        waits[r[0][:8]][(r[2] or 'cpu')] += int(r[3])
pgev = collections.defaultdict(list)
if os.path.exists(f'{d}/pg.log'):
    for line in open(f'{d}/pg.log'):
        m = re.match(r'\d{4}-\d\d-\d\d (\d\d:\d\d:\d\d)\.\d+ UTC \[\d+\] LOG:\s+(.*)', line)
        if m:
            msg = m.group(2)
            if 'duration' in msg: msg = 'slow ' + msg.split(':')[1].strip()[:6] + 'ms ' + re.sub(r'.*?(INSERT|SELECT|UPDATE|DELETE|COPY|/\*[^*]*\*/).*', r'\1', msg)[:40]
            pgev[m.group(1)].append(msg[:60])
cum = collections.defaultdict(float)
for t in sorted(cnt):
    pass
def c(t, key, scale=1.0, fmt='{:.0f}'):
    for k, v in cnt.get(t, {}).items():
        if k.startswith(key):
            try: return fmt.format(float(v) * scale)
            except: return v
    return ''
print(f"{'utc':8} {'s':>3} {'ph':6} {'sent':>5} {'arr':>5} {'p50':>6} {'p99':>7} {'max':>7} {'lag':>6} | {'gcms':>5} {'g0':>2} {'g1':>2} {'g2':>2} {'tpq':>5} {'thr':>3} {'cpu%':>4} {'lockc':>5} | {'fl50':>6} {'fl99':>6} {'bt50':>4} {'bt99':>4} | pg waits / events")
for r in rows:
    t = r['utc'][11:19]
    pw = ' '.join(f'{k}:{v}' for k, v in waits.get(t, collections.Counter()).most_common(3))
    ev = '; '.join(pgev.get(t, []))[:80]
    cpu = ''
    try: cpu = '{:.0f}'.format(100*(float(c(t,'dotnet.process.cpu.time (s / 1 sec)[cpu.mode=user]','1','{}') or 0)+float(c(t,'dotnet.process.cpu.time (s / 1 sec)[cpu.mode=system]','1','{}') or 0)))
    except: pass
    print(f"{t:8} {r['second']:>3} {r['phase'][:6]:6} {r['sent']:>5} {r['arrived']:>5} {r['delivery_p50_ms']:>6} {r['delivery_p99_ms']:>7} {r['delivery_max_ms']:>7} {r['pacer_lag_max_ms']:>6} | "
          f"{c(t,'dotnet.gc.pause.time',1000):>5} {c(t,'dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen0]'):>2} {c(t,'dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen1]'):>2} {c(t,'dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen2]'):>2} "
          f"{c(t,'dotnet.thread_pool.queue.length'):>5} {c(t,'dotnet.thread_pool.thread.count'):>3} {cpu:>4} {c(t,'dotnet.monitor.lock_contentions'):>5} | "
          f"{c(t,'engagement.transcript.flush_duration (ms)[Percentile=50]',1,'{:.1f}'):>6} {c(t,'engagement.transcript.flush_duration (ms)[Percentile=99]',1,'{:.1f}'):>6} {c(t,'engagement.transcript.batch_size[Percentile=50]'):>4} {c(t,'engagement.transcript.batch_size[Percentile=99]'):>4} | {pw} {ev}")
