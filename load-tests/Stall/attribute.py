#!/usr/bin/env python3
# attribute.py DIR [v] (from observe.sh): for every second whose delivery max passed 100 ms, which event covers at least
# half of it: a GC pause, the silo not running, a PostgreSQL fsync (with STRACE=1), or only a slow batch commit.
import re,sys,csv,datetime,collections
d=sys.argv[1]
def ts(s): return datetime.datetime.strptime(s,'%H:%M:%S.%f')
ev=[]
for line in open(d+'/silo.log'):
    m=re.match(r'(\d\d:\d\d:\d\d\.\d+) warn: .*Pause: GC gen(\d) stopped every thread for ([\d.]+)',line)
    if m: ev.append((ts(m.group(1)),'gc',float(m.group(3))))
    m=re.match(r'(\d\d:\d\d:\d\d\.\d+) warn: .*did not run for ([\d.]+)',line)
    if m: ev.append((ts(m.group(1)),'norun',float(m.group(2))))
    m=re.match(r'(\d\d:\d\d:\d\d\.\d+) warn: .*Slow transcript batch: .*\(([\d.]+) ms queued, ([\d.]+) ms writing',line)
    if m: ev.append((ts(m.group(1)),'commit',float(m.group(3))))
fs=[]
try:
    for line in open(d+'/pg-fsync.strace'):
        m=re.match(r'\d+\s+(\d\d:\d\d:\d\d\.\d+) (fdatasync|fsync)\(.*<([\d.]+)>',line)
        if m and float(m.group(3))*1000>=30: ev.append((ts(m.group(1)[:15]),'fsync',float(m.group(3))*1000))
except FileNotFoundError: pass
rows=[r for r in csv.DictReader(open(d+'/timeline.csv')) if r['phase']=='window']
cls=collections.Counter(); total=0
for r in rows:
    mx=float(r['delivery_max_ms'] or 0)
    if mx<100: continue
    total+=1
    t0=ts(r['utc'][11:23]); t1=t0+datetime.timedelta(seconds=1)+datetime.timedelta(milliseconds=mx)
    found={k:max([v for (t,k2,v) in ev if k2==k and t0<=t<=t1],default=0) for k in ('gc','norun','commit','fsync')}
    big=[k for k in ('gc','norun','fsync') if found[k]>=0.5*mx]
    key=('+'.join(big) if big else ('commit only' if found['commit']>=0.5*mx else 'none'))
    cls[key]+=1
    if len(sys.argv)>2: print(r['utc'][11:19], mx, found)
print(d, 'seconds with max>=100ms:', total, dict(cls))
